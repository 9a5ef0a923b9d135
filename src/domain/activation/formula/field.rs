//! What a formula text field needs: reading what was typed (with the position of an error, for
//! a caret under it) and the formulas offered when "custom…" is picked.

use super::super::Activation;
use super::CustomFormula;

/// Examples offered when "custom…" is chosen (the first one not already shown).
pub const STARTERS: [&str; 4] = ["x*sigmoid(1.702*x)", "max(0.1*x, x)", "sin(x)", "exp(-x^2)"];

/// Why the typed text cannot be used: the message and, for a parse error, the character
/// (from 1) it points at.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    pub message: String,
    pub position: Option<usize>,
}

/// The activation the field's text gives; `training` also refuses a formula a network cannot
/// train with (undefined where a pre-activation can land), with the reason.
pub fn read_field(text: &str, training: bool) -> Result<Activation, FieldError> {
    let formula = CustomFormula::parse(text)
        .map_err(|e| FieldError { message: e.to_string(), position: Some(e.position) })?;
    if training {
        formula.check_trainable().map_err(|e| FieldError {
            message: format!("a network cannot train with it: {e}"),
            position: None,
        })?;
    }
    Ok(Activation::Custom(formula))
}

/// The line under the text that points at `position` (from 1) with a caret.
pub fn caret_line(position: usize) -> String {
    format!("{}^", " ".repeat(position.saturating_sub(1)))
}

/// The first starter formula not among `taken`, as an activation.
pub fn starter(taken: &[Activation]) -> Activation {
    let parsed = STARTERS.iter().filter_map(|t| CustomFormula::parse(t).ok()).map(Activation::Custom);
    let all: Vec<Activation> = parsed.collect();
    all.iter().copied().find(|a| !taken.contains(a)).or(all.first().copied()).unwrap_or(Activation::Silu)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_points_at_the_error_and_refuses_untrainable_formulas_only_for_training() {
        let e = read_field("x*tanh(softplus(x)", false).err();
        assert_eq!(e.as_ref().map(|e| e.position), Some(Some(19)));
        assert_eq!(caret_line(19), format!("{}^", " ".repeat(18)));
        assert!(read_field("log(x)", false).is_ok());
        let refused = read_field("log(x)", true).err().map(|e| e.message);
        assert_eq!(refused.as_deref(), Some("a network cannot train with it: log(x) is undefined for x ≤ 0"));
        assert_eq!(
            read_field(" max(0.1*x,x) ", true).map(|a| a.to_string()).ok().as_deref(),
            Some("custom(max(0.1*x, x))")
        );
    }

    #[test]
    fn starters_parse_and_the_next_one_is_offered_when_one_is_shown() {
        let first = starter(&[]);
        assert_eq!(first.to_string(), "custom(x*sigmoid(1.702*x))");
        assert_eq!(starter(&[first]).to_string(), "custom(max(0.1*x, x))");
        for text in STARTERS {
            assert!(read_field(text, true).is_ok(), "{text}");
        }
    }
}
