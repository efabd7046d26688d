// The UI's main path in Debian's Firefox ESR (many office PCs run it), driven over WebDriver BiDi by
// puppeteer-core (see firefox.mjs): open a commune's CSV, pick the schema, see the verdict, download;
// open a workbook; open a file with errors, see them marked, edit a cell. Any uncaught error, console
// error or CSP violation in Firefox fails the file.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DIST, ROOT, ARTIFACTS, SCHEMAS, corpus, serve } from './harness.mjs';
import { pathToFileURL } from 'node:url';
import { launchFirefox, innerText, waitForText } from './firefox.mjs';

let server, firefox, page;

before(async () => {
  server = await serve(DIST);
  // file: URLs (the single file) have the origin 'null'.
  firefox = await launchFirefox({ origins: [server.url, 'null'] });
  ({ page } = firefox);
  const version = await firefox.browser.version();
  assert.match(version, /^firefox\//, `Firefox over WebDriver BiDi (got ${version})`);
});

// Each test is failed by its own errors (the page and its list of errors live through the file).
let reported = 0;
afterEach(() => {
  const fresh = firefox?.errors.slice(reported) ?? [];
  reported += fresh.length;
  assert.deepEqual(fresh, [], 'no page error, console error or CSP violation in Firefox');
});

after(async () => {
  await firefox?.close();
  await server?.close();
  assert.deepEqual(firefox?.errors.slice(reported) ?? [], [], 'no page error, console error or CSP violation in Firefox');
  assert.deepEqual(firefox?.offOrigin ?? [], [], "no request left the app's origin in Firefox");
});

async function screenshot(name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `40-firefox-${name}.png`), fullPage: true });
}

async function schemaFields(name) {
  const schema = JSON.parse(await readFile(join(SCHEMAS, name, 'latest/schema.json'), 'utf8'));
  return schema.fields.map((f) => f.name);
}

async function openApp() {
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Tamis'));
}

/** Goes to step `id` with the step bar, and waits for it. */
async function goToStep(id) {
  await page.click(`[data-testid=step-${id}]`);
  await page.waitForSelector(`[data-testid=step-view-${id}]`);
}

/**
 * Opens `path` through the file input of the Fichier step and waits until the app has read it: the
 * summary names it, or (a schema chosen already) the app moved on to the corrections or the publication.
 */
async function upload(path) {
  if (!(await page.$('[data-testid=file-input]'))) await goToStep('fichier');
  const input = await page.waitForSelector('[data-testid=file-input]');
  await input.uploadFile(path);
  await input.dispose();
  await page.waitForFunction((name) => document.querySelector('[data-testid=source-summary]')?.textContent.includes(name)
    || document.querySelector('[data-testid=step-view-corrections], [data-testid=step-view-publication]'),
  {}, basename(path));
}

async function chooseSchema(name) {
  await page.waitForSelector('[data-testid=schema-select]');
  await page.select('[data-testid=schema-select]', name);
  await page.waitForSelector('[data-testid=verdict]');
}

const verdictCount = async () => Number((await innerText(page, '[data-testid=verdict]')).replace(/\u00a0/g, '').match(/^(\d+)/)?.[1] ?? 0);

