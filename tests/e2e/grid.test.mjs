// The grid of the produced table: only the rows in view are drawn, so a large file scrolls; errors
// are marked in their cells and grouped in the panel, which walks through them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, screenshot, corpus, start, stop, validataRef, openFile, goToStep } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the grid tests'));

/** A prénoms-like file of `n` rows; every 1000th row has a year that is not one. */
function prenoms(n) {
  const lines = ['COLL_INSEE,COLL_NOM,ANNEE,PRENOM,NOMBRE,SEXE'];
  for (let i = 0; i < n; i++) {
    const year = i % 1000 === 999 ? 'deux mille' : String(2000 + (i % 20));
    const name = ['Léa', 'Louis', 'Emma', 'Gabriel', 'Jade', 'Raphaël'][i % 6];
    lines.push(`34172,Montpellier,${year},${name},${(i % 50) + 1},${i % 2 ? 'F' : 'M'}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

test('20,000 rows: the grid draws the rows in view, the panel groups the errors and walks through them', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, { name: 'prenoms.csv', mimeType: 'text/csv', buffer: prenoms(20000) });
  await page.getByTestId('source-summary').waitFor();
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  await goToStep(page, 'corrections');
  await page.getByTestId('error-panel').waitFor();
  const drawn = await page.locator('[data-testid=preview] tbody tr:not(.spacer)').count();
  assert.ok(drawn > 0 && drawn < 100, `only the rows in view are drawn (${drawn})`);

  const group = page.locator('[data-testid=error-panel] button.group').filter({ hasText: /ANNEE/ });
  assert.match(await group.innerText(), /ANNEE — format d'année : 20/);
  await group.click();
  await page.locator('[data-testid=preview] tr.focused').waitFor();
  assert.equal(await page.locator('[data-testid=preview] tr.focused th').innerText(), '1001', 'the first error is shown');
  await page.getByTestId('next-issue').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=preview] tr.focused th')?.textContent === '2001');
  await page.getByTestId('previous-issue').click();
  await page.getByTestId('previous-issue').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=preview] tr.focused th')?.textContent === '20001', null, { timeout: 5000 });
  assert.match(await page.getByTestId('walk-position').innerText(), /20 \/ 20/);
  await screenshot(page, '14-grid-panel');

  // Scrolled to the end, the last rows are drawn.
  await page.locator('[data-testid=preview]').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=preview] tbody th')].some((th) => th.textContent === '20001'));

  await page.getByTestId('only-errors').check();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=preview] tbody tr:not(.spacer)').length === 20);
  const marked = await page.locator('[data-testid=preview] [data-testid=error-cell]').count();
  assert.equal(marked, 20, 'each listed row has its error cell marked');
  // Assistive technologies are told too: aria-invalid on exactly the cells with an issue in view, the
  // ANNEE cell (the sixth field) of rows 1001, 2001… 20001 that the generator spoiled.
  const invalid = await page.locator('[data-testid=preview] td[aria-invalid="true"]').evaluateAll((cells) =>
    cells.map((td) => `${td.closest('tr').getAttribute('aria-rowindex')}:${td.id.split('-')[2]}`));
  assert.deepEqual(invalid, Array.from({ length: 20 }, (_, k) => `${(k + 1) * 1000 + 1}:5`));
});

const verdictCount = async () => Number((await page.getByTestId('verdict').innerText()).replace(/\u00a0/g, '').match(/^(\d+)/)?.[1] ?? 0);

test('a cell is edited in place, and undo/redo (buttons and Ctrl+Z/Ctrl+Y) restore it', async () => {
  // Continues on the 20,000-row file of the previous test, filtered on the rows with errors.
  assert.equal(await verdictCount(), 20);
  const cell = page.locator('[data-testid=preview] tbody tr:not(.spacer)').first().locator('[data-testid=error-cell]');
  await cell.dblclick();
  await page.getByTestId('cell-input').fill('2019');
  await page.getByTestId('cell-input').press('Enter');
  await page.waitForFunction(() => /^19 erreurs/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => /^20 erreurs/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  await page.getByTestId('redo').click();
  await page.waitForFunction(() => /^19 erreurs/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  await page.locator('body').press('Control+z');
  await page.waitForFunction(() => /^20 erreurs/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  await page.locator('body').press('Control+y');
  await page.waitForFunction(() => /^19 erreurs/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
});

test('the keyboard alone moves through the grid and edits a cell (ARIA grid pattern)', async () => {
  // Still the 20,000-row file, rows with errors only.
  const before = await verdictCount();
  const grid = page.getByTestId('preview');
  await grid.focus();
  assert.equal(await grid.getAttribute('role'), 'grid');
  await page.keyboard.press('Control+Home');
  const headers = await grid.locator('thead th').allInnerTexts();
  const column = headers.indexOf('ANNEE') - 1;
  for (let i = 0; i < column; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const active = await grid.getAttribute('aria-activedescendant');
  assert.match(await page.locator(`#${active}`).innerText(), /deux mille/, 'the cursor is on the second erroneous year');
  await page.keyboard.press('F2');
  await page.keyboard.type('2017'); // the input has the focus, its text selected
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=verdict]')?.textContent.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1]) === n, before - 1);
  // The grid has the focus back: the keyboard goes on.
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'grid');
  const from = await grid.getAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((before) => document.activeElement?.getAttribute('aria-activedescendant') !== before, from);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=verdict]')?.textContent.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1]) === n, before);
});

