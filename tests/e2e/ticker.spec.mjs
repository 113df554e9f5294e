// The BREAKING headlines ticker on every page.
import { test, expect, FIRST, BANK, LIVE, expectNoAxeViolations, holdRequests, watchFeedFetches, runClockUntil, visit, SAYS, FEED, URLS } from './fixtures.mjs';

const HEADLINES = URLS.headlines;
const json = (body) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

const ticker = (page) => page.getByRole('region', { name: SAYS.breaking });
const track = (page) => page.locator('.ticker__track');
const playState = (page) => track(page).evaluate((el) => getComputedStyle(el).animationPlayState);
const stripLinks = (page) => ticker(page).getByRole('link');


test('says "Loading latest headlines…" until the headlines arrive, and nothing below moves', async ({ page }) => {
  const release = await holdRequests(page, HEADLINES);
  await visit(page, `/news/${FIRST.slug}`);
  await expect(ticker(page).getByRole('status')).toHaveText('Loading latest headlines…');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
  const before = await page.getByRole('main').boundingBox();
  release();
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length);
  const after = await page.getByRole('main').boundingBox();
  expect(after.y).toBe(before.y);
});

test('shows each headline once to assistive technology, linking to its story', async ({ page }) => {
  await visit(page, '/');
  const links = stripLinks(page);
  await expect(links).toHaveCount(FEED.headlines.length);
  for (const item of FEED.headlines) {
    // The build marks the items of a live page still live.
    const live = item.slug === LIVE.slug;
    const name = item.breaking ? `Breaking: ${item.headline}` : live ? `Live: ${item.headline}` : item.headline;
    await expect(ticker(page).getByRole('link', { name, exact: true })).toHaveAttribute('href', `/news/${item.slug}`);
  }
  // The copy that makes the loop seamless is hidden and out of the tab order.
  await expect(page.locator('.ticker__list[aria-hidden="true"][inert] a[tabindex="-1"]')).toHaveCount(FEED.headlines.length);
  await expect(ticker(page).getByText(/Updated \d\d:\d\d/)).toBeVisible();
});

test('a headline opens its story in the app', async ({ page }) => {
  await visit(page, '/');
  await page.evaluate(() => (window.__sameApp = true));
  const link = ticker(page).getByRole('link', { name: BANK.headline, exact: true });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
  expect(await page.evaluate(() => window.__sameApp)).toBe(true);
});

test('Pause stops the strip and Play starts it again', async ({ page }) => {
  await visit(page, '/');
  await expect(stripLinks(page).first()).toBeVisible();
  expect(await playState(page)).toBe('running');
  await ticker(page).getByRole('button', { name: SAYS.pause }).click();
  expect(await playState(page)).toBe('paused');
  const at = await track(page).evaluate((el) => getComputedStyle(el).transform);
  await page.waitForTimeout(500);
  expect(await track(page).evaluate((el) => getComputedStyle(el).transform)).toBe(at);
  await ticker(page).getByRole('button', { name: SAYS.play }).click();
  expect(await playState(page)).toBe('running');
});

test('the Pause button works from the keyboard', async ({ page }) => {
  await visit(page, '/');
  const pause = ticker(page).getByRole('button', { name: SAYS.pause });
  await pause.focus();
  await page.keyboard.press('Enter');
  await expect(ticker(page).getByRole('button', { name: SAYS.play })).toBeFocused();
  expect(await playState(page)).toBe('paused');
  await page.keyboard.press('Space');
  expect(await playState(page)).toBe('running');
});

test('hovering the strip or focusing a headline in it pauses it', async ({ page }) => {
  await visit(page, '/');
  await expect(stripLinks(page).first()).toBeVisible();
  await page.locator('.ticker__viewport').hover();
  expect(await playState(page)).toBe('paused');
  await page.mouse.move(5, 600);
  expect(await playState(page)).toBe('running');
  await stripLinks(page).first().focus();
  expect(await playState(page)).toBe('paused');
});

test('with reduced motion nothing moves: one headline at a time, with Previous and Next', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await visit(page, '/');
  await expect(stripLinks(page)).toHaveCount(1);
  await expect(track(page)).toHaveCount(0);
  const moving = await page.evaluate(() =>
    document.getAnimations().filter((a) => a.animationName === 'ticker-loop').length,
  );
  expect(moving).toBe(0);
  const total = FEED.headlines.length;
  await expect(ticker(page).getByText(`1 of ${total}`)).toBeVisible();
  await ticker(page).getByRole('button', { name: SAYS.nextHeadline }).click();
  await expect(ticker(page).getByText(`2 of ${total}`)).toBeVisible();
  await expect(stripLinks(page)).toHaveAttribute('href', `/news/${FEED.headlines[1].slug}`);
  await ticker(page).getByRole('button', { name: 'Previous headline' }).click();
  await ticker(page).getByRole('button', { name: 'Previous headline' }).click();
  await expect(ticker(page).getByText(`${total} of ${total}`)).toBeVisible();
  await expect(ticker(page).getByRole('button', { name: /Pause/ })).toHaveCount(0);
});

test('a very long headline is cut on screen but keeps its full accessible name', async ({ page }) => {
  const long = 'A very long headline '.repeat(8).trim();
  await page.route(HEADLINES, (route) =>
    route.fulfill(json({ headlines: [{ id: 'long', headline: long, slug: FIRST.slug, published: '2026-11-27T09:00:00Z' }] })),
  );
  await visit(page, '/');
  const link = ticker(page).getByRole('link', { name: long, exact: true });
  await expect(link).toBeVisible();
  expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await link.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
});

