//! (being written)

use yew::prelude::*;

use crate::core::page::Notice;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Compare(_props: &CompareProps) -> Html {
    html! {}
}
