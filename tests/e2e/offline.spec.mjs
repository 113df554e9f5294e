// Reading offline (src/offline/service_worker.js), in Chromium, with the
// service worker running (the other suites block it: Playwright's request
// interception does not see what a service worker answers).
//
// "Offline" here is what a reader on the Underground meets: Playwright's
// offline mode for the page (so the browser says it is offline), and the
// site's host gone (Playwright's offline mode does not reach a service
// worker's own fetches). Each test has its own browser profile and its own
// server, on a port of its own, serving a copy of dist/ that a test can
// replace with a second build, as a deploy does.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwright } from '@playwright/test';
import { chromium } from './browser.mjs';
import { test as base, expect, readNextShown, FIRST, BANK, WEATHER, INDEX, LIVE, SAYS } from './fixtures.mjs';
import { startServer } from '../../scripts/local-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 4179;
const ORIGIN = `http://127.0.0.1:${PORT}`;

const test = base.extend({
  // A site of the test's own, and a way to take its host away and back.
  site: [async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'news-portal-offline-'));
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
    let server = null;
    const site = {
      dir,
      dist: join(dir, 'dist'),
      async up(dist = site.dist) {
        server = await startServer({
          port: PORT,
          dist,
          binary: join(root, 'target/debug/news-portal-server'),
          args: ['--db', join(dir, 'signups.sqlite3'), '--rate-limit', '0'],
        });
      },
      async down() {
        await server?.stop();
        server = null;
      },
    };
    await site.up();
    await use(site);
    await site.down();
    rmSync(dir, { recursive: true, force: true });
  }, { auto: true }],
  // A browser profile that outlives its browser: closed and opened again,
  // it still has what the service worker kept.
  profile: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'news-portal-profile-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  browserOpen: async ({ profile }, use) => {
    const open = [];
    await use(async () => {
      const context = await playwright.launchPersistentContext(profile, {
        ...chromium,
        baseURL: ORIGIN,
        serviceWorkers: 'allow',
      });
      open.push(context);
      return context;
    });
    for (const context of open) await context.close().catch(() => {});
  },
});

/** Opens `path`, and waits until the app runs and the service worker controls the page. */
async function read(page, path) {
  await page.goto(path);
  await page.waitForFunction(() => window.newsPortalStarted === true);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
}

/** Whether `path` is one of the app's split-off parts (named for the build). */
const isAppPart = (path) => /^\/news-portal-[0-9a-f]{1,16}\//.test(path);

/** The addresses a cache of the service worker's holds. */
const kept = (page, name) =>
  page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), name);

/** Waits until the service worker has saved `path`. */
async function saved(page, path) {
  await expect.poll(() => kept(page, 'news-saved'), { timeout: 10_000 }).toContain(path);
}

/**
 * The connection cut, some time after the pages were read: the browser
 * offline, the host gone, and the browser's own cache expired (it keeps
 * pages no time and data a minute), so what is there is what the service
 * worker kept.
 */
async function cut(context, site) {
  await site.down();
  await context.setOffline(true);
  await forgetHttpCache(context);
}

async function forgetHttpCache(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

async function restore(context, site) {
  await site.up();
  await context.setOffline(false);
}

const connectionLine = (page) => page.locator('.connection');
const savedAt = /saved at \d\d:\d\d on \d{1,2} [A-Z][a-z]+ \d{4}/;

test('the service worker, once the app runs, keeps this build and nothing else of the app', async ({ browserOpen }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, '/');
  const loader = await page.evaluate(() => document.querySelector('script[type=module][src^="/start-"]').getAttribute('src'));
  const names = await page.evaluate(() => caches.keys());
  expect(names.filter((name) => name.startsWith('news-app:'))).toEqual([`news-app:${loader}`]);
  expect(names).toContain('news-saved');
  const app = await kept(page, `news-app:${loader}`);
  expect(app).toContain(loader);
  expect(app).toContain('/offline');
  expect(app.filter((path) => path.endsWith('_bg.wasm'))).toHaveLength(1);
  const glue = app.filter((path) => /^\/news-portal-[0-9a-f]{1,16}\.js$/.test(path));
  expect(glue).toHaveLength(1);
  // And its split-off parts, with what fetches them: every page that can
  // show offline does; not the newsletter's, which are never kept.
  const folder = glue[0].replace(/\.js$/, '/');
  expect(app).toContain(`${folder}split.js`);
  for (const part of ['archive', 'lists', 'live', 'live_posts', 'notices', 'privacy', 'search']) {
    expect(app).toContain(`${folder}split_${part}.wasm`);
  }
  expect(app).not.toContain(`${folder}split_newsletter.wasm`);
  expect(app.filter((path) => isAppPart(path) && !path.startsWith(folder))).toEqual([]);
});

