//! [`Frozen`]: a part of the diagram rendered by a memo (the links, the nodes, the headers),
//! behind a component boundary. Yew compares a component's props before re-rendering it, and
//! these are compared by identity ([`ById`]): a frame that rebuilt nothing re-renders nothing
//! here, and Yew does not walk (diff) the part's thousands of elements again. Without the
//! boundary, every frame of training diffed the 2000 links of 8 layers of 16 (some 7 ms).

use yew::prelude::*;

use crate::ui::by_id::ById;

#[derive(Properties, PartialEq)]
pub struct FrozenProps {
    pub html: ById<Html>,
}

#[component]
pub fn Frozen(props: &FrozenProps) -> Html {
    (*props.html).clone()
}
