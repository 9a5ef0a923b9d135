//! The documentation of URL keys: one [`KeyDoc`] per key, and [`markdown_table`], which writes
//! the README's key tables (tests keep the README equal to what it writes).

/// One URL key: its values, its default, what it does, and (for the Playground's keys) whether
/// TensorFlow Playground has the same key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyDoc {
    pub key: &'static str,
    pub values: &'static str,
    pub default: &'static str,
    pub meaning: &'static str,
    /// `Some(true)`: TF Playground has this key; `None`: not a Playground key.
    pub tf: Option<bool>,
}

impl KeyDoc {
    pub const fn new(
        key: &'static str,
        values: &'static str,
        default: &'static str,
        meaning: &'static str,
    ) -> KeyDoc {
        KeyDoc { key, values, default, meaning, tf: None }
    }

    /// The same key, saying whether TF Playground has it.
    pub const fn tf(self, tf: bool) -> KeyDoc {
        KeyDoc { tf: Some(tf), ..self }
    }
}

/// The keys as a Markdown table, as the README shows them; a "TF Playground" column when any
/// key says whether TF Playground has it.
pub fn markdown_table(keys: &[KeyDoc]) -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let tf = keys.iter().any(|k| k.tf.is_some());
    let mut out = String::from("| Key | Values | Default | Meaning |");
    out.push_str(if tf { " TF Playground |\n|---|---|---|---|---|\n" } else { "\n|---|---|---|---|\n" });
    for k in keys {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |",
            k.key,
            cell(k.values),
            cell(k.default),
            cell(k.meaning)
        ));
        match k.tf {
            Some(yes) => out.push_str(if yes { " yes |\n" } else { " no |\n" }),
            None if tf => out.push_str("  |\n"),
            None => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_escape_bars_and_show_the_tf_column_only_when_known() {
        let a = KeyDoc::new("a", "`x` | `y`", "x", "A");
        assert_eq!(
            markdown_table(&[a]),
            "| Key | Values | Default | Meaning |\n|---|---|---|---|\n| `a` | `x` \\| `y` | x | A |\n"
        );
        let t = markdown_table(&[a.tf(true), a.tf(false)]);
        assert!(
            t.starts_with("| Key | Values | Default | Meaning | TF Playground |\n|---|---|---|---|---|\n"),
            "{t}"
        );
        assert!(t.ends_with("| A | yes |\n| `a` | `x` \\| `y` | x | A | no |\n"), "{t}");
    }
}
