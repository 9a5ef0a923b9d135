//! A model file: the Playground's settings and the network's weights as JSON, so a run can be
//! saved and opened again in the same state (same losses). Bad files are refused with a
//! message that says what is wrong.

use crate::domain::nn::model::{LayerWeights, NetworkWeights};
use crate::domain::state::json::Json;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::query::Query;

pub const FORMAT: &str = "activation-lab/model-1";
/// The largest epoch a model file may say it was saved at (a billion: at the Playground's
/// fastest, 3000 epochs a second, over three days of training).
pub const MAX_EPOCH: usize = 1_000_000_000;
/// The largest model file the Playground opens (512 KB), refused by its size before it is read:
/// a file of the largest network (8 hidden layers of 16 on every input feature, a full
/// schedule and 300 custom points) takes about a fifth of it.
pub const MAX_MODEL_BYTES: usize = 512_000;

/// Refuses a model file of `bytes` bytes (a browser's `File.size`) before reading it.
pub fn check_size(bytes: f64) -> Result<(), String> {
    if bytes.is_nan() || bytes > MAX_MODEL_BYTES as f64 {
        let size = crate::domain::nn::data::size_text(bytes);
        let most = crate::domain::nn::data::size_text(MAX_MODEL_BYTES as f64);
        return Err(format!(
            "The file is {size}, more than the {most} of the largest model file, so it was not read."
        ));
    }
    Ok(())
}

/// The file's text: `{"format", "settings" (the link's query form), "epoch", "layers": [...]}`.
pub fn export(play: &PlayState, epoch: usize, weights: &NetworkWeights) -> String {
    let mut query = Query::default();
    play.write_query(&mut query);
    let nums = |v: &[f32]| Json::Array(v.iter().map(|&x| Json::Number(f64::from(x))).collect());
    let layers = weights
        .layers
        .iter()
        .map(|l| {
            Json::Object(vec![
                ("weights".into(), Json::Array(l.weights.iter().map(|row| nums(row)).collect())),
                ("biases".into(), nums(&l.biases)),
                ("preluSlope".into(), l.prelu_slope.map_or(Json::Null, |a| Json::Number(f64::from(a)))),
            ])
        })
        .collect();
    Json::Object(vec![
        ("format".into(), Json::String(FORMAT.into())),
        ("settings".into(), Json::String(query.to_query_string())),
        ("epoch".into(), Json::Number(epoch as f64)),
        ("layers".into(), Json::Array(layers)),
    ])
    .to_text()
}

/// Reads a model file: the settings, the weights and the epoch it was saved at.
pub fn import(text: &str) -> Result<(PlayState, NetworkWeights, usize), String> {
    check_size(text.len() as f64)?;
    let doc = Json::parse(text).map_err(|e| format!("This is not a model file: {e}."))?;
    match doc.get("format").and_then(Json::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(format!("Unknown model format '{other}': expected '{FORMAT}'.")),
        None => return Err("This is not an Activation Lab model file: it has no \"format\".".into()),
    }
    let settings = doc.get("settings").and_then(Json::as_str).ok_or("The model file has no \"settings\".")?;
    let (play, notices) = PlayState::from_query(&Query::parse(settings));
    if let Some(n) = notices.first() {
        return Err(format!("The model file's settings are not valid: {}", n.message));
    }
    let epoch = read_epoch(doc.get("epoch"))?;
    let layers = doc.get("layers").and_then(Json::as_array).ok_or("The model file has no \"layers\".")?;
    let floats = |v: Option<&Json>, what: &str, l: usize| -> Result<Vec<f32>, String> {
        v.and_then(Json::as_array)
            .ok_or_else(|| format!("Layer {}: \"{what}\" is missing.", l + 1))?
            .iter()
            .map(|x| {
                x.as_f64().filter(|x| x.is_finite()).map(|x| x as f32).ok_or_else(|| {
                    format!("Layer {}: \"{what}\" holds something that is not a finite number.", l + 1)
                })
            })
            .collect()
    };
    let mut out = Vec::new();
    for (l, layer) in layers.iter().enumerate() {
        let rows = layer
            .get("weights")
            .and_then(Json::as_array)
            .ok_or_else(|| format!("Layer {}: \"weights\" is missing.", l + 1))?;
        let weights = rows.iter().map(|r| floats(Some(r), "weights", l)).collect::<Result<Vec<_>, _>>()?;
        let biases = floats(layer.get("biases"), "biases", l)?;
        let prelu_slope = match layer.get("preluSlope") {
            None | Some(Json::Null) => None,
            Some(v) => Some(
                v.as_f64().filter(|a| a.is_finite()).ok_or(format!("Layer {}: bad \"preluSlope\".", l + 1))?
                    as f32,
            ),
        };
        out.push(LayerWeights { weights, biases, prelu_slope });
    }
    let weights = NetworkWeights { layers: out };
    let s = &play.settings;
    weights
        .check_shape(s.num_inputs(), &s.activations(), &s.hidden)
        .map_err(|e| format!("The model file's weights do not fit its network: {e}."))?;
    Ok((play, weights, epoch))
}

