// A story page as a newsroom ships it: its picture, what to read next, its
// section, one signup, and comfort (dark scheme, print, reading time).
// On the prerendered release build, at a phone's width and a desktop's.
import { test, expect, FIRST, WEATHER, INDEX, SAYS, SITE, SITE_URL, story, expectNoAxeViolations, visit, navigate, appStarted, holdRequests, watchLayoutShifts } from './fixtures.mjs';

const OXFORD_STREET = story('oxford-street-car-free-consultation-opens');
const SHOP_PRICES = story('shop-price-rises-slow-for-third-month');
const BANK = story('bank-of-england-holds-interest-rates');
const WIDTHS = { phone: 375, desktop: 1280 };

const signups = (page) => page.getByRole('complementary', { name: SAYS.signupHeading });
/** The story's lead picture: its figure (quotes are figures too). */
const leadPicture = (page) => page.getByRole('article').locator('figure').filter({ has: page.locator('img') });
const minutesToRead = (article) => {
  const words = (text) => (text || '').split(/\s+/).filter(Boolean).length;
  const total =
    words(article.standfirst) +
    (article.key_points || []).reduce((sum, point) => sum + words(point), 0) +
    article.body.reduce((sum, block) => sum + words(block.text) + words(block.attribution), 0) +
    words(article.why_this_matters) +
    words(article.what_this_means_for_you);
  return Math.max(1, Math.ceil(total / 230));
};

test.describe('one signup per page', () => {
  test('a story shows the signup once, after the story, recording the story as its source', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await expect(signups(page)).toHaveCount(1);
    const signup = signups(page);
    const article = page.getByRole('article');
    expect((await signup.boundingBox()).y).toBeGreaterThan((await article.boundingBox()).y + (await article.boundingBox()).height);
    await expect(page.getByRole('main').getByRole('complementary', { name: SAYS.signupHeading })).toHaveCount(1);
  });

  test('other pages keep the footer signup, and moving between pages never shows two', async ({ page }) => {
    await visit(page, '/');
    await expect(signups(page)).toHaveCount(1);
    await expect(page.getByRole('main').getByRole('complementary', { name: SAYS.signupHeading })).toHaveCount(0);
    await page.getByRole('main').getByRole('link', { name: FIRST.headline }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    await expect(signups(page)).toHaveCount(1);
    await expect(page.getByRole('main').getByRole('complementary', { name: SAYS.signupHeading })).toHaveCount(1);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business');
    await expect(signups(page)).toHaveCount(1);
  });
});

