// The app in parts (issue 29; src/pages/split.rs, scripts/split-app): a
// story fetches only the app's main module before it answers, then the
// part every page uses once the app has it (the ticker's rounds and
// sending a signup: src/after_start.rs); a page few readers open
// fetches its part as it is shown, whether it is opened as a page (before
// the app takes it over, so that it is taken over as it was rendered) or
// reached inside the app; and a part that cannot be fetched leaves a way
// on (offline, in offline.spec.mjs).
import { test, expect, FIRST, BANK, FEED, SAYS, visit, appStarted, readNextShown } from './fixtures.mjs';

/** The app's wasm modules the page has fetched, by file name. */
const modules = (page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.wasm'))
      .map((path) => path.split('/').pop()),
  );

/**
 * Records each part's module the page's app fetches (the parts' loader,
 * split.js, fetches them with `fetch`).
 */
const recordPartFetches = (page) =>
  page.addInitScript(() => {
    window.partFetches = [];
    const fetchAsBrowser = window.fetch;
    window.fetch = function (input, init) {
      const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
      if (/\/(split|chunk)_[a-z0-9_]+\.wasm$/.test(path)) {
        window.partFetches.push(path.split('/').pop());
      }
      return fetchAsBrowser.call(this, input, init);
    };
  });
const partFetches = (page) => page.evaluate(() => window.partFetches);
const tickerLinks = (page) => page.getByRole('region', { name: SAYS.breaking }).getByRole('link');

test('a story fetches the main module alone, then the after-start part once the app runs; the privacy page, reached inside the app, fetches its part then', async ({ page }) => {
  const timing = {};
  page.on('requestfinished', (request) => (timing[new URL(request.url()).pathname.split('/').pop()] = request.timing()));
  await recordPartFetches(page);
  await visit(page, `/news/${FIRST.slug}`);
  // The ticker's headlines come through the after-start part.
  await expect(tickerLinks(page)).toHaveCount(FEED.headlines.length);
  await readNextShown(page);
  const atFirst = await modules(page);
  expect(atFirst.filter((name) => name.endsWith('_bg.wasm'))).toHaveLength(1);
  expect(atFirst.filter((name) => name.startsWith('split_'))).toEqual(['split_after_start.wasm']);
  // Asked for by the app (not with the page), once the main module had
  // come in full: it never shares the connection with it.
  expect(await partFetches(page)).toContain('split_after_start.wasm');
  const [, main] = Object.entries(timing).find(([name]) => name.endsWith('_bg.wasm'));
  const afterStart = timing['split_after_start.wasm'];
  expect(afterStart.startTime).toBeGreaterThanOrEqual(main.startTime + main.responseEnd);

  const part = page.waitForRequest((request) => request.url().endsWith('/split_privacy.wasm'));
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
  await part;
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy notice' })).toBeVisible();
  expect(page.url()).toMatch(/\/privacy$/);
});

test('a page of a part, opened as a page, is taken over as it was rendered, its part fetched first', async ({ page }) => {
  const logged = [];
  page.on('console', (message) => logged.push(`${message.type()}: ${message.text()}`));
  // Marks the prerendered nodes as the document is parsed, before the app
  // (which starts after the first paint) can have touched them.
  await page.addInitScript(() =>
    addEventListener('DOMContentLoaded', () => {
      for (const node of document.querySelectorAll('main *')) node.prerendered = true;
    }),
  );
  await page.goto('/archive');
  await appStarted(page);
  expect(await modules(page)).toContain('split_archive.wasm');
  // Taken over, not rendered again: the very nodes the page came with, and
  // the app answers on them (a month's link moves inside the app).
  const kept = await page.evaluate(() => [...document.querySelectorAll('main *')].map((node) => node.prerendered === true));
  expect(kept.length).toBeGreaterThan(3);
  expect(kept.every(Boolean)).toBe(true);
  expect(logged.filter((line) => /hydrat|error/i.test(line))).toEqual([]);
  await page.evaluate(() => (window.stayedInTheApp = true));
  await page.getByRole('main').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('The archive');
  expect(await page.evaluate(() => window.stayedInTheApp)).toBe(true);
});

