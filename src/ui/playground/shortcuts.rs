//! The list of keyboard shortcuts, opened with `?`.

use yew::prelude::*;

pub struct ShortcutsDialogProps {
    pub on_close: Callback<()>,
}

pub fn shortcuts_dialog(props: &ShortcutsDialogProps) -> Html {
    let onclick = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="shortcuts panel" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts">
            <h3>{ "Keyboard shortcuts" }</h3>
            <dl>
                <dt><kbd>{ "Space" }</kbd></dt><dd>{ "play / pause" }</dd>
                <dt><kbd>{ "s" }</kbd></dt><dd>{ "step one epoch" }</dd>
                <dt><kbd>{ "r" }</kbd></dt><dd>{ "reset to the same initial weights" }</dd>
                <dt><kbd>{ "?" }</kbd></dt><dd>{ "show or hide this list" }</dd>
                <dt><kbd>{ "Tab" }</kbd></dt><dd>{ "move between controls; every one is labelled" }</dd>
            </dl>
            <button {onclick}>{ "Close" }</button>
        </div>
    }
}
