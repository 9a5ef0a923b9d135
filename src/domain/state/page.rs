//! The page's own URL state: which section is open, and the notices a bad link earns.

use crate::domain::state::query::Query;

/// The three top-level sections, chosen by `?tab=explore|play|experiments`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Explore,
    Play,
    Experiments,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Explore, Tab::Play, Tab::Experiments];

    pub fn id(self) -> &'static str {
        match self {
            Tab::Explore => "explore",
            Tab::Play => "play",
            Tab::Experiments => "experiments",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tab::Explore => "Explorer",
            Tab::Play => "Playground",
            Tab::Experiments => "Experiments",
        }
    }

    pub fn from_id(id: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// A message shown on the page when a link held something we could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub message: String,
}

impl Notice {
    pub fn new(key: &str, message: impl Into<String>) -> Notice {
        Notice { key: key.to_string(), message: message.into() }
    }
}

/// The open section. A link without `tab` but with TensorFlow Playground's settings opens the
/// Playground; an unknown value opens the Explorer with a notice.
pub fn read_tab(query: &Query) -> (Tab, Option<Notice>) {
    match query.get("tab") {
        Some(id) => match Tab::from_id(id) {
            Some(tab) => (tab, None),
            None => (
                Tab::default(),
                Some(Notice::new(
                    "tab",
                    format!("Unknown section '{id}' in the link: try explore, play or experiments."),
                )),
            ),
        },
        None if query.contains("networkShape") || query.contains("activation") => (Tab::Play, None),
        None => (Tab::default(), None),
    }
}

/// The parts of the page that `panels=` can choose (comma list). Each is a CSS class name on
/// its element; the shell hides the others.
pub const PANELS: [&str; 15] = [
    "explorer-controls",
    "explorer-chart",
    "explorer-cards",
    "explorer-properties",
    "explorer-cost",
    "play-controls",
    "play-data",
    "play-network",
    "play-output",
    "play-charts",
    "chart-loss",
    "chart-dead",
    "chart-grad",
    "chart-sparsity",
    "experiments",
];

/// How the page is shown: embedded (no header or footer), which panels, with or without
/// controls, presentation mode.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ViewOptions {
    pub embed: bool,
    /// `None`: every panel. `Some(list)`: only these (ids from [`PANELS`]).
    pub panels: Option<Vec<String>>,
    pub controls: bool,
    pub present: bool,
    /// `autoplay=1`: with `controls=0` the lab then needs no play control of its own.
    pub autoplay: bool,
}

/// A page-level switch (`embed`, `controls`, `present`, `autoplay`): `1` or `true` is on, `0`
/// or `false` off (any case); absent: `default`; anything else: a notice and `default`.
pub fn page_flag(query: &Query, key: &str, default: bool) -> (bool, Option<Notice>) {
    let Some(text) = query.get(key).map(str::trim) else { return (default, None) };
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" => (true, None),
        "0" | "false" => (false, None),
        _ => {
            let message =
                format!("{key}={text} is not 1 (or true) or 0 (or false): using {}.", u8::from(default));
            (default, Some(Notice::new(key, message)))
        }
    }
}

/// Whether the Playground starts training when the page opens (`autoplay=1` or `true`).
pub fn autoplay(query: &Query) -> (bool, Option<Notice>) {
    page_flag(query, "autoplay", false)
}

impl ViewOptions {
    pub fn from_query(query: &Query) -> (ViewOptions, Vec<Notice>) {
        let mut notices = Vec::new();
        let mut flag = |key: &str, default: bool| {
            let (on, notice) = page_flag(query, key, default);
            notices.extend(notice);
            on
        };
        let embed = flag("embed", false);
        let controls = flag("controls", true);
        let present = flag("present", false);
        // The Playground reads autoplay too and says what is wrong with it: no second notice.
        let autoplay = autoplay(query).0;
        let panels = query.get("panels").map(|list| {
            let (known, unknown): (Vec<&str>, Vec<&str>) =
                list.split(',').map(str::trim).filter(|p| !p.is_empty()).partition(|p| PANELS.contains(p));
            if !unknown.is_empty() {
                notices.push(Notice::new(
                    "panels",
                    format!("Unknown panels {}: choose from {}.", unknown.join(", "), PANELS.join(", ")),
                ));
            }
            known.into_iter().map(str::to_string).collect::<Vec<_>>()
        });
        let panels = panels.filter(|p| !p.is_empty());
        (ViewOptions { embed, panels, controls, present, autoplay }, notices)
    }

