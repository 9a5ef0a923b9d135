//! What every live section (the Playground, compare, depth, born dead) has in common: its
//! settings read from the link once, their notices told on mount, the settings written back
//! to the link whenever they change, its keyboard shortcuts; and [`Live`], the state that is
//! changed in place (sessions, runs, a Monte-Carlo job) behind a version that moves with every
//! change, so views re-render (and memos recompute) exactly when it changed.

use std::cell::{Ref, RefCell};
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::state::page::Notice;
use crate::domain::state::query::Query;
use crate::domain::state::transition::Transition;
use crate::ui::hooks::use_shortcuts;
use crate::ui::running::{RunMsg, Running};
use crate::ui::shell::browser;

/// The shared value of a [`Live`]: read through [`Live::borrow`], changed only through
/// [`Live::update`] (which moves the version).
pub struct Shared<T> {
    value: RefCell<T>,
    version: std::cell::Cell<u64>,
}

/// A value changed in place, seen at one version: equal to another handle when both are the
/// same value at the same version (cheap: no contents are compared).
pub struct Live<T> {
    shared: Rc<Shared<T>>,
    seen: u64,
}

impl<T> Clone for Live<T> {
    fn clone(&self) -> Self {
        Live { shared: self.shared.clone(), seen: self.seen }
    }
}

impl<T> PartialEq for Live<T> {
    fn eq(&self, other: &Self) -> bool {
        self.seen == other.seen && Rc::ptr_eq(&self.shared, &other.shared)
    }
}

/// Read access (and `Rc::as_ptr` for views that key their memos on the value itself).
impl<T> Deref for Live<T> {
    type Target = Rc<Shared<T>>;
    fn deref(&self) -> &Rc<Shared<T>> {
        &self.shared
    }
}

impl<T> Live<T> {
    pub fn new(value: T) -> Live<T> {
        Live::starting_at(value, 0)
    }

    fn starting_at(value: T, version: u64) -> Live<T> {
        Live {
            shared: Rc::new(Shared { value: RefCell::new(value), version: std::cell::Cell::new(version) }),
            seen: version,
        }
    }

    /// A new value in place of this one (a new identity, and a version never seen before).
    pub fn replaced(&self, value: T) -> Live<T> {
        Live::starting_at(value, self.shared.version.get() + 1)
    }

    pub fn borrow(&self) -> Ref<'_, T> {
        self.shared.value.borrow()
    }

    /// Changes the value in place and moves its version; [`current`](Self::current) then
    /// gives a handle that differs from every earlier one.
    pub fn update<R>(&self, change: impl FnOnce(&mut T) -> R) -> R {
        let result = change(&mut self.shared.value.borrow_mut());
        self.shared.version.set(self.shared.version.get() + 1);
        result
    }

    /// A button's command: change the value with `change`, then ask every view to refresh
    /// (`refresh(true)`: the slow views too), as Step and Reset do.
    pub fn command(&self, refresh: &Callback<bool>, change: impl Fn(&mut T) + 'static) -> Callback<()>
    where
        T: 'static,
    {
        let (live, refresh) = (self.clone(), refresh.clone());
        Callback::from(move |_: ()| {
            live.update(&change);
            refresh.emit(true);
        })
    }

    /// This value at its latest version.
    pub fn current(&self) -> Live<T> {
        Live { shared: self.shared.clone(), seen: self.shared.version.get() }
    }

    /// A handle on this value seeing `version` (a view that follows at a slower rate is given
    /// the version of its last refresh, so it is equal, and not re-rendered, in between).
    pub fn seen_at(&self, version: u64) -> Live<T> {
        Live { shared: self.shared.clone(), seen: version }
    }

    /// The version this handle sees.
    pub fn version(&self) -> u64 {
        self.seen
    }

    /// The value's identity (for memo keys: the same value, whatever its version).
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.shared) as usize
    }
}

/// The keys a training section answers: space plays or pauses, `s` steps, `r` resets; `other`
/// may handle more keys (returns whether it did).
pub struct Keys {
    pub toggle: Callback<()>,
    pub step: Callback<()>,
    pub reset: Callback<()>,
    pub other: Option<Callback<String, bool>>,
}