test('Firefox ESR: castelmaurou subventions is conformant, the download has the schema columns', async () => {
  await openApp();
  await screenshot('01-start');
  await upload(corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  assert.match(await innerText(page, '[data-testid=source-summary]'),
    /CSV · encodage UTF-8 · séparateur virgule · en-tête ligne 1 · 95 lignes × 14 colonnes/);
  await chooseSchema('scdl/subventions');
  await waitForText(page, '[data-testid=verdict]', /conforme/);
  await screenshot('02-castelmaurou-subventions');
  assert.equal(await innerText(page, '[data-testid=verdict]'), 'Votre fichier est conforme au schéma.');

  const { name, path, bytes } = await firefox.download(() => page.click('[data-testid=download]'));
  assert.equal(path, join(firefox.downloadDir, name), 'saved under its suggested name, without a dialog');
  const today = new Date();
  const ymd = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, '0')}${String(today.getDate()).padStart(2, '0')}`;
  assert.equal(name, `${ymd}_213101173_subventions.csv`);
  const text = bytes.toString('utf8');
  assert.notEqual(bytes[0], 0xef, 'no BOM');
  assert.equal(text.split('\r\n')[0], (await schemaFields('scdl/subventions')).join(','));
  assert.equal(text.split('\r\n').length, 95 + 2, 'header + 95 rows, CRLF, final line end');
});

test('Firefox ESR: an XLSX workbook opens on its sheet', async () => {
  await openApp();
  await upload(corpus('subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx'));
  assert.match(await innerText(page, '[data-testid=source-summary]'),
    /XLSX · feuille « Subventions » · en-tête ligne 1 · 101 lignes × 14 colonnes/);
  await chooseSchema('scdl/subventions');
  await page.waitForSelector('[data-testid=preview] tbody td');
  assert.match(await innerText(page, '[data-testid=verdict]'), /^\d+ erreurs? à corriger$|conforme/);
  assert.match(await page.$eval('[data-testid=preview] tbody td', (td) => td.textContent), /Charente-Maritime/);
  await screenshot('03-xlsx');
});

test('Firefox ESR: errors are marked in their cells, and editing a cell changes the count', async () => {
  await openApp();
  await upload(corpus('subventions/schema_exemple_invalide_erreurs_cellules.csv'));
  // The reader has remarks on this file: the user reads them, then goes on to the schema.
  await goToStep('schema');
  await chooseSchema('scdl/subventions');
  await waitForText(page, '[data-testid=verdict]', /^\d+ erreurs? à corriger$/);
  const before = await verdictCount();
  assert.ok(before > 0, await innerText(page, '[data-testid=verdict]'));
  const marked = await page.$$('[data-testid=preview] [data-testid=error-cell]');
  assert.ok(marked.length > 0, 'erroneous cells are marked in the table');
  assert.ok((await marked[0].evaluate((td) => td.getAttribute('title'))).length > 0, 'with their message');
  await screenshot('04-errors');

  // Row 2's pourcentageSubvention is 100 where the schema wants at most 1: fixed in place.
  const headers = await page.$$eval('[data-testid=preview] thead th', (ths) => ths.map((th) => th.textContent));
  const id = `#cell-0-${headers.indexOf('pourcentageSubvention') - 1}`;
  const cell = await page.waitForSelector(id);
  assert.equal(await cell.evaluate((td) => td.closest('tr').querySelector('th').textContent), '2');
  assert.equal(await cell.evaluate((td) => td.dataset.testid), 'error-cell', 'the percentage is marked as an error');
  assert.match(await cell.evaluate((td) => td.title), /au plus égale à 1/);
  await cell.click({ count: 2 });
  const input = await page.waitForSelector('[data-testid=cell-input]');
  // As in Chromium, the editor opens focused with the cell's text selected: typing replaces it.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'cell-input');
  await page.keyboard.type('1');
  assert.equal(await input.evaluate((el) => el.value), '1');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid=verdict]')?.textContent.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1]) === n,
    { timeout: 10_000 }, before - 1);
  // The row is drawn again: the cell is a new element.
  assert.equal(await page.$eval(id, (td) => td.textContent), '1');
  assert.equal(await page.$eval(id, (td) => td.dataset.testid), undefined, 'no longer marked');
  await screenshot('05-cell-edited');
  const grid = await page.$('[data-testid=preview]');
  await grid.screenshot({ path: join(ARTIFACTS, '40-firefox-06-grid.png') });
});

test('Firefox ESR: the single HTML file works from file://, and resumes the session after a reload', async () => {
  await page.goto(pathToFileURL(join(ROOT, 'target/single/tamis.html')).href);
  await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('Tamis'));
  await upload(corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  await chooseSchema('scdl/subventions');
  await waitForText(page, '[data-testid=verdict]', /conforme/);
  const { bytes } = await firefox.download(() => page.click('[data-testid=download]'));
  assert.equal(bytes.toString('utf8').split('\r\n')[0], (await schemaFields('scdl/subventions')).join(','));
  // The XLSX copy, made by its worker from a Blob URL.
  await page.click('.other-files summary');
  const xlsx = await firefox.download(() => page.click('[data-testid=download-xlsx]'));
  assert.match(xlsx.name, /_pour-excel\.xlsx$/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  await upload(corpus('subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx'));
  await page.waitForSelector('[data-testid=verdict]');
  await goToStep('fichier');
  await waitForText(page, '[data-testid=source-summary]', /feuille « Subventions »/);
  await goToStep('corrections');
  const verdict = await innerText(page, '[data-testid=verdict]');
  await screenshot('07-single-file');
  // Autosave from file:// too.
  await new Promise((ok) => setTimeout(ok, 1500));
  await page.reload();
  await page.waitForSelector('[data-testid=resume]');
  await page.click('[data-testid=resume]');
  await waitForText(page, '[data-testid=info]', /Travail repris : DEP_Charente_Maritime/);
  await waitForText(page, '[data-testid=verdict]', new RegExp(verdict.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});
