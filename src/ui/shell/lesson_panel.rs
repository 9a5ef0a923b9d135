//! A guided lesson above the section: what to look at, one thing to try, one question, and
//! the way to the previous and next lessons (plain links, so each lesson is its own URL).

use yew::prelude::*;

use crate::domain::state::lessons::Lesson;

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
    html! {
        <aside class="lesson panel" aria-labelledby="lesson-title" data-testid="lesson">
            <p class="lesson-count muted">{ format!("Lesson {} of {}", props.index + 1, props.lessons.len()) }</p>
            <h2 id="lesson-title">{ &lesson.title }</h2>
            <p class="look">{ &lesson.look }</p>
            <p class="try"><strong>{ "Try: " }</strong>{ &lesson.try_this }</p>
            <p class="question"><strong>{ "Think: " }</strong>{ &lesson.question }</p>
            <nav class="lesson-nav" aria-label="Lessons">
                if let Some(p) = prev {
                    <a href={link(p)} data-testid="lesson-prev" rel="prev">{ format!("← {}", p.title) }</a>
                }
                <a href="?" class="muted">{ "Leave the lessons" }</a>
                if let Some(n) = next {
                    <a href={link(n)} data-testid="lesson-next" rel="next">{ format!("{} →", n.title) }</a>
                }
            </nav>
        </aside>
    }
}
