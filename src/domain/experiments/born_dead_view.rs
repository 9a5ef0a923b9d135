//! The "Born dead" experiment's page state: which widths, how deep, how many networks, which
//! initialisation schemes; its URL form (`bdWidths=2,4,8&bdDepth=50&bdTrials=1000&…`), the pure
//! actions of its controls, and the job that runs the Monte-Carlo estimate of
//! [`crate::domain::experiments::born_dead`] for every chosen scheme in small chunks (the ui steps it once per
//! animation frame within an adaptive time budget, [`crate::domain::frame_budget::FrameBudget`]).
//!
//! The depth axis is every depth `1..=max_depth`: the estimator draws one network of the maximum
//! depth per trial and reads off every shallower depth from the same draw, so the whole curve
//! costs what its deepest point costs (see [`BornDeadRun`]).

use crate::domain::experiments::born_dead::{BornDeadConfig, BornDeadRun, Estimate, InitScheme};
use crate::domain::state::key_doc::KeyDoc;
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::seed_from_text;
use crate::domain::state::query::Query;
use crate::domain::state::url_reader::UrlReader;

/// Widths offered (neurons per hidden layer).
pub const WIDTH_RANGE: (usize, usize) = (2, 10);
/// At most this many widths at once: one palette colour each (He solid, RAI dashed).
pub const MAX_WIDTHS: usize = 4;
/// Deepest network offered (hidden layers).
pub const MAX_DEPTH: usize = 50;
/// `K`, networks drawn per width and scheme.
pub const TRIALS_RANGE: (usize, usize) = (10, 2000);
/// The choices offered for `K` (a link may hold any value in [`TRIALS_RANGE`]).
pub const TRIAL_CHOICES: [usize; 6] = [50, 100, 200, 500, 1000, 2000];
/// Points of the input sample (rounded down to a square grid by the estimator).
pub const SAMPLES_RANGE: (usize, usize) = (16, 4096);
/// The choices offered for the input sample: 16², 32², 64².
pub const SAMPLE_CHOICES: [usize; 3] = [256, 1024, 4096];
/// The depths of the table of figures (those up to the maximum depth, see
/// [`BornDeadView::table_depths`]).
pub const TABLE_DEPTHS: [usize; 4] = [5, 10, 20, 50];

/// Which initialisation schemes are run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SchemeChoice {
    /// He (symmetric) and RAI (asymmetric), drawn solid and dashed.
    #[default]
    Both,
    He,
    Rai,
}

impl SchemeChoice {
    pub const ALL: [SchemeChoice; 3] = [SchemeChoice::Both, SchemeChoice::He, SchemeChoice::Rai];

    pub fn id(self) -> &'static str {
        match self {
            SchemeChoice::Both => "both",
            SchemeChoice::He => "he",
            SchemeChoice::Rai => "rai",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SchemeChoice::Both => "Both: He and RAI",
            SchemeChoice::He => "He (symmetric)",
            SchemeChoice::Rai => "RAI (asymmetric)",
        }
    }

    /// The label on a narrow button.
    pub fn short(self) -> &'static str {
        match self {
            SchemeChoice::Both => "Both",
            SchemeChoice::He => "He",
            SchemeChoice::Rai => "RAI",
        }
    }

    pub fn from_id(id: &str) -> Option<SchemeChoice> {
        SchemeChoice::ALL.into_iter().find(|s| s.id().eq_ignore_ascii_case(id.trim()))
    }

    /// The schemes run, He first.
    pub fn schemes(self) -> &'static [InitScheme] {
        match self {
            SchemeChoice::Both => &[InitScheme::HeSymmetric, InitScheme::Rai],
            SchemeChoice::He => &[InitScheme::HeSymmetric],
            SchemeChoice::Rai => &[InitScheme::Rai],
        }
    }
}

