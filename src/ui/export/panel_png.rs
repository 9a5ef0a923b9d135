//! "Panel as PNG": a whole panel, as the user sees it, composed on a fresh canvas and saved.
//!
//! The page runs under `default-src 'self'` and inside sandboxed frames, so HTML or SVG cannot
//! be rasterised through an `<img>` of a blob:/data: URL. The panel's DOM is walked instead and
//! turned into draw operations (the `panel_png` crate, the pure half, which also holds the
//! geometry): every element's background and border from its computed style; its text word by
//! word, at the boxes the page laid each word out in (a Range's client rects), in the computed
//! font, colour, letter spacing and text-transform; canvases copied at their content boxes
//! (with their CSS filter); SVG lines, paths, polylines, rects and circles mapped through their
//! viewBox with their computed stroke and fill; form controls drawn showing their current
//! value (sliders, check boxes, selects, number and text boxes, progress bars). Hidden things
//! are skipped (display none, visibility hidden, opacity 0, clipped to nothing), and so is
//! everything marked [`SKIP_ATTRIBUTE`] (the export menu, the diagram's ± and layer buttons,
//! the weight editor). The picture is scaled by the device pixel ratio, and at least twice
//! ([`panel_png::MIN_PNG_SCALE`]), so it is sharp on a projector.
//!
//! Not drawn: box shadows, outlines and focus rings, background images and gradients, text
//! decorations and shadows, CSS transforms, ::before/::after content and list markers, <img>
//! and <video>, MathML's drawn parts (fraction bars, radicals), SVG <text>, gradients and
//! transforms inside an SVG, scrollbars.

use std::f64::consts::TAU;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, CssStyleDeclaration, DomRect, Element, HtmlCanvasElement, HtmlInputElement,
    HtmlSelectElement, Node, Range, Window,
};
use yew::Callback;

use crate::ui::export::download;
use crate::ui::hooks::pixel_ratio;
use crate::ui::shell::browser;
use panel_png::{
    backdrop, box_ops, box_shadows, canvas_font, chars, check_ops, clips_overflow, dashes, default_accent,
    fraction, length, paint_order, png_scale, png_size, progress_ops, px, range_ops, select_arrow_ops,
    skip_subtree, svg_shape, transform_text, words, Align, BoxStyle, Edge, Fit, Layer, LineStyle, Mapping,
    Op, Rect, Rgba, Seg, Shape, Stroke, ViewBox, Word, SELECT_ARROW_ROOM,
};

/// Elements carrying this attribute are left out of a panel's picture, with all they hold.
pub const SKIP_ATTRIBUTE: &str = "data-png-skip";

type Ops = Vec<Op<HtmlCanvasElement>>;

/// Composes `panel` and offers it as the PNG file `file`; `done` hears how it went.
pub fn save_panel_png(panel: &Element, file: &str, done: Callback<Result<(), String>>) {
    match compose(panel) {
        Ok(canvas) => download::save_png(file, &[canvas], done),
        Err(e) => done.emit(Err(e)),
    }
}

/// The panel drawn on a new canvas: its size times the pixel ratio, filled first with what
/// shows behind the panel.
pub fn compose(panel: &Element) -> Result<HtmlCanvasElement, String> {
    let window = browser::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let bounds = rect(&panel.get_bounding_client_rect());
    if bounds.is_empty() {
        return Err("the panel is not shown".into());
    }
    let range = document.create_range().map_err(|_| "the page cannot measure its text".to_string())?;
    let mut walker =
        Walker { window, range, origin: (bounds.x, bounds.y), ops: Vec::new(), ground: Rgba::WHITE };
    walker.ground = walker.backdrop(panel);
    if let Some(style) = walker.style(panel) {
        walker.element(panel, &style);
    }
    let scale = png_scale(bounds.w, bounds.h, pixel_ratio());
    let (w, h) = png_size(bounds.w, bounds.h, scale);
    let canvas = browser::new_canvas(w, h)?;
    let ctx = browser::context_2d(&canvas)?;
    ctx.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0)
        .map_err(|_| "the canvas cannot be scaled".to_string())?;
    ctx.set_fill_style_str(&walker.ground.css());
    ctx.fill_rect(0.0, 0.0, bounds.w, bounds.h);
    paint(&ctx, &walker.ops);
    Ok(canvas)
}

fn rect(r: &DomRect) -> Rect {
    Rect::new(r.x(), r.y(), r.width(), r.height())
}