test('a page of a part asks for its part with the page, and the app uses that answer: one request for each module', async ({ page }) => {
  const asked = [];
  page.on('request', (request) => {
    if (/\/news-portal-[0-9a-f]+\/(split|chunk)_[a-z0-9_]+\.wasm$/.test(request.url())) asked.push(new URL(request.url()).pathname.split('/').pop());
  });
  await recordPartFetches(page);
  await visit(page, '/archive');
  await expect(tickerLinks(page)).toHaveCount(FEED.headlines.length);
  const preloaded = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((link) => new URL(link.href).pathname).filter((path) => /\/(split|chunk)_/.test(path)),
  );
  expect(preloaded.some((path) => path.endsWith('/split_archive.wasm'))).toBe(true);
  // Asked for once each: what the page preloads (the loader's fetches
  // of them answered by the preloads), and what the after-start part
  // needs besides.
  const fetched = await partFetches(page);
  expect(fetched).toContain('split_after_start.wasm');
  expect(new Set(asked).size).toBe(asked.length);
  expect(asked.sort()).toEqual([...new Set([...preloaded.map((path) => path.split('/').pop()), ...fetched])].sort());
  const started = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/split_archive.wasm')).map((e) => e.initiatorType),
  );
  expect(started).toEqual(['link']);
});

test('a part the host no longer has (a deploy since the page loaded): the page comes from the host instead', async ({ page }) => {
  await visit(page, `/news/${FIRST.slug}`);
  await readNextShown(page);
  let refused = 0;
  await page.route('**/split_privacy.wasm', (route) => {
    refused += 1;
    return route.fulfill({ status: 404, body: 'gone' });
  });
  await page.evaluate(() => (window.beforeTheLink = true));
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
  // Loaded afresh (the window's own state is gone), as the host has it.
  await page.waitForFunction(() => window.beforeTheLink === undefined && document.readyState === 'complete');
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy notice' })).toBeVisible();
  expect(page.url()).toMatch(/\/privacy$/);
  // Its app asked for the part once more, then left the page as it was
  // rendered: no third request, no loop.
  await expect.poll(() => refused).toBe(2);
  expect(await page.evaluate(() => window.newsPortalStarted)).toBeUndefined();
});

test('a page of a part whose part cannot be fetched stays as it was rendered, and its links still lead on', async ({ page }) => {
  const refused = [];
  await page.route('**/split_archive.wasm', (route) => {
    refused.push(route.request().url());
    return route.abort('connectionrefused');
  });
  const warned = page.waitForEvent('console', (message) => message.text().includes('could not fetch its archive part'));
  await page.goto('/archive');
  await warned;
  expect(refused).toHaveLength(1);
  await expect(page.getByRole('heading', { level: 1, name: 'The archive' })).toBeVisible();
  expect(await page.evaluate(() => window.newsPortalStarted)).toBeUndefined();
  const link = page.getByRole('main').getByRole('link').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL(`**${href}`);
});

test('if the after-start part cannot be fetched, the story stands alone: the ticker says so and fetches it at Retry, a signup says it did not go and goes at Try again, and the next story has what to read next', async ({ page }) => {
  let refuse = true;
  let refused = 0;
  await page.route('**/split_after_start.wasm', (route) => {
    if (!refuse) return route.continue();
    refused += 1;
    return route.abort('connectionrefused');
  });
  await page.clock.install();
  await visit(page, `/news/${FIRST.slug}`);
  const ticker = page.getByRole('region', { name: SAYS.breaking });
  await expect(ticker.getByRole('button', { name: 'Retry' })).toBeVisible();
  const refusedAtStart = refused;
  expect(refusedAtStart).toBeGreaterThanOrEqual(1);
  // Past the least time a person takes to fill the form (the bot check).
  await page.clock.fastForward(3_000);
  const signup = page.getByRole('main').getByRole('complementary', { name: SAYS.signupHeading });
  await signup.getByRole('textbox', { name: SAYS.emailLabel }).fill(`after.start.${Date.now()}@example.com`);
  await signup.getByRole('button', { name: 'Sign up' }).click();
  await expect(signup.getByRole('status')).toContainText("We couldn't sign you up just now.");
  // The signup asked for the part again (a failed load is not kept), and
  // was refused; what to read next, asked for as the app started, was
  // refused long before: the story reads without the lists.
  expect(refused).toBeGreaterThan(refusedAtStart);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
  await expect(page.getByRole('complementary', { name: 'Latest stories' })).toHaveCount(0);
  refuse = false;
  await ticker.getByRole('button', { name: 'Retry' }).click();
  await expect(tickerLinks(page)).toHaveCount(FEED.headlines.length);
  await signup.getByRole('button', { name: 'Try again' }).click();
  await expect(signup.getByText(SAYS.signedUp)).toBeVisible();
  await ticker.getByRole('link', { name: BANK.headline, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
  await expect(page.getByRole('complementary', { name: 'Latest stories' })).toContainText(FIRST.headline);
});