    /// CSS classes for the shell: `embed`, `presenting`, `no-controls` (and `play-only` when
    /// nothing starts training by itself), and `hide-<panel>` for
    /// every panel not chosen.
    pub fn classes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.embed {
            out.push("embed".to_string());
        }
        if self.present {
            out.push("presenting".to_string());
        }
        if !self.controls {
            out.push("no-controls".to_string());
            // Without controls and without autoplay the lab would sit still: keep Play.
            if !self.autoplay {
                out.push("play-only".to_string());
            }
        }
        if let Some(chosen) = &self.panels {
            let charts_chosen = chosen.iter().any(|p| p.starts_with("chart-"));
            for p in PANELS {
                let keep = chosen.iter().any(|c| c == p) || (p == "play-charts" && charts_chosen);
                if !keep {
                    out.push(format!("hide-{p}"));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_options_come_from_the_link() {
        let (v, n) =
            ViewOptions::from_query(&Query::parse("embed=1&controls=0&panels=play-output,chart-dead"));
        assert!(n.is_empty());
        assert!(v.embed && !v.controls && !v.present);
        let classes = v.classes();
        assert!(classes.contains(&"embed".to_string()) && classes.contains(&"no-controls".to_string()));
        assert!(classes.contains(&"hide-play-network".to_string()));
        assert!(!classes.contains(&"hide-play-output".to_string()));
        assert!(!classes.contains(&"hide-chart-dead".to_string()));
        assert!(!classes.contains(&"hide-play-charts".to_string()), "the charts row holds a chosen chart");
        assert!(classes.contains(&"hide-chart-loss".to_string()));
        assert_eq!(ViewOptions::from_query(&Query::parse("")).0.classes(), Vec::<String>::new());
        assert!(classes.contains(&"play-only".to_string()), "no autoplay: Play stays");
        let autoplaying = ViewOptions::from_query(&Query::parse("controls=0&autoplay=1")).0.classes();
        assert!(
            autoplaying.contains(&"no-controls".to_string())
                && !autoplaying.contains(&"play-only".to_string())
        );
    }

    #[test]
    fn bad_view_options_give_notices() {
        let (v, n) = ViewOptions::from_query(&Query::parse("embed=yes&panels=bogus"));
        assert!(!v.embed);
        assert_eq!(v.panels, None);
        assert_eq!(n.len(), 2);
        assert!(n[1].message.contains("bogus"));
    }

    #[test]
    fn page_switches_take_1_and_true_alike() {
        for text in ["autoplay=1", "autoplay=true", "autoplay=TRUE", "autoplay= true "] {
            assert_eq!(autoplay(&Query::parse(text)), (true, None), "{text}");
        }
        for text in ["", "autoplay=0", "autoplay=false"] {
            assert_eq!(autoplay(&Query::parse(text)), (false, None), "{text}");
        }
        let (on, notice) = autoplay(&Query::parse("autoplay=yes"));
        assert!(!on);
        assert_eq!(
            notice.expect("a notice").message,
            "autoplay=yes is not 1 (or true) or 0 (or false): using 0."
        );
        let (v, n) = ViewOptions::from_query(&Query::parse("embed=true&controls=false&present=True"));
        assert!(n.is_empty(), "{n:?}");
        assert!(v.embed && !v.controls && v.present);
    }

    #[test]
    fn tab_comes_from_the_link() {
        assert_eq!(read_tab(&Query::parse("tab=play")), (Tab::Play, None));
        assert_eq!(read_tab(&Query::parse("tab=experiments")).0, Tab::Experiments);
        assert_eq!(read_tab(&Query::parse("")), (Tab::Explore, None));
        // A TensorFlow Playground hash link opens the Playground.
        assert_eq!(read_tab(&Query::parse("#activation=relu&networkShape=4,2")).0, Tab::Play);
    }

    #[test]
    fn unknown_tab_gives_a_notice_not_a_broken_page() {
        let (tab, notice) = read_tab(&Query::parse("tab=bogus"));
        assert_eq!(tab, Tab::Explore);
        let notice = notice.expect("a notice");
        assert_eq!(notice.key, "tab");
        assert!(notice.message.contains("bogus"));
    }
}
