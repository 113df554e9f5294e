//! The data the site shows, and pure logic over it.
//!
//! Nothing here touches the browser: the same code decodes articles in the
//! app, in native tests and, later, in the build-time prerenderer.

mod api_error;
mod archive;
mod article;
mod decode;
mod email;
mod headlines;
mod image;
mod markup;
mod page_head;
mod section;
mod share;
mod signup;
mod signup_form;
mod time;

pub use api_error::ApiError;
pub use archive::{ArchiveIndex, ArchiveMonth, DateCount};
pub use article::{
    is_site_path, is_valid_slug, Article, ArticleSummary, Block, StoryIndex, DEFAULT_BYLINE,
};
pub use decode::{DecodeError, Decoded, Skipped};
pub use email::{email_key, validate_email, EmailError, MAX_EMAIL_LEN};
pub use headlines::{
    announcement, decode_headlines, loop_seconds, Headline, TickerState, MAX_HEADLINES,
};
pub use image::{ImageSource, LeadImage};
pub use markup::{escape_markup, stories_count};
pub use page_head::{
    absolute, ArticleHead, PageHead, Picture, ShareImage, LOGO, SHARE_CARD, SITE_NAME,
};
pub use section::{
    section_path, section_slug, ReadNext, ReadNextSource, SectionLink, SectionList, SectionNewest,
    StoryLink, LATEST_BESIDE_STORY, MORE_FROM_SECTION,
};
pub use share::{facebook_share_url, percent_encode};
pub use signup::{
    footer_signup_shown_on, is_link_token, ConfirmReply, ErrorReply, SignupOutcome, SignupReply,
    SignupRequest, SignupStatus, CONSENT_VERSION, MIN_FILL_MS,
};
pub use signup_form::{Attempt, Focus, SignupForm, Typed};
pub use time::{date_span, weekday, Timestamp, UkTime};
