//! What the born-dead experiment shows and what to look for.

use yew::prelude::*;

pub fn intro() -> Html {
    html! {
        <div class="bd-intro">
            <h3>{ "Born dead: a ReLU network that is constant before it learns" }</h3>
            <p>
                { "A ReLU network is " }<em>{ "born dead" }</em>
                { " when, at initialisation, some layer outputs zero for every input: the network is then a constant function and gradient descent cannot move it. Lu, Shin, Su & Karniadakis (" }
                <cite>{ "Dying ReLU and Initialization" }</cite>
                { ", 2019) prove that with a symmetric initialisation such as He's this probability tends to 1 as the network gets deeper, and faster the narrower it is. Look for each solid curve climbing towards 1 (width 2 first, wide nets last), and for the dashed curves of the paper's randomized asymmetric initialisation (RAI), which stay lower at every depth." }
            </p>
        </div>
    }
}
