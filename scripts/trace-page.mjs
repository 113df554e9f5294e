#!/usr/bin/env node
// Where the main thread goes between the first paint and the moment the
// page answers (Pause answers a click), for one story loaded as the phone of
// bench-page.mjs (run scripts/build first):
//   node scripts/trace-page.mjs           (TRACE_LOADS=3: the median load's trace)
//   BENCH_DIST=/tmp/before/dist node scripts/trace-page.mjs
// It records Chromium's performance trace of each load and prints, for the
// median one: the page's files with when each was asked for and arrived,
// the renderer's main thread in that window by kind of work (its own time,
// not counting what it called), the busiest events, and the long tasks.
import { chromium as playwright } from '@playwright/test';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '../tests/e2e/browser.mjs';
import { startServer } from './local-server.mjs';
import { PHONE, emulatePhone } from './phone-profile.mjs';
import { observe } from './page-timing.mjs';

const SLUG = process.env.BENCH_SLUG || 'sadiq-khan-blocks-met-police-palantir-deal';
const DIST = process.env.BENCH_DIST || 'dist';
const LOADS = Math.max(1, Number(process.env.TRACE_LOADS || 3));
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'v8.wasm',
  'blink.user_timing',
  'loading',
  'toplevel',
].join(',');

/** The kind of work an event on the main thread is. */
function kind(name) {
  if (/wasm|WebAssembly/i.test(name)) return 'WebAssembly compile and instantiate';
  if (/GC|Sweep|Mark|Scavenge/.test(name)) return 'garbage collection';
  if (/compile|Compile|Parse(Script|Function)|V8\.ParseFunction|LazyCompile/.test(name)) return 'JavaScript compile';
  if (/^(FunctionCall|EvaluateScript|v8\.run|v8\.callFunction|v8\.evaluateModule|RunMicrotasks|TimerFire|EventDispatch|FireAnimationFrame|FireIdleCallback|V8\.Execute|v8\.execute|XHRReadyStateChange|ResourceReceivedData)$/.test(name))
    return 'running scripts (the app starting, hydrating, its effects)';
  if (name === 'ParseHTML') return 'parsing HTML';
  if (/^(UpdateLayoutTree|Layout|RecalculateStyles|PrePaint|UpdateLayer|UpdateLayerTree|HitTest|LayoutShift|IntersectionObserverController::computeIntersections|ScheduleStyleRecalculation|InvalidateLayout)/.test(name))
    return 'style and layout';
  if (/^(Paint|PaintImage|CompositeLayers|Commit|Layerize|RasterTask|ImageDecodeTask|Decode)/.test(name)) return 'paint';
  return 'the browser itself (tasks, loading, IPC)';
}

/** Self time per event of the main thread inside [from, to] (µs). */
function mainThreadWork(events, from, to) {
  const metadata = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's renderer: the main thread that parsed the most HTML.
  const parsed = new Map();
  for (const e of events) if (e.name === 'ParseHTML') parsed.set(`${e.pid}:${e.tid}`, (parsed.get(`${e.pid}:${e.tid}`) || 0) + 1);
  const main = metadata
    .map((m) => `${m.pid}:${m.tid}`)
    .sort((a, b) => (parsed.get(b) || 0) - (parsed.get(a) || 0))[0];
  const onMain = events
    .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur > 0)
    .map((e) => ({ name: e.name, start: Math.max(e.ts, from), end: Math.min(e.ts + e.dur, to), ts: e.ts, dur: e.dur }))
    .filter((e) => e.end > e.start)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  let busy = 0;
  const tasks = [];
  for (const event of onMain) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent, self.get(parent) - (event.end - event.start));
    else {
      busy += event.end - event.start;
      tasks.push(event);
    }
    self.set(event, event.end - event.start);
    stack.push(event);
  }
  const byName = new Map();
  const byKind = new Map();
  for (const [event, time] of self) {
    byName.set(event.name, (byName.get(event.name) || 0) + time);
    byKind.set(kind(event.name), (byKind.get(kind(event.name)) || 0) + time);
  }
  // A top-level task's main work: its child with the most own time.
  const longTasks = tasks
    .filter((task) => task.dur > 50_000)
    .map((task) => {
      const inside = [...self].filter(([e]) => e.ts >= task.ts && e.ts < task.ts + task.dur && e !== task);
      inside.sort((a, b) => b[1] - a[1]);
      return { at: task.ts, dur: task.dur, mostly: inside.slice(0, 3).map(([e, t]) => `${e.name} ${Math.round(t / 1000)} ms`) };
    });
  return { busy, byName, byKind, longTasks };
}

