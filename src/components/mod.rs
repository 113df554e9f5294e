//! Pieces of the page, each a function of the data it is given.

mod error_notice;
mod explainer;
mod focus_on_navigate;
mod headlines_ticker;
mod key_points;
mod local_time;
mod newsletter_signup;
mod notice;
mod page_meta;
mod placeholder;
mod share_links;
mod site_footer;
mod site_header;
mod skip_link;
mod story_body;
mod story_view;

pub use error_notice::ErrorNotice;
pub use explainer::Explainer;
pub use focus_on_navigate::{focus_main, FocusOnNavigate};
pub use headlines_ticker::HeadlinesTicker;
pub use key_points::KeyPoints;
pub use local_time::LocalTime;
pub use newsletter_signup::NewsletterSignup;
pub use notice::Notice;
pub use page_meta::PageMeta;
pub use placeholder::{Awaiting, Placeholder};
pub use share_links::ShareLinks;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use skip_link::SkipLink;
pub use story_body::StoryBody;
pub use story_view::StoryView;