/// The file's `"epoch"`: a whole number from 0 to [`MAX_EPOCH`] (absent: 0); anything else
/// refuses the file, with a message saying what it holds.
fn read_epoch(value: Option<&Json>) -> Result<usize, String> {
    let Some(value) = value else { return Ok(0) };
    let wanted = format!("expected a whole number from 0 to {MAX_EPOCH}");
    let Some(e) = value.as_f64() else {
        return Err(format!("The model file's \"epoch\" is not a number: {wanted}."));
    };
    if !(0.0..=MAX_EPOCH as f64).contains(&e) || e.fract() != 0.0 {
        let shown = if e.abs() >= 1e15 { format!("{e:e}") } else { format!("{e}") };
        return Err(format!("The model file's \"epoch\" is {shown}: {wanted}."));
    }
    Ok(e as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::nn::trainer::Session;

    #[test]
    fn a_saved_model_opens_with_the_same_losses() {
        let play = PlayState::default();
        let mut session = Session::new(play.settings.clone());
        session.step(7);
        let text = export(&play, session.epoch(), &session.weights());
        let (back, weights, epoch) = import(&text).expect("imports");
        assert_eq!(back, play);
        assert_eq!(epoch, 7);
        assert_eq!(weights, session.weights(), "f32 weights survive the text exactly");
        let mut fresh = Session::new(back.settings);
        fresh.set_weights(&weights).expect("same shape");
        assert_eq!(fresh.metrics().train_loss, session.metrics().train_loss);
        assert_eq!(fresh.metrics().test_loss, session.metrics().test_loss);
    }

    #[test]
    fn the_largest_model_file_fits_the_size_cap_and_a_larger_file_is_refused() {
        use crate::domain::nn::data::{Dataset, DatasetKind};
        use std::rc::Rc;
        let sixteen = ["16"; 8].join(",");
        let schedule: Vec<String> = (1..=20).map(|i| format!("{}:learningRate=0.00{i}", i * 1000)).collect();
        let acts = ["leaky_relu(0.123456)"; 8].join(",");
        let query = format!(
            "networkShape={sixteen}&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&sinX=true&sinY=true&layerActivations={acts}&schedule={}",
            schedule.join(",")
        );
        let (mut play, notices) = PlayState::from_query(&Query::parse(&query));
        assert!(notices.is_empty(), "{notices:?}");
        play.custom = Some(Rc::new(Dataset::generate(DatasetKind::Circle, 300, 0.0, 0.5, 1)));
        let weights = Session::new(play.settings.clone()).weights();
        let text = export(&play, MAX_EPOCH, &weights);
        assert!(text.contains("data="), "the custom points are in the file");
        assert!(text.len() * 3 < MAX_MODEL_BYTES, "{} bytes", text.len());
        assert!(import(&text).is_ok());
        assert!(check_size(text.len() as f64).is_ok());
        let refused = check_size(100e6).expect_err("100 MB");
        assert_eq!(
            refused,
            "The file is 100.0 MB, more than the 512 KB of the largest model file, so it was not read."
        );
        let padded = format!("{text}{}", " ".repeat(MAX_MODEL_BYTES));
        assert_eq!(import(&padded).map(|_| ()), Err(check_size(padded.len() as f64).unwrap_err()));
    }

    #[test]
    fn bad_files_are_refused_with_a_clear_message() {
        let play = PlayState::default();
        let good = export(&play, 0, &Session::new(play.settings.clone()).weights());
        assert!(import("hello").unwrap_err().contains("not a model file"));
        assert!(import("{}").unwrap_err().contains("no \"format\""));
        assert!(import(&good.replace(FORMAT, "other/9")).unwrap_err().contains("Unknown model format"));
        assert!(import(&good.replace("learningRate=0.03", "learningRate=abc"))
            .unwrap_err()
            .contains("not valid"));
        let broken = good.replacen("\"biases\":[", "\"biases\":[\"x\",", 1);
        assert!(import(&broken).unwrap_err().contains("Layer 1"));
        // An absurd epoch is refused, not opened "at epoch 4294967295".
        let epoch = |e: &str| import(&good.replace("\"epoch\":0", &format!("\"epoch\":{e}")));
        assert_eq!(
            epoch("1e308").unwrap_err(),
            "The model file's \"epoch\" is 1e308: expected a whole number from 0 to 1000000000."
        );
        assert!(epoch("-3").unwrap_err().contains("is -3:"));
        assert!(epoch("2.5").unwrap_err().contains("is 2.5:"));
        assert!(epoch("\"soon\"").unwrap_err().contains("not a number"));
        assert_eq!(epoch("1000000000").map(|(_, _, e)| e), Ok(MAX_EPOCH));
        assert_eq!(epoch("120").map(|(_, _, e)| e), Ok(120));
        // A well-formed file whose shape does not fit its settings is refused.
        let text = good.replace("networkShape=4,2", "networkShape=4,3");
        assert!(import(&text).unwrap_err().contains("do not fit"));
    }
}
