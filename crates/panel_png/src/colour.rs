//! Colours: parsing a computed (or SVG attribute) colour, luminance and contrast, the accent
//! a form control gets by default, and the backdrop a panel is drawn on.

/// A colour as computed styles give it (`rgb(…)`, `rgba(…)`, `transparent`) or as an SVG
/// attribute may (`#rgb`, `#rrggbb`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    /// 0 (transparent) to 1 (opaque).
    pub a: f64,
}

impl Rgba {
    pub const TRANSPARENT: Rgba = Rgba { r: 0, g: 0, b: 0, a: 0.0 };
    pub const WHITE: Rgba = Rgba { r: 255, g: 255, b: 255, a: 1.0 };

    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba { r, g, b, a: 1.0 }
    }

    /// None for anything that is not a plain colour (`none`, `auto`, `url(#g)`, …).
    pub fn parse(css: &str) -> Option<Rgba> {
        let s = css.trim().to_ascii_lowercase();
        if s == "transparent" {
            return Some(Rgba::TRANSPARENT);
        }
        if let Some(hex) = s.strip_prefix('#') {
            return parse_hex(hex);
        }
        let inner = s.strip_prefix("rgba(").or_else(|| s.strip_prefix("rgb("))?.strip_suffix(')')?;
        let parts: Vec<&str> = inner
            .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() != 3 && parts.len() != 4 {
            return None;
        }
        let channel = |p: &str| -> Option<u8> {
            let v = match p.strip_suffix('%') {
                Some(pct) => pct.parse::<f64>().ok()? * 2.55,
                None => p.parse::<f64>().ok()?,
            };
            v.is_finite().then(|| v.round().clamp(0.0, 255.0) as u8)
        };
        let alpha = match parts.get(3) {
            Some(p) => match p.strip_suffix('%') {
                Some(pct) => pct.parse::<f64>().ok()? / 100.0,
                None => p.parse::<f64>().ok()?,
            },
            None => 1.0,
        };
        if !alpha.is_finite() {
            return None;
        }
        Some(Rgba {
            r: channel(parts[0])?,
            g: channel(parts[1])?,
            b: channel(parts[2])?,
            a: alpha.clamp(0.0, 1.0),
        })
    }

    pub fn is_visible(self) -> bool {
        self.a > 0.0
    }

    /// The colour with its alpha multiplied by `k` (an opacity).
    pub fn faded(self, k: f64) -> Rgba {
        Rgba { a: (self.a * k).clamp(0.0, 1.0), ..self }
    }

    /// For a canvas's fillStyle / strokeStyle.
    pub fn css(self) -> String {
        format!("rgba({},{},{},{})", self.r, self.g, self.b, (self.a * 1000.0).round() / 1000.0)
    }

    /// Relative luminance (0 black … 1 white), sRGB.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// A mark that reads on this colour: near-black on light colours, white on dark ones
    /// (whichever has the higher WCAG contrast ratio).
    pub fn contrast(self) -> Rgba {
        if self.luminance() > 0.179 {
            Rgba::rgb(17, 21, 27)
        } else {
            Rgba::WHITE
        }
    }
}

/// The accent Chromium gives form controls without an `accent-color`: its blue, lighter on a
/// dark ground.
pub fn default_accent(ground: Rgba) -> Rgba {
    if ground.luminance() < 0.179 {
        Rgba::rgb(153, 200, 255)
    } else {
        Rgba::rgb(0, 117, 255)
    }
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    let digit = |i: usize, n: usize| u8::from_str_radix(hex.get(i..i + n)?, 16).ok();
    match hex.len() {
        3 | 4 => {
            let d = |i: usize| digit(i, 1).map(|v| v * 17);
            let a = if hex.len() == 4 { f64::from(d(3)?) / 255.0 } else { 1.0 };
            Some(Rgba { r: d(0)?, g: d(1)?, b: d(2)?, a })
        }
        6 | 8 => {
            let a = if hex.len() == 8 { f64::from(digit(6, 2)?) / 255.0 } else { 1.0 };
            Some(Rgba { r: digit(0, 2)?, g: digit(2, 2)?, b: digit(4, 2)?, a })
        }
        _ => None,
    }
}

/// What shows behind a panel: the first opaque background from the panel outwards (the panel,
/// then its ancestors), white when none is.
pub fn backdrop(backgrounds: &[Rgba]) -> Rgba {
    backgrounds.iter().copied().find(|c| c.a >= 0.999).unwrap_or(Rgba::WHITE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_as_computed_styles_give_them() {
        assert_eq!(Rgba::parse("rgb(27, 36, 48)"), Some(Rgba::rgb(27, 36, 48)));
        assert_eq!(Rgba::parse("rgba(0, 0, 0, 0)"), Some(Rgba::TRANSPARENT));
        assert_eq!(Rgba::parse("rgba(0, 114, 178, 0.75)").map(|c| c.a), Some(0.75));
        assert_eq!(Rgba::parse("rgb(10 20 30 / 50%)"), Some(Rgba { r: 10, g: 20, b: 30, a: 0.5 }));
        assert_eq!(Rgba::parse("rgb(300, -4, 12.6)"), Some(Rgba::rgb(255, 0, 13)));
        assert_eq!(Rgba::parse("#0072b2"), Some(Rgba::rgb(0, 0x72, 0xb2)));
        assert_eq!(Rgba::parse("#fff"), Some(Rgba::WHITE));
        assert_eq!(Rgba::parse("transparent"), Some(Rgba::TRANSPARENT));
        for bad in ["none", "auto", "url(\"#g\")", "rgb(1, 2)", "rgb(a, b, c)", "#12345", ""] {
            assert_eq!(Rgba::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgba::rgb(1, 2, 3).faded(0.5).css(), "rgba(1,2,3,0.5)");
    }

    #[test]
    fn marks_contrast_with_their_ground() {
        assert_eq!(Rgba::rgb(11, 107, 203).contrast(), Rgba::WHITE);
        assert_ne!(Rgba::rgb(90, 169, 240).contrast(), Rgba::WHITE);
        assert_eq!(default_accent(Rgba::WHITE), Rgba::rgb(0, 117, 255));
        assert_eq!(default_accent(Rgba::rgb(26, 32, 41)), Rgba::rgb(153, 200, 255));
    }

    #[test]
    fn the_backdrop_is_the_first_opaque_background() {
        let panel = Rgba::rgb(26, 32, 41);
        assert_eq!(backdrop(&[Rgba::TRANSPARENT, Rgba::rgb(1, 2, 3).faded(0.5), panel, Rgba::WHITE]), panel);
        assert_eq!(backdrop(&[Rgba::TRANSPARENT]), Rgba::WHITE);
        assert_eq!(backdrop(&[]), Rgba::WHITE);
    }
}
