//! Network shapes: checked, read from text and written back.

use crate::domain::nn::settings::MAX_LAYER_WIDTH;
use crate::domain::state::play_url::MAX_PLAY_LAYERS;

/// Whether a network shape can be compared: 1..=8 hidden layers of 1..=16 neurons (without a
/// hidden layer there is no activation to compare).
pub fn check_shape(shape: &[usize]) -> Result<(), String> {
    if shape.is_empty() {
        return Err("the network needs at least one hidden layer (there is no activation without one)".into());
    }
    if shape.len() > MAX_PLAY_LAYERS {
        return Err(format!("{} hidden layers is too many: at most {MAX_PLAY_LAYERS}", shape.len()));
    }
    if let Some((i, w)) = shape.iter().enumerate().find(|(_, w)| !(1..=MAX_LAYER_WIDTH).contains(*w)) {
        return Err(format!("layer {} has {w} neurons: allowed 1 to {MAX_LAYER_WIDTH}", i + 1));
    }
    Ok(())
}

/// Reads a shape typed by a user or found in a link: widths separated by commas (spaces
/// allowed), e.g. `8, 8`. The message says what is wrong.
pub fn parse_shape(text: &str) -> Result<Vec<usize>, String> {
    let text = text.trim();
    if text.is_empty() {
        return check_shape(&[]).map(|_| Vec::new());
    }
    let widths = text
        .split(',')
        .map(|part| {
            let part = part.trim();
            part.parse::<usize>()
                .map_err(|_| format!("'{part}' is not a whole number of neurons; write widths such as 8,8"))
        })
        .collect::<Result<Vec<usize>, String>>()?;
    check_shape(&widths)?;
    Ok(widths)
}

/// The text form of a shape: `8,8`.
pub fn shape_text(shape: &[usize]) -> String {
    shape.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_parse_with_spaces_and_explain_mistakes() {
        assert_eq!(parse_shape(" 8, 4 ,2"), Ok(vec![8, 4, 2]));
        assert!(parse_shape("").unwrap_err().contains("at least one"));
        assert!(parse_shape("8,,8").unwrap_err().contains("''"));
        assert!(parse_shape("3.5").unwrap_err().contains("'3.5'"));
        assert!(parse_shape("0").unwrap_err().contains("layer 1 has 0"));
        assert_eq!(shape_text(&[8, 8]), "8,8");
    }
}
