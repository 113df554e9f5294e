use super::StoryBody;
use crate::model::{LiveFeed, LivePost, StoryFormat, Timestamp};
use leptos::prelude::*;

/// What a live page says of itself under its headline: "Live" while the
/// newsroom posts, "This live page has ended" after. Nothing for a story.
#[component]
pub fn LiveStatus(format: StoryFormat) -> impl IntoView {
    match format {
        StoryFormat::Story => None,
        StoryFormat::Live => Some(view! { <span class="tag tag--live">"Live"</span> }.into_any()),
        StoryFormat::LiveEnded => Some(
            view! { <span class="tag tag--ended">"This live page has ended"</span> }.into_any(),
        ),
    }
}

/// A live page's posts, as the model orders them (`LiveFeed::view`): key
/// events as links, the pinned post, the newest posts, then the older
/// ones folded away.
#[component]
pub fn LiveFeedView(feed: LiveFeed) -> impl IntoView {
    let view = feed.view();
    let key_events = (!view.key_events.is_empty()).then(|| {
        let links = view
            .key_events
            .iter()
            .map(|post| {
                let href = format!("#{}", post.anchor());
                let at = post.published;
                let label = post.label();
                view! { <li><a href=href><PostClock at/> " " {label}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="live__key-events" aria-labelledby="key-events">
                <h2 class="live__heading" id="key-events">"Key events"</h2>
                <ul>{links}</ul>
            </nav>
        }
    });
    let pinned = view
        .pinned
        .cloned()
        .map(|post| view! { <PostView post pinned=true/> });
    let newest = posts(&view.newest);
    let older = (!view.older.is_empty()).then(|| {
        let count = view.older.len();
        let older = posts(&view.older);
        view! {
            <details class="live__older">
                <summary>"Older posts (" {count} ")"</summary>
                {older}
            </details>
        }
    });
    view! {
        <section class="live" aria-labelledby="live-updates">
            <h2 class="live__heading" id="live-updates">"Live updates"</h2>
            {key_events}
            {pinned}
            {newest}
            {older}
        </section>
    }
}

fn posts(posts: &[&LivePost]) -> impl IntoView {
    let items = posts
        .iter()
        .map(|post| view! { <li><PostView post=(*post).clone() pinned=false/></li> })
        .collect_view();
    view! { <ol class="live__posts">{items}</ol> }
}

/// One post: its time (and its edit's), title, body, author and its own
/// address.
#[component]
fn PostView(post: LivePost, pinned: bool) -> impl IntoView {
    let anchor = post.anchor();
    let href = format!("#{anchor}");
    let updated = post.updated_after_publication();
    let LivePost {
        published,
        title,
        body,
        author,
        key_event,
        ..
    } = post;
    let class = if pinned {
        "live-post live-post--pinned"
    } else {
        "live-post"
    };
    view! {
        <article class=class id=anchor>
            <header class="live-post__header">
                {pinned.then(|| view! { <p class="live-post__flag">"Pinned"</p> })}
                {(key_event && !pinned).then(|| view! { <p class="live-post__flag">"Key event"</p> })}
                <p class="live-post__time">
                    <PostClock at=published/>
                    {updated.map(|at| view! { " · Updated " <PostClock at/> })}
                </p>
                {title.map(|title| view! { <h3 class="live-post__title">{title}</h3> })}
            </header>
            <StoryBody blocks=body/>
            <footer class="live-post__footer">
                {author.map(|who| view! { <p class="live-post__author">"By " {who}</p> })}
                <a class="live-post__link" href=href>"Link to this post"</a>
            </footer>
        </article>
    }
}

/// A post's time: the clock in UK time, the whole instant on hover and
/// for machines.
#[component]
fn PostClock(at: Timestamp) -> impl IntoView {
    let uk = at.to_uk();
    view! { <time datetime=at.to_rfc3339() title=uk.long()>{uk.clock()}</time> }
}
