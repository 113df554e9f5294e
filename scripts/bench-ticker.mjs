#!/usr/bin/env node
// Records 5 s of the running BREAKING ticker in headless Chromium and prints
// long tasks (> 50 ms), layouts and layout shift during it. The goal is none
// of each: the strip should move on the compositor alone.
//   node scripts/bench-ticker.mjs        (after scripts/build)
import { chromium as playwright } from '@playwright/test';
import { chromium } from '../tests/e2e/browser.mjs';
import { startServer } from './local-server.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 5);
const { base, stop } = await startServer({ port: 4174, args: ['--db', 'target/bench-ticker.sqlite3'] });
try {
  const browser = await playwright.launch(chromium);
  for (const width of [375, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(`${base}/news/sadiq-khan-blocks-met-police-palantir-deal`);
    await page.locator('.ticker__track a').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async (name) =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
    const layoutsBefore = await metric('LayoutCount');
    const stylesBefore = await metric('RecalcStyleCount');
    const observed = await page.evaluate(
      (ms) =>
        new Promise((resolve) => {
          // No requestAnimationFrame probe here: it would itself force a
          // style pass every frame and spoil the count it is meant to take.
          const result = { longTasks: [], shift: 0 };
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) result.longTasks.push(Math.round(e.duration));
          }).observe({ type: 'longtask' });
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) result.shift += e.value;
          }).observe({ type: 'layout-shift' });
          setTimeout(() => resolve(result), ms);
        }),
      seconds * 1000,
    );
    const layouts = (await metric('LayoutCount')) - layoutsBefore;
    const styles = (await metric('RecalcStyleCount')) - stylesBefore;
    const moving = await page.evaluate(() => getComputedStyle(document.querySelector('.ticker__track')).animationPlayState);
    console.log(
      `ticker ${width}px, ${seconds} s (${moving}): long tasks ${observed.longTasks.length}` +
        `${observed.longTasks.length ? ` (${observed.longTasks.join(', ')} ms)` : ''}, ` +
        `layouts ${layouts}, style recalcs ${styles}, layout shift ${observed.shift.toFixed(4)}`,
    );
    await page.close();
  }
  await browser.close();
} finally {
  await stop();
}