test.describe('a lead picture', () => {
  for (const [device, width] of Object.entries(WIDTHS)) {
    test(`at ${width}px (${device}): under the standfirst, with caption and credit, and nothing moves as it arrives`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      const shifts = await watchLayoutShifts(page);
      // Held until the page has painted without it: its space must be there.
      const release = await holdRequests(page, '**/images/met-office-wind-warning-*.webp');
      await page.goto(`/news/${WEATHER.slug}`, { waitUntil: 'domcontentloaded' });
      const figure = leadPicture(page);
      const picture = figure.getByRole('img', { name: WEATHER.image.alt });
      await expect(picture).toBeVisible();
      const before = await picture.boundingBox();
      expect(before.height).toBeCloseTo((before.width * WEATHER.image.height) / WEATHER.image.width, 0);
      release();
      await expect.poll(() => picture.evaluate((img) => img.complete && img.naturalWidth > 0)).toBe(true);
      await appStarted(page);
      expect(await picture.boundingBox()).toEqual(before);
      expect(await shifts()).toBe(0);

      // Where it is, and what it says.
      const standfirst = page.getByText(WEATHER.standfirst);
      const byline = page.getByText(`By ${WEATHER.byline}`);
      expect(before.y).toBeGreaterThan((await standfirst.boundingBox()).y);
      expect(before.y).toBeLessThan((await byline.boundingBox()).y);
      await expect(figure.locator('figcaption')).toHaveText(`${WEATHER.image.caption} ${WEATHER.image.credit}`);
      // The copy that fits the screen is the one fetched.
      const chosen = await picture.evaluate((img) => new URL(img.currentSrc).pathname);
      expect([WEATHER.image.src, ...WEATHER.image.sources.map((s) => s.src)]).toContain(chosen);
      if (width === 375) expect(chosen).not.toBe(WEATHER.image.src);
      // Fetched at once, but never ahead of the stylesheet, and decoded
      // without holding up the paint of the words.
      await expect(picture).toHaveAttribute('loading', 'eager');
      await expect(picture).toHaveAttribute('fetchpriority', 'auto');
      await expect(picture).toHaveAttribute('decoding', 'async');
    });
  }

  test('a picture that fails to load leaves its space empty: no broken icon, nothing moves', async ({ page }) => {
    const shifts = await watchLayoutShifts(page);
    await page.route('**/images/met-office-wind-warning-*.webp', (route) => route.fulfill({ status: 404, body: '' }));
    await visit(page, `/news/${WEATHER.slug}`);
    const picture = leadPicture(page).locator('img');
    await expect(picture).toHaveAttribute('data-failed', '');
    await expect(picture).toHaveCSS('visibility', 'hidden');
    const box = await picture.boundingBox();
    expect(box.height).toBeCloseTo((box.width * WEATHER.image.height) / WEATHER.image.width, 0);
    await expect(leadPicture(page).locator('figcaption')).toContainText(WEATHER.image.caption);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(WEATHER.headline);
    expect(await shifts()).toBe(0);
  });

  test('one that fails after a move inside the app is marked too', async ({ page }) => {
    await page.route('**/images/bank-of-england-rates-*.webp', (route) => route.fulfill({ status: 404, body: '' }));
    await visit(page, `/news/${FIRST.slug}`);
    await navigate(page, `/news/${BANK.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
    await expect(leadPicture(page).locator('img')).toHaveAttribute('data-failed', '');
  });

  test('the front page shows each story\'s picture, the first at once and the rest as they are scrolled to', async ({ page }) => {
    await visit(page, '/');
    const cards = page.getByRole('main').getByRole('listitem');
    await expect(cards).toHaveCount(INDEX.articles.length);
    for (const [at, entry] of INDEX.articles.entries()) {
      const picture = cards.nth(at).locator('img');
      if (!entry.image) {
        await expect(picture).toHaveCount(0);
        continue;
      }
      await expect(picture).toHaveAttribute('src', entry.image.src);
      // Beside its headline, the picture has nothing to add for a screen reader.
      await expect(picture).toHaveAttribute('alt', '');
      await expect(picture).toHaveAttribute('loading', at === 0 ? 'eager' : 'lazy');
    }
    expect(INDEX.articles[0].image, 'the lead story has a picture').toBeTruthy();
    await expect(page.locator('img[data-failed]')).toHaveCount(0);
  });

  test('a story without a picture has no figure, and shares the site\'s card', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await expect(leadPicture(page)).toHaveCount(0);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${SITE_URL}/share-card.png`);
  });

  test('a story with one shares it, and names it after moving inside the app', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await navigate(page, `/news/${WEATHER.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(WEATHER.headline);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `${SITE_URL}${WEATHER.image.src}`);
    await expect(page.locator('meta[property="og:image:alt"]')).toHaveAttribute('content', WEATHER.image.alt);
  });
});

test.describe('what to read next', () => {
  test('more from the section and the latest stories, newest first, never the story itself', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    const more = page.getByRole('region', { name: `More from ${FIRST.section}` });
    await expect(more.getByRole('link')).toHaveText([OXFORD_STREET.headline]);
    await expect(more.getByRole('link')).toHaveAttribute('href', `/news/${OXFORD_STREET.slug}`);
    const latest = page.getByRole('complementary', { name: 'Latest stories' });
    const expected = INDEX.articles
      .filter((entry) => entry.slug !== FIRST.slug && entry.slug !== OXFORD_STREET.slug)
      .slice(0, 5)
      .map((entry) => entry.headline);
    await expect(latest.getByRole('link')).toHaveText(expected);
  });

  test('a story alone in its section offers the latest stories only', async ({ page }) => {
    const alone = story('nhs-england-extends-evening-gp-appointments');
    expect(INDEX.articles.filter((entry) => entry.section === alone.section), 'alone in Health').toHaveLength(1);
    await visit(page, `/news/${alone.slug}`);
    await expect(page.getByRole('region', { name: /^More from/ })).toHaveCount(0);
    const latest = page.getByRole('complementary', { name: 'Latest stories' }).getByRole('link');
    await expect(latest).toHaveCount(5);
    await expect(latest).not.toContainText([alone.headline]);
  });

  test('after moving to another story, the lists are that story\'s', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await page.getByRole('region', { name: `More from ${FIRST.section}` }).getByRole('link', { name: OXFORD_STREET.headline }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OXFORD_STREET.headline);
    // Its topic's other story, not its section's.
    await expect(page.getByRole('region', { name: 'More on this story' }).getByRole('link')).toHaveText([story('rail-fares-to-rise-in-march').headline]);
    await expect(page.getByRole('complementary', { name: 'Latest stories' })).not.toContainText(OXFORD_STREET.headline);
  });

  test('beside the story on a wide screen, after it on a phone', async ({ page }) => {
    for (const width of Object.values(WIDTHS)) {
      await page.setViewportSize({ width, height: 900 });
      await visit(page, `/news/${FIRST.slug}`);
      const story = await page.getByRole('article').boundingBox();
      const latest = await page.getByRole('complementary', { name: 'Latest stories' }).boundingBox();
      if (width >= 1024) {
        expect(latest.x).toBeGreaterThan(story.x + story.width);
        expect(latest.y).toBeLessThan(story.y + 100);
      } else {
        expect(latest.y).toBeGreaterThan(story.y + story.height);
      }
    }
  });
});

test.describe('sections', () => {
  test('a section page lists only its stories, newest first, under its own head', async ({ page }) => {
    const response = await visit(page, '/section/business');
    expect(response.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business');
    await expect(page).toHaveTitle(`Business | ${SITE}`);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE_URL}/section/business`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Business stories/);
    const business = [BANK, SHOP_PRICES].sort((a, b) => b.published.localeCompare(a.published));
    const cards = page.getByRole('main').getByRole('listitem');
    await expect(cards.getByRole('heading', { level: 2 })).toHaveText(business.map((s) => s.headline));
    for (const card of await cards.all()) await expect(card.getByRole('link', { name: 'Business', exact: true })).toBeVisible();
  });

  test('the section label on a story and on a card leads to its section', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await page.getByRole('article').getByRole('link', { name: 'London', exact: true }).click();
    await expect(page).toHaveURL('/section/london');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('London');
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText([OXFORD_STREET.headline, FIRST.headline]);
    await visit(page, '/');
    await page.getByRole('main').getByRole('listitem').first().getByRole('link', { name: WEATHER.section, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(WEATHER.section);
  });

  test('the masthead names every section and marks the one the reader is on', async ({ page }) => {
    await visit(page, '/section/london');
    const nav = page.getByRole('navigation', { name: 'Sections' });
    const names = [...new Set(INDEX.articles.map((s) => s.section))].sort();
    await expect(nav.getByRole('link')).toHaveText(['Latest', ...names]);
    await expect(nav.getByRole('link', { name: 'London' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current]')).toHaveCount(1);
    await nav.getByRole('link', { name: 'Latest' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
    await expect(nav.getByRole('link', { name: 'Latest' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.locator('[aria-current]')).toHaveCount(1);
  });

  test('on a phone the section navigation is one row that scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await visit(page, '/');
    const list = page.getByRole('navigation', { name: 'Sections' }).getByRole('list');
    const links = list.getByRole('link');
    const first = await links.first().boundingBox();
    const last = await links.last().boundingBox();
    expect(last.y).toBe(first.y);
    expect((await list.boundingBox()).height).toBeLessThan(60);
    const scrolls = await list.evaluate((ul) => ul.scrollWidth > ul.clientWidth && getComputedStyle(ul).overflowX === 'auto');
    expect(scrolls).toBe(true);
    // A link scrolled into view can be reached and followed.
    await links.last().click();
    await expect(page).toHaveURL(/\/section\//);
  });

  test('an unknown section says so, with the way to the front page', async ({ page }) => {
    const response = await visit(page, '/section/no-such-section');
    expect(response.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that section");
    await expect(page.getByRole('link', { name: SAYS.frontPageLink })).toHaveAttribute('href', '/');
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business' })).toBeVisible();
  });
});

test.describe('comfort', () => {
  test('the meta line says how long the story takes to read', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await expect(page.getByRole('article').locator('header')).toContainText(`${minutesToRead(FIRST)} min read`);
    expect(minutesToRead(FIRST)).toBeGreaterThan(1);
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`no WCAG A or AA violations in the ${colorScheme} scheme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      for (const path of ['/', `/news/${WEATHER.slug}`, `/news/${FIRST.slug}`, '/section/business']) {
        await visit(page, path);
        await expectNoAxeViolations(page);
      }
    });
  }

  test('the dark scheme follows the reader\'s setting', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await visit(page, `/news/${FIRST.slug}`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const text = await page.getByRole('heading', { level: 1 }).evaluate((h) => getComputedStyle(h).color);
    const lightness = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((sum, n) => sum + Number(n), 0) / 3;
    expect(lightness(background)).toBeLessThan(40);
    expect(lightness(text)).toBeGreaterThan(200);
  });

  test('a story prints without the ticker, navigation, signup, sharing or lists, and with its address', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of [
      page.getByRole('region', { name: SAYS.breaking }),
      page.getByRole('navigation', { name: 'Sections' }),
      signups(page),
      page.getByRole('button', { name: 'Copy link' }),
      page.getByRole('complementary', { name: 'Latest stories' }),
      page.getByRole('region', { name: `More from ${FIRST.section}` }),
      page.getByRole('link', { name: 'Skip to main content' }),
    ]) {
      await expect(hidden.first()).toBeHidden();
    }
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
    await expect(page.getByText(FIRST.standfirst)).toBeVisible();
    await expect(page.getByText(`Online at ${SITE_URL}/news/${FIRST.slug}`)).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByText(`Online at ${SITE_URL}/news/${FIRST.slug}`)).toBeHidden();
    await expect(signups(page)).toBeVisible();
  });

  test('a printed page shows where its links go', async ({ page }) => {
    await visit(page, '/privacy');
    const link = page.getByRole('link', { name: 'Back to the front page' });
    const after = () => link.evaluate((a) => getComputedStyle(a, '::after').content);
    expect(await after()).toBe('none');
    await page.emulateMedia({ media: 'print' });
    // The link's address, in brackets, after its words.
    expect(await after()).toBe('" (/)"');
  });
});

test.describe('corrections', () => {
  const [correction] = BANK.corrections;

  test('a corrected story says what was put right, dated, under its standfirst and again at its end', async ({ page }) => {
    await visit(page, `/news/${BANK.slug}`);
    const note = page.getByRole('note', { name: 'Correction' });
    await expect(note).toContainText(correction.text);
    await expect(note.locator('time')).toHaveAttribute('datetime', correction.at);
    const standfirst = page.locator('.story__standfirst');
    expect((await note.boundingBox()).y).toBeGreaterThan((await standfirst.boundingBox()).y);
    const all = page.getByRole('region', { name: 'Corrections' });
    await expect(all.getByRole('listitem')).toHaveCount(BANK.corrections.length);
    await expect(all.getByRole('listitem').first()).toContainText(correction.text);
    const body = page.locator('.story-body');
    expect((await all.boundingBox()).y).toBeGreaterThan((await body.boundingBox()).y);
    await expectNoAxeViolations(page);
  });

  test('the app shows them on a story it fetched, and none on a story never corrected', async ({ page }) => {
    await visit(page, `/news/${FIRST.slug}`);
    await expect(page.getByRole('note', { name: 'Correction' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Corrections' })).toHaveCount(0);
    const fetched = page.waitForRequest(`**/api/v1/articles/${BANK.slug}.json`);
    await navigate(page, `/news/${BANK.slug}`);
    await fetched;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
    await expect(page.getByRole('note', { name: 'Correction' })).toContainText(correction.text);
    await expect(page.getByRole('region', { name: 'Corrections' }).getByRole('listitem')).toHaveCount(1);
  });
});
