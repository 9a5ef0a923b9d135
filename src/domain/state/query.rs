//! The URL's query form: `key=value&key=value`, read from `location.search` and from
//! `location.hash` (TensorFlow Playground keeps its settings in the hash), written back in a
//! stable order. Pure string handling; the ui layer only hands strings in and out.

/// Ordered key/value pairs of a query string. Later keys override earlier ones on `get`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
    /// Whether some of the pairs came from a hash (`#a=1`): TensorFlow Playground's form of a
    /// link (this app only ever writes the query), whose missing keys mean TF's defaults.
    hash_form: bool,
}

impl Query {
    /// Parses `?a=1&b=x`, `#a=1&b=x` or `a=1&b=x`. Percent-escapes and `+` are decoded;
    /// malformed escapes are kept literally (never an error: a link is never refused whole).
    pub fn parse(text: &str) -> Query {
        let hash_form = text.trim_start_matches('?').starts_with('#');
        let text = text.trim_start_matches(['?', '#']);
        let pairs = text
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| match part.split_once('=') {
                Some((k, v)) => (decode(k), decode(v)),
                None => (decode(part), String::new()),
            })
            .collect::<Vec<_>>();
        Query { hash_form: hash_form && !pairs.is_empty(), pairs }
    }

    /// Reads both parts of a URL: the hash first, then the search, so that an explicit query
    /// key wins over a TensorFlow Playground hash key of the same name.
    pub fn from_location(search: &str, hash: &str) -> Query {
        let mut q = Query::parse(hash.trim_start_matches('#'));
        q.hash_form = !q.pairs.is_empty();
        q.pairs.extend(Query::parse(search).pairs);
        q
    }

    /// Whether the link is in TensorFlow Playground's hash form (`#activation=tanh&…`): then a
    /// key it does not hold means TF Playground's default, not ours.
    pub fn is_hash_form(&self) -> bool {
        self.hash_form
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        self.pairs.retain(|(k, _)| k != key);
        self.pairs.push((key.to_string(), value));
    }

    pub fn remove(&mut self, key: &str) {
        self.pairs.retain(|(k, _)| k != key);
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// `a=1&b=x` (no leading `?`), escaping what must be escaped but leaving the characters
    /// of our text forms (`(`, `)`, `,`, `.`, `-`) readable.
    pub fn to_query_string(&self) -> String {
        self.pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(b as char),
            b'-' | b'_' | b'.' | b'~' | b'(' | b')' | b',' | b'!' | b'*' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_search_and_tensorflow_playground_hash() {
        let q = Query::from_location(
            "?tab=play&act=leaky_relu(0.2),elu",
            "#activation=relu&learningRate=0.03&networkShape=4,2",
        );
        assert_eq!(q.get("tab"), Some("play"));
        assert_eq!(q.get("act"), Some("leaky_relu(0.2),elu"));
        assert_eq!(q.get("activation"), Some("relu"));
        assert_eq!(q.get("networkShape"), Some("4,2"));
        assert_eq!(q.get("missing"), None);
        assert!(q.is_hash_form());
        // Our own links never use the hash.
        assert!(!Query::from_location("?tab=play&networkShape=4,2", "").is_hash_form());
        assert!(!Query::from_location("?tab=play", "#").is_hash_form());
        assert!(Query::parse("#networkShape=4,2").is_hash_form());
        assert!(!Query::parse("networkShape=4,2").is_hash_form());
    }

    #[test]
    fn search_wins_over_hash_and_escapes_decode() {
        let q = Query::from_location("?seed=2&note=a%20b+c", "#seed=1");
        assert_eq!(q.get("seed"), Some("2"));
        assert_eq!(q.get("note"), Some("a b c"));
        // A broken escape is kept, not dropped.
        assert_eq!(Query::parse("x=100%").get("x"), Some("100%"));
        assert_eq!(Query::parse("x=%zz").get("x"), Some("%zz"));
    }

    #[test]
    fn round_trips_and_keeps_text_forms_readable() {
        let mut q = Query::default();
        q.set("tab", "explore");
        q.set("act", "relu,elu(0.5)");
        q.set("note", "a b&c");
        let s = q.to_query_string();
        assert_eq!(s, "tab=explore&act=relu,elu(0.5)&note=a%20b%26c");
        assert_eq!(Query::parse(&s), q);
        q.set("tab", "play");
        assert_eq!(q.get("tab"), Some("play"));
        assert_eq!(q.keys().filter(|k| *k == "tab").count(), 1);
    }
}
