// The service worker: reading offline, on the Underground or anywhere the
// connection comes and goes. The build writes it to /sw.js (its scope is the
// whole site), with this build's values as `BUILD`
// (src/publish/offline.rs); the page's loader registers it once the app
// has started (src/prerender/loader.js).
//
// What it keeps, in two caches:
// - this build's app (`news-app:<loader>`): the loader, the glue, the wasm
//   and the offline page, fetched when it installs. An older build's app is
//   kept while a saved page still names its loader, so a saved page always
//   starts with the app it was built with, never a newer one.
// - what the reader opened (`news-saved`): pages, their JSON and pictures,
//   up to BUILD.savedLimit bytes, the oldest dropped first.
// Pages and JSON go to the network first and fall back to the saved copy
// only when it fails, or when it has not answered in NETWORK_WAIT_MS and
// a copy is there: online, a reader never sees an old front page. The
// newsletter's pages and the signup service are never touched.

/** This build's values (src/publish/offline.rs). */
const BUILD = '@build';

const APP = `news-app:${BUILD.app}`;
const SAVED = 'news-saved';
const NETWORK_WAIT_MS = 4000;
// When the saved stories were last checked against the site (a story can
// be withdrawn for legal reasons after a reader saved it), and how often.
const CHECKED = 'news-checked';
const CHECK_EVERY_MS = 60 * 60 * 1000;
// Headers a saved copy carries (the app reads X-Saved-At).
const SAVED_AT = 'X-Saved-At';
const SAVED_APP = 'X-Saved-App';
const SAVED_TITLE = 'X-Saved-Title';
const SAVED_BYTES = 'X-Saved-Bytes';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(APP)
      .then((cache) => cache.addAll([...BUILD.appFiles, BUILD.offlinePage]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await dropAppsNoPageNeeds();
    await self.clients.claim();
    // Pages of another build move to this one at their next link.
    const open = await self.clients.matchAll({ type: 'window' });
    for (const client of open) client.postMessage({ app: BUILD.app });
    await keepWhatIsOpen(open);
  })());
});

/**
 * The pages open when the worker starts were loaded before it was there
 * (on a first visit, all of them): kept now, with what every page shows.
 * They are in the browser's cache, so this costs little, and it comes
 * after the app has started.
 */
async function keepWhatIsOpen(clients) {
  const pages = clients
    .map((client) => new URL(client.url))
    .filter((url) => url.origin === self.location.origin && !neverSaved(url.pathname))
    .map((url) => [pageKey(url), true]);
  const data = BUILD.everyPage.map((path) => [new URL(path, self.location.origin).href, false]);
  await Promise.all([...pages, ...data].map(async ([key, navigation]) => {
    try {
      await afterNetwork(key, await fetch(key), navigation);
    } catch {
      // Not kept this time; the next visit keeps it.
    }
  }));
}

/** `/news/<slug>/page/<n>`: a page of a live page's posts. */
function isLivePostsPage(path) {
  return path.startsWith(BUILD.story.page) && path.includes(BUILD.live.pages, BUILD.story.page.length);
}

/** Never saved: the newsletter's pages, and a page of a live page's posts (which a post taken down may be on). */
function neverSaved(path) {
  return BUILD.neverSaved.some((prefix) => path.startsWith(prefix)) || isLivePostsPage(path);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method === 'DELETE' && url.pathname === BUILD.savedList) {
    event.respondWith(clearSaved());
    return;
  }
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(BUILD.live.prefix)) {
    // A live page's files are asked for fresh and never saved; its latest
    // file says which posts were taken down.
    if (url.pathname.endsWith(`/${BUILD.live.latest}`)) event.respondWith(liveLatest(event, url));
    return;
  }
  if (neverSaved(url.pathname)) return;
  if (url.pathname === BUILD.savedList) event.respondWith(savedList());
  else if (isAppFile(url.pathname)) event.respondWith(appFile(event));
  else if (request.mode === 'navigate') event.respondWith(networkFirst(event, pageKey(url)));
  else if (BUILD.savedPrefixes.some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(networkFirst(event, url.origin + url.pathname));
  }
  // Anything else (the search index, sitemaps): the network, as without us.
});

