// What every end-to-end suite expects: the sample content the site is built
// from, and the words it says to readers. One source for the Playwright
// suite (Chromium) and the WebDriver suite (Firefox and WebKit).
import { readFileSync } from 'node:fs';

const json = (path) => JSON.parse(readFileSync(new URL(`../../public/api/v1/${path}`, import.meta.url), 'utf8'));

/** A sample story's file, as the newsroom wrote it (the site serves it
 * with its authors' and topics' names beside their ids). */
export const story = (slug) => json(`articles/${slug}.json`);

export const FIRST = story('sadiq-khan-blocks-met-police-palantir-deal');
export const WEATHER = story('met-office-issues-yellow-wind-warning-for-northern-england');
export const BANK = story('bank-of-england-holds-interest-rates');
export const LIVE = story('storm-brings-gusts-to-northern-england-live');
/** The front page's index, as the build wrote it (run scripts/build first). */
export const INDEX = JSON.parse(readFileSync(new URL('../../dist/api/v1/articles/index.json', import.meta.url), 'utf8'));
export const FEED = json('headlines.json');

export const SITE = "Britain's News Portal";
/** The public origin the build names in canonical and share URLs. */
export const SITE_URL = process.env.NEWS_SITE_URL || 'http://127.0.0.1:8080';

/** What the site says, word for word. */
export const SAYS = {
  latestNews: 'Latest news',
  keyPoints: 'Key points',
  whyThisMatters: 'Why this matters',
  whatThisMeansForYou: 'What this means for you',
  breaking: 'BREAKING',
  pause: 'Pause headlines',
  play: 'Play headlines',
  nextHeadline: 'Next headline',
  signupHeading: 'Get the news that matters.',
  emailLabel: 'Email address',
  emptyEmail: 'Please enter your email address.',
  invalidEmail: 'Please enter a valid email address, like name@example.com.',
  signedUp: 'Check your inbox to confirm your subscription.',
  missingStory: "We couldn't find that story",
  missingPage: "We couldn't find that page",
  frontPageLink: 'Go to the front page',
};

/** "1 of 5": where the one-at-a-time strip is. */
export const position = (n, total) => `${n} of ${total}`;
