//! The embedding API's message vocabulary (pure): what a course page may ask of an embedded
//! lab through `postMessage`, and the names of what the lab reports back. The ui layer moves
//! these in and out of browser messages; anything else is ignored.

/// The `type` field of every message to or from the lab.
pub const COMMAND_TYPE: &str = "activation-lab:command";
pub const EPOCH_TYPE: &str = "activation-lab:epoch";
pub const HEIGHT_TYPE: &str = "activation-lab:height";
/// The lab's answer to every command: `{type, command, ok, notices: [{key, message}]}`.
pub const REPLY_TYPE: &str = "activation-lab:reply";
/// The longest `settings` a `set` command may carry.
pub const MAX_SETTINGS_LEN: usize = 4096;

/// A command from the parent page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Play,
    Pause,
    Step,
    Reset,
    /// Settings in the link's query form, e.g. `activation=elu&learningRate=0.1`: the
    /// Playground applies them as if they were in its link.
    Set(String),
}

impl Command {
    pub const NAMES: [&'static str; 5] = ["play", "pause", "step", "reset", "set"];

    /// A command from its `command` field (and `settings` for `set`, `None` when it is missing
    /// or not a string); for anything unknown or malformed, what the reply says instead.
    pub fn parse(command: &str, settings: Option<&str>) -> Result<Command, String> {
        match (command, settings) {
            ("play", _) => Ok(Command::Play),
            ("pause", _) => Ok(Command::Pause),
            ("step", _) => Ok(Command::Step),
            ("reset", _) => Ok(Command::Reset),
            ("set", Some(q)) if q.len() > MAX_SETTINGS_LEN => Err(format!(
                "set: settings of {} characters are too long (at most {MAX_SETTINGS_LEN}); nothing changed.",
                q.len()
            )),
            ("set", Some(q)) if !q.trim().is_empty() => Ok(Command::Set(q.to_string())),
            ("set", _) => Err(
                "set needs settings: a string of the link's keys, e.g. \"learningRate=0.1\"; nothing changed."
                    .into(),
            ),
            (other, _) => {
                let shown: String = other.chars().take(40).collect();
                Err(format!("Unknown command '{shown}': try {}.", Command::NAMES.join(", ")))
            }
        }
    }

    /// The command's name, as in its message.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Play => "play",
            Command::Pause => "pause",
            Command::Step => "step",
            Command::Reset => "reset",
            Command::Set(_) => "set",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_commands_parse_and_others_say_why_not() {
        assert_eq!(Command::parse("play", None), Ok(Command::Play));
        assert_eq!(Command::parse("pause", Some("x")), Ok(Command::Pause));
        assert_eq!(Command::parse("step", None), Ok(Command::Step));
        assert_eq!(Command::parse("reset", None), Ok(Command::Reset));
        assert_eq!(Command::parse("set", Some("activation=elu")), Ok(Command::Set("activation=elu".into())));
        for name in Command::NAMES {
            let c = Command::parse(name, Some("a=1")).expect("known");
            assert_eq!(c.name(), name);
        }
        assert!(Command::parse("set", None).unwrap_err().starts_with("set needs settings"));
        assert!(Command::parse("set", Some("  ")).unwrap_err().starts_with("set needs settings"));
        assert_eq!(
            Command::parse("set", Some(&"a".repeat(5000))).unwrap_err(),
            "set: settings of 5000 characters are too long (at most 4096); nothing changed."
        );
        assert_eq!(
            Command::parse("explode", None).unwrap_err(),
            "Unknown command 'explode': try play, pause, step, reset, set."
        );
        assert!(Command::parse(&"x".repeat(1000), None).unwrap_err().len() < 120, "a long name is cut");
        assert!(Command::parse("", None).is_err());
    }
}
