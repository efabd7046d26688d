// Drives the app from a host page through the postMessage protocol, version 1, as a portal would.
// The host is served from another origin than the app, as in a real embedding.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, SCHEMAS, serve, launch, newPage, screenshot, corpus, schemaFields, watchRequests, HOST_PAGE } from './harness.mjs';

let app, host, browser, page, offOrigin;
const errors = [];

before(async () => {
  const appRoutes = {};
  app = await serve(DIST, appRoutes);
  const subventions = await readFile(join(SCHEMAS, 'scdl/subventions/latest/schema.json'));
  host = await serve(DIST, {
    '/host.html': { type: 'text/html; charset=utf-8', body: HOST_PAGE(app.url) },
    '/schemas/subventions.json': { type: 'application/json', body: subventions },
  });
  // The deployer allows the portal's origin, in tamis.config.json beside index.html.
  appRoutes['/tamis.config.json'] = { type: 'application/json', body: JSON.stringify({ hostOrigins: [host.url] }) };
  browser = await launch();
  offOrigin = watchRequests(browser.context, [app.url, host.url]);
  page = await newPage(browser.context, errors);
  await page.goto(`${host.url}/host.html`);
  await waitFor((m) => m.type === 'tamis:ready');
});

after(async () => {
  await browser?.close();
  await host?.close();
  await app?.close();
  assert.deepEqual(errors, [], 'no page error, wasm panic or CSP violation during the protocol tests');
  assert.deepEqual(offOrigin, [], 'no request to any origin but the app and its host');
});

/** Waits for the first message received after `from` that satisfies `predicate`. */
async function waitFor(predicate, from = 0) {
  const handle = await page.waitForFunction(
    ({ source, from }) => {
      const match = new Function('m', `return (${source})(m)`);
      return window.received.slice(from).find(match) ?? false;
    },
    { source: predicate.toString(), from },
    { timeout: 20000 },
  );
  return handle.jsonValue();
}

const count = () => page.evaluate(() => window.received.length);

/** Sends `tamis:open` with the bytes of `path` (transferred as an ArrayBuffer) and returns the answer. */
async function open(path, fields) {
  const bytes = [...(await readFile(path))];
  const from = await count();
  await page.evaluate(
    ({ bytes, fields }) => {
      const buffer = new Uint8Array(bytes).buffer;
      window.send({ type: 'tamis:open', bytes: buffer, ...fields }, [buffer]);
    },
    { bytes, fields },
  );
  return waitFor((m) => m.type === 'tamis:report' || m.type === 'tamis:error', from);
}

async function exportFile(options = {}) {
  const from = await count();
  await page.evaluate((options) => window.send({ type: 'tamis:export', ...options }), options);
  const message = await page.waitForFunction(
    (from) => {
      const m = window.received.slice(from).find((m) => m.type === 'tamis:exported' || m.type === 'tamis:error');
      return m ? { ...m, bytes: m.bytes ? [...new Uint8Array(m.bytes)] : null } : false;
    },
    from,
  );
  return message.jsonValue();
}

test('tamis:ready announces protocol version 1', async () => {
  const ready = await waitFor((m) => m.type === 'tamis:ready');
  assert.equal(ready.version, 1);
});

