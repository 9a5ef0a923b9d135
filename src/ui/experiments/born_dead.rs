//! (being written)

use yew::prelude::*;

use crate::core::page::Notice;

#[derive(Properties, PartialEq)]
pub struct BornDeadProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn BornDead(_props: &BornDeadProps) -> Html {
    html! {}
}