/**
 * The app's files and the loader, of this build or another (a saved page
 * keeps its own): they never change. Trunk writes its fingerprint in hex
 * without leading zeros, so it may be shorter than 16 digits. The app's
 * split-off parts are in a folder named as its glue is.
 */
function isAppFile(path) {
  return BUILD.appFiles.includes(path) ||
    /^\/[a-z0-9-]+-[0-9a-f]{1,16}((_bg)?\.(js|wasm)|\/[a-z0-9_]+\.(js|wasm))$/.test(path);
}

/** A page is kept by its clean address: `/news/a.html` is `/news/a`. */
function pageKey(url) {
  const clean = url.pathname.replace(/(\/index)?\.html$/, '') || '/';
  return url.origin + clean;
}

async function appFile(event) {
  const kept = await caches.match(event.request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(caches.open(APP).then((cache) => cache.put(event.request, copy)).catch(() => {}));
  }
  return response;
}

/**
 * The network's answer, saved; or, when the network fails or is slow and a
 * copy is saved, the copy; or, with neither, the offline page (for a page)
 * or an answer the app reads as "offline, and not saved" (for data).
 */
async function networkFirst(event, key) {
  const navigation = event.request.mode === 'navigate';
  const fromNetwork = fetch(event.request).then((response) => {
    event.waitUntil(afterNetwork(key, response.clone(), navigation));
    return response;
  });
  // Whatever happens, the network's answer is still saved when it comes.
  event.waitUntil(fromNetwork.catch(() => {}));
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, 'late'));
  const first = await Promise.race([fromNetwork.catch(() => 'failed'), late]);
  if (first instanceof Response) return first;
  const saved = await (await caches.open(SAVED)).match(key);
  if (saved) return saved;
  if (first === 'late') {
    try {
      return await fromNetwork;
    } catch {
      // Failed after all: as below.
    }
  }
  if (navigation) {
    const page = await caches.match(BUILD.offlinePage, { cacheName: APP });
    if (page) return page;
  }
  return new Response(JSON.stringify({ error: 'offline', saved: false }), {
    status: 503,
    headers: { 'Content-Type': 'application/json', 'X-Offline': 'not saved' },
  });
}

/** Saves a good answer; forgets a page or story the site no longer has. */
async function afterNetwork(key, response, navigation) {
  if (response.status === 404 || response.status === 410) return forget(key);
  if (!response.ok || response.type !== 'basic') return;
  if ((response.headers.get('Cache-Control') || '').includes('no-store')) return;
  await save(key, response, navigation);
  if (!navigation) return;
  // A story's page brings its JSON too (which names it in the list of
  // what is saved), so that moving to it inside the app reads offline as
  // well as opening it does.
  const slug = storySlug(key);
  if (slug !== null) {
    const data = new URL(`${BUILD.story.data}${slug}${BUILD.story.dataEnd}`, key).href;
    const answer = await fetch(data).catch(() => null);
    if (answer?.ok) await save(data, answer, false);
  }
  await forgetWithdrawn();
}

let queue = Promise.resolve();
/** One change to the saved copies at a time, in the order asked. */
function serially(change) {
  queue = queue.then(change, change);
  return queue;
}

