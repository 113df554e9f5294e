// End-to-end tests: the release build in dist/, served by the project's own
// server exactly as `scripts/serve` serves it, driven in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { chromium } from './browser.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const port = Number(process.env.E2E_PORT || 4173);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh signup database for every run; the tests read it with sqlite3.
// (Emptied by the server's command: this file is loaded by every worker too.)
const signupDb = `${root}target/e2e/signups.sqlite3`;
mkdirSync(`${root}target/e2e`, { recursive: true });

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  // Two cores: one browser at a time keeps timings honest.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'off',
    // Playwright's interception (page.route), which these tests use to
    // hold, fail and count requests, does not see what a service worker
    // answers: the worker is tested on its own, with nothing intercepted
    // but the signup (offline.spec.mjs, which allows it).
    serviceWorkers: 'block',
  },
  webServer: {
    // No rate limit here: the tests sign up often from one address. The
    // limit itself is tested in server/tests, and its message by interception.
    // Its log says only what goes wrong (warnings and errors).
    command: `rm -f ${signupDb} ${signupDb}-wal ${signupDb}-shm && RUST_LOG=warn target/debug/news-portal-server --dist dist --addr 127.0.0.1:${port} --db ${signupDb} --rate-limit 0`,
    cwd: root,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