/// Adds two sets of four sides (borders and paddings).
fn plus(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];

/// An element's computed style, read as the pure half wants it.
struct Style(CssStyleDeclaration);

impl Style {
    fn get(&self, name: &str) -> String {
        self.0.get_property_value(name).unwrap_or_default()
    }

    fn px(&self, name: &str) -> f64 {
        px(&self.get(name))
    }

    fn number(&self, name: &str, default: f64) -> f64 {
        self.get(name).trim().parse::<f64>().ok().filter(|v| v.is_finite()).unwrap_or(default)
    }

    fn colour(&self, name: &str) -> Option<Rgba> {
        Rgba::parse(&self.get(name))
    }

    fn shown(&self) -> bool {
        self.get("visibility") == "visible"
    }

    fn borders(&self) -> [f64; 4] {
        SIDES.map(|s| self.px(&format!("border-{s}-width")))
    }

    fn paddings(&self) -> [f64; 4] {
        SIDES.map(|s| self.px(&format!("padding-{s}")))
    }

    /// The corner radius (the top-left one, for every corner).
    fn radius(&self, bounds: Rect) -> f64 {
        let value = self.get("border-top-left-radius");
        length(value.split_whitespace().next().unwrap_or(""), bounds.w.min(bounds.h))
    }

    fn box_style(&self, bounds: Rect) -> BoxStyle {
        let edge = |side: &str| Edge {
            width: self.px(&format!("border-{side}-width")),
            colour: self.colour(&format!("border-{side}-color")).unwrap_or(Rgba::TRANSPARENT),
            style: LineStyle::parse(&self.get(&format!("border-{side}-style"))),
        };
        BoxStyle {
            background: self.colour("background-color").unwrap_or(Rgba::TRANSPARENT),
            edges: SIDES.map(edge),
            radius: self.radius(bounds),
            shadows: box_shadows(&self.get("box-shadow")),
        }
    }

    fn font(&self) -> String {
        canvas_font(
            &self.get("font-style"),
            &self.get("font-weight"),
            &self.get("font-size"),
            &self.get("font-family"),
        )
    }

    fn text_colour(&self) -> Rgba {
        self.colour("color").unwrap_or(Rgba::rgb(0, 0, 0))
    }
}

/// Walks a panel's DOM and collects the draw operations, in CSS px from the panel's corner.
struct Walker {
    window: Window,
    /// One Range, moved over every word measured.
    range: Range,
    origin: (f64, f64),
    ops: Ops,
    /// What shows behind the panel (also the ground of an unchecked check box).
    ground: Rgba,
}

impl Walker {
    fn style(&self, el: &Element) -> Option<Style> {
        self.window.get_computed_style(el).ok().flatten().map(Style)
    }

    fn rect(&self, r: &DomRect) -> Rect {
        rect(r).relative_to(self.origin)
    }

    fn backdrop(&self, panel: &Element) -> Rgba {
        let mut colours = Vec::new();
        let mut next = Some(panel.clone());
        while let Some(el) = next {
            if let Some(style) = self.style(&el) {
                colours.push(style.colour("background-color").unwrap_or(Rgba::TRANSPARENT));
            }
            next = el.parent_element();
        }
        backdrop(&colours)
    }

    fn element(&mut self, el: &Element, style: &Style) {
        if el.has_attribute(SKIP_ATTRIBUTE) {
            return;
        }
        let tag = el.tag_name().to_ascii_lowercase();
        if matches!(
            tag.as_str(),
            "script"
                | "style"
                | "template"
                | "noscript"
                | "option"
                | "optgroup"
                | "datalist"
                | "img"
                | "video"
                | "audio"
                | "iframe"
                | "object"
                | "embed"
        ) {
            return;
        }
        let display = style.get("display");
        let opacity = style.number("opacity", 1.0);
        let bounds = self.rect(&el.get_bounding_client_rect());
        let clips = clips_overflow(&style.get("overflow-x"), &style.get("overflow-y"));
        if skip_subtree(&display, opacity, &style.get("clip"), bounds, clips) {
            return;
        }
        if opacity < 1.0 {
            self.ops.push(Op::Push { clip: None, alpha: opacity });
        }
        let shown = style.shown();
        if shown && display != "contents" {
            self.paint_box(el, style, bounds, &display);
        }
        match tag.as_str() {
            "canvas" => {
                if let (true, Some(canvas)) = (shown, el.dyn_ref::<HtmlCanvasElement>()) {
                    self.canvas(canvas, style, bounds);
                }
            }
            "svg" => self.svg(el, style, bounds, clips),
            "input" => {
                if let (true, Some(input)) = (shown, el.dyn_ref::<HtmlInputElement>()) {
                    self.input(input, style, bounds);
                }
            }
            "select" => {
                if let (true, Some(select)) = (shown, el.dyn_ref::<HtmlSelectElement>()) {
                    self.select(select, style, bounds);
                }
            }
            "progress" => {
                if shown {
                    self.progress(el, style, bounds);
                }
            }
            "textarea" => {}
            _ => self.children(el, style, bounds, clips),
        }
        if opacity < 1.0 {
            self.ops.push(Op::Pop);
        }
    }

