// The service worker the build wrote (dist/sw.js), its rules run in Node:
// what it drops when the saved copies pass their limit, which addresses
// are stories, and that it keeps the files this build's pages start with.
// What it does in a browser is tests/e2e/offline.spec.mjs's.
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const dist = new URL('../../dist/', import.meta.url).pathname;
const source = readFileSync(join(dist, 'sw.js'), 'utf8');

/** The worker's script, run with nothing of a browser but what its rules use. */
function worker() {
  const listeners = {};
  const scope = {
    self: { addEventListener: (type, listener) => (listeners[type] = listener), location: new URL('https://news.example/') },
    URL,
  };
  vm.createContext(scope);
  vm.runInContext(`${source}\nthis.BUILD = BUILD;`, scope);
  return { ...scope, listeners };
}

test('it answers installs, activations and fetches', () => {
  const { listeners } = worker();
  assert.deepEqual(Object.keys(listeners).sort(), ['activate', 'fetch', 'install']);
});

test('past its limit it drops the oldest copies first, and only as many as it must', () => {
  const { overLimit } = worker();
  const entry = (key, savedAt, bytes) => ({ key, savedAt, bytes });
  const entries = [
    entry('/c', '2026-12-03T09:00:00.000Z', 400),
    entry('/a', '2026-12-03T07:00:00.000Z', 300),
    entry('/b', '2026-12-03T08:00:00.000Z', 300),
  ];
  assert.deepEqual([...overLimit(entries, 1_000)], []);
  assert.deepEqual([...overLimit(entries, 999)], ['/a']);
  assert.deepEqual([...overLimit(entries, 400)], ['/a', '/b']);
  assert.deepEqual([...overLimit(entries, 0)], ['/a', '/b', '/c']);
});

/** A cache of saved copies, as much of one as the worker's trimming reads. */
class SavedCopies {
  constructor(entries) {
    this.entries = new Map(entries.map((entry) => [entry.key, entry]));
    this.scans = 0;
  }
  async keys() {
    this.scans += 1;
    return [...this.entries.keys()].map((url) => ({ url }));
  }
  async match(request) {
    const entry = this.entries.get(request.url);
    return entry && { headers: new Map([['X-Saved-At', entry.savedAt], ['X-Saved-Bytes', String(entry.bytes)]]) };
  }
  async delete(key) {
    return this.entries.delete(key);
  }
}

test('saving past the limit drops the oldest copies; under it, it counts once and then keeps a tally', async () => {
  const { trim, BUILD } = worker();
  const third = Math.ceil(BUILD.savedLimit / 3) + 1;
  const cache = new SavedCopies([
    { key: '/new', savedAt: '2026-12-03T09:00:00.000Z', bytes: third },
    { key: '/old', savedAt: '2026-12-03T07:00:00.000Z', bytes: third },
    { key: '/mid', savedAt: '2026-12-03T08:00:00.000Z', bytes: third },
  ]);
  await trim(cache, third);
  assert.deepEqual([...cache.entries.keys()].sort(), ['/mid', '/new']);
  assert.equal(cache.scans, 1);
  // A copy saved with room left: no need to look again.
  cache.entries.set('/small', { key: '/small', savedAt: '2026-12-03T10:00:00.000Z', bytes: 10 });
  await trim(cache, 10);
  assert.equal(cache.scans, 1);
  // One past it: counted afresh, and the oldest goes.
  cache.entries.set('/newest', { key: '/newest', savedAt: '2026-12-03T11:00:00.000Z', bytes: third });
  await trim(cache, third);
  assert.equal(cache.scans, 2);
  assert.deepEqual([...cache.entries.keys()].sort(), ['/new', '/newest', '/small']);
});

test("a story's page and its JSON are known by their slug; nothing else is a story", () => {
  const { storySlug } = worker();
  const at = (path) => `https://news.example${path}`;
  assert.equal(storySlug(at('/news/rail-fares-to-rise-in-march')), 'rail-fares-to-rise-in-march');
  assert.equal(storySlug(at('/api/v1/articles/rail-fares-to-rise-in-march.json')), 'rail-fares-to-rise-in-march');
  for (const path of ['/api/v1/articles/index.json', '/news/Not-A-Slug', '/section/london', '/api/v1/headlines.json', '/news/']) {
    assert.equal(storySlug(at(path)), null, path);
  }
});

test('a page is kept under its clean address, as the app shows it', () => {
  const { pageKey } = worker();
  assert.equal(pageKey(new URL('https://news.example/news/a-story.html')), 'https://news.example/news/a-story');
  assert.equal(pageKey(new URL('https://news.example/index.html')), 'https://news.example/');
  assert.equal(pageKey(new URL('https://news.example/search?q=rail')), 'https://news.example/search');
});

test("it keeps this build's app: the files every page starts with, and the offline page", () => {
  const { BUILD } = worker();
  const page = readFileSync(join(dist, 'index.html'), 'utf8');
  const loader = page.match(/<script type="module" src="(\/start-[0-9a-f]{16}\.js)">/)[1];
  assert.equal(BUILD.app, loader);
  const starts = readFileSync(join(dist, loader.slice(1)), 'utf8');
  for (const fetched of starts.match(/'\/[^']+\.(js|wasm)'/g).map((quoted) => quoted.slice(1, -1))) {
    if (fetched !== '/sw.js') assert.ok(BUILD.appFiles.includes(fetched), `${fetched} is not kept`);
  }
  for (const file of BUILD.appFiles) assert.ok(existsSync(join(dist, file.slice(1))), `${file} is not in dist/`);
  assert.ok(existsSync(join(dist, `${BUILD.offlinePage.slice(1)}.html`)));
  assert.equal(BUILD.savedLimit, 20 * 1024 * 1024);
});
