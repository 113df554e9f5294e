use crate::model::{loop_seconds, Headline, TickerState, Timestamp};
use leptos::either::EitherOf5;
use leptos::prelude::*;

/// What the strip is showing, which decides its markup. Kept apart from the
/// headlines themselves so a refresh updates the list in place instead of
/// rebuilding the strip (and restarting its motion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Loading,
    Unavailable,
    Empty,
    Moving,
    OneAtATime,
}

/// The BREAKING strip on every page: a seamless loop of the latest
/// headlines, moved by CSS transforms only; a Pause/Play button, and a pause
/// on hover or focus; one headline at a time, with Previous/Next, for readers
/// who ask for reduced motion. Its height is fixed, whatever it shows.
#[component]
pub fn HeadlinesTicker(
    #[prop(into)] state: Signal<TickerState>,
    /// Newly arrived headlines, for the polite live region.
    #[prop(into)]
    announcement: Signal<String>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let reduced_motion = prefers_reduced_motion();
    let latest = Memo::new(move |_| match state.get() {
        TickerState::Ready { headlines, .. } => headlines,
        _ => Vec::new(),
    });
    let updated = Memo::new(move |_| match state.get() {
        TickerState::Ready { updated, saved, .. } => Some((updated, saved)),
        _ => None,
    });
    let mode = Memo::new(move |_| match state.get() {
        TickerState::Loading => Mode::Loading,
        TickerState::Unavailable { .. } => Mode::Unavailable,
        TickerState::Ready { headlines, .. } if headlines.is_empty() => Mode::Empty,
        TickerState::Ready { .. } if reduced_motion.get() => Mode::OneAtATime,
        TickerState::Ready { .. } => Mode::Moving,
    });
    let moving = Memo::new(move |_| mode.get() == Mode::Moving);
    let (paused, set_paused) = signal(false);

    view! {
        <section
            class="ticker"
            class:ticker--paused=paused
            aria-labelledby="ticker-label"
        >
            <p id="ticker-label" class="ticker__label">"BREAKING"</p>
            <div class="ticker__body">
                // Text only: a browser that runs scripts reads a <noscript>
                // as one text node, which is what hydration then expects.
                <noscript class="ticker__no-script">"Live headlines need JavaScript."</noscript>
                {move || match mode.get() {
                    Mode::Loading => EitherOf5::A(view! {
                        <p class="ticker__message" role="status">"Loading latest headlines…"</p>
                    }),
                    Mode::Unavailable => EitherOf5::B(view! {
                        <p class="ticker__message" role="status">
                            "Headlines are unavailable right now. "
                            <button type="button" class="ticker__button" on:click=move |_| on_retry.run(())>
                                "Retry"
                            </button>
                        </p>
                    }),
                    Mode::Empty => EitherOf5::C(view! {
                        <p class="ticker__message" role="status">"No breaking news right now"</p>
                    }),
                    Mode::Moving => EitherOf5::D(view! { <MovingHeadlines latest/> }),
                    Mode::OneAtATime => EitherOf5::E(view! { <OneHeadlineAtATime latest/> }),
                }}
            </div>
            <div class="ticker__side">
                {move || moving.get().then(|| view! {
                    <button
                        type="button"
                        class="ticker__button ticker__toggle"
                        on:click=move |_| set_paused.update(|paused| *paused = !*paused)
                    >
                        {move || if paused.get() { "Play" } else { "Pause" }}
                        <span class="visually-hidden">" headlines"</span>
                    </button>
                })}
                {move || updated.get().map(|(at, saved)| view! { <UpdatedStamp at saved/> })}
            </div>
            <p class="visually-hidden" aria-live="polite">{announcement}</p>
        </section>
    }
}

