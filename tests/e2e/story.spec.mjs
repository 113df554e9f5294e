// A reader opening stories: the happy paths, every error state, and a11y.
// Pages arrive prerendered with their data, so what can fail to load is
// what the app fetches as the reader moves around in it.
import { test, expect, FIRST, WEATHER, BANK, INDEX, SITE, SITE_URL, articleUrl, expectNoAxeViolations, holdRequests, visit, navigate, twoFrames, watchLayoutShifts, SAYS } from './fixtures.mjs';

const inMain = (page, name) => page.getByRole('main').getByRole('link', { name });

/** Opens the front page and goes to `story` by its link, in the app. */
async function openFromFrontPage(page, story) {
  await visit(page, '/');
  await inMain(page, story.headline).click();
}

test.describe('the front page', () => {
  test('lists the latest stories newest first, each linking to its story', async ({ page }) => {
    await visit(page, '/');
    await expect(page.getByRole('heading', { level: 1, name: SAYS.latestNews })).toBeVisible();
    const headlines = page.getByRole('listitem').getByRole('heading', { level: 2 });
    await expect(headlines).toHaveText(INDEX.articles.map((a) => a.headline));
    await expect(page).toHaveTitle(`Latest news | ${SITE}`);
  });

  test('has the brand, tagline, Facebook link and landmarks', async ({ page }) => {
    await visit(page, '/');
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: `${SITE} Around The Clock` })).toBeVisible();
    await expect(banner.getByRole('link', { name: /Facebook/ })).toHaveAttribute('href', /facebook\.com/);
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
  });

  test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
    await visit(page, '/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await skip.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('front page → story → back, without reloading the app', async ({ page }) => {
    await visit(page, '/');
    await page.evaluate(() => (window.__sameApp = true));
    await inMain(page, FIRST.headline).click();
    await expect(page).toHaveURL(`/news/${FIRST.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    await expect(page).toHaveTitle(`${FIRST.headline} | ${SITE}`);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
    await expect(page).toHaveTitle(`Latest news | ${SITE}`);
    expect(await page.evaluate(() => window.__sameApp)).toBe(true);
  });

  test('shows a message and recovers with Try again when the index fails', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await page.route(articleUrl('index'), (route) => route.fulfill({ status: 502, body: 'Bad gateway' }));
    await page.getByRole('banner').getByRole('link', { name: /Britain's News Portal/ }).click();
    await expect(page.getByRole('alert')).toContainText('Something went wrong on our side');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
    await page.unroute(articleUrl('index'));
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(inMain(page, FIRST.headline)).toBeVisible();
  });
});

test.describe('a story', () => {
  test('loads directly from its URL with every part a reader expects', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    await expect(page.getByText(FIRST.standfirst, { exact: true })).toBeVisible();
    await expect(page.locator('.story__byline')).toHaveText('By Alex Morgan');
    await expect(page.locator('time[datetime="2026-11-26T08:15:00Z"]')).toHaveText('26 November 2026, 08:15 GMT');
    await expect(page.locator('time[datetime="2026-11-26T10:40:00Z"]')).toHaveText('26 November 2026, 10:40 GMT');

    const keyPoints = page.getByRole('region', { name: SAYS.keyPoints });
    await expect(keyPoints.getByRole('listitem')).toHaveText(FIRST.key_points);

    for (const { text } of FIRST.body) {
      await expect(page.getByText(text, { exact: true })).toBeVisible();
    }
    await expect(page.getByRole('region', { name: SAYS.whyThisMatters })).toContainText(FIRST.why_this_matters);
    const forYou = page.getByRole('region', { name: SAYS.whatThisMeansForYou });
    await expect(forYou.getByRole('paragraph')).toHaveText(FIRST.what_this_means_for_you);

    await expect(page).toHaveTitle(`${FIRST.headline} | ${SITE}`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', FIRST.standfirst);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', FIRST.headline);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE_URL}/news/${FIRST.slug}`);
  });

  test('shares to Facebook with its canonical URL', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    const share = page.getByRole('link', { name: /Share on Facebook/ });
    const expected = `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(`${SITE_URL}/news/${FIRST.slug}`)}`;
    await expect(share).toHaveAttribute('href', expected);
  });

  test('Copy link copies the story URL and says so', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await visit(page, `/news/${FIRST.slug}`);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${SITE_URL}/news/${FIRST.slug}`);
  });

  test('marks sample stories as sample content', async ({ page }) => {
    await visit(page, `/news/${WEATHER.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(WEATHER.headline);
    await expect(page.getByText('Sample story', { exact: true })).toBeVisible();
  });

  test('an unknown story answers 404, says so and links home', async ({ page }) => {
    const response = await visit(page, '/news/no-such-story');
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.missingStory);
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await page.getByRole('link', { name: SAYS.frontPageLink }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
  });

  test('shows a skeleton that reserves the space while the story loads', async ({ page }) => {
    const release = await holdRequests(page, articleUrl(FIRST.slug));
    await openFromFrontPage(page, FIRST);
    const skeleton = page.locator('.skeleton');
    await expect(skeleton).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Loading the story…' })).toBeAttached();
    const box = await skeleton.boundingBox();
    expect(box.height).toBeGreaterThan(400);
    release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
  });
});

