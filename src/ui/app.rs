//! The page shell: header with the section tabs, the open section, the footer. The open tab
//! lives in the URL (`?tab=`), so a link opens the right section.

use yew::prelude::*;

use super::browser;
use super::experiments::Experiments;
use super::explorer::Explorer;
use super::footer::Footer;
use super::header::Header;
use super::notices::Notices;
use super::playground::Playground;
use crate::core::page::{read_tab, Notice, Tab};

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| {
        let query = browser::read_query();
        read_tab(&query)
    });
    let tab = use_state(|| initial.0);
    // The report command measures navigation start → this mark (the first render).
    use_effect_with((), |_| browser::mark("app-first-render"));
    let notices = use_state(|| initial.1.clone().into_iter().collect::<Vec<Notice>>());

    let on_select = {
        let tab = tab.clone();
        Callback::from(move |next: Tab| {
            let mut query = browser::read_query();
            query.set("tab", next.id());
            browser::write_query(&query);
            tab.set(next);
        })
    };
    let on_notice = {
        let notices = notices.clone();
        Callback::from(move |more: Vec<Notice>| {
            let mut all = (*notices).clone();
            all.extend(more);
            notices.set(all);
        })
    };
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |_| notices.set(Vec::new()))
    };

    html! {
        <div class="shell">
            <Header current={*tab} {on_select} />
            <Notices notices={(*notices).clone()} {on_dismiss} />
            <main id="main" class={classes!("section", format!("section-{}", tab.id()))}
                  role="tabpanel" aria-labelledby={format!("tab-{}", tab.id())}>
                { section(*tab, on_notice) }
            </main>
            <Footer />
        </div>
    }
}

fn section(tab: Tab, on_notice: Callback<Vec<Notice>>) -> Html {
    match tab {
        Tab::Explore => html! { <Explorer {on_notice} /> },
        Tab::Play => html! { <Playground {on_notice} /> },
        Tab::Experiments => html! { <Experiments {on_notice} /> },
    }
}
