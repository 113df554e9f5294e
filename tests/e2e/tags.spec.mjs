// Authors and topics (issue 31): a byline leads to its author's page, a
// story's topics to theirs, and a story offers "More on this story" from
// its first topic. Each page is reached inside the running app, which then
// fetches the page's JSON (checked: the prerendered story carries only its
// own data).
import { test, expect, expectNoAxeViolations, visit, readNextShown, FIRST, BANK } from './fixtures.mjs';

const RAIL = 'rail-fares-to-rise-in-march';
const SHOP = 'shop-price-rises-slow-for-third-month';

test('a byline leads to its author, whose page lists their stories', async ({ page }) => {
  await visit(page, `/news/${FIRST.slug}`);
  const byline = page.locator('.story__byline');
  await expect(byline).toHaveText('By Alex Morgan');
  const fetched = page.waitForResponse('**/api/v1/authors/alex-morgan.json');
  await byline.getByRole('link', { name: 'Alex Morgan' }).click();
  expect((await fetched).status()).toBe(200);
  await expect(page).toHaveURL('/author/alex-morgan');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alex Morgan');
  await expect(page.getByText('City Hall correspondent')).toBeVisible();
  await expect(page).toHaveTitle("Alex Morgan | Britain's News Portal");
  await expect(page.getByRole('main').getByRole('link', { name: FIRST.headline })).toBeVisible();
});

test('a story links its topics, and a topic gathers its stories across sections', async ({ page }) => {
  await visit(page, `/news/${RAIL}`);
  const topics = page.getByRole('navigation', { name: 'Topics' });
  await expect(topics.getByRole('link')).toHaveText(['Transport', 'Cost of living']);
  const fetched = page.waitForResponse('**/api/v1/topics/cost-of-living.json');
  await topics.getByRole('link', { name: 'Cost of living' }).click();
  expect((await fetched).status()).toBe(200);
  await expect(page).toHaveURL('/topic/cost-of-living');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cost of living');
  // Business and Transport stories, newest first.
  await expect(page.locator('main .story-card__headline')).toHaveText([
    BANK.headline,
    /Shop Price Rises/,
    /Rail Fares/,
  ]);
  await expect(page.getByRole('link', { name: 'Follow Cost of living by RSS' })).toHaveAttribute(
    'href',
    '/feeds/topics/cost-of-living.xml',
  );
});

test('a story offers more on its topic before more from its section', async ({ page }) => {
  const fetched = page.waitForResponse('**/api/v1/topics/cost-of-living.json');
  await visit(page, `/news/${BANK.slug}`);
  expect((await fetched).status()).toBe(200);
  const more = page.getByRole('region', { name: 'More on this story' });
  await expect(more.getByRole('link')).toHaveText([/Shop Price Rises/, /Rail Fares/]);
  await expect(more.getByRole('link', { name: /Shop Price Rises/ })).toHaveAttribute('href', `/news/${SHOP}`);
});

test('an author with no page says so, with the way on', async ({ page }) => {
  await page.goto('/author/nobody-at-all');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that journalist");
  await expect(page.getByText('Every story\'s byline links to its writers\' pages.', { exact: false })).toBeVisible();
});

for (const colorScheme of ['light', 'dark']) {
  test(`an author's page and a topic's have no WCAG A or AA violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await visit(page, '/author/priya-shah');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Priya Shah');
    await expectNoAxeViolations(page);
    await visit(page, '/topic/storms');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Storms and wind');
    await expectNoAxeViolations(page);
    await visit(page, `/news/${RAIL}`);
    await expect(page.getByRole('navigation', { name: 'Topics' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}

test('the corrections page, reached from the foot of any page, lists each correction with its story', async ({ page }) => {
  await visit(page, `/news/${FIRST.slug}`);
  await readNextShown(page);
  const fetched = page.waitForResponse('**/api/v1/corrections.json');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Corrections' }).click();
  expect((await fetched).status()).toBe(200);
  await expect(page).toHaveURL('/corrections');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corrections and clarifications');
  // The sample's two corrections, the Bank of England story's the newest.
  const entries = page.locator('main .corrections-log__entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText(BANK.corrections[0].text);
  await entries.first().getByRole('link', { name: BANK.headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(BANK.headline);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await visit(page, '/corrections');
    await expectNoAxeViolations(page);
  }
});
