//! The run's progress: a progress bar (networks drawn of the total) and a status line that a
//! screen reader announces when the run starts, ends or is cancelled (not on every frame).

use yew::prelude::*;

use super::{RunStatus, Snapshot};

#[derive(Properties, PartialEq)]
pub struct BdProgressProps {
    pub snapshot: Snapshot,
}

#[component]
pub fn BdProgress(props: &BdProgressProps) -> Html {
    let s = &props.snapshot;
    let percent = percent(s.done, s.total);
    let count = format!("{} of {} networks", thousands(s.done), thousands(s.total));
    let status = match s.status {
        RunStatus::Idle => format!("Press Start to draw {} random networks.", thousands(s.total)),
        RunStatus::Running => "Running…".to_string(),
        RunStatus::Done { ms } => {
            format!("Done: {} networks in {:.1} s.", thousands(s.total), ms / 1000.0)
        }
        RunStatus::Cancelled => format!("Cancelled after {count} ({percent}%)."),
    };
    let valuetext = format!("{percent}%: {count}");
    let percent_text = format!("{percent}%");
    html! {
        <div class="bd-progress-box">
            <div class="bd-progress-row">
                <progress class="bd-progress" role="progressbar" max="100" value={percent.to_string()}
                          aria-label="Progress of the run" aria-valuemin="0" aria-valuemax="100"
                          aria-valuenow={percent.to_string()} aria-valuetext={valuetext}
                          data-testid="bd-progress" />
                <span class="bd-percent" data-testid="bd-percent">{ percent_text }</span>
            </div>
            <p class="bd-count muted" data-testid="bd-count">{ count }</p>
            <p class="bd-status" role="status" aria-live="polite" data-testid="bd-status">{ status }</p>
        </div>
    }
}

/// Whole percent done, rounded down (100 only when everything is done).
fn percent(done: usize, total: usize) -> usize {
    (done.min(total) * 100).checked_div(total).unwrap_or(100)
}

/// `12345` → `12 345` (a thin space groups the thousands).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    out
}
