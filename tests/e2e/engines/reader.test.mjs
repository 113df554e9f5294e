// What a reader does, in Firefox and in WebKit (WebDriver), against the
// prerendered release build and the real signup service: read a story, its
// picture (and one that fails), the app taking the page over, the ticker
// (and one headline at a time with reduced motion), the sections, moving
// between pages, an author's and a topic's pages, a story's richer body, searching, signing up, the newsletter's editions, a live
// page as the newsroom posts to it and deletes from it, addresses with no
// page, and,
// offline, what the service worker kept. Screenshots at 375 and 1,280 px go to test-results/engines/.
// Run after scripts/build: node --test tests/e2e/engines/
// (E2E_ENGINES=firefox or =webkit runs one.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By, until } from 'selenium-webdriver';
import { startServer } from '../../../scripts/local-server.mjs';
import { freePort, openBrowser, stopAll } from './browsers.mjs';
import { holdingProxy } from './holding-proxy.mjs';
import { BANK, FEED, FIRST, INDEX, LIVE, SAYS, SITE_URL, WEATHER, position } from '../content.mjs';

/** Two animation frames: long enough for a change to be laid out. */
const twoFrames = (driver) =>
  driver.executeAsyncScript('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done));');

const ENGINES = (process.env.E2E_ENGINES || 'firefox,webkit').split(',');
const SCREENSHOTS = new URL('../../../test-results/engines/', import.meta.url).pathname;
const WIDTHS = { phone: 375, desktop: 1280 };

let site;
let scratch;
let db;
let serve;

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'news-portal-engine-tests-'));
  db = join(scratch, 'signups.sqlite3');
  // No rate limit: every signup comes from one address here. Started again
  // on the same port after a test takes the host away (an origin's service
  // worker is its port's).
  const port = await freePort();
  serve = () => startServer({ port, args: ['--db', db, '--rate-limit', '0'] });
  site = await serve();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await site?.stop();
  stopAll();
  rmSync(scratch, { recursive: true, force: true });
});

const sameText = (a, b) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Opens `path` and waits until the app has taken the page over. */
async function visit(driver, path) {
  await driver.get(site.base + path);
  await driver.wait(
    () => driver.executeScript('return window.newsPortalStarted === true'),
    20_000,
    `the app did not start on ${path}`,
  );
}

/** The element matching `css` whose accessible name is `name` (in any case). */
async function named(driver, css, name) {
  for (const element of await driver.findElements(By.css(css))) {
    if (sameText(await element.getAccessibleName(), name)) return element;
  }
  throw new Error(`no ${css} named "${name}"`);
}

async function textOf(driver, css) {
  return (await driver.findElement(By.css(css)).getText()).trim();
}

async function waitForText(driver, css, expected) {
  await driver.wait(
    async () => {
      const found = await driver.findElements(By.css(css));
      return found.length > 0 && sameText(await found[0].getText(), expected);
    },
    15_000,
    `${css} never said "${expected}"`,
  );
}

/** The page at both widths, as files a person can look at. */
async function screenshots(driver, engine, name) {
  for (const [device, width] of Object.entries(WIDTHS)) {
    await driver.manage().window().setRect({ width, height: 900 });
    await driver.wait(
      () => driver.executeScript(`return innerWidth === ${width}`),
      5_000,
      `the window did not become ${width} px wide`,
    );
    // The layout catches up with a resize in the frames that follow it.
    await twoFrames(driver);
    const phoneLayout = await driver.executeScript('return matchMedia("(max-width: 40rem)").matches');
    assert.equal(phoneLayout, width < 640, `the ${device} layout at ${width} px`);
    const png = await driver.takeScreenshot();
    writeFileSync(join(SCREENSHOTS, `${engine}-${name}-${device}.png`), Buffer.from(png, 'base64'));
  }
  await driver.manage().window().setRect({ width: WIDTHS.desktop, height: 900 });
}

