#!/usr/bin/env node
// How fast a reader gets the first story, measured in headless Chromium
// against the release build served with brotli on loopback (run
// scripts/build first):
//   node scripts/bench-page.mjs            (BENCH_LOADS=9 for more loads)
//   BENCH_DIST=/tmp/before/dist node scripts/bench-page.mjs
//                                          (another build, e.g. an earlier commit's)
//   BENCH_SLUG=met-office-issues-yellow-wind-warning-for-northern-england \
//     node scripts/bench-page.mjs          (a story with a lead picture)
//
// In one run, alternating, it loads the prerendered story and, as the
// baseline, the same page with every script removed (derived from the
// prerendered file), and for a story with a lead picture the page without
// it (what the picture costs, measured against the same page): unthrottled, and as a phone (4× CPU slowdown, 150 ms
// latency, 1.6 Mbit/s). It prints, per page and mode, the medians of: bytes
// transferred, the headline painted, first and largest contentful paint,
// layout shift, and the time until the page is interactive (Pause answers
// a click), with ratios to the baseline; then Lighthouse's scores for the
// story in its mobile mode. Figures, not pass/fail: the machine is shared.
import { chromium as playwright } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/browser.mjs';
import { startServer } from './local-server.mjs';
import { PHONE, emulatePhone } from './phone-profile.mjs';

const SLUG = process.env.BENCH_SLUG || 'sadiq-khan-blocks-met-police-palantir-deal';
const LOADS = Math.max(7, Number(process.env.BENCH_LOADS || 7));
const DIST = process.env.BENCH_DIST || 'dist';

// A copy of dist/ with the baseline beside the story.
const dir = mkdtempSync(join(tmpdir(), 'news-portal-bench-page-'));
cpSync(DIST, join(dir, 'dist'), { recursive: true });
const story = readFileSync(join(DIST, `news/${SLUG}.html`), 'utf8');
const staticPage = story
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, (tag) => (tag.includes('ld+json') ? tag : ''))
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
writeFileSync(join(dir, `dist/news/${SLUG}-static.html`), staticPage);

// For a story with a picture, a second site where the story has none, served
// at the story's own address (so the app takes it over as it would).
const picture = /<figure class="story__picture">[\s\S]*?<\/figure>/;
const hasPicture = picture.test(story);
if (hasPicture) {
  cpSync(join(dir, 'dist'), join(dir, 'dist-no-picture'), { recursive: true });
  const file = join(dir, `dist-no-picture/news/${SLUG}.html`);
  writeFileSync(file, story.replace(picture, ''));
  rmSync(`${file}.br`, { force: true });
  rmSync(`${file}.gz`, { force: true });
}

