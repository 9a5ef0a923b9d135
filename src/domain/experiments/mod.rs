//! The Experiments section: which experiment is open (`?exp=compare|depth|born-dead`) and each
//! experiment's own state and URL form.

pub mod born_dead;
pub mod born_dead_view;
pub mod compare;
pub mod depth;
pub mod lockstep;

use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Experiment {
    #[default]
    Compare,
    Depth,
    BornDead,
}

impl Experiment {
    pub const ALL: [Experiment; 3] = [Experiment::Compare, Experiment::Depth, Experiment::BornDead];

    pub fn id(self) -> &'static str {
        match self {
            Experiment::Compare => "compare",
            Experiment::Depth => "depth",
            Experiment::BornDead => "born-dead",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Experiment::Compare => "Side by side",
            Experiment::Depth => "Gradients through depth",
            Experiment::BornDead => "Born dead",
        }
    }

    pub fn from_id(id: &str) -> Option<Experiment> {
        Experiment::ALL.into_iter().find(|e| e.id() == id)
    }
}

/// The open experiment; an unknown `exp` opens the first with a notice.
pub fn read_experiment(query: &Query) -> (Experiment, Option<Notice>) {
    match query.get("exp") {
        None => (Experiment::default(), None),
        Some(id) => match Experiment::from_id(id) {
            Some(e) => (e, None),
            None => (
                Experiment::default(),
                Some(Notice::new(
                    "exp",
                    format!("Unknown experiment '{id}': try compare, depth or born-dead."),
                )),
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_chooses_the_experiment() {
        assert_eq!(read_experiment(&Query::parse("exp=depth")), (Experiment::Depth, None));
        assert_eq!(read_experiment(&Query::parse("exp=born-dead")).0, Experiment::BornDead);
        assert_eq!(read_experiment(&Query::parse("")).0, Experiment::Compare);
        let (e, n) = read_experiment(&Query::parse("exp=nope"));
        assert_eq!(e, Experiment::Compare);
        assert!(n.unwrap().message.contains("nope"));
    }
}
