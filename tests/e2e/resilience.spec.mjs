// Nothing a feed sends can stop the app; and if it dies anyway, the reader
// is told.
import { test as base } from '@playwright/test';
import { test, expect, FIRST, INDEX, articleUrl, watchFeedFetches, runClockUntil, visit, SAYS, FEED, URLS } from './fixtures.mjs';

const HEADLINES = URLS.headlines;
const HOSTILE_DATE = '2026-11-26T08:15:0é';
const json = (body) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
const withHostileDate = (items, index) => items.map((item, i) => (i === index ? { ...item, published: HOSTILE_DATE } : item));

/** Collects what the app warns about in the console. */
function warnings(page) {
  const seen = [];
  page.on('console', (message) => message.type() === 'warning' && seen.push(message.text()));
  return seen;
}

/** The app is alive: the ticker, on every page, answers its Pause button. */
async function expectTheAppStillAnswers(page) {
  const ticker = page.getByRole('region', { name: SAYS.breaking });
  await ticker.getByRole('button', { name: SAYS.pause }).click();
  await expect(ticker.getByRole('button', { name: SAYS.play })).toBeVisible();
}

test('a hostile date in one headline costs only that headline, and is reported once', async ({ page }) => {
  await page.clock.install();
  const feed = await watchFeedFetches(page);
  const seen = warnings(page);
  const [bad, ...good] = FEED.headlines;
  await page.route(HEADLINES, (route) => route.fulfill(json({ headlines: withHostileDate(FEED.headlines, 0) })));
  await visit(page, '/');
  const ticker = page.getByRole('region', { name: SAYS.breaking });
  await expect(ticker.getByRole('link')).toHaveCount(good.length);
  for (const item of good) await expect(ticker.getByRole('link', { name: item.headline })).toHaveCount(1);
  await expect(ticker.getByRole('link', { name: bad.headline })).toHaveCount(0);
  await expectTheAppStillAnswers(page);
  // Two refreshes later, the same bad item has still been reported once.
  await runClockUntil(page, feed.count, 3, 10_000);
  await expect(ticker.getByRole('link')).toHaveCount(good.length);
  const reports = seen.filter((text) => text.includes('headlines[0] was left out'));
  expect(reports).toHaveLength(1);
  expect(reports[0]).toContain(HOSTILE_DATE);
});

test('a hostile date in the front-page index costs only that story', async ({ page }) => {
  const seen = warnings(page);
  const [bad, ...good] = INDEX.articles;
  // The front page arrives with its list; the index is fetched when the
  // reader comes to it from another page.
  await visit(page, `/news/${FIRST.slug}`);
  await page.route(articleUrl('index'), (route) => route.fulfill(json({ articles: withHostileDate(INDEX.articles, 0) })));
  await page.getByRole('banner').getByRole('link', { name: /Britain's News Portal/ }).click();
  const stories = page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 });
  await expect(stories).toHaveText(good.map((story) => story.headline));
  await expect(page.getByRole('main').getByRole('link', { name: bad.headline })).toHaveCount(0);
  await expectTheAppStillAnswers(page);
  expect(seen.filter((text) => text.includes('articles[0] was left out'))).toHaveLength(1);
});

test("a hostile date in a story's required field shows the notice, with Try again", async ({ page }) => {
  let hostile = true;
  await page.route(articleUrl(FIRST.slug), (route) =>
    hostile ? route.fulfill(json({ ...FIRST, published: HOSTILE_DATE })) : route.continue(),
  );
  await visit(page, '/');
  await page.getByRole('main').getByRole('link', { name: FIRST.headline }).click();
  await expect(page.getByRole('alert')).toContainText("We couldn't show this page");
  await expectTheAppStillAnswers(page);
  hostile = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
});

test('a story block that cannot be read costs only that block', async ({ page }) => {
  const body = [{ type: 'paragraph', text: 5 }, ...FIRST.body];
  await page.route(articleUrl(FIRST.slug), (route) => route.fulfill(json({ ...FIRST, body })));
  await visit(page, '/');
  await page.getByRole('main').getByRole('link', { name: FIRST.headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
  await expect(page.locator('.story-body > p')).toHaveCount(FIRST.body.length);
});

// This test expects the page to die, so it does without the fixture that
// fails a test on any uncaught error.
base('if the app ever dies, the reader is told, and Reload works without it', async ({ page }) => {
  const died = [];
  page.on('pageerror', (error) => died.push(error.message));
  // The app panics on purpose at this address, as it starts.
  await page.goto('/__test/panic');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('Something went wrong. Reload the page to carry on.');
  const reload = notice.getByRole('link', { name: 'Reload' });
  await expect(reload).toBeFocused();
  await expect(reload).toHaveAttribute('href', /\/__test\/panic$/);
  expect(died.length).toBeGreaterThan(0);

  // The app is gone: the link must work without it.
  await page.evaluate(() => (window.__beforeReload = true));
  await reload.click();
  await expect(page.getByRole('alert')).toContainText('Something went wrong.');
  expect(await page.evaluate(() => window.__beforeReload)).toBeUndefined();
});
