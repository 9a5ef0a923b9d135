//! The keyboard: which keys belong to the focused element and which are the lab's shortcuts,
//! and every shortcut the lab answers ([`SHORTCUTS`]: the `?` list and README's table are
//! written from it).
//!
//! The page's keydown listener asks [`target_kind`] what the event's target is and
//! [`shortcut_allowed`] whether a shortcut may fire: never while typing in a field, never with
//! Space or Enter while a button, tab, link or checkbox has focus (they press that control),
//! and letters still work there. [`stops_scrolling`] says when Space's default (scrolling the
//! page) must be prevented: whenever the page itself has focus, so Space never scrolls.

use std::fmt::Write;

/// What has focus when a key is pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// Nothing that takes keys: the page, a heading, a chart, a panel.
    Page,
    /// A control that Space and Enter press: a button, a tab, a link, a checkbox, a slider.
    Control,
    /// A field that takes typing (and its letters): a text or number box, a select.
    Text,
}

/// What is known of an event's target: its tag name (any case), its `type` attribute (inputs),
/// its `role` attribute, whether it is content-editable and whether it has an `href`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Element<'a> {
    pub tag: &'a str,
    pub input_type: Option<&'a str>,
    pub role: Option<&'a str>,
    pub editable: bool,
    pub href: bool,
}

/// Inputs that are pressed or dragged, not typed into.
const PRESSED_INPUTS: [&str; 8] =
    ["button", "submit", "reset", "checkbox", "radio", "range", "color", "file"];
/// ARIA roles of controls that Space or Enter activates.
const CONTROL_ROLES: [&str; 10] =
    ["button", "tab", "link", "checkbox", "radio", "switch", "menuitem", "option", "slider", "spinbutton"];
/// ARIA roles of elements that take typing.
const TEXT_ROLES: [&str; 3] = ["textbox", "combobox", "searchbox"];

/// The kind of an event's target.
pub fn target_kind(el: &Element) -> TargetKind {
    let role = el.role.map(|r| r.trim().to_ascii_lowercase());
    let role = role.as_deref();
    if el.editable || role.is_some_and(|r| TEXT_ROLES.contains(&r)) {
        return TargetKind::Text;
    }
    match el.tag.to_ascii_lowercase().as_str() {
        "textarea" | "select" => TargetKind::Text,
        "input" => {
            let kind = el.input_type.unwrap_or("text").trim().to_ascii_lowercase();
            if PRESSED_INPUTS.contains(&kind.as_str()) {
                TargetKind::Control
            } else {
                TargetKind::Text
            }
        }
        "button" | "summary" => TargetKind::Control,
        "a" if el.href => TargetKind::Control,
        _ if role.is_some_and(|r| CONTROL_ROLES.contains(&r)) => TargetKind::Control,
        _ => TargetKind::Page,
    }
}

/// Keys that a focused control answers itself (pressing it).
const CONTROL_KEYS: [&str; 3] = [" ", "Enter", "Spacebar"];

/// Whether a shortcut on `key` (a `KeyboardEvent.key`) may fire with `target` focused.
pub fn shortcut_allowed(target: TargetKind, key: &str) -> bool {
    match target {
        TargetKind::Page => true,
        TargetKind::Control => !CONTROL_KEYS.contains(&key),
        TargetKind::Text => false,
    }
}

/// Whether `key`'s default must be prevented whatever the shortcuts do: Space with the page
/// focused (it would scroll the page).
pub fn stops_scrolling(target: TargetKind, key: &str) -> bool {
    target == TargetKind::Page && matches!(key, " " | "Spacebar")
}

/// Where a shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    /// The sections that train: the Playground and Side by side.
    Training,
    /// With a section tab focused.
    Tabs,
    /// With the Explorer's chart focused.
    ExplorerChart,
    /// A focused link of the Playground's network diagram.
    NetworkLinks,
}

impl Scope {
    pub const ALL: [Scope; 5] =
        [Scope::Everywhere, Scope::Training, Scope::Tabs, Scope::ExplorerChart, Scope::NetworkLinks];

    /// The heading of the scope's shortcuts.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Everywhere => "Everywhere",
            Scope::Training => "Playground and Side by side",
            Scope::Tabs => "On the section tabs",
            Scope::ExplorerChart => "On the Explorer's chart",
            Scope::NetworkLinks => "On a link of the network diagram",
        }
    }
}

/// One shortcut: the keys as shown (`Space`, `s`, `←`), what it does, where it works.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shortcut {
    pub keys: &'static [&'static str],
    pub does: &'static str,
    pub scope: Scope,
}