    /// Background and border; an inline element's for each line it spans.
    fn paint_box(&mut self, el: &Element, style: &Style, bounds: Rect, display: &str) {
        let look = style.box_style(bounds);
        if display == "inline" {
            let rects = el.get_client_rects();
            for i in 0..rects.length() {
                if let Some(r) = rects.get(i) {
                    let r = self.rect(&r);
                    self.ops.extend(box_ops(r, &look));
                }
            }
        } else {
            self.ops.extend(box_ops(bounds, &look));
        }
    }

    /// The element's text and child elements, in paint order, clipped when it clips overflow.
    fn children(&mut self, el: &Element, style: &Style, bounds: Rect, clips: bool) {
        if clips {
            let radius = (style.radius(bounds) - style.borders()[0]).max(0.0);
            let clip = Shape::Rect { rect: bounds.inset(style.borders()), radius };
            self.ops.push(Op::Push { clip: Some(clip), alpha: 1.0 });
        }
        let mut kids: Vec<(Node, Option<Style>)> = Vec::new();
        let mut next = el.first_child();
        while let Some(node) = next {
            next = node.next_sibling();
            let kid_style = node.dyn_ref::<Element>().and_then(|e| self.style(e));
            kids.push((node, kid_style));
        }
        let layers: Vec<Layer> = kids
            .iter()
            .map(|(_, s)| {
                s.as_ref().map_or(Layer { positioned: false, z: None }, |s| {
                    Layer::of(&s.get("position"), &s.get("z-index"))
                })
            })
            .collect();
        for i in paint_order(&layers) {
            let (node, kid_style) = &kids[i];
            match (node.node_type(), kid_style) {
                (Node::ELEMENT_NODE, Some(s)) => {
                    if let Some(e) = node.dyn_ref::<Element>() {
                        self.element(e, s);
                    }
                }
                (Node::TEXT_NODE, _) => self.text(node, style),
                _ => {}
            }
        }
        if clips {
            self.ops.push(Op::Pop);
        }
    }

    /// A text node, word by word at the boxes the page gave the words.
    fn text(&mut self, node: &Node, style: &Style) {
        let Some(data) = node.node_value() else { return };
        let list = words(&data);
        if list.is_empty() || !style.shown() {
            return;
        }
        let colour = style.text_colour();
        if !colour.is_visible() {
            return;
        }
        let font = style.font();
        let transform = style.get("text-transform");
        let spacing = style.px("letter-spacing");
        for word in &list {
            let boxes = self.boxes(node, word);
            // A word broken across lines (or made of several runs): one character at a time.
            let pieces: Vec<(Word, Rect)> = match boxes[..] {
                [] => Vec::new(),
                [one] => vec![(word.clone(), one)],
                _ => chars(word)
                    .into_iter()
                    .filter_map(|c| match self.boxes(node, &c)[..] {
                        [one] => Some((c, one)),
                        _ => None,
                    })
                    .collect(),
            };
            for (piece, at) in pieces {
                self.ops.push(Op::Text {
                    text: transform_text(&piece.text, &transform),
                    rect: at,
                    font: font.clone(),
                    colour,
                    letter_spacing: spacing,
                    align: Align::Start,
                    fit: true,
                });
            }
        }
    }

    /// The non-empty boxes of part of a text node.
    fn boxes(&self, node: &Node, word: &Word) -> Vec<Rect> {
        if self.range.set_start(node, word.start).is_err() || self.range.set_end(node, word.end).is_err() {
            return Vec::new();
        }
        let Some(list) = self.range.get_client_rects() else { return Vec::new() };
        (0..list.length())
            .filter_map(|i| list.get(i))
            .map(|r| self.rect(&r))
            .filter(|r| !r.is_empty())
            .collect()
    }

