#!/usr/bin/env node
// Live pages at a newsroom's scale: a synthetic archive of STORIES stories
// (100,000 unless given) with a live page, built in full once, then for a
// live page of 10, 100 and 1,000 posts (the page's file rewritten, one
// publish): the time to publish one post, an edit and a deletion, against
// a publish that changes nothing in the same run (the baseline); what a
// reader's open page transfers in an hour (a poll every 15 s) when nothing
// changes and when a post arrives every minute, against the design before
// (the whole story's JSON, every post, at each poll); and the largest of
// the page's files. Bytes are brotli (quality 5, as a CDN compresses).
// Figures, not pass/fail: the machine is shared.
//   node scripts/bench-live.mjs [STORIES]
// Needs about 3 GB of free disk at 100,000 stories (deleted after).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const STORIES = Number(process.argv[2]) || 100_000;
const POSTS = [10, 100, 1_000];
const POLLS_AN_HOUR = 3600 / 15;
const SLUG = 'storm-live';
const env = { ...process.env, NEWS_SITE_URL: process.env.NEWS_SITE_URL || 'http://127.0.0.1:8080', NEWS_BUILD_TIME: '2026-12-01T09:00:00Z' };
const root = new URL('..', import.meta.url).pathname;
const PUBLISH = join(root, 'target/tools/publish');
const SYNTHETIC = join(root, 'target/tools/synthetic-archive');

execFileSync('scripts/build-app', { cwd: root, env, stdio: 'inherit' });
execFileSync('cargo', ['build', '--quiet', '--profile', 'tools', '--bin', 'synthetic-archive'], { cwd: root, env, stdio: 'inherit' });
execFileSync('cargo', ['build', '--quiet', '--profile', 'tools', '--no-default-features', '--features', 'ssr', '--bin', 'publish'], { cwd: root, env, stdio: 'inherit' });

/** Runs publish with `args`: the seconds the editor waits, start to exit. */
function publish(dir, args = []) {
  const started = performance.now();
  const run = spawnSync(PUBLISH, [...args, '--app', join(root, 'target/trunk'), '--content', join(dir, 'content'), '--dist', join(dir, 'dist')], { env, encoding: 'utf8' });
  const took = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`publish ${args.join(' ')} failed:\n${run.stderr}`);
  return took;
}

const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const n = (x) => x.toLocaleString('en-GB');

/** The live page of `posts` posts, as synthetic-archive writes it. */
function liveStory(posts) {
  const scratch = mkdtempSync(join(tmpdir(), 'news-portal-bench-live-story-'));
  try {
    execFileSync(SYNTHETIC, ['0', scratch, '3', String(posts)], { env });
    return JSON.parse(readFileSync(join(scratch, 'articles', `${SLUG}.json`), 'utf8'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Every file of the live page in `dist`, by path, with its bytes. */
function liveFiles(dist) {
  const files = new Map();
  const add = (path) => files.set(path, readFileSync(join(dist, path)));
  add(`news/${SLUG}.html`);
  add(`api/v1/articles/${SLUG}.json`);
  for (const entry of readdirSync(join(dist, 'api/v1/live', SLUG), { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) add(join(entry.parentPath ?? entry.path, entry.name).slice(dist.length + 1));
  }
  return files;
}

const dir = mkdtempSync(join(tmpdir(), `news-portal-bench-live-${STORIES}-`));
const rows = [];
try {
  execFileSync(SYNTHETIC, [String(STORIES), join(dir, 'content'), '3', String(POSTS[0])], { env });
  const liveFile = join(dir, 'content/articles', `${SLUG}.json`);
  const full = publish(dir, ['--full']);
  console.error(`bench-live: full build of ${n(STORIES)} stories and a live page in ${full} s`);
  for (const posts of POSTS) {
    const story = liveStory(posts);
    const write = () => writeFileSync(liveFile, JSON.stringify(story));
    write();
    publish(dir);
    const nothing = publish(dir);
    // One post, the newest.
    const newest = structuredClone(story.live.posts.at(-1));
    Object.assign(newest, { id: 'just-now', published: '2026-12-01T08:59:30Z' });
    story.live.posts.push(newest);
    write();
    const post = publish(dir);
    const files = liveFiles(join(dir, 'dist'));
    const latest = files.get(`api/v1/live/${SLUG}/latest.json`);
    const postFile = files.get(`api/v1/live/${SLUG}/posts/just-now.json`);
    const largest = [...files].reduce((a, b) => (b[1].length > a[1].length ? b : a));
    // What the design before served at each poll: the whole story, every post.
    const whole = brotli(Buffer.from(JSON.stringify(story)));
    // An edit to a post in the middle, then its deletion.
    const middle = story.live.posts[Math.floor(posts / 2)];
    middle.body[0].text = `Corrected. ${middle.body[0].text}`;
    middle.updated = '2026-12-01T08:59:45Z';
    write();
    const edit = publish(dir);
    story.live.posts = story.live.posts.filter((p) => p.id !== middle.id);
    story.live.deleted = [middle.id];
    write();
    const deletion = publish(dir);
    rows.push({ posts, nothing, publishPost: post, edit, deletion, latest: brotli(latest), postBytes: brotli(postFile), whole, largest });
    console.error(`bench-live: ${posts} posts done`);
  }
} finally {
  // The site, its manifest beside it and the content: all in `dir`.
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nA live page in a site of ${n(STORIES)} stories; one-story publishes; this machine, 2 cores.\n`);
console.log('| posts | nothing changed (baseline) | one post published | ratio | an edit | a deletion |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(`| ${n(r.posts)} | ${r.nothing.toFixed(2)} s | ${r.publishPost.toFixed(2)} s | ${(r.publishPost / r.nothing).toFixed(2)}× | ${r.edit.toFixed(2)} s | ${r.deletion.toFixed(2)} s |`);
}
if (rows.length > 2) {
  const [a, b] = [rows[rows.length - 2], rows[rows.length - 1]];
  console.log(`\n${n(b.posts)} posts: one post published in ${(b.publishPost / a.publishPost).toFixed(2)}× the time of ${n(a.posts)} posts (10× the posts).`);
}
console.log(`\nWhat an open page transfers in an hour (${POLLS_AN_HOUR} polls), brotli, before revalidation (a CDN answering 304 to an unchanged latest file costs headers only).\n`);
console.log('| posts | latest file | a post file | nothing changes | a post a minute | before: the whole story each poll | largest file of the page |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const quiet = r.latest * POLLS_AN_HOUR;
  const busy = quiet + 60 * r.postBytes;
  console.log(`| ${n(r.posts)} | ${n(r.latest)} B | ${n(r.postBytes)} B | ${kb(quiet)} | ${kb(busy)} | ${kb(r.whole * POLLS_AN_HOUR)} | ${r.largest[0].replace(`api/v1/live/${SLUG}/`, '')} ${kb(r.largest[1].length)} |`);
}
