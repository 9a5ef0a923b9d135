//! The Playground's 2D toy datasets.
//!
//! The six TensorFlow Playground sets follow TF Playground's own generators
//! (tensorflow/playground `src/dataset.ts`: `classifyCircleData`, `classifyXORData`,
//! `classifyTwoGaussData`, `classifySpiralData`, `regressPlane`, `regressGaussian`) and its
//! `generateData` (`src/playground.ts`): 500 points for classification and 1200 for regression,
//! the noise slider 0..50 used as the fraction `noise / 100`, the whole set shuffled and then
//! split into train and test. Two extra classification sets, `moons` and `checkerboard`, follow
//! the same conventions. Every random draw comes from the project's seeded [`Rng`].

use std::fmt;

use crate::domain::nn::rng::Rng;
use crate::domain::nn::settings::MAX_POINTS;

/// The largest CSV file the import reads (1 MB): [`MAX_POINTS`] points at up to 100 bytes a
/// line, where a line of the lab's own export (full f64 precision) takes at most about 70. A
/// larger file is refused by its size before it is read.
pub const MAX_CSV_BYTES: usize = 1_000_000;

/// Refuses a CSV file of `bytes` bytes (a browser's `File.size`) before reading it.
pub fn check_csv_size(bytes: f64) -> Result<(), CsvError> {
    if bytes.is_nan() || bytes > MAX_CSV_BYTES as f64 {
        return Err(CsvError::TooLarge { bytes });
    }
    Ok(())
}

/// "1.5 MB", "820 KB", "12 bytes": a file size for people.
pub fn size_text(bytes: f64) -> String {
    if bytes >= 1e6 {
        format!("{:.1} MB", bytes / 1e6)
    } else if bytes >= 1e3 {
        format!("{:.0} KB", bytes / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

/// Which dataset the Playground trains on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    Circle,
    Xor,
    Gauss,
    Spiral,
    Moons,
    Checkerboard,
    RegPlane,
    RegGauss,
}

impl DatasetKind {
    pub const ALL: [DatasetKind; 8] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Checkerboard,
        DatasetKind::RegPlane,
        DatasetKind::RegGauss,
    ];
    pub const CLASSIFICATION: [DatasetKind; 6] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gauss,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::Checkerboard,
    ];
    pub const REGRESSION: [DatasetKind; 2] = [DatasetKind::RegPlane, DatasetKind::RegGauss];

    /// TF Playground's URL key (`datasets` / `regDatasets` in `src/state.ts`).
    pub fn id(&self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gauss => "gauss",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Moons => "moons",
            DatasetKind::Checkerboard => "checkerboard",
            DatasetKind::RegPlane => "reg-plane",
            DatasetKind::RegGauss => "reg-gauss",
        }
    }

    /// The name shown to the user (TF Playground's thumbnail titles).
    pub fn label(&self) -> &'static str {
        match self {
            DatasetKind::Circle => "Circle",
            DatasetKind::Xor => "Exclusive or",
            DatasetKind::Gauss => "Gaussian",
            DatasetKind::Spiral => "Spiral",
            DatasetKind::Moons => "Moons",
            DatasetKind::Checkerboard => "Checkerboard",
            DatasetKind::RegPlane => "Plane",
            DatasetKind::RegGauss => "Multi Gaussian",
        }
    }

    /// The kind whose [`DatasetKind::id`] is `id`.
    pub fn from_id(id: &str) -> Option<DatasetKind> {
        DatasetKind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Regression sets have labels in [-1, 1]; classification sets have labels -1 or +1.
    pub fn is_regression(&self) -> bool {
        matches!(self, DatasetKind::RegPlane | DatasetKind::RegGauss)
    }

    /// TF Playground's `NUM_SAMPLES_CLASSIFY` (500) and `NUM_SAMPLES_REGRESS` (1200).
    pub fn default_num_points(&self) -> usize {
        if self.is_regression() {
            NUM_SAMPLES_REGRESS
        } else {
            NUM_SAMPLES_CLASSIFY
        }
    }
}

/// TF Playground's number of points of a classification set.
pub const NUM_SAMPLES_CLASSIFY: usize = 500;
/// TF Playground's number of points of a regression set.
pub const NUM_SAMPLES_REGRESS: usize = 1200;
/// The largest noise value (percent), TF Playground's slider maximum.
pub const MAX_NOISE: f64 = 50.0;

/// One example: the inputs x = X₁, y = X₂ and the target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub label: f64,
}

impl Point {
    /// Whether the point lies in the plotted domain [-DOMAIN, DOMAIN]² (and is finite).
    pub fn in_domain(&self) -> bool {
        in_domain(self.x) && in_domain(self.y)
    }
}

fn in_domain(v: f64) -> bool {
    v.is_finite() && v.abs() <= DOMAIN
}

pub const DOMAIN: f64 = 6.0; // inputs live in [-6, 6]² (TF Playground's plot domain)

/// TF Playground's generators. noise in 0..=50 (percent, as TF).
///
/// Exactly `num_points` points, in generation order (not shuffled; [`Dataset::generate`]
/// shuffles). Noise outside 0..=50 is clamped to it (NaN counts as 0). For the two-class sets
/// the positive class gets the extra point when `num_points` is odd. Every point lies in
/// [-DOMAIN, DOMAIN]².
pub fn generate(kind: DatasetKind, num_points: usize, noise: f64, rng: &mut Rng) -> Vec<Point> {
    // TF: `generator(numSamples, state.noise / 100)`.
    let noise = if noise.is_nan() { 0.0 } else { noise.clamp(0.0, MAX_NOISE) / 100.0 };
    let mut points = Vec::with_capacity(num_points);
    let positives = num_points.div_ceil(2);
    let negatives = num_points / 2;
    match kind {
        DatasetKind::Circle => circle(&mut points, positives, negatives, noise, rng),
        DatasetKind::Xor => xor(&mut points, num_points, noise, rng),
        DatasetKind::Gauss => two_gauss(&mut points, positives, negatives, noise, rng),
        DatasetKind::Spiral => spiral(&mut points, num_points, noise, rng),
        DatasetKind::Moons => moons(&mut points, positives, negatives, noise, rng),
        DatasetKind::Checkerboard => checkerboard(&mut points, num_points, noise, rng),
        DatasetKind::RegPlane => regress(&mut points, num_points, noise, rng, plane_label),
        DatasetKind::RegGauss => regress(&mut points, num_points, noise, rng, gauss_label),
    }
    debug_assert_eq!(points.len(), num_points);
    points
}