    /// A canvas's pixels at its content box, with its rounded corners and CSS filter.
    fn canvas(&mut self, canvas: &HtmlCanvasElement, style: &Style, bounds: Rect) {
        if canvas.width() == 0 || canvas.height() == 0 {
            return;
        }
        let content = bounds.inset(plus(style.borders(), style.paddings()));
        if content.is_empty() {
            return;
        }
        let filter = Some(style.get("filter")).filter(|f| !f.is_empty() && f != "none");
        let radius = style.radius(bounds);
        if radius > 0.0 {
            self.ops.push(Op::Push { clip: Some(Shape::Rect { rect: content, radius }), alpha: 1.0 });
        }
        self.ops.push(Op::Image { image: canvas.clone(), rect: content, filter });
        if radius > 0.0 {
            self.ops.push(Op::Pop);
        }
    }

    /// An inline SVG: its shapes mapped from user units through the viewBox onto its box.
    fn svg(&mut self, svg: &Element, style: &Style, bounds: Rect, clips: bool) {
        let viewport = bounds.inset(plus(style.borders(), style.paddings()));
        let view_box = svg.get_attribute("viewBox").as_deref().and_then(ViewBox::parse);
        let fit = Fit::parse(&svg.get_attribute("preserveAspectRatio").unwrap_or_default());
        let mapping = Mapping::new(view_box, fit, viewport);
        if clips {
            self.ops.push(Op::Push { clip: Some(Shape::Rect { rect: viewport, radius: 0.0 }), alpha: 1.0 });
        }
        self.svg_children(svg, &mapping);
        if clips {
            self.ops.push(Op::Pop);
        }
    }

    fn svg_children(&mut self, parent: &Element, mapping: &Mapping) {
        let mut next = parent.first_element_child();
        while let Some(el) = next {
            next = el.next_element_sibling();
            if el.has_attribute(SKIP_ATTRIBUTE) {
                continue;
            }
            let Some(style) = self.style(&el) else { continue };
            let opacity = style.number("opacity", 1.0);
            if style.get("display") == "none" || opacity <= 0.0 {
                continue;
            }
            let tag = el.tag_name();
            if matches!(tag.as_str(), "g" | "a" | "switch") {
                self.ops.push(Op::Push { clip: None, alpha: opacity });
                self.svg_children(&el, mapping);
                self.ops.push(Op::Pop);
            } else if style.shown() {
                let attr = |name: &str| el.get_attribute(name);
                if let Some(shape) = svg_shape(&tag, &attr) {
                    self.svg_paint(shape.mapped(mapping), &style, mapping, opacity);
                }
            }
        }
    }

    /// Fill, then stroke, with the computed paint; a non-scaling stroke keeps its CSS width.
    fn svg_paint(&mut self, shape: Shape, style: &Style, mapping: &Mapping, opacity: f64) {
        if let Some(fill) = style.colour("fill").map(|c| c.faded(opacity * style.number("fill-opacity", 1.0)))
        {
            if fill.is_visible() {
                self.ops.push(Op::Fill { shape: shape.clone(), colour: fill });
            }
        }
        let scale =
            if style.get("vector-effect") == "non-scaling-stroke" { 1.0 } else { mapping.stroke_scale() };
        let width = style.px("stroke-width") * scale;
        let colour = style.colour("stroke").map(|c| c.faded(opacity * style.number("stroke-opacity", 1.0)));
        if let Some(colour) = colour.filter(|c| c.is_visible() && width > 0.0) {
            let dash = dashes(&style.get("stroke-dasharray")).into_iter().map(|d| d * scale).collect();
            let round_cap = style.get("stroke-linecap") == "round";
            self.ops.push(Op::Stroke { shape, stroke: Stroke { colour, width, dash, round_cap } });
        }
    }

    fn accent(&self, style: &Style) -> Rgba {
        style.colour("accent-color").filter(|c| c.is_visible()).unwrap_or_else(|| default_accent(self.ground))
    }

