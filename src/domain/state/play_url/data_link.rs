//! Custom points in the link (`data=`): up to [`MAX_LINK_POINTS`] points, quantised to a grid
//! of 0.01 (whole hundredths) and packed into bits, written as base64url.
//!
//! The value is `c.` (classification) or `r.` (regression) followed by base64url (no padding)
//! of a bit stream, most significant bit first, with per point: x1 and x2 as 11-bit numbers
//! `round((v + 6) · 100)` (0..=1200), one bit for the test set (1: test), then the label: one
//! bit for classification (1: +1, 0: −1) or an 8-bit number `round((label + 1) · 100)`
//! (0..=200) for regression; zero bits pad the last byte. 300 points take 1200 characters
//! (classification) or 1551 (regression). Decoding is strict: a value is read back only if it
//! is exactly what [`encode`] writes for some points, so a link cannot hold two spellings of
//! the same data.

use crate::domain::nn::data::{Dataset, DatasetKind, Point, DOMAIN};

/// Most points a link carries; more and the link says it does not hold them (export a CSV).
pub const MAX_LINK_POINTS: usize = 300;

/// The link's grid: coordinates and regression labels are whole hundredths.
const PER_UNIT: f64 = 100.0;
/// Largest coordinate code: 2 · DOMAIN · PER_UNIT.
const COORD_MAX: u32 = 1200;
const COORD_BITS: u32 = 11;
/// Largest regression label code: 2 · PER_UNIT.
const LABEL_MAX: u32 = 200;
const LABEL_BITS: u32 = 8;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn point_bits(regression: bool) -> u32 {
    2 * COORD_BITS + 1 + if regression { LABEL_BITS } else { 1 }
}

/// A value in −half..=half as a code 0..=2·half·PER_UNIT (whole hundredths from −half).
fn code(v: f64, half: f64) -> u32 {
    let max = 2.0 * half * PER_UNIT;
    ((v.clamp(-half, half) * PER_UNIT).round() + half * PER_UNIT).clamp(0.0, max) as u32
}

/// The value of a code (the nearest f64 to a whole number of hundredths, so 1.23 prints so).
fn value(code: u32, half: f64) -> f64 {
    (code as f64 - half * PER_UNIT) / PER_UNIT
}

fn coord_code(v: f64) -> u32 {
    code(v, DOMAIN)
}

fn coord_of(c: u32) -> f64 {
    value(c, DOMAIN)
}

fn label_code(label: f64) -> u32 {
    code(label, 1.0)
}

fn label_of(c: u32) -> f64 {
    value(c, 1.0)
}

/// `p` as the link holds it: coordinates (and a regression label) on the 0.01 grid, inside
/// the domain; a classification label is +1 when positive, else −1.
pub fn quantised(p: Point, regression: bool) -> Point {
    let label = if regression {
        label_of(label_code(p.label))
    } else if p.label > 0.0 {
        1.0
    } else {
        -1.0
    };
    Point { x: coord_of(coord_code(p.x)), y: coord_of(coord_code(p.y)), label }
}

/// The `data=` value of `data` (its points quantised, train then test), or `None` when it has
/// more than [`MAX_LINK_POINTS`] points.
pub fn encode(data: &Dataset) -> Option<String> {
    if data.len() > MAX_LINK_POINTS {
        return None;
    }
    let regression = data.kind.is_regression();
    let mut bits = BitWriter::default();
    for (test, set) in [(false, &data.train), (true, &data.test)] {
        for p in set {
            bits.push(coord_code(p.x), COORD_BITS);
            bits.push(coord_code(p.y), COORD_BITS);
            bits.push(u32::from(test), 1);
            if regression {
                bits.push(label_code(p.label), LABEL_BITS);
            } else {
                bits.push(u32::from(p.label > 0.0), 1);
            }
        }
    }
    let prefix = if regression { "r." } else { "c." };
    Some(format!("{prefix}{}", base64url(&bits.finish())))
}

/// The longest `data=` value of [`MAX_LINK_POINTS`] points.
fn max_len(regression: bool) -> usize {
    let bytes = (MAX_LINK_POINTS * point_bits(regression) as usize).div_ceil(8);
    2 + (bytes * 4).div_ceil(3)
}

