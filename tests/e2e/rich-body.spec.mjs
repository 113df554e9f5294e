// A richer body (issue 31): links, emphasis, inline quotations, lists, a
// picture in the text and a post from another site shown as a card. Read
// prerendered (and hydrated: the fixture fails on any error the app
// throws) and inside the app after it fetched the story's JSON; nothing is
// requested from another site until the reader follows a link.
import { test, expect, expectNoAxeViolations, visit, articleUrl } from './fixtures.mjs';

const RICH = {
  slug: 'oxford-street-car-free-consultation-opens',
  headline: 'Consultation Opens on Plans for a Car-Free Oxford Street',
};
const POST = 'https://bsky.app/profile/sample-residents.bsky.social/post/3sample';

/** Every request the page makes to anywhere but the site at `baseURL`. */
function elsewhere(page, baseURL) {
  const requests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(baseURL).origin && !request.url().startsWith('data:')) {
      requests.push(request.url());
    }
  });
  return requests;
}

async function expectTheRichBody(page) {
  const body = page.locator('article .story-body');
  await expect(body.getByRole('link', { name: 'opened a consultation' })).toHaveAttribute(
    'href',
    'https://www.london.gov.uk/',
  );
  await expect(body.locator('em')).toHaveText('before 10am');
  await expect(body.locator('q')).toHaveText('worried about more traffic on our roads');
  await expect(body.locator('ul > li')).toHaveCount(3);
  await expect(body.locator('ol > li')).toHaveText([
    "Read the plans on City Hall's consultation page.",
    /^Answer the survey/,
    "Follow the rest of London's transport news.",
  ]);
  const picture = body.getByRole('img', { name: /A plan of Oxford Street/ });
  await expect(picture).toHaveAttribute('loading', 'lazy');
  await expect(body.locator('figure.story__picture figcaption')).toContainText(
    'The western half of Oxford Street',
  );
  const card = body.locator('.embed-card');
  await expect(card).toContainText('Post by @sample-residents.bsky.social on Bluesky');
  await expect(card.getByRole('link', { name: 'View the post on Bluesky' })).toHaveAttribute('href', POST);
}

test('a prerendered story shows its richer body, and its links to the site move inside the app', async ({ page, baseURL }) => {
  const requests = elsewhere(page, baseURL);
  await visit(page, `/news/${RICH.slug}`);
  await expectTheRichBody(page);
  await page.getByRole('img', { name: /A plan of Oxford Street/ }).scrollIntoViewIfNeeded();
  await expect
    .poll(() => page.getByRole('img', { name: /A plan of Oxford Street/ }).evaluate((img) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const fetched = page.waitForResponse('**/api/v1/topics/transport.json');
  await page.locator('article .story-body').getByRole('link', { name: 'transport news' }).click();
  expect((await fetched).status()).toBe(200);
  await expect(page).toHaveURL('/topic/transport');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Transport');
  expect(requests).toEqual([]);
});

test('the app renders the richer body from the story JSON it fetches', async ({ page, baseURL }) => {
  const requests = elsewhere(page, baseURL);
  await visit(page, '/topic/transport');
  const fetched = page.waitForResponse(articleUrl(RICH.slug));
  await page.getByRole('main').getByRole('link', { name: RICH.headline }).click();
  expect((await fetched).status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(RICH.headline);
  await expectTheRichBody(page);
  expect(requests).toEqual([]);
});

for (const colorScheme of ['light', 'dark']) {
  test(`the richer body has no WCAG A or AA violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await visit(page, `/news/${RICH.slug}`);
    await expect(page.locator('.embed-card')).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