test('tamis:open by catalog name reports the verdict, mapping and source; tamis:export returns the download', async () => {
  const castelmaurou = corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv');
  const report = await open(castelmaurou, { name: 'castelmaurou.csv', schema: 'scdl/subventions' });
  assert.equal(report.type, 'tamis:report');
  assert.equal(report.valid, true);
  assert.equal(report.rowCount, 95);
  assert.deepEqual(report.issues, []);
  assert.deepEqual(report.source, {
    format: 'csv', encoding: 'UTF-8', delimiter: ',', sheet: null, sheets: [], headerRow: 1, rowCount: 95, columnCount: 14,
    totalsRows: [], totalsRemoved: false, renamed: [], findings: [],
  });
  assert.deepEqual(report.mapping.montant, { column: 'montant' });
  assert.equal(report.mapping.rnaBeneficiaire, null);
  assert.deepEqual(Object.keys(report.mapping), await schemaFields('scdl/subventions'));

  const exported = await exportFile();
  assert.equal(exported.type, 'tamis:exported');
  assert.equal(exported.valid, true);
  // Named after the data.gouv.fr guide: date, the SIREN of the data's idAttribuant, the data set.
  assert.match(exported.name, /^\d{8}_213101173_subventions\.csv$/);
  const text = Buffer.from(exported.bytes).toString('utf8');
  assert.equal(text.split('\r\n')[0], (await schemaFields('scdl/subventions')).join(','));

  // Exactly the bytes the download button saves.
  const frame = page.frameLocator('#tamis');
  const [download] = await Promise.all([page.waitForEvent('download'), frame.getByTestId('download').click()]);
  assert.deepEqual([...(await readFile(await download.path()))], exported.bytes);
  await screenshot(page, '10-protocol-host');
});

test('issues carry code, spreadsheet row, field, cell, Validata\'s French message and a plain explanation', async () => {
  const report = await open(corpus('subventions/schema_exemple_invalide_erreurs_cellules.csv'), {
    name: 'exemple.csv',
    schema: 'scdl/subventions',
  });
  assert.equal(report.valid, false);
  const issue = report.issues.find((i) => i.field === 'dateConvention' && i.code === 'type-error');
  assert.deepEqual(
    { code: issue.code, row: issue.row, field: issue.field, cell: issue.cell },
    { code: 'type-error', row: 5, field: 'dateConvention', cell: '05/12/2016' },
  );
  assert.equal(issue.message, 'La forme attendue est « 2016-12-05 ».');
  assert.equal(
    issue.explanation,
    'Dans dateConvention, « 05/12/2016 » n\'a pas la forme attendue : date au format aaaa-mm-jj, par exemple 2017-06-27.',
  );
  assert.ok(report.issues.every((i) => typeof i.explanation === 'string' && i.explanation.length > 0));
  const exported = await exportFile();
  assert.equal(exported.valid, false);
  assert.match(exported.name, /_NON-CONFORME\.csv$/);
});

test('a recipe object sets constants; "auto" suggests the mapping and safe transforms; a schema object and a schema URL work', async () => {
  const lot = corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv');
  const recipe = { version: 1, mapping: { nomAttribuant: { constant: 'Département du Lot' }, montant: { column: 'montant' } } };
  const withRecipe = await open(lot, { name: 'lot.csv', schema: 'scdl/subventions', recipe });
  assert.deepEqual(withRecipe.mapping.nomAttribuant, { constant: 'Département du Lot' });
  assert.equal(withRecipe.mapping.objet, null, 'fields the recipe does not name stay empty');
  assert.equal(withRecipe.source.encoding, 'windows-1252');
  assert.equal(withRecipe.source.delimiter, ';');

  const byName = await open(lot, { name: 'lot.csv', schema: 'scdl/subventions' });
  assert.ok(byName.issues.some((i) => i.field === 'montant' && i.code === 'type-error'), 'without a recipe no value is changed');
  const auto = await open(lot, { name: 'lot.csv', schema: 'scdl/subventions', recipe: 'auto' });
  assert.deepEqual(auto.mapping.nomAttribuant, { column: 'NomAttribuant' }, 'matched ignoring case');
  assert.equal(auto.transforms.montant?.[0]?.kind, 'number', 'amounts written 40 000,00 get the number transform');
  assert.ok(!auto.issues.some((i) => i.field === 'montant'), 'and are then valid');

  const schema = JSON.parse(await readFile(join(SCHEMAS, 'scdl/subventions/latest/schema.json'), 'utf8'));
  const byObject = await open(lot, { name: 'lot.csv', schema });
  assert.deepEqual(byObject.issues, byName.issues);

  const byUrl = await open(lot, { name: 'lot.csv', schema: { url: `${host.url}/schemas/subventions.json` } });
  assert.deepEqual(byUrl.issues, byName.issues);
});