/// TF `classifyCircleData`: positives at radius U(0, 2.5), negatives at U(3.5, 5), uniform
/// angle; the label is whether the point *displaced by the noise* (U(-5, 5)·noise on each
/// axis) is within 2.5 of the origin, while the point itself stays where it was drawn.
fn circle(out: &mut Vec<Point>, positives: usize, negatives: usize, noise: f64, rng: &mut Rng) {
    let radius = 5.0;
    let label = |x: f64, y: f64| {
        if x.hypot(y) < radius * 0.5 {
            1.0
        } else {
            -1.0
        }
    };
    for (count, lo, hi) in [(positives, 0.0, radius * 0.5), (negatives, radius * 0.7, radius)] {
        for _ in 0..count {
            let r = rng.uniform(lo, hi);
            let angle = rng.uniform(0.0, 2.0 * std::f64::consts::PI);
            let x = r * angle.sin();
            let y = r * angle.cos();
            let noise_x = rng.uniform(-radius, radius) * noise;
            let noise_y = rng.uniform(-radius, radius) * noise;
            out.push(Point { x, y, label: label(x + noise_x, y + noise_y) });
        }
    }
}

/// TF `classifyXORData`: x, y ~ U(-5, 5) pushed 0.3 away from the axes; label +1 when
/// (x + U(-5,5)·noise)·(y + U(-5,5)·noise) >= 0, else -1.
fn xor(out: &mut Vec<Point>, n: usize, noise: f64, rng: &mut Rng) {
    let padding = 0.3;
    for _ in 0..n {
        let mut x = rng.uniform(-5.0, 5.0);
        x += if x > 0.0 { padding } else { -padding };
        let mut y = rng.uniform(-5.0, 5.0);
        y += if y > 0.0 { padding } else { -padding };
        let noise_x = rng.uniform(-5.0, 5.0) * noise;
        let noise_y = rng.uniform(-5.0, 5.0) * noise;
        let label = if (x + noise_x) * (y + noise_y) >= 0.0 { 1.0 } else { -1.0 };
        out.push(Point { x, y, label });
    }
}

/// TF `classifyTwoGaussData`: label +1 around (2, 2), -1 around (-2, -2), variance
/// 0.5 + 7·noise (d3 scale [0, .5] → [0.5, 4]), i.e. standard deviation √variance.
/// Unlike TF, a draw falling outside the plotted domain is drawn again (TF keeps it, but never
/// shows it), so every point can be plotted, exported and imported.
fn two_gauss(out: &mut Vec<Point>, positives: usize, negatives: usize, noise: f64, rng: &mut Rng) {
    let variance = 0.5 + (4.0 - 0.5) * noise / 0.5;
    let std = variance.sqrt();
    for (count, c, label) in [(positives, 2.0, 1.0), (negatives, -2.0, -1.0)] {
        for _ in 0..count {
            loop {
                let x = rng.gaussian(c, std);
                let y = rng.gaussian(c, std);
                let p = Point { x, y, label };
                if p.in_domain() {
                    out.push(p);
                    break;
                }
            }
        }
    }
}

/// TF `classifySpiralData`: two arms of 1.75 turns, radius growing to 5, the negative arm
/// rotated by π; each point displaced by U(-1, 1)·noise on each axis. n = num_points / 2 as in
/// TF (`let n = numSamples / 2`).
fn spiral(out: &mut Vec<Point>, num_points: usize, noise: f64, rng: &mut Rng) {
    let n = num_points as f64 / 2.0;
    let arms = [(num_points.div_ceil(2), 0.0, 1.0), (num_points / 2, std::f64::consts::PI, -1.0)];
    for (count, delta_t, label) in arms {
        for i in 0..count {
            let i = i as f64;
            let r = i / n * 5.0;
            let t = 1.75 * i / n * 2.0 * std::f64::consts::PI + delta_t;
            let x = r * t.sin() + rng.uniform(-1.0, 1.0) * noise;
            let y = r * t.cos() + rng.uniform(-1.0, 1.0) * noise;
            out.push(Point { x, y, label });
        }
    }
}

/// The scale of the moons: the unit half circles (x in [-1, 2], y in [-0.5, 1]) become
/// x in [-4.8, 4.8], y in [-2.4, 2.4]; the narrowest gap between the moons is 0.5·3.2 = 1.6.
pub const MOONS_SCALE: f64 = 3.2;
/// The moons' jitter: each coordinate moves by U(-1, 1)·(noise / 100)·2, so up to ±1 at the
/// slider's 50 (the points then stay within ±5.8).
pub const MOONS_JITTER: f64 = 2.0;

/// Two interleaving half circles (scikit-learn's `make_moons` shape) centred on the origin:
/// label +1 on the upper moon (cos t, sin t), -1 on the lower one (1 - cos t, 0.5 - sin t),
/// t ~ U(0, π). Noise displaces the points as spiral's does (U(-1, 1) on each axis), scaled
/// by [`MOONS_JITTER`].
fn moons(out: &mut Vec<Point>, positives: usize, negatives: usize, noise: f64, rng: &mut Rng) {
    for (count, label) in [(positives, 1.0), (negatives, -1.0)] {
        for _ in 0..count {
            let t = rng.uniform(0.0, std::f64::consts::PI);
            let (ux, uy) = if label > 0.0 { (t.cos(), t.sin()) } else { (1.0 - t.cos(), 0.5 - t.sin()) };
            // Centre the pair (x in [-1, 2], y in [-0.5, 1]) on the origin, then scale.
            let x = MOONS_SCALE * (ux - 0.5) + rng.uniform(-1.0, 1.0) * noise * MOONS_JITTER;
            let y = MOONS_SCALE * (uy - 0.25) + rng.uniform(-1.0, 1.0) * noise * MOONS_JITTER;
            out.push(Point { x, y, label });
        }
    }
}

/// Side of a checkerboard square: 4×4 squares cover [-6, 6]².
pub const CHECKER_SIZE: f64 = 2.0 * DOMAIN / 4.0;

/// The checkerboard's label of (x, y): +1 when the square's column + row is even (so the square
/// [0, 3)² is +1, agreeing with xor's first quadrant), else -1. Defined on the whole plane.
pub fn checker_label(x: f64, y: f64) -> f64 {
    let col = (x / CHECKER_SIZE).floor();
    let row = (y / CHECKER_SIZE).floor();
    if (col + row).rem_euclid(2.0) == 0.0 {
        1.0
    } else {
        -1.0
    }
}

