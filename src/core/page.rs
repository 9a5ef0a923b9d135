//! The page's own URL state: which section is open, and the notices a bad link earns.

use super::query::Query;

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

#[cfg(test)]
mod tests {
    use super::*;

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
