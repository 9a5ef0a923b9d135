//! The text form of an activation: `name` or `name(p)`, e.g. `relu`, `leaky_relu(0.2)`.
//!
//! Names are case-insensitive, whitespace around the name, the parentheses and the number is
//! tolerated, and `linear` is another name for `identity`. [`Activation`]'s `Display` prints the
//! canonical form: the bare id when the parameter is at its default, else `id(p)` with Rust's
//! shortest round-trip formatting of `p`, so parsing the printed text gives the same value back.
//!
//! A formula is written `custom(FORMULA)` (see [`super::formula`]); it prints as `custom(` and
//! its canonical text, which parses back to the same function. Lists of activations (in links)
//! are split by [`split_list`], which ignores the commas inside parentheses.

use std::fmt;
use std::str::FromStr;

use super::formula::{CustomFormula, DomainError, ErrorKind, FormulaError};
use super::Activation;

/// Why a text could not be read as an activation, or a parameter could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ActivationError {
    /// No activation has this name (the name as typed).
    UnknownName(String),
    /// The text in the parentheses is not a finite number.
    BadNumber { name: String, text: String },
    /// The parameter is outside its allowed range [min, max].
    OutOfRange { name: String, param: &'static str, value: f64, min: f64, max: f64 },
    /// A parameter was given to an activation that has none (its id).
    UnexpectedParam(String),
    /// The text does not have the shape `name` or `name(number)` (the whole text as typed).
    Malformed(String),
    /// `custom(FORMULA)` whose formula cannot be read (the formula as typed, and why).
    Formula { text: String, error: FormulaError },
    /// A formula a network cannot train with (its text form, and why).
    Untrainable { text: String, error: DomainError },
}

impl fmt::Display for ActivationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActivationError::UnknownName(name) => {
                write!(f, "unknown activation '{name}': ")?;
                if let Some(near) = closest_id(name) {
                    write!(f, "did you mean '{near}'? ")?;
                }
                let ids: Vec<&str> = Activation::ALL.iter().map(Activation::id).collect();
                write!(f, "try {}", ids.join(", "))
            }
            ActivationError::BadNumber { name, text } => write!(
                f,
                "'{text}' is not a usable number for {name}: write one finite number, e.g. {name}(0.5)"
            ),
            ActivationError::OutOfRange { name, param, value, min, max } => {
                write!(f, "{name}: {param} = {value} is out of range: choose a value from {min} to {max}")
            }
            ActivationError::UnexpectedParam(name) => {
                write!(f, "{name} takes no parameter: write just '{name}'")
            }
            ActivationError::Formula { text, error } => write!(f, "in the formula '{text}': {error}"),
            ActivationError::Untrainable { text, error } => {
                write!(f, "a network cannot train with {text}: {error}")
            }
            ActivationError::Malformed(text) => write!(
                f,
                "cannot read '{text}': {}; write a name such as 'relu', or a name and one number \
                 such as 'leaky_relu(0.2)'",
                malformed_reason(text)
            ),
        }
    }
}

impl std::error::Error for ActivationError {}

/// What is wrong with a text that [`split`] rejects, in a few words.
fn malformed_reason(text: &str) -> &'static str {
    let text = text.trim();
    if text.is_empty() {
        "the text is empty"
    } else if !text.contains('(') {
        "there is a ')' without '('"
    } else if !text.contains(')') {
        "the '(' is never closed"
    } else if text.matches('(').count() > 1 || text.matches(')').count() > 1 {
        "only one pair of parentheses is allowed"
    } else if text.starts_with('(') {
        "the name is missing before '('"
    } else if !text.ends_with(')') {
        "nothing may follow the ')'"
    } else {
        "the parentheses are empty"
    }
}

/// The id with the smallest edit distance to `name`, if it is close (at most 2 edits).
fn closest_id(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    Activation::ALL
        .iter()
        .map(|a| (edit_distance(&name, a.id()), a.id()))
        .filter(|&(d, _)| d <= 2)
        .min_by_key(|&(d, _)| d)
        .map(|(_, id)| id)
}

/// Levenshtein distance, counting characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// Splits `name` or `name(arg)` into the trimmed name and the trimmed argument.
/// Returns `None` when the text does not have that shape.
fn split(text: &str) -> Option<(&str, Option<&str>)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let Some(open) = text.find('(') else {
        return (!text.contains(')')).then_some((text, None));
    };
    let name = text[..open].trim();
    let inside = text[open + 1..].strip_suffix(')')?.trim();
    let well_formed = !name.is_empty() && !inside.is_empty() && !inside.contains(['(', ')']);
    well_formed.then_some((name, Some(inside)))
}

