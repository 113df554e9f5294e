// Searching the archive as a reader does: typing in the masthead's box,
// the results as they come, narrowing them, Back to them, the keyboard
// alone, without JavaScript, and when the index cannot be fetched.
import { test, expect, FIRST, BANK, SITE, expectNoAxeViolations, visit } from './fixtures.mjs';

const box = (page) => page.getByRole('search').getByRole('searchbox', { name: 'Search the news' });
const status = (page) => page.getByRole('main').getByRole('status');
const results = (page) => page.getByRole('main').getByRole('listitem');
/** Every request the page makes for search, by path. */
const watchSearch = (page) => {
  const paths = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/search/')) paths.push(path);
  });
  return paths;
};

test('nothing of search is fetched until the box is focused, and typing a word from a story finds it', async ({ page }) => {
  const fetched = watchSearch(page);
  await visit(page, `/news/${BANK.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
  expect(fetched).toEqual([]);
  await box(page).click();
  await expect.poll(() => fetched).toContain('/search/client.js');
  await box(page).pressSequentially('palantir', { delay: 40 });
  await expect(page).toHaveURL('/search?q=palantir');
  await expect(status(page)).toHaveText('1 story found for \u201cpalantir\u201d');
  await expect(box(page)).toBeFocused();
  const result = results(page).first();
  await expect(result.getByRole('heading', { level: 2 })).toHaveText(FIRST.headline);
  await expect(result.getByRole('link', { name: FIRST.headline })).toHaveAttribute('href', `/news/${FIRST.slug}`);
  await expect(result.getByRole('link', { name: FIRST.section })).toBeVisible();
  await expect(result.locator('time')).toHaveText('26 November 2026, 08:15 GMT');
  await expect(result.locator('mark')).toHaveText(['Palantir']);
  await expect(page).toHaveTitle(`Search | ${SITE}`);
  expect(fetched.every((path) => path.startsWith('/search/'))).toBe(true);
});

test('a pause while typing searches for the words so far and keeps everything typed, spaces and all', async ({ page }) => {
  await visit(page, '/');
  await box(page).click();
  await box(page).pressSequentially('interest ', { delay: 20 });
  // The pause: the search for "interest" runs and its results are shown.
  await expect(page).toHaveURL('/search?q=interest');
  await expect(status(page)).toContainText('found for \u201cinterest\u201d');
  await box(page).pressSequentially('rates', { delay: 20 });
  await expect(page).toHaveURL('/search?q=interest%20rates');
  await expect(box(page)).toHaveValue('interest rates');
  await expect(status(page)).toContainText('found for \u201cinterest rates\u201d');
  await expect(results(page).first().getByRole('heading', { level: 2 })).toHaveText(BANK.headline);
});

test('a results page shared by its address shows its results, and Back returns to them', async ({ page }) => {
  await visit(page, '/search?q=interest%20rates');
  await expect(box(page)).toHaveValue('interest rates');
  await expect(results(page).first().getByRole('heading', { level: 2 })).toHaveText(BANK.headline);
  await results(page).first().getByRole('link', { name: BANK.headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
  await page.goBack();
  await expect(page).toHaveURL('/search?q=interest%20rates');
  await expect(results(page).first().getByRole('heading', { level: 2 })).toHaveText(BANK.headline);
  await expect(box(page)).toHaveValue('interest rates');
});

test('a word in no story says so, with the way to the archive', async ({ page }) => {
  await visit(page, '/search?q=xylophone');
  await expect(status(page)).toHaveText('No stories match \u201cxylophone\u201d.');
  await expect(results(page)).toHaveCount(0);
  await page.getByRole('main').getByRole('link', { name: 'the archive, by date' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The archive');
});

test('the results can be narrowed to a section and put newest first, and the address keeps both', async ({ page }) => {
  await visit(page, '/search?q=england');
  await expect(status(page)).toContainText('found for');
  const everywhere = await results(page).getByRole('heading', { level: 2 }).allTextContents();
  expect(everywhere.length).toBeGreaterThan(1);
  await page.getByRole('combobox', { name: 'Section' }).selectOption('business');
  await expect(page).toHaveURL('/search?q=england&section=business');
  // The narrowed results, once they are shown: fewer, every one Business.
  const business = results(page).getByRole('link', { name: 'Business', exact: true });
  await expect
    .poll(async () => {
      const shown = await results(page).count();
      return shown > 0 && shown < everywhere.length && shown === (await business.count());
    })
    .toBe(true);
  await page.getByRole('combobox', { name: 'Section' }).selectOption('');
  await page.getByRole('combobox', { name: 'Order' }).selectOption('newest');
  await expect(page).toHaveURL('/search?q=england&sort=newest');
  // Every story again, newest first, once the reordered results are shown.
  const times = () => results(page).locator('time').evaluateAll((all) => all.map((time) => time.getAttribute('datetime')));
  await expect
    .poll(async () => {
      const shown = await times();
      return shown.length === everywhere.length && shown.every((time, at) => at === 0 || shown[at - 1] >= time);
    })
    .toBe(true);
});

test('with the keyboard alone: to the box, a search, to a result, opened with Enter', async ({ page }) => {
  await visit(page, '/');
  await page.keyboard.press('Tab'); // the skip link
  await page.keyboard.press('Tab'); // the brand
  await page.keyboard.press('Tab');
  await expect(box(page)).toBeFocused();
  await page.keyboard.type('oxford street');
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('found for \u201coxford street\u201d');
  const link = results(page).first().getByRole('link').first();
  for (let i = 0; i < 40 && !(await link.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/news\/oxford-street/);
});

for (const colorScheme of ['light', 'dark']) {
  test(`the search page has no accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await visit(page, '/search?q=palantir');
    await expect(results(page)).toHaveCount(1);
    await expectNoAxeViolations(page);
  });
}

test('if the index cannot be fetched the reader is told so with Try again, and the rest of the page works', async ({ page }) => {
  let failing = true;
  await page.route('**/search/index.json', (route) => (failing ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await visit(page, '/search?q=palantir');
  await expect(page.getByRole('alert')).toContainText('Search is unavailable right now');
  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(status(page)).toHaveText('1 story found for \u201cpalantir\u201d');
  // The ticker and the navigation carried on meanwhile.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Business' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Business');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the box says search needs JavaScript and offers the archive, and the search page never shows a broken form', async ({ page }) => {
    await page.goto('/search?q=palantir');
    await expect(page.getByRole('search')).toBeHidden();
    await expect(page.getByRole('combobox')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('status')).toHaveCount(0);
    // (Playwright's own text matching skips <noscript>: read the DOM's.)
    const inMasthead = page.getByRole('banner').locator('noscript');
    await expect(inMasthead).toBeVisible();
    expect(await inMasthead.textContent()).toContain('Search needs JavaScript. Every story is in the archive');
    const onPage = page.getByRole('main').locator('noscript');
    await expect(onPage).toBeVisible();
    expect(await onPage.textContent()).toContain('Search needs JavaScript.');
    expect(await onPage.textContent()).toContain('the archive, by date');
  });
});
