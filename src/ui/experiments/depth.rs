//! (being written)

use yew::prelude::*;

use crate::core::page::Notice;

#[derive(Properties, PartialEq)]
pub struct DepthProps {
    pub on_notice: Callback<Vec<Notice>>,
}

#[component]
pub fn Depth(_props: &DepthProps) -> Html {
    html! {}
}
