// The last step as a person goes through it: the file to publish named after the data.gouv.fr guide,
// the report (a page Chromium renders), the recipe, the XLSX and Excel copies; the checklist of what to
// declare; and a file with errors left says so before and in its name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, screenshot, corpus, start, stop, newPage, validataRef, openFile, goToStep } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the export tests'));

async function saved(testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  // Saved under its own name: the reference validator reads the format from the extension.
  const path = join(await mkdtemp(join(tmpdir(), 'tamis-export-')), file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, bytes: await readFile(path) };
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
};

test('a conformant file: the guide name, the report, the recipe, the copies, and the checklist', async () => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  const name = `${today()}_213101173_subventions`;
  assert.equal(await page.getByTestId('file-name').innerText(), `${name}.csv`);
  assert.equal(await page.getByTestId('export-warning').count(), 0, 'no warning on a conformant file');

  const csv = await saved('download');
  assert.equal(csv.name, `${name}.csv`);
  assert.notEqual(csv.bytes[0], 0xef, 'no BOM in the publication file');

  // What to declare, each line with a copy button that copies it.
  const checklist = page.getByTestId('checklist');
  await checklist.waitFor();
  const text = await checklist.innerText();
  assert.match(text, /scdl\/subventions/);
  assert.match(text, /Licence Ouverte \/ Open Licence version 2\.0/);
  await checklist.getByRole('button', { name: 'Copier : Schéma à déclarer sur la ressource' }).click();
  await checklist.getByText('Copié.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'scdl/subventions');
  await screenshot(page, '20-export-checklist');
  await page.getByTestId('export').screenshot({ path: join(ARTIFACTS, '20-export-panel.png') });

  await page.getByText('Autres fichiers').click();
  const report = await saved('download-report');
  assert.equal(report.name, `${name}_rapport.html`);
  const json = JSON.parse((await saved('download-report-json')).bytes.toString('utf8'));
  assert.equal(json.valid, true);
  assert.equal(json.exportedFile, `${name}.csv`);
  assert.equal(json.rowCount, 95);
  const recipe = JSON.parse((await saved('download-recipe')).bytes.toString('utf8'));
  assert.equal(recipe.schema.name, 'scdl/subventions');
  const xlsx = await saved('download-xlsx');
  assert.equal(xlsx.name, `${name}_pour-excel.xlsx`);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
  const excel = await saved('download-excel');
  assert.deepEqual([...excel.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the Excel copy has a BOM');
  assert.match(excel.bytes.toString('utf8').split('\r\n')[0], /;/, 'and semicolons');

  // The report is a page of its own: Chromium renders it, with no request anywhere.
  const viewer = await newPage(page.context(), []);
  const requests = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.setContent(report.bytes.toString('utf8'));
  assert.match(await viewer.locator('body').innerText(), /Conforme/);
  assert.match(await viewer.locator('body').innerText(), /scdl\/subventions/);
  assert.deepEqual(requests, [], 'the report loads nothing');
  await viewer.screenshot({ path: join(ARTIFACTS, '21-report.png'), fullPage: true });
  // Printed to PDF as a person would from the browser (print styles, A4).
  const pdf = await viewer.pdf({ path: join(ARTIFACTS, '21-report.pdf'), format: 'A4' });
  assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
  await viewer.close();

  // The publication file is what validata-ref calls valid.
  const verdict = validataRef('scdl/subventions', csv.path);
  assert.equal(verdict.valid, true, JSON.stringify(verdict.errors?.slice(0, 3)));
});

test('errors left: said before the download and in the name; a SIREN typed goes into the names', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv'));
  // The reader has remarks on this file: the user reads them, then goes on to the schema.
  await goToStep(page, 'schema');
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  await page.getByTestId('verdict').waitFor();
  await goToStep(page, 'publication');
  await page.getByTestId('export-warning').waitFor();
  assert.match(await page.getByTestId('export-warning').innerText(), /ne doit pas être publié/);
  // The prénoms schema has no SIRET field: the SIREN is asked for.
  assert.match(await page.getByTestId('export').innerText(), /Saisissez le SIREN/);
  assert.equal(await page.getByTestId('file-name').innerText(), `${today()}_prenoms_NON-CONFORME.csv`);
  await page.getByTestId('siren').fill('123');
  await page.getByTestId('siren').press('Tab');
  await page.getByText('« 123 » n\'est pas un numéro SIREN valide', { exact: false }).waitFor();
  await page.getByTestId('siren').fill('217 400 423');
  await page.getByTestId('siren').press('Tab');
  await page.waitForFunction((n) => document.querySelector('[data-testid=file-name]')?.textContent === n,
    `${today()}_217400423_prenoms_NON-CONFORME.csv`);
  await screenshot(page, '22-export-invalid');
  await page.getByTestId('export').screenshot({ path: join(ARTIFACTS, '22-export-panel.png') });
  const csv = await saved('download');
  assert.equal(csv.name, `${today()}_217400423_prenoms_NON-CONFORME.csv`);
});

test('a large table\'s XLSX copy is made off the page, its CSV a slice at a time: their progress shows, « Annuler » stops them, then they are made', async () => {
  // 300,000 prénoms rows, a tenth of them with a sex the schema refuses: seconds of work for the XLSX
  // worker, during which the page shows the progress (it could not, frozen).
  const rows = 300_000;
  const names = ['Léa', 'Emma', 'Louis', 'Jules', 'Chloé'];
  let csv = 'COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE\n';
  for (let i = 0; i < rows; i++) csv += `Montpellier,34172,${i % 10 ? 'F' : 'X'},${names[i % 5]},${(i % 50) + 1},2023\n`;
  const path = join(await mkdtemp(join(tmpdir(), 'tamis-xlsx-')), 'prenoms-grand.csv');
  await writeFile(path, csv);
  const workers = [];
  page.on('worker', (worker) => {
    const seen = { url: worker.url(), closed: false };
    worker.on('close', () => { seen.closed = true; });
    workers.push(seen);
  });
  let downloads = 0;
  page.on('download', () => { downloads += 1; });

  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, path);
  await goToStep(page, 'schema');
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  await page.waitForFunction(() => /30\s?000/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''), null, { timeout: 120_000 });
  await goToStep(page, 'publication');
  await page.getByText('Autres fichiers').click();

  await page.getByTestId('download-xlsx').click();
  await page.getByTestId('xlsx-progress').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('xlsx-progress').innerText(), /Préparation de la copie XLSX/);
  assert.ok(await page.getByTestId('download-xlsx').isDisabled(), 'one copy at a time');
  const xlsxWorkers = () => workers.filter((w) => /xlsx/.test(w.url));
  assert.equal(xlsxWorkers().length, 1, 'the copy is made in a worker of its own');
  await screenshot(page, '23-export-xlsx-progress');
  await page.getByTestId('xlsx-cancel').click();
  await page.getByTestId('xlsx-progress').waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('[data-testid=download-xlsx]')?.disabled);
  assert.equal(await page.getByTestId('error').count(), 0, 'a cancel says nothing more');
  for (let i = 0; i < 200 && !xlsxWorkers()[0].closed; i++) await page.waitForTimeout(50);
  assert.ok(xlsxWorkers()[0].closed, 'the cancelled copy\'s worker is ended');
  assert.equal(downloads, 0, 'nothing was saved');

  const xlsx = await saved('download-xlsx');
  assert.match(xlsx.name, /_prenoms_NON-CONFORME_pour-excel\.xlsx$/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
  assert.ok(xlsx.bytes.length > 1e6, `${xlsx.bytes.length} bytes for ${rows} rows`);
  assert.equal(xlsxWorkers().length, 2, 'a fresh worker made it');

  // The CSV to publish is written on the page a slice of rows at a time, between which it answers. On a
  // computer slow enough (here the CPU slowed down twentyfold) its progress shows after half a second,
  // with « Annuler », which stops it with nothing saved; then it is written whole.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  await page.getByTestId('download').click();
  await page.getByTestId('csv-progress').waitFor({ timeout: 60_000 });
  assert.match(await page.getByTestId('csv-progress').innerText(), /Préparation du fichier CSV/);
  assert.ok(await page.getByTestId('download').isDisabled(), 'one CSV at a time');
  await screenshot(page, '24-export-csv-progress');
  await page.getByTestId('csv-cancel').click();
  await page.getByTestId('csv-progress').waitFor({ state: 'detached' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.waitForFunction(() => !document.querySelector('[data-testid=download]')?.disabled);
  await page.waitForTimeout(1000);
  assert.equal(downloads, 1, 'the cancelled CSV was not saved (the one download is the XLSX copy)');
  assert.equal(await page.getByTestId('error').count(), 0, 'a cancel says nothing more');
  const published = await saved('download');
  assert.match(published.name, /_prenoms_NON-CONFORME\.csv$/);
  const lines = published.bytes.toString('utf8').split('\r\n');
  assert.equal(lines.length, rows + 2, 'the header, every row, and the last line\'s end');
  assert.equal(lines[11], 'Montpellier,34172,X,Léa,11,2023', 'the 11th row as it was (its sex refused, kept)');
  // Tamis reads its own copy back whole: every row, the refused sex as it was.
  await openFile(page, xlsx.path);
  await page.waitForFunction((n) => document.querySelector('[data-testid=source-summary]')?.innerText.replace(/\s/g, '').includes(n),
    String(rows), { timeout: 120_000 });
});
