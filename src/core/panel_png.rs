//! The pure half of "Panel as PNG" (the DOM half is `ui::panel_png`): a panel is composed on a
//! fresh canvas from a list of draw operations ([`Op`]) in CSS pixels, relative to the panel's
//! top-left corner. Here: the geometry (rectangles, an SVG viewBox mapped onto its element's
//! box, SVG shapes and path data), reading computed-style values (colours, lengths, dashes,
//! fonts), splitting text into the words whose boxes the page is asked for, the order in which
//! siblings paint, and the operations that draw a box, a range slider, a check box, a progress
//! bar and a select's arrow. Nothing here touches the DOM, so all of it is tested natively.

/// A rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(self) -> f64 {
        self.y + self.h
    }

    /// No area (or not a number).
    pub fn is_empty(self) -> bool {
        !(self.w > 0.0 && self.h > 0.0)
    }

    /// The same rectangle seen from `origin` (the panel's top-left corner).
    pub fn relative_to(self, origin: (f64, f64)) -> Rect {
        Rect { x: self.x - origin.0, y: self.y - origin.1, ..self }
    }

    /// Shrunk by the given amounts (CSS order: top, right, bottom, left); never negative.
    pub fn inset(self, [top, right, bottom, left]: [f64; 4]) -> Rect {
        Rect {
            x: self.x + left,
            y: self.y + top,
            w: (self.w - left - right).max(0.0),
            h: (self.h - top - bottom).max(0.0),
        }
    }

    pub fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

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

/// A run of text between white space, with its place in the text node in UTF-16 code units
/// (the offsets a DOM Range takes).
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

/// The words of a text node: each is asked for its own box, so the picture keeps the page's
/// line breaks, spacing and alignment whatever the canvas's font metrics.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    let mut offset = 0u32;
    for c in text.chars() {
        let len = c.len_utf16() as u32;
        if c.is_whitespace() {
            out.extend(current.take());
        } else {
            let w = current.get_or_insert_with(|| Word { text: String::new(), start: offset, end: offset });
            w.text.push(c);
            w.end = offset + len;
        }
        offset += len;
    }
    out.extend(current);
    out
}

/// The characters of a word, each as a [`Word`] (for a word the page broke across two lines).
pub fn chars(word: &Word) -> Vec<Word> {
    let mut offset = word.start;
    word.text
        .chars()
        .map(|c| {
            let len = c.len_utf16() as u32;
            let w = Word { text: c.to_string(), start: offset, end: offset + len };
            offset += len;
            w
        })
        .collect()
}

/// A word as `text-transform` shows it.
pub fn transform_text(word: &str, transform: &str) -> String {
    match transform {
        "uppercase" => word.to_uppercase(),
        "lowercase" => word.to_lowercase(),
        "capitalize" => {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        _ => word.to_string(),
    }
}

/// Where a sibling paints: behind (negative z-index), in flow, positioned, or in front.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layer {
    pub positioned: bool,
    /// `z-index`, None for `auto`.
    pub z: Option<i32>,
}

impl Layer {
    /// From computed `position` and `z-index`.
    pub fn of(position: &str, z_index: &str) -> Layer {
        Layer { positioned: position != "static" && !position.is_empty(), z: z_index.trim().parse().ok() }
    }
}

/// The order siblings are painted in (CSS's, simplified): negative z-index first, then the
/// elements in flow, then positioned ones with z-index auto or 0, then positive z-index;
/// document order within each.
pub fn paint_order(layers: &[Layer]) -> Vec<usize> {
    let key = |l: &Layer| match (l.positioned, l.z) {
        (true, Some(z)) if z < 0 => (0, z),
        (false, _) => (1, 0),
        (true, None) | (true, Some(0)) => (2, 0),
        (true, Some(z)) => (3, z),
    };
    let mut order: Vec<usize> = (0..layers.len()).collect();
    order.sort_by_key(|&i| key(&layers[i]));
    order
}

/// Whether an element is skipped with everything in it: not displayed, fully transparent,
/// clipped away (`clip: rect(0 0 0 0)`), or clipping its content to (almost) nothing, as
/// visually-hidden text does.
pub fn skip_subtree(display: &str, opacity: f64, clip: &str, rect: Rect, clips_overflow: bool) -> bool {
    let clipped_away = clip.starts_with("rect(")
        && clip.trim_start_matches("rect(").trim_end_matches(')').split([',', ' ']).all(|p| px(p) == 0.0);
    display == "none" || opacity <= 0.0 || clipped_away || (clips_overflow && (rect.w < 2.0 || rect.h < 2.0))
}

/// Whether `overflow` clips the content to the element's padding box.
pub fn clips_overflow(overflow_x: &str, overflow_y: &str) -> bool {
    !(overflow_x == "visible" && overflow_y == "visible")
}

/// An SVG `viewBox`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl ViewBox {
    pub fn parse(value: &str) -> Option<ViewBox> {
        let n: Vec<f64> = value
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect::<Option<_>>()?;
        match n[..] {
            [x, y, w, h] if w > 0.0 && h > 0.0 => Some(ViewBox { x, y, w, h }),
            _ => None,
        }
    }
}

/// How a viewBox fits its element's box (`preserveAspectRatio`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fit {
    /// `none`: stretched to fill, both ways independently.
    Stretch,
    /// Uniformly scaled to fit inside (`meet`, the default) or to cover (`slice`); the
    /// alignment is 0 (min), 0.5 (mid) or 1 (max) along each axis.
    Uniform { slice: bool, ax: f64, ay: f64 },
}

impl Fit {
    pub fn parse(value: &str) -> Fit {
        let mut parts = value.split_whitespace();
        let align = parts.next().unwrap_or("xMidYMid");
        if align == "none" {
            return Fit::Stretch;
        }
        let slice = parts.next() == Some("slice");
        let at = |s: &str| match s {
            "Min" => 0.0,
            "Max" => 1.0,
            _ => 0.5,
        };
        let (ax, ay) = match (align.get(1..4), align.get(5..8)) {
            (Some(x), Some(y)) if align.starts_with('x') && align.get(4..5) == Some("Y") => (at(x), at(y)),
            _ => (0.5, 0.5),
        };
        Fit::Uniform { slice, ax, ay }
    }
}

/// The affine map from an SVG's user units to CSS pixels: `(x·sx + tx, y·sy + ty)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mapping {
    pub sx: f64,
    pub sy: f64,
    pub tx: f64,
    pub ty: f64,
}

