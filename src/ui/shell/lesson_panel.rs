//! A guided lesson above the section: what to look at, one thing to try, one question, and
//! the way to the previous and next lessons (plain links, so each lesson is its own URL).

use yew::prelude::*;

use crate::domain::state::lessons::Lesson;
use crate::ui::shell::view::View;

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    pub index: usize,
    pub lessons: Vec<Lesson>,
}

fn link(lesson: &Lesson) -> String {
    format!("?lesson={}", lesson.id)
}

#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let Some(lesson) = props.lessons.get(props.index) else { return html! {} };
    let prev = props.index.checked_sub(1).and_then(|i| props.lessons.get(i));
    let next = props.lessons.get(props.index + 1);
    let count = format!("Lesson {} of {}", props.index + 1, props.lessons.len());
    // Presenting, the lesson folds to its title and its "try" step, so the lab fits the screen;
    // a toggle opens the rest.
    let presenting = use_context::<View>().is_some_and(|v| v.presenting);
    let open = use_state(|| false);
    let folded = presenting && !*open;
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let toggle_text = if *open { "Less" } else { "The whole lesson" };
    let prev = prev.map(|p| (link(p), format!("← {}", p.title)));
    let next = next.map(|n| (link(n), format!("{} →", n.title)));
    html! {
        <aside class={classes!("lesson", "panel", folded.then_some("folded"))} aria-labelledby="lesson-title" data-testid="lesson">
            <p class="lesson-count muted">{ count }</p>
            <div class="lesson-head">
                <h2 id="lesson-title">{ &lesson.title }</h2>
                if presenting {
                    <button class="lesson-toggle" onclick={on_toggle} aria-expanded={(!folded).to_string()} data-testid="lesson-toggle">{ toggle_text }</button>
                }
            </div>
            <p class="look">{ &lesson.look }</p>
            <p class="try"><strong>{ "Try: " }</strong>{ &lesson.try_this }</p>
            <p class="question"><strong>{ "Think: " }</strong>{ &lesson.question }</p>
            <nav class="lesson-nav" aria-label="Lessons">
                if let Some((href, text)) = prev {
                    <a {href} data-testid="lesson-prev" rel="prev">{ text }</a>
                }
                <a href="?" class="muted">{ "Leave the lessons" }</a>
                if let Some((href, text)) = next {
                    <a {href} data-testid="lesson-next" rel="next">{ text }</a>
                }
            </nav>
        </aside>
    }
}
