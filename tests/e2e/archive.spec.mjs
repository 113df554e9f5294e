// The archive a reader finds every story in: the front page's way into it,
// months, days, a section's older pages, and a story that was withdrawn.
// Prerendered pages carry their data, so each test that checks what the
// app fetches moves inside the app, and checks the fetch happened.
import { test, expect, FIRST, INDEX, SITE, expectNoAxeViolations, visit, navigate } from './fixtures.mjs';

const json = (body, status = 200) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
/** The UK date of an RFC 3339 time, as the archive's addresses name it. */
const ukDate = (time) => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(time));
  const part = (type) => parts.find((p) => p.type === type).value;
  return { year: part('year'), month: part('month'), day: part('day') };
};

test('from the front page, the archive leads by month and day to every story', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => request.url().includes('/api/v1/archive') && fetched.push(new URL(request.url()).pathname));
  await visit(page, '/');
  await page.getByRole('main').getByRole('link', { name: 'the archive, by date' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The archive');
  await expect(page).toHaveTitle(`The archive | ${SITE}`);
  const { year, month, day } = ukDate(FIRST.published);
  await page.getByRole('main').getByRole('link', { name: 'November 2026' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('November 2026');
  const days = page.getByRole('main').getByRole('list').getByRole('link');
  await expect(days.first()).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: new RegExp(`^\\w+day ${Number(day)} November$`) }).click();
  await expect(page).toHaveURL(`/archive/${year}/${month}/${day}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`${Number(day)} November 2026$`));
  const sameDay = INDEX.articles.filter((story) => {
    const date = ukDate(story.published);
    return date.year === year && date.month === month && date.day === day;
  });
  await expect(page.getByRole('main').getByRole('listitem').getByRole('link')).toHaveText(sameDay.map((s) => s.headline));
  // Each page was fetched as the reader moved, not carried by the first.
  expect(fetched).toEqual(['/api/v1/archive.json', `/api/v1/archive/${year}/${month}.json`, `/api/v1/archive/${year}/${month}/${day}.json`]);
  await page.getByRole('main').getByRole('link', { name: FIRST.headline }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(FIRST.headline);
});

test('a day the archive has no stories for says so, with the way to the front page', async ({ page }) => {
  for (const path of ['/archive/2019/02/30', '/archive/1999/01/01', '/archive/2026/13']) {
    await visit(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We have no stories from that date');
    await expect(page.getByRole('main').getByRole('link', { name: 'Go to the front page' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  }
});

test('a section\'s older page lists its stories with the ways to the pages either side', async ({ page }) => {
  // The sample's sections fit one page: an archive's older page, as the
  // build writes it, served in place of the real file.
  const older = {
    section: 'London',
    articles: INDEX.articles.filter((story) => story.section === 'London'),
    newer: '/section/london',
    older: '/section/london/page/1',
  };
  const requested = [];
  await page.route('**/api/v1/sections/london/page/2.json', (route) => {
    requested.push(route.request().url());
    return route.fulfill(json(older));
  });
  await visit(page, '/');
  await navigate(page, '/section/london/page/2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('London');
  expect(requested).toHaveLength(1);
  await expect(page.getByText(/^Older stories: .*November 2026$/)).toBeVisible();
  await expect(page).toHaveTitle(`London: older stories, page 2 | ${SITE}`);
  const pages = page.getByRole('navigation', { name: 'More London stories' });
  await expect(pages.getByRole('link')).toHaveText(['Newer stories', 'Older stories']);
  await expect(pages.getByRole('link', { name: 'Older stories' })).toHaveAttribute('href', '/section/london/page/1');
  await expectNoAxeViolations(page);
  await pages.getByRole('link', { name: 'Newer stories' }).click();
  await expect(page).toHaveURL('/section/london');
  await expect(page.getByRole('navigation', { name: 'More London stories' })).toHaveCount(0);
});

test('a page of a section that does not exist says so', async ({ page }) => {
  for (const path of ['/section/london/page/99', '/section/london/page/first']) {
    await visit(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("We couldn't find that section");
  }
});

test.describe('a withdrawn story', () => {
  test('its address says it was removed, names nothing of it, and offers the way on', async ({ page }) => {
    const response = await visit(page, '/removed');
    expect(response.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This story has been removed');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    await expect(page.getByRole('main').getByRole('link')).toHaveText(['Read the latest news', 'Browse the archive']);
    await expectNoAxeViolations(page);
  });

  test('a link to it inside the app, from before it was withdrawn, says it was removed', async ({ page }) => {
    let asked = 0;
    await page.route(`**/api/v1/articles/${FIRST.slug}.json`, (route) => {
      asked += 1;
      return route.fulfill(json({ error: 'withdrawn', message: 'This story has been removed.' }, 410));
    });
    await visit(page, '/');
    await navigate(page, `/news/${FIRST.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This story has been removed');
    expect(asked).toBe(1);
    await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('link', { name: 'Go to the front page' })).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  });
});
