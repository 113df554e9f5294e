// The sample content and the test fixtures against the published JSON Schemas.
// Run: node --test tests/content/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = new URL('../../', import.meta.url).pathname;
const api = join(root, 'public/api/v1');
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
const article = ajv.compile(read(join(api, 'schema/article.schema.json')));
const headlines = ajv.compile(read(join(api, 'schema/headlines.schema.json')));

const articleFiles = readdirSync(join(api, 'articles'));

for (const file of articleFiles) {
  test(`sample article ${file} matches the article schema`, () => {
    const ok = article(read(join(api, 'articles', file)));
    assert.ok(ok, ajv.errorsText(article.errors));
  });
}

test('the example story with every field (docs/examples) matches the article schema', () => {
  const ok = article(read(join(root, 'docs/examples/story-with-every-field.json')));
  assert.ok(ok, ajv.errorsText(article.errors));
});

test('the headlines feed matches its schema', () => {
  const ok = headlines(read(join(api, 'headlines.json')));
  assert.ok(ok, ajv.errorsText(headlines.errors));
});

test('the headlines schema rejects an item with neither slug nor url', () => {
  assert.equal(headlines({ headlines: [{ id: 'x', headline: 'X', published: '2026-11-27T09:00:00Z' }] }), false);
});

test('the schema rejects an article without a headline', () => {
  const { headline, ...headless } = read(join(api, 'articles', articleFiles[0]));
  assert.equal(article(headless), false);
});

test('the schema rejects a body block of an unknown type', () => {
  const story = read(join(api, 'articles', articleFiles[0]));
  story.body = [{ type: 'hologram', text: 'x' }];
  assert.equal(article(story), false);
});

test('the schema takes the richer body and refuses an embed from another site or a run it cannot read', () => {
  const story = read(join(api, 'articles', 'oxford-street-car-free-consultation-opens.json'));
  const kinds = new Set(story.body.map((block) => block.type));
  for (const kind of ['paragraph', 'list', 'picture', 'embed']) assert.ok(kinds.has(kind), kind);
  for (const bad of [
    { type: 'embed', url: 'https://evil.example/x.com/post' },
    { type: 'embed', url: 'http://x.com/a/status/1' },
    { type: 'paragraph', text: [{ text: 'x', html: '<b>x</b>' }] },
    { type: 'list', items: [] },
    { type: 'picture', image: { src: 'javascript:x', alt: 'A', width: 1, height: 1 } },
  ]) {
    assert.equal(article({ ...story, body: [bad] }), false, JSON.stringify(bad));
  }
});

test('the schema rejects a published time that is not a date-time', () => {
  const story = read(join(api, 'articles', articleFiles[0]));
  story.published = '26/11/2026';
  assert.equal(article(story), false);
});

const edition = ajv.compile(read(join(api, 'schema/edition.schema.json')));
const editionFiles = readdirSync(join(api, 'newsletter/editions'));

test('the sample has an edition of the newsletter', () => {
  assert.ok(editionFiles.length > 0);
});

for (const file of editionFiles) {
  test(`sample edition ${file} matches the edition schema`, () => {
    const ok = edition(read(join(api, 'newsletter/editions', file)));
    assert.ok(ok, ajv.errorsText(edition.errors));
  });
}

test('the edition schema rejects three stories, and a key point 0', () => {
  const sample = read(join(api, 'newsletter/editions', editionFiles[0]));
  assert.equal(edition({ ...sample, stories: sample.stories.slice(0, 3) }), false);
  const zero = { ...sample, stories: sample.stories.map((s) => ({ ...s, key_point: 0 })) };
  assert.equal(edition(zero), false);
});

test('a live page may have an empty body; a story may not', () => {
  const story = read(join(api, 'articles', articleFiles[0]));
  story.body = [];
  assert.equal(article(story), false);
  story.live = { posts: [{ id: 'first', published: '2026-12-05T09:00:00Z', body: [{ type: 'paragraph', text: 'It begins.' }] }] };
  assert.ok(article(story), ajv.errorsText(article.errors));
});

test('the schema rejects a live post whose id cannot be an address', () => {
  const story = read(join(api, 'articles', articleFiles[0]));
  story.live = { posts: [{ id: 'Post One', published: '2026-12-05T09:00:00Z', body: [{ type: 'paragraph', text: 'x' }] }] };
  assert.equal(article(story), false);
});
