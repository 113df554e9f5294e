//! The browser entry point: start the app. (If it ever dies, the page's
//! loader tells the reader: `src/prerender/loader.js`.)

fn main() {
    // A debug build says why it panicked in the console; a release build
    // stops at a panic where it is, with no message to give.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    news_portal::start();
}