impl Mapping {
    /// For an `<svg>` laid out at `viewport`; without a viewBox a user unit is a CSS pixel.
    pub fn new(view_box: Option<ViewBox>, fit: Fit, viewport: Rect) -> Mapping {
        let Some(vb) = view_box else {
            return Mapping { sx: 1.0, sy: 1.0, tx: viewport.x, ty: viewport.y };
        };
        let (kx, ky) = (viewport.w / vb.w, viewport.h / vb.h);
        let (sx, sy, ax, ay) = match fit {
            Fit::Stretch => (kx, ky, 0.0, 0.0),
            Fit::Uniform { slice, ax, ay } => {
                let k = if slice { kx.max(ky) } else { kx.min(ky) };
                (k, k, ax, ay)
            }
        };
        Mapping {
            sx,
            sy,
            tx: viewport.x - vb.x * sx + ax * (viewport.w - vb.w * sx),
            ty: viewport.y - vb.y * sy + ay * (viewport.h - vb.h * sy),
        }
    }

    pub fn point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x * self.sx + self.tx, y * self.sy + self.ty)
    }

    /// How much a stroke width (or dash) in user units grows: the geometric mean of the
    /// two scales (exact when they are equal).
    pub fn stroke_scale(&self) -> f64 {
        (self.sx * self.sy).abs().sqrt()
    }
}

/// One piece of a path, in absolute coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    Move((f64, f64)),
    Line((f64, f64)),
    Quad((f64, f64), (f64, f64)),
    Cubic((f64, f64), (f64, f64), (f64, f64)),
    Close,
}

/// Something to fill or stroke.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect { rect: Rect, radius: f64 },
    Ellipse { cx: f64, cy: f64, rx: f64, ry: f64 },
    Path(Vec<Seg>),
}

impl Shape {
    /// The shape in CSS pixels, for SVG user units mapped by `m` (Bézier curves stay exact under
    /// an affine map).
    pub fn mapped(&self, m: &Mapping) -> Shape {
        match self {
            Shape::Rect { rect, radius } => {
                let (x, y) = m.point((rect.x, rect.y));
                let (w, h) = (rect.w * m.sx, rect.h * m.sy);
                Shape::Rect {
                    rect: Rect::new(x.min(x + w), y.min(y + h), w.abs(), h.abs()),
                    radius: radius * m.sx.abs().min(m.sy.abs()),
                }
            }
            Shape::Ellipse { cx, cy, rx, ry } => {
                let (cx, cy) = m.point((*cx, *cy));
                Shape::Ellipse { cx, cy, rx: rx * m.sx.abs(), ry: ry * m.sy.abs() }
            }
            Shape::Path(segs) => Shape::Path(
                segs.iter()
                    .map(|s| match *s {
                        Seg::Move(p) => Seg::Move(m.point(p)),
                        Seg::Line(p) => Seg::Line(m.point(p)),
                        Seg::Quad(c, p) => Seg::Quad(m.point(c), m.point(p)),
                        Seg::Cubic(c1, c2, p) => Seg::Cubic(m.point(c1), m.point(c2), m.point(p)),
                        Seg::Close => Seg::Close,
                    })
                    .collect(),
            ),
        }
    }
}

/// The geometry of an SVG shape element from its attributes (`attr(name)`), in user units.
/// None for other elements and for shapes that draw nothing.
pub fn svg_shape(tag: &str, attr: &dyn Fn(&str) -> Option<String>) -> Option<Shape> {
    let num = |name: &str| attr(name).map_or(0.0, |v| px(&v));
    match tag {
        "line" => {
            Some(Shape::Path(vec![Seg::Move((num("x1"), num("y1"))), Seg::Line((num("x2"), num("y2")))]))
        }
        "circle" => {
            let r = num("r");
            (r > 0.0).then(|| Shape::Ellipse { cx: num("cx"), cy: num("cy"), rx: r, ry: r })
        }
        "ellipse" => {
            let (rx, ry) = (num("rx"), num("ry"));
            (rx > 0.0 && ry > 0.0).then(|| Shape::Ellipse { cx: num("cx"), cy: num("cy"), rx, ry })
        }
        "rect" => {
            let rect = Rect::new(num("x"), num("y"), num("width"), num("height"));
            (!rect.is_empty()).then(|| Shape::Rect { rect, radius: num("rx").max(num("ry")) })
        }
        "polyline" | "polygon" => {
            let points = numbers(&attr("points").unwrap_or_default());
            let mut segs: Vec<Seg> = points
                .chunks_exact(2)
                .enumerate()
                .map(|(i, p)| if i == 0 { Seg::Move((p[0], p[1])) } else { Seg::Line((p[0], p[1])) })
                .collect();
            if tag == "polygon" && !segs.is_empty() {
                segs.push(Seg::Close);
            }
            (segs.len() >= 2).then_some(Shape::Path(segs))
        }
        "path" => {
            let segs = parse_path(&attr("d").unwrap_or_default());
            (!segs.is_empty()).then_some(Shape::Path(segs))
        }
        _ => None,
    }
}

/// The numbers of an SVG list (`1,2 3-4.5.5e1`).
fn numbers(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((v, next)) = next_number(rest) {
        out.push(v);
        rest = next;
    }
    out
}

/// The next number in SVG number syntax after separators, and the text after it.
fn next_number(text: &str) -> Option<(f64, &str)> {
    let s = text.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let bytes = s.as_bytes();
    let mut i = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut digits = false;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
        digits = true;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            digits = true;
        }
    }
    if !digits {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            while bytes.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            i = j;
        }
    }
    let v = s[..i].parse::<f64>().ok()?;
    Some((v, &s[i..]))
}

