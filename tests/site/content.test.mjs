// What the build derived from the stories matches its published schema.
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);

test('the front-page index the build wrote matches its schema', () => {
  const valid = ajv.compile(read('public/api/v1/schema/front-page.schema.json'));
  const index = read('dist/api/v1/articles/index.json');
  assert.ok(valid(index), ajv.errorsText(valid.errors));
  assert.ok(index.articles.length >= 5);
});
