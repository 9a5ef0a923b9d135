//! Data: dataset thumbnails, noise, train/test ratio, batch size, regenerate, CSV in and out.
//! Points drawn by hand or imported show as "Custom data (N points)", selected in place of a
//! data set (a thumbnail brings the generated set back); a CSV that cannot be read says why in
//! the page's notice banner.

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Live;
use crate::domain::nn::data::{check_csv_size, generate, Dataset, DatasetKind, Point, DOMAIN};
use crate::domain::nn::rng::Rng;
use crate::domain::state::page::Notice;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::playground::PlayAction;
use crate::ui::controls::{select, slider};
use crate::ui::export::download;
use crate::ui::spans;

const BATCH_SIZES: [usize; 8] = [1, 2, 5, 10, 20, 30, 50, 100];

#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    pub play: PlayState,
    pub live: Live,
    pub on_action: Callback<PlayAction>,
    pub on_data: Callback<Dataset>,
    /// The page's notice banner (a CSV that cannot be imported says why there).
    pub on_notice: Callback<Vec<Notice>>,
}

/// A small picture of each dataset (fixed seed, no noise), drawn once.
fn thumbnails() -> Vec<(DatasetKind, Html)> {
    DatasetKind::ALL
        .iter()
        .map(|&k| (k, thumb_svg(&generate(k, 160, 0.0, &mut Rng::derive(7, "thumbnail")), k.is_regression())))
        .collect()
}

/// A thumbnail: the points as two paths of small discs, one per class (12 elements for all the
/// thumbnails instead of hundreds of circles for every render to compare).
fn thumb_svg(points: &[Point], regression: bool) -> Html {
    let to_px = |v: f64| (v + DOMAIN) / (2.0 * DOMAIN) * 56.0 + 2.0;
    let positive = |p: &Point| if regression { p.label >= 0.0 } else { p.label > 0.0 };
    let discs = |pos: bool| -> String {
        points
            .iter()
            .filter(|p| positive(p) == pos)
            .map(|p| {
                let (cx, cy) = (to_px(p.x) - 1.6, 60.0 - to_px(p.y));
                format!("M{cx:.1} {cy:.1}a1.6 1.6 0 1 0 3.2 0a1.6 1.6 0 1 0 -3.2 0")
            })
            .collect()
    };
    let (pos, neg) = (discs(true), discs(false));
    html! {
        <svg viewBox="0 0 60 60" width="60" height="60" aria-hidden="true">
            <path d={neg} class="pt-neg" />
            <path d={pos} class="pt-pos" />
        </svg>
    }
}

