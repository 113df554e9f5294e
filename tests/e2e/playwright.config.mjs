// End-to-end tests: the release build in dist/, served by the project's own
// server exactly as `scripts/serve` serves it, driven in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { chromium } from './browser.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const port = Number(process.env.E2E_PORT || 4173);
const baseURL = `http://127.0.0.1:${port}`;

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
  },
  webServer: {
    command: `target/debug/news-portal-server --dist dist --addr 127.0.0.1:${port}`,
    cwd: root,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
