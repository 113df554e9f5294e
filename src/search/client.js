// The search client: what the site serves at /search/client.js and the app
// loads the first time a reader focuses the search box, never before. It
// reads the index the build writes (src/publish/search_index.rs), fetching
// only the files a query needs: /search/index.json once, then for each
// word of the query its word file in each segment, then the doc files of
// the best matches. It answers with their slugs (the app fetches the
// stories themselves, for their headlines and excerpts).

const BASE = '/search/';
// Words as the index keeps them: the same rules as `model::words` in
// Rust, held to one table (tests/fixtures/search-words.json) by both.
const STOP = new Set('a an and are as at be but by for from has have he her his in into is it its of on or she that the their they this to was were will with'.split(' '));
const ACCENTS = {};
for (const [plain, accented] of Object.entries({
  a: 'àáâãäåÀÁÂÃÄÅ', c: 'çÇ', e: 'èéêëÈÉÊË', i: 'ìíîïÌÍÎÏ', n: 'ñÑ', o: 'òóôõöøÒÓÔÕÖØ',
  u: 'ùúûüÙÚÛÜ', y: 'ýÿÝŷŶ', w: 'ŵŴ',
})) for (const letter of accented) ACCENTS[letter] = plain;
const MAX_WORD = 24;
// How many of the index's words one word of a query may stand for (the
// most common of those it begins), and which files, fetched, are kept.
const EXPANSIONS = 30;
const files = new Map();

/** The words of `text`, as the index keeps them. */
export function words(text) {
  const found = [];
  let word = '';
  const keep = () => {
    const letters = [...word];
    if (letters.length > 1 && !STOP.has(word)) found.push(letters.slice(0, MAX_WORD).join(''));
    word = '';
  };
  for (const c of String(text)) {
    if (/[A-Za-z0-9]/.test(c)) word += c.toLowerCase();
    else if (ACCENTS[c]) word += ACCENTS[c];
    else if (/[\p{Alphabetic}\p{N}]/u.test(c)) word += c.toLowerCase();
    else keep();
  }
  keep();
  return found;
}

/** A file of the index: its JSON, `null` if there is none, kept once fetched. */
function file(path) {
  if (!files.has(path)) {
    const fetched = fetch(BASE + path).then((response) => {
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.json();
    });
    // A failure is not kept: the next search tries again.
    fetched.catch(() => files.delete(path));
    files.set(path, fetched);
  }
  return files.get(path);
}

/** The file a word is filed under in a segment whose cut keys are `split`. */
function keyOf(word, split) {
  const letters = [...word];
  let length = 2;
  while (length < letters.length && split.has(letters.slice(0, length).join(''))) length += 1;
  return letters.slice(0, length).join('');
}

/**
 * The stories of one segment with a word beginning `want`: a map of story
 * (its number in the segment) to how well it matches, and whether a word
 * kept only its newest stories.
 */
async function storiesWith(segment, want, section) {
  const split = new Set(segment.split);
  const key = keyOf(want, split);
  const entries = (await file(`${segment.folder}/t/${key}.json`)) || {};
  // A word as long as its key may stand for words beginning with it; one
  // whose key is cut longer is looked up as it is.
  const exact = [...want].length <= 2 || split.has(key);
  const matching = Object.entries(entries)
    .filter(([word]) => (exact ? word === want : word.startsWith(want)))
    .sort((a, b) => b[1][0] - a[1][0])
    .slice(0, EXPANSIONS);
  const scores = new Map();
  let capped = false;
  for (const [, [count, gaps, matches, sections]] of matching) {
    if (count > gaps.length) capped = true;
    const rarity = Math.log(1 + segment.stories / count);
    let story = 0;
    gaps.forEach((gap, at) => {
      story += gap;
      if (section !== null && sections[at] !== section) return;
      scores.set(story, Math.max(scores.get(story) || 0, (rarity * matches[at]) / 100));
    });
  }
  return { scores, capped };
}

/**
 * Fetches the word files a search for `query` will read (in the
 * background, as the reader types): a word being typed is filed under its
 * first letters, so its file is usually the one the finished word needs.
 */
export async function prepare(query) {
  const index = await file('index.json');
  if (!index) return;
  for (const want of new Set(words(query))) {
    for (const segment of index.segments) {
      file(`${segment.folder}/t/${keyOf(want, new Set(segment.split))}.json`).catch(() => {});
    }
  }
}

/**
 * Searches the archive: `query` as the reader typed it; `section` a
 * section's slug, or null for all; `sort` 'relevance' (the default) or
 * 'newest'. Answers `{ slugs, total, at_least }`: the `limit` stories
 * after the best `offset`, how many match in all, and whether that is a
 * lower bound (a word so common that the index keeps only its newest
 * stories).
 */
export async function search(query, { section = null, sort = 'relevance', limit = 10, offset = 0 } = {}) {
  const index = await file('index.json');
  if (!index) throw new Error('the search index is missing');
  const wanted = [...new Set(words(query))];
  const sectionNumber = section === null ? null : index.sections.indexOf(section);
  if (!wanted.length || sectionNumber === -1) return { slugs: [], total: 0, at_least: false };
  // Every story that has every word (or a word beginning with it), in
  // every segment, with its score.
  const hits = [];
  let capped = false;
  await Promise.all(
    index.segments.map(async (segment, number) => {
      const perWord = await Promise.all(wanted.map((want) => storiesWith(segment, want, sectionNumber)));
      capped ||= perWord.some((word) => word.capped);
      const [first, ...rest] = perWord.map((word) => word.scores).sort((a, b) => a.size - b.size);
      for (const [story, score] of first) {
        let total = score;
        let everyWord = true;
        for (const other of rest) {
          const more = other.get(story);
          if (more === undefined) {
            everyWord = false;
            break;
          }
          total += more;
        }
        if (everyWord) hits.push({ number, story, score: total });
      }
    }),
  );
  // Newest first: segments and stories are numbered oldest first.
  const newer = (a, b) => b.number - a.number || b.story - a.story;
  hits.sort(sort === 'newest' ? newer : (a, b) => b.score - a.score || newer(a, b));
  // Their slugs, from the doc files (a withdrawn story's is null there).
  const slugs = [];
  for (let at = offset; at < hits.length && slugs.length < limit; at += limit) {
    const batch = hits.slice(at, at + limit);
    const named = await Promise.all(
      batch.map(async ({ number, story }) => {
        const segment = index.segments[number];
        const block = await file(`${segment.folder}/d/${Math.floor(story / index.block)}.json`);
        return block?.[story % index.block]?.[0] ?? null;
      }),
    );
    for (const slug of named) if (slug && slugs.length < limit) slugs.push(slug);
  }
  return { slugs, total: hits.length, at_least: capped };
}

// The index names the segments every query reads: fetched as the client
// loads (when the reader focuses the box), not at the first keystroke.
file('index.json').catch(() => {});
