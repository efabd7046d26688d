// A file already in a schema's layout checked as it is (issue #15, part 4), as an ATD checks what a
// commune published: no mapping, the file's own columns, structure errors and warnings, cell errors and
// the file's own row numbers, exactly as Validata — compared with the reference validator itself
// (validata-ref) on the same raw file. Through the protocol (`tamis:open` with `mode: "as-is"`) and
// through the UI (« Vérifier le fichier tel quel » in the Colonnes step, and the way back).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus, validataRef, startHost, stopHost, start, stop, currentStep, screenshot } from './harness.mjs';

// Swapped and renamed columns (a missing required column, an unknown one, a missing optional one) and
// cell errors: every kind of issue an as-is check has to give.
const COLUMNS = corpus('subventions/schema_exemple_invalide_erreurs_colonnes.csv');
// Its columns are exactly the schema's fields.
const VALID = corpus('subventions/schema_exemple_valide.csv');
const SCHEMA = 'scdl/subventions';

const key = (issue) => `${issue.code}|${issue.row ?? 0}|${issue.field ?? ''}`;
const keys = (issues) => issues.map(key).sort();

let hosted, page;

before(async () => {
  hosted = await startHost();
  page = hosted.page;
});

after(() => stopHost(hosted, 'the as-is protocol tests'));

/** Sends `tamis:open` for `path` with `fields`; the report (or error) that answers it. */
async function open(path, fields) {
  const bytes = [...(await readFile(path))];
  const from = await page.evaluate(() => window.received.length);
  await page.evaluate(({ bytes, fields }) => {
    const buffer = new Uint8Array(bytes).buffer;
    window.send({ type: 'tamis:open', bytes: buffer, ...fields }, [buffer]);
  }, { bytes, fields });
  const handle = await page.waitForFunction(
    (from) => window.received.slice(from).find((m) => m.type === 'tamis:report' || m.type === 'tamis:error') ?? false,
    from,
    { timeout: 20000 },
  );
  return handle.jsonValue();
}

test('tamis:open with mode "as-is" gives the reference validator’s issues and warnings on the raw file', async () => {
  const reference = validataRef(SCHEMA, COLUMNS);
  const report = await open(COLUMNS, { name: 'exemple.csv', schema: SCHEMA, mode: 'as-is', maxIssues: 10000 });
  assert.equal(report.type, 'tamis:report', JSON.stringify(report));
  assert.equal(report.mode, 'as-is');
  assert.equal(report.valid, reference.valid);
  assert.equal(report.truncated, false);
  assert.deepEqual(keys(report.issues), keys(reference.errors), 'the same (code, row, field) as validata-ref');
  assert.ok(report.issues.some((i) => i.code === 'missing-required-header' && i.field === 'nomBeneficiaire'));
  // Structure warnings, as Validata gives them: an unknown column, a missing optional one.
  const warnings = (list) => list.map((w) => `${w.code}|${w.field ?? w.field_name ?? ''}`).sort();
  assert.deepEqual(warnings(report.warnings), warnings(reference.warnings));
  // The mapping says which fields the file has; nothing is transformed.
  assert.deepEqual(report.mapping.nomBeneficiaire, null);
  assert.deepEqual(report.mapping.montant, { column: 'montant' });
  assert.deepEqual(report.transforms, {});
  // The same file mapped (the default, unchanged) is another table: no structure issue left.
  const mapped = await open(COLUMNS, { name: 'exemple.csv', schema: SCHEMA });
  assert.equal(mapped.mode, 'mapped');
  assert.ok(!mapped.issues.some((i) => i.row === null && i.code === 'missing-required-header' && i.field === 'montant'));
  assert.deepEqual(mapped.warnings.filter((w) => w.code === 'extra-header-warn'), []);
  // An unknown mode is refused, and the previous file stays.
  const refused = await open(COLUMNS, { name: 'exemple.csv', schema: SCHEMA, mode: 'raw' });
  assert.equal(refused.type, 'tamis:error');
  assert.match(refused.message, /as-is/);
});