/** Set before the page's own scripts: what the page reports as it loads. */
function observe() {
  const found = (window.__bench = { shift: 0, lcp: 0, headline: 0, fcp: 0, interactive: 0 });
  // Element Timing for the headline: the attribute goes on as it is parsed.
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('h1');
    if (h1) {
      h1.setAttribute('elementtiming', 'headline');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.identifier === 'headline') found.headline = entry.renderTime;
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') found.fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) found.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) found.shift += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  // Interactive: the first moment Pause answers a click (it says Play).
  const poke = () => {
    const toggle = document.querySelector('.ticker__toggle');
    if (toggle) {
      toggle.click();
      requestAnimationFrame(() => {
        if (toggle.textContent.startsWith('Play')) {
          found.interactive = performance.now();
          toggle.click();
        } else setTimeout(poke, 20);
      });
    } else setTimeout(poke, 20);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', poke);
  else poke();
}

async function load(browser, base, path, phone) {
  const context = await browser.newContext({ viewport: { width: phone ? 375 : 1280, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (phone) await emulatePhone(cdp);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => (bytes += event.encodedDataLength));
  await page.addInitScript(observe);
  await page.goto(base + path, { waitUntil: 'load' });
  const interactiveExpected = !path.endsWith('-static');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const seen = await page.evaluate(() => window.__bench);
    if (seen.headline && seen.fcp && (!interactiveExpected || seen.interactive)) break;
    await page.waitForTimeout(100);
  }
  // Late shifts and the last LCP candidate, then the figures.
  await page.waitForTimeout(phone ? 1_000 : 300);
  const result = await page.evaluate(() => window.__bench);
  // The headlines feed the ticker fetches after start-up is not what the
  // reader waits for; count what the page itself needed.
  await context.close();
  return { ...result, bytes };
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const { base, stop } = await startServer({ port: 4176, dist: join(dir, 'dist'), args: ['--db', join(dir, 'bench.sqlite3')] });
const withoutPicture = hasPicture
  ? await startServer({ port: 4177, dist: join(dir, 'dist-no-picture'), args: ['--db', join(dir, 'bench2.sqlite3')] })
  : null;
const pages = {
  prerendered: [base, `/news/${SLUG}`],
  'static baseline': [base, `/news/${SLUG}-static`],
};
if (withoutPicture) pages['without its picture'] = [withoutPicture.base, `/news/${SLUG}`];
const browser = await playwright.launch(chromium);
const results = {};
try {
  for (const phone of [false, true]) {
    const mode = phone ? 'phone' : 'desktop';
    for (let i = 0; i < LOADS; i++) {
      // Alternating, so that both pages meet the same machine.
      for (const [name, [site, path]] of Object.entries(pages)) {
        ((results[mode] ??= {})[name] ??= []).push(await load(browser, site, path, phone));
      }
    }
  }
} finally {
  await browser.close();
}

const ms = (value) => (Number.isFinite(value) && value > 0 ? `${Math.round(value)} ms` : '–');
const kb = (value) => `${(value / 1024).toFixed(1)} KB`;
console.log(`Page benchmark: /news/${SLUG}, median of ${LOADS} loads each, brotli on loopback`);
console.log(`phone = ${PHONE.cpu}× CPU slowdown, ${PHONE.latency} ms latency, ${PHONE.bitsPerSecond / 1e6} Mbit/s\n`);
const header = ['mode', 'page', 'bytes', 'headline', 'FCP', 'LCP', 'CLS', 'interactive', 'headline ÷ static', 'headline ÷ no picture'];
const rows = [header];
for (const [mode, byPage] of Object.entries(results)) {
  const baseline = median(byPage['static baseline'].map((r) => r.headline));
  const noPicture = byPage['without its picture'] && median(byPage['without its picture'].map((r) => r.headline));
  for (const [name, runs] of Object.entries(byPage)) {
    const headline = median(runs.map((r) => r.headline));
    rows.push([
      mode,
      name,
      kb(median(runs.map((r) => r.bytes))),
      ms(headline),
      ms(median(runs.map((r) => r.fcp))),
      ms(median(runs.map((r) => r.lcp))),
      median(runs.map((r) => r.shift)).toFixed(4),
      name === 'static baseline' ? '–' : ms(median(runs.map((r) => r.interactive))),
      `${(headline / baseline).toFixed(2)}×`,
      noPicture ? `${(headline / noPicture).toFixed(2)}×` : '–',
    ]);
  }
}
const widths = header.map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));

// Lighthouse, mobile (its default), on the same story.
const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');
const chrome = await chromeLauncher.launch({
  chromePath: chromium.executablePath,
  chromeFlags: ['--headless=new', ...chromium.args],
});
try {
  const report = await lighthouse(`${base}/news/${SLUG}`, { port: chrome.port, logLevel: 'error', output: 'json' });
  const scores = Object.values(report.lhr.categories)
    .map((category) => `${category.title} ${Math.round(category.score * 100)}`)
    .join(', ');
  const audits = report.lhr.audits;
  console.log(`\nLighthouse ${report.lhr.lighthouseVersion} (mobile): ${scores}`);
  console.log(
    `  FCP ${audits['first-contentful-paint'].displayValue}, LCP ${audits['largest-contentful-paint'].displayValue}, ` +
      `TBT ${audits['total-blocking-time'].displayValue}, CLS ${audits['cumulative-layout-shift'].displayValue}, ` +
      `Speed Index ${audits['speed-index'].displayValue}`,
  );
  const failing = Object.values(report.lhr.categories)
    .flatMap((category) => category.auditRefs)
    .map((ref) => audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual');
  for (const audit of failing) console.log(`  below 100: ${audit.id} (${audit.score}) ${audit.displayValue ?? ''}`);
} finally {
  await chrome.kill();
  await stop();
  await withoutPicture?.stop();
  rmSync(dir, { recursive: true, force: true });
}
