// Newsletter signup, in the browser, against the real service and database.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect, FIRST, expectNoAxeViolations, visit, readNextShown, SAYS, URLS, holdRequests } from './fixtures.mjs';

const DB = fileURLToPath(new URL('../../target/e2e/signups.sqlite3', import.meta.url));
const SIGNUP = URLS.signup;

const sql = (query) => execFileSync('sqlite3', [DB, query], { encoding: 'utf8' }).trim();
const rowsFor = (email) => Number(sql(`SELECT count(*) FROM subscribers WHERE email_key = '${email.toLowerCase()}'`));
let counter = 0;
const newAddress = () => `reader.${Date.now()}.${counter++}@example.com`;

const form = (page) => page.getByRole('complementary', { name: SAYS.signupHeading });
const field = (page) => form(page).getByRole('textbox', { name: SAYS.emailLabel });
const signUp = (page) => form(page).getByRole('button', { name: /Sign up|Signing you up…/ });
const status = (page) => form(page).getByRole('status');

/**
 * Opens the front page once the app has taken it over, past the minimum
 * time a person takes to fill the form.
 */
async function open(page, path = '/') {
  await page.clock.install();
  await visit(page, path);
  await expect(field(page).first()).toBeVisible();
  await page.clock.fastForward(3_000);
}

test('the form has its heading, pitch, a labelled field and a privacy notice', async ({ page }) => {
  await open(page);
  await expect(form(page).getByRole('heading', { level: 2 })).toHaveText(SAYS.signupHeading);
  await expect(form(page)).toContainText(
    'Join thousands of readers getting the best of British news straight to their inbox.',
  );
  await expect(field(page)).toHaveAttribute('type', 'email');
  await form(page).getByRole('link', { name: 'privacy notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
  await expect(page.getByText('Sample text', { exact: true })).toBeVisible();
});

test('an empty address is refused on the field, and the message clears as the reader types', async ({ page }) => {
  await open(page);
  await signUp(page).click();
  await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page)).toHaveAccessibleDescription(SAYS.emptyEmail);
  await expect(field(page)).toBeFocused();
  await field(page).pressSequentially('r');
  await expect(field(page)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form(page).getByText(SAYS.emptyEmail)).toHaveCount(0);
});

test('an address that is not valid is refused with an example, and kept', async ({ page }) => {
  let sent = 0;
  page.on('request', (r) => r.url().endsWith('/api/v1/newsletter') && sent++);
  await open(page);
  await field(page).fill('reader@example..com');
  await field(page).press('Enter');
  await expect(field(page)).toHaveAccessibleDescription(SAYS.invalidEmail);
  await expect(field(page)).toHaveValue('reader@example..com');
  expect(sent).toBe(0);
});

test('a signup lands in the database exactly once, as pending', async ({ page }) => {
  const email = newAddress();
  await open(page);
  await field(page).fill(`  ${email.toUpperCase()} `);
  await signUp(page).click();
  const done = form(page).getByText(SAYS.signedUp);
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();
  expect(rowsFor(email)).toBe(1);
  expect(sql(`SELECT status || ' ' || source || ' ' || consent_version FROM subscribers WHERE email_key = '${email}'`)).toBe(
    'pending footer 2026-11',
  );
  expect(Number(sql(`SELECT count(*) FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE s.email_key = '${email}'`))).toBe(1);
});

test('a double click sends one request, and the button says it is busy meanwhile', async ({ page }) => {
  const email = newAddress();
  let sent = 0;
  const release = await holdRequests(page, URLS.signup, () => (sent += 1));
  await open(page);
  await field(page).fill(email);
  await signUp(page).dblclick();
  await expect(signUp(page)).toHaveText('Signing you up…');
  await expect(signUp(page)).toBeDisabled();
  await signUp(page).click({ force: true });
  release();
  await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
  expect(sent).toBe(1);
  expect(rowsFor(email)).toBe(1);
});

test('a bot that fills the honeypot sees success, and nothing is sent or stored', async ({ page }) => {
  const email = newAddress();
  let sent = 0;
  page.on('request', (r) => r.url().endsWith('/api/v1/newsletter') && sent++);
  await open(page);
  // Hidden from people and assistive technology alike.
  await expect(form(page).getByRole('textbox')).toHaveCount(1);
  await form(page).locator('input[name="website"]').fill('http://spam.example', { force: true });
  await field(page).fill(email);
  await signUp(page).click();
  await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
  expect(sent).toBe(0);
  expect(rowsFor(email)).toBe(0);
});

