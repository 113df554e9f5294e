// The headers the build wrote into dist/_headers are what the local server
// sends, for every file, every page at its clean URL, and paths that are
// not there. _headers is read here on its own terms (as Netlify and
// Cloudflare Pages read it), not with the server's code.
// Run after scripts/build: node --test tests/site/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startServer } from '../../scripts/local-server.mjs';

const dist = new URL('../../dist/', import.meta.url).pathname;

/** _headers: a path pattern on a line of its own, then indented `Name: value`. */
function parse(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (/^\S/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const at = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** A pattern as a regular expression: `*` anything, `:name` one segment. */
const pattern = (text) =>
  new RegExp(
    `^${text
      .split(/(\*|:[A-Za-z_]+)/)
      .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')))
      .join('')}$`,
  );

/** What every matching rule gives `path`, joined with commas where two do. */
function expected(rules, path) {
  const headers = new Map();
  for (const rule of rules.filter((r) => pattern(r.pattern).test(path))) {
    for (const [name, value] of rule.headers) headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return headers;
}

function files(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? files(path) : [relative(dist, path)];
  });
}

/** What the site serves: every file of dist/ but the CDN's own and the compressed copies. */
const served = () => files(dist).filter((file) => !/\.(br|gz)$/.test(file) && !file.startsWith('_'));

let server;
let scratch;
before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'news-portal-headers-'));
  server = await startServer({ port: 4177, args: ['--db', join(scratch, 'signups.sqlite3')] });
});
after(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('the local server sends each path the headers dist/_headers gives it', async () => {
  const rules = parse(readFileSync(join(dist, '_headers'), 'utf8'));
  const pages = served()
    .filter((file) => file.endsWith('.html') && file !== '404.html')
    .map((file) => `/${file}`.replace(/\.html$/, '').replace(/^\/index$/, '/'));
  const paths = [...served().map((file) => `/${file}`), ...pages, '/news/no-such-story', '/no/such/page', '/api/v1/none.json'];
  assert.ok(paths.length > 30, `${paths.length} paths`);
  for (const path of paths) {
    const response = await fetch(server.base + path, { headers: { 'Accept-Encoding': 'br' } });
    const want = expected(rules, path);
    assert.ok(want.has('content-security-policy'), `${path}: no rule gives it a policy`);
    for (const [name, value] of want) assert.equal(response.headers.get(name), value, `${path}: ${name}`);
    if (!['/news/no-such-story', '/no/such/page', '/api/v1/none.json'].includes(path)) {
      assert.equal(response.status, 200, path);
      assert.ok(want.has('cache-control'), `${path}: no cache rule`);
    } else {
      assert.equal(response.status, 404, path);
    }
  }
});

test('text comes precompressed, and the CDN\'s own files are not served', async () => {
  const wasm = files(dist).find((file) => file.endsWith('_bg.wasm'));
  const response = await fetch(`${server.base}/${wasm}`, { headers: { 'Accept-Encoding': 'br' } });
  assert.equal(response.headers.get('content-encoding'), 'br');
  assert.equal(Number(response.headers.get('content-length')), readFileSync(join(dist, `${wasm}.br`)).length);
  for (const path of ['/_headers', '/_redirects']) assert.equal((await fetch(server.base + path)).status, 404, path);
});

test('the app a page starts (its loader, glue and wasm, and the parts in the folder named for them) is kept a year, and nothing else is', async () => {
  const page = await (await fetch(`${server.base}/`)).text();
  const loader = page.match(/<script type="module" src="(\/start-[0-9a-f]+\.js)">/)[1];
  const loaderText = await (await fetch(server.base + loader)).text();
  // The glue and the wasm it fetches (and the service worker it registers,
  // which is asked again at every check, so not kept).
  const app = [...loaderText.matchAll(/'(\/[^']+\.(?:js|wasm))'/g)].map((match) => match[1]).filter((path) => path !== '/sw.js');
  assert.deepEqual(app.map((path) => path.split('.').pop()).sort(), ['js', 'wasm']);
  const forever = [];
  for (const path of ['/', ...served().map((file) => `/${file}`)]) {
    const cache = (await fetch(server.base + path, { method: 'HEAD' })).headers.get('cache-control');
    if (cache.includes('immutable')) forever.push(path);
  }
  // The app's split-off parts and their loader, in the folder named as
  // the glue is (scripts/split-app).
  const glue = app.find((path) => path.endsWith('.js'));
  const folder = glue.replace(/\.js$/, '/');
  const parts = served().map((file) => `/${file}`).filter((path) => path.startsWith(folder));
  assert.ok(parts.includes(`${folder}split.js`), `${folder}split.js is served`);
  assert.ok(parts.some((path) => /\/split_[a-z_]+\.wasm$/.test(path)), `${folder} has the parts`);
  assert.deepEqual(forever.sort(), [loader, ...app, ...parts].sort());
  // The parts' list is the build's (publish reads it); no copy of it,
  // compressed or not, is on the site.
  assert.deepEqual(files(dist).filter((file) => file.includes('parts.json')), []);
});