test('files Validata reads otherwise: its verdict and issues as they are, read for what they mean when mapped', async () => {
  // A UTF-8 BOM over a Windows-1252 body (encoding-error), an empty first sheet (source-error), an XLSX
  // with an empty formatted row after the data (blank-row and the checks on it).
  for (const file of [
    'subventions/DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv',
    'subventions/apisubv_fixture_Antibes_title_rows.xlsx',
    'subventions/DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx',
  ]) {
    const path = corpus(file);
    const name = file.split('/').pop();
    const reference = validataRef(SCHEMA, path);
    const report = await open(path, { name, schema: SCHEMA, mode: 'as-is', maxIssues: 10000 });
    assert.equal(report.type, 'tamis:report', `${file}: ${JSON.stringify(report).slice(0, 300)}`);
    assert.equal(report.valid, reference.valid, file);
    assert.deepEqual(keys(report.issues), keys(reference.errors), `${file}: the same (code, row, field) as validata-ref`);
    for (const issue of report.issues.filter((i) => i.row === null)) {
      assert.ok(issue.explanation.length > 40, `${file}: ${issue.code} is explained`);
    }
    const mapped = await open(path, { name, schema: SCHEMA });
    assert.equal(mapped.type, 'tamis:report', file);
    assert.ok(!mapped.issues.some((i) => ['encoding-error', 'source-error', 'blank-row'].includes(i.code)), file);
  }
});

test('phone numbers are checked with the metadata that comes with the schema bundle, as Validata does', async () => {
  // The only schema of the catalog with `phone-number-value`. The app's wasm leaves libphonenumber's
  // metadata out and installs it from the bundle before it validates: a number is never passed unchecked.
  const schema = 'openmaraude/schema-stationstaxi';
  const numbers = ['01 99 00 27 37', '12', '3949', '+33 6 12 34 56 78', '+44 20 7946 0958', '+376 653426020', '0262 12 34 56', 'appelez-nous', ''];
  const lines = numbers.map((n, i) => `S${i},Station ${i},75056,"2.35,48.85",,3,${n},`);
  const path = join(await mkdtemp(join(tmpdir(), 'tamis-phone-')), 'stations.csv');
  await writeFile(path, ['id,nom,insee,geopoint,adresse,emplacements,no_appel,info', ...lines].join('\n') + '\n');
  const reference = validataRef(schema, path);
  const phones = (issues) => issues.filter((i) => i.code === 'phone-number-value');
  assert.ok(phones(reference.errors).length >= 2, `the reference refuses some of these numbers: ${JSON.stringify(reference.errors)}`);
  const report = await open(path, { name: 'stations.csv', schema, mode: 'as-is' });
  assert.equal(report.type, 'tamis:report', JSON.stringify(report));
  assert.deepEqual(keys(report.issues), keys(reference.errors), 'the same (code, row, field) as validata-ref');
  assert.ok(phones(report.issues).every((i) => !i.message.includes('pas pu vérifier')), 'every number decided');
});

test('the export of a file checked as it is keeps its own columns', async () => {
  await open(COLUMNS, { name: 'exemple.csv', schema: SCHEMA, mode: 'as-is' });
  const from = await page.evaluate(() => window.received.length);
  await page.evaluate(() => window.send({ type: 'tamis:export' }));
  const exported = await (await page.waitForFunction(
    (from) => {
      const m = window.received.slice(from).find((m) => m.type === 'tamis:exported' || m.type === 'tamis:error');
      return m ? { ...m, bytes: m.bytes ? new TextDecoder().decode(m.bytes) : null } : false;
    },
    from,
  )).jsonValue();
  assert.equal(exported.type, 'tamis:exported');
  assert.equal(exported.valid, false);
  const header = exported.bytes.split('\r\n')[0].split(',');
  const original = (await readFile(COLUMNS, 'utf8')).split('\n')[0].trim().split(',');
  assert.deepEqual(header, original, 'the file’s own header, unknown column included');
});