test('an empty feed says there is no breaking news', async ({ page }) => {
  await page.route(HEADLINES, (route) => route.fulfill(json({ headlines: [] })));
  await visit(page, '/');
  await expect(ticker(page).getByRole('status')).toHaveText('No breaking news right now');
});

test('a malformed feed is an error state, not a crash', async ({ page }) => {
  await page.route(HEADLINES, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"headlines": [' }));
  await visit(page, '/');
  await expect(ticker(page)).toContainText('Headlines are unavailable right now');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
});

test('a failed first load says so, Retry recovers, and it retries by itself', async ({ page }) => {
  await page.clock.install();
  const feed = await watchFeedFetches(page);
  let fail = true;
  await page.route(HEADLINES, (route) => (fail ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
  await visit(page, '/');
  await expect(ticker(page)).toContainText('Headlines are unavailable right now');
  // Automatic retries back off: 5 s after the first failure, then 10 s.
  await runClockUntil(page, feed.count, 3, 500);
  const [first, second, third] = await feed.times();
  expect(second - first).toBeGreaterThanOrEqual(5_000);
  expect(second - first).toBeLessThanOrEqual(5_500);
  expect(third - second).toBeGreaterThanOrEqual(10_000);
  expect(third - second).toBeLessThanOrEqual(10_500);
  await expect(ticker(page)).toContainText('Headlines are unavailable right now');
  // The reader does not have to wait: Retry fetches at once.
  fail = false;
  await ticker(page).getByRole('button', { name: 'Retry' }).click();
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length);
  expect(await feed.count()).toBe(4);
});

test('a refresh that adds a headline announces only it, politely, and keeps the old ones', async ({ page }) => {
  await page.clock.install();
  const fresh = { id: 'fresh', headline: 'Fresh headline for the refresh test', slug: BANK.slug, published: '2026-11-28T12:00:00Z', breaking: false };
  let feed = FEED;
  await page.route(HEADLINES, (route) => route.fulfill(json(feed)));
  await visit(page, '/');
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length);
  const live = page.locator('.ticker [aria-live="polite"]');
  await expect(live).toHaveText('');

  feed = { headlines: [fresh, ...FEED.headlines] };
  await page.clock.fastForward(60_000);
  await expect(live).toHaveText(`New headline: ${fresh.headline}`);
  // The strip itself is not a live region, and nothing left it.
  await expect(page.locator('.ticker__track[aria-live], .ticker__list[aria-live]')).toHaveCount(0);
  await expect(stripLinks(page).first()).toHaveAccessibleName(/./);
  for (const item of FEED.headlines) {
    await expect(ticker(page).getByRole('link', { name: item.headline })).toHaveCount(1);
  }
  // The new headline joins when the loop comes round, without a restart.
  await track(page).evaluate((el) => el.dispatchEvent(new AnimationEvent('animationiteration', { bubbles: true })));
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length + 1);
  await expect(stripLinks(page).first()).toHaveText(fresh.headline);
});

test('a failed refresh keeps the last good headlines and their stamp', async ({ page }) => {
  await page.clock.install();
  const feed = await watchFeedFetches(page);
  let fail = false;
  await page.route(HEADLINES, (route) => (fail ? route.abort('connectionrefused') : route.continue()));
  await visit(page, '/');
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length);
  const stamp = await ticker(page).locator('time').getAttribute('datetime');
  fail = true;
  // A third fetch begins only once the second, a failed refresh, is over.
  await runClockUntil(page, feed.count, 3, 10_000);
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length);
  await expect(ticker(page).locator('time')).toHaveAttribute('datetime', stamp);
  await expect(ticker(page)).not.toContainText('unavailable');
});

test('does not fetch while the tab is hidden, and catches up when it is shown', async ({ page }) => {
  await page.clock.install();
  const feed = await watchFeedFetches(page);
  await visit(page, '/');
  // The next refresh is set the moment the headlines are stored, before
  // they reach the page.
  await expect(stripLinks(page)).toHaveCount(FEED.headlines.length);
  expect(await feed.count()).toBe(1);
  const setHidden = (hidden) =>
    page.evaluate((hidden) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, hidden);
  await setHidden(true);
  // Three refreshes fall due while hidden; every timer runs, none fetches.
  await page.clock.runFor(180_000);
  expect(await feed.count()).toBe(1);
  await setHidden(false);
  await expect.poll(feed.count).toBe(2);
});

test('has no axe violations with the headlines loaded and paused', async ({ page }) => {
  await visit(page, '/');
  await ticker(page).getByRole('button', { name: SAYS.pause }).click();
  await expectNoAxeViolations(page);
});

test('has no axe violations while unavailable, or with reduced motion', async ({ page }) => {
  await page.route(HEADLINES, (route) => route.fulfill({ status: 500 }));
  await visit(page, '/');
  await expect(ticker(page)).toContainText('Headlines are unavailable right now');
  await expectNoAxeViolations(page);
  await page.unroute(HEADLINES);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await visit(page, '/');
  await expect(ticker(page).getByText(/1 of/)).toBeVisible();
  await expectNoAxeViolations(page);
});
