// Reading a file (issue #14): one reader worker serves every read; a read that lasts over half a second
// shows its progress and « Annuler »; cancelling keeps the file and the work on screen and ends the worker
// (a fresh one reads the next file); a file dropped while another is read wins, and the first says nothing.
// The big file is made here: 2,500,000 prénoms rows (84 MB, under the 100 MB Tamis accepts), a few
// seconds to read even on a fast machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { open, readFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { screenshot, corpus, start, stop, goToStep, openFile } from './harness.mjs';

const BIG_ROWS = 2_500_000;
let session, page, dir, big;
/** The reader workers the page started, in order, each with whether it has ended. */
const workers = [];

before(async () => {
  session = await start();
  page = session.page;
  page.setDefaultTimeout(120_000);
  page.on('worker', (worker) => {
    const seen = { url: worker.url(), closed: false };
    worker.on('close', () => { seen.closed = true; });
    workers.push(seen);
  });
  dir = await mkdtemp(join(tmpdir(), 'tamis-progress-'));
  big = join(dir, 'gros.csv');
  const file = await open(big, 'w');
  await file.write('COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE\n');
  const names = ['Léa', 'Emma', 'Louis', 'Jules', 'Chloé'];
  for (let chunk = 0; chunk < BIG_ROWS; chunk += 100_000) {
    let lines = '';
    for (let i = chunk; i < chunk + 100_000; i++) lines += `Montpellier,34172,${i % 2 ? 'F' : 'M'},${names[i % 5]},${(i % 50) + 1},2023\n`;
    await file.write(lines);
  }
  await file.close();
  await page.goto(session.server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
  await stop(session, 'the reading progress tests');
});

const SMALL = corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv');
const OTHER = corpus('deliberations/VilleMTP_MTP_Delibs.csv');
const summary = () => page.getByTestId('source-summary').innerText();
const readers = () => workers.filter((w) => /reader/.test(w.url));

/** Opens `path` from the Fichier step and waits until it is the file opened. */
async function openAndWait(path, name) {
  await openFile(page, path);
  // Once opened, Tamis may move on to the first step it could not settle.
  await page.waitForFunction((name) => document.querySelector('[data-testid=source-summary]')?.innerText.includes(name)
    || !document.querySelector('[data-testid=step-view-fichier]'), name);
  assert.ok((await opened()).includes(name), `${name} is the file opened`);
}

/** The summary of the file opened, from the Fichier step. */
async function opened() {
  await goToStep(page, 'fichier');
  return summary();
}

test('one reader worker serves every read: its wasm is compiled once', async () => {
  await openAndWait(SMALL, 'castelmaurou');
  await openAndWait(OTHER, 'VilleMTP_MTP_Delibs.csv');
  await openAndWait(SMALL, 'castelmaurou');
  assert.equal(readers().length, 1, `one reader worker for three reads: ${JSON.stringify(workers)}`);
  assert.equal(readers()[0].closed, false, 'and it is kept');
  // A quick read shows no progress.
  assert.equal(await page.getByTestId('read-progress').count(), 0);
});

test('a long read shows its progress and « Annuler »; cancelling keeps the file and the work as they were', async () => {
  const before = await opened();
  assert.match(before, /castelmaurou/);
  const info = page.getByTestId('info');
  if (await info.count()) await info.getByRole('button', { name: 'Fermer' }).click();
  const started = Date.now();
  await page.getByTestId('file-input').setInputFiles(big);
  if (Date.now() - started < 400) {
    assert.equal(await page.getByTestId('read-progress').count(), 0, 'nothing is shown in the first half second');
  }
  const progress = page.getByTestId('read-progress');
  await progress.waitFor();
  assert.ok(Date.now() - started >= 450, 'shown after half a second');
  assert.equal(await progress.getAttribute('role'), 'status');
  assert.equal(await progress.locator('p').innerText(), 'Lecture de gros.csv…');
  const bar = page.getByTestId('read-progress-bar');
  assert.equal(await bar.evaluate((e) => e.tagName), 'PROGRESS');
  assert.equal(await bar.getAttribute('value'), null, 'indeterminate');
  assert.equal(await bar.evaluate((e) => e.labels?.length || e.getAttribute('aria-labelledby')), 'read-progress-label', 'named by its text');
  const cancel = page.getByTestId('read-cancel');
  assert.equal(await cancel.innerText(), 'Annuler');
  await screenshot(page, 'progress-reading');
  // axe-core (as a11y.test.mjs) on the progress notice: named, labelled, no WCAG A/AA violation.
  await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const audit = await page.evaluate(() => window.axe.run({ include: [['[data-testid=read-progress]']] },
    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  assert.deepEqual(audit.violations.map((v) => v.id), [], 'no accessibility violation');
  assert.ok(audit.passes.length > 0, 'the notice was audited');
  const reader = readers().at(-1);
  await cancel.click();

  await progress.waitFor({ state: 'detached' });
  await info.waitFor();
  assert.match(await info.innerText(), /Lecture de gros\.csv annulée : votre fichier csvdetective_subventions-commune-de-castelmaurou\.csv et votre travail sont restés tels qu'ils étaient\./);
  assert.equal(await summary(), before, 'the previous file is still the one shown, as it was');
  assert.equal(await page.getByTestId('error').count(), 0, 'a cancel is no error');
  await waitUntil(() => reader.closed, 'the cancelled read ended its worker');
  await screenshot(page, 'progress-cancelled');
});

test('after a cancel, the next read works, in a fresh worker', async () => {
  const count = readers().length;
  await openAndWait(OTHER, 'VilleMTP_MTP_Delibs.csv');
  assert.equal(readers().length, count + 1, 'a fresh worker');
  assert.equal(await page.getByTestId('error').count(), 0);
});

test('a file opened while another is read wins, and the first one says nothing', async () => {
  await goToStep(page, 'fichier');
  await page.getByTestId('file-input').setInputFiles(big);
  await page.getByTestId('read-progress').waitFor();
  await openAndWait(SMALL, 'castelmaurou');
  await page.getByTestId('read-progress').waitFor({ state: 'detached' });
  // Long enough for the big file to have been read, had it not been dropped.
  await page.waitForTimeout(3000);
  assert.match(await opened(), /castelmaurou/, 'the latest file stays');
  assert.equal(await page.getByTestId('error').count(), 0, 'the overtaken read shows no error');
  assert.equal(await page.getByTestId('read-progress').count(), 0);
});

async function waitUntil(condition, what) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((ok) => setTimeout(ok, 50));
  assert.ok(condition(), what);
}
