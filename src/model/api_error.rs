//! What can go wrong fetching something, in words a reader can act on.

use super::DecodeError;

/// Why a page's data could not be shown. A page prerendered with an error
/// carries it to the browser as a line of text ([`ApiError::to_line`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// There is no such story (HTTP 404, or a slug that cannot exist).
    NotFound,
    /// The story was withdrawn (HTTP 410): taken down, for legal reasons
    /// or others, and not coming back.
    Withdrawn,
    /// There is no such section (`/section/<name>` names none), or no such
    /// page of it.
    NoSuchSection,
    /// There is no page for that author (or no such page of theirs).
    NoSuchAuthor,
    /// There is no page for that topic (or no such page of it).
    NoSuchTopic,
    /// A paged list (the corrections) has no page of that number.
    NoSuchPage,
    /// The archive has no stories from that date (or it is not a date).
    NoStoriesThatDay,
    /// The newsletter has no edition of that day, or no such page of them.
    NoSuchEdition,
    /// A live page has no page of posts of that number (or it is not one).
    NoSuchPageOfPosts,
    /// A confirmation link whose token the service does not know.
    InvalidLink,
    /// An unsubscribe link nobody is subscribed with (any more).
    NotSubscribed,
    /// The server answered with an error status.
    Server(u16),
    /// No answer in time.
    Timeout,
    /// The browser says it has no network.
    Offline,
    /// The request failed before any answer (DNS, connection refused, CORS…).
    Network,
    /// An answer came, but not one the site can show.
    Malformed(String),
    /// The search client or its index could not be fetched.
    SearchUnavailable,
}

/// The errors without data, as [`ApiError::to_line`] names them.
const NAMED: [ApiError; 15] = [
    ApiError::NotFound,
    ApiError::Withdrawn,
    ApiError::NoSuchSection,
    ApiError::NoSuchAuthor,
    ApiError::NoSuchTopic,
    ApiError::NoSuchPage,
    ApiError::NoStoriesThatDay,
    ApiError::NoSuchEdition,
    ApiError::NoSuchPageOfPosts,
    ApiError::InvalidLink,
    ApiError::NotSubscribed,
    ApiError::Timeout,
    ApiError::Offline,
    ApiError::Network,
    ApiError::SearchUnavailable,
];

impl ApiError {
    /// The error as a line of text: how a prerendered page carries it to
    /// the browser (`api::PageTextCodec`), without a JSON encoder.
    pub fn to_line(&self) -> String {
        let name = match self {
            ApiError::NotFound => "NotFound",
            ApiError::Withdrawn => "Withdrawn",
            ApiError::NoSuchSection => "NoSuchSection",
            ApiError::NoSuchAuthor => "NoSuchAuthor",
            ApiError::NoSuchTopic => "NoSuchTopic",
            ApiError::NoSuchPage => "NoSuchPage",
            ApiError::NoStoriesThatDay => "NoStoriesThatDay",
            ApiError::NoSuchEdition => "NoSuchEdition",
            ApiError::NoSuchPageOfPosts => "NoSuchPageOfPosts",
            ApiError::InvalidLink => "InvalidLink",
            ApiError::NotSubscribed => "NotSubscribed",
            ApiError::Timeout => "Timeout",
            ApiError::Offline => "Offline",
            ApiError::Network => "Network",
            ApiError::SearchUnavailable => "SearchUnavailable",
            ApiError::Server(status) => return format!("Server {status}"),
            ApiError::Malformed(why) => return format!("Malformed {why}"),
        };
        name.to_owned()
    }

    /// The error a line of [`ApiError::to_line`] names, if it names one.
    pub fn from_line(line: &str) -> Option<Self> {
        if let Some(status) = line.strip_prefix("Server ") {
            return status.parse().ok().map(ApiError::Server);
        }
        if let Some(why) = line.strip_prefix("Malformed ") {
            return Some(ApiError::Malformed(why.to_owned()));
        }
        NAMED.into_iter().find(|error| error.to_line() == line)
    }

