//! What the depth experiment shows and what to look for.

use yew::prelude::*;

pub fn intro() -> Html {
    html! {
        <div class="depth-intro">
            <h3>{ "Gradients through depth" }</h3>
            <p data-testid="depth-explain">
                { "Each strip is one network: a row per layer (layer 1 at the top, output at the bottom), a column per epoch, coloured by the size of the gradient reaching that layer's weights (log scale, the same for all strips). " }
                { "Sigmoid's slope is at most ¼, so the gradient shrinks at every layer on its way back: the sigmoid network's first layer gets about a millionth of what its last gets, stays dark, and does not learn. " }
                { "ReLU passes the gradient on unchanged wherever it is active, so with He initialisation every layer gets a gradient of similar size and the network learns. " }
                { "Below, the activations of the first forward pass: mass piled at the ends of a sigmoid's or tanh's range is saturation, where the slope, and with it the gradient, is nearly zero." }
            </p>
        </div>
    }
}
