//! The page of the benchmark. Every animation frame it draws what the Playground draws live
//! (the output heatmap, every hidden neuron's heatmap, and at most every 120 ms the four live
//! charts) from a [`Frame`]; only where the training runs differs:
//! - `?mode=frame`: in the animation frame, within the adaptive budget the Playground uses;
//! - `?mode=worker`: in a Web Worker, flat out; the page draws the latest frame it was sent.
//!
//! The other query keys are the Playground's (`networkShape=8,8&batchSize=10&...`).
//! `scripts/worker-bench.mjs` measures frame times and epochs per second in both modes.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, ImageData, MessageEvent, Worker};

use super::wire::Frame;
use super::GRID;
use crate::charts::heatmap;
use crate::charts::line_chart::{self, LineChart, Series};
use crate::charts::theme::Theme;
use crate::core::frame_budget::FrameBudget;
use crate::core::play_url::PlayState;
use crate::core::query::Query;
use crate::core::trainer::Session;

/// Where the training runs.
enum Engine {
    InFrame { session: Box<Session>, budget: FrameBudget, speed: u32 },
    Worker { _worker: Worker, latest: Rc<RefCell<Option<Frame>>>, post_ready: Box<dyn Fn()> },
}

/// The animation-frame callback, kept alive while it re-registers itself.
type FrameCallback = Closure<dyn FnMut(f64)>;

/// What the charts show: one sample per drawn frame.
#[derive(Default)]
struct Samples {
    epoch: Vec<f64>,
    train: Vec<f64>,
    test: Vec<f64>,
    dead: Vec<Vec<f64>>,
    grad: Vec<Vec<f64>>,
    sparsity: Vec<Vec<f64>>,
}

impl Samples {
    fn push(&mut self, f: &Frame) {
        self.epoch.push(f64::from(f.epoch));
        self.train.push(f64::from(f.train_loss));
        self.test.push(f64::from(f.test_loss));
        for (store, values) in
            [(&mut self.dead, &f.dead), (&mut self.grad, &f.grad), (&mut self.sparsity, &f.sparsity)]
        {
            store.resize(values.len(), Vec::new());
            for (s, v) in store.iter_mut().zip(values) {
                s.push(f64::from(*v));
            }
        }
    }

    fn series(&self, values: &[f64], label: String, colour: usize) -> Series {
        let points: Vec<(f64, f64)> = self.epoch.iter().copied().zip(values.iter().copied()).collect();
        Series { label, points: line_chart::decimate(&points, 1500), colour, dashed: colour >= 4 }
    }

    fn per_layer(&self, store: &[Vec<f64>]) -> Vec<Series> {
        store.iter().enumerate().map(|(l, v)| self.series(v, format!("layer {}", l + 1), l)).collect()
    }
}

struct Page {
    engine: Engine,
    output: HtmlCanvasElement,
    neurons: Vec<HtmlCanvasElement>,
    charts: Vec<HtmlCanvasElement>,
    epoch: web_sys::Element,
    samples: Samples,
    chart_clock: FrameBudget,
    theme: Theme,
}

pub fn start() {
    if let Err(message) = run() {
        show_error(&message);
    }
}

fn run() -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let search = window.location().search().unwrap_or_default();
    let query = Query::parse(&search);
    let (play, _) = PlayState::from_query(&query);
    let worker_mode = query.get("mode") == Some("worker");

    let body = document.body().ok_or("no body")?;
    let head = element(&document, "p", "status")?;
    head.set_inner_html(&format!(
        "mode <b>{}</b>, network [{}], epoch <span data-testid=\"epoch\">0</span>",
        if worker_mode { "worker" } else { "frame" },
        play.settings.hidden.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
    ));
    body.append_child(&head).map_err(|_| "no status")?;
    let epoch = document.query_selector("[data-testid=epoch]").ok().flatten().ok_or("no epoch")?;
    let output = canvas(&document, &body, "output", GRID as u32, GRID as u32)?;
    let neurons = (0..play.settings.hidden.iter().sum::<usize>())
        .map(|_| canvas(&document, &body, "neuron", GRID as u32, GRID as u32))
        .collect::<Result<Vec<_>, _>>()?;
    let charts =
        (0..4).map(|_| canvas(&document, &body, "chart", 400, 250)).collect::<Result<Vec<_>, _>>()?;

    let engine = if worker_mode {
        start_worker(&search)?
    } else {
        Engine::InFrame {
            session: Box::new(Session::new(play.settings.clone())),
            budget: FrameBudget::new(),
            speed: play.speed,
        }
    };
    let page = Rc::new(RefCell::new(Page {
        engine,
        output,
        neurons,
        charts,
        epoch,
        samples: Samples::default(),
        chart_clock: FrameBudget::new(),
        theme: Theme::for_scheme(false),
    }));

    // The animation loop: the closure re-registers itself every frame.
    let frame_fn: Rc<RefCell<Option<FrameCallback>>> = Rc::new(RefCell::new(None));
    let again = frame_fn.clone();
    *frame_fn.borrow_mut() = Some(Closure::new(move |t: f64| {
        page.borrow_mut().on_frame(t);
        if let (Some(w), Some(f)) = (web_sys::window(), again.borrow().as_ref()) {
            let _ = w.request_animation_frame(f.as_ref().unchecked_ref());
        }
    }));
    let first = frame_fn.borrow();
    let f = first.as_ref().ok_or("no frame callback")?;
    window.request_animation_frame(f.as_ref().unchecked_ref()).map_err(|_| "no animation frames")?;
    Ok(())
}

