// Every page arrives as HTML, reads without JavaScript, and is taken over
// (hydrated) by the app when its wasm arrives: the same nodes, no second
// fetch of what the page carried, no shift, no error, no policy violation.
import { test, expect, FIRST, BANK, INDEX, SITE_URL, articleUrl, visit, watchLayoutShifts, SAYS } from './fixtures.mjs';

const ROUTES = [
  { name: 'the front page', path: '/', heading: SAYS.latestNews, status: 200 },
  { name: 'a story', path: `/news/${FIRST.slug}`, heading: FIRST.headline, status: 200 },
  { name: 'the privacy page', path: '/privacy', heading: 'Privacy notice', status: 200 },
  { name: 'a missing story', path: '/news/no-such-story', heading: SAYS.missingStory, status: 404 },
  { name: 'an unknown path', path: '/no/such/page', heading: SAYS.missingPage, status: 404 },
];

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a story reads in full, and says only what needs JavaScript', async ({ page }) => {
    await page.goto(`/news/${FIRST.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    await expect(page.getByText(FIRST.standfirst, { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: SAYS.keyPoints }).getByRole('listitem')).toHaveText(FIRST.key_points);
    for (const { text } of FIRST.body) await expect(page.getByText(text, { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: SAYS.whyThisMatters })).toContainText(FIRST.why_this_matters);
    await expect(page.getByRole('region', { name: SAYS.whatThisMeansForYou })).toContainText(
      FIRST.what_this_means_for_you,
    );
    await expect(page.getByRole('link', { name: /Share on Facebook/ })).toBeVisible();
    await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' })).toBeVisible();
    // What cannot work says so, and nothing pretends to load.
    // (Playwright's own text matching skips <noscript>: read the DOM's.)
    const headlinesNote = page.locator('noscript.ticker__no-script');
    await expect(headlinesNote).toBeVisible();
    expect(await headlinesNote.textContent()).toBe('Live headlines need JavaScript.');
    await expect(page.getByText('Loading latest headlines…')).toBeHidden();
    // The signup is a plain form that works without it (before-the-app.spec.mjs).
    await expect(page.getByRole('textbox', { name: SAYS.emailLabel })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign up' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  });

  test('the front page lists every story, each a working link', async ({ page }) => {
    await page.goto('/');
    const links = page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 }).getByRole('link');
    await expect(links).toHaveText(INDEX.articles.map((a) => a.headline));
    await links.first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(INDEX.articles[0].headline);
  });
});

test('a story arrives with its data: its JSON is not fetched, the next story\'s is, with one small file of what to read next and its topic\'s', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => request.url().includes('/api/v1/') && fetched.push(new URL(request.url()).pathname));
  await visit(page, `/news/${FIRST.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
  // What to read next is the one thing the page fetches: it is never in
  // the prerendered page (it changes with every story published): the
  // latest and the sections' newest, and its first topic's newest.
  await expect(page.getByRole('complementary', { name: 'Latest stories' })).toBeVisible();
  const topic = `/api/v1/topics/${FIRST.topics[0]}.json`;
  expect(fetched.filter((path) => !path.endsWith('/headlines.json')).sort()).toEqual(['/api/v1/read-next.json', topic].sort());
  fetched.length = 0;
  // The ticker links to the other stories; following one is a navigation in
  // the app. (A moving link is never still enough to click: keys, then.)
  await page.getByRole('region', { name: SAYS.breaking }).getByRole('link', { name: BANK.headline, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
  await expect(page.getByRole('complementary', { name: 'Latest stories' })).not.toContainText(BANK.headline);
  await expect(page.getByRole('complementary', { name: 'Latest stories' })).toContainText(FIRST.headline);
  // The story, the same small file again and its topic's own page (the
  // same few kilobytes however big the archive): nothing of the section's
  // or the front page's lists.
  await expect(page.getByRole('region', { name: 'More on this story' })).toBeVisible();
  const paths = [...new Set(fetched.filter((path) => !path.endsWith('/headlines.json')))].sort();
  expect(paths).toEqual([`/api/v1/articles/${BANK.slug}.json`, '/api/v1/read-next.json', `/api/v1/topics/${BANK.topics[0]}.json`].sort());
});

test('the first paint needs the page alone: its styles are in it, and nothing else blocks', async ({ page }) => {
  const asked = [];
  page.on('request', (request) => asked.push({ path: new URL(request.url()).pathname, type: request.resourceType() }));
  const response = await visit(page, `/news/${FIRST.slug}`);
  expect(asked.filter(({ type }) => type === 'stylesheet')).toEqual([]);
  // Styled from its own HTML: the masthead is the brand's red, the
  // headline set in the serif.
  const masthead = page.getByRole('banner');
  await expect(masthead).toHaveCSS('background-color', 'rgb(176, 0, 32)');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('font-family', /Georgia/);
  const policy = response.headers()['content-security-policy'];
  expect(policy).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/);
  expect(policy).not.toContain('unsafe-inline');
});

test('the ticker\'s headlines are asked for with the page, and fetched once', async ({ page }) => {
  await visit(page, `/news/${FIRST.slug}`);
  await expect(page.getByRole('region', { name: SAYS.breaking }).getByRole('link').first()).toBeVisible();
  // One request for the feed, made by the page's preload before the app
  // ran (a fetch the preload did not answer would be a second entry).
  const feed = await page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('/api/v1/headlines.json'))
      .map((entry) => entry.initiatorType),
  );
  expect(feed).toEqual(['link']);
});

