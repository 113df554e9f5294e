//! Decoding natively, where serde_json parses a file's text; the same
//! cases run in the browser, where `JSON.parse` does (`tests/browser.rs`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "shared/decoding_cases.rs"]
mod decoding_cases;

#[test]
fn a_story_file_reads_the_same_whichever_parser_reads_it() {
    decoding_cases::a_story_file_reads_the_same_whichever_parser_reads_it();
}

#[test]
fn what_is_not_a_story_file_is_malformed() {
    decoding_cases::what_is_not_a_story_file_is_malformed();
}
