//! What a link to the current view does not replay (settings changed by hand mid-run, points
//! drawn by hand), said by the open section and shown by the Embed dialog beside its snippet.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// The open section's caveats, shared through a context (set by the section, read by the
/// dialog when it opens).
#[derive(Clone, Default)]
pub struct LinkCaveats(Rc<RefCell<Vec<String>>>);

impl PartialEq for LinkCaveats {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl LinkCaveats {
    pub fn get(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

/// Says what the link to this section does not replay, for as long as the section is shown.
#[hook]
pub fn use_link_caveats(caveats: Vec<String>) {
    let shared = use_context::<LinkCaveats>().unwrap_or_default();
    use_effect_with(caveats, move |caveats| {
        *shared.0.borrow_mut() = caveats.clone();
        move || shared.0.borrow_mut().clear()
    });
}
