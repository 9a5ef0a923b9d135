//! The embedding API's message vocabulary (pure): what a course page may ask of an embedded
//! lab through `postMessage`, and the names of what the lab reports back. The ui layer moves
//! these in and out of browser messages; anything else is ignored.

/// The `type` field of every message to or from the lab.
pub const COMMAND_TYPE: &str = "activation-lab:command";
pub const EPOCH_TYPE: &str = "activation-lab:epoch";
pub const HEIGHT_TYPE: &str = "activation-lab:height";

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
    /// A command from its `command` field (and `settings` for `set`); `None` for anything
    /// unknown or malformed, which the lab ignores.
    pub fn parse(command: &str, settings: Option<&str>) -> Option<Command> {
        match (command, settings) {
            ("play", _) => Some(Command::Play),
            ("pause", _) => Some(Command::Pause),
            ("step", _) => Some(Command::Step),
            ("reset", _) => Some(Command::Reset),
            ("set", Some(q)) if !q.trim().is_empty() && q.len() <= 4096 => Some(Command::Set(q.to_string())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_commands_parse_and_others_are_ignored() {
        assert_eq!(Command::parse("play", None), Some(Command::Play));
        assert_eq!(Command::parse("pause", Some("x")), Some(Command::Pause));
        assert_eq!(Command::parse("step", None), Some(Command::Step));
        assert_eq!(Command::parse("reset", None), Some(Command::Reset));
        assert_eq!(
            Command::parse("set", Some("activation=elu")),
            Some(Command::Set("activation=elu".into()))
        );
        assert_eq!(Command::parse("set", None), None);
        assert_eq!(Command::parse("set", Some("  ")), None);
        assert_eq!(Command::parse("set", Some(&"a".repeat(5000))), None);
        assert_eq!(Command::parse("explode", None), None);
        assert_eq!(Command::parse("", None), None);
    }
}
