#!/usr/bin/env node
// Search at a newsroom's scale, in headless Chromium: for each size
// (10,000 and 100,000 stories unless given), a synthetic archive in a
// temporary folder, published as scripts/build publishes (the app as
// built), served on loopback by the project's server, optimised (it
// compresses as a CDN does). For each query, in a fresh browser (nothing cached),
// on the front page: what search fetched before the box was focused (it
// should be nothing), the time from focus until the search code and the
// index's first file have loaded, then the query typed at 100 ms a key,
// and the time from the last keystroke until the results are on the page
// (their count said, their headlines and excerpts shown), with the bytes
// every fetch since the focus transferred: the search code and index
// files, and the stories the excerpts come from. Unthrottled, and as a
// phone (4× CPU slowdown, 150 ms latency, 1.6 Mbit/s). Medians of
// BENCH_RUNS (5) runs; the ratio of the largest size to the one before it
// says how the cost grows with the archive. Figures, not pass/fail.
//   node scripts/bench-search.mjs [SIZE...]
// Needs about 3 GB of free disk at 100,000 stories (deleted after).
import { chromium as playwright } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/browser.mjs';
import { startServer } from './local-server.mjs';
import { PHONE, emulatePhone } from './phone-profile.mjs';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [10_000, 100_000];
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS || 5));
const KEY_DELAY = 100;
// One word, two words, a word being typed, a rare word (one story in a
// thousand has it) and a word every story has (synthetic.rs says which).
const QUERIES = {
  'one word': 'glasgow',
  'two words': 'glasgow council',
  'a word half typed': 'manch',
  'a rare word': 'quillwort',
  'a word in every story': 'britain',
};
const env = { ...process.env, NEWS_SITE_URL: process.env.NEWS_SITE_URL || 'http://127.0.0.1:8080', NEWS_BUILD_TIME: '2026-12-01T09:00:00Z' };
const root = new URL('..', import.meta.url).pathname;

execFileSync('scripts/build-app', { cwd: root, env, stdio: 'inherit' });
execFileSync('cargo', ['build', '--quiet', '--profile', 'tools', '--bin', 'synthetic-archive'], { cwd: root, env, stdio: 'inherit' });
// The server optimised, as a CDN's edge is: a debug build compressing each
// response as it goes would be most of what is measured.
execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'news-portal-server', '--bin', 'news-portal-server'], { cwd: root, env, stdio: 'inherit' });

/** Set before the page's scripts: when each key went down, and when the results for the query were shown. */
function observe() {
  const seen = (window.__search = { lastKey: 0, shown: 0, query: '' });
  document.addEventListener('keydown', () => (seen.lastKey = performance.now()), true);
  new MutationObserver(() => {
    if (!seen.query || seen.shown) return;
    const status = document.querySelector('main [role="status"]');
    const text = status?.textContent ?? '';
    if (!text.includes(`\u201c${seen.query}\u201d`)) return;
    const results = document.querySelectorAll('main .search-result');
    const done = text.startsWith('No stories') || (results.length && [...results].every((r) => r.querySelector('h2 a')));
    if (done) requestAnimationFrame(() => (seen.shown = performance.now()));
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function measure(browser, base, query, phone) {
  // Without the service worker: it fetches the stories' JSON itself, out
  // of the page's network events, so their bytes went uncounted (0.0 KB).
  // A reader downloads the same bytes either way.
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: phone ? 375 : 1280, height: 800 } });
  try {
    return await measureIn(context, base, query, phone);
  } finally {
    await context.close();
  }
}