async function save(key, response, navigation) {
  const type = response.headers.get('Content-Type') || '';
  let body;
  const headers = { 'Content-Type': type, [SAVED_AT]: new Date().toISOString() };
  if (navigation) {
    // The page says when it was saved (the app shows it), and which app
    // it starts, which is kept while the page is.
    const html = await response.text();
    const app = html.match(/<script type="module" src="(\/start-[0-9a-f]{16}\.js)"/)?.[1];
    if (app) headers[SAVED_APP] = app;
    body = html.replace(/^(<!DOCTYPE html>\s*<html\b)/i, `$1 data-saved-at="${headers[SAVED_AT]}"`);
    body = new TextEncoder().encode(body);
  } else {
    body = new Uint8Array(await response.arrayBuffer());
    if (storySlug(key) !== null && type.includes('json')) {
      try {
        const headline = JSON.parse(new TextDecoder().decode(body)).headline;
        if (typeof headline === 'string') headers[SAVED_TITLE] = encodeURIComponent(headline);
      } catch {
        // Not a story after all: kept without a title.
      }
    }
  }
  headers[SAVED_BYTES] = String(body.byteLength);
  return serially(async () => {
    const cache = await caches.open(SAVED);
    await cache.put(key, new Response(body, { status: 200, headers }));
    await trim(cache, body.byteLength);
  });
}

// What the saved copies come to, once counted in this worker's life (a
// copy saved again is counted twice until the next count: the count errs
// high, and a count too high only counts again sooner).
let savedBytes = null;

/**
 * Drops the oldest saved copies until what is left fits the limit, once
 * what is saved may have passed it (`added` bytes were just saved).
 */
async function trim(cache, added) {
  if (savedBytes !== null) {
    savedBytes += added;
    if (savedBytes <= BUILD.savedLimit) return;
  }
  const entries = await savedEntries(cache);
  const drop = overLimit(entries, BUILD.savedLimit);
  for (const key of drop) await cache.delete(key);
  savedBytes = entries.filter((entry) => !drop.includes(entry.key)).reduce((sum, entry) => sum + entry.bytes, 0);
}

/**
 * Of `entries` ({ key, savedAt, bytes }), the keys to drop, oldest first,
 * so that the rest come to at most `limit` bytes.
 */
function overLimit(entries, limit) {
  let total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
  const drop = [];
  for (const entry of [...entries].sort((a, b) => a.savedAt.localeCompare(b.savedAt))) {
    if (total <= limit) break;
    drop.push(entry.key);
    total -= entry.bytes;
  }
  return drop;
}

async function savedEntries(cache) {
  const requests = await cache.keys();
  const responses = await Promise.all(requests.map((request) => cache.match(request)));
  return requests.flatMap((request, i) => {
    const headers = responses[i]?.headers;
    if (!headers) return [];
    return [{
      key: request.url,
      savedAt: headers.get(SAVED_AT) || '',
      bytes: Number(headers.get(SAVED_BYTES)) || 0,
      app: headers.get(SAVED_APP),
      title: headers.get(SAVED_TITLE),
    }];
  });
}

/** A page or story the site answered 404 or 410 for: its copies go. */
function forget(key) {
  const slug = storySlug(key);
  const keys = [key];
  if (slug !== null) {
    keys.push(new URL(`${BUILD.story.page}${slug}`, key).href);
    keys.push(new URL(`${BUILD.story.data}${slug}${BUILD.story.dataEnd}`, key).href);
  }
  return serially(async () => {
    const cache = await caches.open(SAVED);
    for (const gone of keys) await cache.delete(gone);
    savedBytes = null;
  });
}

/**
 * Online, at most once an hour: asks the site for each saved story (a
 * HEAD of its JSON) and forgets those it no longer has, so that a story
 * withdrawn after it was saved does not stay readable on the device.
 */
async function forgetWithdrawn() {
  const checked = await caches.open(CHECKED);
  const last = await checked.match(CHECKED);
  if (last && Date.now() - Number(await last.text()) < CHECK_EVERY_MS) return;
  await checked.put(CHECKED, new Response(String(Date.now())));
  const saved = await caches.open(SAVED);
  const slugs = new Set((await saved.keys()).map((request) => storySlug(request.url)).filter((slug) => slug !== null));
  for (const slug of slugs) {
    const data = new URL(`${BUILD.story.data}${slug}${BUILD.story.dataEnd}`, self.location.origin).href;
    const answer = await fetch(data, { method: 'HEAD', cache: 'no-cache' }).catch(() => null);
    if (answer?.status === 404 || answer?.status === 410) await forget(data);
  }
}

