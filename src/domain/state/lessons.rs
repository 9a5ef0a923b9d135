//! Guided lessons: the texts live in `lessons/lessons.txt` (data a teacher can read and
//! improve, not code); this module parses them and applies a lesson's settings to a link.

use crate::domain::state::page::{Notice, PANELS};
use crate::domain::state::query::Query;

/// The lesson file, read at build time.
pub const LESSONS_TXT: &str = include_str!("../../../lessons/lessons.txt");

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    /// The lab's settings for this lesson, as a query string.
    pub link: String,
    pub look: String,
    pub try_this: String,
    pub question: String,
    /// What presentation mode keeps on screen for this lesson (optional `focus:` line): the
    /// chart or panel it talks about (ids of `page::PANELS` or [`FOCUS_CHARTS`]) and the controls its "try" step
    /// needs that presentation mode would hide (ids of [`FOCUS_CONTROLS`]).
    pub focus: Vec<String>,
}

/// The Playground's advanced controls a lesson may name in `focus:` (their test ids).
pub const FOCUS_CONTROLS: [&str; 8] =
    ["optimizer", "loss", "regularization", "reg-rate", "init", "bias-init", "problem", "seed"];

/// The side-by-side experiment's charts a lesson may name in `focus:`.
pub const FOCUS_CHARTS: [&str; 2] = ["cmp-chart-loss", "cmp-chart-dead"];

/// The `focus:` list: ids separated by commas or spaces, each a panel, a chart or a control.
fn parse_focus(text: &str) -> Result<Vec<String>, String> {
    let ids: Vec<String> = text.split([',', ' ']).filter(|t| !t.is_empty()).map(String::from).collect();
    let known = |id: &str| PANELS.contains(&id) || FOCUS_CHARTS.contains(&id) || FOCUS_CONTROLS.contains(&id);
    match ids.iter().find(|id| !known(id)) {
        Some(bad) => Err(format!(
            "focus '{bad}' is neither a panel ({}, {}) nor a control ({})",
            PANELS.join(", "),
            FOCUS_CHARTS.join(", "),
            FOCUS_CONTROLS.join(", ")
        )),
        None => Ok(ids),
    }
}

/// Parses the lesson format (see the comment at the top of lessons.txt). Errors name the
/// block and the missing or unknown key.
pub fn parse(text: &str) -> Result<Vec<Lesson>, String> {
    let mut lessons = Vec::new();
    for (b, block) in text.split("\n---").enumerate() {
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in block.lines() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() || line.trim() == "---" {
                continue;
            }
            if let Some(rest) = line.strip_prefix("  ") {
                match fields.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(rest.trim());
                    }
                    None => {
                        return Err(format!("lesson block {}: a continuation line before any key", b + 1))
                    }
                }
                continue;
            }
            let (key, value) = line
                .split_once(':')
                .ok_or_else(|| format!("lesson block {}: expected 'key: value', got '{line}'", b + 1))?;
            fields.push((key.trim().to_string(), value.trim().to_string()));
        }
        if fields.is_empty() {
            continue;
        }
        let take = |key: &str| -> Result<String, String> {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_empty())
                .ok_or_else(|| format!("lesson block {}: missing '{key}'", b + 1))
        };
        if let Some((k, _)) = fields
            .iter()
            .find(|(k, _)| !["id", "title", "link", "look", "try", "question", "focus"].contains(&k.as_str()))
        {
            return Err(format!("lesson block {}: unknown key '{k}'", b + 1));
        }
        let lesson = Lesson {
            id: take("id")?,
            title: take("title")?,
            link: take("link")?,
            look: take("look")?,
            try_this: take("try")?,
            question: take("question")?,
            focus: match fields.iter().find(|(k, _)| k == "focus") {
                Some((_, v)) => parse_focus(v).map_err(|e| format!("lesson block {}: {e}", b + 1))?,
                None => Vec::new(),
            },
        };
        if !lesson.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("lesson '{}': ids use letters, digits and dashes", lesson.id));
        }
        if lessons.iter().any(|l: &Lesson| l.id == lesson.id) {
            return Err(format!("lesson '{}' appears twice", lesson.id));
        }
        lessons.push(lesson);
    }
    Ok(lessons)
}

/// The built-in lessons (the file is checked by a test, so this never fails in a release).
pub fn all() -> Vec<Lesson> {
    parse(LESSONS_TXT).unwrap_or_default()
}

