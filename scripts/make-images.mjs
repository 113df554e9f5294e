#!/usr/bin/env node
// Draws the site's own images from HTML, in headless Chromium, into public/:
// the share card every page's preview shows unless it has a picture of its
// own (1,200 × 630, what Facebook and X ask for), and the publisher's logo
// for structured data (600 × 60). Run it again after changing the brand.
//   node scripts/make-images.mjs
import { chromium as playwright } from '@playwright/test';
import { chromium } from '../tests/e2e/browser.mjs';

const serif = "Georgia, 'DejaVu Serif', 'Times New Roman', serif";
const sans = "system-ui, 'DejaVu Sans', Arial, sans-serif";

const images = [
  {
    file: 'public/share-card.png',
    width: 1200,
    height: 630,
    html: `<body style="margin:0;width:1200px;height:630px;background:#b00020;color:#fff;
        display:flex;flex-direction:column;justify-content:center;padding:0 96px;box-sizing:border-box">
      <div style="width:120px;height:8px;background:#fff;margin-bottom:40px"></div>
      <div style="font:700 92px/1.05 ${serif};letter-spacing:-1px">Britain's News Portal</div>
      <div style="font:600 40px/1.3 ${sans};margin-top:28px;text-transform:uppercase;letter-spacing:6px;opacity:.92">Around The Clock</div>
    </body>`,
  },
  {
    file: 'public/logo.png',
    width: 600,
    height: 60,
    html: `<body style="margin:0;width:600px;height:60px;background:#fff;display:flex;align-items:center">
      <div style="width:10px;height:44px;background:#b00020;margin-right:16px"></div>
      <div style="font:700 38px/1 ${serif};color:#b00020;white-space:nowrap">Britain's News Portal</div>
    </body>`,
  },
];

const browser = await playwright.launch(chromium);
for (const { file, width, height, html } of images) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<!doctype html><html lang="en-GB">${html}</html>`);
  await page.screenshot({ path: file });
  await page.close();
  console.log(`${file}: ${width} × ${height}`);
}
await browser.close();