for (const engine of ENGINES) {
  describe(`in ${engine}`, () => {
    let browser;
    before(async () => {
      browser = await openBrowser(engine);
      await browser.driver.manage().window().setRect({ width: WIDTHS.desktop, height: 900 });
    });
    after(async () => browser?.driver.quit());

    test('a story reads in full: headline, standfirst, key points, both explainers, share link', async () => {
      const { driver } = browser;
      await visit(driver, `/news/${FIRST.slug}`);
      assert.equal(await textOf(driver, 'main h1'), FIRST.headline);
      assert.equal(await textOf(driver, '.story__standfirst'), FIRST.standfirst);
      const keyPoints = await named(driver, 'main section', SAYS.keyPoints);
      assert.equal(await keyPoints.getAriaRole(), 'region');
      const points = await Promise.all((await keyPoints.findElements(By.css('li'))).map((li) => li.getText()));
      assert.deepEqual(points, FIRST.key_points);
      const why = await named(driver, 'main section', SAYS.whyThisMatters);
      assert.match(await why.getText(), new RegExp(FIRST.why_this_matters.slice(0, 40)));
      const whatForYou = await named(driver, 'main section', SAYS.whatThisMeansForYou);
      assert.match(await whatForYou.getText(), new RegExp(FIRST.what_this_means_for_you.slice(0, 40)));
      const share = await driver.findElement(By.css('a.share__button--facebook'));
      assert.match(await share.getAccessibleName(), /^Share on Facebook/);
      await screenshots(driver, engine, 'story');
    });

    test('a story\'s picture shows under the standfirst with its caption; one that fails leaves its space', async () => {
      const { driver } = browser;
      await visit(driver, `/news/${WEATHER.slug}`);
      const picture = await driver.findElement(By.css('article figure img'));
      assert.equal(await picture.getAttribute('alt'), WEATHER.image.alt);
      await driver.wait(() => driver.executeScript('return arguments[0].complete && arguments[0].naturalWidth > 0', picture), 10_000);
      assert.equal(
        await textOf(driver, 'article figure figcaption'),
        `${WEATHER.image.caption} ${WEATHER.image.credit}`.replace(WEATHER.image.credit, (credit) => credit.toUpperCase()),
      );
      // A copy of it from an address with nothing there: the page's loader
      // marks it, and the stylesheet keeps its space, empty.
      const failed = await driver.executeScript(`
        const copy = arguments[0].cloneNode();
        copy.removeAttribute('srcset');
        copy.src = '/images/nothing-here.webp';
        arguments[0].after(copy);
        return copy;`, picture);
      await driver.wait(async () => (await failed.getAttribute('data-failed')) !== null, 10_000, 'the failed picture was not marked');
      const [visibility, width, height] = await driver.executeScript(
        'const box = arguments[0].getBoundingClientRect(); return [getComputedStyle(arguments[0]).visibility, box.width, box.height]',
        failed,
      );
      assert.equal(visibility, 'hidden');
      assert.ok(Math.abs(height - (width * WEATHER.image.height) / WEATHER.image.width) < 1, `${width} × ${height}`);
      await screenshots(driver, engine, 'picture');
    });

    test('the newsletter on the web: the list of editions, an edition, and on to its first story', async () => {
      const { driver } = browser;
      const list = JSON.parse(readFileSync(new URL('../../../dist/api/v1/newsletter/editions.json', import.meta.url), 'utf8'));
      const newest = list.editions[0];
      const edition = JSON.parse(
        readFileSync(new URL(`../../../dist/api/v1/newsletter/editions/${newest.date}.json`, import.meta.url), 'utf8'),
      );
      await visit(driver, '/newsletter/editions');
      assert.ok(sameText(await textOf(driver, 'main h1'), 'The newsletter'));
      const links = await driver.findElements(By.css('main .edition-list a'));
      assert.equal(links.length, list.editions.length);
      await links[0].click();
      await waitForText(driver, 'main h1', edition.subject);
      assert.equal(new URL(await driver.getCurrentUrl()).pathname, `/newsletter/editions/${edition.date}`);
      const headlines = await Promise.all(
        (await driver.findElements(By.css('.edition__headline'))).map((headline) => headline.getText()),
      );
      assert.deepEqual(headlines, edition.stories.map((story) => story.headline));
      await screenshots(driver, engine, 'edition');
      await (await driver.findElement(By.css('.edition__headline a'))).click();
      await waitForText(driver, 'main h1', edition.stories[0].headline);
    });

    test('the sections: one row on a phone, the current one marked', async () => {
      const { driver } = browser;
      await visit(driver, '/section/london');
      await waitForText(driver, 'main h1', 'London');
      const current = await driver.findElements(By.css('nav.section-nav [aria-current="page"]'));
      assert.equal(current.length, 1);
      assert.equal(await current[0].getText(), 'London');
      await driver.manage().window().setRect({ width: WIDTHS.phone, height: 900 });
      await driver.wait(() => driver.executeScript(`return innerWidth === ${WIDTHS.phone}`), 5_000);
      await twoFrames(driver);
      const [rows, scrolls] = await driver.executeScript(`
        const list = document.querySelector('.section-nav__list');
        const tops = new Set([...list.querySelectorAll('a')].map((a) => Math.round(a.getBoundingClientRect().top)));
        return [tops.size, list.scrollWidth > list.clientWidth];`);
      assert.equal(rows, 1);
      assert.equal(scrolls, true);
      await driver.manage().window().setRect({ width: WIDTHS.desktop, height: 900 });
    });

    test('the app takes the page over: Pause answers, and nothing goes wrong', async () => {
      const { driver, console, readsConsole } = browser;
      console.length = 0;
      await visit(driver, `/news/${FIRST.slug}`);
      await driver.wait(async () => (await driver.findElements(By.css('.ticker__toggle'))).length > 0, 15_000);
      const toggle = await named(driver, '.ticker__toggle', SAYS.pause);
      await toggle.click();
      await driver.wait(async () => sameText(await toggle.getAccessibleName(), SAYS.play), 5_000, 'Pause did not answer');
      const state = await driver.executeScript(
        'return getComputedStyle(document.querySelector(".ticker__track")).animationPlayState',
      );
      assert.equal(state, 'paused');
      assert.equal((await driver.findElements(By.id('panic-notice'))).length, 0);
      if (readsConsole) {
        assert.deepEqual(console.filter((line) => /^(error|exception)/.test(line)), []);
      }
    });

    test('Copy link copies the story\'s address, or offers it to copy by hand', async () => {
      const { driver } = browser;
      await visit(driver, `/news/${FIRST.slug}`);
      await (await named(driver, 'button', 'Copy link')).click();
      const status = await driver.findElement(By.css('.share__status'));
      await driver.wait(async () => (await status.getText()) !== '', 5_000, 'Copy link said nothing');
      const said = await status.getText();
      if (said === 'Link copied') return;
      // The engine refused the clipboard: the reader gets the link to copy.
      assert.equal(said, "We couldn't copy the link. Select it below and copy it yourself.");
      const manual = await driver.findElement(By.css('.share__manual input'));
      assert.equal(await manual.getAttribute('value'), `${SITE_URL}/news/${FIRST.slug}`);
      console.log(`# ${engine}: the clipboard was refused; the link is offered to copy by hand`);
    });

    test('the ticker shows every headline, linking to its story', async () => {
      const { driver } = browser;
      await visit(driver, '/');
      const ticker = await named(driver, 'section', SAYS.breaking);
      await driver.wait(async () => (await ticker.findElements(By.css('.ticker__list:not([aria-hidden]) a'))).length > 0, 15_000);
      const links = await ticker.findElements(By.css('.ticker__list:not([aria-hidden]) a'));
      const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
      assert.deepEqual(
        hrefs.map((href) => new URL(href).pathname),
        FEED.headlines.map((item) => `/news/${item.slug}`),
      );
      // The copy that makes the loop seamless is inert: its links take no focus.
      const copyTakesFocus = await driver.executeScript(`
        const link = document.querySelector('.ticker__list[aria-hidden="true"][inert] a');
        link.focus();
        return document.activeElement === link;`);
      assert.equal(copyTakesFocus, false);
    });

    test('with reduced motion the ticker shows one headline at a time', async () => {
      const calm = await openBrowser(engine, { reducedMotion: true });
      try {
        const { driver } = calm;
        await driver.manage().window().setRect({ width: WIDTHS.desktop, height: 900 });
        await visit(driver, '/');
        assert.equal(await driver.executeScript('return matchMedia("(prefers-reduced-motion: reduce)").matches'), true);
        const total = FEED.headlines.length;
        await waitForText(driver, '.ticker__position', position(1, total));
        assert.equal((await driver.findElements(By.css('.ticker__track'))).length, 0, 'nothing moves');
        assert.equal((await driver.findElements(By.css('.ticker__list a'))).length, 1);
        await (await named(driver, '.ticker button', SAYS.nextHeadline)).click();
        await waitForText(driver, '.ticker__position', position(2, total));
        const link = await driver.findElement(By.css('.ticker__list a'));
        assert.equal(new URL(await link.getAttribute('href')).pathname, `/news/${FEED.headlines[1].slug}`);
        await screenshots(driver, engine, 'ticker-reduced-motion');
      } finally {
        await calm.driver.quit();
      }
    });

    test('front page → story → back, without leaving the app', async () => {
      const { driver } = browser;
      await visit(driver, '/');
      // Rendered text, as WebDriver gives it, is in the heading's CSS capitals.
      assert.ok(sameText(await textOf(driver, 'main h1'), SAYS.latestNews));
      const listed = await Promise.all((await driver.findElements(By.css('main .story-card h2'))).map((h) => h.getText()));
      assert.deepEqual(listed, INDEX.articles.map((story) => story.headline));
      await screenshots(driver, engine, 'front');
      await driver.executeScript('window.__sameApp = true');
      await driver.findElement(By.linkText(FIRST.headline)).click();
      await waitForText(driver, 'main h1', FIRST.headline);
      assert.equal(new URL(await driver.getCurrentUrl()).pathname, `/news/${FIRST.slug}`);
      await driver.navigate().back();
      await waitForText(driver, 'main h1', SAYS.latestNews);
      assert.equal(await driver.executeScript('return window.__sameApp'), true);
    });

    test('a byline leads to its author, a topic link to its topic, and on to a story there, without leaving the app', async () => {
      const { driver } = browser;
      await visit(driver, `/news/${FIRST.slug}`);
      await driver.executeScript('window.__sameApp = true');
      await (await named(driver, 'main .story__byline a', 'Alex Morgan')).click();
      await waitForText(driver, 'main h1', 'Alex Morgan');
      assert.equal(new URL(await driver.getCurrentUrl()).pathname, '/author/alex-morgan');
      assert.equal(await textOf(driver, 'main .profile__role'), 'City Hall correspondent');
      await screenshots(driver, engine, 'author');
      await driver.findElement(By.linkText(FIRST.headline)).click();
      await waitForText(driver, 'main h1', FIRST.headline);
      await (await named(driver, 'main nav.topics a', 'Palantir')).click();
      await waitForText(driver, 'main h1', 'Palantir');
      assert.equal(new URL(await driver.getCurrentUrl()).pathname, '/topic/palantir');
      const listed = await Promise.all((await driver.findElements(By.css('main .story-card h2'))).map((h) => h.getText()));
      assert.deepEqual(listed, [FIRST.headline]);
      await screenshots(driver, engine, 'topic');
      assert.equal(await driver.executeScript('return window.__sameApp'), true);
    });

    test('a richer body: a link, a list, a post as a card, and its link to a topic followed without leaving the app', async () => {
      const { driver } = browser;
      await visit(driver, '/news/oxford-street-car-free-consultation-opens');
      await driver.executeScript('window.__sameApp = true');
      const link = await named(driver, 'main .story-body p a', 'opened a consultation');
      assert.equal(await link.getAttribute('href'), 'https://www.london.gov.uk/');
      assert.equal(await textOf(driver, 'main .story-body li em'), 'before 10am');
      assert.equal((await driver.findElements(By.css('main .story-body ol > li'))).length, 3);
      const post = await named(driver, 'main .embed-card a', 'View the post on Bluesky');
      assert.equal(await post.getAttribute('href'), 'https://bsky.app/profile/sample-residents.bsky.social/post/3sample');
      await screenshots(driver, engine, 'rich-body');
      await (await named(driver, 'main .story-body li a', 'transport news')).click();
      await waitForText(driver, 'main h1', 'Transport');
      assert.equal(new URL(await driver.getCurrentUrl()).pathname, '/topic/transport');
      assert.equal(await driver.executeScript('return window.__sameApp'), true);
    });

    test('searching: typing a word from a story finds it, and its result opens it', async () => {
      const { driver } = browser;
      await visit(driver, '/');
      const box = await named(driver, 'input[type=search]', 'Search the news');
      await box.click();
      await box.sendKeys('palantir');
      await driver.wait(async () => new URL(await driver.getCurrentUrl()).search === '?q=palantir', 10_000, 'the address never kept the query');
      await driver.wait(
        async () => (await driver.findElements(By.css('main .search-result'))).length === 1,
        10_000,
        'no result',
      );
      assert.ok(sameText(await textOf(driver, 'main [role=status]'), '1 story found for \u201cpalantir\u201d'));
      assert.equal(await textOf(driver, 'main .search-result mark'), 'Palantir');
      await screenshots(driver, engine, 'search');
      await driver.executeScript('window.__sameApp = true');
      await driver.findElement(By.linkText(FIRST.headline)).click();
      await waitForText(driver, 'main h1', FIRST.headline);
      await driver.navigate().back();
      await driver.wait(async () => (await driver.findElements(By.css('main .search-result'))).length === 1, 10_000, 'Back lost the results');
      assert.equal(await driver.executeScript('return window.__sameApp'), true);
    });

    test('signing up says what is wrong, then signs the reader up, once', async () => {
      const { driver } = browser;
      await visit(driver, '/');
      // The service takes a form sent within 2 s of appearing for a bot's.
      await driver.sleep(2_100);
      const form = await named(driver, 'aside', SAYS.signupHeading);
      const field = await form.findElement(By.css('input[type=email]'));
      assert.equal(await field.getAccessibleName(), SAYS.emailLabel);
      const signUp = await form.findElement(By.css('button[type=submit]'));
      await signUp.click();
      await driver.wait(async () => (await field.getAttribute('aria-invalid')) === 'true', 5_000);
      const error = await form.findElement(By.id(await field.getAttribute('aria-describedby')));
      assert.equal(await error.getText(), SAYS.emptyEmail);
      const email = `${engine}.${Date.now()}@example.com`;
      await field.sendKeys(email);
      await signUp.click();
      await driver.wait(async () => (await form.getText()).includes(SAYS.signedUp), 10_000, 'no confirmation');
      const rows = execFileSync('sqlite3', [db, `SELECT count(*) FROM subscribers WHERE email_key = '${email}'`], {
        encoding: 'utf8',
      });
      assert.equal(Number(rows), 1);
    });

    test('without JavaScript: a bad address comes back kept, with what is wrong; the fixed one signs up', async () => {
      const plain = await openBrowser(engine, { javaScript: false });
      try {
        const { driver } = plain;
        await driver.get(`${site.base}/`);
        assert.equal(await driver.executeScript('return matchMedia("(scripting: none)").matches'), true);
        const typed = `${engine} at example.com`;
        await driver.findElement(By.id('signup-email-footer')).sendKeys(typed);
        await (await named(driver, 'aside button', 'Sign up')).click();
        await driver.wait(until.urlIs(`${site.base}/api/v1/newsletter/signup`), 10_000);
        const field = await driver.findElement(By.id('signup-email-page'));
        assert.equal(await field.getAttribute('value'), typed);
        assert.equal(await field.getAttribute('aria-invalid'), 'true');
        assert.equal(await textOf(driver, `#${await field.getAttribute('aria-describedby')}`), SAYS.invalidEmail);
        assert.match(await driver.getTitle(), /^Error: /);
        const email = `${engine}.plain.${Date.now()}@example.com`;
        await field.clear();
        await field.sendKeys(email);
        await (await named(driver, 'aside button', 'Sign up')).click();
        await waitForText(driver, 'main h1', 'Check your inbox');
        assert.equal(await driver.getCurrentUrl(), `${site.base}/newsletter/check-your-inbox`);
        const rows = execFileSync('sqlite3', [db, `SELECT status || ' ' || source FROM subscribers WHERE email_key = '${email}'`], {
          encoding: 'utf8',
        });
        assert.equal(rows.trim(), 'pending newsletter');
      } finally {
        await plain.driver.quit();
      }
    });

    test('with the app held back: a bad address comes back kept; a signup goes as a plain form, once, and the page says to check the inbox', async () => {
      const { driver } = browser;
      const proxy = await holdingProxy(site.base, (path) => path.endsWith('.wasm'));
      try {
        await driver.get(`${proxy.base}/news/${FIRST.slug}`);
        await proxy.asked;
        assert.equal(await driver.executeScript('return window.newsPortalStarted === undefined'), true);
        const typed = `${engine} early at example.com`;
        await driver.findElement(By.id('signup-email-story')).sendKeys(typed);
        await (await named(driver, 'aside button', 'Sign up')).click();
        await driver.wait(until.urlIs(`${proxy.base}/api/v1/newsletter/signup`), 10_000);
        const field = await driver.findElement(By.id('signup-email-page'));
        assert.equal(await field.getAttribute('value'), typed);
        assert.equal(await textOf(driver, '#signup-email-error-page'), SAYS.invalidEmail);
        await screenshots(driver, engine, 'signup-error-before-the-app');
        await driver.get(`${proxy.base}/news/${FIRST.slug}`);
        const email = `${engine}.early.${Date.now()}@example.com`;
        const form = await named(driver, 'aside', SAYS.signupHeading);
        await form.findElement(By.css('input[type=email]')).sendKeys(email);
        await form.findElement(By.css('button[type=submit]')).click();
        await waitForText(driver, 'main h1', 'Check your inbox');
        assert.ok(!(await driver.getCurrentUrl()).includes(email.split('@')[0]));
        const rows = execFileSync('sqlite3', [db, `SELECT status || ' ' || source FROM subscribers WHERE email_key = '${email}'`], {
          encoding: 'utf8',
        });
        assert.equal(rows.trim(), `pending story:${FIRST.slug}`);
        await screenshots(driver, engine, 'check-your-inbox');
      } finally {
        await proxy.stop();
      }
    });

    test('a missing story and an unknown path say so, with a way home', async () => {
      const { driver } = browser;
      for (const [path, heading] of [
        ['/news/no-such-story', SAYS.missingStory],
        ['/no/such/page', SAYS.missingPage],
      ]) {
        assert.equal((await fetch(site.base + path)).status, 404);
        await visit(driver, path);
        await waitForText(driver, 'main h1', heading);
        const home = await driver.findElement(By.linkText(SAYS.frontPageLink));
        assert.equal(new URL(await home.getAttribute('href')).pathname, '/');
      }
      await visit(driver, '/news/no-such-story');
      await waitForText(driver, 'main h1', SAYS.missingStory);
      await screenshots(driver, engine, 'missing-story');
    });

    // Last: it takes the host away. A page never opened, offline, is the
    // service worker's offline page (the browser's own error page if no
    // worker answered), and the stories it kept read from what it kept.
    test('offline: a story never opened says so and lists what can be read, which reads', async (t) => {
      const { driver } = browser;
      await visit(driver, `/news/${FIRST.slug}`);
      if (!(await driver.executeScript("return 'serviceWorker' in navigator"))) {
        t.skip(`${engine} has no service workers here`);
        return;
      }
      await driver.wait(
        () => driver.executeScript('return navigator.serviceWorker.controller !== null'),
        15_000,
        'no service worker took the page',
      );
      await driver.wait(
        () =>
          driver.executeAsyncScript(
            `const done = arguments[arguments.length - 1];
             caches.open('news-saved').then((cache) => cache.keys())
               .then((keys) => done(keys.some((r) => r.url.endsWith('/api/v1/articles/${FIRST.slug}.json'))));`,
          ),
        10_000,
        'the story was never kept',
      );
      await site.stop();
      try {
        await visit(driver, `/news/${BANK.slug}`);
        assert.equal(new URL(await driver.getCurrentUrl()).pathname, `/news/${BANK.slug}`);
        await waitForText(driver, 'main h1', "You're offline");
        const saved = await driver.wait(
          async () => (await driver.findElements(By.css('.saved-stories')))[0],
          10_000,
          'no list of what can be read',
        );
        assert.equal(await saved.getAccessibleName(), 'Saved on this device');
        await screenshots(driver, engine, 'offline');
        await saved.findElement(By.linkText(FIRST.headline)).click();
        await waitForText(driver, 'main h1', FIRST.headline);
        assert.ok(await named(driver, 'main section', SAYS.keyPoints));
      } finally {
        site = await serve();
      }
    });

    test('a live page: a post published while it is open waits behind the button and shows at the top when pressed; a deleted one leaves', async () => {
      const { driver } = browser;
      // A site of its own, published into by the real publish program
      // while the page is open, as a newsroom's would be. (Last: in WebKit,
      // a second origin's service worker in the same session kept the
      // offline test's worker from saving what it read.)
      const own = join(scratch, `live-${engine}`);
      cpSync('public/api/v1', join(own, 'content'), { recursive: true });
      const storyFile = join(own, 'content/articles', `${LIVE.slug}.json`);
      const publish = (args = []) =>
        execFileSync('target/tools/publish', ['--content', join(own, 'content'), '--dist', join(own, 'dist'), ...args], { stdio: 'ignore' });
      publish(['--full']);
      const liveSite = await startServer({ port: await freePort(), dist: join(own, 'dist'), args: ['--db', join(own, 'signups.sqlite3')] });
      try {
        await driver.get(`${liveSite.base}/news/${LIVE.slug}`);
        await driver.wait(() => driver.executeScript('return window.newsPortalStarted === true'), 20_000, 'the app did not start');
        assert.match(await textOf(driver, '.story__kicker'), /live/i);
        const keyEvents = await named(driver, 'nav', 'Key events');
        assert.equal((await keyEvents.findElements(By.css('a'))).length, 2);

        const story = JSON.parse(readFileSync(storyFile, 'utf8'));
        story.live.posts.push({
          id: 'trees-down',
          published: '2026-11-28T11:40:00Z',
          title: 'Trees down on the A66',
          body: [{ type: 'paragraph', text: 'Fallen trees have closed the A66 between Penrith and Keswick.' }],
        });
        writeFileSync(storyFile, JSON.stringify(story));
        publish();
        // The next poll (every 15 s) finds it: it waits behind the button.
        const button = await driver.wait(until.elementLocated(By.css('.live__show')), 40_000, 'no "new updates" button');
        assert.ok(sameText(await button.getAccessibleName(), '1 new update'));
        assert.equal((await driver.findElements(By.id('post-trees-down'))).length, 0);
        await button.click();
        await driver.wait(until.elementLocated(By.id('post-trees-down')), 5_000);
        const ids = await driver.executeScript("return [...document.querySelectorAll('.live article.live-post')].map((p) => p.id)");
        assert.deepEqual(ids.slice(0, 2), ['post-what-to-do', 'post-trees-down']);
        await driver.wait(() => driver.executeScript("return document.activeElement.id === 'post-trees-down'"), 5_000, 'focus did not move to the new post');

        story.live.posts = story.live.posts.filter((post) => post.id !== 'trees-down');
        story.live.deleted = ['trees-down'];
        writeFileSync(storyFile, JSON.stringify(story));
        publish();
        await driver.wait(
          async () => (await driver.findElements(By.id('post-trees-down'))).length === 0,
          40_000,
          'the deleted post stayed on the page',
        );
      } finally {
        await liveSite.stop();
      }
    });
  });
}
