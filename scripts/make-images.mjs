#!/usr/bin/env node
// Draws the site's own images in headless Chromium, into public/: the share
// card every page's preview shows unless it has a picture of its own
// (1,200 × 630, what Facebook and X ask for), the publisher's logo for
// structured data (600 × 60), the app's icons for the home screen (192,
// 512, a maskable 512 and Apple's 180), and the sample stories' lead illustrations
// (16:9, as WebP at 640, 960 and 1,280 wide, for srcset). Run it again
// after changing the brand or an illustration; commit what it writes.
//   node scripts/make-images.mjs
import { chromium as playwright } from '@playwright/test';
import { chromium } from '../tests/e2e/browser.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('public/images', { recursive: true });
mkdirSync('public/icons', { recursive: true });

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

// A sample author's picture (240 × 240): initials, not a face, since the
// author is made up.
images.push({
  file: 'public/images/author-tom-hale.png',
  width: 240,
  height: 240,
  html: `<body style="margin:0;width:240px;height:240px;background:#dde8f1;display:flex;align-items:center;justify-content:center">
    <div style="width:200px;height:200px;border-radius:50%;background:#1f5c8f;color:#fff;display:flex;align-items:center;
      justify-content:center;font:700 84px/1 ${serif}">TH</div>
  </body>`,
});

// The app's icons, for the web app manifest (src/publish/offline.rs) and
// iPhones' home screens: the logo's red and its bar beside a serif N, on
// the whole square (a maskable icon is cut to a circle or a rounded
// square: everything that matters stays in its middle 60 %).
const icon = (size, { maskable = false } = {}) => {
  const scale = maskable ? 0.6 : 0.8;
  const [bar, gap, letter] = [0.07, 0.05, 0.62].map((share) => Math.round(size * scale * share));
  return `<body style="margin:0;width:${size}px;height:${size}px;background:#b00020;display:flex;
      align-items:center;justify-content:center">
    <div style="width:${bar}px;height:${Math.round(letter * 0.78)}px;background:#fff;margin-right:${gap}px"></div>
    <div style="font:700 ${letter}px/1 ${serif};color:#fff">N</div>
  </body>`;
};
for (const [file, size, options] of [
  ['public/icons/icon-192.png', 192],
  ['public/icons/icon-512.png', 512],
  ['public/icons/icon-maskable-512.png', 512, { maskable: true }],
  ['public/icons/apple-touch-icon.png', 180],
]) {
  images.push({ file, width: size, height: size, html: icon(size, options) });
}