test.describe('moving between pages', () => {
  test('a story opened from far down the front page starts at its top, with focus on the main content', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 700 });
    await visit(page, '/');
    const last = INDEX.articles.at(-1);
    const link = inMain(page, last.headline);
    await link.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await link.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.headline);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('nothing on screen shifts when a slow story arrives (CLS 0)', async ({ page }) => {
    const shifts = await watchLayoutShifts(page);
    await page.route(articleUrl(FIRST.slug), async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await openFromFrontPage(page, FIRST);
    await expect(page.locator('.skeleton')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    // Two frames for the observer to report what the story's arrival moved.
    await twoFrames(page);
    expect(await shifts()).toBe(0);
  });
});

test.describe('when loading a story fails', () => {
  const failures = [
    {
      name: 'a server error',
      fail: (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }),
      message: 'Something went wrong on our side',
    },
    {
      name: 'malformed JSON',
      fail: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"slug": "sadiq' }),
      message: "We couldn't show this page",
    },
    {
      name: 'JSON missing a required field',
      fail: (route) => {
        const { headline, ...rest } = FIRST;
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(rest) });
      },
      message: "We couldn't show this page",
    },
    {
      name: 'a network failure',
      fail: (route) => route.abort('connectionrefused'),
      message: "We couldn't connect to Britain's News Portal",
    },
  ];

  for (const { name, fail, message } of failures) {
    test(`${name} shows "${message}" and Try again recovers`, async ({ page }) => {
      await page.route(articleUrl(FIRST.slug), fail);
      await openFromFrontPage(page, FIRST);
      await expect(page.getByRole('alert')).toContainText(message);
      await expect(page).toHaveTitle(`${message} | ${SITE}`);
      await page.unroute(articleUrl(FIRST.slug));
      await page.getByRole('button', { name: 'Try again' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
      await expect(page.getByRole('alert')).toHaveCount(0);
      // The button went away with the notice; focus went to the story.
      await expect(page.getByRole('main')).toBeFocused();
    });
  }

  test('a timeout says it is taking too long and Try again recovers', async ({ page }) => {
    await page.clock.install();
    await page.route(articleUrl(FIRST.slug), () => {
      /* never answers */
    });
    const asked = page.waitForRequest(articleUrl(FIRST.slug));
    await openFromFrontPage(page, FIRST);
    await asked;
    // The page clock also runs at real speed: leave a margin for that.
    await page.clock.runFor(8_000);
    await expect(page.locator('.skeleton')).toBeVisible();
    await page.clock.runFor(2_000);
    await expect(page.getByRole('alert')).toContainText('This is taking longer than it should');
    await page.unroute(articleUrl(FIRST.slug));
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
  });

  test('being offline says so, and the story loads by itself once back online', async ({ page, context }) => {
    await visit(page, '/');
    await context.setOffline(true);
    await inMain(page, FIRST.headline).click();
    await expect(page.getByRole('alert')).toContainText("You're offline");
    // Trying again while still offline says so again.
    const again = page.waitForRequest(`**/api/v1/articles/${FIRST.slug}.json`);
    await page.getByRole('button', { name: 'Try again' }).click();
    await again;
    await expect(page.getByRole('alert')).toContainText("You're offline");
    await context.setOffline(false);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    await expect(page.getByRole('status').filter({ hasText: "You're back online." })).toBeVisible();
  });
});

test.describe('leaving a page while its story is loading', () => {
  test('never shows the old story on the new page', async ({ page }) => {
    const release = await holdRequests(page, articleUrl(FIRST.slug));
    await openFromFrontPage(page, FIRST);
    await expect(page.locator('.skeleton')).toBeVisible();
    // Go to another story by the router, as a link would, while the first is in flight.
    await navigate(page, `/news/${BANK.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
    const arrived = page.waitForResponse(articleUrl(FIRST.slug));
    release();
    // The first story has arrived in full: had it been going to take over,
    // it would have by the next frames.
    await (await arrived).finished();
    await twoFrames(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
    await expect(page.getByText(FIRST.standfirst)).toHaveCount(0);
  });
});

test.describe('any other address', () => {
  test('answers 404 with a page that says so and a way home', async ({ page }) => {
    const response = await visit(page, '/no/such/page');
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.missingPage);
    await expect(page).toHaveTitle(`Page not found | ${SITE}`);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await page.getByRole('link', { name: SAYS.frontPageLink }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
  });
});

test.describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const [name, path, heading] of [
    ['the front page', '/', SAYS.latestNews],
    ['a story', `/news/${FIRST.slug}`, FIRST.headline],
    ['a sample story with a quote', `/news/${WEATHER.slug}`, WEATHER.headline],
    ['the 404 page', '/no/such/page', SAYS.missingPage],
    ['an unknown story', '/news/no-such-story', SAYS.missingStory],
  ]) {
    test(`${name} has no violations`, async ({ page }) => {
      await visit(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expectNoAxeViolations(page);
    });
  }

  test('an error notice has no violations', async ({ page }) => {
    await page.route(articleUrl(FIRST.slug), (route) => route.fulfill({ status: 503 }));
    await openFromFrontPage(page, FIRST);
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
