//! The Playground's decision-boundary plot: axes and data points drawn OVER the heatmap. The
//! page asks [`plot_rect`] where the plot will be, paints the heatmap image ([`super::heatmap`])
//! into that rectangle, then calls [`draw`], which fills nothing, so the heatmap shows through.
//!
//! The plot is the largest square that fits (the domain is square, so circles stay round),
//! centred in the space the axes leave. The tick labels' size ([`tick_font`], from the theme)
//! and the canvas size fix the layout, so the page can find the plot before drawing.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::heatmap;
use super::theme::Theme;
use super::{Chart, DrawResult};
use crate::domain::nn::data::{Point, DOMAIN};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Boundary<'a> {
    pub train: &'a [Point],
    /// Test points, drawn (over the training points, with a dark ring) when given.
    pub test: Option<&'a [Point]>,
    /// Regression labels in [−1, 1] are coloured like the heatmap; otherwise labels are ±1
    /// classes (negative → `theme.classes[0]`, positive → `theme.classes[1]`).
    pub regression: bool,
    pub point_radius: u32,
    /// Axes with ticks −6..6 below and left of the plot.
    pub show_axes: bool,
}

/// The plot area in backend pixels and its data range (the domain is [-6, 6]²,
/// crate::domain::nn::data::DOMAIN). `left`/`top` are the first pixel inside, `right`/`bottom` one
/// past the last, so the heatmap image is painted at (left, top) with width × height pixels,
/// and the edges are the data range's edges: x = −6 at `left`, +6 at `right`; y = +6 at
/// `top`, −6 at `bottom`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotRect {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

impl PlotRect {
    /// The data point under a pixel position, if it is inside the plot (edges included).
    pub fn to_data(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let (w, h) = (f64::from(self.width()), f64::from(self.height()));
        let (l, t, r, b) =
            (f64::from(self.left), f64::from(self.top), f64::from(self.right), f64::from(self.bottom));
        if w <= 0.0 || h <= 0.0 || !(px >= l && px <= r && py >= t && py <= b) {
            return None;
        }
        Some((-DOMAIN + 2.0 * DOMAIN * (px - l) / w, DOMAIN - 2.0 * DOMAIN * (py - t) / h))
    }

    pub fn width(&self) -> i32 {
        self.right - self.left
    }

    pub fn height(&self) -> i32 {
        self.bottom - self.top
    }
}

/// Space around the plot when the axes are shown, for 12 px tick labels: (left, top, right,
/// bottom) in pixels. It grows in proportion to the labels.
const AXES_SPACE: (i32, i32, i32, i32) = (30, 8, 10, 22);

/// The tick labels' size in backend pixels: a little under the theme's text, so it grows with
/// the pixel ratio, presentation mode and very wide screens.
pub fn tick_font(theme: &Theme) -> u32 {
    (theme.font_size * 12 / 13).max(8)
}

/// The plot rectangle the layout will use for a backend of this size (so the ui can paint the
/// heatmap before drawing): the largest centred square, inside the axes' space when shown.
/// A canvas too small for the axes gets none. `font` is [`tick_font`] of the theme drawn with.
pub fn plot_rect(size: (u32, u32), show_axes: bool, font: u32) -> PlotRect {
    let (l, t, r, b) = space(size, show_axes, font);
    let (w, h) = pixels(size);
    let (avail_w, avail_h) = ((w - l - r).max(0), (h - t - b).max(0));
    let side = avail_w.min(avail_h);
    let left = l + (avail_w - side) / 2;
    let top = t + (avail_h - side) / 2;
    PlotRect { left, top, right: left + side, bottom: top + side }
}

fn pixels(size: (u32, u32)) -> (i32, i32) {
    (i32::try_from(size.0).unwrap_or(i32::MAX), i32::try_from(size.1).unwrap_or(i32::MAX))
}

/// The space the axes take, or none when they are off or do not fit.
fn space(size: (u32, u32), show_axes: bool, font: u32) -> (i32, i32, i32, i32) {
    let (w, h) = pixels(size);
    let grow = |v: i32| (i64::from(v) * i64::from(font) / 12) as i32;
    let (l, t, r, b) = (grow(AXES_SPACE.0), grow(AXES_SPACE.1), grow(AXES_SPACE.2), grow(AXES_SPACE.3));
    if show_axes && w > l + r && h > t + b {
        (l, t, r, b)
    } else {
        (0, 0, 0, 0)
    }
}

