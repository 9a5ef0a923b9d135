//! Visible notices for links that held values we could not use (never a broken page).

use yew::prelude::*;

use crate::domain::state::page::Notice;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub on_dismiss: Callback<()>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let onclick = props.on_dismiss.reform(|_: MouseEvent| ());
    let items: Html = props
        .notices
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let key = format!("{i}-{}", n.key);
            html! { <li {key}>{ &n.message }</li> }
        })
        .collect();
    html! {
        <div class="notices" role="status" data-testid="notices">
            <ul>{ items }</ul>
            <button class="dismiss" aria-label="Dismiss the notices" {onclick}>{ "×" }</button>
        </div>
    }
}
