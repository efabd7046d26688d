// Benchmark of the fix grid in Chromium (prints, asserts nothing; issue #6): a generated délibérations
// file of TAMIS_BENCH_ROWS rows (default 100 000) opened through the postMessage protocol, then
//   - open: from posting tamis:open to the first frame with the grid and the verdict drawn;
//   - edit → repaint: from the keydown of Enter that commits a cell to the first animation frame after
//     the cell shows its new value and the verdict's count changed (fixes and breaks, at the top and deep
//     down the table), then one bulk fix ("Corriger" of a group, then "Appliquer à N cellule(s)") and one
//     undo, from their click;
//   - scroll: frame times while the grid is scrolled programmatically (steady and random jumps) and
//     with the mouse wheel, with Chromium's long-animation-frame / longtask entries;
//   - export: from the click on the download of the CSV to publish, then of the XLSX copy, to the file
//     saved, with the longest main-thread task in between.
// Everything is timed in the page (performance.now, MutationObserver, requestAnimationFrame), so
// Playwright's round trips are not counted. Aim: edit → repaint < 50 ms, no frame over 50 ms.
//
//   trunk build --release && node tests/e2e/bench/grid.bench.mjs      (or scripts/bench.sh --grid)
//
// Environment: TAMIS_BENCH_ROWS (100000), TAMIS_BENCH_BAD_PER_MILLE (2: about 3 000 spoiled cells at
// 100 000 rows), TAMIS_BENCH_CSV (use this file instead of generating one), TAMIS_BENCH_TIMEOUT_S
// (600, per step), TAMIS_BENCH_SCROLL_MS (3000, per scroll phase), CHROMIUM.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, ROOT, serve, launch, newPage } from '../harness.mjs';

const ROWS = Number(process.env.TAMIS_BENCH_ROWS ?? 100000);
const BAD_PER_MILLE = Number(process.env.TAMIS_BENCH_BAD_PER_MILLE ?? 2);
const TIMEOUT = Number(process.env.TAMIS_BENCH_TIMEOUT_S ?? 600) * 1000;
const SCROLL_MS = Number(process.env.TAMIS_BENCH_SCROLL_MS ?? 3000);
const ROW_HEIGHT = 28; // src/components/grid.rs

const log = (...args) => console.log('grid:', ...args);
const fmt = (ms) => (ms == null ? 'n/a' : ms.toFixed(1));

