// The bulk tools of the error panel as a person uses them: wrong values replaced in one table, a
// column's empty cells filled, a totals row deleted; the edits go into the recipe, and the next file
// with the same columns gets them replayed with no click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS, screenshot, start, stop, openFile, goToStep } from './harness.mjs';

let session, page, server;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the bulk tools tests'));

const FILE = {
  name: 'prenoms-2020.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from([
    'COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE',
    '34172,M,Léa,3,2020',
    ',Masculin,Louis,4,2020',
    '34172,fille,Emma,5,2020',
    ',F,Jade,2,2020',
    '34172,Masculin,Hugo,7,2020',
    '34172,M,TOTAL,21,2020',
  ].join('\r\n') + '\r\n'),
};

const verdict = () => page.getByTestId('verdict').innerText();
const errors = async () => Number((await verdict()).replace(/\u00a0/g, '').match(/^(\d+)/)?.[1] ?? 0);
const waitErrors = (n) =>
  page.waitForFunction((n) => Number(document.querySelector('[data-testid=verdict]')?.textContent.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1] ?? 0) === n, n);

test('wrong values replaced in one table, empty cells filled, a row deleted: each after a preview', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, FILE);
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  await goToStep(page, 'corrections');
  await page.getByTestId('error-panel').waitFor();
  // 3 wrong sexes, 2 missing INSEE codes, TOTAL is not a first name.
  assert.equal(await errors(), 6, await page.getByTestId('error-panel').innerText());

  const map = page.getByTestId('map-values');
  await map.locator('summary').click();
  await map.getByLabel('Colonne').selectOption('ENFANT_SEXE');
  const table = page.getByTestId('map-values-table');
  assert.match(await table.innerText(), /Masculin\s+2/);
  await table.getByLabel('Écrire à la place « Masculin »').fill('M');
  await table.getByLabel('Écrire à la place « fille »').fill('F');
  await map.getByRole('button', { name: 'Voir le résultat' }).click();
  assert.match(await page.getByTestId('fix-preview').innerText(), /« Masculin » → « M »/);
  await screenshot(page, '18-map-values');
  await page.getByTestId('fix-apply').click();
  await waitErrors(3);

  const fill = page.getByTestId('fill');
  await fill.locator('summary').click();
  await fill.getByLabel('Colonne').selectOption('COLL_INSEE');
  await fill.getByLabel('Valeur').fill('34172');
  await fill.getByRole('button', { name: 'Voir le résultat' }).click();
  assert.match(await page.getByTestId('fix-preview').innerText(), /« » → « 34172 »/);
  assert.match(await page.getByTestId('fix-apply').innerText(), /Appliquer à 2 cellule\(s\)/, 'the 2 empty cells');
  await page.getByTestId('fix-preview').getByRole('button', { name: 'Fermer' }).click();

  // A selection: a click on row 3, Maj + click on row 5 select rows 3 to 5.
  await page.locator('#cell-1-1').click();
  await page.locator('#cell-3-1').click({ modifiers: ['Shift'] });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview] tr.selected').length === 3);
  assert.match(await page.getByTestId('delete-row').innerText(), /Supprimer les 3 lignes sélectionnées/);
  await fill.getByLabel('Cellules à remplir').selectOption('selected');
  await fill.getByRole('button', { name: 'Voir le résultat' }).click();
  assert.match(await page.getByTestId('fix-apply').innerText(), /Appliquer à 2 cellule\(s\)/, 'row 4 has it already');
  await page.getByTestId('error-panel').screenshot({ path: join(ARTIFACTS, '18b-selection-panel.png') });
  await page.getByTestId('preview').screenshot({ path: join(ARTIFACTS, '18b-selection-grid.png') });
  await page.getByTestId('fix-preview').getByRole('button', { name: 'Fermer' }).click();

  // The empty cells it is: a fill that next month's file will get too.
  await fill.getByLabel('Cellules à remplir').selectOption('empty');
  await fill.getByRole('button', { name: 'Voir le résultat' }).click();
  await page.getByTestId('fix-apply').click();
  await waitErrors(1);

  // The keyboard takes the cursor to the last row; the row goes after its preview.
  await page.getByTestId('preview').focus();
  await page.keyboard.press('Control+End');
  await page.getByTestId('delete-row').click();
  assert.match(await page.getByTestId('fix-preview').innerText(), /TOTAL/);
  await page.getByRole('button', { name: 'Supprimer 1 ligne(s)' }).click();
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));

  // Undo brings the row back exactly, redo deletes it again.
  await page.getByTestId('undo').click();
  await waitErrors(1);
  await page.getByTestId('redo').click();
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
});

test('the edits are saved in the recipe and replayed on the next file with the same columns', async () => {
  await goToStep(page, 'publication');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-recipe').click()]);
  const recipe = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(recipe.edits.edits.map((e) => e.op), ['mapValues', 'fill', 'deleteRows']);
  assert.equal(recipe.edits.edits[1].rows, 'empty', 'the fill names no row: it is for the empty cells');
  assert.deepEqual(recipe.edits.edits[2].rows, [{ index: 5, sourceRow: 7 }]);

  // Next month's file: same columns, same mistakes.
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, FILE);
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  assert.match(await page.getByTestId('info').innerText(), /3 corrections de la recette rejouées/);
  await screenshot(page, '19-recipe-edits-replayed');

  // Another file with the same columns: the value replacements and the fill of empty cells replay;
  // the deletion named a row by its number, another record here, so it is not replayed.
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, {
    name: 'prenoms-2021.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE\r\n34172,Masculin,Paul,3,2021\r\n,fille,Alice,4,2021\r\n'),
  });
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  assert.match(await page.getByTestId('info').innerText(), /2 corrections de la recette rejouées ; 1 ligne ou correction introuvable/);
  await goToStep(page, 'corrections');
  // Columns of the produced table: COMMUNE_NOM, COLL_INSEE, ENFANT_SEXE…
  assert.equal(await page.locator('#cell-1-2').innerText(), 'F');
  assert.equal(await page.locator('#cell-1-1').innerText(), '34172', 'the empty INSEE code filled');
});

test('blank rows go away together, after their preview', async () => {
  // Other headers than the files above, so that their recipe (which fills empty INSEE codes) stays out.
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, {
    name: 'prenoms-blancs.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('INSEE,SEXE,PRENOM,NOMBRE,ANNEE\r\n34172,M,Paul,3,2021\r\n,,,,\r\n34172,F,Alice,4,2021\r\n,,,,\r\n34172,F,Lou,2,2021\r\n'),
  });
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  await goToStep(page, 'corrections');
  await page.getByTestId('error-panel').waitFor();
  assert.equal(await page.getByTestId('info').count(), 0, 'no recipe replayed');
  const remove = page.getByTestId('delete-group');
  await remove.waitFor();
  assert.match(await remove.innerText(), /Supprimer ces lignes \(2\)/);
  await remove.click();
  assert.match(await page.getByTestId('fix-apply').innerText(), /Supprimer 2 ligne\(s\)/);
  await page.getByTestId('fix-apply').click();
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
});
