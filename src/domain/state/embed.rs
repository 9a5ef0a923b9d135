//! The embedding API's message vocabulary (pure): what a course page may ask of an embedded
//! lab through `postMessage`, and the names of what the lab reports back. The ui layer moves
//! these in and out of browser messages; anything else is ignored. Also the snippet the
//! Embed dialog writes.

use crate::domain::state::query::Query;

/// The `type` field of every message to or from the lab.
pub const COMMAND_TYPE: &str = "activation-lab:command";
pub const EPOCH_TYPE: &str = "activation-lab:epoch";
pub const HEIGHT_TYPE: &str = "activation-lab:height";
/// The lab's answer to every command: `{type, command, ok, notices: [{key, message}]}`.
pub const REPLY_TYPE: &str = "activation-lab:reply";
/// The longest `settings` a `set` command may carry.
pub const MAX_SETTINGS_LEN: usize = 4096;

/// The notice for `set` settings of `len` characters (more than [`MAX_SETTINGS_LEN`]).
pub fn too_long(len: usize) -> String {
    format!("set: settings of {len} characters are too long (at most {MAX_SETTINGS_LEN}); nothing changed.")
}

/// What the Embed dialog lets a teacher choose beyond the view itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnippetOptions {
    /// Only these panels (ids from `page::PANELS`); empty: every panel.
    pub panels: Vec<String>,
    pub controls: bool,
    pub autoplay: bool,
}

/// The panels the dialog offers for a section (`tab` id).
pub fn panels_for(tab: &str) -> &'static [&'static str] {
    match tab {
        "play" => &[
            "play-controls",
            "play-data",
            "play-network",
            "play-output",
            "chart-loss",
            "chart-dead",
            "chart-grad",
            "chart-sparsity",
        ],
        "experiments" => &[],
        _ => &["explorer-controls", "explorer-chart", "explorer-cards", "explorer-properties"],
    }
}

/// A sensible fixed iframe height for a section, for pages that strip embed.js.
pub fn height_for(tab: &str) -> u32 {
    match tab {
        "play" | "experiments" => 900,
        _ => 720,
    }
}

/// The snippet docs/embedding.md describes: an iframe marked `data-activation-lab` on the
/// view `query` (with `embed=1` and the chosen options), then `embed.js` from beside the lab,
/// which grows the frame to the lab's content. `page` is the lab's address without query
/// (`https://host/lab/index.html` or `https://host/lab/`).
pub fn snippet(page: &str, query: &Query, options: &SnippetOptions) -> String {
    let mut query = query.clone();
    query.set("embed", "1");
    let panels = options.panels.join(",");
    for (key, on, value) in [
        ("panels", !options.panels.is_empty(), panels.as_str()),
        ("controls", !options.controls, "0"),
        ("autoplay", options.autoplay, "1"),
    ] {
        if on {
            query.set(key, value);
        } else {
            query.remove(key);
        }
    }
    let tab = crate::domain::state::page::read_tab(&query).0.id();
    let dir = page.rsplit_once('/').map_or(page, |(dir, _)| dir);
    format!(
        "<iframe data-activation-lab src=\"{page}?{}\" title=\"Activation Lab\" loading=\"lazy\" allow=\"fullscreen\" width=\"100%\" height=\"{}\" style=\"border:0\"></iframe>\n<script src=\"{dir}/embed.js\" defer></script>",
        query.to_query_string().replace('&', "&amp;"),
        height_for(tab),
    )
}

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
            ("set", Some(q)) if q.len() > MAX_SETTINGS_LEN => Err(too_long(q.len())),
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

    #[test]
    fn the_snippet_is_the_documented_one_with_the_chosen_options() {
        let query = Query::parse("tab=play&activation=relu&controls=0&autoplay=1");
        let options = SnippetOptions { panels: vec![], controls: true, autoplay: false };
        let s = snippet("https://u.github.io/lab/index.html", &query, &options);
        assert_eq!(
            s,
            "<iframe data-activation-lab src=\"https://u.github.io/lab/index.html?tab=play&amp;activation=relu&amp;embed=1\" \
             title=\"Activation Lab\" loading=\"lazy\" allow=\"fullscreen\" width=\"100%\" height=\"900\" style=\"border:0\"></iframe>\n\
             <script src=\"https://u.github.io/lab/embed.js\" defer></script>"
        );
        let options = SnippetOptions {
            panels: vec!["play-output".into(), "chart-dead".into()],
            controls: false,
            autoplay: true,
        };
        let s = snippet("http://127.0.0.1:8080/", &Query::parse("act=relu"), &options);
        assert!(s.contains("src=\"http://127.0.0.1:8080/?act=relu&amp;embed=1&amp;panels=play-output,chart-dead&amp;controls=0&amp;autoplay=1\""), "{s}");
        assert!(
            s.contains("height=\"720\"")
                && s.ends_with("<script src=\"http://127.0.0.1:8080/embed.js\" defer></script>"),
            "{s}"
        );
        for tab in ["explore", "play", "experiments"] {
            for p in panels_for(tab) {
                assert!(crate::domain::state::page::PANELS.contains(p), "{p}");
            }
        }
    }
}
