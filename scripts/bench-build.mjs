#!/usr/bin/env node
// The build at a newsroom's scale: for each size (1,000, 10,000 and 100,000
// stories unless given), a synthetic archive (scripts: synthetic-archive;
// shaped like the samples, eight sections, spread over three years) in a
// temporary folder, a full content build of it with the app as built (no
// app code is compiled or optimised), then three one-story publishes: a
// new story, a change to an old one, and a withdrawal. Prints, for each:
// time, pages a second, peak memory, files and bytes, the largest page,
// what a click from one story to another fetches (its JSON, read-next.json
// and its first topic's page), and what each one-story
// publish rewrote; and the search index: how long the publish spent
// making it (its own phase) and the files and bytes it is.
// Figures, not pass/fail: the machine is shared.
//   node scripts/bench-build.mjs [SIZE...]
//   BENCH_PUBLISH=/tmp/before/publish node scripts/bench-build.mjs 10000
//                  (another publish program, e.g. an earlier commit's, on
//                   this app and the same synthetic stories)
// Needs about 3 GB of free disk at 100,000 stories (deleted after).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [1_000, 10_000, 100_000];
const env = { ...process.env, NEWS_SITE_URL: process.env.NEWS_SITE_URL || 'http://127.0.0.1:8080', NEWS_BUILD_TIME: '2026-12-01T09:00:00Z' };
const root = new URL('..', import.meta.url).pathname;
const PUBLISH = process.env.BENCH_PUBLISH || join(root, 'target/tools/publish');

// The app as scripts/build builds it, and the two programs this uses.
execFileSync('scripts/build-app', { cwd: root, env, stdio: 'inherit' });
execFileSync('cargo', ['build', '--quiet', '--profile', 'tools', '--bin', 'synthetic-archive'], { cwd: root, env, stdio: 'inherit' });

/** Runs publish with `args`: its wall time, peak memory and summary. */
function publish(dir, args) {
  const run = spawnSync('/usr/bin/time', ['-f', 'peak %M KB', PUBLISH, ...args, '--timings',
    '--app', join(root, 'target/trunk'), '--content', join(dir, 'content'), '--dist', join(dir, 'dist'),
    '--changes', join(dir, 'changes.txt')], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`publish ${args.join(' ')} failed:\n${run.stderr}`);
  const summary = run.stderr.split('\n').find((line) => line.includes(' stories (')) || '';
  const number = (pattern) => Number((summary.match(pattern) || [])[1]);
  const phase = (name) => Number((run.stderr.match(new RegExp(`publish: ${name}: ([\\d.]+) s`)) || [])[1]);
  const changes = readFileSync(join(dir, 'changes.txt'), 'utf8').split('\n').filter(Boolean);
  return {
    seconds: number(/ in ([\d.]+) s/),
    pages: number(/ \((\d+) pages\)/),
    peakMB: Number(run.stderr.match(/peak (\d+) KB/)[1]) / 1024,
    files: number(/now has (\d+) files/),
    megabytes: number(/files, ([\d.]+) MB/),
    largest: summary.match(/largest page (\S+) \(([\d.]+) KB\)/)?.slice(1, 3).join(' ') ?? '',
    uploads: changes.filter((line) => line.startsWith('upload ')).length,
    deletes: changes.filter((line) => line.startsWith('delete ')).length,
    indexing: phase('indexing for search'),
    searchUploads: changes.filter((line) => line.startsWith('upload search/')).length,
  };
}