test("offline, the app's split-off pages show: the worker kept their parts when it kept the app", async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await readNextShown(page);
  const fetchedPrivacy = () =>
    page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/split_privacy.wasm')).length);
  expect(await fetchedPrivacy(), 'a story does not fetch the privacy page\'s part').toBe(0);
  await cut(context, site);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy notice' })).toBeVisible();
  expect(await fetchedPrivacy(), 'the part, fetched as the page was shown (from the worker)').toBe(1);
});

test("offline, a split-off page whose part the worker does not keep (the newsletter's) says so, and shows once back online", async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await readNextShown(page);
  await saved(page, `/api/v1/articles/${FIRST.slug}.json`);
  await cut(context, site);
  await page.getByRole('contentinfo').getByRole('link', { name: 'The newsletter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "You're offline" })).toBeVisible();
  const list = page.getByRole('region', { name: 'Saved on this device' });
  await expect(list.getByRole('link', { name: FIRST.headline })).toBeVisible();
  await restore(context, site);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The newsletter' })).toBeVisible();
});

test('offline, a story read before reads in full, after the browser was closed and opened again', async ({ browserOpen, site }) => {
  let context = await browserOpen();
  let page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await saved(page, `/news/${FIRST.slug}`);
  await saved(page, '/api/v1/headlines.json');
  await context.close();

  await site.down();
  context = await browserOpen();
  await context.setOffline(true);
  await forgetHttpCache(context);
  page = context.pages()[0];
  await page.goto(`/news/${FIRST.slug}`);
  await page.waitForFunction(() => window.newsPortalStarted === true);
  await expect(page.getByRole('heading', { level: 1, name: FIRST.headline })).toBeVisible();
  await expect(page.getByRole('region', { name: SAYS.keyPoints })).toBeVisible();
  await expect(page.getByRole('heading', { name: SAYS.whyThisMatters })).toBeVisible();
  await expect(page.getByRole('heading', { name: SAYS.whatThisMeansForYou })).toBeVisible();
  await expect(connectionLine(page)).toContainText("You're offline. This page was ");
  await expect(connectionLine(page)).toContainText(savedAt);
  // The ticker: its last headlines, as of when they were saved.
  const ticker = page.getByRole('region', { name: SAYS.breaking });
  await expect(ticker.getByText(/^As of \d\d:\d\d$/)).toBeVisible();
  await expect(ticker.getByRole('link').first()).toBeVisible();
  await expect(ticker).not.toContainText('Loading');
});

test('offline, the front page shows the stories it last had, marked as saved', async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, '/');
  await saved(page, '/');
  await cut(context, site);
  await page.reload();
  await page.waitForFunction(() => window.newsPortalStarted === true);
  await expect(page.getByRole('link', { name: INDEX.articles[0].headline }).first()).toBeVisible();
  await expect(connectionLine(page)).toContainText(savedAt);
});

