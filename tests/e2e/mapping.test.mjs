// Mapping as a person does it: Tamis suggests the columns (by name and content) and the transforms,
// the agent types the collectivity once, downloads, saves the recipe; next time (here, the .xls
// version of the same file) the recipe is replayed with no click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { screenshot, corpus, start, stop, openFile, goToStep } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the mapping tests'));

async function saved(testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** The downloaded CSV as objects keyed by header (values have no commas in these tests' checks). */
function parse(bytes) {
  const text = bytes.toString('utf8');
  const records = [];
  let field = '', record = [], quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else field += c;
  }
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

const selected = (field) => page.locator(`[data-field="${field}"] [data-testid=source-select]`).inputValue();

test('MTP délibérations: suggested mapping and transforms, collectivity typed once, recipe replayed on the .xls', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('deliberations/VilleMTP_MTP_Delibs.csv'));
  await page.getByTestId('source-summary').waitFor();
  // The reader has remarks on this file: the user reads them, then goes on to the schema.
  await goToStep(page, 'schema');
  // The file looks like délibérations: the picker offers that schema first.
  await page.locator('[data-testid=schema-suggestion][data-name="scdl/deliberations"]').click();
  await page.getByTestId('mapping').waitFor();
  const doc = page.locator('[data-field="DELIB_DATE"] details');
  await doc.locator('summary').click();
  assert.match(await doc.innerText(), /obligatoire/, "the field's rules are said in French");
  assert.equal(await selected('DELIB_DATE'), 'Date CM', 'the council date is found');
  assert.equal(await selected('DELIB_OBJET'), 'Titre', 'the title is the object');
  assert.match(await page.locator('[data-field="DELIB_DATE"]').innerText(), /aaaa-mm-jj/, 'the date transform is shown');

  await page.getByLabel('Nom de la collectivité').fill('Ville de Montpellier');
  await page.getByLabel('SIRET de la collectivité').fill('21340172201787');
  await page.getByRole('button', { name: 'Remplir les champs de la collectivité' }).click();
  await screenshot(page, '11-mapping-suggested');
  await goToStep(page, 'corrections');
  await page.waitForFunction(() => document.querySelector('[data-testid=preview] tbody')?.textContent.includes('Ville de Montpellier'));

  await goToStep(page, 'publication');
  const first = parse((await saved('download')).bytes);
  assert.equal(first.length, 160);
  assert.equal(first[0].COLL_NOM, 'Ville de Montpellier');
  assert.equal(first[0].COLL_SIRET, '21340172201787');
  assert.equal(first[0].DELIB_DATE, '2013-11-25', 'Date CM 25/11/2013 → ISO');
  assert.match(first[0].DELIB_OBJET, /^Voeu de soutien/);

  const recipeFile = await saved('save-recipe');
  const recipe = JSON.parse(recipeFile.bytes.toString('utf8'));
  assert.equal(recipe.version, 2);
  assert.equal(recipe.schema.name, 'scdl/deliberations');
  assert.deepEqual(recipe.mapping.DELIB_DATE, { column: 'Date CM' });
  assert.deepEqual(recipe.mapping.COLL_NOM, { constant: 'Ville de Montpellier' });
  assert.ok(recipe.transforms?.DELIB_DATE?.length > 0, 'the date transform is in the recipe');

  // Next month: the Excel version of the same table. No click: the recipe comes back.
  await openFile(page, corpus('deliberations/VilleMTP_MTP_Delibs.xls'));
  await page.getByTestId('info').getByText(/recette enregistrée pour ces colonnes/).waitFor();
  await goToStep(page, 'fichier');
  assert.match(await page.getByTestId('source-summary').innerText(), /XLS/);
  await goToStep(page, 'colonnes');
  assert.equal(await selected('DELIB_DATE'), 'Date CM');
  await goToStep(page, 'publication');
  const second = parse((await saved('download')).bytes);
  assert.equal(second.length, 160);
  assert.deepEqual(
    [second[0].COLL_NOM, second[0].COLL_SIRET, second[0].DELIB_DATE],
    ['Ville de Montpellier', '21340172201787', '2013-11-25'],
  );
  await screenshot(page, '12-recipe-replayed');

  // The saved file loads back to the identical mapping.
  await goToStep(page, 'colonnes');
  await page.getByTestId('recipe-file').setInputFiles({ name: recipeFile.name, mimeType: 'application/json', buffer: recipeFile.bytes });
  await page.getByTestId('info').getByText(/Recette chargée/).waitFor();
  const again = JSON.parse((await saved('save-recipe')).bytes.toString('utf8'));
  assert.deepEqual(again.mapping, recipe.mapping);
  assert.deepEqual(again.transforms, recipe.transforms);
});

test('values outside a field’s list are mapped onto the allowed ones in one table', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx'));
  await page.getByTestId('source-summary').waitFor();
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
  await goToStep(page, 'colonnes');
  const table = page.locator('[data-field="nature"] [data-testid=enum-map]');
  await table.locator('summary').click();
  assert.match(await table.innerText(), /Numéraire/, 'the value outside the list is shown');
  // Each field of the Colonnes step says how many errors its values have with this mapping.
  const natureErrors = () => page.evaluate(
    () => Number(document.querySelector('[data-field="nature"] [data-testid=field-issues]')?.innerText.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1] ?? 0),
  );
  const choice = page.getByLabel('Remplacer Numéraire');
  assert.equal(await choice.inputValue(), 'aide en numéraire', 'every value has a sure match: the mapping is suggested');
  assert.equal(await natureErrors(), 0);
  await choice.selectOption('');
  await page.waitForFunction(() => document.querySelector('[data-field="nature"] [data-testid=field-issues]') !== null);
  assert.ok((await natureErrors()) > 0, 'kept as it is, Numéraire is not an allowed value');
  await choice.selectOption('aide en numéraire');
  await page.waitForFunction(() => document.querySelector('[data-field="nature"] [data-testid=field-issues]') === null);
  await screenshot(page, '13-enum-map');
  await goToStep(page, 'publication');
  const { bytes } = await saved('download');
  assert.equal(parse(bytes)[0].nature, 'aide en numéraire');
});
