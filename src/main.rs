//! The browser entry point: install the panic hook and start the app.

fn main() {
    news_portal::panic_notice::install();
    news_portal::start();
}
