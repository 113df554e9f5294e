#!/usr/bin/env node
// How fast a reader gets the first story, measured in headless Chromium
// against the release build served with brotli on loopback (run
// scripts/build first):
//   node scripts/bench-page.mjs            (BENCH_LOADS=9 for more loads)
//   BENCH_DIST=/tmp/before/dist node scripts/bench-page.mjs
//                                          (another build, e.g. an earlier commit's)
//   BENCH_MODES=phone node scripts/bench-page.mjs   (one mode; LIGHTHOUSE_RUNS=0 for none)
//   BENCH_SLUG=met-office-issues-yellow-wind-warning-for-northern-england \
//     node scripts/bench-page.mjs          (a story with a lead picture)
//
// In one run, alternating, it loads the prerendered story; the same page
// with every script removed (derived from the prerendered file: what the
// scripts cost the paint); the limit, a plain page of the story's text with
// no CSS and no scripts (what the HTML alone costs: nothing can paint
// sooner); and for a story with a lead picture the page without it (what
// the picture costs, measured against the same page); and the front page.
// Unthrottled, and as a
// phone (4× CPU slowdown, 150 ms latency, 1.6 Mbit/s). It prints, per page
// and mode, the medians of: bytes transferred, first contentful paint, the
// headline painted, largest contentful paint, layout shift, the time until
// the app has started (taken the page over: its links and forms are the
// app's), the time until the page is interactive (the ticker's Pause
// answers a click, which needs its headlines) and the Total Blocking
// Time from first paint to then (long tasks' time over 50 ms), with paint
// ratios to the limit and interactive's ratio to the headline; then
// Lighthouse (mobile) over LIGHTHOUSE_RUNS runs (5). Figures, not
// pass/fail: the machine is shared.
import { chromium as playwright } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/browser.mjs';
import { startServer } from './local-server.mjs';
import { PHONE, emulatePhone } from './phone-profile.mjs';
import { observe } from './page-timing.mjs';

const SLUG = process.env.BENCH_SLUG || 'sadiq-khan-blocks-met-police-palantir-deal';
const LOADS = Math.max(7, Number(process.env.BENCH_LOADS || 7));
const DIST = process.env.BENCH_DIST || 'dist';
const MODES = (process.env.BENCH_MODES || 'desktop,phone').split(',');

// A copy of dist/ with the baseline beside the story.
const dir = mkdtempSync(join(tmpdir(), 'news-portal-bench-page-'));
cpSync(DIST, join(dir, 'dist'), { recursive: true });
const story = readFileSync(join(DIST, `news/${SLUG}.html`), 'utf8');
const staticPage = story
  .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, (tag) => (tag.includes('ld+json') ? tag : ''))
  .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
writeFileSync(join(dir, `dist/news/${SLUG}-static.html`), staticPage);
writeFileSync(join(dir, `dist/news/${SLUG}-plain.html`), plainPage(story));

/** The limit: the story's `<main>`, its text and its links, in a bare page
 * (no stylesheet, no script, no picture, no form). */
