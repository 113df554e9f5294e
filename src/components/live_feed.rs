use super::StoryBody;
use crate::live_updates::{focus_post, LiveUpdates, OlderPosts};
use crate::model::{KeyEvent, LivePost, LiveReader, Timestamp};
use leptos::prelude::*;

/// What a live page says of itself under its headline: "Live" while the
/// newsroom posts, "This live page has ended" after (as soon as a poll
/// finds it ended).
#[component]
pub fn LiveStatus(live: LiveUpdates) -> impl IntoView {
    move || {
        if live.reader.with(|reader| reader.shown.is_live()) {
            view! { <span class="tag tag--live">"Live"</span> }.into_any()
        } else {
            view! { <span class="tag tag--ended">"This live page has ended"</span> }.into_any()
        }
    }
}

/// A live page's posts, as the model orders them (`LiveFeed::view`): key
/// events as links, the button for new posts (in a polite live region, in
/// a space kept for it so that nothing moves when it comes), the pinned
/// post, the newest posts, then the older ones the reader asked for, with
/// a button for more (they come a page at a time). Each post is
/// keyed by its id and its last change: an edit replaces that post alone.
#[component]
pub fn LiveFeedView(live: LiveUpdates) -> impl IntoView {
    let reader = live.reader;
    let posts = move |part: fn(&LiveReader) -> Vec<LivePost>| move || reader.with(part);
    let key_events = move || reader.with(|reader| reader.shown.key_events.clone());
    let pinned = posts(|reader| reader.shown.view().pinned.into_iter().cloned().collect());
    let newest = posts(|reader| reader.shown.view().newest.into_iter().cloned().collect());
    let older = posts(|reader| reader.shown.view().older.into_iter().cloned().collect());
    let reveal = move |_| {
        reader.update(LiveReader::reveal);
        let newest = reader.with_untracked(|reader| reader.newest_shown().map(LivePost::anchor));
        // The reader asked for them: focus goes to the newest, which is
        // now the first post, once it has been drawn.
        request_animation_frame(move || {
            if let Some(anchor) = newest {
                focus_post(&anchor);
            }
        });
    };
    // A key event whose post is not on the page yet (it is older than the
    // first view): its pages are fetched, then the page goes to it.
    let follow_key_event = move |event: leptos::ev::MouseEvent, id: String| {
        if !reader.with_untracked(|reader| reader.shows(&id)) {
            event.prevent_default();
            live.load_older(Some(id));
        }
    };
    let next_page = move || reader.with(LiveReader::next_older_page);
    // The page of older posts opens where the reader asked for it
    // (another tab, say); otherwise its posts come here.
    let load_older = move |click: leptos::ev::MouseEvent| {
        if !(click.ctrl_key() || click.meta_key() || click.shift_key()) {
            click.prevent_default();
            live.load_older(None);
        }
    };
    view! {
        <section class="live" aria-labelledby="live-updates">
            <h2 class="live__heading" id="live-updates">"Live updates"</h2>
            {move || {
                let events = key_events();
                (!events.is_empty()).then(|| view! {
                    <nav class="live__key-events" aria-labelledby="key-events">
                        <h2 class="live__heading" id="key-events">"Key events"</h2>
                        <ul>
                            {events.into_iter().map(|event| {
                                let href = key_event_href(live, &event);
                                let KeyEvent { id, published: at, label, .. } = event;
                                let on_click = move |click| follow_key_event(click, id.clone());
                                view! {
                                    <li><a href=href on:click=on_click><PostClock at/> " " {label}</a></li>
                                }
                            }).collect_view()}
                        </ul>
                    </nav>
                })
            }}
            <div class="live__waiting" aria-live="polite">
                {move || reader.with(LiveReader::button_label).map(|label| view! {
                    <button type="button" class="button live__show" on:click=reveal>{label}</button>
                })}
                {move || live.ended_while_open.get().then(|| view! {
                    <p class="live__ended">"This live page has ended."</p>
                })}
            </div>
            <For each=pinned key=version let:post>
                <PostView post pinned=true/>
            </For>
            <ol class="live__posts">
                <For each=newest key=version let:post>
                    <li><PostView post pinned=false/></li>
                </For>
            </ol>
            <ol class="live__posts live__posts--older">
                <For each=older key=version let:post>
                    <li><PostView post pinned=false/></li>
                </For>
            </ol>
            {move || next_page().map(|page| {
                let state = live.older.get();
                let label = if state == OlderPosts::Loading { "Loading older posts…" } else { "Older posts" };
                view! {
                    <div class="live__more">
                        // A link to the page of those posts, for a reader
                        // without the app; with it, they come here.
                        <a
                            class="button button--secondary"
                            href=live.older_posts_path(page)
                            aria-disabled=(state == OlderPosts::Loading).then_some("true")
                            on:click=load_older
                        >{label}</a>
                        {(state == OlderPosts::Failed).then(|| view! {
                            <p class="live__error" role="alert">
                                "Older posts could not be loaded. Check your connection, then press the button again."
                            </p>
                        })}
                    </div>
                }
            })}
        </section>
    }
}

/// Where a key event's link leads: its post on this page, or where the
/// page does not hold it (it is older than the first view), its post on
/// its page of posts, which a reader without the app goes to (with the
/// app, the live page fetches it instead: `follow_key_event`).
fn key_event_href(live: LiveUpdates, event: &KeyEvent) -> String {
    let on_this_page = live.reader.with(|reader| reader.shows(&event.id));
    if on_this_page || event.page == 0 {
        format!("#{}", event.anchor())
    } else {
        format!("{}#{}", live.older_posts_path(event.page), event.anchor())
    }
}

/// Posts shown as they are, newest first (a page of older posts).
#[component]
pub fn LivePostList(posts: Vec<LivePost>) -> impl IntoView {
    view! {
        <ol class="live__posts">
            {posts.into_iter().map(|post| view! { <li><PostView post pinned=false/></li> }).collect_view()}
        </ol>
    }
}

/// What keys a post in the list: its id and the build's version of it
/// (which changes with any edit).
fn version(post: &LivePost) -> (String, String) {
    (post.id.clone(), post.version.clone())
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
