// What Tamis keeps in the browser (recipes with their edits, the collectivity): said, forgettable with
// one button, and saved with care when the browser's storage is full — the oldest recipes give way, and
// a save that fails is said.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, corpus, start, stop, openFile, goToStep } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the storage tests'));

const CASTELMAUROU = corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv');

async function openCastelmaurou() {
  await page.goto(server.url);
  await openFile(page, CASTELMAUROU);
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
}

async function saveRecipe() {
  await Promise.all([page.waitForEvent('download'), page.getByTestId('save-recipe').click()]);
}

const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem('tamis.recipes') ?? '[]'));

/** Fills the origin's storage with a junk value as large as it will take. */
const fillStorage = () => page.evaluate(() => {
  localStorage.removeItem('junk');
  let size = 0;
  for (let step = 1 << 22; step >= 256; ) {
    try {
      localStorage.setItem('junk', 'x'.repeat(size + step));
      size += step;
    } catch {
      step >>= 1;
    }
  }
  return size;
});

test('« Effacer les données gardées dans ce navigateur » says what is kept and removes it', async () => {
  await openCastelmaurou();
  const kept = page.getByTestId('kept');
  assert.match(await kept.innerText(), /Tamis ne garde rien dans ce navigateur/);
  await goToStep(page, 'colonnes');
  await page.getByLabel('Nom de la collectivité').fill('Commune de Castelmaurou');
  await page.getByLabel('SIRET de la collectivité').fill('21310117300015');
  await page.getByRole('button', { name: 'Remplir les champs de la collectivité' }).click();
  await saveRecipe();
  // The session is autosaved a moment after the last change.
  await page.waitForFunction(() => /1 travail en cours.*1 recette/.test(document.querySelector('[data-testid=kept]').textContent));
  assert.match(await kept.innerText(), /1 travail en cours \(le fichier ouvert et ses corrections\), 1 recette et le nom et le SIRET de votre collectivité/);
  await screenshot(page, '31-kept');

  await page.getByTestId('forget').click();
  assert.match(await kept.innerText(), /Effacer 1 travail en cours \(le fichier ouvert et ses corrections\), la recette gardée et votre collectivité de ce navigateur \?/);
  await page.getByTestId('forget-confirm').click();
  await page.getByText('Les données que Tamis gardait dans ce navigateur ont été effacées.').waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tamis.'))), []);
  assert.match(await kept.innerText(), /Tamis ne garde rien/);
  assert.equal(await page.getByLabel('Nom de la collectivité').inputValue(), '', 'the form forgets it too');

  // Next time, nothing comes back: no recipe replayed, no collectivity offered.
  await openCastelmaurou();
  assert.equal(await page.getByTestId('info').count(), 0, 'no recipe replayed');
  await goToStep(page, 'colonnes');
  assert.equal(await page.getByLabel('Nom de la collectivité').inputValue(), '');
});

test('storage full: the oldest recipes give way; when even one recipe cannot be kept, it is said', async () => {
  await openCastelmaurou();
  await saveRecipe();
  const [recipe] = await stored();
  // Three older recipes for other files, each with a large fixed value, the oldest last.
  const old = (n) => ({ ...recipe, headers: [`ancien ${n}`], mapping: { objet: { constant: `${n}`.repeat(400_000) } }, edits: undefined });
  await page.evaluate((olds) => localStorage.setItem('tamis.recipes', JSON.stringify(olds)), [old(1), old(2), old(3)]);
  assert.equal((await stored()).length, 3);
  assert.ok((await fillStorage()) > 0);

  await page.getByTestId('info').getByRole('button').click().catch(() => {});
  await saveRecipe();
  await page.getByText("la recette la plus ancienne a été retirée pour lui faire place").waitFor();
  const after = await stored();
  assert.deepEqual(after.map((r) => r.headers[0]), [recipe.headers[0], 'ancien 1', 'ancien 2'], 'the oldest one went');
  await screenshot(page, '32-storage-full');

  // Nothing left to give way: the save fails, says so, and the store is left as it was.
  await page.evaluate(() => localStorage.removeItem('tamis.recipes'));
  await fillStorage();
  await saveRecipe();
  const error = page.getByTestId('error');
  await error.waitFor();
  assert.match(await error.innerText(), /ce navigateur n'a pas pu la garder \(navigation privée, ou espace de stockage plein\)/);
  assert.equal(await page.evaluate(() => localStorage.getItem('tamis.recipes')), null);
  await page.evaluate(() => localStorage.removeItem('junk'));
});
