//! Saving and opening a model (settings + weights as JSON) and the metric history as CSV.

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Live;
use crate::domain::nn::model::NetworkWeights;
use crate::domain::state::play_url::PlayState;
use crate::domain::state::snapshot;
use crate::ui::export::download;

#[derive(Properties, PartialEq)]
pub struct ModelFileProps {
    pub play: PlayState,
    pub live: Live,
    pub on_load: Callback<(PlayState, NetworkWeights, usize)>,
}

/// Offers the model (the settings and the weights as they are now) as a JSON file.
pub fn save_model(play: &PlayState, live: &Live) -> Result<(), String> {
    let session = live.session.borrow();
    let text = snapshot::export(play, session.epoch(), &session.weights());
    download::save_text("activation-lab-model.json", "application/json", &text)
}

/// Offers the metric history (one row per epoch, the changes made) as a CSV file.
pub fn save_history(live: &Live) -> Result<(), String> {
    let csv = live.session.borrow().history().to_csv();
    download::save_text("activation-lab-history.csv", "text/csv", &csv)
}

#[component]
pub fn ModelFile(props: &ModelFileProps) -> Html {
    let message = use_state(String::new);
    let on_save = {
        let (play, live, message) = (props.play.clone(), props.live.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let result = save_model(&play, &live);
            message.set(result.err().map(|e| format!("Not saved: {e}")).unwrap_or_default());
        })
    };
    let on_history = {
        let (live, message) = (props.live.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let result = save_history(&live);
            message.set(result.err().map(|e| format!("Not saved: {e}")).unwrap_or_default());
        })
    };
    let on_open = {
        let (on_load, message) = (props.on_load.clone(), message.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            // Refused by its size before a byte is read: the current model stays.
            if let Err(e) = snapshot::check_size(file.size()) {
                message.set(format!("Not opened: {e}"));
                return;
            }
            let (on_load, message) = (on_load.clone(), message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
                match text.as_deref().map(snapshot::import) {
                    Some(Ok((play, weights, epoch))) => {
                        message.set(format!("Opened a model saved at epoch {epoch}."));
                        on_load.emit((play, weights, epoch));
                    }
                    Some(Err(e)) => message.set(format!("Not opened: {e}")),
                    None => message.set("Not opened: the file could not be read as text.".into()),
                }
            });
        })
    };
    html! {
        <div class="row model-file">
            <button onclick={on_save} data-testid="save-model">{ "Save model (JSON)" }</button>
            <label class="file-button">
                { "Open model" }
                <input type="file" accept=".json,application/json" onchange={on_open} data-testid="open-model" />
            </label>
            <button onclick={on_history} data-testid="export-history">{ "History (CSV)" }</button>
            if !message.is_empty() { <p class="muted" role="status" data-testid="model-message">{ (*message).clone() }</p> }
        </div>
    }
}