test("offline, a story never opened says so, lists the stories that can be read, and they read", async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await saved(page, `/api/v1/articles/${FIRST.slug}.json`);
  await cut(context, site);

  // Opened as a page: the offline page takes its place, and the app says why.
  await page.goto(`/news/${BANK.slug}`);
  await page.waitForFunction(() => window.newsPortalStarted === true);
  await expect(page.getByRole('heading', { level: 1, name: "You're offline" })).toBeVisible();
  const list = page.getByRole('region', { name: 'Saved on this device' });
  await expect(list.getByRole('link', { name: FIRST.headline })).toBeVisible();
  expect(page.url()).toBe(`${ORIGIN}/news/${BANK.slug}`);

  // A saved story, moved to inside the app, reads from what was saved.
  const fetched = page.waitForResponse(`**/api/v1/articles/${FIRST.slug}.json`);
  await list.getByRole('link', { name: FIRST.headline }).click();
  expect((await fetched).fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: FIRST.headline })).toBeVisible();
  await expect(page.getByRole('region', { name: SAYS.keyPoints })).toBeVisible();
  await expect(connectionLine(page)).toContainText(savedAt);

  // And one not saved, moved to inside the app, says so in the page.
  await page.evaluate((path) => {
    history.pushState({}, '', path);
    dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, `/news/${WEATHER.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: "You're offline" })).toBeVisible();
  await expect(list.getByRole('link', { name: FIRST.headline })).toBeVisible();
});

test('back online, the page says so and fetches what was stale', async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await saved(page, '/api/v1/headlines.json');
  await cut(context, site);
  await page.reload();
  await page.waitForFunction(() => window.newsPortalStarted === true);
  const ticker = page.getByRole('region', { name: SAYS.breaking });
  await expect(ticker.getByText(/^As of /)).toBeVisible();
  await expect(connectionLine(page)).toContainText("You're offline");

  // Everything the line says from now on (it says "back online" for a
  // few seconds only).
  await page.evaluate(() => {
    const line = document.querySelector('.connection');
    window.__said = [];
    new MutationObserver(() => window.__said.push(line.textContent)).observe(line, { subtree: true, childList: true, characterData: true });
  });
  // The story's data, fetched afresh (not a saved copy, which says when
  // it was saved).
  const fresh = page.waitForResponse(
    (r) => r.url().endsWith(`/api/v1/articles/${FIRST.slug}.json`) && r.status() === 200 && !r.headers()['x-saved-at'],
  );
  await restore(context, site);
  // The browser can say it is online a moment before its network answers
  // (Playwright's offline mode reaches the worker a little after the page):
  // what comes back as a saved copy then is asked for again 5 s later, and
  // the strip 10 s later.
  await fresh;
  await expect.poll(() => page.evaluate(() => window.__said), { timeout: 10_000 }).toContain("You're back online.");
  await expect(ticker.getByText(/^Updated \d\d:\d\d$/)).toBeVisible({ timeout: 15_000 });
  await expect(connectionLine(page)).not.toContainText('saved at');
});

test('the signup offline keeps the address, and is sent once when the connection is back', async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, '/');
  const form = page.getByRole('complementary', { name: SAYS.signupHeading });
  const email = `offline.${Date.now()}@example.com`;
  await page.waitForTimeout(2_100); // the form's minimum fill time (a person's)
  await form.getByRole('textbox', { name: SAYS.emailLabel }).fill(email);
  // The signup reaches the service, but its answer is lost as the
  // connection drops: the form cannot know it arrived.
  const keys = [];
  await page.route('**/api/v1/newsletter', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    await route.fetch();
    await context.setOffline(true);
    await route.abort('internetdisconnected');
  });
  await form.getByRole('button', { name: 'Sign up' }).click();
  await expect(form.getByRole('status')).toContainText("You're offline. We'll try again when you're back.");
  await expect(form.getByRole('textbox', { name: SAYS.emailLabel })).toHaveValue(email);
  await page.unroute('**/api/v1/newsletter');
  const resent = page.waitForRequest((r) => r.url().endsWith('/api/v1/newsletter') && r.method() === 'POST');
  await context.setOffline(false);
  keys.push((await resent).headers()['idempotency-key']);
  await expect(form.getByText(SAYS.signedUp)).toBeVisible();
  // Sent twice under one key: the service kept one signup.
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const rows = execFileSync('sqlite3', [join(site.dir, 'signups.sqlite3'), `SELECT count(*) FROM subscribers WHERE email_key = '${email}'`], { encoding: 'utf8' });
  expect(Number(rows.trim())).toBe(1);
  // And nothing of it was kept on the device.
  for (const name of await page.evaluate(() => caches.keys())) {
    for (const path of (await kept(page, name)).filter((path) => !isAppPart(path))) expect(path).not.toMatch(/newsletter/);
  }
});

test("the newsletter's pages are never kept: offline they are the browser's to report", async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, '/');
  await page.goto('/newsletter/confirm?token=not-a-real-token');
  await page.waitForFunction(() => window.newsPortalStarted === true);
  await page.goto('/newsletter/unsubscribe?token=not-a-real-token');
  await page.waitForFunction(() => window.newsPortalStarted === true);
  const everything = [];
  for (const name of await page.evaluate(() => caches.keys())) everything.push(...(await kept(page, name)));
  expect(everything.filter((path) => path.includes('newsletter') && !isAppPart(path))).toEqual([]);
  expect(everything).toContain('/'); // the front page was kept, so the worker was saving
  await cut(context, site);
  await expect(page.goto('/newsletter/confirm?token=not-a-real-token')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/);
});

test('a story withdrawn after it was saved is forgotten the next time the reader is online', async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await saved(page, `/api/v1/articles/${FIRST.slug}.json`);
  // The newsroom withdraws it (a legal takedown), and publishes.
  const content = join(site.dir, 'content');
  cpSync(join(root, 'public/api/v1'), content, { recursive: true });
  execFileSync(join(root, 'target/tools/publish'), ['withdraw', FIRST.slug, '--content', content, '--dist', site.dist], { cwd: root, stdio: 'pipe' });
  await site.down();
  await site.up();
  // An hour later (the worker asks the site at most once an hour), the
  // reader opens another page.
  await page.evaluate(() => caches.delete('news-checked'));
  await page.goto('/');
  const savedNow = () => kept(page, 'news-saved');
  await expect.poll(savedNow, { timeout: 10_000 }).not.toContain(`/api/v1/articles/${FIRST.slug}.json`);
  expect(await savedNow()).not.toContain(`/news/${FIRST.slug}`);
  expect(await savedNow()).toContain('/');
});

test("a live page's page of posts is never saved: a post taken down may be on it", async ({ browserOpen }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  const posts = `/news/${LIVE.slug}/page/1`;
  // Read twice, the second time through the worker; then a story, which
  // the worker saves after anything it would have saved before.
  await read(page, posts);
  await read(page, posts);
  await expect(page.locator('article.live-post').first()).toBeVisible();
  await read(page, `/news/${FIRST.slug}`);
  await saved(page, `/news/${FIRST.slug}`);
  expect(await kept(page, 'news-saved')).not.toContain(posts);
  expect(await kept(page, 'news-saved')).not.toContain(`/api/v1/live/${LIVE.slug}/pages/1.json`);
});

test("a post taken down from a live page leaves the page and the copies the service worker saved, at the open page's next poll", async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  const path = `/news/${LIVE.slug}`;
  const data = `/api/v1/articles/${LIVE.slug}.json`;
  // Read twice: the second time through the worker, which saves both.
  await read(page, path);
  await read(page, path);
  await saved(page, path);
  await saved(page, data);
  const holdsThePost = () =>
    page.evaluate(async (keys) => {
      const cache = await caches.open('news-saved');
      const texts = await Promise.all(keys.map(async (key) => (await (await cache.match(key))?.text()) ?? ''));
      return texts.map((text) => text.includes('bridge-closed'));
    }, [path, data]);
  expect(await holdsThePost()).toEqual([true, true]);
  // The newsroom takes the post down (docs/publishing.md) and publishes.
  const content = join(site.dir, 'content');
  cpSync(join(root, 'public/api/v1'), content, { recursive: true });
  const file = join(content, 'articles', `${LIVE.slug}.json`);
  const story = JSON.parse(readFileSync(file, 'utf8'));
  story.live.posts = story.live.posts.filter((post) => post.id !== 'bridge-closed');
  story.live.deleted = ['bridge-closed'];
  writeFileSync(file, JSON.stringify(story));
  execFileSync(join(root, 'target/tools/publish'), ['--content', content, '--dist', site.dist], { cwd: root, stdio: 'pipe' });
  // The open page's next poll (every 15 s) takes it off the page…
  await expect(page.locator('.live article.live-post').first()).toBeVisible();
  await expect(page.locator('#post-bridge-closed')).toHaveCount(0, { timeout: 40_000 });
  // …and the worker, reading the same latest file, saves copies without it.
  await expect.poll(holdsThePost, { timeout: 10_000 }).toEqual([false, false]);
  const keptNow = await kept(page, 'news-saved');
  expect(keptNow).toContain(path);
  expect(keptNow).toContain(data);
});

test('the privacy page says what is kept, and the reader can clear it', async ({ browserOpen, site }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await readNextShown(page);
  await saved(page, `/api/v1/articles/${FIRST.slug}.json`);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy notice' }).click();
  await expect(page.getByRole('heading', { name: 'What this site keeps on your device' })).toBeVisible();
  await expect(page.getByText(/^Kept on this device now: 1 story, \d+\.\d MB of 20 MB\.$/)).toBeVisible();
  await page.getByRole('button', { name: 'Clear what is kept' }).click();
  await expect(page.getByText('Kept on this device now: No stories, 0.0 MB of 20 MB.')).toBeVisible();
  expect(await kept(page, 'news-saved')).toEqual([]);
  // Cleared means cleared: offline, the story is not there to read.
  await cut(context, site);
  await page.goto(`/news/${FIRST.slug}`);
  await page.waitForFunction(() => window.newsPortalStarted === true);
  await expect(page.getByRole('heading', { level: 1, name: "You're offline" })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Saved on this device' })).toHaveCount(0);
});

test('the site can be installed: its manifest names it, its colours and icons, as Chromium reads it', async ({ browserOpen }) => {
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, '/');
  const cdp = await context.newCDPSession(page);
  const { errors, data } = await cdp.send('Page.getAppManifest');
  expect(errors).toEqual([]);
  const manifest = JSON.parse(data);
  expect(manifest.name).toBe("Britain's News Portal");
  expect(manifest.short_name).toBe('News Portal');
  const themeColour = await page.evaluate(() => document.querySelector('meta[name=theme-color]').content);
  expect(manifest.theme_color).toBe(themeColour);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
  for (const icon of manifest.icons) {
    const size = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      return `${image.naturalWidth}x${image.naturalHeight}`;
    }, icon.src);
    expect(size, icon.src).toBe(icon.sizes);
  }
});

/**
 * A second build of the site, whose app differs from this one's as after a
 * deploy: Trunk's output with a section added to the wasm (a different
 * file, so the wasm and its glue get new names, as Trunk would give them,
 * here with a fingerprint of 15 digits),
 * published into a dist of its own by the publish program. Returns that
 * dist and the old and new fingerprints of the app's files.
 */
function secondBuild(dir) {
  const app = join(dir, 'app-2');
  cpSync(join(root, 'target/trunk'), app, { recursive: true });
  const wasm = readdirSync(app).find((file) => /^news-portal-[0-9a-f]{1,16}_bg\.wasm$/.test(file));
  const before = wasm.match(/-([0-9a-f]{1,16})_bg/)[1];
  // Fifteen digits, as one of Trunk's builds in sixteen has (it writes the
  // fingerprint in hex without leading zeros).
  const reversed = [...before].reverse().join('').slice(0, 15);
  const after = reversed === before ? 'e'.repeat(15) : reversed;
  const [name, payload] = [Buffer.from('deploy-test'), Buffer.from('the second build')];
  const section = Buffer.concat([Buffer.from([0, 1 + name.length + payload.length, name.length]), name, payload]);
  // The glue and the wasm, and the folder of the app's split-off parts
  // (their loader names the glue). In the glue and the loader, the names
  // of files change; not the module the wasm imports the glue's functions
  // from (`./news-portal-…_bg.js`), which the wasm itself names.
  const renamed = new RegExp(`${before}(?=/|\\.js)`, 'g');
  const files = readdirSync(app, { recursive: true }).filter((file) => file.includes(before));
  for (const file of files.filter((file) => !statSync(join(app, file)).isDirectory())) {
    const bytes = readFileSync(join(app, file));
    rmSync(join(app, file));
    if (/\.(br|gz)$/.test(file)) continue;
    const changed = file.endsWith('_bg.wasm')
      ? Buffer.concat([bytes, section])
      : file.endsWith('.js')
        ? Buffer.from(bytes.toString('utf8').replace(renamed, after))
        : bytes;
    mkdirSync(dirname(join(app, file.replaceAll(before, after))), { recursive: true });
    writeFileSync(join(app, file.replaceAll(before, after)), changed);
  }
  for (const folder of files.filter((file) => existsSync(join(app, file)) && statSync(join(app, file)).isDirectory())) {
    rmSync(join(app, folder), { recursive: true });
  }
  writeFileSync(join(app, 'index.html'), readFileSync(join(app, 'index.html'), 'utf8').replaceAll(before, after));
  const dist = join(dir, 'dist-2');
  execFileSync(join(root, 'target/tools/publish'), ['--app', app, '--content', join(root, 'public/api/v1'), '--dist', dist, '--full'], {
    cwd: root,
    stdio: 'pipe',
  });
  return { dist, before, after };
}

const loaderOf = (page) => page.evaluate(() => document.querySelector('script[src^="/start-"]').getAttribute('src'));
const wasmOf = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).find((p) => p.endsWith('_bg.wasm')));

test('a deploy between two visits: the new build takes over at the next link, and a saved page keeps its own app', async ({ browserOpen, site }) => {
  // This build, visited and saved.
  const context = await browserOpen();
  const page = await context.newPage();
  await read(page, `/news/${FIRST.slug}`);
  await saved(page, `/news/${FIRST.slug}`);
  const first = await loaderOf(page);

  // The second build, deployed.
  const { dist, before, after } = secondBuild(site.dir);
  const headers = readFileSync(join(dist, '_headers'), 'utf8');
  for (const file of [`/news-portal-${after}.js`, `/news-portal-${after}_bg.wasm`, `/news-portal-${after}/split_privacy.wasm`]) {
    expect(headers, `${file} is kept a year`).toContain(`${file}\n  Cache-Control: public, max-age=31536000, immutable\n`);
  }
  await site.down();
  await site.up(dist);

  // The open page learns of it (browsers look for a new worker on their
  // own; the test asks at once), and its next link loads the new build.
  await page.evaluate(async () => {
    const tookOver = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    await (await navigator.serviceWorker.getRegistration()).update();
    await tookOver;
  });
  const apps = (await page.evaluate(() => caches.keys())).filter((name) => name.startsWith('news-app:'));
  expect(apps, 'both builds kept: a saved page needs the first').toHaveLength(2);
  await page.evaluate(() => (window.beforeTheLink = true));
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.getByRole('link', { name: "Britain's News Portal" }).first().click();
  await page.waitForFunction(() => window.newsPortalStarted === true && window.beforeTheLink === undefined);
  const second = await loaderOf(page);
  expect(second).not.toBe(first);
  expect(await wasmOf(page)).toContain(after);
  expect(requested.filter((path) => path.includes(before))).toEqual([]);

  // A page saved with the first build, opened offline, starts the first
  // build's app, which the worker kept for it.
  await cut(context, site);
  await page.goto(`/news/${FIRST.slug}`);
  await page.waitForFunction(() => window.newsPortalStarted === true);
  expect(await loaderOf(page)).toBe(first);
  expect(await wasmOf(page)).toContain(before);
  await expect(page.getByRole('heading', { level: 1, name: FIRST.headline })).toBeVisible();
});