test('a confirmed reader who signs up again is thanked, not signed up twice', async ({ page }) => {
  const email = newAddress();
  await open(page);
  await field(page).fill(email);
  await signUp(page).click();
  await expect(form(page).getByText('Check your inbox')).toBeVisible();
  const token = sql(`SELECT token FROM subscribers WHERE email_key = '${email}'`);

  await visit(page, `/newsletter/confirm?token=${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You're subscribed");
  await expect(page.getByText('the newsletter arrives every weekday morning')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Read the latest edition' })).toHaveAttribute('href', '/newsletter/editions');
  await expect(page.getByRole('complementary', { name: SAYS.signupHeading })).toHaveCount(0);
  expect(sql(`SELECT status FROM subscribers WHERE email_key = '${email}'`)).toBe('confirmed');

  await open(page);
  await field(page).fill(email);
  await signUp(page).click();
  await expect(form(page).getByText("You're already signed up — thank you.")).toBeVisible();
  expect(rowsFor(email)).toBe(1);
});

test('the unsubscribe link asks, then unsubscribes and deletes the address; signing up again starts over', async ({ page }) => {
  const email = newAddress();
  await open(page);
  await field(page).fill(email);
  await signUp(page).click();
  await expect(form(page).getByText('Check your inbox')).toBeVisible();
  const token = sql(`SELECT unsubscribe_token FROM subscribers WHERE email_key = '${email}'`);
  expect(token).toMatch(/^[0-9a-f]{64}$/);

  // Opening the link does nothing by itself (mail scanners open links).
  await visit(page, `/newsletter/unsubscribe?token=${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribe from the newsletter?');
  await expect(page).toHaveTitle("Unsubscribe | Britain's News Portal");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  expect(rowsFor(email)).toBe(1);
  // A page about leaving offers no signup.
  await expect(page.getByRole('complementary', { name: SAYS.signupHeading })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("You've unsubscribed");
  await expect(page.getByText("we've deleted your email address")).toBeVisible();
  expect(rowsFor(email)).toBe(0);
  await expect(page.getByRole('link', { name: 'Read the latest news' })).toHaveAttribute('href', '/');

  await open(page);
  await field(page).fill(email);
  await signUp(page).click();
  await expect(form(page).getByText('Check your inbox')).toBeVisible();
  expect(sql(`SELECT status FROM subscribers WHERE email_key = '${email}'`)).toBe('pending');
  expect(sql(`SELECT unsubscribe_token FROM subscribers WHERE email_key = '${email}'`)).not.toBe(token);
});

test('an unsubscribe link nobody is subscribed with says so, and changes nothing', async ({ page }) => {
  await visit(page, `/newsletter/unsubscribe?token=${'f'.repeat(64)}`);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByRole('alert')).toContainText("You're not subscribed with this link");
  await expect(page.getByRole('alert')).toContainText('unsubscribed already');
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: SAYS.frontPageLink })).toBeVisible();
});

test('an unsubscribe link cut short says so at once, with no button to press', async ({ page }) => {
  for (const path of ['/newsletter/unsubscribe', `/newsletter/unsubscribe?token=${'a'.repeat(40)}`]) {
    await visit(page, path);
    // As the service answers a token it does not know, without asking it.
    await expect(page.getByRole('alert')).toContainText("You're not subscribed with this link");
    await expect(page.getByRole('alert')).toContainText('whole link from the email');
    await expect(page.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: SAYS.frontPageLink })).toBeVisible();
  }
});