/// The short id of a scheme in test ids and the table (`he`, `rai`).
pub fn scheme_id(scheme: InitScheme) -> &'static str {
    match scheme {
        InitScheme::HeSymmetric => "he",
        InitScheme::Rai => "rai",
    }
}

/// The name of a scheme for people.
pub fn scheme_label(scheme: InitScheme) -> &'static str {
    match scheme {
        InitScheme::HeSymmetric => "He (symmetric)",
        InitScheme::Rai => "RAI (asymmetric)",
    }
}

/// Everything the page keeps in the URL. Always valid: widths sorted, distinct, 1 to
/// [`MAX_WIDTHS`] of them in [`WIDTH_RANGE`]; the numbers inside their ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BornDeadView {
    pub widths: Vec<usize>,
    /// Deepest network: the curves cover depths `1..=max_depth`.
    pub max_depth: usize,
    /// `K`, networks per width and scheme.
    pub trials: usize,
    pub samples: usize,
    pub seed: u64,
    pub scheme: SchemeChoice,
}

impl Default for BornDeadView {
    fn default() -> Self {
        BornDeadView {
            widths: vec![2, 4, 8],
            max_depth: MAX_DEPTH,
            trials: 1000,
            samples: 1024,
            seed: 2019,
            scheme: SchemeChoice::Both,
        }
    }
}

/// Every key [`BornDeadView::write_query`] writes, in that order.
pub const KEYS: [KeyDoc; 6] = [
    KeyDoc::new(
        "bdWidths",
        "comma list of 1 to 4 widths, each 2 to 10",
        "2,4,8",
        "Neurons per hidden layer, one curve (colour) each",
    ),
    KeyDoc::new("bdDepth", "1 to 50", "50", "Deepest network: the curves cover depths 1 to this"),
    KeyDoc::new("bdTrials", "10 to 2000", "1000", "K, random networks drawn per width and scheme"),
    KeyDoc::new(
        "bdSamples",
        "16 to 4096 (rounded down to a square grid)",
        "1024",
        "Inputs a network is tested on, a grid over [-√3, √3]²",
    ),
    KeyDoc::new("bdSeed", "a whole number, or any text (hashed)", "2019", "Seed of every network drawn"),
    KeyDoc::new(
        "bdScheme",
        "`both`, `he`, `rai`",
        "both",
        "Initialisation: He normal with zero bias (symmetric), RAI (asymmetric), or both",
    ),
];

impl BornDeadView {
    /// Reads the `bd…` keys; a missing key keeps its default, a bad value is clamped or refused
    /// with a notice. The view is always valid.
    pub fn from_query(query: &Query) -> (BornDeadView, Vec<Notice>) {
        let d = BornDeadView::default();
        // `bdTrials=` is a bad value here, not an absent one.
        let mut r = UrlReader::with_empty_values(query);
        let widths = match r.value("bdWidths") {
            Some(text) => read_widths(text, &d.widths, &mut r),
            None => d.widths.clone(),
        };
        let view = BornDeadView {
            widths,
            max_depth: r.count("bdDepth", (1, MAX_DEPTH), d.max_depth),
            trials: r.count("bdTrials", TRIALS_RANGE, d.trials),
            samples: r.count("bdSamples", SAMPLES_RANGE, d.samples),
            seed: r.value("bdSeed").map_or(d.seed, seed_from_text),
            scheme: r.choice(
                "bdScheme",
                SchemeChoice::from_id,
                &SchemeChoice::ALL.map(|s| s.id()),
                d.scheme,
                d.scheme.id(),
            ),
        };
        (view, r.finish())
    }

    /// Writes every key of [`KEYS`], replacing earlier values and keeping every other key.
    pub fn write_query(&self, query: &mut Query) {
        let widths: Vec<String> = self.widths.iter().map(usize::to_string).collect();
        query.set("bdWidths", widths.join(","));
        query.set("bdDepth", self.max_depth.to_string());
        query.set("bdTrials", self.trials.to_string());
        query.set("bdSamples", self.samples.to_string());
        query.set("bdSeed", self.seed.to_string());
        query.set("bdScheme", self.scheme.id());
    }

