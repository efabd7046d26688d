// Benchmark (prints, asserts nothing): a file with an error on every row, opened through tamis:open by a
// host page as a portal would, until tamis:report arrives; the report's size and the tab's memory.
//   node tests/e2e/bench/errors.bench.mjs FILE.csv [maxIssues]
import { readFile } from 'node:fs/promises';
import { DIST, HOST_PAGE, serve, launch, newPage } from '../harness.mjs';

const [file, maxIssues, schema = 'scdl/prenoms'] = process.argv.slice(2);
const routes = {};
const app = await serve(DIST, routes);
const bytes = await readFile(file);
const host = await serve(DIST, {
  '/host.html': { type: 'text/html; charset=utf-8', body: HOST_PAGE(app.url) },
  '/big.csv': { type: 'text/csv', body: bytes },
});
routes['/tamis.config.json'] = { type: 'application/json', body: JSON.stringify({ hostOrigins: [host.url] }) };
const browser = await launch();
const errors = [];
const page = await newPage(browser.context, errors);
await page.goto(`${host.url}/host.html`);
await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
const ms = await page.evaluate(async ({ maxIssues, schema }) => {
  const buffer = await (await fetch('/big.csv')).arrayBuffer();
  const from = window.received.length;
  const start = performance.now();
  window.send({ type: 'tamis:open', name: 'big.csv', bytes: buffer, schema, ...(maxIssues ? { maxIssues: Number(maxIssues) } : {}) }, [buffer]);
  while (!window.received.slice(from).some((m) => m.type === 'tamis:report' || m.type === 'tamis:error')) {
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return performance.now() - start;
}, { maxIssues, schema });
const report = await page.evaluate(() => {
  const m = window.received.findLast((m) => m.type === 'tamis:report' || m.type === 'tamis:error');
  return { type: m.type, issueCount: m.issueCount, issues: m.issues?.length, size: JSON.stringify(m).length, message: m.message };
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const { metrics } = await cdp.send('Performance.getMetrics');
const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
console.log(JSON.stringify({ file, bytes: bytes.length, openToReportMs: Math.round(ms), report, jsHeapMB: heap && Math.round(heap / 1e6), errors }, null, 1));
await browser.close();
await app.close();
await host.close();