test('a group of errors with a suggested fix is fixed all at once after a preview, and undone', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  // Without the suggested number transform, the amounts written 40 000,00 are errors with a fix.
  await goToStep(page, 'colonnes');
  await page.locator('[data-field="montant"] [data-testid=transforms] button', { hasText: 'Retirer' }).click();
  await goToStep(page, 'corrections');
  await page.locator('[data-testid=fix-group]').first().waitFor();
  const before = await verdictCount();
  await page.locator('[data-testid=fix-group]', { hasText: '(13)' }).click();
  const preview = page.getByTestId('fix-preview');
  assert.match(await preview.innerText(), /« 40 000,00 » → « 40000\.00 »/);
  await screenshot(page, '15-fix-preview');
  await page.getByTestId('fix-apply').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=verdict]')?.textContent.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1]) === n, before - 13);
  await page.getByTestId('undo').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=verdict]')?.textContent.replace(/\u00a0/g, '').match(/^(\d+)/)?.[1]) === n, before);
});

test('the Lot subventions file is fixed in the UI until the reference validator calls it valid', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  // The amounts are read through the suggested transform; what remains are periods written a_b.
  await goToStep(page, 'corrections');
  await page.getByTestId('error-panel').waitFor();
  assert.match(await page.getByTestId('error-panel').innerText(), /datesPeriodeVersement/);
  const replace = page.getByTestId('find-replace');
  await replace.locator('summary').click();
  await replace.getByLabel('Colonne').selectOption('datesPeriodeVersement');
  await replace.getByLabel('Rechercher').fill('_');
  await replace.getByLabel('Remplacer par').fill('/');
  await replace.getByRole('button', { name: 'Voir le résultat' }).click();
  assert.match(await page.getByTestId('fix-preview').innerText(), /« 2018-01-01_2018-03-31 » → « 2018-01-01\/2018-03-31 »/);
  await screenshot(page, '16-fix-preview');
  await page.getByTestId('fix-apply').click();
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(ARTIFACTS, `17-fixed-${width}.png`) });
  }
  await goToStep(page, 'publication');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  assert.doesNotMatch(file.suggestedFilename(), /NON-CONFORME/);
  const path = join(await mkdtemp(join(tmpdir(), 'tamis-lot-')), file.suggestedFilename());
  await file.saveAs(path);
  const verdict = validataRef('scdl/subventions', path);
  assert.equal(verdict.valid, true, JSON.stringify(verdict.errors?.slice(0, 3)));
});
