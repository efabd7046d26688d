// A million rows with two errors on every row — what a wrong schema or a wrong column gives — driven by
// a host page through the protocol as a portal would (issue #14). Not timed: it checks that the app
// neither dies nor floods the host, and that the totals and the pages of issues are right.
// The file is made in the host page: 1,000,000 prénoms rows whose first name has a digit and whose
// year is "deux mille" (34 MB, 2,000,000 issues).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIST, serve, launch, newPage, screenshot, HOST_PAGE } from './harness.mjs';

const ROWS = 1_000_000;
const TIMEOUT = 300_000;
let app, host, browser, page;
const errors = [];

before(async () => {
  const appRoutes = {};
  app = await serve(DIST, appRoutes);
  host = await serve(DIST, { '/host.html': { type: 'text/html; charset=utf-8', body: HOST_PAGE(app.url) } });
  appRoutes['/tamis.config.json'] = { type: 'application/json', body: JSON.stringify({ hostOrigins: [host.url] }) };
  browser = await launch();
  page = await newPage(browser.context, errors);
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${host.url}/host.html`);
  await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
});

after(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
  assert.deepEqual(errors, [], 'no page error, wasm panic or CSP violation');
});

/** Posts `message` and waits for the first answer of one of `types`; returns it without its bytes. */
async function ask(message, types, build, fixed = false) {
  return page.evaluate(
    async ({ message, types, build, fixed, ROWS }) => {
      const from = window.received.length;
      const transfer = [];
      if (build) {
        const lines = ['COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE'];
        for (let i = 0; i < ROWS; i++) lines.push(`Montpellier,34172,${i % 2 ? 'F' : 'M'},${['Léa', 'Emma', 'Louis', 'Jules', 'Chloé'][i % 5]}${fixed ? '' : i % 10},${(i % 50) + 1},deux mille`);
        message.bytes = new TextEncoder().encode(lines.join('\n') + '\n').buffer;
        transfer.push(message.bytes);
      }
      window.send(message, transfer);
      for (;;) {
        const m = window.received.slice(from).find((m) => types.includes(m.type) || m.type === 'tamis:error');
        if (m) return { ...m, bytes: m.bytes ? m.bytes.byteLength : undefined, text: m.bytes ? new TextDecoder().decode(m.bytes.slice(-200)) : undefined };
        await new Promise((ok) => setTimeout(ok, 50));
      }
    },
    { message, types, build, fixed, ROWS },
  );
}

/** The values the check's progress bar shows while the table is checked, until two different ones. */
async function progressValues(frame) {
  const bar = frame.getByTestId('check-progress-bar');
  await bar.waitFor();
  await screenshot(page, 'scale-check-progress');
  const seen = [];
  while (seen.length < 2 && (await bar.count()) > 0) {
    const value = Number(await bar.getAttribute('value', { timeout: 1000 }).catch(() => NaN));
    if (Number.isFinite(value) && !seen.includes(value)) seen.push(value);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return { seen, max: Number(await bar.getAttribute('max', { timeout: 1000 }).catch(() => NaN)) };
}

test('a million rows with an error on every row: the report arrives, capped, and tamis:issues pages through the rest', async () => {
  // While the million rows are checked the page is not frozen: the progress bar moves on.
  const progress = progressValues(page.frameLocator('#tamis'));
  const report = await ask({ type: 'tamis:open', name: 'prenoms.csv', schema: 'scdl/prenoms', maxIssues: 200 }, ['tamis:report'], true);
  const { seen, max } = await progress;
  assert.ok(seen.length === 2 && seen[0] < seen[1] && seen[1] < ROWS, `the check's progress moves: ${seen}`);
  assert.equal(max, ROWS, 'out of every row');
  assert.equal(report.type, 'tamis:report', report.message);
  assert.equal(report.rowCount, ROWS);
  assert.equal(report.valid, false);
  assert.deepEqual(report.counts, { byCode: { 'constraint-error': ROWS, 'type-error': ROWS }, byField: { ENFANT_PRENOM: ROWS, ANNEE: ROWS } });
  assert.deepEqual([report.issueCount, report.issues.length, report.truncated], [2 * ROWS, 200, true]);
  assert.deepEqual(report.issues.map((i) => [i.row, i.field]), Array.from({ length: 200 }, (_, k) => [2 + (k >> 1), k % 2 ? 'ANNEE' : 'ENFANT_PRENOM']));
  assert.ok(JSON.stringify(report).length < 1_000_000, 'the report stays small');

  const middle = await ask({ type: 'tamis:issues', offset: ROWS, limit: 3 }, ['tamis:issues']);
  assert.deepEqual(middle.issues.map((i) => [i.row, i.field, i.cell]), [
    [500_002, 'ENFANT_PRENOM', 'Léa0'], [500_002, 'ANNEE', 'deux mille'], [500_003, 'ENFANT_PRENOM', 'Emma1'],
  ]);
  const last = await ask({ type: 'tamis:issues', offset: 2 * ROWS - 3, limit: 10 }, ['tamis:issues']);
  assert.deepEqual(last.issues.map((i) => i.row), [ROWS, ROWS + 1, ROWS + 1], 'the last page is short and ends at the last row');

  // The grid shows the table; the keyboard takes it to its last row.
  const frame = page.frameLocator('#tamis');
  const grid = frame.getByTestId('preview');
  await grid.waitFor();
  await grid.focus();
  await page.keyboard.press('Control+End');
  await frame.locator('[data-testid=preview] [role=row]', { hasText: 'Chloé9' }).last().waitFor();
  await screenshot(page, 'scale-million-errors');
  // Counts are written the French way, digits grouped by three with a no-break space.
  assert.equal(await frame.getByTestId('verdict').innerText(), '2\u00a0000\u00a0000 erreurs à corriger');
  assert.deepEqual(await frame.locator('[data-testid=error-panel] button.group').allInnerTexts(), [
    'ENFANT_PRENOM — contrainte non respectée : 1\u00a0000\u00a0000', "ANNEE — format d'année : 1\u00a0000\u00a0000",
  ]);

  // A bulk fix of a million cells, then its undo: each gives a new report.
  const reportAfter = async (act) => {
    const from = await page.evaluate(() => window.received.length);
    await act();
    return page.evaluate(async (from) => {
      for (;;) {
        const m = window.received.slice(from).find((m) => m.type === 'tamis:report' || m.type === 'tamis:error');
        if (m) return { type: m.type, issueCount: m.issueCount, counts: m.counts, message: m.message };
        await new Promise((ok) => setTimeout(ok, 50));
      }
    }, from);
  };
  const fill = frame.getByTestId('fill');
  await fill.locator('summary').click();
  await fill.getByLabel('Colonne').selectOption('ANNEE');
  await fill.getByLabel('Cellules à remplir').selectOption('errors');
  await fill.getByLabel('Valeur').fill('2023');
  await fill.getByRole('button', { name: 'Voir le résultat' }).click();
  assert.match(await frame.getByTestId('fix-apply').innerText(), /Appliquer à 1\s?000\s?000 cellule\(s\)/);
  const filled = await reportAfter(() => frame.getByTestId('fix-apply').click());
  assert.deepEqual([filled.type, filled.issueCount, filled.counts?.byField], ['tamis:report', ROWS, { ENFANT_PRENOM: ROWS }]);
  const undone = await reportAfter(() => frame.getByTestId('undo').click());
  assert.deepEqual([undone.type, undone.issueCount], ['tamis:report', 2 * ROWS]);

  // The export of a million rows (with the report, capped like the protocol's) arrives whole.
  const exported = await ask({ type: 'tamis:export', report: true }, ['tamis:exported']);
  assert.equal(exported.type, 'tamis:exported', exported.message);
  assert.equal(exported.valid, false);
  assert.match(exported.name, /_NON-CONFORME\.csv$/);
  assert.ok(exported.bytes > 30_000_000, `the export has every row (${exported.bytes} bytes)`);
  assert.ok(exported.text.endsWith(',deux mille\r\n'), 'it ends with the last row');
});

