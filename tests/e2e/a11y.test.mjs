// Accessibility audit with axe-core (WCAG 2 A/AA rules, on which the French RGAA builds) of each step
// of the app: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { corpus, start, stop } from './harness.mjs';

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
  const serious = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  for (const v of result.violations) {
    console.log(`${step}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes[0]?.target}`);
  }
  return serious;
}

test('every step passes the axe-core audit with no serious violation', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  const found = await audit('start');
  await page.getByTestId('file-input').setInputFiles(corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('error-panel').waitFor();
  found.push(...(await audit('results')));
  // Everything unfolded: field documentation, the values table, find and replace, a fix preview.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.locator('[data-field="montant"] [data-testid=transforms] button', { hasText: 'Retirer' }).click();
  await page.locator('[data-testid=fix-group]').first().click();
  await page.getByTestId('fix-preview').waitFor();
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  found.push(...(await audit('unfolded')));
  await page.getByTestId('preview').locator('[data-testid=error-cell]').first().dblclick();
  await page.getByTestId('cell-input').waitFor();
  found.push(...(await audit('editing')));
  // A conformant file downloaded: the publication checklist.
  await page.getByTestId('file-input').setInputFiles(corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  await page.waitForFunction(() => /conforme/.test(document.querySelector('[data-testid=verdict]')?.textContent ?? ''));
  await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  await page.getByTestId('checklist').waitFor();
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  found.push(...(await audit('export')));
  assert.deepEqual(found.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), []);
});