function plainPage(html) {
  const title = html.match(/<title>([\s\S]*?)<\/title>/)?.[1] ?? '';
  const main = html.match(/<main\b[\s\S]*?<\/main>/)?.[0];
  if (!main) throw new Error(`bench-page: news/${SLUG}.html has no <main>`);
  const text = main
    .replace(/<(script|style|noscript|picture|figure|form|svg)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<(img|link|input|source)\b[^>]*>/g, '')
    .replace(/\s(class|style|id|data-[\w-]+|aria-[\w-]+|role)="[^"]*"/g, '');
  return (
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title}</title></head><body>${text}</body></html>\n`
  );
}

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
  const interactiveExpected = !/-(static|plain)$/.test(path);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const seen = await page.evaluate(() => window.__bench);
    if (seen.headline && seen.fcp && (!interactiveExpected || seen.interactive)) break;
    await page.waitForTimeout(100);
  }
  // Late shifts and the last LCP candidate, then the figures.
  await page.waitForTimeout(phone ? 1_000 : 300);
  const result = await page.evaluate(() => window.__bench);
  await context.close();
  // Total Blocking Time, as Lighthouse counts it: each long task's time over
  // 50 ms, from first paint until the page answers (or until now).
  const end = result.interactive || Infinity;
  const blocking = result.longTasks
    .filter(([start]) => start >= result.fcp && start < end)
    .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
  return { ...result, blocking, bytes };
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
  'without scripts': [base, `/news/${SLUG}-static`],
  'plain HTML (the limit)': [base, `/news/${SLUG}-plain`],
  // Where a reader who does not arrive at a story arrives (and what a
  // change to what the front page waits for costs it).
  'the front page': [base, '/'],
};
if (withoutPicture) pages['without its picture'] = [withoutPicture.base, `/news/${SLUG}`];
const browser = await playwright.launch(chromium);
const results = {};
try {
  for (const phone of MODES.map((mode) => mode === 'phone')) {
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
const header = ['mode', 'page', 'bytes', 'FCP', 'headline', 'LCP', 'CLS', 'app started', 'interactive', 'TBT', 'FCP ÷ limit', 'headline ÷ limit', 'interactive ÷ headline', 'headline ÷ no picture'];
const rows = [header];
const ratio = (a, b) => (Number.isFinite(a / b) && a > 0 ? `${(a / b).toFixed(2)}×` : '–');
for (const [mode, byPage] of Object.entries(results)) {
  const of = (name, key) => byPage[name] && median(byPage[name].map((r) => r[key]));
  const [limitFcp, limitHeadline] = [of('plain HTML (the limit)', 'fcp'), of('plain HTML (the limit)', 'headline')];
  const noPicture = of('without its picture', 'headline');
  for (const name of Object.keys(byPage)) {
    const [fcp, headline, interactive] = [of(name, 'fcp'), of(name, 'headline'), of(name, 'interactive')];
    rows.push([
      mode,
      name,
      kb(of(name, 'bytes')),
      ms(fcp),
      ms(headline),
      ms(of(name, 'lcp')),
      of(name, 'shift').toFixed(4),
      ms(of(name, 'started')),
      ms(interactive),
      `${Math.round(of(name, 'blocking'))} ms`,
      ratio(fcp, limitFcp),
      ratio(headline, limitHeadline),
      ratio(interactive, headline),
      noPicture ? ratio(headline, noPicture) : '–',
    ]);
  }
}
const widths = header.map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
for (const row of rows) console.log(row.map((cell, i) => String(cell).padEnd(widths[i])).join('  '));

// Lighthouse, mobile (its default), on the same story.
const LIGHTHOUSE_RUNS = Math.max(0, Number(process.env.LIGHTHOUSE_RUNS ?? 5));
const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');
const chrome = LIGHTHOUSE_RUNS
  ? await chromeLauncher.launch({ chromePath: chromium.executablePath, chromeFlags: ['--headless=new', ...chromium.args] })
  : null;
try {
  const runs = [];
  const below = new Map();
  for (let run = 0; run < LIGHTHOUSE_RUNS; run++) {
    const { lhr } = await lighthouse(`${base}/news/${SLUG}`, { port: chrome.port, logLevel: 'error', output: 'json' });
    runs.push(lhr);
    for (const audit of Object.values(lhr.categories)
      .flatMap((category) => category.auditRefs)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')) {
      below.set(audit.id, `${audit.id} (${audit.score}) ${audit.displayValue ?? ''}`);
    }
  }
  const score = (lhr, id) => Math.round(lhr.categories[id].score * 100);
  if (runs.length) console.log(`\nLighthouse ${runs[0].lighthouseVersion} (mobile), ${runs.length} runs on /news/${SLUG}:`);
  runs.forEach((lhr, i) => {
    const a = lhr.audits;
    console.log(
      `  run ${i + 1}: Performance ${score(lhr, 'performance')}, TBT ${a['total-blocking-time'].displayValue}, ` +
        `FCP ${a['first-contentful-paint'].displayValue}, LCP ${a['largest-contentful-paint'].displayValue}, ` +
        `CLS ${a['cumulative-layout-shift'].displayValue}, Speed Index ${a['speed-index'].displayValue}; ` +
        ['accessibility', 'best-practices', 'seo'].map((id) => `${lhr.categories[id].title} ${score(lhr, id)}`).join(', '),
    );
  });
  const good = runs.filter((lhr) => score(lhr, 'performance') === 100 && lhr.audits['total-blocking-time'].numericValue < 150);
  if (runs.length) console.log(`  Performance 100 with TBT under 150 ms in ${good.length} of ${runs.length} runs`);
  for (const line of below.values()) console.log(`  below 100 in some run: ${line}`);
} finally {
  await chrome?.kill();
  await stop();
  await withoutPicture?.stop();
  rmSync(dir, { recursive: true, force: true });
}
