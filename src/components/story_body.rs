use crate::model::Block;
use leptos::either::EitherOf4;
use leptos::prelude::*;

/// The body of a story: one component per kind of block.
#[component]
pub fn StoryBody(blocks: Vec<Block>) -> impl IntoView {
    view! {
        <div class="story-body">
            {blocks.into_iter().map(|block| match block {
                Block::Paragraph { text } => EitherOf4::A(view! { <Paragraph text/> }),
                Block::Subheading { text } => EitherOf4::B(view! { <Subheading text/> }),
                Block::Quote { text, attribution } => EitherOf4::C(view! { <PullQuote text attribution/> }),
                Block::Unsupported { .. } | Block::Broken { .. } => EitherOf4::D(()),
            }).collect_view()}
        </div>
    }
}

#[component]
fn Paragraph(text: String) -> impl IntoView {
    view! { <p>{text}</p> }
}

#[component]
fn Subheading(text: String) -> impl IntoView {
    view! { <h2 class="story-body__subheading">{text}</h2> }
}

#[component]
fn PullQuote(text: String, attribution: Option<String>) -> impl IntoView {
    view! {
        <figure class="pull-quote">
            <blockquote><p>{text}</p></blockquote>
            {attribution.map(|who| view! { <figcaption>{who}</figcaption> })}
        </figure>
    }
}