/** A live page's latest file, from the network; its deletions applied. */
async function liveLatest(event, url) {
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(dropDeleted(url, response.clone()).catch(() => {}));
  return response;
}

/**
 * A post taken down must not be read offline either: the saved copies of
 * its live page (the page and its JSON) that still hold a post the latest
 * file names as deleted are fetched again, or forgotten if the site cannot
 * give copies without it.
 */
async function dropDeleted(url, response) {
  const { deleted } = await response.json();
  if (!Array.isArray(deleted) || deleted.length === 0) return;
  const slug = url.pathname.slice(BUILD.live.prefix.length).split('/')[0];
  const page = new URL(`${BUILD.story.page}${slug}`, url).href;
  const data = new URL(`${BUILD.story.data}${slug}${BUILD.story.dataEnd}`, url).href;
  // The page shows a post as the element `post-<id>`; the JSON holds its `"id"`.
  const holdsDeleted = (text) =>
    deleted.some((id) => text.includes(`id="post-${id}"`) || text.includes(`"id":"${id}"`));
  const saved = await caches.open(SAVED);
  let stale = false;
  for (const key of [page, data]) {
    const copy = await saved.match(key);
    if (copy && holdsDeleted(await copy.text())) stale = true;
  }
  if (!stale) return;
  const [freshPage, freshData] = await Promise.all(
    [page, data].map((key) => fetch(key, { cache: 'no-cache' }).catch(() => null)),
  );
  if (freshPage?.ok && freshData?.ok) {
    const [pageText, dataText] = await Promise.all([freshPage.clone().text(), freshData.clone().text()]);
    if (!holdsDeleted(pageText) && !holdsDeleted(dataText)) {
      await save(page, freshPage, true);
      await save(data, freshData, false);
      return;
    }
  }
  await forget(page);
}

/** The slug of a story's page or JSON at `key`, else null. */
function storySlug(key) {
  const path = new URL(key).pathname;
  for (const [start, end] of [[BUILD.story.page, ''], [BUILD.story.data, BUILD.story.dataEnd]]) {
    if (path.startsWith(start) && path.endsWith(end)) {
      const slug = path.slice(start.length, path.length - end.length);
      if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) && slug !== BUILD.story.notASlug) return slug;
    }
  }
  return null;
}

/** Apps of older builds that no saved page starts any more. */
async function dropAppsNoPageNeeds() {
  const needed = new Set([APP]);
  for (const entry of await savedEntries(await caches.open(SAVED))) {
    if (entry.app) needed.add(`news-app:${entry.app}`);
  }
  for (const name of await caches.keys()) {
    if (name.startsWith('news-app:') && !needed.has(name)) await caches.delete(name);
  }
}

/**
 * What is saved, as the app shows it (the privacy page, and where a page
 * cannot be read offline): every story, newest first, and the bytes kept.
 */
async function savedList() {
  const entries = await savedEntries(await caches.open(SAVED));
  const stories = new Map();
  for (const entry of entries) {
    const slug = storySlug(entry.key);
    if (slug === null || !entry.title) continue;
    const known = stories.get(slug);
    if (!known || known.saved < entry.savedAt) {
      stories.set(slug, { slug, headline: decodeURIComponent(entry.title), saved: entry.savedAt });
    }
  }
  const list = {
    stories: [...stories.values()].sort((a, b) => b.saved.localeCompare(a.saved)),
    bytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
    limit: BUILD.savedLimit,
  };
  return new Response(JSON.stringify(list), {
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

/** Forgets everything saved (the reader asked, on the privacy page). */
function clearSaved() {
  return serially(async () => {
    await caches.delete(SAVED);
    savedBytes = null;
    await dropAppsNoPageNeeds();
    return new Response(null, { status: 204 });
  });
}