test('an XLSX sheet can be chosen by name', async () => {
  const report = await open(corpus('subventions/apisubv_fixture_Antibes_title_rows.xlsx'), {
    name: 'antibes.xlsx',
    schema: 'scdl/subventions',
    sheet: 'fixture',
  });
  assert.equal(report.source.format, 'xlsx');
  assert.equal(report.source.sheet, 'fixture');
  assert.deepEqual(report.source.sheets, [
    { name: 'rien à voir', rows: 0, columns: 0 },
    { name: 'fixture', rows: 6, columns: 17 },
  ]);
  assert.equal(report.source.headerRow, 3, 'the two junk rows above the header are skipped');
});

test('bytes may be a typed array or a DataView over part of a buffer: those bytes alone are read', async () => {
  const bytes = [...(await readFile(corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv')))];
  for (const kind of ['Uint8Array', 'DataView']) {
    const from = await count();
    await page.evaluate(
      ({ bytes, kind }) => {
        // Bytes that would spoil the file on either side of the view.
        const whole = new Uint8Array(bytes.length + 20).fill(0x3b);
        whole.set(bytes, 10);
        const view = kind === 'DataView' ? new DataView(whole.buffer, 10, bytes.length) : whole.subarray(10, 10 + bytes.length);
        window.send({ type: 'tamis:open', name: 'vue.csv', bytes: view, schema: 'scdl/subventions' });
      },
      { bytes, kind },
    );
    const report = await waitFor((m) => m.type === 'tamis:report' || m.type === 'tamis:error', from);
    assert.equal(report.type, 'tamis:report', `${kind}: ${report.message}`);
    assert.equal(report.valid, true, kind);
    assert.equal(report.rowCount, 95, kind);
  }
});

test('reading options ride on tamis:open', async () => {
  const report = await open(corpus('subventions/VilleMTP_MTP_AttribSub_2014.ods'), {
    name: 'mtp.ods',
    schema: 'scdl/subventions',
    removeTotals: true,
  });
  assert.equal(report.source.totalsRemoved, true);
  assert.equal(report.source.rowCount, 1240);
  const forced = await open(corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'), {
    name: 'lot.csv',
    schema: 'scdl/subventions',
    encoding: 'UTF-8',
    delimiter: ',',
    headerRow: 0,
  });
  assert.deepEqual([forced.source.encoding, forced.source.delimiter, forced.source.headerRow], ['UTF-8', ',', 0]);
});

test('failures answer tamis:error in French and the app keeps its file', async () => {
  const empty = await open(corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'), {
    name: 'x.csv',
    schema: 'scdl/inexistant',
  });
  assert.equal(empty.type, 'tamis:error');
  assert.match(empty.message, /Le schéma « scdl\/inexistant » est inconnu/);

  const from = await count();
  await page.evaluate(() => window.send({ type: 'tamis:open', name: 'vide.csv', bytes: new ArrayBuffer(0), schema: 'scdl/subventions' }));
  const error = await waitFor((m) => m.type === 'tamis:error', from);
  assert.match(error.message, /Le fichier est vide/);

  await page.evaluate(() => window.send({ type: 'tamis:open', name: 'x.csv', schema: 'scdl/subventions' }));
  assert.match((await waitFor((m) => m.type === 'tamis:error', from + 1)).message, /il manque « bytes »/);

  // A buffer over the size cap is refused (the app reads its length before copying anything).
  await page.evaluate(() => window.send({ type: 'tamis:open', name: 'gros.csv', bytes: new Uint8Array(101 * 1024 * 1024), schema: 'scdl/subventions' }));
  assert.match((await waitFor((m) => m.type === 'tamis:error', from + 2)).message, /trop volumineux \(101 Mo\)/);

  // Unknown messages are ignored; the previous file is still there to export.
  await page.evaluate(() => window.send({ type: 'tamis:unknown' }));
  const exported = await exportFile();
  assert.equal(exported.type, 'tamis:exported');
});

/** Sends `tamis:open` with a prénoms file of 2,500,000 rows (84 MB) made in the host page: its read lasts seconds. */
const sendBig = () => page.evaluate(() => {
  const names = ['Léa', 'Emma', 'Louis', 'Jules', 'Chloé'];
  const lines = ['COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE'];
  for (let i = 0; i < 2_500_000; i++) lines.push(`Montpellier,34172,${i % 2 ? 'F' : 'M'},${names[i % 5]},${(i % 50) + 1},2023`);
  const buffer = new TextEncoder().encode(lines.join('\n')).buffer;
  window.send({ type: 'tamis:open', name: 'gros.csv', bytes: buffer, schema: 'scdl/prenoms' }, [buffer]);
});

test('a read the user cancels, or that a newer tamis:open overtakes, answers tamis:error; the app keeps its file', async () => {
  const small = corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv');
  assert.equal((await open(small, { name: 'castelmaurou.csv', schema: 'scdl/subventions' })).type, 'tamis:report');
  const before = await exportFile();
  const frame = page.frameLocator('#tamis');

  // The user cancels: the host is told, the user sees no error, the file is the same.
  let from = await count();
  await sendBig();
  await frame.getByTestId('read-cancel').click();
  const cancelled = await waitFor((m) => m.type === 'tamis:report' || m.type === 'tamis:error', from);
  assert.equal(cancelled.type, 'tamis:error');
  assert.match(cancelled.message, /La lecture du fichier a été annulée/);
  assert.equal(await frame.getByTestId('error').count(), 0);
  assert.deepEqual((await exportFile()).bytes, before.bytes, 'the previous file is still the one exported');

  // Another tamis:open while the big file is read: the first answers tamis:error, the second its report.
  from = await count();
  await sendBig();
  await frame.getByTestId('read-progress').waitFor();
  const bytes = [...(await readFile(corpus('prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv')))];
  await page.evaluate((bytes) => {
    const buffer = new Uint8Array(bytes).buffer;
    window.send({ type: 'tamis:open', name: 'prenoms.csv', bytes: buffer, schema: 'scdl/prenoms' }, [buffer]);
  }, bytes);
  const report = await waitFor((m) => m.type === 'tamis:report', from);
  const answers = await page.evaluate((from) => window.received.slice(from).map((m) => [m.type, m.message, m.rowCount]), from);
  assert.equal(answers.length, 2, JSON.stringify(answers));
  assert.equal(answers[0][0], 'tamis:error');
  assert.match(answers[0][1], /abandonnée : un autre fichier a été ouvert/);
  assert.ok(report.rowCount < 1000, 'the report is the small file\'s');
  assert.equal(await frame.getByTestId('error').count(), 0, 'the overtaken read shows the user nothing');
});

test('a recipe with an edit log is replayed by row; tamis:export returns the report and the recipe on request', async () => {
  // Prénoms: no SIRET in the data, so the SIREN comes with the message.
  const file = corpus('prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv');
  const first = await open(file, { name: 'prenoms.csv', schema: 'scdl/prenoms' });
  assert.equal(first.valid, false);
  const bad = first.issues[0];
  assert.ok(bad.row >= 2 && bad.field, JSON.stringify(bad));
  // The recipe the app saves names the file its edits were made on (edits.source).
  const { recipe: saved } = await exportFile({ recipe: true });
  assert.match(saved.edits.source, /^crc32:[0-9a-f]{8}:\d+$/);
  const deletion = { op: 'deleteRows', rows: [{ index: bad.row - 2, sourceRow: bad.row }] };
  const recipe = { ...saved, edits: { ...saved.edits, edits: [deletion] } };
  // Without the file's fingerprint, a row named by its number may be another record: not replayed.
  const blind = await open(file, { name: 'prenoms.csv', schema: 'scdl/prenoms', recipe: { ...recipe, edits: { version: 1, edits: [deletion] } } });
  assert.equal(blind.rowCount, first.rowCount);
  const second = await open(file, { name: 'prenoms.csv', schema: 'scdl/prenoms', recipe });
  assert.equal(second.rowCount, first.rowCount - 1, 'the row is deleted again');
  assert.ok(!second.issues.some((i) => i.row === bad.row && i.field === bad.field && i.cell === bad.cell));

  const exported = await exportFile({ report: true, recipe: true, siren: '217400423', dataset: 'Prénoms 2024' });
  assert.match(exported.name, /^\d{8}_217400423_prenoms-2024(_NON-CONFORME)?\.csv$/);
  assert.equal(exported.report.exportedFile, exported.name);
  assert.equal(exported.report.schema.name, 'scdl/prenoms');
  assert.equal(exported.report.valid, exported.valid);
  assert.deepEqual(exported.report.edits.length, 1);
  assert.match(exported.reportHtml, /^<!DOCTYPE html>/i);
  assert.equal(exported.recipe.edits.edits[0].op, 'deleteRows');
  assert.equal(exported.recipe.schema.name, 'scdl/prenoms');
});

test('messages from anything but the parent window are ignored', async () => {
  const before = await count();
  const frame = page.frames().find((f) => f.url().startsWith(app.url));
  await frame.evaluate(() => window.postMessage({ type: 'tamis:export' }, '*'));
  await page.waitForTimeout(500);
  assert.equal(await count(), before);
});

test('a report carries at most maxIssues issues, with the totals and counts; tamis:issues pages through the rest', async () => {
  // 3,000 rows, each with a year that is not one: 3,000 issues.
  const lines = ['COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE'];
  for (let i = 0; i < 3000; i++) lines.push(`Montpellier,34172,F,Léa,${(i % 50) + 1},deux mille`);
  const bytes = [...Buffer.from(lines.join('\n') + '\n', 'utf8')];
  const send = async (fields) => {
    const from = await count();
    await page.evaluate(({ bytes, fields }) => {
      const buffer = new Uint8Array(bytes).buffer;
      window.send({ type: 'tamis:open', name: 'prenoms.csv', bytes: buffer, schema: 'scdl/prenoms', ...fields }, [buffer]);
    }, { bytes, fields });
    return waitFor((m) => m.type === 'tamis:report' || m.type === 'tamis:error', from);
  };
  const capped = await send({ maxIssues: 100 });
  assert.equal(capped.issues.length, 100);
  assert.equal(capped.issueCount, 3000);
  assert.equal(capped.truncated, true);
  assert.deepEqual(capped.counts, { byCode: { 'type-error': 3000 }, byField: { ANNEE: 3000 } });
  assert.deepEqual(capped.issues.map((i) => i.row), Array.from({ length: 100 }, (_, k) => k + 2), 'the first ones, in row order');

  const pageOf = async (offset, limit) => {
    const from = await count();
    await page.evaluate(({ offset, limit }) => window.send({ type: 'tamis:issues', offset, limit }), { offset, limit });
    return waitFor((m) => m.type === 'tamis:issues', from);
  };
  const second = await pageOf(100, 500);
  assert.deepEqual([second.offset, second.limit, second.issueCount, second.issues.length], [100, 500, 3000, 500]);
  assert.deepEqual(second.issues.map((i) => i.row), Array.from({ length: 500 }, (_, k) => k + 102));
  assert.ok(second.issues.every((i) => i.field === 'ANNEE' && i.cell === 'deux mille'));
  const last = await pageOf(2900, 500);
  assert.deepEqual(last.issues.map((i) => i.row), Array.from({ length: 100 }, (_, k) => k + 2902), 'the last page is short');

  // Without maxIssues, Validata's cap: 1,000.
  const byDefault = await send({});
  assert.deepEqual([byDefault.issues.length, byDefault.issueCount, byDefault.truncated], [1000, 3000, true]);
  // A report with everything in it is not truncated.
  const small = await open(corpus('subventions/schema_exemple_invalide_erreurs_cellules.csv'), { name: 'x.csv', schema: 'scdl/subventions' });
  assert.equal(small.truncated, false);
  assert.equal(small.issues.length, small.issueCount);
});