/// The moving strip. It carries the list twice, the second copy hidden from
/// assistive technology and the keyboard, and slides by half its width, so
/// the loop has no seam. New headlines join at the end of a loop, when the
/// strip is back at its start, so nothing jumps while it moves.
#[component]
fn MovingHeadlines(latest: Memo<Vec<Headline>>) -> impl IntoView {
    let shown = RwSignal::new(latest.get_untracked());
    let duration = move || format!("{}s", loop_seconds(&shown.get()));
    view! {
        <div class="ticker__viewport">
            <div
                class="ticker__track"
                style:--ticker-loop=duration
                on:animationiteration=move |_| {
                    let latest = latest.get_untracked();
                    if shown.with_untracked(|shown| *shown != latest) {
                        shown.set(latest);
                    }
                }
            >
                <TickerList shown copy=false/>
                <TickerList shown copy=true/>
            </div>
        </div>
    }
}

/// One copy of the moving list. The `copy` that makes the loop seamless is
/// hidden from assistive technology and kept out of the tab order.
#[component]
fn TickerList(shown: RwSignal<Vec<Headline>>, copy: bool) -> impl IntoView {
    view! {
        <ul class="ticker__list" aria-hidden=copy.then_some("true") inert=copy>
            <For each=move || shown.get() key=|item| item.id.clone() let:item>
                <TickerItem item focusable=!copy/>
            </For>
        </ul>
    }
}

/// For reduced motion: nothing moves; the reader steps through.
#[component]
fn OneHeadlineAtATime(latest: Memo<Vec<Headline>>) -> impl IntoView {
    let (index, set_index) = signal(0usize);
    let count = move || latest.with(Vec::len).max(1);
    let current = move || index.get() % count();
    let step = move |by: usize| set_index.update(|i| *i = (*i % count() + by) % count());
    view! {
        <div class="ticker__single">
            <button type="button" class="ticker__button" on:click=move |_| step(count() - 1)>
                <span aria-hidden="true">"‹"</span>
                <span class="visually-hidden">"Previous headline"</span>
            </button>
            <ul class="ticker__list ticker__list--single">
                {move || latest.get().get(current()).cloned().map(|item| view! {
                    <TickerItem item focusable=true/>
                })}
            </ul>
            <span class="ticker__position">{move || format!("{} of {}", current() + 1, count())}</span>
            <button type="button" class="ticker__button" on:click=move |_| step(1)>
                <span aria-hidden="true">"›"</span>
                <span class="visually-hidden">"Next headline"</span>
            </button>
        </div>
    }
}

#[component]
fn TickerItem(item: Headline, focusable: bool) -> impl IntoView {
    let href = item.href().unwrap_or_default();
    let title = item.headline.clone();
    view! {
        <li class="ticker__item" class:ticker__item--breaking=item.breaking>
            <a
                class="ticker__link"
                href=href
                title=title
                tabindex=(!focusable).then_some("-1")
            >
                {item.breaking.then(|| view! { <span class="visually-hidden">"Breaking: "</span> })}
                // Said as "Live: …", as "Breaking: …" is; the badge is seen.
                {item.live.then(|| view! {
                    <span class="tag tag--live" aria-hidden="true">"Live"</span>
                    " "
                    <span class="visually-hidden">"Live: "</span>
                })}
                {item.headline}
            </a>
        </li>
    }
}

/// "Updated 09:42": when the headlines were last fetched, in UK time; or,
/// for the copy this device saved (offline), "As of 08:15".
#[component]
fn UpdatedStamp(at: Timestamp, saved: bool) -> impl IntoView {
    view! {
        <p class="ticker__updated">
            {if saved { "As of " } else { "Updated " }}
            <time datetime=at.to_rfc3339()>{at.to_uk().clock()}</time>
        </p>
    }
}

/// Whether the reader has asked for reduced motion, kept up to date. Read
/// in an effect: effects run only in the browser, so the strip can also be
/// rendered ahead of time. (The ticker lives as long as the app, so the
/// listener is never removed.)
fn prefers_reduced_motion() -> Signal<bool> {
    let (reduced, set_reduced) = signal(false);
    Effect::new(move |_| {
        let Some(query) = window()
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
        else {
            return;
        };
        set_reduced.set(query.matches());
        let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new({
            let query = query.clone();
            move || _ = set_reduced.try_set(query.matches())
        });
        query.set_onchange(Some(wasm_bindgen::JsCast::unchecked_ref(
            on_change.as_ref(),
        )));
        on_change.forget();
    });
    reduced.into()
}
