//! The data the site shows, and pure logic over it.
//!
//! Nothing here touches the browser but one function: the same code
//! decodes articles in the app, in the prerender, the publish step and the
//! signup service, and in native tests. (In the browser a file's text is
//! parsed by the browser's own `JSON.parse`: `fields::parse`.) Everything here may meet data from outside, so nothing
//! here may panic: the lints below deny what could (outside tests).
#![cfg_attr(
    not(test),
    deny(
        clippy::string_slice,
        clippy::indexing_slicing,
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic
    )
)]

mod api_error;
mod archive;
mod article;
mod blocks;
mod correction;
mod decode;
mod edition;
mod email;
mod embed;
mod fields;
mod headlines;
mod identity;
mod image;
mod live;
mod live_page;
mod live_reader;
mod markup;
mod offline;
mod page_head;
mod rich_text;
mod search;
mod section;
mod share;
mod signup;
mod signup_form;
mod signup_retry;
mod story_index;
mod tags;
mod time;

pub use api_error::ApiError;
pub use archive::{ArchiveIndex, ArchiveMonth, DateCount};
pub use article::{Article, StoryFormat, DEFAULT_BYLINE};
pub use blocks::Block;
pub use correction::{CorrectedStory, Correction, CorrectionsPage};
pub use decode::{DecodeError, Decoded, Skipped};
pub use edition::{
    edition_date_of_file, edition_pages, is_edition_date, long_date, Edition, EditionFile,
    EditionLink, EditionList, EditionStory, Editor, Pick, PickProblem, MAX_EDITION_STORIES,
    MIN_EDITION_STORIES,
};
pub use email::{email_key, validate_email, EmailError, MAX_EMAIL_LEN};
pub use embed::{Embed, Provider};
pub use headlines::{
    announcement, decode_headlines, loop_seconds, Headline, TickerState, MAX_HEADLINES,
};
pub use identity::{
    absolute, Picture, APP_ICONS, BRAND_COLOUR, LOGO, SHARE_CARD, SHORT_NAME, SITE_NAME,
};
pub use image::{ImageSource, LeadImage};
pub use live::{
    is_valid_post_id, post_anchor, post_of_anchor, KeyEvent, Live, LiveFeed, LiveLatest, LivePost,
    LiveView, PostVersion, FIRST_VIEW_POSTS, PAGE_POSTS,
};
pub use live_page::LivePostsPage;
pub use live_reader::{Arrived, LiveReader};
pub use markup::{escape_markup, stories_count};
pub use offline::{Connection, ConnectionNotice, SavedList, SavedStory, SAVED_LIMIT_BYTES};
pub use page_head::{
    document_title, ArticleHead, HeadTag, LiveHead, LiveUpdate, PageHead, PageKind, ShareImage,
};
pub use rich_text::{is_safe_link, RichText, TextRun};
pub use search::{
    indexed_text, words, Found, Run, SearchQuery, SearchResult, SortBy, RESULTS_PER_PAGE,
    STOP_WORDS,
};
pub use section::{
    section_path, section_slug, ReadNext, ReadNextSource, SectionLink, SectionList, SectionNewest,
    StoryLink, LATEST_BESIDE_STORY, MORE_FROM_SECTION,
};
pub use share::{facebook_share_url, is_site_path, is_valid_slug, percent_encode};
pub use signup::{
    footer_signup_shown_on, is_link_token, ConfirmReply, ErrorReply, SignupOutcome, SignupReply,
    SignupRequest, SignupStatus, CONSENT_VERSION, MIN_FILL_MS,
};
pub use signup_form::{Attempt, Focus, SignupForm, Typed};
pub use signup_retry::{MissingMarker, SignupRetry, PAGE_ERROR_ID, PAGE_FIELD_ID};
pub use story_index::{ArticleSummary, StoryIndex};
pub use tags::{byline_of, Author, Tag, Topic};
pub use time::{date_span, weekday, Timestamp, UkTime};
