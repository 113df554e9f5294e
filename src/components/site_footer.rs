use crate::config::SITE_NAME;
use leptos::prelude::*;

/// The foot of every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p class="site-footer__name">{SITE_NAME}</p>
                <nav aria-label="Footer">
                    <ul class="site-footer__links">
                        <li><a href="/">"Latest stories"</a></li>
                        <li><a href="/newsletter">"The newsletter"</a></li>
                        <li><a href="/corrections">"Corrections"</a></li>
                        <li><a href="/privacy">"Privacy notice"</a></li>
                        <li>
                            <a href="https://www.facebook.com/" rel="noopener noreferrer" target="_blank">
                                "Facebook"
                                <span class="visually-hidden">" (opens in a new tab)"</span>
                            </a>
                        </li>
                    </ul>
                </nav>
                <p class="site-footer__small">
                    "Stories marked \u{201c}Sample story\u{201d} were written to show how the site works; they are not news."
                </p>
            </div>
        </footer>
    }
}