/// If the link names a lesson: the lesson, and the link with the lesson's settings applied
/// (they replace the section's settings; `lesson` and the embedding keys are kept). An unknown
/// lesson gives a notice and leaves the link alone.
pub fn apply(query: &Query, lessons: &[Lesson]) -> (Option<(usize, Lesson)>, Query, Option<Notice>) {
    let Some(id) = query.get("lesson") else { return (None, query.clone(), None) };
    match lessons.iter().position(|l| l.id == id) {
        Some(i) => {
            let mut out = Query::parse(&lessons[i].link);
            out.set("lesson", id);
            for key in ["embed", "panels", "controls", "autoplay", "present"] {
                if let Some(v) = query.get(key) {
                    out.set(key, v);
                }
            }
            (Some((i, lessons[i].clone())), out, None)
        }
        None => {
            let ids: Vec<&str> = lessons.iter().map(|l| l.id.as_str()).collect();
            let notice =
                Notice::new("lesson", format!("Unknown lesson '{id}': the lessons are {}.", ids.join(", ")));
            (None, query.clone(), Some(notice))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::state::explorer::ExplorerState;
    use crate::domain::state::page::{read_tab, Tab};
    use crate::domain::state::play_url::PlayState;

    #[test]
    fn the_lesson_file_parses_and_covers_the_seed_article() {
        let lessons = parse(LESSONS_TXT).expect("lessons.txt parses");
        let ids: Vec<&str> = lessons.iter().map(|l| l.id.as_str()).collect();
        for id in [
            "what-is-relu",
            "non-linearity",
            "vanishing-gradients",
            "sparse-activation",
            "dying-relu",
            "kink-at-zero",
            "variants",
        ] {
            assert!(ids.contains(&id), "missing lesson {id}");
        }
        for l in &lessons {
            let sentences = l.look.matches(". ").count() + 1;
            assert!((2..=5).contains(&sentences), "{}: 'look' has {sentences} sentences", l.id);
            assert!(l.question.ends_with('?'), "{}: a question ends with '?'", l.id);
        }
    }

    #[test]
    fn every_lesson_link_opens_cleanly() {
        for l in all() {
            let q = Query::parse(&l.link);
            let (tab, notice) = read_tab(&q);
            assert!(notice.is_none(), "{}: {notice:?}", l.id);
            match tab {
                Tab::Explore => assert!(ExplorerState::from_query(&q).1.is_empty(), "{}", l.id),
                Tab::Play => assert!(
                    PlayState::from_query(&q).1.is_empty(),
                    "{}: {:?}",
                    l.id,
                    PlayState::from_query(&q).1
                ),
                Tab::Experiments => {}
            }
        }
    }

    #[test]
    fn applying_a_lesson_replaces_the_settings_and_keeps_embedding() {
        let lessons = all();
        let (found, q, notice) =
            apply(&Query::parse("lesson=dying-relu&embed=1&learningRate=3&biasInit=-3"), &lessons);
        assert!(notice.is_none());
        assert_eq!(found.map(|(_, l)| l.id), Some("dying-relu".to_string()));
        assert_eq!(q.get("learningRate"), Some("1"));
        assert_eq!(q.get("biasInit"), None, "the lesson's own settings replace the old ones");
        assert_eq!(q.get("embed"), Some("1"));
        assert_eq!(q.get("lesson"), Some("dying-relu"));
        let (none, same, notice) = apply(&Query::parse("lesson=nope&tab=play"), &lessons);
        assert!(none.is_none());
        assert_eq!(same.get("tab"), Some("play"));
        assert!(notice.unwrap().message.contains("dying-relu"));
    }

    #[test]
    fn malformed_lesson_files_are_refused_with_the_reason() {
        assert!(parse("id: a\ntitle: t\nlink: tab=play\nlook: x\ntry: y").unwrap_err().contains("question"));
        assert!(parse("id: a b\ntitle: t\nlink: l\nlook: x\ntry: y\nquestion: q?")
            .unwrap_err()
            .contains("dashes"));
        assert!(parse("  orphan").unwrap_err().contains("continuation"));
        assert!(parse("id: a\nwhat: x").unwrap_err().contains("unknown key 'what'"));
        let bad_focus = parse("id: a\ntitle: t\nlink: tab=play\nlook: x\ntry: y\nquestion: q?\nfocus: chart-grad, initialisation");
        assert!(bad_focus.unwrap_err().contains("focus 'initialisation' is neither"));
        let ok =
            parse("id: a\ntitle: t\nlink: tab=play\nlook: x\ntry: y\nquestion: q?\nfocus: chart-grad, init")
                .expect("parses");
        assert_eq!(ok[0].focus, vec!["chart-grad".to_string(), "init".to_string()]);
    }

    #[test]
    fn every_lesson_names_what_presentation_mode_keeps_on_screen_in_its_own_section() {
        for l in all() {
            let tab = read_tab(&Query::parse(&l.link)).0;
            let prefixes: &[&str] = match tab {
                Tab::Explore => &["explorer-"],
                Tab::Play => &["play-", "chart-"],
                Tab::Experiments => &["cmp-chart-"],
            };
            let panel = l.focus.iter().find(|f| !FOCUS_CONTROLS.contains(&f.as_str()));
            assert!(
                panel.is_some_and(|p| prefixes.iter().any(|x| p.starts_with(x))),
                "{}: focus {:?}",
                l.id,
                l.focus
            );
        }
        let vanishing = all().into_iter().find(|l| l.id == "vanishing-gradients").expect("lesson");
        assert!(vanishing.focus.contains(&"init".to_string()), "its 'try' step changes the initialisation");
    }
}