#[component]
pub fn DataPanel(props: &DataPanelProps) -> Html {
    let _span = spans::span("lab:data-render");
    let thumbs = use_memo((), |_| thumbnails());
    let message = use_state(String::new);
    let s = &props.play.settings;
    let act = props.on_action.clone();
    let regression = s.is_regression();
    let custom = props.play.custom.is_some();

    let tiles = thumbs
        .iter()
        .filter(|(k, _)| k.is_regression() == regression)
        .map(|(k, picture)| {
            let kind = *k;
            let onclick = act.reform(move |_: MouseEvent| PlayAction::SetDataset(kind));
            let on = !custom && s.dataset == kind;
            let testid = format!("dataset-{}", kind.id());
            html! {
                <button class={classes!("thumb", on.then_some("on"))} {onclick} aria-pressed={on.to_string()}
                        data-testid={testid} title={kind.label()}>
                    { picture.clone() }
                    <span>{ kind.label() }</span>
                </button>
            }
        })
        .collect::<Html>();

    let (train_len, test_len) = {
        let session = props.live.session.borrow();
        (session.dataset().train.len(), session.dataset().test.len())
    };
    let mut batch_options: Vec<(String, String)> =
        BATCH_SIZES.iter().filter(|&&b| b < train_len).map(|b| (b.to_string(), b.to_string())).collect();
    batch_options.push((train_len.max(1).to_string(), format!("all ({train_len})")));
    let batch_now = if s.batch_size >= train_len { train_len.max(1) } else { s.batch_size };
    if !batch_options.iter().any(|(v, _)| *v == batch_now.to_string()) {
        batch_options.push((batch_now.to_string(), batch_now.to_string()));
    }

    let on_export = {
        let (live, message) = (props.live.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let csv = live.session.borrow().dataset().to_csv();
            let result = download::save_text("activation-lab-data.csv", "text/csv", &csv);
            message.set(result.err().map(|e| format!("Not saved: {e}")).unwrap_or_default());
        })
    };
    let on_import = {
        let (on_data, on_notice, message, kind) =
            (props.on_data.clone(), props.on_notice.clone(), message.clone(), s.dataset);
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (on_data, on_notice, message) = (on_data.clone(), on_notice.clone(), message.clone());
            let name = file.name();
            let cleared = message.clone();
            let refused = move |why: String| {
                cleared.set(String::new());
                on_notice.emit(vec![Notice::new("csv", format!("{name} was not imported: {why}."))]);
            };
            // Refused by its size before a byte is read: the previous data stays.
            if let Err(e) = check_csv_size(file.size()) {
                refused(e.to_string());
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
                match text.map(|t| Dataset::from_csv(kind, &t)) {
                    Some(Ok(data)) => {
                        message.set(format!(
                            "Imported {} training and {} test points.",
                            data.train.len(),
                            data.test.len()
                        ));
                        on_data.emit(data);
                    }
                    Some(Err(e)) => refused(e.to_string()),
                    None => refused("the file could not be read as text".into()),
                }
            });
        })
    };
    let noise_text = format!("{}", s.noise);
    let train_percent = (s.train_fraction * 100.0).round();
    let train_text = format!("{}%", train_percent);
    let batch_now_text = batch_now.to_string();
    let custom_text = format!("Custom data ({} points)", train_len + test_len);
    html! {
        <div class="data-panel">
            <h3>{ "Data" }</h3>
            <div class="thumbs" role="group" aria-label="Dataset">{ tiles }</div>
            if custom {
                <p class="custom-data on" data-testid="custom-data" aria-current="true"
                   title="Points drawn on the output or imported; pick a data set above for generated ones">
                    { custom_text }</p>
            }
            <p class="muted counts"><span data-testid="train-count">{ train_len }</span>{ " training · " }
                <span data-testid="test-count">{ test_len }</span>{ " test points" }</p>
            { slider("Noise", "noise", 0.0, 50.0, 5.0, s.noise, noise_text,
                act.reform(PlayAction::SetNoise)) }
            { slider("Training data", "perc-train", 10.0, 90.0, 10.0, train_percent,
                train_text, act.reform(PlayAction::SetPercTrain)) }
            { select("Batch size", "batch-size", &batch_options, &batch_now_text,
                act.reform(|v: String| PlayAction::SetBatchSize(v.parse().unwrap_or(10)))) }
            <div class="row">
                <button onclick={act.reform(|_: MouseEvent| PlayAction::NextSeed)} data-testid="regenerate"
                        title="New data and weights from the next seed">{ "⟳ Regenerate" }</button>
            </div>
            <div class="row">
                <button onclick={on_export} data-testid="export-data">{ "Export CSV" }</button>
                <label class="file-button">
                    { "Import CSV" }
                    <input type="file" accept=".csv,text/csv" onchange={on_import} data-testid="import-data" />
                </label>
            </div>
            <p class="hint muted">{ "On the output: click or tap adds a point of the class chosen above the plot (Add: class +1 blue / class −1 orange), shift-click the other class; right-click or long-press removes one." }</p>
            if !message.is_empty() { <p class="muted" role="status" data-testid="data-message">{ (*message).clone() }</p> }
            if regression { <p class="muted hint">{ "Regression: points are coloured by their target value." }</p> }
        </div>
    }
}
