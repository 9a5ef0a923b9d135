//! Reading computed-style values that are not a colour: lengths, dashes, fonts and box shadows.

use super::{BoxShadow, Rgba};

/// A computed length in CSS pixels (`12px`, `1.5`); 0 for `auto`, `normal`, `none` and the like.
pub fn px(value: &str) -> f64 {
    let v = value.trim();
    v.strip_suffix("px").unwrap_or(v).trim().parse::<f64>().ok().filter(|v| v.is_finite()).unwrap_or(0.0)
}

/// A length that may be a percentage of `reference` (`50%`), else as [`px`].
pub fn length(value: &str, reference: f64) -> f64 {
    match value.trim().strip_suffix('%') {
        Some(pct) => {
            pct.trim().parse::<f64>().ok().filter(|v| v.is_finite()).map_or(0.0, |p| p / 100.0 * reference)
        }
        None => px(value),
    }
}

/// A computed `stroke-dasharray` (`none`, `9px, 5px`, `9 5`); empty when solid. An odd list is
/// repeated, as SVG does; a list of zeros is solid.
pub fn dashes(value: &str) -> Vec<f64> {
    let mut out: Vec<f64> = value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "none")
        .map(|p| px(p).max(0.0))
        .collect();
    if out.iter().all(|v| *v == 0.0) {
        return Vec::new();
    }
    if out.len() % 2 == 1 {
        out.extend(out.clone());
    }
    out
}

/// A canvas `font` from computed parts: `italic 600 15px system-ui, sans-serif`.
pub fn canvas_font(style: &str, weight: &str, size: &str, family: &str) -> String {
    let mut parts = Vec::new();
    if !style.is_empty() && style != "normal" {
        parts.push(style);
    }
    if !weight.is_empty() && weight != "normal" && weight != "400" {
        parts.push(weight);
    }
    parts.push(if size.is_empty() { "16px" } else { size });
    parts.push(if family.is_empty() { "sans-serif" } else { family });
    parts.join(" ")
}

/// The shadows of a computed `box-shadow` (`rgb(86, 180, 233) 0px -4px 0px 0px inset, …`);
/// empty for `none`. A shadow without a colour is left out.
pub fn box_shadows(value: &str) -> Vec<BoxShadow> {
    split_top_level(value, ',')
        .iter()
        .filter_map(|shadow| {
            let mut colour = None;
            let mut inset = false;
            let mut lengths = Vec::new();
            for token in split_top_level(shadow, ' ') {
                if token == "inset" {
                    inset = true;
                } else if let Some(c) = Rgba::parse(&token) {
                    colour = Some(c);
                } else if token.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.') {
                    lengths.push(px(&token));
                }
            }
            let at = |i: usize| lengths.get(i).copied().unwrap_or(0.0);
            (lengths.len() >= 2).then_some(BoxShadow {
                colour: colour?,
                dx: at(0),
                dy: at(1),
                blur: at(2).max(0.0),
                spread: at(3),
                inset,
            })
        })
        .collect()
}

/// `text` split at `sep` outside parentheses, pieces trimmed, empty ones dropped.
fn split_top_level(text: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut current) = (0i32, String::new());
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == sep && depth == 0 {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_dashes_and_fonts() {
        assert_eq!(px("12.5px"), 12.5);
        assert_eq!(px("3"), 3.0);
        assert_eq!(px("auto"), 0.0);
        assert_eq!(length("50%", 40.0), 20.0);
        assert_eq!(length("6px", 40.0), 6.0);
        assert_eq!(dashes("none"), Vec::<f64>::new());
        assert_eq!(dashes("9px, 5px"), vec![9.0, 5.0]);
        assert_eq!(dashes("9 5 2"), vec![9.0, 5.0, 2.0, 9.0, 5.0, 2.0]);
        assert_eq!(dashes("0, 0"), Vec::<f64>::new());
        assert_eq!(
            canvas_font("normal", "400", "15px", "system-ui, sans-serif"),
            "15px system-ui, sans-serif"
        );
        assert_eq!(
            canvas_font("italic", "700", "12px", "\"DejaVu Sans\""),
            "italic 700 12px \"DejaVu Sans\""
        );
        assert_eq!(canvas_font("", "", "", ""), "16px sans-serif");
    }

    #[test]
    fn box_shadows_parse_from_their_computed_form() {
        let bar = box_shadows("rgb(86, 180, 233) 0px -4px 0px 0px inset");
        assert_eq!(
            bar,
            vec![BoxShadow {
                colour: Rgba::rgb(86, 180, 233),
                dx: 0.0,
                dy: -4.0,
                blur: 0.0,
                spread: 0.0,
                inset: true
            }]
        );
        let two = box_shadows("rgba(0, 0, 0, 0.25) 0px 6px 24px 0px, rgb(240, 180, 41) 0px 0px 0px 3px");
        assert_eq!(two.len(), 2);
        assert_eq!((two[0].blur, two[0].colour.a, two[1].spread, two[1].inset), (24.0, 0.25, 3.0, false));
        assert!(box_shadows("none").is_empty());
        assert!(box_shadows("").is_empty());
    }
}
