// The steps, as a new user meets them: Fichier → Schéma → Colonnes → Corrections → Publication, one on
// screen at a time; the step bar says where the user is and each step's state; back, next, the bar and
// the keyboard move between them; the first screen offers the saved recipes and the sessions to resume.
// Screenshots of every step at 1366×768 and 1920×1080.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { corpus, start, stop, goToStep, currentStep, screenshots } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the steps tests'));

const CHARENTE = corpus('subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx');

const state = (id) => page.getByTestId(`step-${id}`).getByTestId('step-state').innerText();

/** Screenshots of the window at both sizes, checking that nothing but the grid scrolls sideways. */
const shoot = (name) => screenshots(page, `steps-${name}`);

test('the step bar says where the user is and what is left; back, next, the bar and the keyboard move', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  assert.equal(await currentStep(page), 'fichier');
  for (const id of ['schema', 'colonnes', 'corrections', 'publication']) {
    assert.equal(await page.getByTestId(`step-${id}`).isDisabled(), true, `${id}: not reachable without a file`);
  }
  await shoot('1-fichier');

  // A file with no schema yet: on to the schema.
  await page.getByTestId('file-input').setInputFiles(CHARENTE);
  await page.getByTestId('schema-select').waitFor();
  assert.equal(await currentStep(page), 'schema');
  assert.match(await state('fichier'), /✔/);
  await shoot('2-schema');

  // Every column found by its name: Colonnes is settled on its own, the user lands on the corrections.
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('error-panel').waitFor();
  assert.equal(await currentStep(page), 'corrections');
  assert.match(await state('colonnes'), /✔/);
  const count = Number((await page.getByTestId('verdict').innerText()).replace(/\u00a0/g, '').match(/^(\d+)/)[1]);
  assert.ok(count > 0);
  assert.equal(await state('corrections'), `${count} erreurs`);
  // The grid takes the window's height, the panel beside it.
  const grid = await page.getByTestId('preview').boundingBox();
  const panel = await page.getByTestId('error-panel').boundingBox();
  assert.ok(grid.y + grid.height > 768 - 40, `the grid goes down to the window's bottom (${grid.y + grid.height})`);
  assert.ok(panel.x > grid.x + grid.width - 1, 'the panel is beside the grid');
  assert.ok(grid.width > 800, `the grid has the width (${grid.width})`);
  await shoot('4-corrections');

  // The keyboard: Alt + Page suivante, Alt + Page précédente.
  await page.keyboard.press('Alt+PageDown');
  await page.getByTestId('download').waitFor();
  assert.equal(await currentStep(page), 'publication');
  assert.equal(await page.getByTestId('error-panel').count(), 0, 'one step on screen at a time');
  await shoot('5-publication');
  await page.keyboard.press('Alt+PageUp');
  await page.getByTestId('error-panel').waitFor();
  assert.equal(await currentStep(page), 'corrections');

  // Back and next buttons; a settled step can still be opened.
  await page.getByTestId('step-back').click();
  await page.getByTestId('mapping').waitFor();
  assert.equal(await currentStep(page), 'colonnes');
  assert.equal(await page.locator('[data-field="montant"] [data-testid=source-select]').inputValue(), 'montant');
  await shoot('3-colonnes');
  await page.getByTestId('step-next').click();
  assert.equal(await currentStep(page), 'corrections');
  await goToStep(page, 'schema');
  assert.equal(await page.getByTestId('schema-select').inputValue(), 'scdl/subventions');
  await goToStep(page, 'fichier');
  assert.match(await page.getByTestId('source-summary').innerText(), /101 lignes/);
  await goToStep(page, 'publication');
  // The error list is shown once: beside the grid, not in the publication step.
  assert.equal(await page.getByTestId('issues').count(), 0);
  assert.equal(await page.getByTestId('verdict').innerText(), `${count} erreurs à corriger`);

  // The bar is a list of buttons, the current one marked for assistive technologies.
  assert.deepEqual(
    await page.locator('[data-testid=stepbar] li button').evaluateAll((b) => b.map((x) => x.getAttribute('aria-current'))),
    [null, null, null, null, 'step'],
  );
});

