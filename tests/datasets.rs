//! The Playground's data path end to end: generate a TF Playground dataset, save it as CSV,
//! load it back, and turn it into the model's input matrix.

use activation_lab::domain::nn::data::{Dataset, DatasetKind, Point, DOMAIN};
use activation_lab::domain::nn::features::{feature_matrix, feature_row, Feature};

#[test]
fn default_datasets_survive_a_csv_round_trip_and_become_input_matrices() {
    let features = [Feature::X1, Feature::X2];
    for kind in DatasetKind::ALL {
        let n = kind.default_num_points();
        let data = Dataset::generate(kind, n, 10.0, 0.5, 2024);
        assert_eq!((data.train.len(), data.test.len()), (n / 2, n / 2), "{kind:?}");

        let loaded = Dataset::from_csv(kind, &data.to_csv()).expect("own CSV loads");
        assert_eq!(loaded, data, "{kind:?}");

        let m = feature_matrix(&features, &loaded.train);
        assert_eq!(m.len(), loaded.train.len() * features.len());
        let p = loaded.train[0];
        assert_eq!(&m[..2], &[p.x as f32, p.y as f32]);
        assert!(m.iter().all(|v| v.is_finite() && v.abs() <= DOMAIN as f32));
    }
}

/// The teaching point of the feature inputs: with the right feature, a dataset a linear model
/// cannot separate on (X₁, X₂) becomes separable by one threshold.
#[test]
fn the_right_feature_makes_circle_and_xor_separable_at_noise_0() {
    let circle = Dataset::generate(DatasetKind::Circle, 500, 0.0, 1.0, 5);
    for p in &circle.train {
        let r2 = feature_row(&[Feature::X1Squared, Feature::X2Squared], p.x, p.y);
        let inside = r2[0] + r2[1] < 2.5f32 * 2.5;
        assert_eq!(p.label, if inside { 1.0 } else { -1.0 }, "{p:?}");
    }
    let xor = Dataset::generate(DatasetKind::Xor, 500, 0.0, 1.0, 5);
    for p in &xor.train {
        let xy = feature_row(&[Feature::X1X2], p.x, p.y)[0];
        assert_eq!(p.label, if xy >= 0.0 { 1.0 } else { -1.0 }, "{p:?}");
    }
}

#[test]
fn a_user_file_loads_and_a_drawn_point_can_be_added_and_erased() {
    let text = "x1,x2,label,set\n1.5,-2,1,train\n-4,4,0,test\n";
    let mut data = Dataset::from_csv(DatasetKind::Checkerboard, text).expect("valid file");
    assert_eq!(data.test, vec![Point { x: -4.0, y: 4.0, label: -1.0 }]);
    data.add_point(Point { x: 3.0, y: 3.0, label: 1.0 });
    assert_eq!(data.train.len(), 2);
    assert_eq!(data.remove_nearest(-4.1, 4.1, 0.5).map(|p| p.label), Some(-1.0));
    assert!(data.test.is_empty());

    let err =
        Dataset::from_csv(DatasetKind::Circle, "x1,x2,label\n1,2,1\n8,0,1\n").expect_err("out of domain");
    assert!(err.to_string().contains("line 3"), "{err}");
}