/** The files under `folder` and their bytes. */
function sizeOf(folder) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
for (const size of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), `news-portal-bench-build-${size}-`));
  try {
    execFileSync(join(root, 'target/tools/synthetic-archive'), [String(size), join(dir, 'content')], { env });
    const full = publish(dir, ['--full']);
    const search = sizeOf(join(dir, 'dist/search'));
    // A click from one story to another fetches the next story's JSON, the
    // file it chooses what to read next from, and its first topic's own
    // page (for "More on this story"; the app's own code is cached): here,
    // for the story in the middle of the archive.
    const articles = readdirSync(join(dir, 'dist/api/v1/articles')).filter((f) => f !== 'index.json').sort();
    const story = readFileSync(join(dir, 'dist/api/v1/articles', articles[Math.floor(articles.length / 2)]));
    const readNext = readFileSync(join(dir, 'dist/api/v1/read-next.json'));
    const topic = JSON.parse(story).topics?.[0]?.id;
    const topicPage = topic ? readFileSync(join(dir, `dist/api/v1/topics/${topic}.json`)) : Buffer.alloc(0);
    const fetched = [story, readNext, topicPage];
    const click = {
      raw: fetched.reduce((sum, file) => sum + file.length, 0),
      brotli: fetched.reduce((sum, file) => sum + (file.length ? brotli(file) : 0), 0),
    };
    // One story added, the newest.
    const newest = JSON.parse(readFileSync(join(dir, 'content/articles', readdirSync(join(dir, 'content/articles'))[0])));
    Object.assign(newest, { slug: 'a-story-just-published', headline: 'A Story Just Published', published: '2026-12-01T08:59:00Z' });
    writeFileSync(join(dir, 'content/articles/a-story-just-published.json'), JSON.stringify(newest));
    const add = publish(dir, []);
    // One old story changed (a corrected headline).
    const old = readdirSync(join(dir, 'content/articles')).sort()[7];
    const changed = JSON.parse(readFileSync(join(dir, 'content/articles', old)));
    changed.headline += ' (corrected)';
    writeFileSync(join(dir, 'content/articles', old), JSON.stringify(changed));
    const change = publish(dir, []);
    // The new story withdrawn.
    const withdraw = publish(dir, ['withdraw', 'a-story-just-published']);
    rows.push({ size, full, search, click, add, change, withdraw });
    console.error(`bench-build: ${size} stories done`);
  } finally {
    // The site, its manifest beside it and the content: all in `dir`.
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = (x) => x.toLocaleString('en-GB');
console.log('\nFull content build (the app as built), then one-story publishes; this machine, 2 cores.\n');
console.log('| stories | full build | pages/s | peak memory | files | bytes | largest page | a click fetches (raw / brotli) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const { size, full, click } of rows) {
  console.log(`| ${n(size)} | ${full.seconds.toFixed(1)} s | ${n(Math.round(full.pages / full.seconds))} | ${Math.round(full.peakMB)} MB | ${n(full.files)} | ${n(full.megabytes)} MB | ${full.largest} KB | ${kb(click.raw)} / ${kb(click.brotli)} |`);
}
if (rows.length > 1) {
  const [a, b] = [rows[rows.length - 2], rows[rows.length - 1]];
  console.log(`\n${n(b.size)} stories took ${(b.full.seconds / a.full.seconds).toFixed(1)}× what ${n(a.size)} took (${(b.size / a.size).toFixed(0)}× the stories).`);
}
console.log('\n| stories | add one story | change one | withdraw one |');
console.log('| --- | --- | --- | --- |');
const one = (run) => `${run.seconds.toFixed(1)} s, upload ${run.uploads}, delete ${run.deletes}`;
for (const { size, add, change, withdraw } of rows) console.log(`| ${n(size)} | ${one(add)} | ${one(change)} | ${one(withdraw)} |`);

console.log('\nThe search index: the publish\'s time making it (in memory, its own phase; writing its files is in the time to make files), its files and bytes, and in a one-story publish.\n');
console.log('| stories | indexing in the full build | share of the full build | files | bytes | one story added: indexing, search files uploaded | an old one changed: indexing, search files uploaded |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const { size, full, search, add, change } of rows) {
  console.log(`| ${n(size)} | ${full.indexing.toFixed(1)} s | ${((100 * full.indexing) / full.seconds).toFixed(0)} % | ${n(search.files)} | ${n(Math.round(search.bytes / 1024 / 1024))} MB | ${add.indexing.toFixed(1)} s, ${n(add.searchUploads)} | ${change.indexing.toFixed(1)} s, ${n(change.searchUploads)} |`);
}