fn start_worker(search: &str) -> Result<Engine, String> {
    let worker = Worker::new("./train-worker_loader.js").map_err(|e| format!("no worker: {e:?}"))?;
    let latest = Rc::new(RefCell::new(None::<Frame>));
    let on_message = {
        let (latest, worker, start) = (latest.clone(), worker.clone(), message("start", Some(search)));
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let kind = js_sys::Reflect::get(&data, &"type".into()).ok().and_then(|v| v.as_string());
            match (data.dyn_into::<js_sys::Float32Array>(), kind.as_deref()) {
                (Ok(array), _) => match Frame::decode(&array.to_vec()) {
                    Ok(frame) => *latest.borrow_mut() = Some(frame),
                    Err(message) => show_error(&message),
                },
                (Err(_), Some("started")) => {
                    if worker.post_message(&start).is_err() {
                        show_error("the worker refused the start message");
                    }
                }
                (Err(other), _) => show_error(&format!("worker: {other:?}")),
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_| show_error("the worker failed to start"));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    let ready = {
        let worker = worker.clone();
        Box::new(move || {
            let _ = worker.post_message(&message("ready", None));
        })
    };
    Ok(Engine::Worker { _worker: worker, latest, post_ready: ready })
}

impl Page {
    fn on_frame(&mut self, t: f64) {
        let frame = match &mut self.engine {
            Engine::InFrame { session, budget, speed } => {
                let budget_ms = budget.on_frame(t);
                let start = now_ms();
                for _ in 0..(*speed).max(1) {
                    if session.step(1).is_diverged() || now_ms() - start > budget_ms {
                        break;
                    }
                }
                Some(Frame::capture(session, GRID))
            }
            Engine::Worker { latest, post_ready, .. } => {
                let frame = latest.borrow_mut().take();
                if frame.is_some() {
                    post_ready();
                }
                frame
            }
        };
        let Some(frame) = frame else { return };
        self.draw_heatmaps(&frame);
        self.samples.push(&frame);
        self.epoch.set_text_content(Some(&frame.epoch.to_string()));
        if self.chart_clock.charts_due(t) {
            self.draw_charts();
        }
    }

    fn draw_heatmaps(&self, frame: &Frame) {
        put_pixels(&self.output, &heatmap::rgba(&frame.output, frame.n, 1.0, false, &self.theme), frame.n);
        for (canvas, values) in self.neurons.iter().zip(&frame.neurons) {
            let scale = values.iter().fold(0.0f32, |m, v| if v.is_finite() { m.max(v.abs()) } else { m });
            put_pixels(canvas, &heatmap::rgba(values, frame.n, scale.max(1e-6), false, &self.theme), frame.n);
        }
    }

    fn draw_charts(&self) {
        let s = &self.samples;
        let loss = vec![s.series(&s.train, "train".into(), 0), s.series(&s.test, "test".into(), 1)];
        let charts = [
            ("Loss", "loss", loss, false),
            ("Dead neurons per layer", "dead", s.per_layer(&s.dead), false),
            ("Gradient norm per layer (log)", "‖∂L/∂W‖", s.per_layer(&s.grad), true),
            ("Sparsity per layer", "sparsity", s.per_layer(&s.sparsity), false),
        ];
        for (canvas, (title, y_label, series, log_y)) in self.charts.iter().zip(charts) {
            let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { continue };
            let chart = LineChart {
                title,
                x_label: "epoch",
                y_label,
                series: &series,
                log_y,
                y_from_zero: !log_y,
                y_max: None,
                theme: &self.theme,
            };
            if let Err(message) = line_chart::draw(&backend.into_drawing_area(), &chart) {
                show_error(&message);
            }
        }
    }
}

fn message(kind: &str, query: Option<&str>) -> JsValue {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    if let Some(q) = query {
        let _ = js_sys::Reflect::set(&object, &"query".into(), &q.into());
    }
    object.into()
}

fn element(document: &Document, tag: &str, id: &str) -> Result<web_sys::Element, String> {
    let e = document.create_element(tag).map_err(|_| format!("no <{tag}>"))?;
    e.set_id(id);
    Ok(e)
}

fn canvas(
    document: &Document,
    parent: &web_sys::HtmlElement,
    class: &str,
    w: u32,
    h: u32,
) -> Result<HtmlCanvasElement, String> {
    let c: HtmlCanvasElement =
        document.create_element("canvas").ok().and_then(|e| e.dyn_into().ok()).ok_or("no canvas")?;
    c.set_class_name(class);
    c.set_width(w);
    c.set_height(h);
    parent.append_child(&c).map_err(|_| "no room for a canvas")?;
    Ok(c)
}

fn put_pixels(canvas: &HtmlCanvasElement, rgba: &[u8], n: usize) {
    let ctx =
        canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), n as u32, n as u32);
    if let (Some(ctx), Ok(image)) = (ctx, image) {
        let _ = ctx.put_image_data(&image, 0.0, 0.0);
    }
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Shown on the page (and read by the benchmark script): the run cannot be measured.
fn show_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let (Ok(e), Some(body)) = (element(&document, "p", "error"), document.body()) {
        e.set_text_content(Some(message));
        let _ = body.append_child(&e);
    }
}
