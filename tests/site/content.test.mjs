// What the build derived from the stories matches its published schemas.
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const read = (path) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addSchema(read('public/api/v1/schema/article.schema.json'));
const storyIndex = ajv.compile(read('public/api/v1/schema/front-page.schema.json'));
const sectionList = ajv.compile(read('public/api/v1/schema/sections.schema.json'));

test('the front-page index the build wrote matches its schema', () => {
  const index = read('dist/api/v1/articles/index.json');
  assert.ok(storyIndex(index), ajv.errorsText(storyIndex.errors));
  assert.ok(index.articles.length >= 5);
  assert.ok(index.articles.some((story) => story.image), 'the index carries the lead pictures');
});

test('the sections list and every section index match their schemas', () => {
  const { sections } = read('dist/api/v1/sections.json');
  assert.ok(sectionList({ sections }), ajv.errorsText(sectionList.errors));
  const written = readdirSync(new URL('../../dist/api/v1/sections/', import.meta.url))
    .filter((file) => file.endsWith('.json'))
    .sort();
  assert.deepEqual(written, sections.map(({ slug }) => `${slug}.json`).sort());
  for (const { name, slug } of sections) {
    const index = read(`dist/api/v1/sections/${slug}.json`);
    assert.ok(storyIndex(index), `${slug}: ${ajv.errorsText(storyIndex.errors)}`);
    assert.equal(index.section, name);
    assert.ok(index.articles.length > 0 && index.articles.every((story) => story.section === name), slug);
    assert.ok(existsSync(new URL(`../../dist/section/${slug}.html`, import.meta.url)), `section/${slug}.html`);
  }
});

test('the schemas refuse a picture without alt text or from an unsafe address', () => {
  const index = read('dist/api/v1/articles/index.json');
  const withPicture = index.articles.find((story) => story.image);
  for (const change of [{ alt: ' ' }, { src: 'javascript:alert(1)' }, { src: '//evil.example/a.webp' }, { width: 0 }]) {
    const story = { ...withPicture, image: { ...withPicture.image, ...change } };
    assert.equal(storyIndex({ articles: [story] }), false, JSON.stringify(change));
  }
});
