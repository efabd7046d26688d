// Benchmark (prints, asserts nothing; issue #14): the user's path for one file, as a portal drives it.
// A host page (same origin, so it can look into the app) posts tamis:open with the file's bytes; timed in
// the page: open → tamis:report, open → the grid's first rows drawn, the longest main-thread task
// meanwhile (Long Tasks API), and the peak memory of the tab (the app's JS heap + its wasm memory,
// sampled every 50 ms). With --twice, the same file is then opened a second time in the same page (what
// a user who drops next month's file does), timed the same way but for the grid, already drawn. Then the
// first visit: the bytes downloaded (brotli, as served) and the time to a usable file picker on a
// throttled 1.6 Mbps line, then the whole first visit with the service worker's copy of the app's files
// (counted at the host, every download through one 1.6 Mbps line). With --idle=MS, the first open waits MS after tamis:ready (a person picks a file
// seconds after the page is up, and the page warms up meanwhile); by default it is posted at once, as a
// portal may.
//
//   node tests/e2e/bench/open.bench.mjs FILE SCHEMA [--twice] [--first-visit] [--idle=MS]
//
// Prints `summary: key=value …` lines for scripts/bench.sh.
import { readFile, readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { DIST, serve, launch, newPage } from '../harness.mjs';

const [file, schema, ...flags] = process.argv.slice(2);
const TIMEOUT = 600_000;

const HOST = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Banc d'essai</title>
<link rel="icon" href="data:,"><style>body{margin:0}iframe{border:0;width:1366px;height:768px;display:block}</style></head>
<body><iframe id="tamis" src="/index.html"></iframe><script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('tamis').contentWindow) window.received.push({ type: e.data.type, at: performance.now(), data: e.data });
  });
  window.longest = 0;
  window.tasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { window.longest = Math.max(window.longest, e.duration); window.tasks.push(e); } })
    .observe({ type: 'longtask', buffered: false });
