// A live page's pages of posts (`/news/<slug>/page/<n>`, issue 30): what
// its "Older posts" link leads to where the app has not run. The sample
// live page has six posts, all in its first view; here it has 40 more,
// older, published by the publish program into a site of these tests' own.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, expectNoAxeViolations, visit, LIVE } from './fixtures.mjs';
import { startServer } from '../../scripts/local-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 4181;
const path = `/news/${LIVE.slug}`;
const EARLIER = 40;

let dir;
let server;

test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'news-portal-live-pages-'));
  const content = join(dir, 'content');
  cpSync(join(root, 'public/api/v1'), content, { recursive: true });
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  const file = join(content, 'articles', `${LIVE.slug}.json`);
  const story = JSON.parse(readFileSync(file, 'utf8'));
  for (let n = 1; n <= EARLIER; n += 1) {
    story.live.posts.push({
      id: `earlier-${n}`,
      published: new Date(Date.parse('2026-11-28T05:00:00Z') + n * 60_000).toISOString().replace('.000', ''),
      title: `Earlier update ${n}`,
      body: [{ type: 'paragraph', text: `What happened at earlier update ${n}.` }],
      key_event: n === 3,
    });
  }
  writeFileSync(file, JSON.stringify(story));
  execFileSync(join(root, 'target/tools/publish'), ['--content', content, '--dist', join(dir, 'dist')], { cwd: root, stdio: 'pipe' });
});

test.beforeAll(async () => {
  server = await startServer({ port: PORT, dist: join(dir, 'dist'), binary: join(root, 'target/debug/news-portal-server') });
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const postIds = (page) => page.locator('article.live-post').evaluateAll((posts) => posts.map((p) => p.id));

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the live page shows its newest posts and links to the pages of the rest, a page at a time', async ({ page }) => {
    await page.goto(path);
    const shown = await postIds(page);
    expect(shown[0]).toBe('post-what-to-do');
    expect(shown.length).toBeLessThanOrEqual(20);
    expect(shown).not.toContain('post-earlier-1');

    // 46 posts, cut from the oldest: page 1 the 25 oldest, page 2 the 21 newest.
    await page.getByRole('link', { name: 'Older posts' }).click();
    await expect(page).toHaveURL(`${path}/page/2`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(LIVE.headline);
    const second = await postIds(page);
    expect(second).toHaveLength(21);
    expect(second[0]).toBe('post-power-cuts');
    expect(second.at(-1)).toBe('post-earlier-26');

    const pages = page.getByRole('navigation', { name: `More posts of ${LIVE.headline}` });
    await pages.getByRole('link', { name: 'Older posts' }).click();
    await expect(page).toHaveURL(`${path}/page/1`);
    const first = await postIds(page);
    expect(first).toHaveLength(25);
    expect(first.at(-1)).toBe('post-earlier-1');
    await expect(pages.getByRole('link', { name: 'Older posts' })).toHaveCount(0);

    await pages.getByRole('link', { name: 'Newer posts' }).click();
    await expect(page).toHaveURL(`${path}/page/2`);
    await pages.getByRole('link', { name: 'Newest posts' }).click();
    await expect(page).toHaveURL(path);
    await expect(page.locator('.story__kicker')).toContainText('Live');
  });

  test('a key event older than the first view links to its post on its page of posts', async ({ page }) => {
    await page.goto(path);
    await page.getByRole('navigation', { name: 'Key events' }).getByRole('link', { name: /Earlier update 3$/ }).click();
    await expect(page).toHaveURL(`${path}/page/1#post-earlier-3`);
    await expect(page.locator('#post-earlier-3')).toBeInViewport();
  });
});

test('the app takes a page of posts over, and fetches the next one when the reader moves to it', async ({ page }) => {
  await visit(page, `${path}/page/1`);
  await page.evaluate(() => (window.sameDocument = true));
  const fetched = page.waitForRequest(`**/api/v1/live/${LIVE.slug}/pages/2.json`);
  await page.getByRole('link', { name: 'Newer posts' }).click();
  await fetched;
  await expect(page).toHaveURL(`${path}/page/2`);
  await expect(page.getByRole('heading', { level: 2, name: 'Posts, page 2' })).toBeVisible();
  await expect(page.locator('article.live-post')).toHaveCount(21);
  expect(await page.evaluate(() => window.sameDocument)).toBe(true);
  await expect(page).toHaveTitle(`${LIVE.headline}: posts, page 2 | Britain's News Portal`);
});

test('a page of posts the live page does not have says so, with a way on', async ({ page }) => {
  for (const missing of [`${path}/page/99`, `${path}/page/first`]) {
    await visit(page, missing);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that page of posts");
    await expect(page.getByText('Its newest posts are on the live page itself.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to the front page' })).toBeVisible();
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`a page of posts has no axe violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await visit(page, `${path}/page/1`);
    await expect(page.locator('article.live-post')).toHaveCount(25);
    await expectNoAxeViolations(page);
  });
}
