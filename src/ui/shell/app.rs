//! The page shell: header with the section tabs, an optional lesson, the open section, the
//! footer. The open tab, the lesson and the way the page is shown (embedded, panels, controls,
//! presentation) all live in the URL, so a link opens exactly that view.

use yew::prelude::*;

use crate::domain::state::lessons;
use crate::domain::state::page::{read_tab, Notice, Tab, ViewOptions};
use crate::ui::experiments::Experiments;
use crate::ui::explorer::Explorer;
use crate::ui::hooks::use_shortcuts;
use crate::ui::playground::Playground;
use crate::ui::shell::browser;
use crate::ui::shell::caveats::LinkCaveats;
use crate::ui::shell::embed::{use_embed_height, EmbedDialog};
use crate::ui::shell::footer::Footer;
use crate::ui::shell::header::Header;
use crate::ui::shell::lesson_panel::LessonPanel;
use crate::ui::shell::notices::Notices;
use crate::ui::shell::shortcuts::{shortcuts_dialog, use_shortcuts_dialog, ShortcutsDialogProps};
use crate::ui::shell::view::View;

struct Initial {
    tab: Tab,
    lesson: Option<usize>,
    lessons: Vec<lessons::Lesson>,
    options: ViewOptions,
    notices: Vec<Notice>,
}

/// Reads the link once. A lesson's settings are written into the address bar here, before
/// the sections mount and read it.
fn read_initial() -> Initial {
    let all = lessons::all();
    let (lesson, query, lesson_notice) = lessons::apply(&browser::read_query(), &all);
    if lesson.is_some() {
        browser::write_query(&query);
    }
    let (tab, tab_notice) = read_tab(&query);
    let (options, mut notices) = ViewOptions::from_query(&query);
    notices.extend(lesson_notice);
    notices.extend(tab_notice);
    Initial { tab, lesson: lesson.map(|(i, _)| i), lessons: all, options, notices }
}

#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| read_initial());
    let tab = use_state(|| initial.tab);
    let presenting = use_state(|| initial.options.present);
    let embed_dialog = use_state(|| false);
    let caveats = use_memo((), |_| LinkCaveats::default());
    let notices = use_state(|| initial.notices.clone());
    // The report command measures navigation start → this mark (the first render).
    use_effect_with((), |_| browser::mark("app-first-render"));
    use_embed_height(initial.options.embed);

    // The page's own shortcuts, in every section: `f` presentation mode, `?` the list of
    // shortcuts (Escape closes it). The sections add theirs (`section::use_keys`).
    let shortcuts = use_shortcuts_dialog();
    {
        let (presenting, on_key) = (presenting.clone(), shortcuts.on_key.clone());
        use_shortcuts(Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let handled = if key == "f" {
                presenting.set(!*presenting);
                true
            } else {
                on_key.emit(key)
            };
            if handled {
                e.prevent_default();
            }
        }));
    }

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
            // A newer notice replaces one with the same key (a file refused twice, a value
            // sent again by the embedding page): the list stays as long as there are keys.
            let mut all = (*notices).clone();
            all.retain(|n| !more.iter().any(|m| m.key == n.key));
            all.extend(more);
            notices.set(all);
        })
    };
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |_| notices.set(Vec::new()))
    };
    let on_present = {
        let presenting = presenting.clone();
        Callback::from(move |_| presenting.set(!*presenting))
    };
    let on_embed = {
        let embed_dialog = embed_dialog.clone();
        Callback::from(move |open: bool| embed_dialog.set(open))
    };

    let options = ViewOptions { present: *presenting, ..initial.options.clone() };
    let view = View { presenting: *presenting };
    // Presentation mode lays the page out around what the open lesson talks about.
    let focus: Vec<String> = match (initial.lesson.and_then(|i| initial.lessons.get(i)), *presenting) {
        (Some(lesson), true) => lesson.focus.iter().map(|f| format!("focus-{f}")).collect(),
        _ => Vec::new(),
    };
    let main_classes = classes!("section", format!("section-{}", tab.id()));
    let labelled_by = format!("tab-{}", tab.id());
    html! {
        <ContextProvider<View> context={view}>
        <ContextProvider<LinkCaveats> context={(*caveats).clone()}>
            <div class={classes!("shell", options.classes(), focus)}>
                if !options.embed {
                    <Header current={*tab} {on_select} presenting={*presenting} {on_present}
                            on_embed={on_embed.reform(|_| true)} />
                }
                <Notices notices={(*notices).clone()} {on_dismiss} />
                if let Some(i) = initial.lesson {
                    <LessonPanel index={i} lessons={initial.lessons.clone()} />
                }
                <main id="main" class={main_classes}
                      role="tabpanel" aria-labelledby={labelled_by}>
                    { section(*tab, on_notice) }
                </main>
                if options.embed {
                    <a class="open-full muted" href={browser::full_page_link()} target="_blank" rel="noopener">
                        { "Open in Activation Lab ↗" }
                    </a>
                } else {
                    <Footer />
                }
                if shortcuts.open {
                    { shortcuts_dialog(&ShortcutsDialogProps { on_close: shortcuts.on_close.clone(), close_ref: shortcuts.close_ref.clone() }) }
                }
                if *embed_dialog {
                    <EmbedDialog on_close={on_embed.reform(|_| false)} />
                }
            </div>
        </ContextProvider<LinkCaveats>>
        </ContextProvider<View>>
    }
}

fn section(tab: Tab, on_notice: Callback<Vec<Notice>>) -> Html {
    match tab {
        Tab::Explore => html! { <Explorer {on_notice} /> },
        Tab::Play => html! { <Playground {on_notice} /> },
        Tab::Experiments => html! { <Experiments {on_notice} /> },
    }
}
