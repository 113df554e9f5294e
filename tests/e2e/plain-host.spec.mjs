// dist/ works on a static file server that knows nothing about this app
// (Python's http.server): no clean URLs, no _headers, no 404 page of its
// own. Stories are read at the documented equivalent, /news/<slug>.html;
// the app takes each page over and shows its clean address.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, INDEX, SAYS, appStarted } from './fixtures.mjs';
import { answering } from '../../scripts/local-server.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const port = 4178;
const host = `http://127.0.0.1:${port}`;
let server;

test.beforeAll(async () => {
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dist], {
    stdio: 'ignore',
  });
  await answering(`${host}/`);
});

test.afterAll(() => server?.kill());

async function open(page, path) {
  await page.goto(host + path);
  await appStarted(page);
}

test('the front page loads and its app starts', async ({ page }) => {
  await open(page, '/');
  await expect(page.getByRole('main').getByRole('listitem').getByRole('heading', { level: 2 })).toHaveText(
    INDEX.articles.map((story) => story.headline),
  );
  await expect(page.getByRole('region', { name: SAYS.breaking }).getByRole('link').first()).toBeVisible();
});

test('every story loads at /news/<slug>.html, is taken over, and shows its clean address', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => request.url().includes('/api/v1/articles/') && fetched.push(request.url()));
  for (const story of INDEX.articles) {
    await open(page, `/news/${story.slug}.html`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(story.headline);
    await expect(page).toHaveURL(`${host}/news/${story.slug}`);
  }
  expect(fetched, 'each story came with its page').toEqual([]);
});

test('the privacy page loads, and moving around the app works', async ({ page }) => {
  await open(page, '/privacy.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Latest stories' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
  await page.getByRole('main').getByRole('link', { name: INDEX.articles[1].headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(INDEX.articles[1].headline);
});

test('the assets, the feeds and the sitemaps load', async ({ request }) => {
  const assets = readdirSync(dist).filter((file) => /\.(js|wasm|css|svg|png)$/.test(file));
  expect(assets.length).toBeGreaterThanOrEqual(6);
  for (const file of assets) {
    const response = await request.get(`${host}/${file}`);
    expect(response.status(), file).toBe(200);
  }
  const wasm = assets.find((file) => file.endsWith('.wasm'));
  expect((await request.get(`${host}/${wasm}`)).headers()['content-type']).toBe('application/wasm');
  for (const file of ['feed.xml', 'atom.xml', 'sitemap.xml', 'news-sitemap.xml']) {
    const response = await request.get(`${host}/${file}`);
    expect(response.status(), file).toBe(200);
    expect(await response.text(), file).toMatch(/^<\?xml version="1.0"/);
  }
  expect(await (await request.get(`${host}/robots.txt`)).text()).toContain('Sitemap: ');
});
