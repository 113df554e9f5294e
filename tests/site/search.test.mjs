// The search client (src/search/client.js, served as /search/client.js)
// against the index the build wrote into dist/search: the same words as
// the Rust side makes, and what searches of the sample site find.
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const story = (slug) => JSON.parse(read(`public/api/v1/articles/${slug}.json`));

// The client fetches /search/…: here, from dist/ (and counts what it asked for).
const asked = [];
globalThis.fetch = async (url) => {
  asked.push(url);
  try {
    const text = read(`dist${url}`);
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};
const { words, search } = await import(new URL('dist/search/client.js', root));

test('the client splits text into the words the index keeps, as the table says', () => {
  const cases = JSON.parse(read('tests/fixtures/search-words.json'));
  const wrong = cases.filter(({ text, words: expected }) => JSON.stringify(words(text)) !== JSON.stringify(expected));
  assert.deepEqual(wrong.map(({ text }) => `${text}: ${JSON.stringify(words(text))}`), []);
});

test('a word from the seed story finds it first', async () => {
  const found = await search('Palantir');
  assert.equal(found.slugs[0], 'sadiq-khan-blocks-met-police-palantir-deal');
  assert.ok(found.total >= 1 && !found.at_least);
});

test('a word as it is typed finds what it begins', async () => {
  const whole = await search('consultation');
  const begun = await search('consulta');
  assert.ok(whole.total >= 1);
  assert.deepEqual(begun.slugs, whole.slugs);
});

/** The sample stories whose text has every one of `wanted`, by slug. */
const having = (...wanted) =>
  readdirSync(new URL('public/api/v1/articles/', root))
    .map((file) => story(file.replace('.json', '')))
    .filter((s) => {
      const text = words(JSON.stringify([s.headline, s.standfirst, s.key_points, s.body, s.why_this_matters, s.what_this_means_for_you]));
      return wanted.every((word) => text.some((found) => found.startsWith(word)));
    })
    .map((s) => s.slug)
    .sort();

test('two words find only stories with both', async () => {
  const rates = await search('interest rates');
  assert.deepEqual([...rates.slugs].sort(), having('interest', 'rates'));
  assert.ok(rates.slugs.includes('bank-of-england-holds-interest-rates'));
  assert.equal((await search('palantir interest')).total, 0);
});

test('a word in no story finds nothing, and stop words alone ask nothing', async () => {
  assert.deepEqual(await search('xylophone'), { slugs: [], total: 0, at_least: false });
  const before = asked.length;
  assert.equal((await search('the and of')).total, 0);
  assert.equal(asked.length, before, 'nothing fetched for a query of stop words');
});

test('a section filter keeps that section\'s stories only, and newest first sorts by date', async () => {
  const everywhere = await search('england', { sort: 'newest' });
  assert.deepEqual([...everywhere.slugs].sort(), having('england'));
  assert.ok(new Set(everywhere.slugs.map((slug) => story(slug).section)).size >= 2, 'in more than one section');
  const published = everywhere.slugs.map((slug) => story(slug).published);
  assert.deepEqual(published, [...published].sort().reverse());
  const inBusiness = await search('england', { section: 'business' });
  assert.ok(inBusiness.slugs.length >= 1 && inBusiness.slugs.length < everywhere.slugs.length);
  assert.ok(inBusiness.slugs.every((slug) => story(slug).section === 'Business'));
  assert.equal((await search('england', { section: 'no-such-section' })).total, 0);
});

test('results come a page at a time: each page the next of the same order, none twice', async () => {
  const all = await search('england', { sort: 'newest' });
  assert.ok(all.slugs.length >= 3, 'enough stories to make pages of two');
  const pages = [];
  for (let offset = 0; offset < all.total; offset += 2) pages.push(await search('england', { sort: 'newest', limit: 2, offset }));
  assert.deepEqual(pages.flatMap((page) => page.slugs), all.slugs);
  assert.ok(pages.every((page) => page.total === all.total), 'every page counts all the results');
  assert.deepEqual((await search('england', { offset: all.total })).slugs, [], 'past the last result, none');
});
