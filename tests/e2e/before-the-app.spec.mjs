// What a reader can do before the app arrives (its wasm held back) and with
// JavaScript off: sign up, be told what is wrong with the address, and
// search. The signup is a plain form the page posts to the service, which
// answers with a page of the site; the address never goes in a URL.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect, FIRST, SAYS, appStarted, expectNoAxeViolations } from './fixtures.mjs';

const DB = fileURLToPath(new URL('../../target/e2e/signups.sqlite3', import.meta.url));
const sql = (query) => execFileSync('sqlite3', [DB, query], { encoding: 'utf8' }).trim();
const stored = (email) =>
  sql(`SELECT status || ' ' || source FROM subscribers WHERE email_key = '${email.toLowerCase()}'`);
let counter = 0;
const newAddress = () => `before.${Date.now()}.${counter++}@example.com`;

const signupForm = (page) => page.getByRole('complementary', { name: SAYS.signupHeading });
const field = (page) => signupForm(page).getByRole('textbox', { name: SAYS.emailLabel });
const signUp = (page) => signupForm(page).getByRole('button', { name: 'Sign up' });

/** Every address the page asks for, to check that no URL carries `email`. */
function watchUrls(page) {
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

function expectNowhere(urls, email) {
  const encoded = encodeURIComponent(email);
  expect(urls.filter((url) => url.includes(email) || url.includes(encoded) || url.includes(email.split('@')[0]))).toEqual([]);
}

/**
 * Opens `path` with the app's wasm held back: resolves once the page's
 * loader has asked for it (the page is painted, and the app cannot start).
 * Returns what lets it through.
 */
async function openWithoutTheApp(page, path) {
  let asked;
  let release;
  const wasmAsked = new Promise((resolve) => (asked = resolve));
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    asked();
    await held;
    // A page left meanwhile no longer wants it.
    await route.continue().catch(() => {});
  });
  await page.goto(path);
  await wasmAsked;
  return release;
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a signup at the end of a story is stored once and the reader is told to check their inbox', async ({ page }) => {
    const urls = watchUrls(page);
    const email = newAddress();
    await page.goto(`/news/${FIRST.slug}`);
    await field(page).fill(email);
    await signUp(page).click();
    await expect(page).toHaveURL('/newsletter/check-your-inbox');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
    await expect(page.getByText(/We've sent you an email with a link to confirm your subscription/)).toBeVisible();
    expect(stored(email)).toBe(`pending story:${FIRST.slug}`);
    expectNowhere(urls, email);
  });

  test('a bad address comes back in the field with what is wrong, and the fixed one goes through', async ({ page }) => {
    const urls = watchUrls(page);
    const typed = `before ${Date.now()} at example.com`;
    await page.goto('/');
    await field(page).fill(typed);
    await signUp(page).click();
    await expect(page).toHaveURL('/api/v1/newsletter/signup');
    await expect(page).toHaveTitle(/^Error: /);
    await expect(field(page)).toHaveValue(typed);
    await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page)).toHaveAccessibleDescription(SAYS.invalidEmail);
    await expect(signupForm(page).getByText(SAYS.invalidEmail)).toBeVisible();
    expectNowhere(urls, typed);
    // Fixed, and sent again from the same page.
    const email = newAddress();
    await field(page).fill(email);
    await signUp(page).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
    expect(stored(email)).toBe('pending newsletter');
    expectNowhere(urls, email);
  });

  test('an address already subscribed is told so', async ({ page, request }) => {
    const email = newAddress();
    const signedUp = await request.post('/api/v1/newsletter', { data: { email, elapsed_ms: 5000 } });
    expect(signedUp.status()).toBe(202);
    const token = sql(`SELECT token FROM subscribers WHERE email_key = '${email}'`);
    expect((await request.get(`/api/v1/newsletter/confirm?token=${token}`)).status()).toBe(200);
    await page.goto('/newsletter');
    await field(page).fill(email);
    await signUp(page).click();
    await expect(page).toHaveURL('/newsletter/already-signed-up');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're already signed up");
  });
});

test.describe('with the app held back', () => {
  test('a signup goes as a plain form, once, and the page says to check the inbox', async ({ page }) => {
    const urls = watchUrls(page);
    const email = newAddress();
    await openWithoutTheApp(page, '/');
    expect(await page.evaluate(() => window.newsPortalStarted)).toBeUndefined();
    await field(page).fill(email);
    await signUp(page).click();
    await expect(page).toHaveURL('/newsletter/check-your-inbox');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your inbox');
    expect(stored(email)).toBe('pending footer');
    expectNowhere(urls, email);
  });

  test('a bad address comes back in the field on a page with no accessibility violations (axe-core)', async ({ page }) => {
    await openWithoutTheApp(page, '/newsletter');
    await field(page).fill('not an address');
    await signUp(page).click();
    await expect(page).toHaveURL('/api/v1/newsletter/signup');
    await expect(field(page)).toHaveValue('not an address');
    await expect(field(page)).toHaveAccessibleDescription(SAYS.invalidEmail);
    await expectNoAxeViolations(page);
  });

  test('once the app starts it takes the form over: what was typed stays, and the signup goes in place', async ({ page }) => {
    const email = newAddress();
    const posts = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.headers()['content-type']);
    });
    await page.clock.install();
    const release = await openWithoutTheApp(page, '/');
    await field(page).fill(email);
    release();
    await appStarted(page);
    // Past the time a person takes to fill the form (the app's bot check).
    await page.clock.fastForward(3_000);
    await expect(field(page)).toHaveValue(email);
    await signUp(page).click();
    await expect(signupForm(page).getByText(SAYS.signedUp)).toBeVisible();
    await expect(page).toHaveURL('/');
    expect(posts).toEqual(['application/json']);
    expect(stored(email)).toBe('pending footer');
  });

  test('search by Enter goes to the results page, which keeps the query and shows results once the app runs', async ({ page }) => {
    const release = await openWithoutTheApp(page, '/');
    const box = page.getByRole('search').getByRole('searchbox');
    await box.fill('palantir');
    await box.press('Enter');
    await expect(page).toHaveURL('/search?q=palantir');
    release();
    await appStarted(page);
    await expect(page.getByRole('search').getByRole('searchbox')).toHaveValue('palantir');
    await expect(page.getByRole('main').getByRole('link', { name: FIRST.headline })).toBeVisible();
  });
});