    /// A short heading for the error, addressed to the reader.
    pub fn title(&self) -> &'static str {
        match self {
            ApiError::NotFound => "We couldn't find that story",
            ApiError::Withdrawn => "This story has been removed",
            ApiError::NoSuchSection => "We couldn't find that section",
            ApiError::NoSuchAuthor => "We couldn't find that journalist",
            ApiError::NoSuchTopic => "We couldn't find that topic",
            ApiError::NoSuchPage => "We couldn't find that page of the list",
            ApiError::NoStoriesThatDay => "We have no stories from that date",
            ApiError::NoSuchEdition => "We couldn't find that edition",
            ApiError::NoSuchPageOfPosts => "We couldn't find that page of posts",
            ApiError::InvalidLink => "This link isn't valid",
            ApiError::NotSubscribed => "You're not subscribed with this link",
            ApiError::Server(_) => "Something went wrong on our side",
            ApiError::Timeout => "This is taking longer than it should",
            ApiError::Offline => "You're offline",
            ApiError::Network => "We couldn't connect to Britain's News Portal",
            ApiError::Malformed(_) => "We couldn't show this page",
            ApiError::SearchUnavailable => "Search is unavailable right now",
        }
    }

    /// What happened and what the reader can do about it.
    pub fn advice(&self) -> &'static str {
        match self {
            ApiError::NotFound => {
                "It may have been moved or taken down, or the link may have a typo in it."
            }
            ApiError::Withdrawn => {
                "Britain's News Portal has taken this story down. Stories are removed only for legal reasons or when they fall short of our standards."
            }
            ApiError::NoSuchSection => {
                "It may have been renamed, or the link may have a typo in it. Every section we have is listed at the top of the page."
            }
            ApiError::NoSuchAuthor => {
                "The link may have a typo in it, or they may not have written for us yet. Every story's byline links to its writers' pages."
            }
            ApiError::NoSuchTopic => {
                "The link may have a typo in it, or we may not have covered it yet. Every story links to its topics at its end, and search covers the whole archive."
            }
            ApiError::NoSuchPage => {
                "The list may not have that many pages yet, or the link may have a typo in it. Its newest entries are on its first page."
            }
            ApiError::NoStoriesThatDay => {
                "The archive lists every day and month that has stories; the link may also have a typo in it."
            }
            ApiError::NoSuchEdition => {
                "The newsletter comes out on weekday mornings, and every edition is listed on its page; the link may also have a typo in it."
            }
            ApiError::NoSuchPageOfPosts => {
                "This live page may not have that many posts yet, or the link may have a typo in it. Its newest posts are on the live page itself."
            }
            ApiError::InvalidLink => {
                "Check you used the whole link from the email. If it still doesn't work, sign up again from the front page and we'll send a new one."
            }
            ApiError::NotSubscribed => {
                "You may have unsubscribed already, in which case there's nothing more to do. If not, check you used the whole link from the email."
            }
            ApiError::Server(_) => "Our servers had a problem just now. Please try again in a moment.",
            ApiError::Timeout => {
                "Your connection may be slow, or we may be busy. Please try again."
            }
            ApiError::Offline | ApiError::Network => {
                "Check your internet connection, then try again."
            }
            ApiError::SearchUnavailable => {
                "We couldn't load what search needs. Check your connection and try again; every story is also in the archive, by date."
            }
            ApiError::Malformed(_) => {
                "What we received didn't arrive in the form we expected. Please try again; if it keeps happening, the problem is ours."
            }
        }
    }

    /// Whether fetching again could help.
    pub fn is_retryable(&self) -> bool {
        !matches!(
            self,
            ApiError::NotFound
                | ApiError::Withdrawn
                | ApiError::NoSuchSection
                | ApiError::NoSuchAuthor
                | ApiError::NoSuchTopic
                | ApiError::NoSuchPage
                | ApiError::NoStoriesThatDay
                | ApiError::NoSuchEdition
                | ApiError::NoSuchPageOfPosts
                | ApiError::InvalidLink
                | ApiError::NotSubscribed
        )
    }
}

impl From<DecodeError> for ApiError {
    fn from(err: DecodeError) -> Self {
        ApiError::Malformed(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [ApiError; 17] = [
        ApiError::NotFound,
        ApiError::Withdrawn,
        ApiError::NoSuchSection,
        ApiError::NoSuchAuthor,
        ApiError::NoSuchTopic,
        ApiError::NoSuchPage,
        ApiError::NoStoriesThatDay,
        ApiError::NoSuchEdition,
        ApiError::NoSuchPageOfPosts,
        ApiError::InvalidLink,
        ApiError::NotSubscribed,
        ApiError::Server(503),
        ApiError::Timeout,
        ApiError::Offline,
        ApiError::Network,
        ApiError::Malformed(String::new()),
        ApiError::SearchUnavailable,
    ];

    #[test]
    fn every_error_has_a_title_and_advice_of_its_own() {
        let titles: std::collections::HashSet<_> = ALL.iter().map(ApiError::title).collect();
        assert_eq!(titles.len(), ALL.len());
        assert!(ALL.iter().all(|e| e.advice().ends_with('.')));
    }

    #[test]
    fn only_what_cannot_change_is_not_worth_retrying() {
        let final_ones: Vec<_> = ALL.into_iter().filter(|e| !e.is_retryable()).collect();
        assert_eq!(
            final_ones,
            [
                ApiError::NotFound,
                ApiError::Withdrawn,
                ApiError::NoSuchSection,
                ApiError::NoSuchAuthor,
                ApiError::NoSuchTopic,
                ApiError::NoSuchPage,
                ApiError::NoStoriesThatDay,
                ApiError::NoSuchEdition,
                ApiError::NoSuchPageOfPosts,
                ApiError::InvalidLink,
                ApiError::NotSubscribed
            ]
        );
    }

    #[test]
    fn errors_survive_the_round_trip_a_prerendered_page_makes() {
        for error in ALL
            .into_iter()
            .chain([ApiError::Malformed("a line\nand \"more\"".into())])
        {
            assert_eq!(ApiError::from_line(&error.to_line()), Some(error));
        }
        assert_eq!(ApiError::from_line("Server x"), None);
        assert_eq!(ApiError::from_line("Gone"), None);
    }

    #[test]
    fn bad_data_becomes_a_malformed_error() {
        let error: ApiError = DecodeError::Invalid("the headline is blank".into()).into();
        assert_eq!(error.title(), "We couldn't show this page");
    }
}
