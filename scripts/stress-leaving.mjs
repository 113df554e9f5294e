// Leaves pages at random moments as the app starts, in a real engine over
// WebDriver (tests/e2e/engines/browsers.mjs), and counts what failed: a
// check for a browser crash when a page is left while the app, or the
// part it asks for as it starts (after_start), is still being fetched or
// linked in. Figures, not pass/fail.
//   node scripts/stress-leaving.mjs              (WebKit, 300 loads)
//   ENGINE=firefox LOADS=100 LEAVE_MS=1500 node scripts/stress-leaving.mjs
// Assumes scripts/setup tests and a built dist/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, openBrowser, stopAll } from '../tests/e2e/engines/browsers.mjs';
import { startServer } from './local-server.mjs';

const engine = process.env.ENGINE || 'webkit';
const loads = Number(process.env.LOADS || 300);
const leaveWithinMs = Number(process.env.LEAVE_MS || 400);
const paths = ['/news/sadiq-khan-blocks-met-police-palantir-deal', '/', '/news/no-such-story', '/search?q=police', '/nowhere'];

const scratch = mkdtempSync(join(tmpdir(), 'news-portal-leaving-'));
const site = await startServer({ port: await freePort(), args: ['--db', join(scratch, 'signups.sqlite3'), '--rate-limit', '0'] });
const { driver } = await openBrowser(engine);
const failures = [];
for (let load = 0; load < loads; load++) {
  const path = paths[load % paths.length];
  const stayMs = Math.floor(Math.random() * leaveWithinMs);
  try {
    await driver.get(site.base + path);
    await driver.executeAsyncScript(`setTimeout(arguments[arguments.length - 1], ${stayMs})`);
  } catch (error) {
    failures.push(`load ${load} (${path}, left after ${stayMs} ms): ${String(error.message).split('\n')[0]}`);
    if (/crash|session/i.test(error.message)) break;
  }
}
const started = await driver.executeScript('return window.newsPortalStarted === true').catch(() => false);
console.log(`${engine}: ${loads} loads, each left within ${leaveWithinMs} ms; ${failures.length} failed; the last page's app started: ${started}`);
for (const failure of failures) console.log(`  ${failure}`);
await driver.quit().catch(() => {});
await site.stop();
stopAll();
rmSync(scratch, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
