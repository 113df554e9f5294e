use crate::components::InlinePicture;
use crate::model::{Block, Embed, RichText, TextRun};
use leptos::either::{Either, EitherOf7};
use leptos::prelude::*;

/// The body of a story: one component per kind of block.
#[component]
pub fn StoryBody(blocks: Vec<Block>) -> impl IntoView {
    view! {
        <div class="story-body">
            {blocks.into_iter().map(|block| match block {
                Block::Paragraph { text } => EitherOf7::A(view! { <Paragraph text/> }),
                Block::Subheading { text } => EitherOf7::B(view! { <Subheading text/> }),
                Block::Quote { text, attribution } => EitherOf7::C(view! { <PullQuote text attribution/> }),
                Block::List { items, ordered } => EitherOf7::D(view! { <List items ordered/> }),
                Block::Picture { image } => EitherOf7::E(view! { <InlinePicture image/> }),
                Block::Embed(embed) => EitherOf7::F(view! { <EmbedCard embed/> }),
                Block::Unsupported { .. } | Block::Broken { .. } => EitherOf7::G(()),
            }).collect_view()}
        </div>
    }
}

#[component]
fn Paragraph(text: RichText) -> impl IntoView {
    view! { <p><Words text/></p> }
}

/// Words with their links, emphasis and quotations, every run as text:
/// nothing from a story file reaches the page as HTML, and a link whose
/// address is not one a page may follow shows its words alone.
#[component]
fn Words(text: RichText) -> impl IntoView {
    text.into_runs().into_iter().map(run).collect_view()
}

fn run(run: TextRun) -> impl IntoView {
    let href = run.href().map(str::to_owned);
    let words = run.text;
    let quoted = if run.quote {
        Either::Left(view! { <q>{words}</q> })
    } else {
        Either::Right(words)
    };
    let emphasised = if run.emphasis {
        Either::Left(view! { <em>{quoted}</em> })
    } else {
        Either::Right(quoted)
    };
    match href {
        Some(href) => Either::Left(view! { <a href=href>{emphasised}</a> }),
        None => Either::Right(emphasised),
    }
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

#[component]
fn List(items: Vec<RichText>, ordered: bool) -> impl IntoView {
    let items = move || {
        items
            .into_iter()
            .map(|text| view! { <li><Words text/></li> })
            .collect_view()
    };
    if ordered {
        Either::Left(view! { <ol class="story-body__list">{items()}</ol> })
    } else {
        Either::Right(view! { <ul class="story-body__list">{items()}</ul> })
    }
}

/// A post on another site as a card: its words as the newsroom quotes
/// them, whose it is, and a link to it. Nothing is fetched from that site
/// until the reader follows the link.
#[component]
fn EmbedCard(embed: Embed) -> impl IntoView {
    let source = embed.source();
    let action = embed.action();
    view! {
        <figure class="embed-card">
            {embed.text.map(|text| view! {
                <blockquote class="embed-card__text" cite=embed.url.clone()><p>{text}</p></blockquote>
            })}
            <figcaption class="embed-card__source">
                {source}
                " "
                <a class="embed-card__link" href=embed.url rel="external noopener noreferrer">{action}</a>
            </figcaption>
        </figure>
    }
}
