//! The one reader of URL values: every section's `from_query` reads its keys through
//! [`UrlReader`], so that a bad value is treated, and explained, the same way everywhere.
//!
//! A bad value never breaks the page. Each kind of problem has one wording:
//! - out of range: `key=text is out of range: using V (allowed: LO to HI).` (clamped)
//! - not a number: `key=text is not a number: keeping D (allowed: LO to HI).` (refused)
//! - not a whole number: `key=text is not a whole number: using N.` (rounded)
//! - unknown value: `key=text is unknown: try A, B, C; keeping D.` (refused)

use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;

/// Reads values from a query and collects the notices about the bad ones.
pub struct UrlReader<'a> {
    query: &'a Query,
    notices: Vec<Notice>,
    /// Whether `key=` (an empty value) counts as absent (TF Playground's rule) or as a value.
    empty_is_absent: bool,
}

impl<'a> UrlReader<'a> {
    /// A reader for which an empty value counts as absent (as in TF Playground).
    pub fn new(query: &'a Query) -> UrlReader<'a> {
        UrlReader { query, notices: Vec::new(), empty_is_absent: true }
    }

    /// A reader for which an empty value is a value like any other (and so usually a bad one).
    pub fn with_empty_values(query: &'a Query) -> UrlReader<'a> {
        UrlReader { empty_is_absent: false, ..UrlReader::new(query) }
    }

    pub fn query(&self) -> &'a Query {
        self.query
    }

    /// Adds a notice of the caller's own wording (for problems other than the four kinds).
    pub fn notice(&mut self, key: &str, message: impl Into<String>) {
        self.notices.push(Notice::new(key, message));
    }

    /// The notices collected so far.
    pub fn finish(self) -> Vec<Notice> {
        self.notices
    }

    /// The trimmed value (`None` if absent, or empty when empty values count as absent).
    pub fn value(&self, key: &str) -> Option<&'a str> {
        self.query.get(key).map(str::trim).filter(|v| !(self.empty_is_absent && v.is_empty()))
    }

    /// The number of `key` clamped into `lo..=hi` (notice if clamped); absent: `default`; not a
    /// number: notice, `default`.
    pub fn number(&mut self, key: &str, range: (f64, f64), default: f64) -> f64 {
        match self.value(key) {
            Some(text) => self.parse_number(key, text, range, &default.to_string()).unwrap_or(default),
            None => default,
        }
    }

    /// As [`UrlReader::number`] for a key without a numeric default: `None` when absent or not a
    /// number (the notice then says "keeping the default").
    pub fn optional_number(&mut self, key: &str, range: (f64, f64)) -> Option<f64> {
        let text = self.value(key)?;
        self.parse_number(key, text, range, "the default")
    }

    /// As [`UrlReader::optional_number`], the notice for a value that is not a number saying
    /// that `kept` is kept.
    pub fn number_keeping(&mut self, key: &str, range: (f64, f64), kept: &str) -> Option<f64> {
        let text = self.value(key)?;
        self.parse_number(key, text, range, kept)
    }

    /// A whole number rounded and clamped into `lo..=hi` (notice if changed); absent: `default`;
    /// not a number: notice, `default`.
    pub fn count(&mut self, key: &str, (lo, hi): (usize, usize), default: usize) -> usize {
        let Some(text) = self.value(key) else {
            return default;
        };
        let (lo_f, hi_f) = (lo as f64, hi as f64);
        let Some(v) = self.parse_finite(key, text, (lo_f, hi_f), &default.to_string()) else {
            return default;
        };
        let used = v.round().clamp(lo_f, hi_f);
        if !(lo_f..=hi_f).contains(&v.round()) {
            self.out_of_range(key, text, used, (lo_f, hi_f));
        } else if v.fract() != 0.0 {
            self.notice(key, format!("{key}={text} is not a whole number: using {used}."));
        }
        used as usize
    }

    /// `true` or `false` (any case); anything else: notice, `default`.
    pub fn flag(&mut self, key: &str, default: bool) -> bool {
        let parse =
            |t: &str| ["false", "true"].iter().position(|b| t.eq_ignore_ascii_case(b)).map(|i| i == 1);
        self.choice(key, parse, &["true", "false"], default, &default.to_string())
    }

