// The HTML every route arrives as passes the W3C Nu HTML Checker (vnu.jar,
// Java) with no errors: invalid nesting would also break hydration.
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const dist = new URL('../../dist/', import.meta.url).pathname;
const vnu = createRequire(import.meta.url)('vnu-jar');

function pages(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return pages(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

test('every prerendered page passes the Nu HTML Checker with no errors', () => {
  const files = pages(dist);
  for (const page of ['index.html', '404.html', 'privacy.html', 'newsletter/confirm.html', 'newsletter/unsubscribe.html']) {
    assert.ok(files.includes(join(dist, page)), `dist/${page} is missing: run scripts/build first`);
  }
  assert.ok(files.some((file) => file.includes('/news/')), 'no story pages in dist/news/');
  // vnu exits non-zero when it finds errors; its JSON report goes to stderr.
  let report;
  try {
    execFileSync('java', ['-jar', vnu, '--format', 'json', '--errors-only', ...files], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    report = { messages: [] };
  } catch (failure) {
    report = JSON.parse(failure.stderr.toString());
  }
  const errors = report.messages.map(
    (m) => `${m.url.replace(/^.*\/dist\//, 'dist/')}:${m.lastLine}:${m.firstColumn ?? ''} ${m.message}`,
  );
  assert.deepEqual(errors, [], `${files.length} pages checked`);
});
