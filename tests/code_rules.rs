//! The codebase's own rules (ARCHITECTURE.md, "Rules the code follows"), checked on the source
//! text so they stay true: no loops or `format!` inside `html!` (markup stays markup; logic is
//! computed before it), and no folder with more than 12 Rust files side by side.

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The bodies of every `html! { … }` in the text, with the line each starts on.
fn html_blocks(text: &str) -> Vec<(usize, &str)> {
    let mut blocks = Vec::new();
    let mut rest = 0;
    while let Some(found) = text[rest..].find("html!") {
        let start = rest + found;
        let Some(open) = text[start..].find('{').map(|i| start + i + 1) else { break };
        let mut depth = 1;
        let mut end = open;
        for (i, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = open + i;
                break;
            }
        }
        blocks.push((text[..start].lines().count(), &text[open..end]));
        rest = end.max(open);
    }
    blocks
}

#[test]
fn no_loops_or_format_inside_html() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/ui"), &mut files);
    assert!(files.len() > 20, "src/ui not found");
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (line, body) in html_blocks(&text) {
            let compact: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
            for bad in ["{ for ", "{for ", "format!(", ".map("] {
                if compact.contains(bad) {
                    found.push(format!("{}:{line}: `{bad}` inside html!", file.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "compute these before the html! block:\n{}", found.join("\n"));
}

#[test]
fn no_folder_holds_more_than_12_rust_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut per_dir = std::collections::BTreeMap::<PathBuf, usize>::new();
    for f in files {
        *per_dir.entry(f.parent().map(Path::to_path_buf).unwrap_or_default()).or_default() += 1;
    }
    let wide: Vec<String> =
        per_dir.iter().filter(|(_, &n)| n > 12).map(|(d, n)| format!("{}: {n}", d.display())).collect();
    assert!(wide.is_empty(), "group these folders by concern:\n{}", wide.join("\n"));
}