/// Every shortcut the lab answers, in the order the list shows them.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut { keys: &["f"], does: "presentation mode on or off", scope: Scope::Everywhere },
    Shortcut { keys: &["?"], does: "show or hide this list", scope: Scope::Everywhere },
    Shortcut { keys: &["Esc"], does: "close this list", scope: Scope::Everywhere },
    Shortcut {
        keys: &["Tab", "Shift+Tab"],
        does: "move between controls; Space or Enter presses the focused one",
        scope: Scope::Everywhere,
    },
    Shortcut { keys: &["Space"], does: "play / pause", scope: Scope::Training },
    Shortcut { keys: &["s"], does: "step one epoch", scope: Scope::Training },
    Shortcut { keys: &["r"], does: "reset to the same initial weights", scope: Scope::Training },
    Shortcut { keys: &["←", "→"], does: "the previous or next section", scope: Scope::Tabs },
    Shortcut { keys: &["Home", "End"], does: "the first or last section", scope: Scope::Tabs },
    Shortcut { keys: &["←", "→"], does: "move the readout", scope: Scope::ExplorerChart },
    Shortcut { keys: &["Home", "End"], does: "the readout to either end", scope: Scope::ExplorerChart },
    Shortcut {
        keys: &["←", "→", "↑", "↓"], does: "the previous or next link", scope: Scope::NetworkLinks
    },
    Shortcut {
        keys: &["Enter", "Space"],
        does: "edit its weight (Enter sets what you type, Esc keeps the weight)",
        scope: Scope::NetworkLinks,
    },
];

/// The shortcuts of `scope`, in list order.
pub fn in_scope(scope: Scope) -> impl Iterator<Item = &'static Shortcut> {
    SHORTCUTS.iter().filter(move |s| s.scope == scope)
}

/// README's shortcut table (tests/readme_keys.rs checks README.md holds exactly this).
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Key | Does |\n|---|---|---|\n");
    for s in SHORTCUTS {
        let keys: Vec<String> = s.keys.iter().map(|k| format!("`{k}`")).collect();
        let _ = writeln!(out, "| {} | {} | {} |", s.scope.title(), keys.join(" "), s.does);
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(tag: &str) -> Element<'_> {
        Element { tag, ..Element::default() }
    }

    fn input(kind: &str) -> Element<'_> {
        Element { tag: "INPUT", input_type: Some(kind), ..Element::default() }
    }

    #[test]
    fn fields_take_typing_and_buttons_are_controls() {
        for el in
            [tag("TEXTAREA"), tag("SELECT"), tag("input"), input("number"), input("text"), input("search")]
        {
            assert_eq!(target_kind(&el), TargetKind::Text, "{el:?}");
        }
        let editable = Element { tag: "DIV", editable: true, ..Element::default() };
        assert_eq!(target_kind(&editable), TargetKind::Text);
        let textbox = Element { tag: "DIV", role: Some("textbox"), ..Element::default() };
        assert_eq!(target_kind(&textbox), TargetKind::Text);
        for el in [tag("BUTTON"), tag("summary"), input("checkbox"), input("range"), input("Radio")] {
            assert_eq!(target_kind(&el), TargetKind::Control, "{el:?}");
        }
        let tab = Element { tag: "DIV", role: Some("tab"), ..Element::default() };
        assert_eq!(target_kind(&tab), TargetKind::Control);
        let link = Element { tag: "A", href: true, ..Element::default() };
        assert_eq!(target_kind(&link), TargetKind::Control);
    }

    #[test]
    fn the_page_and_things_that_take_no_keys_are_the_page() {
        for el in [tag("BODY"), tag("HTML"), tag("CANVAS"), tag("H2"), tag("A"), tag("DIV")] {
            assert_eq!(target_kind(&el), TargetKind::Page, "{el:?}");
        }
        let region = Element { tag: "DIV", role: Some("region"), ..Element::default() };
        assert_eq!(target_kind(&region), TargetKind::Page);
        let img = Element { tag: "CANVAS", role: Some("img"), ..Element::default() };
        assert_eq!(target_kind(&img), TargetKind::Page);
    }

    #[test]
    fn space_and_enter_belong_to_a_focused_control_letters_do_not() {
        for key in [" ", "Enter"] {
            assert!(!shortcut_allowed(TargetKind::Control, key), "{key:?}");
            assert!(shortcut_allowed(TargetKind::Page, key), "{key:?}");
        }
        for key in ["s", "r", "f", "?", "Escape"] {
            assert!(shortcut_allowed(TargetKind::Control, key), "{key:?}");
            assert!(shortcut_allowed(TargetKind::Page, key), "{key:?}");
        }
    }

    #[test]
    fn no_shortcut_fires_while_typing() {
        for key in [" ", "s", "r", "f", "?", "Escape", "Enter"] {
            assert!(!shortcut_allowed(TargetKind::Text, key), "{key:?}");
        }
    }

    #[test]
    fn space_never_scrolls_the_page_and_is_left_to_controls_and_fields() {
        assert!(stops_scrolling(TargetKind::Page, " "));
        assert!(!stops_scrolling(TargetKind::Page, "s"));
        assert!(!stops_scrolling(TargetKind::Control, " "), "a focused button is pressed by Space");
        assert!(!stops_scrolling(TargetKind::Text, " "), "a space typed into a field");
    }

    #[test]
    fn the_list_names_presentation_mode_and_every_scope_has_shortcuts() {
        assert!(SHORTCUTS.iter().any(|s| s.keys == ["f"] && s.does.contains("presentation")));
        for scope in Scope::ALL {
            assert!(in_scope(scope).count() > 0, "{scope:?}");
        }
        let table = markdown_table();
        assert_eq!(table.lines().count(), SHORTCUTS.len() + 2);
        assert!(table.contains("| Everywhere | `f` | presentation mode on or off |"), "{table}");
        assert!(table.contains("| Playground and Side by side | `Space` | play / pause |"), "{table}");
    }
}