/// Checkerboard, xor's rules on a 4×4 board: a uniformly chosen square, a uniform position in
/// it kept 0.3 away from its edges (xor's padding), and the label of the position displaced by
/// U(-1, 1)·square·noise on each axis (xor displaces by U(-5, 5)·noise, 5 being its quadrant).
fn checkerboard(out: &mut Vec<Point>, n: usize, noise: f64, rng: &mut Rng) {
    let padding = 0.3;
    let coord = |rng: &mut Rng| {
        let square = rng.below(4) as f64;
        -DOMAIN + square * CHECKER_SIZE + rng.uniform(padding, CHECKER_SIZE - padding)
    };
    for _ in 0..n {
        let x = coord(rng);
        let y = coord(rng);
        let noise_x = rng.uniform(-CHECKER_SIZE, CHECKER_SIZE) * noise;
        let noise_y = rng.uniform(-CHECKER_SIZE, CHECKER_SIZE) * noise;
        out.push(Point { x, y, label: checker_label(x + noise_x, y + noise_y) });
    }
}

/// TF `regressPlane` / `regressGaussian`: x, y ~ U(-6, 6); the label is the target function
/// at the point displaced by U(-6, 6)·noise on each axis.
fn regress(out: &mut Vec<Point>, n: usize, noise: f64, rng: &mut Rng, label: fn(f64, f64) -> f64) {
    let radius = DOMAIN;
    for _ in 0..n {
        let x = rng.uniform(-radius, radius);
        let y = rng.uniform(-radius, radius);
        let noise_x = rng.uniform(-radius, radius) * noise;
        let noise_y = rng.uniform(-radius, radius) * noise;
        out.push(Point { x, y, label: label(x + noise_x, y + noise_y) });
    }
}

/// TF `regressPlane`'s target: (x + y) / 10 (d3 scale [-10, 10] → [-1, 1]), clamped to [-1, 1]
/// (TF's scale is not clamped, so its corners reach ±1.2, and ±1.8 with noise; the project's
/// targets live in [-1, 1]).
pub fn plane_label(x: f64, y: f64) -> f64 {
    ((x + y) / 10.0).clamp(-1.0, 1.0)
}

/// TF `regressGaussian`'s target: six bumps of sign ±1 at (±4 | 0, ±2.5), each
/// sign·max(0, 1 - dist/2); the label is the one largest in absolute value.
pub fn gauss_label(x: f64, y: f64) -> f64 {
    const GAUSSIANS: [(f64, f64, f64); 6] = [
        (-4.0, 2.5, 1.0),
        (0.0, 2.5, -1.0),
        (4.0, 2.5, 1.0),
        (-4.0, -2.5, -1.0),
        (0.0, -2.5, 1.0),
        (4.0, -2.5, -1.0),
    ];
    let mut label: f64 = 0.0;
    for (cx, cy, sign) in GAUSSIANS {
        // d3 scale [0, 2] → [1, 0], clamped.
        let scaled = (1.0 - (x - cx).hypot(y - cy) / 2.0).clamp(0.0, 1.0);
        let new_label = sign * scaled;
        if new_label.abs() > label.abs() {
            label = new_label;
        }
    }
    label
}

/// A dataset split into the points the model trains on and the held-out test points.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub kind: DatasetKind,
    pub train: Vec<Point>,
    pub test: Vec<Point>,
}

impl Dataset {
    /// Generates with Rng::derive(seed, "data"), shuffles, splits: train gets round(num_points * train_fraction) points.
    ///
    /// As TF's `generateData`: generate, shuffle the whole set with the same generator, then the
    /// first points are train and the rest test. `train_fraction` is clamped to [0, 1] (NaN
    /// counts as 0.5, TF's default `percTrainData`).
    pub fn generate(
        kind: DatasetKind,
        num_points: usize,
        noise: f64,
        train_fraction: f64,
        seed: u64,
    ) -> Dataset {
        let mut rng = Rng::derive(seed, "data");
        let mut points = generate(kind, num_points, noise, &mut rng);
        rng.shuffle(&mut points);
        let n_train = train_count(points.len(), train_fraction);
        let test = points.split_off(n_train);
        Dataset { kind, train: points, test }
    }

    /// Adds a point to the training set (the caller checks it, e.g. with [`Point::in_domain`]).
    pub fn add_point(&mut self, p: Point) {
        self.train.push(p);
    }

    /// Removes and returns the train or test point nearest to (x, y), if it is within
    /// `max_dist` (inclusive). On a tie the train point wins.
    pub fn remove_nearest(&mut self, x: f64, y: f64, max_dist: f64) -> Option<Point> {
        let mut best: Option<(bool, usize, f64)> = None;
        for (is_train, set) in [(true, &self.train), (false, &self.test)] {
            for (i, p) in set.iter().enumerate() {
                let d = (p.x - x).hypot(p.y - y);
                if d <= max_dist && best.is_none_or(|(_, _, bd)| d < bd) {
                    best = Some((is_train, i, d));
                }
            }
        }
        let (is_train, i, _) = best?;
        Some(if is_train { self.train.remove(i) } else { self.test.remove(i) })
    }

    /// Number of train plus test points.
    pub fn len(&self) -> usize {
        self.train.len() + self.test.len()
    }

    /// Whether there is no point at all.
    pub fn is_empty(&self) -> bool {
        self.train.is_empty() && self.test.is_empty()
    }

    /// The CSV text of the dataset: header `x1,x2,label,set`, then the train points and the
    /// test points, `set` being `train` or `test`. Numbers are written in Rust's shortest
    /// round-trip form, so [`Dataset::from_csv`] gives back the same bits.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("x1,x2,label,set\n");
        for (name, set) in [("train", &self.train), ("test", &self.test)] {
            for p in set {
                out.push_str(&format!("{},{},{},{}\n", p.x, p.y, p.label, name));
            }
        }
        out
    }

    /// Reads a dataset from CSV: `x1,x2,label` (all train) or `x1,x2,label,set` with set
    /// `train` or `test` (case-insensitive; an empty set means train). The header is optional
    /// (a first line with no number in it); blank lines are skipped; fields may be quoted.
    /// Classification labels must be -1 or 1 (0 is read as -1); regression labels must lie in
    /// [-1, 1]; x1 and x2 must lie in [-6, 6]. Line numbers in errors count from 1 and include
    /// the header and blank lines.
    /// A text over [`MAX_CSV_BYTES`] or with more than [`MAX_POINTS`] points is refused (the
    /// rows are counted as they are read, before a point beyond the limit is built).
    pub fn from_csv(kind: DatasetKind, text: &str) -> Result<Dataset, CsvError> {
        check_csv_size(text.len() as f64)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut data = Dataset { kind, train: Vec::new(), test: Vec::new() };
        let mut seen_first = false;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            if raw.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = raw.split(',').map(clean_field).collect();
            let is_first = !seen_first;
            seen_first = true;
            if is_first && fields.iter().all(|f| f.parse::<f64>().is_err()) {
                // A header line.
                if !(3..=4).contains(&fields.len()) {
                    return Err(CsvError::BadColumnCount { line, found: fields.len() });
                }
                continue;
            }
            if data.train.len() + data.test.len() == MAX_POINTS {
                return Err(CsvError::TooManyPoints { line });
            }
            let (p, is_train) = parse_row(kind, line, &fields)?;
            if is_train {
                data.train.push(p);
            } else {
                data.test.push(p);
            }
        }
        if data.is_empty() {
            return Err(CsvError::Empty);
        }
        Ok(data)
    }
}