test('the state of each step follows the work: fixing the last error settles the corrections', async () => {
  await page.goto(server.url);
  await page.getByTestId('file-input').setInputFiles(corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('error-panel').waitFor();
  assert.match(await state('corrections'), /^\d+ erreurs?$/);
  // The tool that fits the group is said: here Tamis knows every fix (the periods written a_b too).
  await page.locator('[data-testid=error-panel] button.group').filter({ hasText: /datesPeriodeVersement/ }).click();
  assert.match(await page.getByTestId('tool-hint').innerText(), /« Corriger »/);
  for (let groups = await page.getByTestId('fix-group').count(); groups > 0; groups--) {
    await page.getByTestId('fix-group').first().click();
    await page.getByTestId('fix-apply').click();
    await page.waitForFunction((left) => document.querySelectorAll('[data-testid=fix-group]').length < left, groups);
  }
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  assert.match(await state('corrections'), /✔/);
  // The user stays where they work; the publication is one step away.
  assert.equal(await currentStep(page), 'corrections');
  await page.getByTestId('step-next').click();
  assert.equal(await page.getByTestId('verdict').innerText(), 'Votre fichier est conforme au schéma.');
});

test('a group with no known fix: the tool that fits is said, and opens on its column', async () => {
  await page.goto(server.url);
  await page.getByTestId('file-input').setInputFiles(corpus('prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv'));
  await page.getByTestId('source-summary').waitFor();
  if ((await currentStep(page)) === 'fichier') await page.getByTestId('step-next').click();
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  if ((await currentStep(page)) === 'colonnes') await page.getByTestId('step-next').click();
  await page.getByTestId('error-panel').waitFor();
  await page.locator('[data-testid=error-panel] button.group').filter({ hasText: /ENFANT_SEXE/ }).click();
  const hint = await page.getByTestId('tool-hint').innerText();
  assert.doesNotMatch(hint, /« Corriger »/, hint);
  await page.getByTestId('hint-open').click();
  const tool = page.locator('details[open]').filter({ has: page.getByLabel('Colonne') });
  assert.equal(await tool.count(), 1, 'one tool open');
  assert.equal(await tool.getByLabel('Colonne').inputValue(), 'ENFANT_SEXE');
});

test('columns to check stop the user at Colonnes, and the step is done once they went through it', async () => {
  await page.goto(server.url);
  await page.getByTestId('file-input').setInputFiles(corpus('deliberations/VilleMTP_MTP_Delibs.csv'));
  // What the reader noticed keeps the user on the file step, said in the bar; « Suivant » goes on.
  await page.getByTestId('source-summary').waitFor();
  assert.equal(await currentStep(page), 'fichier');
  assert.match(await state('fichier'), /^\d+ remarques?$/);
  await page.getByTestId('step-next').click();
  assert.match(await state('fichier'), /✔/);
  await page.locator('[data-testid=schema-suggestion][data-name="scdl/deliberations"]').click();
  await page.getByTestId('mapping').waitFor();
  assert.equal(await currentStep(page), 'colonnes');
  assert.match(await state('colonnes'), /^\d+ colonnes? à vérifier$/);
  // Each field says how many errors its values have with this mapping.
  assert.match(await page.locator('[data-field="COLL_NOM"] [data-testid=field-issues]').innerText(), /^\d+ erreurs? dans ce champ$/);
  await page.keyboard.press('Alt+PageDown');
  await page.getByTestId('error-panel').waitFor();
  assert.match(await state('colonnes'), /✔/);
});

test('the first screen lists the saved recipes and the sessions to resume; a recipe takes next month’s file', async () => {
  await page.goto(server.url);
  await page.getByTestId('file-input').setInputFiles(CHARENTE);
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('error-panel').waitFor();
  await goToStep(page, 'publication');
  await Promise.all([page.waitForEvent('download'), page.getByTestId('save-recipe').click()]);
  await page.getByTestId('info').waitFor();

  await page.goto(server.url);
  await page.getByTestId('resume-prompt').waitFor();
  const recipes = page.getByTestId('saved-recipes');
  await recipes.waitFor();
  assert.match(await recipes.innerText(), /Subventions.*colonnes nomAttribuant, idAttribuant/s);
  await shoot('1-fichier-recettes');
  await recipes.getByTestId('recipe-open').first().setInputFiles(CHARENTE);
  await page.getByTestId('info').getByText('Recette chargée').waitFor();
  await page.getByTestId('error-panel').waitFor();
  assert.equal(await currentStep(page), 'corrections', 'the recipe settles the schema and the columns');
  assert.match(await state('schema'), /✔/);
  assert.match(await state('colonnes'), /✔/);
});