/** The generated CSV: TAMIS_BENCH_CSV, or the Rust generator of the other benches. */
async function csv() {
  if (process.env.TAMIS_BENCH_CSV) return { bytes: await readFile(process.env.TAMIS_BENCH_CSV), cleanup: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'tamis-grid-bench-'));
  const path = join(dir, 'deliberations.csv');
  const cargo = existsSync(join(ROOT, 'rust-toolchain.toml')) ? ['+stable'] : [];
  const args = [...cargo, 'run', '--release', '-q', '-p', 'tamis-engine', '--example', 'gen_deliberations', '--',
    String(ROWS), path, String(BAD_PER_MILLE)];
  log(execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim());
  return { bytes: await readFile(path), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// The host page embeds the app from the same origin, so it can see the app's document when timing the open.
const HOST_PAGE = `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Banc d'essai</title>
<link rel="icon" href="data:,"><style>body{margin:0}iframe{border:0;width:100vw;height:100vh;display:block}</style></head>
<body><iframe id="tamis" src="/index.html"></iframe><script>
  window.log = [];
  window.lastReport = null;
  window.addEventListener('message', (e) => {
    if (e.source !== document.getElementById('tamis').contentWindow) return;
    window.log.push({ type: e.data.type, at: performance.now() });
    if (e.data.type === 'tamis:report') window.lastReport = e.data;
  });
</script></body></html>`;

/** Installed in the app's frame: the in-page probes. */
function probes() {
  const count = () => {
    const verdict = document.querySelector('[data-testid=verdict]');
    if (!verdict) return null;
    return Number(verdict.textContent.match(/^(\d+)/)?.[1] ?? 0);
  };
  // A cell's own text (without the error icon and the screen-reader message); null while edited.
  const cellText = (id) => {
    const td = document.getElementById(id);
    if (!td || td.querySelector('input')) return null;
    return [...td.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
  };
  const grid = () => document.querySelector('[data-testid=preview]');
  // Resolves after the next frame has been produced: rAF, then a task queued from it (after paint).
  const afterFrame = () => new Promise((ok) => requestAnimationFrame(() => {
    const frame = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => ok({ frame, paint: performance.now() });
    channel.port2.postMessage(0);
  }));
  window.__bench = {
    count,
    cellText,
    /**
     * Times the next `event` (keydown of Enter, or click) until the verdict's count differs from `before`
     * and, if given, cell `cell` shows `value`; the result is then in `window.__bench.wait`.
     */
    arm({ event, cell, value, before, timeout }) {
      let t0 = null;
      const start = (e) => {
        if (t0 === null && (event !== 'keydown' || e.key === 'Enter')) t0 = performance.now();
      };
      window.addEventListener(event, start, true);
      window.__bench.wait = new Promise((ok) => {
        let seen = false;
        const finish = (result) => {
          observer.disconnect();
          clearTimeout(timer);
          window.removeEventListener(event, start, true);
          ok(result);
        };
        const check = () => {
          if (t0 === null || seen) return;
          const now = count();
          if (now === null || now === before || (cell && cellText(cell) !== value)) return;
          seen = true;
          const dom = performance.now();
          afterFrame().then(({ frame, paint }) => finish({ dom: dom - t0, frame: frame - t0, paint: paint - t0, count: now }));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        const timer = setTimeout(() => finish({ timeout: true, count: count() }), timeout);
      });
    },
    /** Resolves after `n` animation frames. */
    frames(n) {
      return new Promise((ok) => {
        const next = (k) => (k ? requestAnimationFrame(() => next(k - 1)) : ok());
        next(n);
      });
    },
    /** Scrolls the grid to show table row `index` near the top. */
    scrollTo(index, rowHeight) {
      grid().scrollTop = Math.max(0, index * rowHeight - 3 * rowHeight);
    },
    /** Records frame deltas (rAF timestamps) and long frames until `stop()`; `drive(t)` runs in every frame. */
    record(drive) {
      const rec = { deltas: [], loaf: [], longtasks: [], types: [], running: true };
      const observers = [];
      // Chromium reports long animation frames to the top-level window only (the host page here).
      const top = window.top;
      for (const [type, into] of [['long-animation-frame', rec.loaf], ['longtask', rec.longtasks]]) {
        if (!top.PerformanceObserver.supportedEntryTypes?.includes(type)) continue;
        const observer = new top.PerformanceObserver((list) => into.push(...list.getEntries().map((e) => e.duration)));
        observer.observe({ type });
        observers.push([observer, into]);
        rec.types.push(type);
      }
      let last = null;
      const tick = (t) => {
        if (!rec.running) return;
        if (last !== null) rec.deltas.push(t - last);
        last = t;
        drive?.(t);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      window.__bench.stop = () => {
        rec.running = false;
        for (const [o, into] of observers) {
          into.push(...o.takeRecords().map((e) => e.duration));
          o.disconnect();
        }
        return rec;
      };
    },
    /** Steady scrolling by `step` px a frame, or (`step` = 0) a jump to a random place every frame, for `ms`. */
    scroll(step, ms) {
      const el = grid();
      const max = el.scrollHeight - el.clientHeight;
      let until = null;
      return new Promise((ok) => {
        window.__bench.record((t) => {
          until ??= t + ms;
          if (t >= until) {
            ok(window.__bench.stop());
            return;
          }
          el.scrollTop = step ? (el.scrollTop + step) % max : Math.random() * max;
        });
      });
    },
  };
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function frameStats(rec) {
  const d = rec.deltas;
  return {
    deltas: d,
    frames: d.length,
    median: median(d),
    p95: quantile(d, 0.95),
    max: d.length ? Math.max(...d) : null,
    over50: d.filter((x) => x > 50).length,
    loaf: rec.types?.includes('long-animation-frame') ? rec.loaf.length : null,
    loafMax: rec.loaf.length ? Math.max(...rec.loaf) : null,
    longtasks: rec.types?.includes('longtask') ? rec.longtasks.length : null,
  };
}

const { bytes, cleanup } = await csv();
// TAMIS_DIST: another build to compare with (two builds measured in one run).
const server = await serve(process.env.TAMIS_DIST ?? DIST, {
  '/host.html': { type: 'text/html; charset=utf-8', body: HOST_PAGE },
  '/bench.csv': { type: 'text/csv', body: bytes },
});
const browser = await launch();
const errors = [];
const page = await newPage(browser.context, errors);
page.setDefaultTimeout(TIMEOUT);
const results = { edits: [] };

try {
  await page.goto(`${server.url}/host.html`);
  results.browser = await page.evaluate(() => navigator.userAgent.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
  await page.waitForFunction(() => window.log.some((m) => m.type === 'tamis:ready'), null, { timeout: 60000 });
  const frame = await (await page.$('#tamis')).contentFrame();
  await frame.evaluate(probes);

  // Open: posting tamis:open → the grid and the verdict drawn.
  log(`${(bytes.length / 1e6).toFixed(1)} MB: opening through tamis:open…`);
  const open = await page.evaluate(async (timeout) => {
    const buffer = await (await fetch('/bench.csv')).arrayBuffer();
    const app = document.getElementById('tamis').contentWindow;
    const ready = () => app.document.querySelector('[data-testid=preview] tbody tr:not(.spacer)') && app.document.querySelector('[data-testid=verdict]');
    const from = window.log.length;
    const t0 = performance.now();
    app.postMessage({ type: 'tamis:open', name: 'deliberations-bench.csv', bytes: buffer, schema: 'scdl/deliberations' }, '*', [buffer]);
    await new Promise((ok, fail) => {
      const tick = () => (ready() ? ok() : performance.now() - t0 > timeout ? fail(new Error('open timed out')) : app.requestAnimationFrame(tick));
      tick();
    });
    const shown = performance.now();
    // The tamis:report message may arrive after the grid is drawn.
    const answer = () => window.log.slice(from).find((m) => m.type === 'tamis:report' || m.type === 'tamis:error');
    while (!answer() && performance.now() - t0 < timeout) await new Promise((ok) => setTimeout(ok, 10));
    return { ms: shown - t0, reportMs: answer() ? answer().at - t0 : null, answer: answer()?.type };
  }, TIMEOUT);
  results.openMs = open.ms;
  const issues = await page.evaluate(() => window.lastReport?.issues.map((i) => [i.row, i.field, i.code, i.fix ?? null]) ?? []);
  // The table's own row count (TAMIS_BENCH_CSV may hold another number of rows than TAMIS_BENCH_ROWS).
  results.rows = (await page.evaluate(() => window.lastReport?.rowCount)) ?? ROWS;
  const startCount = await frame.evaluate(() => window.__bench.count());
  log(`open: ${fmt(open.ms)} ms to the grid (tamis:report after ${fmt(open.reportMs)} ms); ${issues.length} issues, verdict count ${startCount}`);
  results.issues = issues.length;

  // Edit targets: cells with one issue and a suggested fix, set to it (nearest the top, nearest the
  // end); DELIB_DATE cells of rows without issues, broken (as many as needed to make 5 edits a place).
  const headers = (await frame.locator('[data-testid=preview] thead th').allInnerTexts()).map((h) => h.trim());
  const column = (field) => headers.indexOf(field) - 1;
  const perRow = new Map();
  const perCell = new Map();
  for (const [row, field] of issues) {
    perRow.set(row, (perRow.get(row) ?? 0) + 1);
    perCell.set(`${row}/${field}`, (perCell.get(`${row}/${field}`) ?? 0) + 1);
  }
  const fixable = issues
    .filter(([row, field, , fix]) => fix !== null && field && perCell.get(`${row}/${field}`) === 1 && column(field) >= 0)
    .map(([row, field, , fix]) => ({ index: row - 2, column: column(field), value: fix, kind: 'fix' }));
  const breaks = (from, step) => {
    const found = [];
    for (let index = from; found.length < 5 && index >= 0 && index < results.rows; index += step) {
      if (!perRow.has(index + 2)) found.push({ index, column: column('DELIB_DATE'), value: 'pas une date', kind: 'break' });
    }
    return found;
  };
  const mix = (fixes, broken) => {
    const plan = [];
    for (let i = 0; plan.length < 5 && i < 5; i++) {
      if (i % 2 === 0 && fixes.length) plan.push(fixes.shift());
      else plan.push(broken.shift());
    }
    return plan.filter(Boolean).sort((a, b) => a.index - b.index);
  };
  const plan = [
    ['top', mix(fixable.slice(0, 3), breaks(2, 4))],
    ['deep', mix(fixable.slice(-3).filter((t) => t.index > results.rows / 2), breaks(results.rows - 60, 4))],
  ];

  for (const [where, targets] of plan) {
    for (const target of targets.filter(Boolean)) {
      const id = `cell-${target.index}-${target.column}`;
      await frame.evaluate(({ index, h }) => window.__bench.scrollTo(index, h), { index: target.index, h: ROW_HEIGHT });
      await frame.evaluate(() => window.__bench.frames(2)); // the scroll handled and the rows drawn
      const cell = frame.locator(`#${id}`);
      const input = frame.getByTestId('cell-input');
      // The grid may draw its rows again (a late scroll event) and the input with them, losing what was
      // typed: type again until the value holds for two frames.
      let attempts = 0;
      for (let held = false; !held && attempts < 5; attempts++) {
        if (!(await input.count())) await cell.dblclick();
        await input.fill(target.value);
        await frame.evaluate(() => window.__bench.frames(2));
        held = await frame.evaluate((value) => document.querySelector('[data-testid=cell-input]')?.value === value, target.value);
      }
      if (attempts > 1) log(`  (the cell input was drawn again while typing: ${attempts} attempts)`);
      const before = await frame.evaluate(() => window.__bench.count());
      await frame.evaluate((arm) => window.__bench.arm(arm), { event: 'keydown', cell: id, value: target.value, before, timeout: TIMEOUT });
      await input.press('Enter');
      const r = await frame.evaluate(() => window.__bench.wait);
      results.edits.push({ where, ...target, ...r });
      log(`edit ${where} ${target.kind} row ${target.index + 2} ${headers[target.column + 1]} → « ${target.value} »: ` +
        (r.timeout ? 'timed out' : `${fmt(r.frame)} ms to the frame (DOM ${fmt(r.dom)}, painted ${fmt(r.paint)}), ${before} → ${r.count} issues`));
    }
  }

  // Bulk fix: the first group's "Corriger (N)" then "Appliquer à N cellule(s)"; then undo.
  const group = frame.getByTestId('fix-group').first();
  if (await group.count()) {
    const label = (await group.innerText()).trim();
    await group.click();
    const apply = frame.getByTestId('fix-apply');
    await apply.waitFor();
    const applyLabel = (await apply.innerText()).trim();
    let before = await frame.evaluate(() => window.__bench.count());
    await frame.evaluate((arm) => window.__bench.arm(arm), { event: 'click', before, timeout: TIMEOUT });
    await apply.click();
    results.bulk = { label: `${label} / ${applyLabel}`, ...(await frame.evaluate(() => window.__bench.wait)) };
    log(`bulk fix (${results.bulk.label}): ${results.bulk.timeout ? 'timed out' : `${fmt(results.bulk.frame)} ms to the frame, ${before} → ${results.bulk.count} issues`}`);
    before = await frame.evaluate(() => window.__bench.count());
    await frame.evaluate((arm) => window.__bench.arm(arm), { event: 'click', before, timeout: TIMEOUT });
    await frame.getByTestId('undo').click();
    results.undo = await frame.evaluate(() => window.__bench.wait);
    log(`undo: ${results.undo.timeout ? 'timed out' : `${fmt(results.undo.frame)} ms to the frame, ${before} → ${results.undo.count} issues`}`);
  } else {
    log('no fix-all button: no bulk fix measured');
  }

  // Scrolling: the grid in view, programmatic steps, random jumps, then the mouse wheel.
  await frame.evaluate(() => {
    const el = document.querySelector('[data-testid=preview]');
    el.scrollTop = 0;
    el.scrollIntoView({ block: 'center' });
  });
  results.scroll = {};
  results.scroll.steady = frameStats(await frame.evaluate((ms) => window.__bench.scroll(2000, ms), SCROLL_MS));
  results.scroll.jumps = frameStats(await frame.evaluate((ms) => window.__bench.scroll(0, ms), SCROLL_MS));
  const box = await frame.locator('[data-testid=preview]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await frame.evaluate(() => window.__bench.record());
  for (let t = Date.now(), i = 0; Date.now() - t < SCROLL_MS; i++) await page.mouse.wheel(0, i % 40 < 30 ? 600 : -600);
  results.scroll.wheel = frameStats(await frame.evaluate(() => window.__bench.stop()));

  // Export: from the click on a download button to the file saved, with the longest main-thread task in
  // between: the CSV to publish (made on the page), then the XLSX copy (made in its worker).
  await frame.getByTestId('step-publication').click();
  await frame.getByTestId('step-view-publication').waitFor();
  await frame.getByText('Autres fichiers').click();
  results.export = {};
  for (const [name, testid] of [['csv', 'download'], ['xlsx', 'download-xlsx']]) {
    await frame.evaluate(() => {
      const top = window.top;
      window.__tasks = [];
      window.__observer = new top.PerformanceObserver((list) => window.__tasks.push(...list.getEntries().map((e) => e.duration)));
      window.__observer.observe({ type: 'longtask' });
      window.__t0 = performance.now();
    });
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), frame.getByTestId(testid).click()]);
    await file.path();
    const timed = await frame.evaluate(() => {
      window.__observer.disconnect();
      return { ms: performance.now() - window.__t0, task: Math.max(0, ...window.__tasks) };
    });
    results.export[name] = timed;
    log(`export ${name}: ${fmt(timed.ms)} ms to the file saved, longest task ${fmt(timed.task)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
  await cleanup();
}

// The report.
const done = results.edits.filter((e) => !e.timeout);
const editFrames = done.map((e) => e.frame);
const all = Object.values(results.scroll ?? {});
const overall = frameStats({ deltas: all.flatMap((s) => s.deltas), loaf: [], longtasks: [] });
console.log(`\ngrid: ${results.rows} rows, ${results.issues} issues at open, ${results.browser}`);
console.log('grid:   open (tamis:open → grid drawn)            ' + `${fmt(results.openMs)} ms`);
console.log('grid:   edit → repaint, ms       n   median      max   (DOM median, painted median)');
for (const [name, list] of [['top', done.filter((e) => e.where === 'top')], ['deep', done.filter((e) => e.where === 'deep')], ['all', done]]) {
  console.log(`grid:     ${name.padEnd(20)} ${String(list.length).padStart(5)} ${fmt(median(list.map((e) => e.frame))).padStart(8)} ${fmt(list.length ? Math.max(...list.map((e) => e.frame)) : null).padStart(8)}   (${fmt(median(list.map((e) => e.dom)))}, ${fmt(median(list.map((e) => e.paint)))})`);
}
if (results.edits.length > done.length) console.log(`grid:     ${results.edits.length - done.length} edit(s) timed out after ${TIMEOUT / 1000} s`);
console.log(`grid:   bulk fix → repaint                         ${fmt(results.bulk?.frame)} ms  ${results.bulk?.label ?? ''}`);
console.log(`grid:   undo → repaint                             ${fmt(results.undo?.frame)} ms`);
console.log('grid:   scroll frames, ms        frames  median    p95      max  >50ms  LoAF (max)  longtasks');
for (const [name, s] of Object.entries(results.scroll ?? {})) {
  console.log(`grid:     ${name.padEnd(22)} ${String(s.frames).padStart(5)} ${fmt(s.median).padStart(7)} ${fmt(s.p95).padStart(6)} ${fmt(s.max).padStart(8)} ${String(s.over50).padStart(6)}  ${String(s.loaf ?? 'n/a').padStart(4)} (${fmt(s.loafMax)})  ${s.longtasks ?? 'n/a'}`);
}
console.log(`grid:   export, click → saved (longest task)      CSV ${fmt(results.export?.csv?.ms)} ms (${fmt(results.export?.csv?.task)} ms), ` +
  `XLSX copy ${fmt(results.export?.xlsx?.ms)} ms (${fmt(results.export?.xlsx?.task)} ms)`);
console.log('grid:   targets: edit → repaint < 50 ms, no scroll frame over 50 ms');
if (errors.length) console.log(`grid:   page errors: ${errors.join(' | ')}`);
const r1 = (x) => (x == null ? 'n/a' : x.toFixed(1));
console.log(`summary: grid_rows=${results.rows} grid_issues=${results.issues} grid_open_ms=${r1(results.openMs)} ` +
  `grid_edit_median_ms=${r1(median(editFrames))} grid_edit_max_ms=${r1(editFrames.length ? Math.max(...editFrames) : null)} ` +
  `grid_edits=${done.length}/${results.edits.length} grid_bulk_ms=${r1(results.bulk?.frame)} grid_undo_ms=${r1(results.undo?.frame)} ` +
  `grid_scroll_frames=${overall.frames} grid_scroll_p95_ms=${r1(overall.p95)} ` +
  `grid_scroll_max_ms=${r1(overall.max)} grid_scroll_over50=${overall.over50} ` +
  `grid_csv_ms=${r1(results.export?.csv?.ms)} grid_csv_task_ms=${r1(results.export?.csv?.task)} ` +
  `grid_xlsx_ms=${r1(results.export?.xlsx?.ms)} grid_xlsx_task_ms=${r1(results.export?.xlsx?.task)}`);