/// How a section reads and writes its part of the link.
pub struct Link<S> {
    /// The settings from the link (and whether to start training), with what was wrong there.
    pub read: fn(&Query) -> (Running<S>, Vec<Notice>),
    /// Writes the settings into the link (the rest of the query as read from the address bar).
    pub write: fn(&S, &mut Query),
}

/// A section's reducer: its settings read from the link once (their notices told on mount),
/// written back whenever they change.
#[hook]
pub fn use_section<S>(link: Link<S>, on_notice: &Callback<Vec<Notice>>) -> UseReducerHandle<Running<S>>
where
    S: Transition + 'static,
{
    let Link { read, write } = link;
    let initial = use_memo((), move |_| read(&browser::read_query()));
    let model = use_reducer(|| initial.0.clone());
    {
        let (notices, on_notice) = (initial.1.clone(), on_notice.clone());
        use_effect_with((), move |_| {
            if !notices.is_empty() {
                on_notice.emit(notices);
            }
        });
    }
    use_effect_with(model.state.clone(), move |state| {
        let mut query = browser::read_query();
        write(state, &mut query);
        browser::write_query(&query);
    });
    model
}

/// The section's keys answer the keyboard while it is open, as far as [`use_shortcuts`] lets
/// them: never while typing in a field, and Space never while a control has focus (Space
/// presses the focused button, so Play toggles once and Step steps once). Every key here is
/// listed in `domain::keyboard::SHORTCUTS` (the `?` list and README's table).
#[hook]
pub fn use_keys(keys: Keys) {
    use_shortcuts(Callback::from(move |e: KeyboardEvent| {
        let handled = match e.key().as_str() {
            " " => {
                keys.toggle.emit(());
                true
            }
            "s" => {
                keys.step.emit(());
                true
            }
            "r" => {
                keys.reset.emit(());
                true
            }
            other => keys.other.as_ref().is_some_and(|o| o.emit(other.to_string())),
        };
        if handled {
            e.prevent_default();
        }
    }));
}

/// A callback that starts (true) or stops (false) training.
pub fn on_run<S: Transition + 'static>(model: &UseReducerHandle<Running<S>>) -> Callback<bool> {
    let model = model.clone();
    Callback::from(move |run: bool| model.dispatch(RunMsg::Run(run)))
}

/// A live value and the version at which its slow views (charts, tables) last redrew.
pub struct Held<T> {
    pub live: Live<T>,
    pub chart_version: u64,
}

impl<T> Clone for Held<T> {
    fn clone(&self) -> Self {
        Held { live: self.live.clone(), chart_version: self.chart_version }
    }
}

impl<T> Held<T> {
    /// A new value: everything redraws.
    pub fn new(live: Live<T>) -> Held<T> {
        let chart_version = live.version();
        Held { live, chart_version }
    }

    /// After the value changed in place: its latest version; the charts follow when `charts`.
    pub fn refreshed(&self, charts: bool) -> Held<T> {
        let live = self.live.current();
        let chart_version = if charts { live.version() } else { self.chart_version };
        Held { live, chart_version }
    }
}

/// The live value for `key` (the settings it is built from), derived in the render that
/// changes the key, so no view ever shows a key with a value of another: the held value while
/// `fits(value, key)`, else `build(key)` (which the held state then takes over). Returns the
/// held state (to publish new versions or replace the value) and the value to show.
#[hook]
pub fn use_derived<K, T>(
    key: K,
    fits: fn(&T, &K) -> bool,
    build: fn(&K) -> T,
) -> (UseStateHandle<Held<T>>, Held<T>)
where
    K: PartialEq + 'static,
    T: 'static,
{
    let held = use_state(|| Held::new(Live::new(build(&key))));
    let fresh = use_memo((key, held.live.id()), {
        let live = held.live.clone();
        move |(key, _)| (!fits(&live.borrow(), key)).then(|| Held::new(live.replaced(build(key))))
    });
    {
        let (held, next) = (held.clone(), (*fresh).clone());
        use_effect_with(next.as_ref().map(|n| n.live.id()), move |_| {
            if let Some(next) = next {
                held.set(next);
            }
        });
    }
    let shown = (*fresh).clone().unwrap_or_else(|| (*held).clone());
    (held, shown)
}
