#!/usr/bin/env node
// A bounded load on the signup service over loopback: prints accepted
// signups per second, then checks the database holds exactly one row per
// address accepted (nothing lost, nothing doubled), although a tenth of the
// requests are retries of earlier ones under the same idempotency key.
//   node scripts/bench-signup.mjs        (after scripts/build)
// BENCH_SIGNUPS (default 2000) and BENCH_CONCURRENCY (default 16) tune it;
// it stops after 60 s whatever happens.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './local-server.mjs';

const total = Number(process.env.BENCH_SIGNUPS || 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY || 16);
const dir = mkdtempSync(join(tmpdir(), 'news-portal-bench-'));
const db = join(dir, 'signups.sqlite3');
mkdirSync(join(dir, 'dist'));
writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>bench</title>');

const { base, stop } = await startServer({
  port: 4175,
  dist: join(dir, 'dist'),
  args: ['--db', db, '--rate-limit', '0'],
});
const deadline = Date.now() + 60_000;
let exitCode = 0;
try {
  const accepted = new Set();
  let sent = 0;
  let failed = 0;
  const post = (email, key) =>
    fetch(`${base}/api/v1/newsletter`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ email, source: 'bench', consent_version: '2026-11', elapsed_ms: 5000 }),
    });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total && Date.now() < deadline) {
      const n = next++;
      // Every tenth request retries an earlier signup with its own key.
      const id = n % 10 === 9 ? n - 5 : n;
      const email = `load${id}@example.com`;
      sent++;
      const reply = await post(email, `bench-${id}`);
      await reply.arrayBuffer();
      if (reply.status === 202) accepted.add(email);
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const rows = Number(execFileSync('sqlite3', [db, 'SELECT count(*) FROM subscribers'], { encoding: 'utf8' }));
  const outbox = Number(execFileSync('sqlite3', [db, 'SELECT count(*) FROM outbox'], { encoding: 'utf8' }));
  console.log(
    `signups: ${sent} requests (${concurrency} at a time) in ${seconds.toFixed(2)} s: ` +
      `${(sent / seconds).toFixed(0)} requests/s, ${(accepted.size / seconds).toFixed(0)} new signups/s; ` +
      `${failed} not accepted`,
  );
  const ok = rows === accepted.size && outbox === accepted.size && failed === 0;
  console.log(
    `stored: ${rows} rows, ${outbox} confirmation emails queued, for ${accepted.size} distinct addresses accepted: ` +
      (ok ? 'nothing lost, nothing doubled' : 'MISMATCH'),
  );
  if (!ok) exitCode = 1;
} finally {
  await stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