    /// An input showing its state: a slider's thumb, a check box's mark, a box's text.
    fn input(&mut self, input: &HtmlInputElement, style: &Style, bounds: Rect) {
        let text = style.text_colour();
        let kind = input.type_();
        match kind.as_str() {
            "range" => {
                let content = bounds.inset(plus(style.borders(), style.paddings()));
                let number = |v: String, default: f64| v.trim().parse::<f64>().ok().unwrap_or(default);
                let at =
                    fraction(input.value_as_number(), number(input.min(), 0.0), number(input.max(), 100.0));
                self.ops.extend(range_ops(content, at, self.accent(style), text.faded(0.25)));
            }
            "checkbox" | "radio" => {
                let accent = self.accent(style);
                let ops =
                    check_ops(bounds, input.checked(), kind == "radio", accent, text.faded(0.6), self.ground);
                self.ops.extend(ops);
            }
            "hidden" | "file" | "image" | "color" => {}
            "button" | "submit" | "reset" => {
                self.control_text(&input.value(), style, bounds, Align::Centre, text)
            }
            _ => {
                let value = input.value();
                let (shown, colour) = if value.is_empty() {
                    (input.placeholder(), self.placeholder_colour(input, text))
                } else if kind == "password" {
                    ("•".repeat(value.chars().count()), text)
                } else {
                    (value, text)
                };
                self.control_text(&shown, style, bounds, Align::parse(&style.get("text-align")), colour);
            }
        }
    }

    fn placeholder_colour(&self, input: &HtmlInputElement, text: Rgba) -> Rgba {
        self.window
            .get_computed_style_with_pseudo_elt(input, "::placeholder")
            .ok()
            .flatten()
            .and_then(|s| Style(s).colour("color"))
            .unwrap_or(text.faded(0.55))
    }

    /// A select shows its chosen option's text and an arrow.
    fn select(&mut self, select: &HtmlSelectElement, style: &Style, bounds: Rect) {
        let label = select
            .query_selector("option:checked")
            .ok()
            .flatten()
            .or_else(|| select.query_selector("option").ok().flatten())
            .and_then(|o| o.text_content())
            .unwrap_or_default();
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        let padding_box = bounds.inset(style.borders());
        let text_box = Rect { w: (padding_box.w - SELECT_ARROW_ROOM).max(0.0), ..padding_box };
        let content = bounds.inset(plus(style.borders(), style.paddings()));
        let text_rect = Rect { w: (text_box.right() - content.x).max(0.0), ..content };
        self.ops.push(Op::Push { clip: Some(Shape::Rect { rect: text_box, radius: 0.0 }), alpha: 1.0 });
        self.push_control_text(&label, style, text_rect, Align::Start, style.text_colour());
        self.ops.push(Op::Pop);
        self.ops.extend(select_arrow_ops(padding_box, style.text_colour()));
    }

    fn progress(&mut self, el: &Element, style: &Style, bounds: Rect) {
        // `position` is the value over max, or −1 while indeterminate.
        let position = js_sys::Reflect::get(el, &JsValue::from_str("position")).ok().and_then(|v| v.as_f64());
        let at = position.filter(|p| *p >= 0.0).map(|p| fraction(p, 0.0, 1.0));
        let content = bounds.inset(plus(style.borders(), style.paddings()));
        let track = style.text_colour().faded(0.15);
        self.ops.extend(progress_ops(content, at, self.accent(style), track));
    }

    /// A control's text in its content box, clipped to it.
    fn control_text(&mut self, text: &str, style: &Style, bounds: Rect, align: Align, colour: Rgba) {
        let content = bounds.inset(plus(style.borders(), style.paddings()));
        if content.is_empty() {
            return;
        }
        self.ops.push(Op::Push {
            clip: Some(Shape::Rect { rect: bounds.inset(style.borders()), radius: 0.0 }),
            alpha: 1.0,
        });
        self.push_control_text(text, style, content, align, colour);
        self.ops.push(Op::Pop);
    }

    fn push_control_text(&mut self, text: &str, style: &Style, rect: Rect, align: Align, colour: Rgba) {
        if text.trim().is_empty() || rect.is_empty() || !colour.is_visible() {
            return;
        }
        self.ops.push(Op::Text {
            text: transform_text(text, &style.get("text-transform")),
            rect,
            font: style.font(),
            colour,
            letter_spacing: style.px("letter-spacing"),
            align,
            fit: false,
        });
    }
}