    /// The estimator's configuration for one scheme: every depth `1..=max_depth`.
    pub fn config(&self, scheme: InitScheme) -> BornDeadConfig {
        BornDeadConfig {
            depths: (1..=self.max_depth).collect(),
            widths: self.widths.clone(),
            trials: self.trials,
            samples: self.samples,
            scheme,
            seed: self.seed,
        }
    }

    /// The depths of the table: 5, 10, 20, 50 up to the maximum depth, and the maximum depth
    /// itself when it is not one of them.
    pub fn table_depths(&self) -> Vec<usize> {
        let mut out: Vec<usize> = TABLE_DEPTHS.into_iter().filter(|&d| d <= self.max_depth).collect();
        if !out.contains(&self.max_depth) {
            out.push(self.max_depth);
        }
        out
    }

    /// Networks the whole run draws (all schemes).
    pub fn total_trials(&self) -> usize {
        self.widths.len() * self.trials * self.scheme.schemes().len()
    }
}

fn read_widths(text: &str, default: &[usize], r: &mut UrlReader) -> Vec<usize> {
    let (lo, hi) = WIDTH_RANGE;
    let mut chosen: Vec<usize> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let w = match part.parse::<usize>() {
            Ok(w) if (lo..=hi).contains(&w) => w,
            Ok(w) => {
                let c = w.clamp(lo, hi);
                r.notice(
                    "bdWidths",
                    format!("Width {w} is not offered: using {c} (widths run from {lo} to {hi})."),
                );
                c
            }
            Err(_) => {
                r.notice(
                    "bdWidths",
                    format!(
                        "bdWidths: '{part}' is not a width (a whole number from {lo} to {hi}); left out."
                    ),
                );
                continue;
            }
        };
        if !chosen.contains(&w) {
            chosen.push(w);
        }
    }
    chosen.sort_unstable();
    if chosen.len() > MAX_WIDTHS {
        let dropped: Vec<String> = chosen[MAX_WIDTHS..].iter().map(usize::to_string).collect();
        r.notice(
            "bdWidths",
            format!("At most {MAX_WIDTHS} widths at once: left out {}.", dropped.join(", ")),
        );
        chosen.truncate(MAX_WIDTHS);
    }
    if chosen.is_empty() {
        r.notice("bdWidths", "bdWidths holds no width: showing 2, 4 and 8.");
        return default.to_vec();
    }
    chosen
}

/// What the page's controls can do. [`BornDeadView::apply`] is pure (the ui's reducer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BornDeadAction {
    /// Add a width, or remove it when chosen (the last one stays; a fifth is refused).
    ToggleWidth(usize),
    SetMaxDepth(usize),
    SetTrials(usize),
    SetSamples(usize),
    SetSeed(u64),
    SetScheme(SchemeChoice),
}

impl BornDeadView {
    pub fn apply(&self, action: BornDeadAction) -> BornDeadView {
        let mut next = self.clone();
        match action {
            BornDeadAction::ToggleWidth(w) => {
                let (lo, hi) = WIDTH_RANGE;
                if let Some(i) = next.widths.iter().position(|&x| x == w) {
                    if next.widths.len() > 1 {
                        next.widths.remove(i);
                    }
                } else if (lo..=hi).contains(&w) && next.widths.len() < MAX_WIDTHS {
                    next.widths.push(w);
                    next.widths.sort_unstable();
                }
            }
            BornDeadAction::SetMaxDepth(d) => next.max_depth = d.clamp(1, MAX_DEPTH),
            BornDeadAction::SetTrials(k) => next.trials = k.clamp(TRIALS_RANGE.0, TRIALS_RANGE.1),
            BornDeadAction::SetSamples(n) => next.samples = n.clamp(SAMPLES_RANGE.0, SAMPLES_RANGE.1),
            BornDeadAction::SetSeed(s) => next.seed = s,
            BornDeadAction::SetScheme(s) => next.scheme = s,
        }
        next
    }