// The sample stories' illustrations: flat shapes, no photographs, so that
// nothing in them can be mistaken for a record of a real event. Each story's
// alt text (in its JSON) says what its drawing shows.
const illustrations = {
  'met-office-wind-warning': `
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#4f5d6e"/><stop offset="1" stop-color="#aab7c4"/></linearGradient></defs>
    <rect width="1280" height="720" fill="url(#sky)"/>
    <g fill="#3b4652" opacity=".9">
      <ellipse cx="250" cy="120" rx="230" ry="58"/><ellipse cx="430" cy="100" rx="170" ry="52"/>
      <ellipse cx="960" cy="90" rx="280" ry="66"/><ellipse cx="1180" cy="140" rx="160" ry="50"/></g>
    <path d="M0 455 C 190 385 380 405 560 455 S 900 420 1280 445 V720 H0Z" fill="#74935c"/>
    <path d="M0 560 C 250 495 520 530 760 575 S 1100 515 1280 535 V720 H0Z" fill="#55743f"/>
    <g stroke="#eef2f5" stroke-width="9" stroke-linecap="round">
      ${[[300, 470], [430, 450], [560, 480]].map(([x, y]) => `
        <line x1="${x}" y1="${y}" x2="${x}" y2="${y - 190}"/>
        <g transform="translate(${x} ${y - 190}) rotate(20)" fill="#eef2f5" stroke="none">
          <path d="M-4 0 L0 -95 L6 0Z"/><path d="M-4 0 L0 -95 L6 0Z" transform="rotate(120)"/>
          <path d="M-4 0 L0 -95 L6 0Z" transform="rotate(240)"/><circle r="9"/></g>`).join('')}</g>
    <g fill="none" stroke="#fff" stroke-width="11" stroke-linecap="round" opacity=".85">
      <path d="M40 250 C 230 215 360 290 560 250 S 760 205 830 250"/>
      <path d="M120 330 C 280 300 420 360 600 320"/>
      <path d="M620 190 C 760 160 860 215 980 185"/>
      <path d="M30 520 C 200 490 330 545 500 510"/></g>
    <g transform="translate(1010 360)">
      <path d="M0 -160 L160 115 H-160Z" fill="#ffd21f" stroke="#1b1b1b" stroke-width="16" stroke-linejoin="round"/>
      <rect x="-13" y="-70" width="26" height="118" rx="11" fill="#1b1b1b"/>
      <circle cy="82" r="15" fill="#1b1b1b"/></g>`,
  'bank-of-england-rates': `
    <rect width="1280" height="720" fill="#e6ebf1"/>
    <rect y="600" width="1280" height="120" fill="#c9d1da"/>
    <g fill="#d9cfbd" stroke="#a89a80" stroke-width="4">
      <path d="M110 250 L420 130 L730 250Z"/>
      <rect x="110" y="250" width="620" height="40"/>
      ${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="${140 + i * 104}" y="290" width="44" height="260"/>`).join('')}
      <rect x="110" y="550" width="620" height="26"/><rect x="90" y="576" width="660" height="24"/></g>
    <circle cx="420" cy="205" r="34" fill="#b00020"/>
    <text x="420" y="222" font-family="Georgia, serif" font-size="50" font-weight="700" fill="#fff" text-anchor="middle">£</text>
    <g transform="translate(800 170)">
      <rect width="390" height="330" rx="18" fill="#fff" stroke="#b9c3ce" stroke-width="4"/>
      <line x1="40" y1="250" x2="350" y2="250" stroke="#5f6b78" stroke-width="4" stroke-dasharray="14 12"/>
      <polyline points="40,70 100,95 160,85 220,140 280,175 350,205" fill="none" stroke="#b00020" stroke-width="12"
        stroke-linecap="round" stroke-linejoin="round"/>
      <circle cx="350" cy="205" r="14" fill="#b00020"/>
      <line x1="40" y1="290" x2="350" y2="290" stroke="#1b1b1b" stroke-width="4"/></g>`,
  'rail-fares-march': `
    <rect width="1280" height="720" fill="#dde8f1"/>
    <path d="M0 420 C 200 360 420 390 640 360 S 1040 330 1280 370 V720 H0Z" fill="#b8cbb0"/>
    <rect y="520" width="1280" height="200" fill="#8d9a88"/>
    <g fill="#6b5b4b">${Array.from({ length: 27 }, (_, i) => `<rect x="${i * 50}" y="560" width="26" height="16"/>`).join('')}</g>
    <rect y="552" width="1280" height="8" fill="#4a4a4a"/>
    <g transform="translate(70 360)">
      <path d="M0 30 Q0 0 40 0 H760 Q860 0 880 90 V190 H0Z" fill="#1f5c8f"/>
      <rect y="150" width="880" height="20" fill="#ffd21f"/>
      ${[0, 1, 2, 3, 4, 5, 6].map((i) => `<rect x="${40 + i * 104}" y="40" width="80" height="70" rx="8" fill="#cfe3f3"/>`).join('')}
      <path d="M790 40 H840 Q858 44 866 110 H790Z" fill="#cfe3f3"/>
      <g fill="#2a2a2a">${[120, 300, 580, 760].map((x) => `<circle cx="${x}" cy="192" r="20"/>`).join('')}</g></g>
    <g transform="translate(900 110) rotate(-8)">
      <rect width="300" height="170" rx="14" fill="#fff8e6" stroke="#c9a64d" stroke-width="5"/>
      <rect x="22" y="26" width="150" height="16" rx="8" fill="#c9a64d"/>
      <rect x="22" y="58" width="110" height="12" rx="6" fill="#d8c48e"/>
      <text x="24" y="140" font-family="Georgia, serif" font-size="64" font-weight="700" fill="#1b1b1b">£</text>
      <path d="M230 140 V60 M200 92 L230 58 L260 92" fill="none" stroke="#b00020" stroke-width="16"
        stroke-linecap="round" stroke-linejoin="round"/></g>`,
  'oxford-street-plan': `
    <rect width="1280" height="720" fill="#eef0ea"/>
    <g fill="#dfe3d8">${Array.from({ length: 6 }, (_, i) => `<rect x="${60 + i * 200}" y="50" width="160" height="140" rx="10"/><rect x="${60 + i * 200}" y="480" width="160" height="150" rx="10"/>`).join('')}</g>
    <rect y="300" width="1280" height="120" fill="#b9bfc6"/>
    <rect x="140" y="300" width="500" height="120" fill="#7fb069"/>
    <g fill="#5d8a4a">${Array.from({ length: 9 }, (_, i) => `<circle cx="${170 + i * 56}" cy="${i % 2 ? 330 : 390}" r="16"/>`).join('')}</g>
    <g fill="none" stroke="#b00020" stroke-width="12" stroke-dasharray="26 16" stroke-linecap="round">
      <path d="M80 360 H120 V270 H660 V360 H1200"/><path d="M80 380 H120 V455 H660 V380"/></g>
    <circle cx="120" cy="360" r="38" fill="#1b1b1b"/><circle cx="660" cy="360" r="38" fill="#1b1b1b"/>
    <g font-family="system-ui, 'DejaVu Sans', Arial, sans-serif" font-weight="700" font-size="40" fill="#1b1b1b">
      <text x="60" y="245" text-anchor="start">Marble Arch</text>
      <text x="660" y="245" text-anchor="middle">Oxford Circus</text></g>`,
};

// Only the images named in ONLY (comma-separated, by file name or
// illustration), when it is set: the others stay as they are.
const only = process.env.ONLY?.split(',');
const wanted = (name) => !only || only.some((part) => name.includes(part));

const browser = await playwright.launch(chromium);
const canvas = await browser.newPage();
for (const [name, body] of Object.entries(illustrations).filter(([name]) => wanted(name))) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1280 720" width="1280" height="720">${body}</svg>`;
  for (const width of [640, 960, 1280]) {
    const height = (width * 9) / 16;
    const webp = await canvas.evaluate(async ({ svg, width, height }) => {
      const picture = new Image();
      picture.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await picture.decode();
      const drawing = document.createElement('canvas');
      Object.assign(drawing, { width, height });
      drawing.getContext('2d').drawImage(picture, 0, 0, width, height);
      return drawing.toDataURL('image/webp', 0.8).split(',')[1];
    }, { svg, width, height });
    const file = `public/images/${name}-${width}.webp`;
    writeFileSync(file, Buffer.from(webp, 'base64'));
    console.log(`${file}: ${width} × ${height}, ${Buffer.from(webp, 'base64').length} bytes`);
  }
}
await canvas.close();
for (const { file, width, height, html } of images.filter(({ file }) => wanted(file))) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(`<!doctype html><html lang="en-GB">${html}</html>`);
  await page.screenshot({ path: file });
  await page.close();
  console.log(`${file}: ${width} × ${height}`);
}
await browser.close();