test('a confirmation link that is not valid says so', async ({ page }) => {
  await visit(page, `/newsletter/confirm?token=${'0'.repeat(64)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("This link isn't valid");
});

test('signing up at the end of a story records the story as the source', async ({ page }) => {
  const email = newAddress();
  await open(page, `/news/${FIRST.slug}`);
  const inStory = page.getByRole('main').getByRole('complementary', { name: SAYS.signupHeading });
  // This form appears with the story, after the page: give it a person's time too.
  await expect(inStory).toBeVisible();
  await readNextShown(page);
  await page.clock.fastForward(3_000);
  await inStory.getByRole('textbox', { name: SAYS.emailLabel }).fill(email);
  await inStory.getByRole('button', { name: 'Sign up' }).click();
  await expect(inStory.getByText(SAYS.signedUp)).toBeVisible();
  expect(sql(`SELECT source FROM subscribers WHERE email_key = '${email}'`)).toBe(`story:${FIRST.slug}`);
});

test.describe('when the signup does not go through', () => {
  const failures = [
    ['a server error', (route) => route.fulfill({ status: 500, body: 'oops' })],
    ['a network failure', (route) => route.abort('connectionrefused')],
  ];
  for (const [name, fail] of failures) {
    test(`${name}: says so, keeps the address, and Try again resends with the same key`, async ({ page }) => {
      const email = newAddress();
      const keys = [];
      let failing = true;
      await page.route(SIGNUP, (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        return failing ? fail(route) : route.continue();
      });
      await open(page);
      await field(page).fill(email);
      await signUp(page).click();
      await expect(status(page)).toContainText("We couldn't sign you up just now.");
      await expect(field(page)).toHaveValue(email);
      failing = false;
      await form(page).getByRole('button', { name: 'Try again' }).click();
      await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
      expect(keys).toHaveLength(2);
      expect(keys[0]).toBeTruthy();
      expect(keys[1]).toBe(keys[0]);
      expect(rowsFor(email)).toBe(1);
    });
  }

  test('a timeout after 10 s says so and Try again recovers', async ({ page }) => {
    const email = newAddress();
    let hang = true;
    await page.route(SIGNUP, (route) => (hang ? undefined : route.continue()));
    await open(page);
    await field(page).fill(email);
    await signUp(page).click();
    await expect(signUp(page)).toHaveText('Signing you up…');
    await page.clock.fastForward(10_500);
    await expect(status(page)).toContainText("We couldn't sign you up just now.");
    hang = false;
    await form(page).getByRole('button', { name: 'Try again' }).click();
    await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
  });

  test('too many attempts: says so and waits as long as Retry-After asks', async ({ page }) => {
    let limited = true;
    await page.route(SIGNUP, (route) =>
      limited
        ? route.fulfill({
            status: 429,
            headers: { 'Retry-After': '30' },
            contentType: 'application/json',
            body: JSON.stringify({ error: 'rate_limited', message: 'Too many attempts.' }),
          })
        : route.continue(),
    );
    await open(page);
    await field(page).fill(newAddress());
    await signUp(page).click();
    await expect(status(page)).toContainText('Too many attempts. Please wait a minute and try again.');
    await expect(signUp(page)).toBeDisabled();
    await page.clock.fastForward(31_000);
    await expect(signUp(page)).toBeEnabled();
    limited = false;
    await signUp(page).click();
    await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
  });

  test("the service's own field error goes on the field", async ({ page }) => {
    await page.route(SIGNUP, (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'invalid_email', message: 'That address cannot receive email.', field: 'email' }),
      }),
    );
    await open(page);
    await field(page).fill('reader@example.com');
    await signUp(page).click();
    await expect(field(page)).toHaveAccessibleDescription('That address cannot receive email.');
    await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page)).toHaveValue('reader@example.com');
  });

  test("offline: says so, and signs up by itself once back online", async ({ page, context }) => {
    const email = newAddress();
    await open(page);
    await field(page).fill(email);
    await context.setOffline(true);
    await signUp(page).click();
    await expect(status(page)).toContainText("You're offline. We'll try again when you're back.");
    await expect(field(page)).toHaveValue(email);
    await context.setOffline(false);
    await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
    expect(rowsFor(email)).toBe(1);
  });
});

test.describe('accessibility with each message shown (axe-core, WCAG 2.1 A and AA)', () => {
  test('a field error', async ({ page }) => {
    await open(page);
    await signUp(page).click();
    await expect(field(page)).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
  });

  test('a failure with Try again', async ({ page }) => {
    await page.route(SIGNUP, (route) => route.fulfill({ status: 503 }));
    await open(page);
    await field(page).fill(newAddress());
    await signUp(page).click();
    await expect(form(page).getByRole('button', { name: 'Try again' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('rate limited, offline and success', async ({ page, context }) => {
    await page.route(SIGNUP, (route) => route.fulfill({ status: 429, headers: { 'Retry-After': '60' } }));
    await open(page);
    await field(page).fill(newAddress());
    await signUp(page).click();
    await expect(status(page)).toContainText('Too many attempts');
    await expectNoAxeViolations(page);

    await page.unroute(SIGNUP);
    await open(page);
    await field(page).fill(newAddress());
    await context.setOffline(true);
    await signUp(page).click();
    await expect(status(page)).toContainText("You're offline");
    await expectNoAxeViolations(page);
    await context.setOffline(false);
    await expect(form(page).getByText('Check your inbox')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test("a story's form, once left behind, does not send when the connection comes back", async ({ page, context }) => {
  const left = newAddress();
  const kept = newAddress();
  await open(page, `/news/${FIRST.slug}`);
  // The story's form has a signup waiting for the connection…
  await field(page).fill(left);
  await context.setOffline(true);
  await signUp(page).click();
  await expect(status(page)).toContainText("You're offline");
  // …and the reader moves on: the front page has a form of its own, which
  // has one waiting too.
  await page.getByRole('banner').getByRole('link', { name: /Britain's News Portal/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAYS.latestNews);
  await page.clock.fastForward(3_000);
  await field(page).fill(kept);
  await signUp(page).click();
  await expect(status(page)).toContainText("You're offline");
  const sent = [];
  page.on('request', (r) => r.url().endsWith('/api/v1/newsletter') && sent.push(JSON.parse(r.postData()).email));
  await context.setOffline(false);
  // The form on the page sends once the connection is back: by then every
  // listener has heard it, the left one's too, had it been kept.
  await expect(form(page).getByText(SAYS.signedUp)).toBeVisible();
  expect(sent).toEqual([kept]);
  expect(rowsFor(kept)).toBe(1);
  expect(rowsFor(left)).toBe(0);
});