/// The points of a `data=` value, for a data set of `kind` (whose problem, classification or
/// regression, the value must be written for). The length is checked before anything is
/// decoded. The error says what is wrong, for a notice.
pub fn decode(text: &str, kind: DatasetKind) -> Result<Dataset, String> {
    let regression = kind.is_regression();
    let (written_for, body) = match text.split_at_checked(2) {
        Some(("c.", body)) => (false, body),
        Some(("r.", body)) => (true, body),
        _ => return Err("it does not start with c. (classification) or r. (regression)".into()),
    };
    if written_for != regression {
        let (is, wants) =
            if written_for { ("regression", "classification") } else { ("classification", "regression") };
        return Err(format!("it holds {is} points but the problem is {wants}"));
    }
    if text.len() > max_len(regression) {
        return Err(format!("it is longer than {MAX_LINK_POINTS} points can be"));
    }
    let bytes = from_base64url(body).ok_or("it is not base64url (A-Z, a-z, 0-9, - and _)")?;
    let per_point = point_bits(regression) as usize;
    let n = bytes.len() * 8 / per_point;
    if (n * per_point).div_ceil(8) != bytes.len() {
        return Err("its length is not that of a whole number of points".into());
    }
    let mut reader = BitReader { bytes: &bytes, at: 0 };
    let mut data = Dataset { kind, train: Vec::new(), test: Vec::new() };
    for i in 1..=n {
        let (x, y) = (reader.take(COORD_BITS), reader.take(COORD_BITS));
        let test = reader.take(1) == 1;
        let label = if regression { reader.take(LABEL_BITS) } else { reader.take(1) };
        if x > COORD_MAX || y > COORD_MAX {
            return Err(format!("point {i} lies outside the plot"));
        }
        if regression && label > LABEL_MAX {
            return Err(format!("point {i}'s target is outside -1 to 1"));
        }
        let label = if regression {
            label_of(label)
        } else if label == 1 {
            1.0
        } else {
            -1.0
        };
        let p = Point { x: coord_of(x), y: coord_of(y), label };
        if test {
            data.test.push(p);
        } else if !data.test.is_empty() {
            return Err(format!("point {i} is a training point after the test points"));
        } else {
            data.train.push(p);
        }
    }
    if reader.rest_is_zero() {
        Ok(data)
    } else {
        Err("it ends with stray bits".into())
    }
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    used: u32,
}

impl BitWriter {
    fn push(&mut self, value: u32, bits: u32) {
        for b in (0..bits).rev() {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = ((value >> b) & 1) as u8;
            if let Some(last) = self.bytes.last_mut() {
                *last |= bit << (7 - self.used % 8);
            }
            self.used += 1;
        }
    }

    fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl BitReader<'_> {
    fn bit(&self, i: usize) -> u32 {
        self.bytes.get(i / 8).map_or(0, |b| u32::from((b >> (7 - i % 8)) & 1))
    }

    fn take(&mut self, bits: u32) -> u32 {
        let mut v = 0;
        for _ in 0..bits {
            v = (v << 1) | self.bit(self.at);
            self.at += 1;
        }
        v
    }

