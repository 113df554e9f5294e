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

const NEW_POST = {
  id: 'trees-down',
  published: '2026-11-28T11:40:00Z',
  title: 'Trees down on the A66',
  body: [{ type: 'paragraph', text: 'Fallen trees have closed the A66 between Penrith and Keswick.' }],
  version: 'new-1',
};

const liveFile = (name) => `**/api/v1/live/${LIVE.slug}/${name}`;

/**
 * The page open with its clock held, so that each poll is run by the test.
 * Its latest file is the site's own, as `change(latest)` leaves it; its
 * posts are the site's, but for those in `posts` (by id). Counts the polls
 * and records which posts the app fetched.
 */
async function openWithPolls(page) {
  const site = await (await page.request.get(`/api/v1/live/${LIVE.slug}/latest.json`)).json();
  const state = { change: (latest) => latest, posts: {}, polls: 0, fetched: [] };
  await page.clock.install();
  await page.route(liveFile('latest.json'), (route) => {
    state.polls += 1;
    return route.fulfill({ json: state.change(structuredClone(site)) });
  });
  await page.route(liveFile('posts/**'), (route) => {
    const id = new URL(route.request().url()).pathname.split('/').pop().replace('.json', '');
    state.fetched.push(id);
    return state.posts[id] ? route.fulfill({ json: state.posts[id] }) : route.continue();
  });
  await visit(page, path);
  return { state, polls: () => state.polls };
}

test('a post published while the page is open is fetched alone, waits behind the button, moves nothing, and shows at the top when asked', async ({ page }) => {
  const open = await openWithPolls(page);
  // The reader is part-way down the page.
  const reading = page.locator('#post-rail-speed-limits');
  await reading.evaluate((post) => post.scrollIntoView({ block: 'center' }));
  const before = await reading.evaluate((post) => post.getBoundingClientRect().top);

  open.state.posts['trees-down'] = NEW_POST;
  open.state.change = (latest) => {
    latest.posts.splice(1, 0, { id: NEW_POST.id, version: NEW_POST.version });
    return latest;
  };
  await runClockUntil(page, open.polls, 1);
  const button = page.getByRole('button', { name: '1 new update' });
  await expect(button).toHaveCount(1);
  // Only the post the page lacked was fetched.
  expect(open.state.fetched).toEqual(['trees-down']);
  await expect(page.locator('.live__waiting')).toHaveAttribute('aria-live', 'polite');
  await expect(page).toHaveTitle(`(1) ${LIVE.headline} | ${SITE}`);
  await expect(page.locator('#post-trees-down')).toHaveCount(0);
  expect(await reading.evaluate((post) => post.getBoundingClientRect().top)).toBe(before);

  // The same post in the next latest file: still one, and not fetched again.
  await runClockUntil(page, open.polls, 2);
  await expect(page.getByRole('button', { name: '1 new update' })).toHaveCount(1);
  expect(open.state.fetched).toEqual(['trees-down']);

  await button.click();
  const ids = await page.locator('.live article.live-post').evaluateAll((posts) => posts.map((p) => p.id));
  expect(ids).toEqual(['post-what-to-do', 'post-trees-down', ...POSTS.slice(1).map((id) => `post-${id}`)]);
  await expect(page.locator('#post-trees-down')).toBeFocused();
  await expect(page).toHaveTitle(`${LIVE.headline} | ${SITE}`);
  await expect(page.getByRole('button', { name: /new update/ })).toHaveCount(0);
});

test('an edit changes its post in place and a deletion takes its post off the page, at the next poll', async ({ page }) => {
  const open = await openWithPolls(page);
  const power = structuredClone(LIVE.live.posts.find((post) => post.id === 'power-cuts'));
  power.body = [{ type: 'paragraph', text: 'About 2,500 homes are still without power.' }];
  power.updated = '2026-11-28T12:30:00Z';
  power.version = 'edited-1';
  open.state.posts['power-cuts'] = power;
  open.state.change = (latest) => {
    latest.posts.find((post) => post.id === 'power-cuts').version = power.version;
    latest.posts = latest.posts.filter((post) => post.id !== 'bridge-closed');
    latest.deleted.push('bridge-closed');
    return latest;
  };
  await runClockUntil(page, open.polls, 1);
  await expect(page.locator('#post-bridge-closed')).toHaveCount(0);
  await expect(page.locator('#post-power-cuts')).toContainText('About 2,500 homes are still without power.');
  await expect(page.locator('#post-power-cuts')).toContainText('Updated 12:30');
  expect(open.state.fetched).toEqual(['power-cuts']);
  await expect(page.locator('.live article.live-post')).toHaveCount(POSTS.length - 1);
  await expect(page.getByRole('button', { name: /new update/ })).toHaveCount(0);
});

test('the page ending is shown at the next poll, and said in the live region', async ({ page }) => {
  const open = await openWithPolls(page);
  open.state.change = (latest) => ({ ...latest, ended: '2026-11-28T21:00:00Z' });
  await runClockUntil(page, open.polls, 1);
  await expect(page.locator('.story__kicker')).toContainText('This live page has ended');
  await expect(page.locator('.live__waiting')).toHaveText('This live page has ended.');
});

/**
 * A long live page, as the site would serve it: `count` posts, the story's
 * JSON with the first view only, and its pages of older posts (25 each,
 * cut from the oldest). Returns the pages the app asked for.
 */