    /// Can `w` be toggled now (a chosen width that is not the last, or a free slot)?
    pub fn can_toggle(&self, w: usize) -> bool {
        if self.widths.contains(&w) {
            self.widths.len() > 1
        } else {
            self.widths.len() < MAX_WIDTHS
        }
    }
}

/// One run of the page: a [`BornDeadRun`] per chosen scheme, stepped in turn one network at a
/// time so every scheme's curves fill in together.
pub struct BornDeadJob {
    view: BornDeadView,
    runs: Vec<(InitScheme, BornDeadRun)>,
    next: usize,
    done: usize,
    total: usize,
}

impl BornDeadJob {
    pub fn new(view: &BornDeadView) -> BornDeadJob {
        let runs: Vec<(InitScheme, BornDeadRun)> =
            view.scheme.schemes().iter().map(|&s| (s, BornDeadRun::new(view.config(s)))).collect();
        BornDeadJob { view: view.clone(), runs, next: 0, done: 0, total: view.total_trials() }
    }

    /// The view the job was built from.
    pub fn view(&self) -> &BornDeadView {
        &self.view
    }

    /// Runs up to `max_trials` more networks, alternating between the schemes; returns how
    /// many it ran.
    pub fn step(&mut self, max_trials: usize) -> usize {
        let mut ran = 0;
        while ran < max_trials && !self.done() {
            let n = self.runs.len();
            for _ in 0..n {
                let i = self.next;
                self.next = (self.next + 1) % n;
                if self.runs[i].1.step(1) == 1 {
                    ran += 1;
                    self.done += 1;
                    break;
                }
            }
        }
        ran
    }

    /// Steps until `budget_ms` (read on `now`, in ms) has passed since the call, at least one
    /// network; returns how many ran.
    pub fn run_for(&mut self, budget_ms: f64, now: &mut dyn FnMut() -> f64) -> usize {
        let start = now();
        let mut ran = 0;
        while !self.done() {
            ran += self.step(1);
            if now() - start >= budget_ms {
                break;
            }
        }
        ran
    }

    pub fn done(&self) -> bool {
        self.done >= self.total || self.runs.iter().all(|(_, r)| r.done())
    }

    /// Networks drawn so far (all schemes).
    pub fn trials_done(&self) -> usize {
        self.done
    }

    pub fn total_trials(&self) -> usize {
        self.total
    }

    /// Fraction done, `0..=1`.
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }

    /// The estimates so far of each scheme run (widths outer, depths inner).
    pub fn estimates(&self) -> Vec<(InitScheme, Vec<Estimate>)> {
        self.runs.iter().map(|(s, r)| (*s, r.estimates())).collect()
    }
}

/// A cell of the table: `0.563 (0.532–0.593)`, or `—` before its first network.
pub fn cell_text(e: &Estimate) -> String {
    let (p, interval) = cell_parts(e);
    if interval.is_empty() {
        p
    } else {
        format!("{p} {interval}")
    }
}

/// The two parts of [`cell_text`]: `("0.563", "(0.532–0.593)")`, or `("—", "")`.
pub fn cell_parts(e: &Estimate) -> (String, String) {
    if e.trials == 0 {
        ("—".to_string(), String::new())
    } else {
        (format!("{:.3}", e.p), format!("({:.3}–{:.3})", e.lo, e.hi))
    }
}