/// SVG path data as absolute segments: M L H V C S Q T Z in both cases; an arc (A) becomes a
/// straight line to its end point. Stops at the first malformed command, as browsers do.
pub fn parse_path(d: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    let mut rest = d;
    let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
    // The last control point, for the reflected S and T.
    let mut last_cubic: Option<(f64, f64)> = None;
    let mut last_quad: Option<(f64, f64)> = None;
    let mut command: Option<char> = None;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        let Some(first) = trimmed.chars().next() else { break };
        if first.is_ascii_alphabetic() {
            command = Some(first);
            rest = &trimmed[1..];
        } else if command.is_none() {
            break;
        } else {
            rest = trimmed;
        }
        let Some(c) = command else { break };
        let relative = c.is_ascii_lowercase();
        let abs = |p: (f64, f64), cur: (f64, f64)| if relative { (cur.0 + p.0, cur.1 + p.1) } else { p };
        let mut take = |n: usize| -> Option<Vec<f64>> {
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                let (x, next) = next_number(rest)?;
                v.push(x);
                rest = next;
            }
            Some(v)
        };
        let (mut cubic, mut quad) = (None, None);
        match c.to_ascii_uppercase() {
            'Z' => {
                segs.push(Seg::Close);
                cur = start;
                command = None;
            }
            'M' => {
                let Some(v) = take(2) else { break };
                cur = abs((v[0], v[1]), cur);
                start = cur;
                segs.push(Seg::Move(cur));
                // Further pairs after a moveto are linetos.
                command = Some(if relative { 'l' } else { 'L' });
            }
            'L' => {
                let Some(v) = take(2) else { break };
                cur = abs((v[0], v[1]), cur);
                segs.push(Seg::Line(cur));
            }
            'H' => {
                let Some(v) = take(1) else { break };
                cur = (if relative { cur.0 + v[0] } else { v[0] }, cur.1);
                segs.push(Seg::Line(cur));
            }
            'V' => {
                let Some(v) = take(1) else { break };
                cur = (cur.0, if relative { cur.1 + v[0] } else { v[0] });
                segs.push(Seg::Line(cur));
            }
            'C' => {
                let Some(v) = take(6) else { break };
                let (c1, c2, p) = (abs((v[0], v[1]), cur), abs((v[2], v[3]), cur), abs((v[4], v[5]), cur));
                segs.push(Seg::Cubic(c1, c2, p));
                cubic = Some(c2);
                cur = p;
            }
            'S' => {
                let Some(v) = take(4) else { break };
                let c1 = last_cubic.map_or(cur, |c| (2.0 * cur.0 - c.0, 2.0 * cur.1 - c.1));
                let (c2, p) = (abs((v[0], v[1]), cur), abs((v[2], v[3]), cur));
                segs.push(Seg::Cubic(c1, c2, p));
                cubic = Some(c2);
                cur = p;
            }
            'Q' => {
                let Some(v) = take(4) else { break };
                let (c1, p) = (abs((v[0], v[1]), cur), abs((v[2], v[3]), cur));
                segs.push(Seg::Quad(c1, p));
                quad = Some(c1);
                cur = p;
            }
            'T' => {
                let Some(v) = take(2) else { break };
                let c1 = last_quad.map_or(cur, |c| (2.0 * cur.0 - c.0, 2.0 * cur.1 - c.1));
                let p = abs((v[0], v[1]), cur);
                segs.push(Seg::Quad(c1, p));
                quad = Some(c1);
                cur = p;
            }
            'A' => {
                let Some(v) = take(7) else { break };
                cur = abs((v[5], v[6]), cur);
                segs.push(Seg::Line(cur));
            }
            _ => break,
        }
        last_cubic = cubic;
        last_quad = quad;
    }
    segs
}

/// A border's line style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LineStyle {
    None,
    Solid,
    Dashed,
    Dotted,
}

impl LineStyle {
    /// From a computed `border-*-style`; double, groove and the like are drawn solid.
    pub fn parse(value: &str) -> LineStyle {
        match value {
            "none" | "hidden" | "" => LineStyle::None,
            "dashed" => LineStyle::Dashed,
            "dotted" => LineStyle::Dotted,
            _ => LineStyle::Solid,
        }
    }

    fn dashes(self, width: f64) -> Vec<f64> {
        match self {
            LineStyle::Dashed => vec![3.0 * width, 2.0 * width],
            LineStyle::Dotted => vec![width, width],
            _ => Vec::new(),
        }
    }
}

/// One side of a border.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub width: f64,
    pub colour: Rgba,
    pub style: LineStyle,
}

impl Edge {
    pub const NONE: Edge = Edge { width: 0.0, colour: Rgba::TRANSPARENT, style: LineStyle::None };

    fn shows(self) -> bool {
        self.width > 0.0 && self.colour.is_visible() && self.style != LineStyle::None
    }
}

/// One `box-shadow`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoxShadow {
    pub colour: Rgba,
    pub dx: f64,
    pub dy: f64,
    pub blur: f64,
    pub spread: f64,
    pub inset: bool,
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

/// What an element's box paints: its shadows, its background, its border (top, right, bottom,
/// left) and the radius of its corners.
#[derive(Clone, Debug, PartialEq)]
pub struct BoxStyle {
    pub background: Rgba,
    pub edges: [Edge; 4],
    pub radius: f64,
    pub shadows: Vec<BoxShadow>,
}

/// A line to stroke.
#[derive(Clone, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Rgba,
    pub width: f64,
    pub dash: Vec<f64>,
    pub round_cap: bool,
}

/// Where text sits in its box horizontally.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Start,
    Centre,
    End,
}

impl Align {
    /// From a computed `text-align`.
    pub fn parse(value: &str) -> Align {
        match value {
            "center" | "-webkit-center" => Align::Centre,
            "right" | "end" | "-webkit-right" => Align::End,
            _ => Align::Start,
        }
    }
}

/// One draw operation, in CSS pixels from the panel's top-left corner. `I` is an image source
/// (a canvas on the page).
#[derive(Clone, Debug, PartialEq)]
pub enum Op<I> {
    Fill {
        shape: Shape,
        colour: Rgba,
    },
    Stroke {
        shape: Shape,
        stroke: Stroke,
    },
    /// Text centred vertically in `rect` (its font's ascent and descent), aligned across it.
    Text {
        text: String,
        rect: Rect,
        font: String,
        colour: Rgba,
        letter_spacing: f64,
        align: Align,
        /// Squeeze the text into the rect's width when the canvas's is wider (words whose box
        /// the page gave; not for a control's value, which is clipped instead).
        fit: bool,
    },
    Image {
        image: I,
        rect: Rect,
        /// A CSS filter (`grayscale(1) opacity(0.35)`), as the canvas's `filter`.
        filter: Option<String>,
    },
    /// Saves the state, then multiplies the opacity by `alpha` and clips to `clip`, until the
    /// matching Pop.
    Push {
        clip: Option<Shape>,
        alpha: f64,
    },
    Pop,
}

/// The radius a box can have: at most half its smaller side.
fn fit_radius(rect: Rect, radius: f64) -> f64 {
    radius.min(rect.w / 2.0).min(rect.h / 2.0).max(0.0)
}

