//! A live text summary for screen readers: epoch, losses, dead count. The text changes at most
//! every 25 epochs (or when training diverges), so a reader is told, not flooded.

use yew::prelude::*;

use super::Live;
use crate::domain::nn::metrics::set_loss;
use crate::domain::nn::trainer::Status;

#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    pub live: Live,
}

const EVERY: usize = 25;

#[component]
pub fn Summary(props: &SummaryProps) -> Html {
    let (bucket, diverged) = {
        let s = props.live.session.borrow();
        (s.epoch() / EVERY, s.status().is_diverged())
    };
    let text = use_memo((bucket, diverged, props.live.session.id()), {
        let live = props.live.clone();
        move |_| {
            let session = live.session.borrow();
            let m = session.metrics();
            let data = session.dataset();
            let (train, _) = set_loss(m.train_loss, data.train.len(), "training");
            let (test, _) = set_loss(m.test_loss, data.test.len(), "test");
            match session.status() {
                Status::Diverged { message, .. } => format!("Training diverged. {message}"),
                Status::Running => format!(
                    "Epoch {}. Train loss {}, test loss {}. {} of {} neurons dead.",
                    session.epoch(),
                    train,
                    test,
                    m.dead_count(),
                    m.neuron_count()
                ),
            }
        }
    });
    html! { <p class="visually-hidden" aria-live="polite" data-testid="live-summary">{ (*text).clone() }</p> }
}