test('through the UI: « Vérifier le fichier tel quel », the reference’s error count, and the way back', async () => {
  const session = await start();
  try {
    const { server, page } = session;
    await page.goto(server.url);
    // A file whose columns are exactly the schema's fields: the offer says so.
    await page.getByTestId('file-input').setInputFiles(VALID);
    await page.getByTestId('schema-select').selectOption(SCHEMA);
    await page.getByTestId('step-colonnes').click();
    await page.getByTestId('mapping').waitFor();
    assert.match(await page.getByTestId('as-is-offer').innerText(), /exactement les noms des champs du schéma/);
    await page.getByTestId('as-is').click();
    await page.getByTestId('as-is-note').waitFor();
    await page.getByTestId('step-publication').click();
    assert.equal(await page.getByTestId('verdict').innerText(), 'Votre fichier est conforme au schéma.');

    // Another file, checked as it is on request although its columns are not the schema's.
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles(COLUMNS);
    // What the reader noticed (an identifier written as a number) keeps the user on the file step.
    await page.getByTestId('source-summary').waitFor();
    await page.getByTestId('step-next').click();
    await page.getByTestId('schema-select').selectOption(SCHEMA);
    await page.locator('[data-testid=mapping], [data-testid=error-panel]').first().waitFor();
    await page.getByTestId('step-colonnes').click();
    await page.getByTestId('mapping').waitFor();
    assert.doesNotMatch(await page.getByTestId('as-is-offer').innerText(), /exactement/);
    await page.getByTestId('as-is').click();
    await page.getByTestId('error-panel').waitFor();
    assert.equal(await currentStep(page), 'corrections');
    const reference = validataRef(SCHEMA, COLUMNS);
    const said = await page.getByTestId('step-corrections').getByTestId('step-state').innerText();
    assert.equal(said, `${reference.errors.length} erreurs`);
    // The grid shows the file's own columns, the unknown one included; the structure warnings are said.
    assert.match(await page.getByTestId('as-is-warnings').innerText(), /NOM_Beneficiaire/);
    assert.match(await page.getByTestId('as-is-warnings').innerText(), /dispositifAide/);
    await screenshot(page, 'asis-corrections');
    // The session keeps the mode: after a reload, « Reprendre » checks the file as it is again.
    await page.waitForTimeout(1500);
    await page.reload();
    await page.getByTestId('resume-prompt').waitFor();
    await page.getByTestId('resume').first().click();
    // (What the reader noticed brings the user back to the file step first.)
    await page.getByText('Travail repris').waitFor();
    await page.getByTestId('step-corrections').click();
    await page.getByTestId('as-is-note').waitFor();
    assert.equal(await page.getByTestId('step-corrections').getByTestId('step-state').innerText(), said);
    // The Colonnes step says the file is checked as it is, with the way back.
    await page.getByTestId('step-colonnes').click();
    await page.getByTestId('as-is-note').waitFor();
    assert.equal(await page.getByTestId('mapping').count(), 0);
    await page.getByTestId('back-to-mapping').click();
    await page.getByTestId('mapping').waitFor();
    await page.getByTestId('as-is-offer').waitFor();
    const mappedSaid = await page.getByTestId('step-corrections').getByTestId('step-state').innerText();
    assert.notEqual(mappedSaid, said, 'mapped again: another table, another count');
  } finally {
    await stop(session, 'the as-is UI test');
  }
});

test('through the UI: a file Validata would not read is said once, in plain words, never « conforme »', async () => {
  const session = await start();
  try {
    const { server, page } = session;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await page.getByTestId('file-input').setInputFiles(corpus('subventions/DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv'));
    await page.getByTestId('source-summary').waitFor();
    await page.getByTestId('step-schema').click();
    await page.getByTestId('schema-select').selectOption(SCHEMA);
    await page.getByTestId('step-colonnes').click();
    await page.getByTestId('as-is').click();
    await page.getByTestId('as-is-note').waitFor();
    const general = page.locator('[data-testid=general-issues] li');
    assert.equal(await general.count(), 1);
    const said = await general.innerText();
    assert.match(said, /UTF-8 \(BOM\).*windows-1252.*Validata ne peut pas le lire/s);
    assert.doesNotMatch(said, /Détail/, 'the plain words are the message: not said twice');
    assert.doesNotMatch(await page.getByTestId('error-panel').innerText(), /Plus aucune erreur/);
    await screenshot(page, 'asis-refused');
    // Mapped, Tamis reads it for what it means: no encoding issue.
    await page.getByTestId('back-to-mapping').click();
    await page.getByTestId('mapping').waitFor();
    await page.getByTestId('step-corrections').click();
    await page.getByTestId('error-panel').waitFor();
    assert.doesNotMatch(await page.getByTestId('error-panel').innerText(), /windows-1252/);
  } finally {
    await stop(session, 'the refused as-is UI test');
  }
});