</script></body></html>`;

const routes = { '/host.html': { type: 'text/html; charset=utf-8', body: HOST } };
// TAMIS_DIST: another build to compare with (two builds measured in one run).
const dist = process.env.TAMIS_DIST ?? DIST;
const app = await serve(dist, routes, { compress: true });
// Every file compressed before anything is timed, as a real host serves them precompressed: otherwise
// the first request of each file (the reader's wasm at the first read, say) waits for its brotli.
for (const name of await readdir(dist)) await fetch(`${app.url}/${name}`, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
const browser = await launch({ serviceWorkers: 'block' });
// The app's wasm memory, caught when Trunk's loader announces it.
await browser.context.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
});
// The reads: when the app posted its request to the reader worker (after starting the worker, if it had
// none ready) and when the worker's answer reached the page, for every build (the first message with the
// file's bytes, then the first message from that worker that is not its `ready`). The answer is seen by
// a listener added when the worker is made, so before the app's own handler and the work it sets off.
await browser.context.addInitScript(() => {
  window.__reads = [];
  const Native = window.Worker;
  if (!Native) return;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (!e.data?.ready && this.read && this.read.answered === null) this.read.answered = performance.now();
      });
    }

    postMessage(message, ...rest) {
      if (message?.bytes) {
        this.read = { posted: performance.now(), answered: null };
        window.__reads.push(this.read);
      }
      return super.postMessage(message, ...rest);
    }
  };
});
const errors = [];
const page = await newPage(browser.context, errors);
page.setDefaultTimeout(TIMEOUT);
// The reader workers started (one per read before they were kept).
let workers = 0;
page.on('worker', () => { workers += 1; });
const mb = (bytes) => (bytes / 1e6).toFixed(0);
const say = (line) => console.log(`open: ${line}`);

if (file) {
  const bytes = await readFile(file);
  routes['/file'] = { type: 'application/octet-stream', body: bytes };
  await page.goto(`${app.url}/host.html`);
  await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
  const idle = Number(flags.find((f) => f.startsWith('--idle='))?.slice('--idle='.length) ?? 0);
  await new Promise((ok) => setTimeout(ok, idle));
  // One open, timed in the page; `first`: the grid is not drawn yet, so its first rows are awaited.
  const openOnce = (first) => page.evaluate(async ({ name, schema, TIMEOUT, first }) => {
    const buffer = await (await fetch('/file')).arrayBuffer();
    const frame = document.getElementById('tamis').contentWindow;
    const wasm = () => frame.__wasmMemory?.buffer.byteLength ?? 0;
    const memory = () => (frame.performance.memory?.usedJSHeapSize ?? 0) + wasm();
    let peak = memory();
    const sampler = setInterval(() => { peak = Math.max(peak, memory()); }, 50);
    window.longest = 0;
    window.tasks = [];
    const from = window.received.length;
    const reads = frame.__reads.length;
    const start = performance.now();
    let grid = null;
    const watch = () => {
      if (grid === null && frame.document.querySelector('[data-testid=preview] [role=row] [role=gridcell]')) {
        // The first frame after the rows are in the document.
        requestAnimationFrame(() => { if (grid === null) grid = performance.now() - start; });
      }
    };
    const observer = new frame.MutationObserver(watch);
    if (first) observer.observe(frame.document.body, { subtree: true, childList: true });
    frame.postMessage({ type: 'tamis:open', name, bytes: buffer, schema }, '*', [buffer]);
    let report = null;
    while (performance.now() - start < TIMEOUT) {
      const m = window.received.slice(from).find((m) => m.type === 'tamis:report' || m.type === 'tamis:error');
      if (m && !report) report = { ms: m.at - start, type: m.type, issueCount: m.data.issueCount, rows: m.data.rowCount, size: JSON.stringify(m.data).length, message: m.data.message };
      if (report && (grid !== null || !first)) break;
      await new Promise((ok) => setTimeout(ok, 10));
    }
    // Let the work that follows a report (autosave…) run, still watching tasks and memory.
    await new Promise((ok) => setTimeout(ok, 1500));
    clearInterval(sampler);
    observer.disconnect();
    // Times of the frame's clock, taken from the same origin: both clocks start with their documents.
    const read = frame.__reads[reads];
    const shift = frame.performance.timeOrigin - performance.timeOrigin;
    const reader = read && { posted: read.posted + shift - start, answered: read.answered + shift - start };
    // Every long task (over 50 ms), as duration@start in ms from the open.
    const tasks = window.tasks.map((t) => `${t.duration.toFixed(0)}@${(t.startTime - start).toFixed(0)}`).join(' ');
    return { report, grid, longest: window.longest, peak: Math.max(peak, memory()), wasm: wasm(), reader, tasks };
  }, { name: basename(file), schema, TIMEOUT, first });
  const opens = flags.includes('--twice') ? [['', true], ['second open, ', false]] : [['', true]];
  for (const [which, first] of opens) {
    const { report, grid, longest, peak, wasm, reader, tasks } = await openOnce(first);
    // The first open keeps the keys scripts/bench.sh reads.
    const key = (name) => (first ? name : `second_${name}`);
    say(`${which}${first && idle ? `after ${idle} ms idle, ` : ''}${basename(file)} (${mb(bytes.length)} MB, ${report?.rows} rows, ${report?.issueCount} issues, ${schema}): ` +
        `open → report ${report?.ms.toFixed(0)} ms (${report?.type}${report?.message ? `: ${report.message}` : ''}, ${(report?.size / 1e3).toFixed(0)} KB); ` +
        `${first ? `open → grid ${grid?.toFixed(0)} ms; ` : ''}longest task ${longest.toFixed(0)} ms; peak memory ${mb(peak)} MB (wasm ${mb(wasm)} MB after); ` +
        `${workers} worker(s) started so far; request to the reader after ${reader?.posted.toFixed(0)} ms, ` +
        `its answer after ${reader?.answered.toFixed(0)} ms; tasks over 50 ms (duration@start): ${tasks || 'none'}`);
    console.log(`summary: ${key('open_file')}=${basename(file)} ${key('open_report_ms')}=${report?.ms.toFixed(0)}` +
        `${first ? ` open_grid_ms=${grid?.toFixed(0)}` : ''} ${key('longest_task_ms')}=${longest.toFixed(0)} ${key('peak_mb')}=${mb(peak)}` +
        ` ${key('read_posted_ms')}=${reader?.posted.toFixed(0)} ${key('read_answered_ms')}=${reader?.answered.toFixed(0)}`);
  }
}

if (flags.includes('--first-visit')) {
  const visit = await newPage(browser.context, errors);
  const cdp = await visit.context().newCDPSession(visit);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // DevTools' "Fast 3G"-like line: 1.6 Mbps down, 750 kbps up, 150 ms latency.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  let transferred = 0;
  cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
  const start = Date.now();
  await visit.goto(`${app.url}/index.html`);
  await visit.locator('input[type=file]').first().waitFor({ state: 'attached', timeout: TIMEOUT });
  const usable = Date.now() - start;
  const beforeUsable = transferred;
  // What follows on its own (the schema bundle, the reader worker's wasm) while the user looks.
  await visit.waitForTimeout(5000);
  say(`first visit: ${(beforeUsable / 1e6).toFixed(2)} MB transferred (brotli) before the file picker is usable, after ${(usable / 1000).toFixed(1)} s at 1.6 Mbps; ` +
      `${(transferred / 1e6).toFixed(2)} MB after 5 s more`);
  console.log(`summary: first_visit_mb=${(beforeUsable / 1e6).toFixed(2)} first_visit_usable_s=${(usable / 1000).toFixed(1)} first_visit_then_mb=${(transferred / 1e6).toFixed(2)}`);

  // The whole first visit, the service worker's copy of the app's files included (kept for offline
  // visits): every byte the host sent, counted at the host, through one 1.6 Mbps line for the page, its
  // workers and its service worker alike, until the service worker controls the page and 3 s pass with
  // no request. A file sent whole twice is a download the line carried for nothing.
  const slow = await serve(dist, routes, { compress: true, line: 1.6e6 / 8 });
  const withWorker = await launch();
  const whole = await newPage(withWorker.context, errors);
  const begin = Date.now();
  await whole.goto(`${slow.url}/index.html`);
  await whole.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 120_000 });
  for (let seen = -1; seen !== slow.served.length && Date.now() - begin < 120_000;) {
    seen = slow.served.length;
    await whole.waitForTimeout(3000);
  }
  const sent = slow.served.filter((a) => a.status === 200);
  const twice = [...new Set(sent.map((a) => a.path))].filter((p) => sent.filter((a) => a.path === p).length > 1);
  const total = sent.reduce((n, a) => n + a.bytes, 0);
  const wasted = sent.filter((a, i) => sent.findIndex((b) => b.path === a.path) !== i).reduce((n, a) => n + a.bytes, 0);
  say(`first visit with the service worker: ${(total / 1e6).toFixed(2)} MB sent (brotli) in ${sent.length} files, ` +
      `of which ${(wasted / 1e6).toFixed(2)} MB sent a second time (${twice.join(', ') || 'none'}); ` +
      `${slow.served.filter((a) => a.status === 304).length} answered 304`);
  console.log(`summary: first_visit_all_mb=${(total / 1e6).toFixed(2)} first_visit_twice_mb=${(wasted / 1e6).toFixed(2)}`);
  await withWorker.close();
  await slow.close();
}
if (errors.length) say(`page errors: ${errors.join(' | ')}`);
await browser.close();
await app.close();
