//! The formula field shown under an activation chooser when "custom…" is chosen: a labelled
//! text box, applied as you type (where asked) or on Enter and on leaving it, whenever the text
//! parses; otherwise the previous activation stays and the message below points at the error
//! (a caret under the column), tied to the box by aria-invalid and aria-describedby.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::activation::formula::field::{caret_line, read_field};
use crate::domain::activation::Activation;

#[derive(Properties, PartialEq)]
pub struct FormulaFieldProps {
    /// The formula in use (its canonical text fills the box).
    pub current: Activation,
    pub label: AttrValue,
    /// Also the base of the error's id (`{testid}-error`).
    pub testid: AttrValue,
    /// Refuse formulas a network cannot train with.
    #[prop_or(true)]
    pub training: bool,
    /// Apply while typing (the Explorer), not only on Enter and blur.
    #[prop_or(false)]
    pub live: bool,
    pub on_apply: Callback<Activation>,
}

#[component]
pub fn FormulaField(props: &FormulaFieldProps) -> Html {
    let shown = match props.current {
        Activation::Custom(f) => f.text().to_string(),
        _ => String::new(),
    };
    let text = use_state(|| shown.clone());
    // A new formula from elsewhere (a link, Reset) replaces what the box holds.
    {
        let text = text.clone();
        use_effect_with(shown.clone(), move |shown| {
            let same =
                read_field(&text, false).map(|a| a.to_string()).ok() == Some(format!("custom({shown})"));
            if !same {
                text.set(shown.clone());
            }
        });
    }
    let result = read_field(&text, props.training);
    let apply = {
        let (on_apply, current, training) = (props.on_apply.clone(), props.current, props.training);
        move |value: &str| {
            if let Ok(a) = read_field(value, training) {
                if a != current {
                    on_apply.emit(a);
                }
            }
        }
    };
    let oninput = {
        let (text, apply, live) = (text.clone(), apply.clone(), props.live);
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if live {
                apply(&value);
            }
            text.set(value);
        })
    };
    let onchange =
        Callback::from(move |e: Event| apply(&e.target_unchecked_into::<HtmlInputElement>().value()));
    let error_id = format!("{}-error", props.testid);
    let (invalid, described) = match &result {
        Ok(_) => ("false", None),
        Err(_) => ("true", Some(error_id.clone())),
    };
    let error = result.err().map(|e| {
        let caret = e.position.map(|p| format!("{}\n{}", *text, caret_line(p)));
        html! {
            <div class="formula-error" id={error_id.clone()} data-testid={error_id.clone()} aria-live="polite">
                if let Some(caret) = caret { <pre class="formula-caret" aria-hidden="true">{ caret }</pre> }
                <span>{ e.message }</span>
            </div>
        }
    });
    html! {
        <div class="formula-field">
            <label class="control">
                <span class="control-label">{ props.label.clone() }</span>
                <span class="formula-box"><span aria-hidden="true">{ "f(x) =" }</span>
                <input type="text" class="formula-input" value={(*text).clone()} {oninput} {onchange}
                       spellcheck="false" autocomplete="off" autocapitalize="off" enterkeyhint="done"
                       aria-invalid={invalid} aria-describedby={described}
                       data-testid={props.testid.clone()} /></span>
            </label>
            { error.unwrap_or_default() }
        </div>
    }
}