async function measureIn(context, base, query, phone) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (phone) await emulatePhone(cdp);
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, new URL(event.request.url).pathname));
  let counting = false;
  const bytes = { search: 0, stories: 0, other: 0, beforeFocus: 0 };
  cdp.on('Network.loadingFinished', (event) => {
    const path = urls.get(event.requestId) || '';
    if (!counting) {
      if (path.startsWith('/search/')) bytes.beforeFocus += event.encodedDataLength;
      return;
    }
    const kind = path.startsWith('/search/') ? 'search' : path.startsWith('/api/v1/articles/') ? 'stories' : 'other';
    bytes[kind] += event.encodedDataLength;
  });
  await page.addInitScript(observe);
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForFunction(() => window.newsPortalStarted === true, null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  const box = page.getByRole('search').getByRole('searchbox');
  counting = true;
  const focused = Date.now();
  const loaded = page.waitForResponse((r) => r.url().endsWith('/search/index.json'));
  await box.focus();
  await loaded;
  const clientMs = Date.now() - focused;
  await page.evaluate((q) => (window.__search.query = q), query);
  await box.pressSequentially(query, { delay: KEY_DELAY });
  await page.waitForFunction(() => window.__search.shown > 0, null, { timeout: 30_000 });
  const { lastKey, shown } = await page.evaluate(() => window.__search);
  const count = await page.locator('main [role="status"]').textContent();
  await page.waitForTimeout(200);
  return { clientMs, resultsMs: shown - lastKey, bytes, count };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const rows = [];
const failures = [];
const browser = await playwright.launch(chromium);
try {
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), `news-portal-bench-search-${size}-`));
    try {
      execFileSync(join(root, 'target/tools/synthetic-archive'), [String(size), join(dir, 'content')], { env });
      const published = spawnSync(join(root, 'target/tools/publish'), ['--full', '--app', join(root, 'target/trunk'),
        '--content', join(dir, 'content'), '--dist', join(dir, 'dist')], { env, encoding: 'utf8' });
      if (published.status !== 0) throw new Error(`publish failed:\n${published.stderr}`);
      const { base, stop } = await startServer({ port: 4178, dist: join(dir, 'dist'), args: ['--db', join(dir, 'bench.sqlite3')],
        binary: join(root, 'target/release/news-portal-server') });
      try {
        for (const phone of [false, true]) {
          for (const [kind, query] of Object.entries(QUERIES)) {
            const runs = [];
            for (let i = 0; i < RUNS; i++) {
              // A run that never shows its results is counted, not dropped silently.
              try {
                runs.push(await measure(browser, base, query, phone));
              } catch (error) {
                failures.push(`${size} ${phone ? 'phone' : 'desktop'} "${query}": ${error.message.split('\n')[0]}`);
              }
            }
            if (!runs.length) throw new Error(`every run of "${query}" failed:\n${failures.join('\n')}`);
            rows.push({ size, mode: phone ? 'phone' : 'desktop', kind, query, runs });
          }
        }
      } finally {
        await stop();
      }
      console.error(`bench-search: ${size} stories done`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  await browser.close();
}

if (failures.length) console.log(`\n${failures.length} runs failed (left out of the medians):\n${failures.join('\n')}`);
const n = (x) => x.toLocaleString('en-GB');
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`\nSearch in headless Chromium, medians of ${RUNS} fresh browsers; typed at ${KEY_DELAY} ms a key; phone = ${PHONE.cpu}× CPU, ${PHONE.latency} ms latency, ${PHONE.bitsPerSecond / 1e6} Mbit/s.\n`);
console.log('| stories | mode | query | found | search fetched before focus | focus to search loaded | last key to results | search code + index | stories for excerpts | all |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { size, mode, kind, query, runs } of rows) {
  const m = (pick) => median(runs.map(pick));
  console.log(`| ${n(size)} | ${mode} | ${kind}: "${query}" | ${runs[0].count.replace(/ found for.*| match.*/, '')} | ${kb(m((r) => r.bytes.beforeFocus))} | ${Math.round(m((r) => r.clientMs))} ms | ${Math.round(m((r) => r.resultsMs))} ms | ${kb(m((r) => r.bytes.search))} | ${kb(m((r) => r.bytes.stories))} | ${kb(m((r) => r.bytes.search + r.bytes.stories + r.bytes.other))} |`);
}
if (SIZES.length > 1) {
  const [small, large] = SIZES.slice(-2);
  console.log(`\nFrom ${n(small)} to ${n(large)} stories (${large / small}×), median over the queries:`);
  for (const mode of ['desktop', 'phone']) {
    const ratio = (pick) => median(Object.keys(QUERIES).map((kind) => {
      const at = (size) => median(rows.find((r) => r.size === size && r.mode === mode && r.kind === kind).runs.map(pick));
      return at(large) / at(small);
    }));
    console.log(`- ${mode}: time to results ${ratio((r) => r.resultsMs).toFixed(2)}×, bytes ${ratio((r) => r.bytes.search + r.bytes.stories + r.bytes.other).toFixed(2)}×`);
  }
}
