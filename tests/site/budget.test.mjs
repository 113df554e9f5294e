// The byte budget: what a reader downloads to read a story may not grow
// past the figures in budgets.json without someone deciding it should (the
// budget raised in the same commit, and saying why). A saving lowers the
// budget in the same commit too: a figure more than `slack` under its
// budget fails, naming the figure to write. Bytes are exact, so this is a
// test (speeds are benchmarks: scripts/bench-*).
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const budgets = JSON.parse(readFileSync(new URL('budgets.json', root), 'utf8'));
const dist = new URL('dist/', root);

/** The one file in dist/ whose name matches `pattern`. */
function only(pattern) {
  const found = readdirSync(dist).filter((name) => pattern.test(name));
  assert.equal(found.length, 1, `one file like ${pattern} in dist/, found ${found.join(', ') || 'none'}`);
  return new URL(found[0], dist);
}

const FIGURES = {
  // What the browser downloads of the app: the build's brotli copies (-q 11),
  // which the host serves as they are.
  wasm_brotli_bytes: () => statSync(only(/^news-portal-[0-9a-f]+_bg\.wasm\.br$/)).size,
  glue_brotli_bytes: () => statSync(only(/^news-portal-[0-9a-f]+\.js\.br$/)).size,
  // The script that fetches the app's split-off parts, which the glue
  // imports (scripts/split-app); a story needs none of the parts.
  parts_loader_brotli_bytes: () => {
    const folder = only(/^news-portal-[0-9a-f]+$/);
    return statSync(new URL(`${folder.pathname.split('/').pop()}/split.js.br`, dist)).size;
  },
  // A story's page as the build writes it (the host compresses pages).
  story_page_html_bytes: () => statSync(new URL(`news/${budgets.story}.html`, dist)).size,
};

for (const [name, measure] of Object.entries(FIGURES)) {
  test(`${name.replaceAll('_', ' ')} within its budget`, (t) => {
    const { budget, slack } = budgets[name];
    const figure = measure();
    t.diagnostic(`${name}: ${figure.toLocaleString('en-GB')} of ${budget.toLocaleString('en-GB')}`);
    assert.ok(
      figure <= budget,
      `${name} is ${figure} bytes, over its budget of ${budget} in budgets.json by ${figure - budget}: ` +
        'make it smaller, or raise the budget and say why in the commit',
    );
    assert.ok(
      figure >= budget - slack,
      `${name} is ${figure} bytes, ${budget - figure} under its budget of ${budget}: ` +
        `lower the budget in budgets.json to ${figure} in the same commit`,
    );
  });
}
