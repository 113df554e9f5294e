// A live page (issue 30): the sample one, as a reader opens it and as the
// app fetches it between stories. Polling for new posts is not built yet.
import { test, expect, visit, navigate, articleUrl, expectNoAxeViolations, LIVE } from './fixtures.mjs';

const path = `/news/${LIVE.slug}`;
// The sample's posts, newest first, the pinned one leading.
const POSTS = ['what-to-do', 'power-cuts', 'highest-gust', 'rail-speed-limits', 'bridge-closed', 'warning-in-force'];

async function expectTheLivePage(page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LIVE.headline);
  await expect(page.locator('.story__kicker')).toContainText('Live');
  const keyEvents = page.getByRole('navigation', { name: 'Key events' }).getByRole('link');
  await expect(keyEvents).toHaveText([/^10:05 70mph gust recorded/, /^06:30 Warning comes into force/]);
  await expect(page.locator('.live article.live-post')).toHaveCount(POSTS.length);
  const ids = await page.locator('.live article.live-post').evaluateAll((posts) => posts.map((p) => p.id));
  expect(ids).toEqual(POSTS.map((id) => `post-${id}`));
  await expect(page.locator('#post-what-to-do')).toContainText('Pinned');
  await expect(page.locator('#post-what-to-do')).toContainText('Updated 09:40');
}

test('a live page as a reader opens it: its status, key events and posts, newest first', async ({ page }) => {
  await visit(page, path);
  await expectTheLivePage(page);
});

test('a key event is a link to its post on the page', async ({ page }) => {
  await visit(page, path);
  await page.getByRole('navigation', { name: 'Key events' }).getByRole('link').first().click();
  await expect(page).toHaveURL(`${path}#post-highest-gust`);
  await expect(page.locator('#post-highest-gust')).toBeInViewport();
});

test('a live page the app fetches between stories shows the same', async ({ page }) => {
  await visit(page, '/');
  const fetched = page.waitForRequest(articleUrl(LIVE.slug));
  await navigate(page, path);
  await fetched;
  await expectTheLivePage(page);
});

for (const colorScheme of ['light', 'dark']) {
  test(`a live page has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await visit(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LIVE.headline);
    await expectNoAxeViolations(page);
  });
}

test("search finds a live page by its posts' words, and lists it as live", async ({ page }) => {
  // "Pennines" is only in one of its posts.
  await visit(page, '/search?q=pennines');
  const result = page.locator('.search-result');
  await expect(result).toHaveCount(1);
  await expect(result.getByRole('heading', { level: 2 })).toHaveText(LIVE.headline);
  await expect(result.locator('.tag--live')).toHaveText('Live');
});

test('the front page lists the live page with its badge', async ({ page }) => {
  await visit(page, '/');
  const card = page.locator('.story-card', { hasText: LIVE.headline });
  await expect(card.locator('.tag--live')).toHaveText('Live');
  await expect(page.locator('.story-card .tag--live')).toHaveCount(1);
});
