// An embargo's minute (issue 31): `publish --due`, as a timer runs it each
// minute, holds a story back until its `publish_at`, waits for it when it
// is due within the minute, and publishes it then, in the same run; the
// changes file then names it for the deploy. The publish program as
// scripts/build made it, on a copy of the sample content.
// Run after scripts/build: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SLUG = 'results-out-in-a-moment';

/** Runs the publish program; resolves with its exit code and what it said. */
function publish(args) {
  return new Promise((resolve) => {
    const run = spawn(join(root, 'target/tools/publish'), args, { cwd: root });
    let said = '';
    run.stderr.on('data', (chunk) => (said += chunk));
    run.on('close', (code) => resolve({ code, said }));
  });
}

test('a story under embargo is held back, then published by --due at its second', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'news-portal-due-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const content = join(dir, 'content');
  const dist = join(dir, 'dist');
  cpSync(join(root, 'public/api/v1'), content, { recursive: true });
  const story = JSON.parse(readFileSync(join(content, 'articles/rail-fares-to-rise-in-march.json'), 'utf8'));
  // Whole seconds: the embargo is to the second, as the site's times are.
  const due = new Date(Math.ceil(Date.now() / 1000) * 1000 + 6000);
  const at = due.toISOString().replace('.000', '');
  Object.assign(story, { slug: SLUG, headline: 'Results Are Out in a Moment', published: at, publish_at: at });
  writeFileSync(join(content, `articles/${SLUG}.json`), JSON.stringify(story));
  const page = join(dist, `news/${SLUG}.html`);

  // Without --due: held back, and said so.
  const held = await publish(['--content', content, '--dist', dist]);
  assert.equal(held.code, 0, held.said);
  assert.match(held.said, new RegExp(`held back under embargo until ${at}: ${SLUG}`));
  assert.equal(existsSync(page), false, 'no page before its time');

  // With --due: it waits for the embargo and publishes at its second.
  const changes = join(dir, 'changes.txt');
  const out = await publish(['--due', '--content', content, '--dist', dist, '--changes', changes]);
  assert.equal(out.code, 0, out.said);
  assert.match(out.said, new RegExp(`waiting \\d+s for the embargo on ${SLUG} to end at ${at}`));
  assert.ok(Date.now() >= due.getTime(), 'not before its time');
  assert.ok(existsSync(page), 'its page, once due');
  const deploy = readFileSync(changes, 'utf8').split('\n');
  assert.ok(deploy.includes(`upload news/${SLUG}.html`), deploy.join('\n'));
  assert.ok(deploy.includes(`upload api/v1/articles/${SLUG}.json`), deploy.join('\n'));
});
