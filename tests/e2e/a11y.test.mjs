// Accessibility audit with axe-core (WCAG 2 A/AA rules, on which the French RGAA builds) of every step
// of the app, as a person goes through them: no violation at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { corpus, start, stop, openFile, goToStep } from './harness.mjs';

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the accessibility audit'));

async function audit(step) {
  // Evaluated by the test's driver: the app's Content-Security-Policy rightly refuses an injected <script>.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of result.violations) {
    console.log(`${step}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes[0]?.target}`);
  }
  return result.violations.map((v) => ({ ...v, step }));
}

/** Opens every `<details>` of the page, so their content is audited too. */
const unfold = () => page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));

test('every step passes the axe-core audit with no violation', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  const found = await audit('fichier (empty)');
  await openFile(page, corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'));
  await page.getByTestId('schema-select').waitFor();
  await unfold();
  found.push(...(await audit('schema')));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('error-panel').waitFor();
  found.push(...(await audit('corrections')));
  await goToStep(page, 'fichier');
  found.push(...(await audit('fichier (a file open)')));
  // Everything unfolded: field documentation, the values table, find and replace, a fix preview.
  await goToStep(page, 'colonnes');
  await unfold();
  found.push(...(await audit('colonnes')));
  await page.locator('[data-field="montant"] [data-testid=transforms] button', { hasText: 'Retirer' }).click();
  await goToStep(page, 'corrections');
  await page.locator('[data-testid=error-panel] button.group').first().click();
  await page.getByTestId('tool-hint').waitFor();
  await page.locator('[data-testid=fix-group]').first().click();
  await page.getByTestId('fix-preview').waitFor();
  await page.getByTestId('map-values').locator('summary').click();
  found.push(...(await audit('corrections (a group, its hint, a fix preview, a tool open)')));
  await page.getByTestId('preview').locator('[data-testid=error-cell]').first().dblclick();
  await page.getByTestId('cell-input').waitFor();
  found.push(...(await audit('editing')));
  await page.getByTestId('cell-input').press('Escape');
  // The guided fix: a group, its explanation, its wrong values, the proposed action and its preview.
  await page.getByTestId('guided-start').click();
  await page.getByTestId('guided-preview').waitFor();
  found.push(...(await audit('corrections (guided fix, an action previewed)')));
  await page.getByTestId('guided-pass').click();
  found.push(...(await audit('corrections (guided fix, the next group)')));
  await page.getByTestId('guided-close').click();
  // The file checked as it is: the offer, then the note and its structure warnings, in both steps.
  await goToStep(page, 'colonnes');
  await page.getByTestId('as-is').click();
  await page.getByTestId('as-is-note').waitFor();
  found.push(...(await audit('checked as it is (the note, the structure warnings)')));
  await goToStep(page, 'colonnes');
  await page.getByTestId('as-is-note').waitFor();
  found.push(...(await audit('colonnes (checked as it is)')));
  await page.getByTestId('back-to-mapping').click();
  await page.getByTestId('mapping').waitFor();
  await goToStep(page, 'publication');
  await unfold();
  found.push(...(await audit('publication (errors left)')));
  // A conformant file downloaded: the publication checklist.
  await openFile(page, corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  await goToStep(page, 'publication');
  await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  await page.getByTestId('checklist').waitFor();
  await unfold();
  found.push(...(await audit('publication (checklist)')));
  // The saved recipes and the session to resume on the first screen.
  await page.getByTestId('save-recipe').click();
  await page.goto(server.url);
  await page.getByTestId('saved-recipes').waitFor();
  await page.getByTestId('resume-prompt').waitFor();
  found.push(...(await audit('fichier (recipes and sessions)')));
  assert.deepEqual(found.map((v) => `${v.step}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length})`), []);
});
