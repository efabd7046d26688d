// Benchmark (prints, asserts nothing; issue #14): the user's path for one file, as a portal drives it.
// A host page (same origin, so it can look into the app) posts tamis:open with the file's bytes; timed in
// the page: open → tamis:report, open → the grid's first rows drawn, the longest main-thread task
// meanwhile (Long Tasks API), and the peak memory of the tab (the app's JS heap + its wasm memory,
// sampled every 50 ms). Then the first visit: the bytes downloaded (brotli, as served) and the time to a
// usable file picker on a throttled 1.6 Mbps line.
//
//   node tests/e2e/bench/open.bench.mjs FILE SCHEMA [--first-visit]
//
// Prints `summary: key=value …` lines for scripts/bench.sh.
import { readFile } from 'node:fs/promises';
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
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration); })
    .observe({ type: 'longtask', buffered: false });
</script></body></html>`;

const routes = { '/host.html': { type: 'text/html; charset=utf-8', body: HOST } };
// TAMIS_DIST: another build to compare with (two builds measured in one run).
const app = await serve(process.env.TAMIS_DIST ?? DIST, routes, { compress: true });
const browser = await launch({ serviceWorkers: 'block' });
// The app's wasm memory, caught when Trunk's loader announces it.
await browser.context.addInitScript(() => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__wasmMemory = e.detail.wasm.memory; });
});
const errors = [];
const page = await newPage(browser.context, errors);
page.setDefaultTimeout(TIMEOUT);
const mb = (bytes) => (bytes / 1e6).toFixed(0);
const say = (line) => console.log(`open: ${line}`);

if (file) {
  const bytes = await readFile(file);
  routes['/file'] = { type: 'application/octet-stream', body: bytes };
  await page.goto(`${app.url}/host.html`);
  await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
  const result = await page.evaluate(async ({ name, schema, TIMEOUT }) => {
    const buffer = await (await fetch('/file')).arrayBuffer();
    const frame = document.getElementById('tamis').contentWindow;
    const memory = () => (frame.performance.memory?.usedJSHeapSize ?? 0) + (frame.__wasmMemory?.buffer.byteLength ?? 0);
    let peak = memory();
    const sampler = setInterval(() => { peak = Math.max(peak, memory()); }, 50);
    window.longest = 0;
    const from = window.received.length;
    const start = performance.now();
    let grid = null;
    const watch = () => {
      if (grid === null && frame.document.querySelector('[data-testid=preview] [role=row] [role=gridcell]')) {
        // The first frame after the rows are in the document.
        requestAnimationFrame(() => { if (grid === null) grid = performance.now() - start; });
      }
    };
    const observer = new frame.MutationObserver(watch);
    observer.observe(frame.document.body, { subtree: true, childList: true });
    frame.postMessage({ type: 'tamis:open', name, bytes: buffer, schema }, '*', [buffer]);
    let report = null;
    while (performance.now() - start < TIMEOUT) {
      const m = window.received.slice(from).find((m) => m.type === 'tamis:report' || m.type === 'tamis:error');
      if (m && !report) report = { ms: m.at - start, type: m.type, issueCount: m.data.issueCount, rows: m.data.rowCount, size: JSON.stringify(m.data).length, message: m.data.message };
      if (report && grid !== null) break;
      await new Promise((ok) => setTimeout(ok, 10));
    }
    // Let the work that follows a report (autosave…) run, still watching tasks and memory.
    await new Promise((ok) => setTimeout(ok, 1500));
    clearInterval(sampler);
    observer.disconnect();
    return { report, grid, longest: window.longest, peak: Math.max(peak, memory()) };
  }, { name: basename(file), schema, TIMEOUT });
  const { report, grid, longest, peak } = result;
  say(`${basename(file)} (${mb(bytes.length)} MB, ${report?.rows} rows, ${report?.issueCount} issues, ${schema}): ` +
      `open → report ${report?.ms.toFixed(0)} ms (${report?.type}${report?.message ? `: ${report.message}` : ''}, ${(report?.size / 1e3).toFixed(0)} KB); ` +
      `open → grid ${grid?.toFixed(0)} ms; longest task ${longest.toFixed(0)} ms; peak memory ${mb(peak)} MB`);
  console.log(`summary: open_file=${basename(file)} open_report_ms=${report?.ms.toFixed(0)} open_grid_ms=${grid?.toFixed(0)} longest_task_ms=${longest.toFixed(0)} peak_mb=${mb(peak)}`);
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
  await visit.waitForTimeout(1000);
  say(`first visit: ${(transferred / 1e6).toFixed(2)} MB transferred (brotli); file picker usable after ${(usable / 1000).toFixed(1)} s at 1.6 Mbps`);
  console.log(`summary: first_visit_mb=${(transferred / 1e6).toFixed(2)} first_visit_usable_s=${(usable / 1000).toFixed(1)}`);
}
if (errors.length) say(`page errors: ${errors.join(' | ')}`);
await browser.close();
await app.close();