/// A rounded rectangle as a closed path (quarter circles as Bézier curves), clockwise or
/// counter-clockwise on screen: one inside the other in opposite directions leaves a hole.
pub fn rounded_rect(rect: Rect, radius: f64, clockwise: bool) -> Vec<Seg> {
    let r = fit_radius(rect, radius);
    let k = r * (1.0 - 0.552_284_75);
    let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
    if clockwise {
        vec![
            Seg::Move((x0 + r, y0)),
            Seg::Line((x1 - r, y0)),
            Seg::Cubic((x1 - k, y0), (x1, y0 + k), (x1, y0 + r)),
            Seg::Line((x1, y1 - r)),
            Seg::Cubic((x1, y1 - k), (x1 - k, y1), (x1 - r, y1)),
            Seg::Line((x0 + r, y1)),
            Seg::Cubic((x0 + k, y1), (x0, y1 - k), (x0, y1 - r)),
            Seg::Line((x0, y0 + r)),
            Seg::Cubic((x0, y0 + k), (x0 + k, y0), (x0 + r, y0)),
            Seg::Close,
        ]
    } else {
        vec![
            Seg::Move((x0 + r, y0)),
            Seg::Cubic((x0 + k, y0), (x0, y0 + k), (x0, y0 + r)),
            Seg::Line((x0, y1 - r)),
            Seg::Cubic((x0, y1 - k), (x0 + k, y1), (x0 + r, y1)),
            Seg::Line((x1 - r, y1)),
            Seg::Cubic((x1 - k, y1), (x1, y1 - k), (x1, y1 - r)),
            Seg::Line((x1, y0 + r)),
            Seg::Cubic((x1, y0 + k), (x1 - k, y0), (x1 - r, y0)),
            Seg::Close,
        ]
    }
}

/// The background and border of a box at `rect` (its border box). A border whose four sides
/// agree is one rounded stroke; otherwise each side is a bar (square corners).
pub fn box_ops<I>(rect: Rect, style: &BoxStyle) -> Vec<Op<I>> {
    let mut ops = Vec::new();
    if rect.is_empty() {
        return ops;
    }
    let radius = fit_radius(rect, style.radius);
    // Shadows without blur (a blurred one is left out): the first listed is on top.
    let sharp = || style.shadows.iter().rev().filter(|s| s.blur == 0.0 && s.colour.is_visible());
    for shadow in sharp().filter(|s| !s.inset) {
        // Outside the box only: the shadow's shape with the box cut out of it.
        let outer =
            Rect::new(rect.x + shadow.dx, rect.y + shadow.dy, rect.w, rect.h).inset([-shadow.spread; 4]);
        let outer_radius = if radius > 0.0 { radius + shadow.spread } else { 0.0 };
        let mut path = rounded_rect(outer, outer_radius, true);
        path.extend(rounded_rect(rect, radius, false));
        ops.push(Op::Fill { shape: Shape::Path(path), colour: shadow.colour });
    }
    if style.background.is_visible() {
        ops.push(Op::Fill { shape: Shape::Rect { rect, radius }, colour: style.background });
    }
    let widths = style.edges.map(|e| if e.style == LineStyle::None { 0.0 } else { e.width });
    let padding_box = rect.inset(widths);
    let inner_radius = fit_radius(padding_box, radius - widths[0]);
    for shadow in sharp().filter(|s| s.inset) {
        // Inside the padding box only: all of it but the box moved by the offset and shrunk by
        // the spread.
        let hole =
            Rect::new(padding_box.x + shadow.dx, padding_box.y + shadow.dy, padding_box.w, padding_box.h)
                .inset([shadow.spread; 4]);
        let margin = shadow.dx.abs() + shadow.dy.abs() + shadow.spread.abs() + 1.0;
        let mut path = rounded_rect(padding_box.inset([-margin; 4]), 0.0, true);
        if !hole.is_empty() {
            path.extend(rounded_rect(hole, fit_radius(hole, inner_radius - shadow.spread), false));
        }
        ops.push(Op::Push {
            clip: Some(Shape::Rect { rect: padding_box, radius: inner_radius }),
            alpha: 1.0,
        });
        ops.push(Op::Fill { shape: Shape::Path(path), colour: shadow.colour });
        ops.push(Op::Pop);
    }
    let [top, right, bottom, left] = style.edges;
    if style.edges.iter().all(|e| *e == top) {
        if top.shows() {
            let w = top.width;
            let inner = rect.inset([w / 2.0; 4]);
            ops.push(Op::Stroke {
                shape: Shape::Rect { rect: inner, radius: fit_radius(inner, radius - w / 2.0) },
                stroke: Stroke { colour: top.colour, width: w, dash: top.style.dashes(w), round_cap: false },
            });
        }
        return ops;
    }
    let bars = [
        (top, Rect::new(rect.x, rect.y, rect.w, top.width)),
        (right, Rect::new(rect.right() - right.width, rect.y, right.width, rect.h)),
        (bottom, Rect::new(rect.x, rect.bottom() - bottom.width, rect.w, bottom.width)),
        (left, Rect::new(rect.x, rect.y, left.width, rect.h)),
    ];
    for (edge, bar) in bars {
        if edge.shows() {
            ops.push(Op::Fill { shape: Shape::Rect { rect: bar, radius: 0.0 }, colour: edge.colour });
        }
    }
    ops
}

