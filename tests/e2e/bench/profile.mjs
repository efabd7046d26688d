// Profiling aid (prints, asserts nothing): opens FILE through tamis:open as a host would, with the
// DevTools CPU profiler on, and prints the functions taking the most self time until tamis:report, then
// each stretch of main-thread work over 50 ms with the app's functions that took it.
//   [PROFILE_AFTER=ms] [PROFILE_SECOND=1] [PROFILE_STRETCH_MS=50] [PROFILE_CALLERS=f,g] node tests/e2e/bench/profile.mjs FILE SCHEMA [DIST]
// DIST: a build with function names kept (wasm-bindgen without wasm-opt), default dist/.
import { readFile } from 'node:fs/promises';
import { DIST, HOST_PAGE, serve, launch, newPage } from '../harness.mjs';

const [file, schema, dist = DIST] = process.argv.slice(2);
const routes = {};
const app = await serve(dist, routes);
const bytes = await readFile(file);
const host = await serve(dist, {
  '/host.html': { type: 'text/html; charset=utf-8', body: HOST_PAGE(app.url) },
  '/big.csv': { type: 'text/csv', body: bytes },
});
routes['/tamis.config.json'] = { type: 'application/json', body: JSON.stringify({ hostOrigins: [host.url] }) };
const browser = await launch();
const errors = [];
const page = await newPage(browser.context, errors);
await page.goto(`${host.url}/host.html`);
await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
const openOnce = () => page.evaluate(async ({ schema }) => {
  const buffer = await (await fetch('/big.csv')).arrayBuffer();
  const from = window.received.length;
  const start = performance.now();
  window.send({ type: 'tamis:open', name: 'big.csv', bytes: buffer, schema }, [buffer]);
  while (!window.received.slice(from).some((m) => m.type === 'tamis:report' || m.type === 'tamis:error')) {
    await new Promise((ok) => setTimeout(ok, 5));
  }
  return performance.now() - start;
}, { schema });
// PROFILE_SECOND=1: the file is opened once first, and the second open is profiled.
if (process.env.PROFILE_SECOND === '1') await openOnce();
await cdp.send('Profiler.start');
const ms = await openOnce();
console.log(await page.evaluate(() => JSON.stringify(window.received.findLast((m) => m.type === "tamis:report" || m.type === "tamis:error")).slice(0, 300)));
// PROFILE_AFTER=ms: keep profiling that long after the report (the work that follows it: autosave…).
await new Promise((ok) => setTimeout(ok, Number(process.env.PROFILE_AFTER ?? 0)));
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) {
  const n = byId.get(id);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(key, (self.get(key) ?? 0) + us);
}
// Inclusive time: each sample counted once for every distinct function on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, us] of counts) {
  const seen = new Set();
  for (let at = id; at != null; at = parent.get(at)) {
    const f = byId.get(at).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
    if (f && !seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) ?? 0) + us); }
  }
}
const want = (process.env.PROFILE_GREP ?? 'tamis').split(',');
console.log('inclusive:');
for (const [k, us] of [...incl].filter(([k]) => want.some((w) => k.includes(w))).sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k.slice(0, 150)}`);
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`open → report ${Math.round(ms)} ms; profiled ${Math.round(total / 1000)} ms`);
for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k.slice(0, 150)}`);
// PROFILE_CALLERS=malloc,free: the self time of those functions, by the nearest caller of this app's
// (the allocator's time is spent for someone).
for (const name of (process.env.PROFILE_CALLERS ?? '').split(',').filter(Boolean)) {
  const by = new Map();
  for (const [id, us] of counts) {
    if (!byId.get(id).callFrame.functionName.includes(name)) continue;
    let node = parent.get(id);
    while (node != null && !byId.get(node).callFrame.functionName.startsWith('tamis')) node = parent.get(node);
    const f = node == null ? '(none)' : byId.get(node).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
    by.set(f, (by.get(f) ?? 0) + us);
  }
  console.log(`${name}, by caller:`);
  for (const [f, us] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${(us / 1000).toFixed(1).padStart(7)} ms  ${f.slice(0, 140)}`);
}
// The stretches of main-thread work over 50 ms (what the Long Tasks API counts), each with the functions
// of this app that took most of it (inclusive).
const stretches = [];
let at = 0;
let current = null;
profile.samples.forEach((id, i) => {
  at += dt[i] ?? 0;
  const idle = byId.get(id).callFrame.functionName === '(idle)';
  if (idle) {
    if (current) stretches.push(current);
    current = null;
    return;
  }
  current ??= { start: at, end: at, ids: [] };
  current.end = at;
  current.ids.push([id, dt[i] ?? 0]);
});
if (current) stretches.push(current);
console.log(`stretches of work over ${process.env.PROFILE_STRETCH_MS ?? 50} ms:`);
const over = Number(process.env.PROFILE_STRETCH_MS ?? 50) * 1000;
for (const stretch of stretches.filter((s) => s.end - s.start > over)) {
  const inside = new Map();
  for (const [id, us] of stretch.ids) {
    const seen = new Set();
    for (let node = id; node != null; node = parent.get(node)) {
      const f = byId.get(node).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '');
      if (f.startsWith('tamis') && !seen.has(f)) { seen.add(f); inside.set(f, (inside.get(f) ?? 0) + us); }
    }
  }
  const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, us]) => `${(us / 1000).toFixed(0)} ms ${f.slice(0, 70)}`);
  console.log(`  ${((stretch.end - stretch.start) / 1000).toFixed(0)} ms at ${(stretch.start / 1000).toFixed(0)} ms: ${top.join(' · ')}`);
  // And what took the time itself (self time, any function: the browser's own work shows here).
  const own = new Map();
  for (const [id, us] of stretch.ids) {
    const f = byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '') || '(anon)';
    own.set(f, (own.get(f) ?? 0) + us);
  }
  const selfTop = [...own].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([f, us]) => `${(us / 1000).toFixed(0)} ms ${f.slice(0, 60)}`);
  console.log(`      self: ${selfTop.join(' · ')}`);
}
if (errors.length) console.log(errors);
await browser.close();
await app.close();
await host.close();
