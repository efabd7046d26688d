// Benchmark (prints, asserts nothing; issue #14): the user's path in Debian's Firefox ESR, as
// open.bench.mjs measures it in Chromium. A host page (same origin) posts tamis:open with the file's
// bytes; timed in the page: open → tamis:report, open → the grid's first rows drawn, and the longest
// stall of the page's thread meanwhile. Firefox has no Long Tasks API: a stall is the longest gap
// between two ticks of a 0 ms timer kept running in the host page (same origin, so the same thread as
// the app); the timer's own clamping adds a few ms. With --twice, the same file is opened a second time.
//
//   node tests/e2e/bench/open.firefox.bench.mjs FILE SCHEMA [--twice]
//
// Prints `summary: firefox_…=…` lines for scripts/bench.sh.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DIST, serve } from '../harness.mjs';
import { launchFirefox } from '../firefox.mjs';

const [file, schema, ...flags] = process.argv.slice(2);
const TIMEOUT = 600_000;

const HOST = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Banc d'essai</title>
<link rel="icon" href="data:,"><style>body{margin:0}iframe{border:0;width:1366px;height:768px;display:block}</style></head>
<body><iframe id="tamis" src="/index.html"></iframe><script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('tamis').contentWindow) window.received.push({ type: e.data.type, at: performance.now(), data: e.data });
  });
  window.stall = 0;
  let last = performance.now();
  const tick = () => { const now = performance.now(); window.stall = Math.max(window.stall, now - last); last = now; setTimeout(tick, 0); };
  setTimeout(tick, 0);
</script></body></html>`;

const bytes = await readFile(file);
const app = await serve(DIST, {
  '/host.html': { type: 'text/html; charset=utf-8', body: HOST },
  '/file': { type: 'application/octet-stream', body: bytes },
}, { compress: true });
const firefox = await launchFirefox({ origins: [app.url] });
const { page } = firefox;
page.setDefaultTimeout(TIMEOUT);
await page.goto(`${app.url}/host.html`);
await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'), { timeout: TIMEOUT });
// The reader worker is started once the page is idle: let it start, as a user picking a file would.
await new Promise((ok) => setTimeout(ok, 2000));

async function openOnce(first) {
  return page.evaluate(async ({ name, schema, TIMEOUT, first }) => {
    const buffer = await (await fetch('/file')).arrayBuffer();
    const frame = document.getElementById('tamis').contentWindow;
    const from = window.received.length;
    window.stall = 0;
    const start = performance.now();
    let grid = null;
    const watch = () => {
      if (grid === null && frame.document.querySelector('[data-testid=preview] [role=row] [role=gridcell]')) {
        requestAnimationFrame(() => { if (grid === null) grid = performance.now() - start; });
      }
    };
    const observer = new frame.MutationObserver(watch);
    if (first) observer.observe(frame.document.body, { subtree: true, childList: true });
    frame.postMessage({ type: 'tamis:open', name, bytes: buffer, schema }, '*', [buffer]);
    let report = null;
    while (performance.now() - start < TIMEOUT) {
      const m = window.received.slice(from).find((m) => m.type === 'tamis:report' || m.type === 'tamis:error');
      if (m && !report) report = { ms: m.at - start, type: m.type, issueCount: m.data.issueCount, rows: m.data.rowCount, message: m.data.message };
      if (report && (grid !== null || !first)) break;
      await new Promise((ok) => setTimeout(ok, 10));
    }
    // The work that follows a report (autosave…), still watched.
    await new Promise((ok) => setTimeout(ok, 1500));
    observer.disconnect();
    return { report, grid, stall: window.stall };
  }, { name: basename(file), schema, TIMEOUT, first });
}

const version = await firefox.browser.version();
const opens = flags.includes('--twice') ? [['', true], ['second open, ', false]] : [['', true]];
for (const [which, first] of opens) {
  const { report, grid, stall } = await openOnce(first);
  const key = (name) => `firefox_${first ? '' : 'second_'}${name}`;
  console.log(`open (${version}): ${which}${basename(file)} (${(bytes.length / 1e6).toFixed(0)} MB, ${report?.rows} rows, ${report?.issueCount} issues, ${schema}): ` +
      `open → report ${report?.ms.toFixed(0)} ms (${report?.type}${report?.message ? `: ${report.message}` : ''}); ` +
      `${first ? `open → grid ${grid?.toFixed(0)} ms; ` : ''}longest stall ${stall.toFixed(0)} ms`);
  console.log(`summary: ${key('open_report_ms')}=${report?.ms.toFixed(0)}${first ? ` ${key('open_grid_ms')}=${grid?.toFixed(0)}` : ''} ${key('longest_stall_ms')}=${stall.toFixed(0)}`);
}
if (firefox.errors.length) console.log(`open: page errors in Firefox: ${firefox.errors.join(' | ')}`);
await firefox.close();
await app.close();
