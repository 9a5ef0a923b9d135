//! Text: the words (and characters) whose boxes the page is asked for, `text-transform`, and
//! `text-align`.

/// A run of text between white space, with its place in the text node in UTF-16 code units
/// (the offsets a DOM Range takes).
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

/// The words of a text node: each is asked for its own box, so the picture keeps the page's
/// line breaks, spacing and alignment whatever the canvas's font metrics.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    let mut offset = 0u32;
    for c in text.chars() {
        let len = c.len_utf16() as u32;
        if c.is_whitespace() {
            out.extend(current.take());
        } else {
            let w = current.get_or_insert_with(|| Word { text: String::new(), start: offset, end: offset });
            w.text.push(c);
            w.end = offset + len;
        }
        offset += len;
    }
    out.extend(current);
    out
}

/// The characters of a word, each as a [`Word`] (for a word the page broke across two lines).
pub fn chars(word: &Word) -> Vec<Word> {
    let mut offset = word.start;
    word.text
        .chars()
        .map(|c| {
            let len = c.len_utf16() as u32;
            let w = Word { text: c.to_string(), start: offset, end: offset + len };
            offset += len;
            w
        })
        .collect()
}

/// A word as `text-transform` shows it.
pub fn transform_text(word: &str, transform: &str) -> String {
    match transform {
        "uppercase" => word.to_uppercase(),
        "lowercase" => word.to_lowercase(),
        "capitalize" => {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        _ => word.to_string(),
    }
}

/// Where text sits in its box horizontally.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Start,
    Centre,
    End,
}

impl Align {
    /// From a computed `text-align`.
    pub fn parse(value: &str) -> Align {
        match value {
            "center" | "-webkit-center" => Align::Centre,
            "right" | "end" | "-webkit-right" => Align::End,
            _ => Align::Start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_utf16_offsets() {
        let w = words("  Dead 𝑓′ ✕ neurons\n");
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Dead", "𝑓′", "✕", "neurons"]);
        assert_eq!((w[0].start, w[0].end), (2, 6));
        // 𝑓 is two UTF-16 units, ′ one.
        assert_eq!((w[1].start, w[1].end), (7, 10));
        assert_eq!((w[2].start, w[2].end), (11, 12));
        assert_eq!((w[3].start, w[3].end), (13, 20));
        assert!(words(" \n\t ").is_empty());
        let c = chars(&w[1]);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].start, c[0].end, c[1].start, c[1].end), (7, 9, 9, 10));
    }

    #[test]
    fn text_transforms() {
        assert_eq!(transform_text("noise", "uppercase"), "NOISE");
        assert_eq!(transform_text("Train", "lowercase"), "train");
        assert_eq!(transform_text("loss", "capitalize"), "Loss");
        assert_eq!(transform_text("ß", "uppercase"), "SS");
        assert_eq!(transform_text("as is", "none"), "as is");
    }
}
