#!/usr/bin/env node
// Screenshots of the running site at phone and desktop widths, in the light
// and dark colour schemes, for looking at.
//   node scripts/screenshots.mjs [base-url] [out-dir]
// Default: http://127.0.0.1:8080 into screenshots/. SCHEMES=light limits the
// schemes; PAGES=story,section the pages.
import { chromium as playwright } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { chromium } from '../tests/e2e/browser.mjs';

const base = process.argv[2] || 'http://127.0.0.1:8080';
const out = process.argv[3] || 'screenshots';
mkdirSync(out, { recursive: true });

const pages = {
  front: '/',
  story: '/news/sadiq-khan-blocks-met-police-palantir-deal',
  sample: '/news/met-office-issues-yellow-wind-warning-for-northern-england',
  corrected: '/news/bank-of-england-holds-interest-rates',
  live: '/news/storm-brings-gusts-to-northern-england-live',
  'live-posts': '/news/storm-brings-gusts-to-northern-england-live/page/1',
  'two-authors': '/news/rail-fares-to-rise-in-march',
  'rich-body': '/news/oxford-street-car-free-consultation-opens',
  author: '/author/priya-shah',
  'author-picture': '/author/tom-hale',
  topic: '/topic/cost-of-living',
  corrections: '/corrections',
  section: '/section/business',
  archive: '/archive',
  month: '/archive/2026/11',
  day: '/archive/2026/11/26',
  removed: '/removed',
  search: '/search?q=england',
  'search-none': '/search?q=xylophone',
  edition: '/newsletter/editions/2026-12-04',
  editions: '/newsletter/editions',
  newsletter: '/newsletter',
  'check-your-inbox': '/newsletter/check-your-inbox',
  'already-signed-up': '/newsletter/already-signed-up',
  unsubscribe: `/newsletter/unsubscribe?token=${'f'.repeat(64)}`,
  'not-found': '/no/such/page',
  'missing-story': '/news/no-such-story',
  'missing-posts': '/news/storm-brings-gusts-to-northern-england-live/page/99',
};
const widths = { phone: 375, desktop: 1280 };
const schemes = (process.env.SCHEMES || 'light,dark').split(',');
const only = process.env.PAGES?.split(',');

// A lazy picture loads when a reader scrolls to it, and a whole-page shot
// does not scroll: bring each shown one into view and wait for it to load
// (or fail), then go back to the top for the shot of the fold.
async function loadLazyPictures(page) {
  await page.evaluate(async () => {
    for (const img of document.querySelectorAll('img[loading="lazy"]')) {
      if (img.getClientRects().length === 0) continue;
      img.scrollIntoView();
      if (!img.complete) {
        await new Promise((resolve) => {
          img.addEventListener('load', resolve, { once: true });
          img.addEventListener('error', resolve, { once: true });
        });
      }
    }
    window.scrollTo(0, 0);
  });
}

const browser = await playwright.launch(chromium);
for (const [device, width] of Object.entries(widths)) for (const colorScheme of schemes) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  for (const [name, path] of Object.entries(pages)) {
    if (only && !only.includes(name)) continue;
    await page.goto(base + path);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await loadLazyPictures(page);
    const file = `${out}/${name}-${device}${colorScheme === 'light' ? '' : `-${colorScheme}`}.png`;
    await page.screenshot({ path: file, fullPage: true });
    // What a reader sees first, without scrolling.
    await page.screenshot({ path: file.replace('.png', '-fold.png') });
    console.log(file);
  }
  await page.close();
}
await browser.close();