/// How many of `n` points go to training: round(n · fraction), fraction clamped to [0, 1].
pub fn train_count(n: usize, train_fraction: f64) -> usize {
    let f = if train_fraction.is_nan() { 0.5 } else { train_fraction.clamp(0.0, 1.0) };
    ((n as f64 * f).round() as usize).min(n)
}

fn clean_field(field: &str) -> &str {
    let f = field.trim();
    f.strip_prefix('"').and_then(|g| g.strip_suffix('"')).map_or(f, str::trim)
}

fn parse_row(kind: DatasetKind, line: usize, fields: &[&str]) -> Result<(Point, bool), CsvError> {
    if !(3..=4).contains(&fields.len()) {
        return Err(CsvError::BadColumnCount { line, found: fields.len() });
    }
    let number = |i: usize, column: &'static str| {
        fields[i].parse::<f64>().map_err(|_| CsvError::BadNumber {
            line,
            column,
            text: fields[i].to_string(),
        })
    };
    let x = number(0, "x1")?;
    let y = number(1, "x2")?;
    let mut label = number(2, "label")?;
    if !in_domain(x) || !in_domain(y) {
        return Err(CsvError::OutOfDomain { line });
    }
    if kind.is_regression() {
        if !(label.is_finite() && (-1.0..=1.0).contains(&label)) {
            return Err(CsvError::BadLabel { line, label });
        }
    } else if label == 0.0 {
        label = -1.0;
    } else if label != 1.0 && label != -1.0 {
        return Err(CsvError::BadLabel { line, label });
    }
    let is_train = match fields.get(3) {
        None => true,
        Some(set) if set.is_empty() || set.eq_ignore_ascii_case("train") => true,
        Some(set) if set.eq_ignore_ascii_case("test") => false,
        Some(set) => return Err(CsvError::BadSet { line, text: set.to_string() }),
    };
    Ok((Point { x, y, label }, is_train))
}

/// Why a CSV file could not be read as a dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum CsvError {
    Empty,
    BadColumnCount {
        line: usize,
        found: usize,
    },
    BadNumber {
        line: usize,
        column: &'static str,
        text: String,
    },
    OutOfDomain {
        line: usize,
    },
    BadLabel {
        line: usize,
        label: f64,
    },
    BadSet {
        line: usize,
        text: String,
    },
    /// The file (of this many bytes) is larger than [`MAX_CSV_BYTES`].
    TooLarge {
        bytes: f64,
    },
    /// Line `line` holds point number [`MAX_POINTS`] + 1.
    TooManyPoints {
        line: usize,
    },
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvError::Empty => write!(
                f,
                "the file has no data: expected lines of x1,x2,label (optionally ,set)"
            ),
            CsvError::BadColumnCount { line, found } => write!(
                f,
                "line {line}: expected 3 columns (x1,x2,label) or 4 (x1,x2,label,set), found {found}"
            ),
            CsvError::BadNumber { line, column, text } => {
                write!(f, "line {line}: {column} is not a number: \"{text}\"")
            }
            CsvError::OutOfDomain { line } => write!(
                f,
                "line {line}: x1 and x2 must be numbers between -{DOMAIN} and {DOMAIN}"
            ),
            CsvError::BadLabel { line, label } => write!(
                f,
                "line {line}: bad label {label}: classification labels must be -1 or 1 (0 counts as -1), regression labels between -1 and 1"
            ),
            CsvError::BadSet { line, text } => write!(
                f,
                "line {line}: set must be \"train\" or \"test\", found \"{text}\""
            ),
            CsvError::TooLarge { bytes } => write!(
                f,
                "the file is {}, more than the {} a CSV of {MAX_POINTS} points needs, so it was not read",
                size_text(*bytes),
                size_text(MAX_CSV_BYTES as f64)
            ),
            CsvError::TooManyPoints { line } => write!(
                f,
                "line {line}: more than {MAX_POINTS} points, the most the lab trains on"
            ),
        }
    }
}

