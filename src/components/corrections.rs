use super::LocalTime;
use crate::model::Correction;
use leptos::prelude::*;

/// The id of the story's list of corrections, which the note links to,
/// and of its heading.
const CORRECTIONS_ID: &str = "corrections";
const CORRECTIONS_HEADING_ID: &str = "corrections-heading";

/// The newest correction, where the reader sees it first (under the
/// standfirst): dated, in the newsroom's words, with a link to them all
/// where there are more.
#[component]
pub fn CorrectionNote(newest: Correction, more: usize) -> impl IntoView {
    view! {
        <div class="correction-note" role="note" aria-label="Correction">
            <p>
                <strong>"Correction, " <LocalTime at=newest.at/> ": "</strong>
                {newest.text}
            </p>
            {(more > 0).then(|| view! {
                <p>
                    <a href=format!("#{CORRECTIONS_ID}")>
                        {if more == 1 { "One earlier correction".to_owned() } else { format!("{more} earlier corrections") }}
                    </a>
                </p>
            })}
        </div>
    }
}

/// Every correction, newest first, at the end of the story.
#[component]
pub fn CorrectionsList(corrections: Vec<Correction>) -> impl IntoView {
    view! {
        <section id=CORRECTIONS_ID class="explainer corrections" aria-labelledby=CORRECTIONS_HEADING_ID>
            <h2 id=CORRECTIONS_HEADING_ID class="explainer__heading">"Corrections"</h2>
            <ul>
                {corrections
                    .into_iter()
                    .map(|correction| view! {
                        <li>
                            <p><strong><LocalTime at=correction.at/> ": "</strong> {correction.text}</p>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