async function serveLongLivePage(page, count) {
  const posts = Array.from({ length: count }, (_, n) => ({
    id: `p${n}`,
    published: new Date(Date.parse('2026-11-28T06:00:00Z') + n * 60_000).toISOString().replace('.000', ''),
    title: `Update number ${n}`,
    body: [{ type: 'paragraph', text: `What happened at update ${n}.` }],
    key_event: n === 3,
    version: `v${n}`,
  }));
  const newestFirst = [...posts].reverse();
  const pages = [];
  for (let at = 0; at < count; at += 25) pages.push(posts.slice(at, at + 25).reverse());
  const story = structuredClone(LIVE);
  story.live = {
    posts: newestFirst.slice(0, 20),
    key_events: [{ id: 'p3', label: 'Update number 3', published: posts[3].published, page: 1 }],
    pages: pages.length,
    total: count,
  };
  const asked = [];
  await page.route(articleUrl(LIVE.slug), (route) => route.fulfill({ json: story }));
  await page.route(liveFile('posts/*.json'), (route) => {
    const id = new URL(route.request().url()).pathname.split('/').pop().replace('.json', '');
    const post = posts.find((p) => p.id === id);
    return post ? route.fulfill({ json: post }) : route.fulfill({ status: 404, json: { error: 'not_found' } });
  });
  await page.route(liveFile('pages/*.json'), (route) => {
    const number = Number(new URL(route.request().url()).pathname.split('/').pop().replace('.json', ''));
    asked.push(number);
    return route.fulfill({ json: { headline: LIVE.headline, number, newer: number < pages.length, posts: pages[number - 1] } });
  });
  return asked;
}

/**
 * Opens the live page at `address` as the app fetches it between stories,
 * served as a page of 60 posts (`serveLongLivePage`), once the app has
 * fetched its JSON. Returns the pages the app asked for.
 */
async function openLongLivePage(page, address) {
  await visit(page, '/');
  const asked = await serveLongLivePage(page, 60);
  const fetched = page.waitForRequest(articleUrl(LIVE.slug));
  await navigate(page, address);
  await fetched;
  return asked;
}

test('older posts come a page at a time when the reader asks, none twice', async ({ page }) => {
  const asked = await openLongLivePage(page, path);
  const posts = page.locator('.live article.live-post');
  await expect(posts).toHaveCount(20);
  const more = page.getByRole('link', { name: 'Older posts' });
  // The newest page (3: posts 50 to 59) is all in the first view (40 to
  // 59); page 2 (25 to 49) brings the 15 the page lacks.
  await more.click();
  await expect(posts).toHaveCount(35);
  expect(asked).toEqual([3, 2]);
  // The link leads a reader without the app to the page of those posts;
  // with it, they come here.
  await expect(page).toHaveURL(path);
  await expect(more).toHaveAttribute('href', `${path}/page/1`);
  await more.click();
  await expect(posts).toHaveCount(60);
  expect(asked).toEqual([3, 2, 1]);
  await expect(more).toHaveCount(0);
  const ids = await posts.evaluateAll((all) => all.map((p) => p.id));
  expect(new Set(ids).size).toBe(60);
  expect(ids.at(-1)).toBe('post-p0');
});

test('a key event older than the first view: its link fetches the pages down to it and goes there', async ({ page }) => {
  const asked = await openLongLivePage(page, path);
  await page.getByRole('navigation', { name: 'Key events' }).getByRole('link', { name: /Update number 3/ }).click();
  await expect(page.locator('#post-p3')).toBeFocused();
  await expect(page.locator('#post-p3')).toBeInViewport();
  expect(asked).toEqual([3, 2, 1]);
  await expect(page).toHaveURL(`${path}#post-p3`);
});

test("a post's address opens the page at it, older than the first view or not", async ({ page }) => {
  const asked = await openLongLivePage(page, `${path}#post-p30`);
  await expect(page.locator('#post-p30')).toBeFocused();
  await expect(page.locator('#post-p30')).toBeInViewport();
  // p30 is on page 2: pages 3 and 2 were fetched, not 1.
  expect(asked).toEqual([3, 2]);
  await expect(page).toHaveURL(`${path}#post-p30`);
});

test('an address naming no post fetches no pages', async ({ page }) => {
  await visit(page, '/');
  const asked = await serveLongLivePage(page, 60);
  const postAsked = page.waitForRequest(liveFile('posts/p999.json'));
  await navigate(page, `${path}#post-p999`);
  await postAsked;
  await expect(page.locator('.live article.live-post')).toHaveCount(20);
  await expect(page.getByRole('link', { name: 'Older posts', exact: true })).toBeEnabled();
  expect(asked).toEqual([]);
});

test('older posts that cannot be loaded say so, and the button tries again', async ({ page }) => {
  const asked = await openLongLivePage(page, path);
  let failures = 0;
  await page.route(liveFile('pages/2.json'), (route) => {
    if (failures > 0) return route.fallback();
    failures += 1;
    return route.fulfill({ status: 500, body: 'down' });
  });
  const more = page.getByRole('link', { name: 'Older posts', exact: true });
  await more.click();
  await expect(page.locator('.live').getByRole('alert')).toHaveText(
    'Older posts could not be loaded. Check your connection, then press the button again.',
  );
  await expect(page.locator('.live article.live-post')).toHaveCount(20);
  await more.click();
  await expect(page.locator('.live article.live-post')).toHaveCount(35);
  await expect(page.locator('.live').getByRole('alert')).toHaveCount(0);
  // Page 3 once; page 2 failed (not counted by the site's route) then came.
  expect(asked).toEqual([3, 2]);
});