impl std::error::Error for CsvError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(points: &[Point]) -> Vec<[u64; 3]> {
        points.iter().map(|p| [p.x.to_bits(), p.y.to_bits(), p.label.to_bits()]).collect()
    }

    fn gen(kind: DatasetKind, n: usize, noise: f64, seed: u64) -> Vec<Point> {
        generate(kind, n, noise, &mut Rng::new(seed))
    }

    fn positives(points: &[Point]) -> usize {
        points.iter().filter(|p| p.label == 1.0).count()
    }

    #[test]
    fn kinds_ids_labels_and_sizes() {
        let ids: Vec<&str> = DatasetKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(
            ids,
            ["circle", "xor", "gauss", "spiral", "moons", "checkerboard", "reg-plane", "reg-gauss"]
        );
        let labels: Vec<&str> = DatasetKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(
            labels,
            [
                "Circle",
                "Exclusive or",
                "Gaussian",
                "Spiral",
                "Moons",
                "Checkerboard",
                "Plane",
                "Multi Gaussian"
            ]
        );
        for k in DatasetKind::ALL {
            assert_eq!(DatasetKind::from_id(k.id()), Some(k));
            assert_eq!(k.is_regression(), DatasetKind::REGRESSION.contains(&k));
            assert_ne!(k.is_regression(), DatasetKind::CLASSIFICATION.contains(&k));
            let n = if k.is_regression() { 1200 } else { 500 };
            assert_eq!(k.default_num_points(), n, "{k:?}");
        }
        assert_eq!(DatasetKind::from_id("Circle"), None);
        assert_eq!(DatasetKind::from_id("reg-maximum"), None);
    }

    #[test]
    fn same_seed_same_bits_other_seed_other_points() {
        for k in DatasetKind::ALL {
            let n = k.default_num_points();
            for noise in [0.0, 25.0] {
                let a = Dataset::generate(k, n, noise, 0.5, 42);
                let b = Dataset::generate(k, n, noise, 0.5, 42);
                let c = Dataset::generate(k, n, noise, 0.5, 43);
                assert_eq!(bits(&a.train), bits(&b.train), "{k:?}");
                assert_eq!(bits(&a.test), bits(&b.test), "{k:?}");
                assert_ne!(bits(&a.train), bits(&c.train), "{k:?} noise {noise}");
            }
            // The generator alone: same stream, same points.
            assert_eq!(bits(&gen(k, n, 30.0, 5)), bits(&gen(k, n, 30.0, 5)));
        }
    }

    #[test]
    fn exact_point_counts_and_all_points_in_the_domain() {
        for k in DatasetKind::ALL {
            for n in [0, 1, 2, 7, 500, 501, 1200] {
                assert_eq!(gen(k, n, 20.0, 1).len(), n, "{k:?} n={n}");
            }
            for noise in [0.0, 10.0, 50.0] {
                for seed in 0..5 {
                    let pts = gen(k, 2000, noise, seed);
                    for p in &pts {
                        assert!(p.in_domain(), "{k:?} noise {noise}: {p:?} outside [-6, 6]²");
                    }
                }
            }
        }
    }

    #[test]
    fn classes_are_half_and_half() {
        // Circle, gauss, spiral and moons draw exactly ceil(n/2) positives at noise 0; xor and
        // checkerboard pick positions at random: within ±10 % of n (4.5 standard deviations).
        for k in [DatasetKind::Circle, DatasetKind::Gauss, DatasetKind::Spiral, DatasetKind::Moons] {
            assert_eq!(positives(&gen(k, 500, 0.0, 3)), 250, "{k:?}");
            assert_eq!(positives(&gen(k, 501, 0.0, 3)), 251, "{k:?}");
        }
        for k in DatasetKind::CLASSIFICATION {
            for noise in [0.0, 50.0] {
                if k == DatasetKind::Circle && noise > 0.0 {
                    continue; // TF's circle noise relabels more inner points than outer ones.
                }
                for seed in 0..10 {
                    let pts = gen(k, 500, noise, seed);
                    let pos = positives(&pts);
                    assert_eq!(pts.iter().filter(|p| p.label == -1.0).count(), 500 - pos);
                    assert!(pos.abs_diff(250) <= 50, "{k:?} noise {noise}: {pos} of 500");
                }
            }
        }
    }

    #[test]
    fn circle_follows_tf_rules() {
        let pts = gen(DatasetKind::Circle, 1000, 0.0, 9);
        for p in &pts {
            let r = p.x.hypot(p.y);
            assert_eq!(p.label, if r < 2.5 { 1.0 } else { -1.0 }, "{p:?}");
            assert!(r < 2.5 || (3.5..=5.0).contains(&r), "radius {r} in the gap");
        }
        // Noise only relabels (TF labels the displaced point, keeps the drawn one).
        let noisy = gen(DatasetKind::Circle, 1000, 50.0, 9);
        let mut relabeled = 0;
        for (a, b) in pts.iter().zip(&noisy) {
            assert_eq!((a.x.to_bits(), a.y.to_bits()), (b.x.to_bits(), b.y.to_bits()));
            relabeled += usize::from(a.label != b.label);
        }
        assert!(relabeled > 100, "only {relabeled} of 1000 relabeled at noise 50");
    }

    #[test]
    fn xor_follows_tf_rules() {
        let pts = gen(DatasetKind::Xor, 1000, 0.0, 4);
        for p in &pts {
            assert_eq!(p.label, if p.x * p.y >= 0.0 { 1.0 } else { -1.0 }, "{p:?}");
            for v in [p.x, p.y] {
                assert!((0.3..5.3).contains(&v.abs()), "padding: {v}");
            }
        }
        let noisy = gen(DatasetKind::Xor, 1000, 50.0, 4);
        let wrong = noisy.iter().filter(|p| p.label * p.x * p.y < 0.0).count();
        assert!((150..450).contains(&wrong), "{wrong} of 1000 relabeled at noise 50");
        assert_eq!(
            bits(&noisy).iter().map(|b| [b[0], b[1]]).collect::<Vec<_>>(),
            bits(&pts).iter().map(|b| [b[0], b[1]]).collect::<Vec<_>>()
        );
    }

    fn mean_std(v: &[f64]) -> (f64, f64) {
        let n = v.len() as f64;
        let m = v.iter().sum::<f64>() / n;
        (m, (v.iter().map(|a| (a - m).powi(2)).sum::<f64>() / n).sqrt())
    }

    #[test]
    fn gauss_follows_tf_rules() {
        // Variance 0.5 at noise 0 and 4 at noise 50 (TF's d3 scale [0, .5] -> [0.5, 4]).
        for (noise, want_std, tol) in [(0.0, 0.5f64.sqrt(), 0.05), (50.0, 2.0, 0.2)] {
            let pts = gen(DatasetKind::Gauss, 20_000, noise, 8);
            for (label, centre) in [(1.0, 2.0), (-1.0, -2.0)] {
                let xs: Vec<f64> = pts.iter().filter(|p| p.label == label).map(|p| p.x).collect();
                let ys: Vec<f64> = pts.iter().filter(|p| p.label == label).map(|p| p.y).collect();
                for v in [xs, ys] {
                    let (m, s) = mean_std(&v);
                    // Redrawing outside ±6 trims the far tail a little at noise 50.
                    assert!((m - centre).abs() < 0.2, "noise {noise}: mean {m}, want {centre}");
                    assert!((s - want_std).abs() < tol, "noise {noise}: std {s}, want {want_std}");
                }
            }
        }
    }

    #[test]
    fn spiral_follows_tf_rules() {
        let pts = gen(DatasetKind::Spiral, 500, 0.0, 2);
        let (pos, neg) = pts.split_at(250);
        // Arm i: radius i / 250 · 5, angle 1.75 · 2π · i / 250; the negative arm is rotated by π.
        for (i, (p, q)) in pos.iter().zip(neg).enumerate() {
            let r = i as f64 / 250.0 * 5.0;
            let t = 1.75 * i as f64 / 250.0 * 2.0 * std::f64::consts::PI;
            assert_eq!(p.label, 1.0);
            assert_eq!(q.label, -1.0);
            assert!((p.x - r * t.sin()).abs() < 1e-12 && (p.y - r * t.cos()).abs() < 1e-12);
            assert!((q.x + p.x).abs() < 1e-12 && (q.y + p.y).abs() < 1e-12);
        }
        // Noise moves each coordinate by at most noise/100 (0.5 at 50).
        let noisy = gen(DatasetKind::Spiral, 500, 50.0, 2);
        let mut moved = 0;
        for (a, b) in pts.iter().zip(&noisy) {
            assert!((a.x - b.x).abs() <= 0.5 && (a.y - b.y).abs() <= 0.5);
            assert_eq!(a.label, b.label);
            moved += usize::from(a.x != b.x);
        }
        assert!(moved > 490);
    }

    #[test]
    fn moons_are_two_interleaving_half_circles_filling_the_area() {
        let pts = gen(DatasetKind::Moons, 2000, 0.0, 6);
        for p in &pts {
            let (ux, uy) = (p.x / MOONS_SCALE + 0.5, p.y / MOONS_SCALE + 0.25);
            if p.label == 1.0 {
                assert!((ux.hypot(uy) - 1.0).abs() < 1e-9 && uy >= 0.0, "{p:?}");
            } else {
                assert_eq!(p.label, -1.0);
                assert!(((ux - 1.0).hypot(uy - 0.5) - 1.0).abs() < 1e-9 && uy <= 0.5, "{p:?}");
            }
        }
        let (min_x, max_x) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
        let (min_y, max_y) = pts.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.y), b.max(p.y)));
        assert!(min_x < -4.7 && max_x > 4.7, "x spans [{min_x}, {max_x}]");
        assert!(min_y < -2.3 && max_y > 2.3, "y spans [{min_y}, {max_y}]");
        // Interleaving: each moon's tip reaches past the other's centre line, into its hollow.
        assert!(pts.iter().any(|p| p.label == 1.0 && p.x > 1.5 && p.y < -0.5));
        assert!(pts.iter().any(|p| p.label == -1.0 && p.x < -1.5 && p.y > 0.5));
        assert!(pts.iter().all(|p| p.label < 0.0 || p.x <= 1.6 + 1e-9));
        assert!(pts.iter().all(|p| p.label > 0.0 || p.x >= -1.6 - 1e-9));
        // Noise jitters positions by up to ±1 at 50, keeps labels.
        let noisy = gen(DatasetKind::Moons, 2000, 50.0, 6);
        let max_shift =
            pts.iter().zip(&noisy).map(|(a, b)| (a.x - b.x).abs().max((a.y - b.y).abs())).fold(0.0, f64::max);
        assert!(max_shift > 0.9 && max_shift <= 1.0, "max shift {max_shift}");
        assert!(pts.iter().zip(&noisy).all(|(a, b)| a.label == b.label));
    }

    #[test]
    fn checkerboard_labels_squares_by_parity() {
        assert_eq!(checker_label(1.0, 1.0), 1.0);
        assert_eq!(checker_label(-1.0, -1.0), 1.0);
        assert_eq!(checker_label(-1.0, 1.0), -1.0);
        assert_eq!(checker_label(4.0, 1.0), -1.0);
        assert_eq!(checker_label(4.0, 4.0), 1.0);
        assert_eq!(checker_label(-5.0, 5.0), -1.0);
        let pts = gen(DatasetKind::Checkerboard, 2000, 0.0, 12);
        let mut seen = [[0usize; 4]; 4];
        for p in &pts {
            assert_eq!(p.label, checker_label(p.x, p.y), "{p:?}");
            for v in [p.x, p.y] {
                let inside = (v + DOMAIN).rem_euclid(CHECKER_SIZE);
                assert!((0.3..=CHECKER_SIZE - 0.3).contains(&inside), "padding: {v}");
            }
            let col = ((p.x + DOMAIN) / CHECKER_SIZE) as usize;
            let row = ((p.y + DOMAIN) / CHECKER_SIZE) as usize;
            seen[row][col] += 1;
        }
        // All 16 squares are used, about evenly (125 expected each).
        for row in seen {
            for count in row {
                assert!((60..200).contains(&count), "square count {count}");
            }
        }
        let noisy = gen(DatasetKind::Checkerboard, 2000, 50.0, 12);
        let wrong = noisy.iter().filter(|p| p.label != checker_label(p.x, p.y)).count();
        assert!((200..1000).contains(&wrong), "{wrong} of 2000 relabeled at noise 50");
    }

    #[test]
    fn regression_labels_follow_tf_and_stay_in_range() {
        let plane = gen(DatasetKind::RegPlane, 1200, 0.0, 1);
        let mut linear = 0;
        for p in &plane {
            assert!((-6.0..6.0).contains(&p.x) && (-6.0..6.0).contains(&p.y));
            if (p.x + p.y).abs() <= 10.0 {
                assert_eq!(p.label, (p.x + p.y) / 10.0);
                linear += 1;
            } else {
                assert_eq!(p.label, (p.x + p.y).signum());
            }
        }
        assert!(linear > 1100, "{linear}");
        let gauss = gen(DatasetKind::RegGauss, 1200, 0.0, 1);
        for p in &gauss {
            assert_eq!(p.label, gauss_label(p.x, p.y));
        }
        assert_eq!(gauss_label(-4.0, 2.5), 1.0);
        assert_eq!(gauss_label(0.0, 2.5), -1.0);
        assert_eq!(gauss_label(0.0, -2.5), 1.0);
        assert_eq!(gauss_label(4.0, -2.5), -1.0);
        assert_eq!(gauss_label(-4.0, 1.5), 0.5);
        assert_eq!(gauss_label(-2.0, 0.0), 0.0);
        assert_eq!(gauss_label(6.0, 6.0), 0.0);
        for k in DatasetKind::REGRESSION {
            for noise in [0.0, 50.0] {
                let pts = gen(k, 1200, noise, 2);
                assert!(pts.iter().all(|p| (-1.0..=1.0).contains(&p.label)), "{k:?}");
                // Labels spread over the range.
                assert!(pts.iter().any(|p| p.label > 0.5) && pts.iter().any(|p| p.label < -0.5));
            }
            // Noise relabels, keeps positions (TF labels the displaced point).
            let a = gen(k, 1200, 0.0, 2);
            let b = gen(k, 1200, 50.0, 2);
            assert!(a.iter().zip(&b).all(|(p, q)| p.x == q.x && p.y == q.y));
            let changed = a.iter().zip(&b).filter(|(p, q)| p.label != q.label).count();
            assert!(changed > 600, "{k:?}: {changed}");
        }
    }

    #[test]
    fn noise_changes_the_data_and_is_clamped_to_0_50() {
        for k in DatasetKind::ALL {
            let n = k.default_num_points();
            assert_ne!(bits(&gen(k, n, 0.0, 7)), bits(&gen(k, n, 50.0, 7)), "{k:?}");
            assert_ne!(bits(&gen(k, n, 10.0, 7)), bits(&gen(k, n, 40.0, 7)), "{k:?}");
            assert_eq!(bits(&gen(k, n, 80.0, 7)), bits(&gen(k, n, 50.0, 7)), "{k:?}");
            assert_eq!(bits(&gen(k, n, -3.0, 7)), bits(&gen(k, n, 0.0, 7)), "{k:?}");
            assert_eq!(bits(&gen(k, n, f64::NAN, 7)), bits(&gen(k, n, 0.0, 7)), "{k:?}");
        }
    }

    #[test]
    fn split_sizes_and_the_split_is_a_shuffled_partition() {
        for (n, f, want) in [
            (500, 0.5, 250),
            (500, 0.7, 350),
            (500, 0.1, 50),
            (500, 0.9, 450),
            (1200, 0.3, 360),
            (7, 0.5, 4),
            (500, 0.0, 0),
            (500, 1.0, 500),
            (500, 1.5, 500),
            (500, -0.2, 0),
            (0, 0.5, 0),
        ] {
            let d = Dataset::generate(DatasetKind::Xor, n, 0.0, f, 1);
            assert_eq!((d.train.len(), d.test.len()), (want, n - want), "n={n} f={f}");
            assert_eq!(train_count(n, f), want);
        }
        for p in 1..10 {
            let f = p as f64 / 10.0;
            let d = Dataset::generate(DatasetKind::Circle, 500, 0.0, f, 1);
            assert_eq!(d.train.len(), 50 * p, "{f}");
        }
        // Train + test are the generated points, shuffled (not in generation order).
        let d = Dataset::generate(DatasetKind::Spiral, 500, 20.0, 0.5, 11);
        let generated = generate(DatasetKind::Spiral, 500, 20.0, &mut Rng::derive(11, "data"));
        let mut all = bits(&d.train);
        all.extend(bits(&d.test));
        assert_ne!(all, bits(&generated));
        let mut sorted = all.clone();
        sorted.sort_unstable();
        let mut want = bits(&generated);
        want.sort_unstable();
        assert_eq!(sorted, want);
        // Both classes land in train and in test.
        assert!((90..160).contains(&positives(&d.train)), "{}", positives(&d.train));
    }

    #[test]
    fn add_and_remove_points() {
        let mut d = Dataset::generate(DatasetKind::Circle, 10, 0.0, 0.5, 3);
        let p = Point { x: 5.9, y: -5.9, label: 1.0 };
        d.add_point(p);
        assert_eq!((d.train.len(), d.test.len(), d.len()), (6, 5, 11));
        assert_eq!(d.train.last(), Some(&p));
        // Nothing within 0.05 of (5.9, -5.8); within 0.2 there is p.
        assert_eq!(d.remove_nearest(5.9, -5.8, 0.05), None);
        assert_eq!(d.len(), 11);
        assert_eq!(d.remove_nearest(5.9, -5.8, 0.2), Some(p));
        assert_eq!(d.len(), 10);
        // The nearest wins, from test too.
        let q = d.test[2];
        let removed = d.remove_nearest(q.x + 1e-6, q.y, 0.5);
        assert_eq!(removed, Some(q));
        assert_eq!((d.train.len(), d.test.len()), (5, 4));
        let mut e = Dataset { kind: DatasetKind::Xor, train: vec![], test: vec![] };
        assert!(e.is_empty());
        assert_eq!(e.remove_nearest(0.0, 0.0, 100.0), None);
        e.add_point(Point { x: 1.0, y: 1.0, label: 1.0 });
        e.add_point(Point { x: 2.0, y: 2.0, label: -1.0 });
        e.test.push(Point { x: 1.4, y: 1.0, label: -1.0 });
        assert_eq!(e.remove_nearest(1.3, 1.0, 1.0).map(|p| p.x), Some(1.4));
        assert_eq!(e.remove_nearest(1.9, 1.9, 1.0).map(|p| p.x), Some(2.0));
        assert_eq!(e.train.len(), 1);
        assert!(!Point { x: 6.5, y: 0.0, label: 1.0 }.in_domain());
        assert!(Point { x: -6.0, y: 6.0, label: 1.0 }.in_domain());
    }

    #[test]
    fn csv_round_trip_is_exact() {
        for k in DatasetKind::ALL {
            let d = Dataset::generate(k, k.default_num_points(), 37.0, 0.6, 99);
            let csv = d.to_csv();
            assert!(csv.starts_with("x1,x2,label,set\n"));
            assert_eq!(csv.lines().count(), 1 + d.len());
            let back = Dataset::from_csv(k, &csv).expect("own CSV parses");
            assert_eq!(back.kind, k);
            assert_eq!(bits(&back.train), bits(&d.train), "{k:?}");
            assert_eq!(bits(&back.test), bits(&d.test), "{k:?}");
        }
        let awkward = Dataset {
            kind: DatasetKind::RegGauss,
            train: vec![
                Point { x: 0.1, y: -0.0, label: 1.0 / 3.0 },
                Point { x: 1e-300, y: -6.0, label: -1.0 },
            ],
            test: vec![Point { x: 5.999999999999999, y: f64::MIN_POSITIVE, label: 0.7 }],
        };
        let back = Dataset::from_csv(DatasetKind::RegGauss, &awkward.to_csv()).expect("parses");
        assert_eq!(bits(&back.train), bits(&awkward.train));
        assert_eq!(bits(&back.test), bits(&awkward.test));
    }

    #[test]
    fn csv_accepts_three_columns_no_header_and_common_variants() {
        let d = Dataset::from_csv(DatasetKind::Xor, "1,2,1\n-3.5,0.25,0\n\n4,-4,-1\n").expect("ok");
        assert_eq!(d.train.len(), 3);
        assert!(d.test.is_empty());
        assert_eq!(d.train[1], Point { x: -3.5, y: 0.25, label: -1.0 }); // 0 reads as -1
        let text = "\u{feff}\"x1\",\"x2\",\"label\",\"set\"\r\n 1 , 2 , 1 , TRAIN \r\n\"-1\",\"2\",\"-1\",test\r\n3,3,1,\r\n";
        let d = Dataset::from_csv(DatasetKind::Circle, text).expect("ok");
        assert_eq!(d.train, vec![Point { x: 1.0, y: 2.0, label: 1.0 }, Point { x: 3.0, y: 3.0, label: 1.0 }]);
        assert_eq!(d.test, vec![Point { x: -1.0, y: 2.0, label: -1.0 }]);
        let r = Dataset::from_csv(DatasetKind::RegPlane, "x1,x2,label\n0,0,0\n1,1,-0.25\n").expect("ok");
        assert_eq!(r.train[0].label, 0.0); // 0 stays 0 for regression
        assert_eq!(r.train[1].label, -0.25);
    }

    fn csv_err(kind: DatasetKind, text: &str) -> CsvError {
        match Dataset::from_csv(kind, text) {
            Ok(d) => panic!("{text:?} parsed as {d:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn csv_errors_name_the_line() {
        use CsvError::*;
        let c = DatasetKind::Circle;
        let r = DatasetKind::RegPlane;
        assert_eq!(csv_err(c, ""), Empty);
        assert_eq!(csv_err(c, "  \n\r\n"), Empty);
        assert_eq!(csv_err(c, "x1,x2,label,set\n"), Empty);
        assert_eq!(csv_err(c, "x1,x2,label\n1,2,1\n3,4\n"), BadColumnCount { line: 3, found: 2 });
        assert_eq!(csv_err(c, "1,2,1,train,5\n"), BadColumnCount { line: 1, found: 5 });
        assert_eq!(csv_err(c, "x1,x2\n1,2\n"), BadColumnCount { line: 1, found: 2 });
        assert_eq!(
            csv_err(c, "x1,x2,label\n\n1,abc,1\n"),
            BadNumber { line: 3, column: "x2", text: "abc".into() }
        );
        assert_eq!(csv_err(c, "1,2,1\n,2,1\n"), BadNumber { line: 2, column: "x1", text: String::new() });
        assert_eq!(csv_err(c, "1,2,yes\n"), BadNumber { line: 1, column: "label", text: "yes".into() });
        assert_eq!(csv_err(c, "1,2,1\n2,6.5,1\n"), OutOfDomain { line: 2 });
        assert_eq!(csv_err(c, "-7,0,1\n"), OutOfDomain { line: 1 });
        assert_eq!(csv_err(c, "NaN,0,1\n"), OutOfDomain { line: 1 });
        assert_eq!(csv_err(c, "0,inf,1\n"), OutOfDomain { line: 1 });
        assert_eq!(csv_err(c, "1,1,1\n1,1,0.5\n"), BadLabel { line: 2, label: 0.5 });
        assert_eq!(csv_err(c, "1,1,2\n"), BadLabel { line: 1, label: 2.0 });
        assert_eq!(csv_err(r, "1,1,0.5\n1,1,1.5\n"), BadLabel { line: 2, label: 1.5 });
        assert!(matches!(csv_err(r, "1,1,NaN\n"), BadLabel { line: 1, label } if label.is_nan()));
        assert_eq!(
            csv_err(c, "x1,x2,label,set\n1,1,1,train\n1,1,1,validation\n"),
            BadSet { line: 3, text: "validation".into() }
        );
    }

    #[test]
    fn csv_error_messages_are_actionable() {
        let msg = |text: &str| csv_err(DatasetKind::Xor, text).to_string();
        assert!(msg("").contains("no data"));
        let m = msg("1,2,1\n3,4\n");
        assert!(m.contains("line 2") && m.contains("found 2") && m.contains("x1,x2,label"), "{m}");
        let m = msg("1,zz,1\n");
        assert!(m.contains("line 1") && m.contains("x2") && m.contains("zz"), "{m}");
        let m = msg("1,2,1\n1,2,1\n9,1,1\n");
        assert!(m.contains("line 3") && m.contains("-6") && m.contains("6"), "{m}");
        let m = msg("1,1,3\n");
        assert!(m.contains("line 1") && m.contains("-1 or 1"), "{m}");
        let m = msg("1,1,1,dev\n");
        assert!(m.contains("line 1") && m.contains("\"dev\"") && m.contains("train"), "{m}");
        let e: Box<dyn std::error::Error> = Box::new(CsvError::Empty);
        assert!(!e.to_string().is_empty());
    }

    #[test]
    fn ten_thousand_points_of_the_labs_own_csv_fit_the_size_cap_and_one_more_is_refused() {
        // The longest lines the export writes: full-precision coordinates of a regression set.
        let data = Dataset::generate(DatasetKind::RegGauss, MAX_POINTS, 50.0, 0.5, 7);
        let csv = data.to_csv();
        assert!(csv.len() < MAX_CSV_BYTES * 8 / 10, "{} bytes", csv.len());
        assert!(check_csv_size(csv.len() as f64).is_ok());
        let back = Dataset::from_csv(DatasetKind::RegGauss, &csv).expect("10,000 points load");
        assert_eq!(back.len(), MAX_POINTS);
        let one_more = format!("{csv}0,0,0.5,train\n");
        assert_eq!(
            Dataset::from_csv(DatasetKind::RegGauss, &one_more),
            Err(CsvError::TooManyPoints { line: MAX_POINTS + 2 }),
            "header + 10,000 lines, then the one too many"
        );
        let text = CsvError::TooManyPoints { line: 10_002 }.to_string();
        assert_eq!(text, "line 10002: more than 10000 points, the most the lab trains on");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_by_its_size_alone() {
        let refused = check_csv_size(2_000_000.0).expect_err("2 MB is over the cap");
        assert_eq!(
            refused.to_string(),
            "the file is 2.0 MB, more than the 1.0 MB a CSV of 10000 points needs, so it was not read"
        );
        assert!(check_csv_size(f64::NAN).is_err());
        assert!(check_csv_size(MAX_CSV_BYTES as f64).is_ok());
        let big = "0,0,1\n".repeat(MAX_CSV_BYTES / 6 + 1);
        assert!(matches!(Dataset::from_csv(DatasetKind::Circle, &big), Err(CsvError::TooLarge { .. })));
        assert_eq!(size_text(820_000.0), "820 KB");
        assert_eq!(size_text(12.0), "12 bytes");
    }
}
