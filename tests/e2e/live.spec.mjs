// A live page (issue 30): the sample one, as a reader opens it, as the app
// fetches it between stories, and as it changes while it is open.
import { test, expect, visit, navigate, articleUrl, expectNoAxeViolations, runClockUntil, SITE, LIVE } from './fixtures.mjs';

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

/** The sample live page with `change` made to a copy of its posts. */
function changed(change) {
  const copy = structuredClone(LIVE);
  change(copy.live.posts, copy.live);
  return copy;
}

const NEW_POST = {
  id: 'trees-down',
  published: '2026-11-28T11:40:00Z',
  title: 'Trees down on the A66',
  body: [{ type: 'paragraph', text: 'Fallen trees have closed the A66 between Penrith and Keswick.' }],
};

/**
 * Serves the live page's JSON as `serve()` gives it, counting the app's
 * asks, with the page's clock held so that each poll is run by the test.
 */
async function openWithPolls(page, serve) {
  let asked = 0;
  await page.clock.install();
  await page.route(articleUrl(LIVE.slug), (route) => {
    asked += 1;
    return route.fulfill({ json: serve() });
  });
  await visit(page, path);
  return { asked: () => asked };
}

test('a post published while the page is open waits behind the button, moves nothing, and shows at the top when asked', async ({ page }) => {
  let served = LIVE;
  const polls = await openWithPolls(page, () => served);
  // The reader is part-way down the page.
  const reading = page.locator('#post-rail-speed-limits');
  await reading.evaluate((post) => post.scrollIntoView({ block: 'center' }));
  const before = await reading.evaluate((post) => post.getBoundingClientRect().top);

  served = changed((posts) => posts.push(NEW_POST));
  await runClockUntil(page, polls.asked, 1);
  const button = page.getByRole('button', { name: '1 new update' });
  await expect(button).toHaveCount(1);
  await expect(page.locator('.live__waiting')).toHaveAttribute('aria-live', 'polite');
  await expect(page).toHaveTitle(`(1) ${LIVE.headline} | ${SITE}`);
  await expect(page.locator('#post-trees-down')).toHaveCount(0);
  expect(await reading.evaluate((post) => post.getBoundingClientRect().top)).toBe(before);

  // The same post in the next copy: still one.
  await runClockUntil(page, polls.asked, 2);
  await expect(page.getByRole('button', { name: '1 new update' })).toHaveCount(1);

  await button.click();
  const ids = await page.locator('.live article.live-post').evaluateAll((posts) => posts.map((p) => p.id));
  expect(ids).toEqual(['post-what-to-do', 'post-trees-down', ...POSTS.slice(1).map((id) => `post-${id}`)]);
  await expect(page.locator('#post-trees-down')).toBeFocused();
  await expect(page).toHaveTitle(`${LIVE.headline} | ${SITE}`);
  await expect(page.getByRole('button', { name: /new update/ })).toHaveCount(0);
});

test('an edit changes its post in place and a deletion takes its post off the page, at the next poll', async ({ page }) => {
  let served = LIVE;
  const polls = await openWithPolls(page, () => served);
  served = changed((posts) => {
    const power = posts.find((post) => post.id === 'power-cuts');
    power.body = [{ type: 'paragraph', text: 'About 2,500 homes are still without power.' }];
    power.updated = '2026-11-28T12:30:00Z';
    posts.splice(posts.findIndex((post) => post.id === 'bridge-closed'), 1);
  });
  await runClockUntil(page, polls.asked, 1);
  await expect(page.locator('#post-bridge-closed')).toHaveCount(0);
  await expect(page.locator('#post-power-cuts')).toContainText('About 2,500 homes are still without power.');
  await expect(page.locator('#post-power-cuts')).toContainText('Updated 12:30');
  await expect(page.locator('.live article.live-post')).toHaveCount(POSTS.length - 1);
  await expect(page.getByRole('button', { name: /new update/ })).toHaveCount(0);
});

test('the page ending is shown at the next poll, and said in the live region', async ({ page }) => {
  let served = LIVE;
  const polls = await openWithPolls(page, () => served);
  served = changed((posts, live) => {
    live.ended = '2026-11-28T21:00:00Z';
  });
  await runClockUntil(page, polls.asked, 1);
  await expect(page.locator('.story__kicker')).toContainText('This live page has ended');
  await expect(page.locator('.live__waiting')).toHaveText('This live page has ended.');
});