test('a recipe that fixes the column on a million rows: replayed, valid, exported', async () => {
  const recipe = {
    version: 2,
    mapping: Object.fromEntries(['COMMUNE_NOM', 'COLL_INSEE', 'ENFANT_SEXE', 'ENFANT_PRENOM', 'NOMBRE_OCCURRENCES', 'ANNEE'].map((f) => [f, { column: f }])),
    edits: { version: 1, edits: [{ op: 'replace', field: 'ANNEE', rows: 'all', find: 'deux mille', replacement: '2000', regex: false }] },
  };
  const report = await ask({ type: 'tamis:open', name: 'prenoms.csv', schema: 'scdl/prenoms', recipe }, ['tamis:report'], true, true);
  assert.equal(report.type, 'tamis:report', report.message);
  assert.deepEqual([report.valid, report.issueCount, report.rowCount], [true, 0, ROWS], JSON.stringify(report.issues?.slice(0, 3)));
});

test('cancelling the check of a million rows brings back the table on screen; the host gets tamis:error', async () => {
  const frame = page.frameLocator('#tamis');
  // The table on screen: the valid million rows of the test before.
  const before = await ask({ type: 'tamis:issues', offset: 0, limit: 1 }, ['tamis:issues']);
  assert.equal(before.issueCount, 0);
  const since = await page.evaluate(() => window.received.length);
  const answer = ask({ type: 'tamis:open', name: 'prenoms.csv', schema: 'scdl/prenoms' }, ['tamis:report'], true);
  await frame.getByTestId('check-cancel').click();
  const cancelled = await answer;
  assert.equal(cancelled.type, 'tamis:error', 'a cancelled check answers the host');
  assert.match(cancelled.message, /annulée/);
  assert.match(await frame.getByTestId('info').innerText(), /Vérification annulée/);
  await screenshot(page, 'scale-check-cancelled');
  // The valid table is back, and no report of the cancelled file comes later.
  const after = await ask({ type: 'tamis:issues', offset: 0, limit: 1 }, ['tamis:issues']);
  assert.deepEqual([after.type, after.issueCount], ['tamis:issues', 0], 'a table, without the cancelled file’s 2,000,000 issues');
  await new Promise((ok) => setTimeout(ok, 3000));
  const types = await page.evaluate((since) => window.received.slice(since).map((m) => m.type), since);
  assert.deepEqual(types, ['tamis:error', 'tamis:issues'], 'no report: the host has the one of the table brought back');
});