/// Draw the axes (when asked) and the points over whatever is already on the backend; nothing
/// is filled. Returns the plot rectangle in backend pixels: equal to [`plot_rect`] of the
/// area's size when `root` is the whole backend (otherwise shifted by the area's offset).
/// Points outside the domain are not drawn.
impl Chart for Boundary<'_> {
    type Layout = PlotRect;

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
    ) -> DrawResult<PlotRect, DB> {
        draw(root, self, theme)
    }
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    b: &Boundary,
    theme: &Theme,
) -> DrawResult<PlotRect, DB> {
    let size = root.dim_in_pixel();
    let font = tick_font(theme);
    let rect = plot_rect(size, b.show_axes, font);
    let (l, t, r, bm) = space(size, b.show_axes, font);
    let (w, h) = pixels(size);
    // The area holding the plot and its axes, so the builder puts the plot exactly on `rect`.
    let area = root.margin(
        (rect.top - t).max(0),
        (h - rect.bottom - bm).max(0),
        (rect.left - l).max(0),
        (w - rect.right - r).max(0),
    );
    let mut ctx = ChartBuilder::on(&area)
        .margin_top(t)
        .margin_right(r)
        .x_label_area_size(bm)
        .y_label_area_size(l)
        .build_cartesian_2d(-DOMAIN..DOMAIN, -DOMAIN..DOMAIN)?;

    if l > 0 {
        let tick = |v: &f64| {
            let v = v.round();
            if v == 0.0 {
                "0".to_string()
            } else {
                format!("{v}")
            }
        };
        ctx.configure_mesh()
            .disable_mesh()
            .axis_style(theme.axis)
            .set_all_tick_mark_size(4)
            .label_style(("sans-serif", font).into_font().color(&theme.muted))
            .x_labels(7)
            .y_labels(7)
            .x_label_formatter(&tick)
            .y_label_formatter(&tick)
            .draw()?;
    }

    let radius = b.point_radius.max(1);
    let colour = |p: &Point| {
        // Classes by sign (0 counts as positive) in the full class colours (darker than the
        // regions under them); regression values on the heatmap's ramp.
        if b.regression {
            let [r, g, b] = heatmap::colour(p.label as f32, 1.0, false, theme);
            RGBColor(r, g, b)
        } else {
            theme.classes[usize::from(p.label >= 0.0)]
        }
    };
    // Training points: a filled disc with a thin ring in the background colour.
    let train = b.train.iter().filter(|p| p.in_domain()).flat_map(|p| {
        [
            Circle::new((p.x, p.y), radius + 1, theme.background.filled()),
            Circle::new((p.x, p.y), radius, colour(p).filled()),
        ]
    });
    ctx.draw_series(train)?;
    // Test points: a smaller disc inside a thicker ring in the text colour.
    if let Some(test) = b.test {
        let test = test.iter().filter(|p| p.in_domain()).flat_map(|p| {
            [
                Circle::new((p.x, p.y), radius + 1, theme.text.filled()),
                Circle::new((p.x, p.y), radius.saturating_sub(1).max(1), colour(p).filled()),
            ]
        });
        ctx.draw_series(test)?;
    }

    let (xs, ys) = ctx.plotting_area().get_pixel_range();
    root.present()?;
    Ok(PlotRect { left: xs.start, top: ys.start, right: xs.end, bottom: ys.end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(c: RGBColor) -> String {
        format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)
    }

    fn circles(svg: &str) -> Vec<&str> {
        svg.lines().filter(|l| l.starts_with("<circle")).collect()
    }

    fn points(n: usize, seed: f64) -> Vec<Point> {
        (0..n)
            .map(|i| {
                let a = i as f64 * 2.4 + seed;
                let r = 5.5 * (i as f64 + 0.5) / n as f64;
                Point { x: r * a.cos(), y: r * a.sin(), label: if i % 3 == 0 { -1.0 } else { 1.0 } }
            })
            .collect()
    }

    fn svg(b: &Boundary, theme: &Theme, size: (u32, u32)) -> (String, PlotRect) {
        let mut out = String::new();
        let rect = {
            let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
            b.draw(&root, theme).expect("boundary draws")
        };
        (out, rect)
    }

    #[test]
    fn one_disc_per_point_in_its_class_colour_and_test_points_look_different() {
        let (train, test) = (points(30, 0.0), points(12, 1.0));
        let t = Theme::LIGHT;
        let mut b =
            Boundary { train: &train, test: None, regression: false, point_radius: 4, show_axes: true };
        let (out, _) = svg(&b, &t, (400, 400));
        let c = circles(&out);
        let class = |svg_lines: &[&str], k: usize| {
            svg_lines.iter().filter(|l| l.contains(&hex(t.classes[k]))).count()
        };
        assert_eq!(class(&c, 0) + class(&c, 1), train.len(), "{out}");
        assert_eq!(class(&c, 0), 10, "labels -1 are the negative class");
        assert_eq!(c.len(), 2 * train.len(), "each point is a disc and its ring");
        assert!(!out.contains("<rect"), "nothing is filled over the heatmap");

        b.test = Some(&test);
        let (out, _) = svg(&b, &t, (400, 400));
        let c = circles(&out);
        assert_eq!(class(&c, 0) + class(&c, 1), train.len() + test.len());
        let rings = |colour: RGBColor| c.iter().filter(|l| l.contains(&hex(colour))).count();
        assert_eq!(rings(t.background), train.len());
        assert_eq!(rings(t.text), test.len(), "test points have their own ring");

        // Points outside the domain are left out.
        let outside = [Point { x: 7.0, y: 0.0, label: 1.0 }, Point { x: 0.0, y: f64::NAN, label: 1.0 }];
        b.train = &outside;
        b.test = None;
        assert_eq!(circles(&svg(&b, &t, (400, 400)).0).len(), 0);
    }

    #[test]
    fn regression_points_take_the_heatmap_colour() {
        let t = Theme::DARK;
        let pts = [Point { x: 1.0, y: 1.0, label: 0.5 }, Point { x: -1.0, y: 2.0, label: -1.0 }];
        let b = Boundary { train: &pts, test: None, regression: true, point_radius: 3, show_axes: false };
        let (out, _) = svg(&b, &t, (200, 200));
        let [r, g, bl] = heatmap::colour(0.5, 1.0, false, &t);
        assert!(out.contains(&hex(RGBColor(r, g, bl))), "{out}");
        assert!(out.contains(&hex(t.regions[0])));
        assert!(!out.contains(&hex(t.regions[1])), "0.5 is not the full positive colour");
    }

    #[test]
    fn plot_rect_is_where_draw_puts_the_plot() {
        let t = Theme::LIGHT;
        let train = points(5, 0.0);
        for show_axes in [true, false] {
            for size in [(400, 400), (640, 360), (300, 500), (40, 40), (20, 10), (0, 0)] {
                let b = Boundary { train: &train, test: None, regression: false, point_radius: 3, show_axes };
                let (out, rect) = svg(&b, &t, size);
                assert_eq!(plot_rect(size, show_axes, tick_font(&t)), rect, "{size:?} axes {show_axes}");
                assert_eq!(rect.width(), rect.height(), "square");
                assert!(rect.left >= 0 && rect.top >= 0);
                assert!(rect.right <= size.0 as i32 && rect.bottom <= size.1 as i32);
                if show_axes && size == (400, 400) {
                    for tick in ["-6", "-4", "-2", "0", "2", "4", "6"] {
                        assert!(out.contains(&format!("\n{tick}\n</text>")), "tick {tick}: {out}");
                    }
                }
                if !show_axes || size.1 < 40 {
                    assert!(!out.contains("<text"), "no axes when off or too small");
                }
            }
        }
        assert_eq!(plot_rect((300, 200), false, 12), PlotRect { left: 50, top: 0, right: 250, bottom: 200 });
        let axes = plot_rect((400, 400), true, 12);
        assert!(axes.left >= 30 && axes.bottom <= 400 - 22 && axes.width() > 340, "{axes:?}");
    }

    #[test]
    fn larger_type_gets_more_room_for_the_axes() {
        let t = Theme { font_size: 26, ..Theme::LIGHT };
        let train = points(5, 0.0);
        let b = Boundary { train: &train, test: None, regression: false, point_radius: 6, show_axes: true };
        let (_, rect) = svg(&b, &t, (800, 800));
        assert_eq!(rect, plot_rect((800, 800), true, tick_font(&t)));
        let small = plot_rect((800, 800), true, 12);
        assert!(rect.left >= 2 * 30 && rect.width() < small.width(), "{rect:?} against {small:?}");
    }

    #[test]
    fn pixels_map_back_to_the_domain() {
        let rect = plot_rect((640, 480), true, 12);
        let (l, t, r, b) =
            (f64::from(rect.left), f64::from(rect.top), f64::from(rect.right), f64::from(rect.bottom));
        assert_eq!(rect.to_data(l, t), Some((-6.0, 6.0)));
        assert_eq!(rect.to_data(r, b), Some((6.0, -6.0)));
        assert_eq!(rect.to_data(r, t), Some((6.0, 6.0)));
        assert_eq!(rect.to_data(l, b), Some((-6.0, -6.0)));
        let (x, y) = rect.to_data((l + r) / 2.0, (t + b) / 2.0).unwrap();
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
        let (x, y) = rect.to_data(l + 0.75 * (r - l), t + 0.25 * (b - t)).unwrap();
        assert!((x - 3.0).abs() < 1e-9 && (y - 3.0).abs() < 1e-9);
        assert_eq!(rect.to_data(l - 1.0, t), None);
        assert_eq!(rect.to_data(l, b + 0.5), None);
        assert_eq!(rect.to_data(f64::NAN, t), None);
        let empty = PlotRect { left: 5, top: 5, right: 5, bottom: 5 };
        assert_eq!(empty.to_data(5.0, 5.0), None);
        // A point drawn at data (3, 3) lands where to_data says (3, 3) is, within a pixel.
        let train = [Point { x: 3.0, y: 3.0, label: 1.0 }];
        let theme = Theme::LIGHT;
        let bd = Boundary { train: &train, test: None, regression: false, point_radius: 3, show_axes: true };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (640, 480)).into_drawing_area();
            bd.draw(&root, &theme).unwrap();
        }
        let line = circles(&out)[1];
        let attr = |name: &str| -> f64 {
            let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[start..].split('"').next().unwrap().parse().unwrap()
        };
        let (x, y) = rect.to_data(attr("cx"), attr("cy")).unwrap();
        assert!((x - 3.0).abs() < 0.05 && (y - 3.0).abs() < 0.05, "({x}, {y})");
    }
}
