// What the end-to-end tests share: the sample stories and helpers.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';

/**
 * Playwright's `test`, failing any test in which the page threw: a panic
 * in the app (which aborts it) or any uncaught exception.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const thrown = [];
    page.on('pageerror', (error) => thrown.push(error.message));
    await use(page);
    expect(thrown, 'uncaught errors in the page').toEqual([]);
  },
});
export { expect };

/**
 * Opens `path` as a reader does, and waits until the app has taken the
 * prerendered page over (it says so in `window.newsPortalStarted`): before
 * that, the page reads but does not respond.
 */
export async function visit(page, path) {
  const response = await page.goto(path);
  await appStarted(page);
  return response;
}

/**
 * Waits until a story page has shown its lists of what to read next. The
 * app adds them once it has the page, above the signup and the page's foot,
 * and they push both down: a click aimed below them before they arrive can
 * land on the wrong thing (a footer link pressed at 592 ms, the lists drawn
 * at 590 ms, seen once in 60 runs).
 */
export async function readNextShown(page) {
  await expect(page.getByRole('complementary', { name: 'Latest stories' })).toBeVisible();
}

/** Waits until the app has taken the page over (`window.newsPortalStarted`). */
export async function appStarted(page) {
  await page.waitForFunction(() => window.newsPortalStarted === true);
}

/** Two animation frames: long enough for a change to be laid out and painted. */
export async function twoFrames(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Sums every layout shift the page reports, from before it loads (shifts
 * the reader caused, by input, left out). Call before `goto`; the returned
 * function gives the sum once two more frames have been drawn, so the
 * observer has reported what the last change moved.
 */
export async function watchLayoutShifts(page) {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return async () => {
    await twoFrames(page);
    return page.evaluate(() => window.__shift);
  };
}

/** Moves to `path` inside the running app, as its links do. */
export async function navigate(page, path) {
  await page.evaluate((path) => {
    history.pushState({}, '', path);
    dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
}

export { story, FIRST, WEATHER, BANK, LIVE, INDEX, FEED, SITE, SITE_URL, SAYS, position } from './content.mjs';

export const articleUrl = (slug) => `**/api/v1/articles/${slug}.json`;

/** Expects no WCAG 2.1 A or AA violations on the page as it is now. */
export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}

/**
 * Holds every request to `url` until the returned `release()` is called,
 * then lets it through to the real server; `seen(request)` is told of each
 * as it is held.
 */
export async function holdRequests(page, url, seen = () => {}) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    seen(route.request());
    await held;
    await route.continue();
  });
  return release;
}

/** What the app fetches, as Playwright's routes match it. */
export const URLS = {
  headlines: '**/api/v1/headlines.json',
  signup: '**/api/v1/newsletter',
};

/**
 * Watches the app's fetches of the headlines feed from inside the page, as
 * they start, with the page clock's time of each: `count()` read after
 * `page.clock.runFor` includes every fetch a due timer began (the
 * browser's own request events arrive later, and asynchronously).
 */
export async function watchFeedFetches(page) {
  await page.addInitScript(() => {
    window.__feedFetchTimes = [];
    const fetch = window.fetch;
    window.fetch = function (input, init) {
      if (String(input?.url ?? input).includes('/headlines.json')) window.__feedFetchTimes.push(Date.now());
      return fetch.call(this, input, init);
    };
  });
  return {
    count: () => page.evaluate(() => window.__feedFetchTimes.length),
    times: () => page.evaluate(() => window.__feedFetchTimes),
  };
}

/**
 * Runs the page's clock forward `step` ms at a time until `probe()` gives
 * `expected`. A timer the app sets only once a fetch has finished (which
 * takes real time while the page clock stands still) is then still met.
 */
export async function runClockUntil(page, probe, expected, step = 1_000) {
  await expect
    .poll(
      async () => {
        const value = await probe();
        if (value < expected) await page.clock.runFor(step);
        return value;
      },
      { timeout: 20_000, intervals: [20] },
    )
    .toBe(expected);
}