test('the app\'s files are asked for with the page, each once, and the app starts after the paint', async ({ page }) => {
  await visit(page, `/news/${FIRST.slug}`);
  // One request each, made by the head's preloads (decision 14): a fetch
  // the preload did not answer would be a second entry. (Chromium reports
  // a modulepreload's initiator as "other", a preload's as "link".)
  const app = await page.evaluate(() =>
    performance.getEntriesByType('resource')
      .filter((entry) => /\/news-portal-[0-9a-f]+(_bg\.wasm|\.js)$/.test(entry.name))
      .map((entry) => `${entry.initiatorType} ${new URL(entry.name).pathname.endsWith('.wasm') ? 'wasm' : 'glue'}`)
      .sort(),
  );
  expect(app).toEqual(['link wasm', 'other glue']);
});

test('the headline that painted before the app is the node the app then owns', async ({ page }) => {
  // Taken when parsing ends, before any script of the page has run.
  await page.addInitScript(() =>
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') window.__firstHeadline = document.querySelector('h1');
    }),
  );
  await visit(page, `/news/${FIRST.slug}`);
  expect(await page.evaluate(() => window.__firstHeadline?.textContent)).toBe(FIRST.headline);
  expect(await page.evaluate(() => document.querySelector('h1') === window.__firstHeadline)).toBe(true);
  // …and the app answers: Copy link is live.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
});

test('nothing shifts while the app takes the page over and the headlines arrive', async ({ page }) => {
  const shifts = await watchLayoutShifts(page);
  await visit(page, `/news/${FIRST.slug}`);
  await expect(page.getByRole('region', { name: SAYS.breaking }).getByRole('link').first()).toBeVisible();
  expect(await shifts()).toBe(0);
});

test.describe('on every route', () => {
  // As readers have it: with the service worker, which the page registers
  // once the app runs (and which then keeps the page).
  test.use({ serviceWorkers: 'allow' });
  for (const { name, path, heading, status } of ROUTES) {
    test(`${name}: ${status}, no console error or warning, no policy violation`, async ({ page }) => {
      const problems = [];
      page.on('console', (message) => {
        if (message.type() !== 'error' && message.type() !== 'warning') return;
        // The browser reports a 404 it was given, for the page or the missing
        // story's JSON: that is the answer the test asks for, not a fault.
        const expected404 =
          /status of 404/.test(message.text()) &&
          status === 404 &&
          [`${new URL(page.url()).pathname}`, '/api/v1/articles/no-such-story.json'].some((p) =>
            message.location().url.endsWith(p),
          );
        if (!expected404) problems.push(`${message.type()}: ${message.text()}`);
      });
      await page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
        );
      });
      const response = await visit(page, path);
      expect(response.status()).toBe(status);
      expect(response.headers()['content-security-policy']).not.toContain('unsafe-inline');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('region', { name: SAYS.breaking }).getByRole('link').first()).toBeVisible();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      expect(await page.evaluate(() => window.__violations)).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});

test('each page names its own canonical URL and share image', async ({ page }) => {
  await visit(page, `/news/${BANK.slug}`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE_URL}/news/${BANK.slug}`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${SITE_URL}${BANK.image.src}`);
  await visit(page, `/news/${FIRST.slug}`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${SITE_URL}/share-card.png`);
  const card = await page.request.get('/share-card.png');
  expect(card.status()).toBe(200);
  expect(card.headers()['content-type']).toBe('image/png');
});
