//! [`ById`]: an immutable value shared by reference and compared by identity, for props and
//! memo keys. A view holding one re-renders when it was given a rebuilt value, without
//! comparing contents (which may be large: probes, snapshots, histories), and without the
//! `Rc::as_ptr(..) as usize` keys or hand-written `PartialEq` impls this replaces.

use std::ops::Deref;
use std::rc::Rc;

use yew::html::IntoPropValue;

/// A shared, immutable value; two are equal when they are the same allocation.
pub struct ById<T>(Rc<T>);

impl<T> ById<T> {
    pub fn new(value: T) -> ById<T> {
        ById(Rc::new(value))
    }

    /// The shared value itself, for code outside the ui (a chart holding an `Rc`).
    pub fn rc(&self) -> Rc<T> {
        self.0.clone()
    }
}

impl<T> Clone for ById<T> {
    fn clone(&self) -> Self {
        ById(self.0.clone())
    }
}

impl<T> PartialEq for ById<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for ById<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for ById<T> {
    fn from(rc: Rc<T>) -> Self {
        ById(rc)
    }
}

/// So a component can be handed an `Rc` as it is: `<Chart snapshot={rc.clone()} />`.
impl<T> IntoPropValue<ById<T>> for Rc<T> {
    fn into_prop_value(self) -> ById<T> {
        ById(self)
    }
}
