//! README.md's URL key tables are exactly what the code documents: each table is the one
//! [`markdown_table`] writes from a section's `KEYS`, and every documented default is what
//! that section writes for its default state. A changed key, value range or default fails here
//! until the README is regenerated (`cargo test --test readme_keys -- --ignored` prints the
//! tables).

use activation_lab::domain::experiments::born_dead_view::{self, BornDeadView};
use activation_lab::domain::experiments::compare::{self, CompareState};
use activation_lab::domain::experiments::depth::{self, DepthState};
use activation_lab::domain::state::key_doc::{markdown_table, KeyDoc};
use activation_lab::domain::state::play_url::{self, PlayState};
use activation_lab::domain::state::query::Query;

/// Each section's keys and the link its default state writes.
fn sections() -> Vec<(&'static str, &'static [KeyDoc], Query)> {
    let written = |write: &dyn Fn(&mut Query)| {
        let mut q = Query::default();
        write(&mut q);
        q
    };
    vec![
        ("Playground", play_url::KEYS, written(&|q| PlayState::default().write_query(q))),
        ("Side by side", compare::KEYS, written(&|q| CompareState::default().write_query(q))),
        ("Gradients through depth", depth::KEYS, written(&|q| DepthState::default().write_query(q))),
        ("Born dead", &born_dead_view::KEYS, written(&|q| BornDeadView::default().write_query(q))),
    ]
}

#[test]
fn the_readme_tables_are_the_documented_keys() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    for (name, keys, _) in sections() {
        let table = markdown_table(keys);
        assert!(
            readme.contains(&format!("\n\n{table}\n")),
            "README.md's {name} key table differs from the code's; paste this one:\n{table}"
        );
    }
}

#[test]
fn every_documented_default_is_what_the_default_state_writes() {
    for (name, keys, written) in sections() {
        let in_order: Vec<&str> = written.keys().collect();
        assert_eq!(in_order, keys.iter().map(|k| k.key).collect::<Vec<_>>(), "{name}");
        for k in keys {
            let v = written.get(k.key).unwrap_or_default();
            // The Playground's defaults carry prose ("relu (TF Playground: tanh)", "empty").
            let ok = if k.tf.is_some() { v.is_empty() || k.default.contains(v) } else { v == k.default };
            assert!(ok, "{name}: {}'s documented default '{}' vs written '{v}'", k.key, k.default);
        }
    }
}

#[test]
#[ignore = "prints the README's key tables"]
fn print_the_readme_tables() {
    for (name, keys, _) in sections() {
        println!("{name}:\n\n{}", markdown_table(keys));
    }
}

#[test]
fn the_readme_shortcut_table_is_every_shortcut() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let table = activation_lab::domain::keyboard::markdown_table();
    assert!(
        readme.contains(&format!("\n\n{table}\n")),
        "README.md's shortcut table differs from domain::keyboard::SHORTCUTS; paste this one:\n{table}"
    );
}