    fn rest_is_zero(&self) -> bool {
        (self.at..self.bytes.len() * 8).all(|i| self.bit(i) == 0)
    }
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity((bytes.len() * 4).div_ceil(3));
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The bytes of unpadded base64url, or `None` for another character, a length no byte count
/// gives, or nonzero unused bits (so every byte string has one spelling).
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let sextets: Vec<u32> = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32))
        .collect::<Option<_>>()?;
    if sextets.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &s)| n | s << (18 - 6 * i));
        let bytes = chunk.len() - 1;
        if n & ((1 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
        for i in 0..bytes {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nn::rng::Rng;

    fn quantised_set(data: &Dataset) -> Dataset {
        let q = |set: &[Point]| set.iter().map(|&p| quantised(p, data.kind.is_regression())).collect();
        Dataset { kind: data.kind, train: q(&data.train), test: q(&data.test) }
    }

    #[test]
    fn base64url_round_trips_every_length() {
        let mut rng = Rng::new(5);
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
            let text = base64url(&bytes);
            assert_eq!(from_base64url(&text), Some(bytes), "{text}");
        }
        assert_eq!(base64url(b"Man"), "TWFu");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("TWE"), Some(b"Ma".to_vec()));
        assert_eq!(from_base64url("TWF"), None, "nonzero unused bits");
        assert_eq!(from_base64url("TWFuT"), None);
        assert_eq!(from_base64url("TW=u"), None);
    }

    #[test]
    fn up_to_300_points_round_trip_exactly_as_quantised() {
        for kind in [DatasetKind::Spiral, DatasetKind::RegGauss] {
            for n in [0, 1, 2, 7, 150, 299, 300] {
                let data = Dataset::generate(kind, n, 20.0, 0.6, n as u64);
                let text = encode(&data).unwrap();
                assert!(text.len() <= max_len(kind.is_regression()), "{n}");
                let back = decode(&text, kind).unwrap();
                assert_eq!(back, quantised_set(&data), "{kind:?} {n}");
                assert_eq!(encode(&back), Some(text.clone()), "{kind:?} {n}");
                assert_eq!((back.train.len(), back.test.len()), (data.train.len(), data.test.len()));
                let moved = data.train.iter().chain(&data.test).zip(back.train.iter().chain(&back.test));
                assert!(moved
                    .into_iter()
                    .all(|(a, b)| (a.x - b.x).abs() <= 0.005 + 1e-9 && (a.y - b.y).abs() <= 0.005 + 1e-9));
            }
        }
        // The corners and the extreme labels survive.
        let corners = Dataset {
            kind: DatasetKind::RegPlane,
            train: vec![Point { x: -6.0, y: 6.0, label: -1.0 }, Point { x: 6.0, y: -6.0, label: 1.0 }],
            test: vec![Point { x: 0.004, y: -0.006, label: 0.333 }],
        };
        let back = decode(&encode(&corners).unwrap(), DatasetKind::RegPlane).unwrap();
        assert_eq!(back.train, corners.train);
        assert_eq!(back.test[0].label, label_of(133));
        assert!((back.test[0].x - 0.0).abs() < 1e-12 && (back.test[0].y + 0.01).abs() < 1e-12);
        // 300 classification points in 1200 characters (plus the prefix).
        let full = Dataset::generate(DatasetKind::Circle, 300, 0.0, 0.5, 1);
        assert_eq!(encode(&full).unwrap().len(), 2 + 1200);
    }

    #[test]
    fn more_than_300_points_and_malformed_values_are_refused() {
        let big = Dataset::generate(DatasetKind::Circle, 301, 0.0, 0.5, 1);
        assert_eq!(encode(&big), None);
        let text = encode(&Dataset::generate(DatasetKind::Circle, 300, 0.0, 0.5, 1)).unwrap();
        // One point more than 300 (3 bytes = 4 characters) is too long, before decoding.
        let long = format!("{text}AAAA");
        assert!(decode(&long, DatasetKind::Circle).unwrap_err().contains("longer than 300"));
        let huge = format!("c.{}", "A".repeat(1_000_000));
        assert!(decode(&huge, DatasetKind::Circle).unwrap_err().contains("longer"));
        let err = |t: &str, k: DatasetKind| decode(t, k).unwrap_err();
        assert!(err("x.AAAA", DatasetKind::Circle).contains("start with"));
        assert!(err("", DatasetKind::Circle).contains("start with"));
        assert!(err("r.AAAA", DatasetKind::Circle).contains("regression points"));
        assert!(err("c.AA*A", DatasetKind::Circle).contains("base64url"));
        assert!(err("c.AAAAAA", DatasetKind::Circle).contains("whole number"));
        // x code 2047 > 1200.
        assert!(err("c.__-A", DatasetKind::Circle).contains("outside the plot"));
        // A train point after a test point: (0,0,test,-1) then (0,0,train,-1).
        let mut w = BitWriter::default();
        for test in [1, 0] {
            w.push(0, 22);
            w.push(test, 1);
            w.push(0, 1);
        }
        assert!(err(&format!("c.{}", base64url(&w.finish())), DatasetKind::Circle).contains("after the test"));
        // A regression target code above 200.
        let mut w = BitWriter::default();
        w.push(0, 23);
        w.push(255, 8);
        assert!(err(&format!("r.{}", base64url(&w.finish())), DatasetKind::RegPlane).contains("target"));
        // Stray bits in the padding of the last byte.
        let mut w = BitWriter::default();
        w.push(0, 31);
        w.push(1, 1);
        assert!(err(&format!("r.{}", base64url(&w.finish())), DatasetKind::RegPlane).contains("stray"));
        assert_eq!(
            decode("c.", DatasetKind::Xor),
            Ok(Dataset { kind: DatasetKind::Xor, train: vec![], test: vec![] })
        );
    }
}
