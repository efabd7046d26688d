// The single HTML file (scripts/build-single.sh → target/single/tamis.html), opened from a folder as
// an ATD would from a USB key: file://, no server, no network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, screenshot, corpus, launch, newPage, openFile, goToStep, validataRef } from './harness.mjs';

export const SINGLE = join(ROOT, 'target/single/tamis.html');
let browser, page;
const errors = [];
const requests = [];

before(async () => {
  assert.ok(existsSync(SINGLE), 'built by scripts/test.sh (node scripts/single.mjs after the release build)');
  browser = await launch();
  browser.context.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
  });
  page = await newPage(browser.context, errors);
});

after(async () => {
  await browser?.close();
  assert.deepEqual(errors, [], 'no page error, wasm panic or CSP violation');
  assert.deepEqual(requests, [], 'the single file asks nothing of any server');
});

async function download() {
  await goToStep(page, 'publication');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  return (await readFile(await file.path())).toString('utf8');
}

test('opened from file://, it reads a CSV and an XLSX, validates, downloads (the XLSX copy too), and resumes after a reload', async () => {
  await page.goto(pathToFileURL(SINGLE).href);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
  assert.equal(await page.getByTestId('verdict').innerText(), 'Votre fichier est conforme au schéma.');
  assert.match((await download()).split('\r\n')[0], /^nomAttribuant,idAttribuant,/);
  await screenshot(page, '37-single-file');
  // The XLSX copy, made by its worker from a Blob URL too.
  await page.getByText('Autres fichiers').click();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
  assert.match(xlsx.suggestedFilename(), /_pour-excel\.xlsx$/);
  assert.equal((await readFile(await xlsx.path())).subarray(0, 2).toString(), 'PK');

  await openFile(page, corpus('subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx'));
  await page.getByTestId('verdict').waitFor();
  const verdict = await page.getByTestId('verdict').innerText();
  await goToStep(page, 'fichier');
  await page.getByText(/feuille « Subventions »/).waitFor();
  const csv = await download();

  // Autosave works from file:// too: the reload offers the XLSX back, as it was.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.getByTestId('resume-prompt').waitFor();
  assert.match(await page.getByTestId('resume-prompt').innerText(), /DEP_Charente_Maritime_donnees-conventions-subventions\.xlsx/);
  await page.getByTestId('resume').first().click();
  await page.getByText('Travail repris').waitFor();
  assert.equal(await page.getByTestId('verdict').innerText(), verdict);
  assert.equal(await download(), csv);
});

test('from file://, phone numbers are checked with the metadata the single file carries', async () => {
  // The only schema of the catalog that checks phone numbers; their metadata is unpacked when it is chosen.
  const schema = 'openmaraude/schema-stationstaxi';
  const numbers = ['01 99 00 27 37', '12', '3949', '+376 653426020', 'appelez-nous'];
  const lines = numbers.map((n, i) => `S${i},Station ${i},75056,"2.35,48.85",,3,${n},`);
  const path = join(await mkdtemp(join(tmpdir(), 'tamis-single-')), 'stations.csv');
  await writeFile(path, ['id,nom,insee,geopoint,adresse,emplacements,no_appel,info', ...lines].join('\n') + '\n');
  const reference = validataRef(schema, path);
  assert.equal(reference.errors.filter((e) => e.code === 'phone-number-value').length, 3);
  await page.goto(pathToFileURL(SINGLE).href);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, path);
  // A number written +… is pointed out on the file step (Excel would take it for a formula): go on.
  await goToStep(page, 'schema');
  await page.getByTestId('schema-select').selectOption(schema);
  // Its columns are the schema's fields: checked as it is, as the reference does.
  await page.getByRole('button', { name: 'Vérifier le fichier tel quel' }).click();
  await page.getByTestId('verdict').waitFor();
  // Undecided numbers would each count as an error: the reference's count says every one was decided.
  assert.equal(await page.getByTestId('verdict').innerText(), `${reference.errors.length} erreurs à corriger`);
});
