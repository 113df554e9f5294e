#!/usr/bin/env node
// A bounded load on the release build of the signup service over loopback,
// on each store it supports: SQLite, PostgreSQL with one instance, and
// PostgreSQL with two instances sharing it (requests alternate between
// them). For each it prints signups per second and the p50 and p99 latency
// of a signup, then checks the database holds exactly one subscriber and one
// queued confirmation per address accepted (nothing lost, nothing doubled),
// although a tenth of the requests retry an earlier signup under the same
// Idempotency-Key, on the other instance when there are two.
//   node scripts/bench-signup.mjs        (after scripts/build: it serves dist/)
// It builds the release service, and runs itself under scripts/with-postgres
// when TEST_DATABASE_URL does not name a PostgreSQL it may create databases
// in. BENCH_SIGNUPS (default 2000) and BENCH_CONCURRENCY (default 16) tune
// it; each store stops after 60 s whatever happens. Every request comes
// through a "proxy" (--behind-proxy, X-Forwarded-For) from an address of its
// own, so the database-kept rate limit is counted on every signup, as in
// production, without refusing any. No SMTP server: mail waits in the outbox.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './local-server.mjs';

if (!process.env.TEST_DATABASE_URL) {
  const run = spawnSync('scripts/with-postgres', [process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const total = Number(process.env.BENCH_SIGNUPS || 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY || 16);
const binary = 'target/release/news-portal-server';
execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'news-portal-server'], { stdio: 'inherit' });

const dir = mkdtempSync(join(tmpdir(), 'news-portal-bench-'));

const admin = new URL(process.env.TEST_DATABASE_URL);
const psql = (url, query) =>
  execFileSync('psql', ['-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', query], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
  }).trim();
const freshPostgres = (name) => {
  psql(admin.href, `DROP DATABASE IF EXISTS ${name}`);
  psql(admin.href, `CREATE DATABASE ${name}`);
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return url.href;
};

const stores = [
  {
    name: 'SQLite, 1 instance',
    instances: 1,
    database: () => `sqlite://${join(dir, 'signups.sqlite3')}?mode=rwc`,
    count: (url, table) =>
      Number(execFileSync('sqlite3', [url.replace(/^sqlite:\/\//, '').replace(/\?.*$/, ''), `SELECT count(*) FROM ${table}`], { encoding: 'utf8' })),
  },
  {
    name: 'PostgreSQL, 1 instance',
    instances: 1,
    database: () => freshPostgres('bench_one'),
    count: (url, table) => Number(psql(url, `SELECT count(*) FROM ${table}`)),
  },
  {
    name: 'PostgreSQL, 2 instances',
    instances: 2,
    database: () => freshPostgres('bench_two'),
    count: (url, table) => Number(psql(url, `SELECT count(*) FROM ${table}`)),
  },
];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function load(store, port) {
  const url = store.database();
  const servers = [];
  for (let i = 0; i < store.instances; i++) {
    servers.push(
      await startServer({
        port: port + i,
        binary,
        args: ['--database-url', url, '--behind-proxy', '--rate-limit', '5'],
      }),
    );
  }
  try {
    const accepted = new Set();
    const latencies = [];
    let sent = 0;
    let failed = 0;
    let next = 0;
    const deadline = Date.now() + 60_000;
    const post = (n, id) => {
      const base = servers[n % servers.length].base;
      return fetch(`${base}/api/v1/newsletter`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': `bench-${id}`,
          'X-Forwarded-For': `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`,
        },
        body: JSON.stringify({ email: `load${id}@example.com`, source: 'bench', consent_version: '2026-11', elapsed_ms: 5000 }),
      });
    };
    const started = performance.now();
    const worker = async () => {
      while (next < total && Date.now() < deadline) {
        const n = next++;
        // Every tenth request retries an earlier signup with its own key
        // (with two instances, on the other one).
        const id = n % 10 === 9 ? n - 5 : n;
        sent++;
        const t0 = performance.now();
        const reply = await post(n, id);
        await reply.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (reply.status === 202) accepted.add(id);
        else failed++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const rows = store.count(url, 'subscribers');
    const outbox = store.count(url, 'outbox');
    return {
      store: store.name,
      sent,
      perSecond: accepted.size / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      accepted: accepted.size,
      rows,
      outbox,
      ok: rows === accepted.size && outbox === accepted.size && failed === 0,
      failed,
    };
  } finally {
    for (const server of servers) await server.stop();
  }
}

let exitCode = 0;
try {
  const results = [];
  for (const [i, store] of stores.entries()) results.push(await load(store, 4175 + 2 * i));
  const baseline = results[0].perSecond;
  console.log(`signups: ${total} requests per store, ${concurrency} at a time, a tenth of them retries\n`);
  console.log('| store | new signups/s | vs SQLite | p50 | p99 | accepted | stored | queued mail | check |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.store} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / baseline).toFixed(2)}× | ` +
        `${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.accepted} | ${r.rows} | ${r.outbox} | ` +
        `${r.ok ? 'nothing lost, nothing doubled' : `MISMATCH (${r.failed} not accepted)`} |`,
    );
    if (!r.ok) exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