/// The estimate of one cell among a scheme's estimates.
pub fn find(estimates: &[Estimate], width: usize, depth: usize) -> Option<&Estimate> {
    estimates.iter().find(|e| e.width == width && e.depth == depth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::state::key_doc::markdown_table;

    fn view_of(link: &str) -> (BornDeadView, Vec<Notice>) {
        BornDeadView::from_query(&Query::parse(link))
    }

    #[test]
    fn defaults_without_keys_and_the_url_round_trips() {
        assert_eq!(view_of(""), (BornDeadView::default(), vec![]));
        let view = BornDeadView {
            widths: vec![3, 5, 9, 10],
            max_depth: 17,
            trials: 250,
            samples: 4096,
            seed: 18_446_744_073_709_551_615,
            scheme: SchemeChoice::Rai,
        };
        let mut q = Query::parse("tab=experiments&exp=born-dead&cmpX=1&act=elu");
        view.write_query(&mut q);
        let text = q.to_query_string();
        assert!(text.contains("bdWidths=3,5,9,10") && text.contains("bdScheme=rai"), "{text}");
        // Other keys survive.
        assert_eq!(q.get("cmpX"), Some("1"));
        assert_eq!(q.get("act"), Some("elu"));
        assert_eq!(q.get("exp"), Some("born-dead"));
        assert_eq!(view_of(&text), (view.clone(), vec![]));
        // Every key of the docs is written, and only those bd keys.
        let bd: Vec<&str> = q.keys().filter(|k| k.starts_with("bd")).collect();
        assert_eq!(bd, KEYS.map(|k| k.key).to_vec());
        assert!(markdown_table(&KEYS).contains("| `bdTrials` | 10 to 2000 | 1000 |"));
    }

    #[test]
    fn bad_values_are_clamped_or_refused_with_notices() {
        let (v, n) = view_of("bdWidths=1,11&bdTrials=5000&bdDepth=0&bdSamples=9&bdScheme=sym");
        assert_eq!(v.widths, vec![2, 10]);
        assert_eq!(v.trials, 2000);
        assert_eq!(v.max_depth, 1);
        assert_eq!(v.samples, 16);
        assert_eq!(v.scheme, SchemeChoice::Both);
        let keys: Vec<&str> = n.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["bdWidths", "bdWidths", "bdDepth", "bdTrials", "bdSamples", "bdScheme"]);
        assert!(n[0].message.contains("Width 1") && n[0].message.contains("using 2"), "{}", n[0].message);
        assert!(n[3].message.contains("using 2000"), "{}", n[3].message);

        let (v, n) = view_of("bdDepth=99&bdTrials=3");
        assert_eq!((v.max_depth, v.trials), (50, 10));
        assert_eq!(n.len(), 2);

        // Not numbers: defaults kept, a notice each.
        let (v, n) = view_of("bdDepth=deep&bdTrials=&bdWidths=x,,4");
        assert_eq!((v.max_depth, v.trials, v.widths.clone()), (50, 1000, vec![4]));
        assert_eq!(n.len(), 3, "{n:?}");
        let (v, n) = view_of("bdWidths=abc");
        assert_eq!(v.widths, vec![2, 4, 8]);
        assert_eq!(n.len(), 2);

        // Duplicates are merged silently, order normalised, a fifth width refused; 2.0 reads as 2.
        let (v, n) = view_of("bdWidths=8,2,8,4&bdDepth=12.0");
        assert_eq!((v.widths, v.max_depth), (vec![2, 4, 8], 12));
        assert!(n.is_empty());
        let (v, n) = view_of("bdWidths=2,3,4,5,6,7");
        assert_eq!(v.widths, vec![2, 3, 4, 5]);
        assert!(n[0].message.contains("6, 7"), "{n:?}");

        // A seed may be any text (hashed, like the Playground's); scheme ids ignore case.
        let (v, n) = view_of("bdSeed=hello&bdScheme=HE");
        assert_eq!((v.seed, v.scheme), (seed_from_text("hello"), SchemeChoice::He));
        assert!(n.is_empty());
        // Non-whole numbers are rounded with a notice each.
        let (v, n) = view_of("bdDepth=1.5&bdTrials=960.4&bdSamples=16.5");
        assert_eq!((v.max_depth, v.trials, v.samples), (2, 960, 17));
        assert_eq!(n.len(), 3, "{n:?}");
        assert!(n.iter().all(|n| n.message.contains("not a whole number")), "{n:?}");
        // Huge and negative numbers are clamped, never a panic.
        let (v, _) = view_of("bdTrials=99999999999999999999999&bdDepth=-4&bdSamples=1e400");
        assert_eq!((v.trials, v.max_depth, v.samples), (2000, 1, 1024));
    }

    #[test]
    fn the_config_covers_every_depth_up_to_the_maximum() {
        let view =
            BornDeadView { max_depth: 7, trials: 30, samples: 256, seed: 5, ..BornDeadView::default() };
        let c = view.config(InitScheme::Rai);
        assert_eq!(c.depths, (1..=7).collect::<Vec<_>>());
        assert_eq!(c.widths, vec![2, 4, 8]);
        assert_eq!((c.trials, c.samples, c.seed, c.scheme), (30, 256, 5, InitScheme::Rai));
        assert_eq!(view.total_trials(), 3 * 30 * 2);
        assert_eq!(BornDeadView { scheme: SchemeChoice::He, ..view }.total_trials(), 90);
    }

    #[test]
    fn table_depths_are_the_papers_up_to_the_maximum() {
        let at = |d| BornDeadView { max_depth: d, ..BornDeadView::default() }.table_depths();
        assert_eq!(at(50), vec![5, 10, 20, 50]);
        assert_eq!(at(30), vec![5, 10, 20, 30]);
        assert_eq!(at(10), vec![5, 10]);
        assert_eq!(at(3), vec![3]);
    }

    #[test]
    fn actions_toggle_widths_and_clamp_numbers() {
        let v = BornDeadView::default();
        let v2 = v.apply(BornDeadAction::ToggleWidth(3));
        assert_eq!(v2.widths, vec![2, 3, 4, 8]);
        // A fifth width is refused; out-of-range widths too.
        assert_eq!(v2.apply(BornDeadAction::ToggleWidth(5)).widths, vec![2, 3, 4, 8]);
        assert!(!v2.can_toggle(5) && v2.can_toggle(3));
        assert_eq!(v.apply(BornDeadAction::ToggleWidth(11)).widths, vec![2, 4, 8]);
        assert_eq!(v.apply(BornDeadAction::ToggleWidth(1)).widths, vec![2, 4, 8]);
        // Removing down to one; the last stays.
        let one = v.apply(BornDeadAction::ToggleWidth(2)).apply(BornDeadAction::ToggleWidth(8));
        assert_eq!(one.widths, vec![4]);
        assert!(!one.can_toggle(4));
        assert_eq!(one.apply(BornDeadAction::ToggleWidth(4)).widths, vec![4]);

        assert_eq!(v.apply(BornDeadAction::SetMaxDepth(0)).max_depth, 1);
        assert_eq!(v.apply(BornDeadAction::SetMaxDepth(99)).max_depth, 50);
        assert_eq!(v.apply(BornDeadAction::SetMaxDepth(20)).max_depth, 20);
        assert_eq!(v.apply(BornDeadAction::SetTrials(5000)).trials, 2000);
        assert_eq!(v.apply(BornDeadAction::SetTrials(0)).trials, 10);
        assert_eq!(v.apply(BornDeadAction::SetSamples(1 << 20)).samples, 4096);
        assert_eq!(v.apply(BornDeadAction::SetSeed(7)).seed, 7);
        assert_eq!(v.apply(BornDeadAction::SetScheme(SchemeChoice::Rai)).scheme, SchemeChoice::Rai);
        // apply is pure: the original is unchanged.
        assert_eq!(v, BornDeadView::default());
    }

    fn small(scheme: SchemeChoice) -> BornDeadView {
        BornDeadView { widths: vec![2, 8], max_depth: 50, trials: 150, samples: 256, seed: 3, scheme }
    }

    #[test]
    fn the_job_alternates_schemes_and_matches_separate_runs() {
        let view = small(SchemeChoice::Both);
        let mut job = BornDeadJob::new(&view);
        assert_eq!((job.trials_done(), job.total_trials(), job.progress()), (0, 600, 0.0));
        assert_eq!(job.step(7), 7);
        // Both schemes advance together: 4 and 3 networks.
        let trials: Vec<usize> =
            job.estimates().iter().map(|(_, es)| es.iter().map(|e| e.trials).max().unwrap_or(0)).collect();
        assert_eq!(trials, vec![2, 2]);
        while job.step(50) > 0 {}
        assert!(job.done());
        assert_eq!((job.trials_done(), job.progress()), (600, 1.0));
        assert_eq!(job.step(10), 0);
        for (scheme, estimates) in job.estimates() {
            let mut alone = BornDeadRun::new(view.config(scheme));
            alone.step(usize::MAX);
            assert_eq!(estimates, alone.estimates(), "{scheme:?}");
        }
        let he_only = BornDeadJob::new(&small(SchemeChoice::He));
        assert_eq!(he_only.estimates().len(), 1);
        assert_eq!(he_only.total_trials(), 300);
    }

    #[test]
    fn the_papers_shape_deeper_and_narrower_die_more_and_rai_lowers_it() {
        let mut job = BornDeadJob::new(&small(SchemeChoice::Both));
        job.step(usize::MAX);
        let all = job.estimates();
        let (he, rai) = (&all[0].1, &all[1].1);
        let p = |es: &[Estimate], w, d| find(es, w, d).map(|e| e.p).unwrap_or(f64::NAN);
        // Rises with depth (never falls: common random numbers), towards 1 for width 2.
        for es in [he, rai] {
            for w in [2, 8] {
                for d in 1..50 {
                    assert!(p(es, w, d) <= p(es, w, d + 1));
                }
            }
        }
        assert!(p(he, 2, 50) > 0.95, "{}", p(he, 2, 50));
        assert!(p(he, 2, 10) > p(he, 8, 10) + 0.5);
        assert!(p(he, 2, 50) > p(he, 8, 50));
        // RAI lowers it, well beyond the intervals.
        let (h, r) = (find(he, 2, 10).copied(), find(rai, 2, 10).copied());
        let (h, r) = (h.expect("cell"), r.expect("cell"));
        assert!(r.hi < h.lo, "{r:?} vs {h:?}");
        assert!(p(rai, 8, 50) <= p(he, 8, 50));
    }

    #[test]
    fn run_for_stops_when_the_budget_is_spent() {
        let mut job = BornDeadJob::new(&small(SchemeChoice::He));
        // A fake clock that advances 1 ms per reading.
        let mut t = 0.0;
        let mut clock = || {
            t += 1.0;
            t
        };
        // Start reading at 1, then one reading per network: 5 networks reach 6 - 1 = 5 ms.
        assert_eq!(job.run_for(5.0, &mut clock), 5);
        // A spent budget still runs one network, so a run always makes progress.
        assert_eq!(job.run_for(0.0, &mut clock), 1);
        assert_eq!(job.trials_done(), 6);
        let mut frozen = || 0.0;
        assert_eq!(job.run_for(1.0, &mut frozen), 294);
        assert!(job.done());
        assert_eq!(job.run_for(1.0, &mut frozen), 0);
    }

    #[test]
    fn cells_read_as_p_and_interval() {
        let e = Estimate { depth: 10, width: 4, dead: 233, trials: 1000, p: 0.233, lo: 0.2081, hi: 0.2604 };
        assert_eq!(cell_text(&e), "0.233 (0.208–0.260)");
        assert_eq!(cell_parts(&e), ("0.233".to_string(), "(0.208–0.260)".to_string()));
        assert_eq!(cell_text(&Estimate { trials: 0, dead: 0, p: 0.0, lo: 0.0, hi: 1.0, ..e }), "—");
        assert_eq!(find(&[e], 4, 10), Some(&e));
        assert_eq!(find(&[e], 4, 11), None);
    }
}
