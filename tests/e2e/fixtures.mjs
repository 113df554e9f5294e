// What the end-to-end tests share: the sample stories and helpers.
import { readFileSync } from 'node:fs';
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

const articles = new URL('../../public/api/v1/articles/', import.meta.url);

/** A sample story's JSON, as the site serves it. */
export const story = (slug) => JSON.parse(readFileSync(new URL(`${slug}.json`, articles), 'utf8'));

export const FIRST = story('sadiq-khan-blocks-met-police-palantir-deal');
export const WEATHER = story('met-office-issues-yellow-wind-warning-for-northern-england');
export const BANK = story('bank-of-england-holds-interest-rates');
export const INDEX = JSON.parse(readFileSync(new URL('index.json', articles), 'utf8'));

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
 * then lets it through to the real server.
 */
export async function holdRequests(page, url) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}
