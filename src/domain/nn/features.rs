//! The input features of the Playground, as TensorFlow Playground defines them
//! (`INPUTS` in tensorflow/playground `src/playground.ts`): the network never sees the point
//! itself, only the chosen functions of its coordinates.

use crate::domain::nn::data::Point;

/// One input feature: a fixed function of the point's coordinates (x = X₁, y = X₂).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1X2,
    SinX1,
    SinX2,
}

impl Feature {
    /// Every feature, in the canonical order of the network's input columns
    /// (TF Playground's `INPUTS` order).
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// TF Playground's URL key of the feature.
    pub fn id(&self) -> &'static str {
        match self {
            Feature::X1 => "x",
            Feature::X2 => "y",
            Feature::X1Squared => "xSquared",
            Feature::X2Squared => "ySquared",
            Feature::X1X2 => "xTimesY",
            Feature::SinX1 => "sinX",
            Feature::SinX2 => "sinY",
        }
    }

    /// The name shown to the user.
    pub fn label(&self) -> &'static str {
        match self {
            Feature::X1 => "X₁",
            Feature::X2 => "X₂",
            Feature::X1Squared => "X₁²",
            Feature::X2Squared => "X₂²",
            Feature::X1X2 => "X₁X₂",
            Feature::SinX1 => "sin(X₁)",
            Feature::SinX2 => "sin(X₂)",
        }
    }

    /// The feature whose [`Feature::id`] is `id` (exact, case-sensitive as TF's URL keys).
    pub fn from_id(id: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The feature's value at the point (x, y).
    pub fn eval(&self, x: f64, y: f64) -> f64 {
        match self {
            Feature::X1 => x,
            Feature::X2 => y,
            Feature::X1Squared => x * x,
            Feature::X2Squared => y * y,
            Feature::X1X2 => x * y,
            Feature::SinX1 => x.sin(),
            Feature::SinX2 => y.sin(),
        }
    }
}

/// The chosen features as the network's input columns: in [`Feature::ALL`] order, each once,
/// whatever the order (or repetitions) of `features`. Its length is the row width of
/// [`feature_row`] and [`feature_matrix`].
pub fn columns(features: &[Feature]) -> Vec<Feature> {
    Feature::ALL.into_iter().filter(|f| features.contains(f)).collect()
}

/// The feature vector of a point for the chosen features (in Feature::ALL order), as f32 for the model.
///
/// The columns are [`columns`]`(features)`: the order of `features` does not matter, so the
/// training data and the heatmap always agree on which column is which.
pub fn feature_row(features: &[Feature], x: f64, y: f64) -> Vec<f32> {
    Feature::ALL.into_iter().filter(|f| features.contains(f)).map(|f| f.eval(x, y) as f32).collect()
}

/// All points' feature rows flattened row-major ([n, features.len()]) and the labels, for building one tensor.
///
/// Returns the `n * columns(features).len()` inputs, row after row (see [`feature_row`]); the
/// labels in the same order are [`labels`]`(points)`.
pub fn feature_matrix(features: &[Feature], points: &[Point]) -> Vec<f32> {
    let cols = columns(features);
    let mut out = Vec::with_capacity(points.len() * cols.len());
    for p in points {
        out.extend(cols.iter().map(|f| f.eval(p.x, p.y) as f32));
    }
    out
}

/// The points' labels as f32, in the order of [`feature_matrix`]'s rows.
pub fn labels(points: &[Point]) -> Vec<f32> {
    points.iter().map(|p| p.label as f32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_tf_playground_url_keys_and_round_trip() {
        let ids: Vec<&str> = Feature::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(ids, ["x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"]);
        for f in Feature::ALL {
            assert_eq!(Feature::from_id(f.id()), Some(f));
        }
        assert_eq!(Feature::from_id("X"), None);
        assert_eq!(Feature::from_id("cosX"), None);
        assert_eq!(Feature::from_id(""), None);
    }

    #[test]
    fn labels_are_the_displayed_names() {
        let labels: Vec<&str> = Feature::ALL.iter().map(|f| f.label()).collect();
        assert_eq!(labels, ["X₁", "X₂", "X₁²", "X₂²", "X₁X₂", "sin(X₁)", "sin(X₂)"]);
    }

    #[test]
    fn eval_gives_each_feature_value() {
        let (x, y) = (1.5, -2.0);
        assert_eq!(Feature::X1.eval(x, y), 1.5);
        assert_eq!(Feature::X2.eval(x, y), -2.0);
        assert_eq!(Feature::X1Squared.eval(x, y), 2.25);
        assert_eq!(Feature::X2Squared.eval(x, y), 4.0);
        assert_eq!(Feature::X1X2.eval(x, y), -3.0);
        assert_eq!(Feature::SinX1.eval(x, y), 1.5f64.sin());
        assert_eq!(Feature::SinX2.eval(x, y), (-2.0f64).sin());
        assert!((Feature::SinX1.eval(std::f64::consts::FRAC_PI_2, 0.0) - 1.0).abs() < 1e-15);
        assert_eq!(Feature::SinX2.eval(0.0, 0.0), 0.0);
    }

    #[test]
    fn feature_row_follows_all_order_whatever_the_choice_order() {
        let row = feature_row(&[Feature::X1X2, Feature::X1, Feature::X2Squared], 3.0, -1.0);
        // ALL order: X1, X2Squared, X1X2.
        assert_eq!(row, vec![3.0f32, 1.0, -3.0]);
        assert_eq!(columns(&[Feature::SinX2, Feature::X2, Feature::X2]), vec![Feature::X2, Feature::SinX2]);
        assert_eq!(feature_row(&[Feature::X2, Feature::X2], 0.5, 0.25), vec![0.25f32]);
        assert!(feature_row(&[], 1.0, 1.0).is_empty());
        let all = feature_row(&Feature::ALL, 2.0, 3.0);
        assert_eq!(all.len(), 7);
        assert_eq!(&all[..5], &[2.0f32, 3.0, 4.0, 9.0, 6.0]);
        assert_eq!(all[5], 2.0f64.sin() as f32);
        assert_eq!(all[6], 3.0f64.sin() as f32);
    }

    #[test]
    fn feature_matrix_is_row_major_and_matches_feature_row() {
        let points = [
            Point { x: 1.0, y: 2.0, label: 1.0 },
            Point { x: -3.0, y: 0.5, label: -1.0 },
            Point { x: 0.0, y: -6.0, label: 1.0 },
        ];
        let feats = [Feature::X1, Feature::X2, Feature::X1X2];
        let m = feature_matrix(&feats, &points);
        assert_eq!(m.len(), points.len() * feats.len());
        assert_eq!(m, vec![1.0f32, 2.0, 2.0, -3.0, 0.5, -1.5, 0.0, -6.0, -0.0]);
        for (i, p) in points.iter().enumerate() {
            assert_eq!(&m[i * 3..i * 3 + 3], feature_row(&feats, p.x, p.y).as_slice());
        }
        assert_eq!(labels(&points), vec![1.0f32, -1.0, 1.0]);
        assert!(feature_matrix(&feats, &[]).is_empty());
    }
}