impl Activation {
    /// Reads the text form: `name` or `name(p)`, e.g. `relu`, `leaky_relu(0.2)`, `ELU ( 0.5 )`,
    /// `linear` (= `identity`). A missing parameter means the default.
    pub fn parse(text: &str) -> Result<Activation, ActivationError> {
        if let Some((formula, closed)) = custom_formula(text) {
            let error = |error| ActivationError::Formula { text: formula.to_string(), error };
            let parsed = CustomFormula::parse(formula).map_err(error)?;
            if !closed {
                let position = formula.chars().count() + 1;
                return Err(error(FormulaError { kind: ErrorKind::MissingClose, position }));
            }
            return Ok(Activation::Custom(parsed));
        }
        let (name, arg) = split(text).ok_or_else(|| ActivationError::Malformed(text.to_string()))?;
        let lower = name.to_ascii_lowercase();
        let activation = if lower == "linear" {
            Activation::Identity
        } else {
            Activation::ALL
                .into_iter()
                .find(|a| a.id() == lower)
                .ok_or_else(|| ActivationError::UnknownName(name.to_string()))?
        };
        let Some(arg) = arg else {
            return Ok(activation);
        };
        if activation.param().is_none() {
            return Err(ActivationError::UnexpectedParam(activation.id().to_string()));
        }
        let bad_number =
            || ActivationError::BadNumber { name: activation.id().to_string(), text: arg.to_string() };
        let value: f64 = arg.parse().map_err(|_| bad_number())?;
        if !value.is_finite() {
            return Err(bad_number());
        }
        activation.with_param(value)
    }
}

/// The formula in `custom(FORMULA)` (any case, spaces around tolerated) and whether the text
/// ends with the closing `)`. `None` when the text is not a custom one.
fn custom_formula(text: &str) -> Option<(&str, bool)> {
    let text = text.trim();
    let head = text.get(..6)?;
    if !head.eq_ignore_ascii_case("custom") {
        return None;
    }
    let rest = text[6..].trim_start().strip_prefix('(')?;
    Some(rest.strip_suffix(')').map_or((rest, false), |inner| (inner, true)))
}

/// The items of a comma-separated list of activations, trimmed (empty ones kept, since
/// `layerActivations` is positional): commas inside parentheses (`custom(max(0.1*x, x))`) do
/// not split.
pub fn split_list(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items.into_iter().map(str::trim).collect()
}

impl Activation {
    /// Whether a network can train with it: a formula must be defined (and finite in f32)
    /// wherever a pre-activation can land; the built-in functions always can.
    pub fn check_trainable(&self) -> Result<(), ActivationError> {
        match self {
            Activation::Custom(formula) => formula
                .check_trainable()
                .map_err(|error| ActivationError::Untrainable { text: self.to_string(), error }),
            _ => Ok(()),
        }
    }

    /// [`Activation::parse`], then [`Activation::check_trainable`]: for the keys that choose
    /// what a network trains with.
    pub fn parse_for_training(text: &str) -> Result<Activation, ActivationError> {
        let a = Activation::parse(text)?;
        a.check_trainable()?;
        Ok(a)
    }
}

impl FromStr for Activation {
    type Err = ActivationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Activation::parse(text)
    }
}

impl fmt::Display for Activation {
    /// The canonical text form: `elu` at the default parameter, `elu(0.5)` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Activation::Custom(formula) = self {
            return write!(f, "custom({formula})");
        }
        match self.param() {
            Some(p) if p.value != p.default => write!(f, "{}({})", self.id(), p.value),
            _ => f.write_str(self.id()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_accepts_the_two_shapes_and_nothing_else() {
        assert_eq!(split(" relu "), Some(("relu", None)));
        assert_eq!(split("elu ( 0.5 )"), Some(("elu", Some("0.5"))));
        for bad in ["", "  ", "elu(", "elu)", "(0.5)", "elu()", "elu(1)(2)", "elu((1))", "elu(1)x"] {
            assert_eq!(split(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn malformed_messages_name_the_problem() {
        assert!(malformed_reason("").contains("empty"));
        assert!(malformed_reason("elu(").contains("never closed"));
        assert!(malformed_reason("elu(1)(2)").contains("one pair"));
        assert!(malformed_reason("elu(1) x").contains("follow"));
        assert!(malformed_reason("elu()").contains("empty"));
        assert!(malformed_reason("elu)").contains("without"));
    }

    #[test]
    fn unknown_names_suggest_the_nearest_id() {
        let message = ActivationError::UnknownName("rleu".into()).to_string();
        assert!(message.contains("did you mean 'relu'"), "{message}");
        assert!(message.contains("leaky_relu"), "{message}");
        let far = ActivationError::UnknownName("softmax_xyz".into()).to_string();
        assert!(!far.contains("did you mean"), "{far}");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "elu"), 3);
    }

    #[test]
    fn display_is_canonical() {
        assert_eq!(Activation::Elu { alpha: 1.0 }.to_string(), "elu");
        assert_eq!(Activation::Elu { alpha: 0.5 }.to_string(), "elu(0.5)");
        assert_eq!(Activation::Softplus { beta: 2.0 }.to_string(), "softplus(2)");
        assert_eq!(Activation::Relu.to_string(), "relu");
        assert_eq!("ELU(1.0)".parse(), Ok(Activation::Elu { alpha: 1.0 }));
    }
}