async function tracedLoad(browser, base) {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await emulatePhone(cdp);
  await page.addInitScript(observe);
  const file = join(dir, `trace-${Math.random().toString(36).slice(2)}.json`);
  await browser.startTracing(page, { path: file, categories: CATEGORIES.split(',') });
  await page.goto(`${base}/news/${SLUG}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__bench.interactive > 0, null, { timeout: 30_000, polling: 100 });
  const timing = await page.evaluate(() => ({
    ...window.__bench,
    files: performance.getEntriesByType('resource').map((r) => ({
      name: new URL(r.name).pathname,
      start: r.startTime,
      end: r.responseEnd,
      bytes: r.transferSize,
    })),
  }));
  await browser.stopTracing();
  await context.close();
  const { traceEvents } = JSON.parse(readFileSync(file, 'utf8'));
  return { timing, traceEvents };
}

const dir = mkdtempSync(join(tmpdir(), 'news-portal-trace-'));
const { base, stop } = await startServer({ port: 4178, dist: DIST, args: ['--db', join(dir, 'trace.sqlite3')] });
const browser = await playwright.launch(chromium);
try {
  const loads = [];
  for (let i = 0; i < LOADS; i++) loads.push(await tracedLoad(browser, base));
  loads.sort((a, b) => a.timing.interactive - b.timing.interactive);
  const { timing, traceEvents } = loads[Math.floor(loads.length / 2)];
  // performance.now() counts from the navigation's start.
  const navigation = traceEvents
    .filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes(SLUG))
    .sort((a, b) => a.ts - b.ts)[0];
  if (!navigation) throw new Error('trace-page: no navigationStart for the story in the trace');
  const at = (ms) => navigation.ts + ms * 1000;
  const work = mainThreadWork(traceEvents, at(timing.fcp), at(timing.interactive));
  const ms = (us) => `${Math.round(us / 1000)} ms`;
  const window = (timing.interactive - timing.fcp) * 1000;
  console.log(`Trace: /news/${SLUG} as a phone (${PHONE.cpu}× CPU, ${PHONE.latency} ms, ${PHONE.bitsPerSecond / 1e6} Mbit/s), the median of ${LOADS} loads by interactive`);
  console.log(`first contentful paint ${Math.round(timing.fcp)} ms, headline ${Math.round(timing.headline)} ms, interactive ${Math.round(timing.interactive)} ms\n`);
  console.log("Files (from the navigation's start):");
  for (const file of timing.files)
    console.log(`  ${file.name.padEnd(48)} asked ${String(Math.round(file.start)).padStart(5)} ms, arrived ${String(Math.round(file.end)).padStart(5)} ms, ${(file.bytes / 1024).toFixed(1)} KB`);
  console.log(`\nMain thread from first paint to interactive (${ms(window)}): busy ${ms(work.busy)}, idle ${ms(window - work.busy)}`);
  for (const [name, time] of [...work.byKind].sort((a, b) => b[1] - a[1])) if (time >= 1000) console.log(`  ${ms(time).padStart(7)}  ${name}`);
  console.log('\nBusiest events (own time):');
  for (const [name, time] of [...work.byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms(time).padStart(7)}  ${name}`);
  console.log('\nLong tasks (over 50 ms) in that window:');
  for (const task of work.longTasks)
    console.log(`  at ${Math.round((task.at - navigation.ts) / 1000)} ms, ${ms(task.dur)}: ${task.mostly.join(', ')}`);
  if (!work.longTasks.length) console.log('  none');
} finally {
  await browser.close();
  await stop();
  rmSync(dir, { recursive: true, force: true });
}