/// Where a value lies between min and max, 0 to 1 (0 when the range is empty or not a number).
pub fn fraction(value: f64, min: f64, max: f64) -> f64 {
    let f = (value - min) / (max - min);
    if f.is_finite() {
        f.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// A range slider as Chromium draws one with an accent colour: a thin rounded track, filled
/// in the accent up to the thumb, and a round thumb.
pub fn range_ops<I>(rect: Rect, fraction: f64, accent: Rgba, track: Rgba) -> Vec<Op<I>> {
    if rect.is_empty() {
        return Vec::new();
    }
    let (_, cy) = rect.centre();
    let r = (rect.h / 2.0).clamp(3.0, 8.0).min(rect.w / 2.0);
    let x = rect.x + r + fraction.clamp(0.0, 1.0) * (rect.w - 2.0 * r);
    let bar = |x0: f64, x1: f64| Shape::Rect {
        rect: Rect::new(x0, cy - 2.0, (x1 - x0).max(0.0), 4.0),
        radius: 2.0,
    };
    vec![
        Op::Fill { shape: bar(rect.x, rect.right()), colour: track },
        Op::Fill { shape: bar(rect.x, x), colour: accent },
        Op::Fill { shape: Shape::Ellipse { cx: x, cy, rx: r, ry: r }, colour: accent },
    ]
}

/// A check box (or radio button) in `rect`: an outlined square (circle) on `ground`, filled
/// with the accent and marked when checked.
pub fn check_ops<I>(
    rect: Rect,
    checked: bool,
    radio: bool,
    accent: Rgba,
    border: Rgba,
    ground: Rgba,
) -> Vec<Op<I>> {
    if rect.is_empty() {
        return Vec::new();
    }
    let side = rect.w.min(rect.h);
    let (cx, cy) = rect.centre();
    let square = Rect::new(cx - side / 2.0, cy - side / 2.0, side, side);
    let shape = if radio {
        Shape::Ellipse { cx, cy, rx: side / 2.0, ry: side / 2.0 }
    } else {
        Shape::Rect { rect: square, radius: side * 0.15 }
    };
    if !checked {
        return vec![
            Op::Fill { shape: shape.clone(), colour: ground },
            Op::Stroke {
                shape: match shape {
                    Shape::Ellipse { cx, cy, rx, ry } => {
                        Shape::Ellipse { cx, cy, rx: rx - 0.5, ry: ry - 0.5 }
                    }
                    _ => Shape::Rect { rect: square.inset([0.5; 4]), radius: side * 0.15 },
                },
                stroke: Stroke { colour: border, width: 1.0, dash: Vec::new(), round_cap: false },
            },
        ];
    }
    let mark = accent.contrast();
    let dot = if radio {
        Op::Fill { shape: Shape::Ellipse { cx, cy, rx: side * 0.22, ry: side * 0.22 }, colour: mark }
    } else {
        let p = |fx: f64, fy: f64| (square.x + fx * side, square.y + fy * side);
        Op::Stroke {
            shape: Shape::Path(vec![
                Seg::Move(p(0.22, 0.52)),
                Seg::Line(p(0.42, 0.72)),
                Seg::Line(p(0.78, 0.3)),
            ]),
            stroke: Stroke { colour: mark, width: (side * 0.14).max(1.5), dash: Vec::new(), round_cap: true },
        }
    };
    vec![Op::Fill { shape, colour: accent }, dot]
}

/// A progress bar: the rounded track, filled in the accent to `fraction` (nothing when the
/// bar is indeterminate).
pub fn progress_ops<I>(rect: Rect, fraction: Option<f64>, accent: Rgba, track: Rgba) -> Vec<Op<I>> {
    if rect.is_empty() {
        return Vec::new();
    }
    let radius = (rect.h / 2.0).min(4.0);
    let mut ops = vec![Op::Fill { shape: Shape::Rect { rect, radius }, colour: track }];
    if let Some(f) = fraction {
        let filled = Rect { w: rect.w * f.clamp(0.0, 1.0), ..rect };
        if !filled.is_empty() {
            ops.push(Op::Fill {
                shape: Shape::Rect { rect: filled, radius: fit_radius(filled, radius) },
                colour: accent,
            });
        }
    }
    ops
}

/// Room a select keeps at its right for the arrow (CSS px).
pub const SELECT_ARROW_ROOM: f64 = 20.0;

/// A select's arrow: a small chevron centred in the room at the right of `rect` (its padding box).
pub fn select_arrow_ops<I>(rect: Rect, colour: Rgba) -> Vec<Op<I>> {
    if rect.w < SELECT_ARROW_ROOM || rect.is_empty() {
        return Vec::new();
    }
    let (cx, cy) = (rect.right() - SELECT_ARROW_ROOM / 2.0, rect.centre().1);
    vec![Op::Stroke {
        shape: Shape::Path(vec![
            Seg::Move((cx - 4.0, cy - 2.0)),
            Seg::Line((cx, cy + 2.0)),
            Seg::Line((cx + 4.0, cy - 2.0)),
        ]),
        stroke: Stroke { colour, width: 1.5, dash: Vec::new(), round_cap: true },
    }]
}

/// The largest side (device pixels) and area a picture may have: browsers refuse larger canvases.
pub const MAX_SIDE: f64 = 16_384.0;
pub const MAX_AREA: f64 = 64.0e6;

/// Device pixels per CSS pixel for a panel of `w`×`h` CSS pixels: the page's pixel ratio, less
/// when the picture would be too large for a canvas.
pub fn png_scale(w: f64, h: f64, pixel_ratio: f64) -> f64 {
    let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 { pixel_ratio } else { 1.0 };
    let side = MAX_SIDE / w.max(h).max(1.0);
    let area = (MAX_AREA / (w.max(1.0) * h.max(1.0))).sqrt();
    ratio.min(side).min(area)
}

/// The picture's size in device pixels (at least 1×1).
pub fn png_size(w: f64, h: f64, scale: f64) -> (u32, u32) {
    let side = |v: f64| (v * scale).round().clamp(1.0, MAX_SIDE) as u32;
    (side(w), side(h))
}

/// The file a panel is saved as: `activation-lab-<name>.png`, the name reduced to a-z, 0-9
/// and dashes.
pub fn file_name(panel: &str) -> String {
    let mut name = String::new();
    for c in panel.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if !name.ends_with('-') && !name.is_empty() {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "activation-lab-panel.png".to_string()
    } else {
        format!("activation-lab-{name}.png")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestOp = Op<()>;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

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
    fn words_carry_utf16_offsets() {
        let w = words("  Dead 𝑓′ ✕ neurons\n");
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Dead", "𝑓′", "✕", "neurons"]);
        assert_eq!((w[0].start, w[0].end), (2, 6));
        // 𝑓 is two UTF-16 units, ′ one.
        assert_eq!((w[1].start, w[1].end), (7, 10));
        assert_eq!((w[2].start, w[2].end), (11, 12));
        assert_eq!((w[3].start, w[3].end), (13, 20));
        assert!(words(" \n\t ").is_empty());
        let c = chars(&w[1]);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].start, c[0].end, c[1].start, c[1].end), (7, 9, 9, 10));
    }

    #[test]
    fn text_transforms() {
        assert_eq!(transform_text("noise", "uppercase"), "NOISE");
        assert_eq!(transform_text("Train", "lowercase"), "train");
        assert_eq!(transform_text("loss", "capitalize"), "Loss");
        assert_eq!(transform_text("ß", "uppercase"), "SS");
        assert_eq!(transform_text("as is", "none"), "as is");
    }

    #[test]
    fn siblings_paint_in_flow_then_positioned_then_in_front() {
        let layers = [
            Layer::of("relative", "1"),    // a node above the links
            Layer::of("absolute", "auto"), // the links
            Layer::of("static", "auto"),
            Layer::of("relative", "-1"),
            Layer::of("static", "5"), // z-index without position: in flow
            Layer::of("absolute", "0"),
        ];
        assert_eq!(paint_order(&layers), vec![3, 2, 4, 1, 5, 0]);
        assert_eq!(paint_order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn hidden_things_are_skipped() {
        let r = Rect::new(0.0, 0.0, 100.0, 20.0);
        assert!(!skip_subtree("block", 1.0, "auto", r, false));
        assert!(skip_subtree("none", 1.0, "auto", r, false));
        assert!(skip_subtree("block", 0.0, "auto", r, false));
        // .visually-hidden: 1×1 px, overflow hidden, clip rect(0 0 0 0)
        assert!(skip_subtree("block", 1.0, "auto", Rect::new(0.0, 0.0, 1.0, 1.0), true));
        assert!(skip_subtree("inline", 1.0, "rect(0px, 0px, 0px, 0px)", r, false));
        // A zero-size box that does not clip may still show what overflows it.
        assert!(!skip_subtree("block", 1.0, "auto", Rect::new(0.0, 0.0, 0.0, 0.0), false));
        assert!(clips_overflow("auto", "visible"));
        assert!(!clips_overflow("visible", "visible"));
    }

    #[test]
    fn a_stretched_view_box_maps_each_axis_on_its_own() {
        // The network's links: viewBox 0 0 400 216, preserveAspectRatio="none", 600×216 px at (20, 50).
        let m = Mapping::new(
            ViewBox::parse("0 0 400 216"),
            Fit::parse("none"),
            Rect::new(20.0, 50.0, 600.0, 216.0),
        );
        assert_eq!(m.point((0.0, 0.0)), (20.0, 50.0));
        assert_eq!(m.point((400.0, 216.0)), (620.0, 266.0));
        assert_eq!(m.point((50.0, 27.0)), (95.0, 77.0));
        assert!(close(m.stroke_scale(), 1.5f64.sqrt()));
    }

    #[test]
    fn a_uniform_view_box_meets_or_slices_and_aligns() {
        let vb = ViewBox::parse("0,0,60,60");
        let wide = Rect::new(0.0, 0.0, 120.0, 60.0);
        let mid = Mapping::new(vb, Fit::parse(""), wide);
        assert_eq!((mid.sx, mid.sy), (1.0, 1.0));
        assert_eq!(mid.point((0.0, 0.0)), (30.0, 0.0));
        let min = Mapping::new(vb, Fit::parse("xMinYMin meet"), wide);
        assert_eq!(min.point((0.0, 0.0)), (0.0, 0.0));
        let max = Mapping::new(vb, Fit::parse("xMaxYMax"), wide);
        assert_eq!(max.point((60.0, 60.0)), (120.0, 60.0));
        let slice = Mapping::new(vb, Fit::parse("xMidYMid slice"), wide);
        assert_eq!((slice.sx, slice.sy), (2.0, 2.0));
        assert_eq!(slice.point((30.0, 30.0)), (60.0, 30.0));
        let offset =
            Mapping::new(ViewBox::parse("-10 -10 20 20"), Fit::Stretch, Rect::new(0.0, 0.0, 40.0, 40.0));
        assert_eq!(offset.point((0.0, 0.0)), (20.0, 20.0));
        let none = Mapping::new(None, Fit::Stretch, Rect::new(5.0, 6.0, 10.0, 10.0));
        assert_eq!(none.point((1.0, 1.0)), (6.0, 7.0));
        assert_eq!(ViewBox::parse("0 0 0 10"), None);
        assert_eq!(ViewBox::parse("0 0 10"), None);
        assert_eq!(ViewBox::parse("a b c d"), None);
    }

    #[test]
    fn svg_shapes_come_from_their_attributes_and_map_through_the_view_box() {
        let attrs = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let line =
            svg_shape("line", &attrs(&[("x1", "50.0"), ("y1", "27.0"), ("x2", "150.0"), ("y2", "81.0")]));
        let m = Mapping { sx: 2.0, sy: 0.5, tx: 10.0, ty: 0.0 };
        assert_eq!(
            line.map(|s| s.mapped(&m)),
            Some(Shape::Path(vec![Seg::Move((110.0, 13.5)), Seg::Line((310.0, 40.5))]))
        );
        let circle =
            svg_shape("circle", &attrs(&[("cx", "30"), ("cy", "30"), ("r", "1.6")])).map(|s| s.mapped(&m));
        assert_eq!(circle, Some(Shape::Ellipse { cx: 70.0, cy: 15.0, rx: 3.2, ry: 0.8 }));
        assert_eq!(svg_shape("circle", &attrs(&[("r", "0")])), None);
        let rect = svg_shape(
            "rect",
            &attrs(&[("x", "1"), ("y", "2"), ("width", "3"), ("height", "4"), ("rx", "1")]),
        );
        assert_eq!(rect, Some(Shape::Rect { rect: Rect::new(1.0, 2.0, 3.0, 4.0), radius: 1.0 }));
        let polygon = svg_shape("polygon", &attrs(&[("points", "0,0 10,0 10,10")]));
        assert_eq!(
            polygon,
            Some(Shape::Path(vec![
                Seg::Move((0.0, 0.0)),
                Seg::Line((10.0, 0.0)),
                Seg::Line((10.0, 10.0)),
                Seg::Close
            ]))
        );
        assert_eq!(svg_shape("title", &attrs(&[])), None);
        assert_eq!(svg_shape("text", &attrs(&[("x", "1")])), None);
    }

    #[test]
    fn path_data_becomes_absolute_segments() {
        assert_eq!(
            parse_path("M10 20 L30,40 h5 v-5 z"),
            vec![
                Seg::Move((10.0, 20.0)),
                Seg::Line((30.0, 40.0)),
                Seg::Line((35.0, 40.0)),
                Seg::Line((35.0, 35.0)),
                Seg::Close
            ]
        );
        // Relative moveto with implicit linetos; numbers without separators.
        assert_eq!(
            parse_path("m1 1 2 2-1.5.5"),
            vec![Seg::Move((1.0, 1.0)), Seg::Line((3.0, 3.0)), Seg::Line((1.5, 3.5))]
        );
        assert_eq!(
            parse_path("M0 0 C1 1 2 1 3 0 S5 -1 6 0"),
            vec![
                Seg::Move((0.0, 0.0)),
                Seg::Cubic((1.0, 1.0), (2.0, 1.0), (3.0, 0.0)),
                Seg::Cubic((4.0, -1.0), (5.0, -1.0), (6.0, 0.0))
            ]
        );
        assert_eq!(
            parse_path("M0 0 Q1 2 2 0 T4 0"),
            vec![
                Seg::Move((0.0, 0.0)),
                Seg::Quad((1.0, 2.0), (2.0, 0.0)),
                Seg::Quad((3.0, -2.0), (4.0, 0.0))
            ]
        );
        assert_eq!(parse_path("M0 0 A5 5 0 0 1 10 0"), vec![Seg::Move((0.0, 0.0)), Seg::Line((10.0, 0.0))]);
        assert_eq!(parse_path("M1e1,2E-1"), vec![Seg::Move((10.0, 0.2))]);
        // Malformed data stops where it goes wrong.
        assert_eq!(parse_path("M0 0 L5"), vec![Seg::Move((0.0, 0.0))]);
        assert_eq!(parse_path("10 10"), Vec::<Seg>::new());
        assert_eq!(parse_path(""), Vec::<Seg>::new());
    }

    fn edge(width: f64, colour: Rgba, style: &str) -> Edge {
        Edge { width, colour, style: LineStyle::parse(style) }
    }

    #[test]
    fn a_box_paints_its_background_and_one_rounded_border() {
        let rect = Rect::new(0.0, 0.0, 100.0, 50.0);
        let border = edge(1.0, Rgba::rgb(213, 219, 227), "solid");
        let style = BoxStyle { background: Rgba::WHITE, edges: [border; 4], radius: 8.0, shadows: vec![] };
        let ops: Vec<TestOp> = box_ops(rect, &style);
        assert_eq!(
            ops,
            vec![
                Op::Fill { shape: Shape::Rect { rect, radius: 8.0 }, colour: Rgba::WHITE },
                Op::Stroke {
                    shape: Shape::Rect { rect: Rect::new(0.5, 0.5, 99.0, 49.0), radius: 7.5 },
                    stroke: Stroke { colour: border.colour, width: 1.0, dash: vec![], round_cap: false },
                },
            ]
        );
        // A dead neuron's dashed border.
        let dashed = BoxStyle {
            background: Rgba::TRANSPARENT,
            edges: [edge(2.0, Rgba::rgb(180, 35, 24), "dashed"); 4],
            radius: 4.0,
            shadows: vec![],
        };
        match &box_ops::<()>(Rect::new(0.0, 0.0, 40.0, 40.0), &dashed)[..] {
            [Op::Stroke { stroke, .. }] => assert_eq!(stroke.dash, vec![6.0, 4.0]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_box_with_nothing_to_show_paints_nothing_and_mixed_borders_paint_bars() {
        let rect = Rect::new(10.0, 10.0, 100.0, 20.0);
        let bare =
            BoxStyle { background: Rgba::TRANSPARENT, edges: [Edge::NONE; 4], radius: 0.0, shadows: vec![] };
        assert!(box_ops::<()>(rect, &bare).is_empty());
        assert!(box_ops::<()>(
            Rect::new(0.0, 0.0, 0.0, 10.0),
            &BoxStyle { background: Rgba::WHITE, ..bare.clone() }
        )
        .is_empty());
        let line = edge(1.0, Rgba::rgb(1, 2, 3), "solid");
        let underline = BoxStyle { edges: [Edge::NONE, Edge::NONE, line, Edge::NONE], ..bare.clone() };
        assert_eq!(
            box_ops::<()>(rect, &underline),
            vec![Op::Fill {
                shape: Shape::Rect { rect: Rect::new(10.0, 29.0, 100.0, 1.0), radius: 0.0 },
                colour: line.colour
            }]
        );
        let hidden = BoxStyle { edges: [edge(3.0, Rgba::rgb(1, 2, 3), "none"); 4], ..bare.clone() };
        assert!(box_ops::<()>(rect, &hidden).is_empty());
        // A pill: the radius is at most half the height.
        let pill =
            BoxStyle { background: Rgba::WHITE, edges: [Edge::NONE; 4], radius: 999.0, shadows: vec![] };
        assert_eq!(
            box_ops::<()>(rect, &pill),
            vec![Op::Fill { shape: Shape::Rect { rect, radius: 10.0 }, colour: Rgba::WHITE }]
        );
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

    #[test]
    fn sharp_shadows_paint_outside_or_inside_the_box_and_blurred_ones_not_at_all() {
        let rect = Rect::new(10.0, 10.0, 40.0, 30.0);
        let ring = BoxShadow {
            colour: Rgba::rgb(240, 180, 41),
            dx: 0.0,
            dy: 0.0,
            blur: 0.0,
            spread: 3.0,
            inset: false,
        };
        let bar = BoxShadow {
            colour: Rgba::rgb(0, 114, 178),
            dx: 0.0,
            dy: -4.0,
            blur: 0.0,
            spread: 0.0,
            inset: true,
        };
        let soft = BoxShadow { blur: 24.0, ..ring };
        let border = edge(2.0, Rgba::rgb(1, 2, 3), "solid");
        let style = BoxStyle {
            background: Rgba::WHITE,
            edges: [border; 4],
            radius: 0.0,
            shadows: vec![ring, bar, soft],
        };
        let ops: Vec<TestOp> = box_ops(rect, &style);
        // ring (outside), background, the bar clipped to the padding box, the border.
        match &ops[..] {
            [Op::Fill { shape: Shape::Path(ring_path), colour: c0 }, Op::Fill { shape: Shape::Rect { .. }, colour: c1 }, Op::Push { clip: Some(Shape::Rect { rect: clip, .. }), .. }, Op::Fill { shape: Shape::Path(bar_path), colour: c2 }, Op::Pop, Op::Stroke { .. }] =>
            {
                assert_eq!((*c0, *c1, *c2), (ring.colour, Rgba::WHITE, bar.colour));
                // The ring: the box grown by 3 px, with the box itself as the hole.
                assert_eq!(ring_path[0], Seg::Move((7.0, 7.0)));
                assert_eq!(ring_path[10], Seg::Move((10.0, 10.0)));
                assert_eq!(*clip, Rect::new(12.0, 12.0, 36.0, 26.0));
                // The bar: the hole is the padding box moved up 4 px, so 4 px show at the bottom.
                assert_eq!(bar_path[10], Seg::Move((12.0, 8.0)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rounded_rects_close_and_run_both_ways() {
        let r = Rect::new(0.0, 0.0, 20.0, 10.0);
        let cw = rounded_rect(r, 4.0, true);
        let ccw = rounded_rect(r, 4.0, false);
        assert_eq!((cw.len(), ccw.len()), (10, 9));
        assert_eq!((cw[1], ccw[2]), (Seg::Line((16.0, 0.0)), Seg::Line((0.0, 6.0))));
        assert_eq!(cw.last(), Some(&Seg::Close));
        // The radius is at most half the smaller side.
        assert_eq!(rounded_rect(r, 50.0, true)[0], Seg::Move((5.0, 0.0)));
    }

    #[test]
    fn a_range_puts_its_thumb_at_the_value() {
        let accent = Rgba::rgb(11, 107, 203);
        let track = Rgba::rgb(200, 200, 200);
        assert!(close(fraction(25.0, 0.0, 50.0), 0.5));
        assert_eq!(fraction(80.0, 0.0, 50.0), 1.0);
        assert_eq!(fraction(1.0, 1.0, 1.0), 0.0);
        assert_eq!(fraction(f64::NAN, 0.0, 1.0), 0.0);
        let ops: Vec<TestOp> = range_ops(Rect::new(0.0, 0.0, 116.0, 16.0), 0.5, accent, track);
        assert_eq!(ops.len(), 3);
        assert_eq!(
            ops[2],
            Op::Fill { shape: Shape::Ellipse { cx: 58.0, cy: 8.0, rx: 8.0, ry: 8.0 }, colour: accent }
        );
        match &ops[1] {
            Op::Fill { shape: Shape::Rect { rect, .. }, colour } => {
                assert_eq!(*colour, accent);
                assert_eq!((rect.x, rect.w), (0.0, 58.0));
            }
            other => panic!("{other:?}"),
        }
        let empty: Vec<TestOp> = range_ops(Rect::new(0.0, 0.0, 116.0, 16.0), 0.0, accent, track);
        assert_eq!(
            empty[2],
            Op::Fill { shape: Shape::Ellipse { cx: 8.0, cy: 8.0, rx: 8.0, ry: 8.0 }, colour: accent }
        );
    }

    #[test]
    fn check_boxes_show_their_state() {
        let (accent, border, ground) = (Rgba::rgb(11, 107, 203), Rgba::rgb(90, 90, 90), Rgba::WHITE);
        let rect = Rect::new(0.0, 0.0, 13.0, 13.0);
        let off: Vec<TestOp> = check_ops(rect, false, false, accent, border, ground);
        assert!(matches!(&off[..], [Op::Fill { colour, .. }, Op::Stroke { .. }] if *colour == ground));
        let on: Vec<TestOp> = check_ops(rect, true, false, accent, border, ground);
        match &on[..] {
            [Op::Fill { colour, .. }, Op::Stroke { stroke, shape: Shape::Path(p) }] => {
                assert_eq!(*colour, accent);
                assert_eq!(stroke.colour, Rgba::WHITE);
                assert_eq!(p.len(), 3);
            }
            other => panic!("{other:?}"),
        }
        let radio: Vec<TestOp> = check_ops(rect, true, true, accent, border, ground);
        assert!(matches!(
            &radio[..],
            [Op::Fill { shape: Shape::Ellipse { .. }, .. }, Op::Fill { shape: Shape::Ellipse { .. }, .. }]
        ));
    }

    #[test]
    fn progress_and_select_arrow() {
        let (accent, track) = (Rgba::rgb(1, 2, 3), Rgba::rgb(4, 5, 6));
        let rect = Rect::new(0.0, 0.0, 200.0, 14.0);
        let ops: Vec<TestOp> = progress_ops(rect, Some(0.25), accent, track);
        match &ops[..] {
            [Op::Fill { colour: t, .. }, Op::Fill { shape: Shape::Rect { rect: r, .. }, colour: a }] => {
                assert_eq!((*t, *a), (track, accent));
                assert_eq!(r.w, 50.0);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(progress_ops::<()>(rect, None, accent, track).len(), 1);
        assert_eq!(progress_ops::<()>(rect, Some(0.0), accent, track).len(), 1);
        let arrow: Vec<TestOp> = select_arrow_ops(Rect::new(0.0, 0.0, 120.0, 30.0), track);
        match &arrow[..] {
            [Op::Stroke { shape: Shape::Path(p), .. }] => assert_eq!(p[1], Seg::Line((110.0, 17.0))),
            other => panic!("{other:?}"),
        }
        assert!(select_arrow_ops::<()>(Rect::new(0.0, 0.0, 10.0, 30.0), track).is_empty());
    }

    #[test]
    fn the_picture_is_the_panel_times_the_pixel_ratio_within_canvas_limits() {
        assert_eq!(png_scale(600.0, 400.0, 2.0), 2.0);
        assert_eq!(png_size(600.4, 400.6, 2.0), (1201, 1201 - 400));
        assert_eq!(png_scale(600.0, 400.0, f64::NAN), 1.0);
        let s = png_scale(20_000.0, 100.0, 1.0);
        assert!(close(s, MAX_SIDE / 20_000.0));
        let big = png_scale(8000.0, 8000.0, 3.0);
        assert!(8000.0 * 8000.0 * big * big <= MAX_AREA * 1.0001);
        assert_eq!(png_size(0.0, 0.0, 1.0), (1, 1));
    }

    #[test]
    fn file_names_are_tidy() {
        assert_eq!(file_name("play-network"), "activation-lab-play-network.png");
        assert_eq!(file_name("Explorer chart!"), "activation-lab-explorer-chart.png");
        assert_eq!(file_name("--"), "activation-lab-panel.png");
    }

    #[test]
    fn rects_inset_and_move() {
        let r = Rect::new(10.0, 20.0, 100.0, 50.0);
        assert_eq!(r.relative_to((10.0, 20.0)), Rect::new(0.0, 0.0, 100.0, 50.0));
        assert_eq!(r.inset([1.0, 2.0, 3.0, 4.0]), Rect::new(14.0, 21.0, 94.0, 46.0));
        assert_eq!(r.inset([40.0, 0.0, 40.0, 0.0]).h, 0.0);
        assert!(Rect::new(0.0, 0.0, f64::NAN, 1.0).is_empty());
        assert_eq!((r.right(), r.bottom(), r.centre()), (110.0, 70.0, (60.0, 45.0)));
    }
}
