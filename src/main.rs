//! The browser entry point: install the panic hook and mount the app.

fn main() {
    news_portal::panic_notice::install();
    leptos::mount::mount_to_body(news_portal::App);
}