    /// One of a fixed set of values (`options` lists their ids for the notice); absent:
    /// `default`; unknown: notice, `default` (named `default_id`).
    pub fn choice<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        options: &[&str],
        default: T,
        default_id: &str,
    ) -> T {
        let Some(text) = self.value(key) else {
            return default;
        };
        parse(text).unwrap_or_else(|| {
            self.unknown(key, text, options, default_id);
            default
        })
    }

    /// The notice for an unknown value of `key`.
    pub fn unknown(&mut self, key: &str, text: &str, options: &[&str], kept: &str) {
        self.notice(key, format!("{key}={text} is unknown: try {}; keeping {kept}.", options.join(", ")));
    }

    /// `text` as a number clamped into the range (notice if clamped); not a number: notice
    /// naming `kept`, `None`.
    fn parse_number(&mut self, key: &str, text: &str, range: (f64, f64), kept: &str) -> Option<f64> {
        let v = self.parse_finite(key, text, range, kept)?;
        let used = v.clamp(range.0, range.1);
        if used != v {
            self.out_of_range(key, text, used, range);
        }
        Some(used)
    }

    /// `text` as a finite number; else a notice naming `kept`, `None`.
    fn parse_finite(&mut self, key: &str, text: &str, (lo, hi): (f64, f64), kept: &str) -> Option<f64> {
        let v = text.parse::<f64>().ok().filter(|v| v.is_finite());
        if v.is_none() {
            self.notice(
                key,
                format!("{key}={text} is not a number: keeping {kept} (allowed: {lo} to {hi})."),
            );
        }
        v
    }

    fn out_of_range(&mut self, key: &str, text: &str, used: f64, (lo, hi): (f64, f64)) {
        self.notice(key, format!("{key}={text} is out of range: using {used} (allowed: {lo} to {hi})."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str, read: impl FnOnce(&mut UrlReader)) -> Vec<String> {
        let q = Query::parse(text);
        let mut r = UrlReader::new(&q);
        read(&mut r);
        r.finish().into_iter().map(|n| n.message).collect()
    }

    #[test]
    fn each_kind_of_bad_value_has_one_wording() {
        let m = messages("a=50&b=fast&c=2.6&d=0.2&e=nope&f=", |r| {
            assert_eq!(r.number("a", (0.0, 10.0), 1.0), 10.0);
            assert_eq!(r.count("b", (1, 9), 5), 5);
            assert_eq!(r.count("c", (1, 9), 5), 3);
            assert_eq!(r.count("d", (1, 9), 5), 1);
            assert!(r.flag("e", true));
            assert_eq!(r.number("f", (0.0, 1.0), 0.5), 0.5);
        });
        assert_eq!(
            m,
            [
                "a=50 is out of range: using 10 (allowed: 0 to 10).",
                "b=fast is not a number: keeping 5 (allowed: 1 to 9).",
                "c=2.6 is not a whole number: using 3.",
                "d=0.2 is out of range: using 1 (allowed: 1 to 9).",
                "e=nope is unknown: try true, false; keeping true.",
            ]
        );
    }

    #[test]
    fn whole_numbers_written_with_a_point_and_huge_values_are_fine() {
        let m = messages("a=12.0&b=1e400&c=99999999999999999999999&d=-4", |r| {
            assert_eq!(r.count("a", (1, 50), 5), 12);
            assert_eq!(r.count("b", (1, 50), 5), 5);
            assert_eq!(r.count("c", (1, 50), 5), 50);
            assert_eq!(r.count("d", (1, 50), 5), 1);
            assert_eq!(r.optional_number("e", (0.0, 1.0)), None);
        });
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("not a number"), "{m:?}");
    }

    #[test]
    fn empty_values_are_absent_unless_asked_otherwise() {
        let q = Query::parse("a=&b= ");
        let mut r = UrlReader::new(&q);
        assert_eq!((r.count("a", (1, 9), 5), r.value("b")), (5, None));
        assert!(r.finish().is_empty());
        let mut r = UrlReader::with_empty_values(&q);
        assert_eq!((r.count("a", (1, 9), 5), r.value("b")), (5, Some("")));
        assert_eq!(r.finish().len(), 1);
    }
}
