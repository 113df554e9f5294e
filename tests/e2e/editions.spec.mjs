// The newsletter on the web: an edition as it went out, the list of every
// edition, and the way between them and the stories. Prerendered pages
// carry their data, so the test that checks what the app fetches moves
// inside the app, and checks the fetch happened.
import { readFileSync } from 'node:fs';
import { test, expect, SITE, expectNoAxeViolations, visit, navigate } from './fixtures.mjs';

/** An edition as the build published it (run scripts/build first). */
const published = (date) =>
  JSON.parse(readFileSync(new URL(`../../dist/api/v1/newsletter/editions/${date}.json`, import.meta.url), 'utf8'));
const LIST = JSON.parse(readFileSync(new URL('../../dist/api/v1/newsletter/editions.json', import.meta.url), 'utf8'));
const NEWEST = published(LIST.editions[0].date);

test('an edition shows its note, signed, and its stories in order, each leading to the story', async ({ page }) => {
  await visit(page, `/newsletter/editions/${NEWEST.date}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEWEST.subject);
  await expect(page).toHaveTitle(new RegExp(`^${NEWEST.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the newsletter, `));
  const article = page.getByRole('article');
  for (const paragraph of NEWEST.introduction) {
    await expect(article.getByText(paragraph, { exact: true })).toBeVisible();
  }
  await expect(article.getByText(`${NEWEST.editor.name}, ${NEWEST.editor.role}`)).toBeVisible();
  const stories = article.getByRole('list').first().getByRole('listitem');
  await expect(stories.getByRole('heading', { level: 3 })).toHaveText(NEWEST.stories.map((s) => s.headline));
  await expect(stories.first().getByText(NEWEST.stories[0].line)).toBeVisible();
  // The reader can sign up here: an edition is for anyone.
  await expect(page.getByRole('heading', { name: 'Get the news that matters.' })).toBeVisible();
  await stories.first().getByRole('link', { name: NEWEST.stories[0].headline }).click();
  await expect(page).toHaveURL(`/news/${NEWEST.stories[0].slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEWEST.stories[0].headline);
});

test('the list of editions is newest first and leads to each, fetched as the reader moves', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => request.url().includes('/api/v1/newsletter/') && fetched.push(new URL(request.url()).pathname));
  await visit(page, `/newsletter/editions/${NEWEST.date}`);
  await page.getByRole('link', { name: 'Every edition' }).click();
  await expect(page).toHaveURL('/newsletter/editions');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The newsletter');
  const links = page.getByRole('main').getByRole('list').getByRole('link');
  await expect(links).toHaveCount(LIST.editions.length);
  await expect(links.first()).toContainText(LIST.editions[0].subject);
  const older = LIST.editions[1];
  await links.nth(1).click();
  await expect(page).toHaveURL(`/newsletter/editions/${older.date}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(older.subject);
  expect(fetched).toEqual(['/api/v1/newsletter/editions.json', `/api/v1/newsletter/editions/${older.date}.json`]);
});

test('an edition that does not exist says so, with the way on', async ({ page }) => {
  const response = await page.goto('/newsletter/editions/1999-01-01');
  expect(response.status()).toBe(404);
  await visit(page, '/');
  await navigate(page, '/newsletter/editions/1999-01-01');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that edition");
  await expect(page.getByText('every edition is listed on its page')).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Go to the front page' })).toBeVisible();
});

test('an edition reads without JavaScript, and carries nothing of any subscriber', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`/newsletter/editions/${NEWEST.date}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEWEST.subject);
  const html = await page.content();
  expect(html).not.toMatch(/token=|unsubscribe\?|@example\.com/);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`an edition and the list have no WCAG A or AA violations in the ${colorScheme} scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await visit(page, `/newsletter/editions/${NEWEST.date}`);
    await expectNoAxeViolations(page);
    await visit(page, '/newsletter/editions');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('The newsletter');
    await expectNoAxeViolations(page);
    await expect(page).toHaveTitle(`The newsletter: every edition | ${SITE}`);
  });
}
