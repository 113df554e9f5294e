use crate::model::LeadImage;
use leptos::prelude::*;

/// How wide a story's picture shows: the story's column (42rem) or,
/// narrower, the screen less its margins.
const STORY_SIZES: &str = "(min-width: 46rem) 42rem, calc(100vw - 2rem)";
/// The front page's lead story: half the page beside its headline on wide
/// screens, the screen's width on phones.
const LEAD_CARD_SIZES: &str =
    "(min-width: 80rem) 37rem, (min-width: 48rem) 47vw, calc(100vw - 2rem)";
/// Any other story card: a column of four, of two, or a thumbnail.
const CARD_SIZES: &str = "(min-width: 64rem) 17rem, (min-width: 48rem) 45vw, 8rem";

/// One `<img>`, in every size the content has, taking its space (from its
/// width and height) before it arrives. If it never does, the page's loader
/// marks it `data-failed` and the stylesheet leaves the space empty: no
/// broken-image icon, nothing moves.
fn picture(image: &LeadImage, sizes: &'static str, alt: String, first: bool) -> impl IntoView {
    view! {
        <img
            class="picture"
            src=image.src.clone()
            srcset=image.srcset()
            sizes=sizes
            width=image.width
            height=image.height
            alt=alt
            // The first picture on a page is fetched at once, at the
            // browser's own priority (raised, it competes with the
            // stylesheet), and decoded off the path of the first paint, so
            // the headline does not wait for it; the rest when scrolled near.
            loading=if first { "eager" } else { "lazy" }
            fetchpriority=if first { "auto" } else { "low" }
            decoding="async"
        />
    }
}

/// A story's lead picture under its standfirst, with caption and credit.
#[component]
pub fn StoryPicture(image: LeadImage) -> impl IntoView {
    story_figure(image, "story__picture", true)
}

/// A picture in a story's text: the lead picture's sizes and words,
/// fetched only when scrolled near.
#[component]
pub fn InlinePicture(image: LeadImage) -> impl IntoView {
    story_figure(image, "story__picture story-body__picture", false)
}

fn story_figure(image: LeadImage, class: &'static str, first: bool) -> impl IntoView {
    let caption = image.caption.clone();
    let credit = image.credit.clone();
    let has_words = caption.is_some() || credit.is_some();
    view! {
        <figure class=class>
            <div class="picture-frame">{picture(&image, STORY_SIZES, image.alt.clone(), first)}</div>
            {has_words.then(|| view! {
                <figcaption class="story__caption">
                    {caption}
                    {credit.map(|credit| view! { " " <span class="story__credit">{credit}</span> })}
                </figcaption>
            })}
        </figure>
    }
}

/// A story card's picture. Its description is left to the story: beside
/// the headline it links to, the picture adds nothing a screen reader
/// should repeat.
#[component]
pub fn CardPicture(image: LeadImage, lead: bool) -> impl IntoView {
    let sizes = if lead { LEAD_CARD_SIZES } else { CARD_SIZES };
    view! {
        <div class="picture-frame story-card__picture">{picture(&image, sizes, String::new(), lead)}</div>
    }
}