/// Plays the operations on the canvas (its transform already maps CSS px to device pixels).
fn paint(ctx: &CanvasRenderingContext2d, ops: &[Op<HtmlCanvasElement>]) {
    ctx.set_line_join("round");
    for op in ops {
        match op {
            Op::Fill { shape, colour } => {
                trace(ctx, shape);
                ctx.set_fill_style_str(&colour.css());
                ctx.fill();
            }
            Op::Stroke { shape, stroke } => {
                trace(ctx, shape);
                ctx.set_stroke_style_str(&stroke.colour.css());
                ctx.set_line_width(stroke.width);
                ctx.set_line_cap(if stroke.round_cap { "round" } else { "butt" });
                let dash: js_sys::Array = stroke.dash.iter().map(|d| JsValue::from_f64(*d)).collect();
                let _ = ctx.set_line_dash(&dash);
                ctx.stroke();
                let _ = ctx.set_line_dash(&js_sys::Array::new());
            }
            Op::Text { text, rect, font, colour, letter_spacing, align, fit } => {
                draw_text(ctx, text, *rect, font, *colour, *letter_spacing, *align, *fit);
            }
            Op::Image { image, rect, filter } => {
                if let Some(f) = filter {
                    ctx.set_filter(f);
                }
                let _ = ctx
                    .draw_image_with_html_canvas_element_and_dw_and_dh(image, rect.x, rect.y, rect.w, rect.h);
                if filter.is_some() {
                    ctx.set_filter("none");
                }
            }
            Op::Push { clip, alpha } => {
                ctx.save();
                ctx.set_global_alpha(ctx.global_alpha() * alpha);
                if let Some(shape) = clip {
                    trace(ctx, shape);
                    ctx.clip();
                }
            }
            Op::Pop => ctx.restore(),
        }
    }
}

/// Text with its baseline where the page has it: the font's ascent and descent centred in
/// the box (a word's box is exactly that tall).
#[allow(clippy::too_many_arguments)]
fn draw_text(
    ctx: &CanvasRenderingContext2d,
    text: &str,
    rect: Rect,
    font: &str,
    colour: Rgba,
    letter_spacing: f64,
    align: Align,
    fit: bool,
) {
    ctx.set_font(font);
    let _ = js_sys::Reflect::set(
        ctx,
        &JsValue::from_str("letterSpacing"),
        &JsValue::from_str(&format!("{letter_spacing}px")),
    );
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("left");
    ctx.set_fill_style_str(&colour.css());
    let Ok(m) = ctx.measure_text(text) else { return };
    let (mut ascent, mut descent) = (m.font_bounding_box_ascent(), m.font_bounding_box_descent());
    let total = ascent + descent;
    if total.is_nan() || total <= 0.0 {
        (ascent, descent) = (rect.h * 0.8, rect.h * 0.2);
    }
    let baseline = rect.y + (rect.h - (ascent + descent)) / 2.0 + ascent;
    let width = m.width();
    let x = match align {
        Align::Start => rect.x,
        Align::Centre => rect.x + (rect.w - width) / 2.0,
        Align::End => rect.right() - width,
    };
    let _ = if fit {
        ctx.fill_text_with_max_width(text, x, baseline, rect.w + 1.0)
    } else {
        ctx.fill_text(text, x, baseline)
    };
}

fn trace(ctx: &CanvasRenderingContext2d, shape: &Shape) {
    ctx.begin_path();
    match shape {
        Shape::Rect { rect, radius } => {
            let Rect { x, y, w, h } = *rect;
            let r = *radius;
            if r > 0.0 {
                ctx.move_to(x + r, y);
                let _ = ctx.arc_to(x + w, y, x + w, y + h, r);
                let _ = ctx.arc_to(x + w, y + h, x, y + h, r);
                let _ = ctx.arc_to(x, y + h, x, y, r);
                let _ = ctx.arc_to(x, y, x + w, y, r);
                ctx.close_path();
            } else {
                ctx.rect(x, y, w, h);
            }
        }
        Shape::Ellipse { cx, cy, rx, ry } => {
            let _ = ctx.ellipse(*cx, *cy, *rx, *ry, 0.0, 0.0, TAU);
        }
        Shape::Path(segs) => {
            for s in segs {
                match *s {
                    Seg::Move((x, y)) => ctx.move_to(x, y),
                    Seg::Line((x, y)) => ctx.line_to(x, y),
                    Seg::Quad((cx, cy), (x, y)) => ctx.quadratic_curve_to(cx, cy, x, y),
                    Seg::Cubic((ax, ay), (bx, by), (x, y)) => ctx.bezier_curve_to(ax, ay, bx, by, x, y),
                    Seg::Close => ctx.close_path(),
                }
            }
        }
    }
}
