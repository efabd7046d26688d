// Never lose work: the whole session is saved in the browser as the user works (IndexedDB), a killed
// tab or a crash loses nothing, and the reload offers the session back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, HOST_PAGE, screenshot, corpus, start, stop, serve, launch, newPage, openFile, goToStep } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the autosave tests'));

const LOT = corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv');

async function download(p, testid) {
  const [file] = await Promise.all([p.waitForEvent('download'), p.getByTestId(testid).click()]);
  return readFile(await file.path());
}

/** The sessions saved in `frame`'s IndexedDB. */
const sessionsIn = (frame) => frame.evaluate(async () => {
  // Opening a database that does not exist yet would create it, empty, under the app's feet.
  if (!(await indexedDB.databases()).some((d) => d.name === 'tamis')) return [];
  const db = await new Promise((ok, ko) => {
    const request = indexedDB.open('tamis');
    request.onsuccess = () => ok(request.result);
    request.onerror = () => ko(request.error);
  });
  if (!db.objectStoreNames.contains('sessions')) return [];
  const all = await new Promise((ok) => {
    const request = db.transaction('sessions').objectStore('sessions').getAll();
    request.onsuccess = () => ok(request.result);
  });
  db.close();
  return all.map((r) => JSON.parse(r.json));
});

/** Waits until a session saved in `frame`'s IndexedDB carries `edits` edits, and returns it. */
async function savedSession(frame, edits) {
  for (let waited = 0; waited < 10000; waited += 200) {
    const found = (await sessionsIn(frame)).find((s) => (s.recipe?.edits?.edits?.length ?? 0) === edits);
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.fail(`no session with ${edits} edits saved within 10 s`);
}

async function editErrorCell(p, value) {
  const cell = p.locator('[data-testid=preview] [data-testid=error-cell]').first();
  await cell.dblclick();
  await p.getByTestId('cell-input').fill(value);
  await p.getByTestId('cell-input').press('Enter');
  await p.getByTestId('cell-input').waitFor({ state: 'detached' });
}

test('a killed tab loses nothing: « Reprendre » gives the same mapping, cells, report and export bytes', async () => {
  await page.goto(server.url);
  await openFile(page, LOT);
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
  for (const value of ['Département du Lot', '2017-01-01', 'Objet corrigé']) await editErrorCell(page, value);
  const saved = await savedSession(page, 3);
  assert.equal(saved.name, 'DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv');
  assert.equal(saved.schema.name, 'scdl/subventions');

  const verdict = await page.getByTestId('verdict').innerText();
  await goToStep(page, 'publication');
  const csv = await download(page, 'download');
  await page.getByText('Autres fichiers').click();
  const report = JSON.parse(await download(page, 'download-report-json'));
  const recipe = JSON.parse(await download(page, 'download-recipe'));

  // The renderer dies with no unload event, as in a crash or a killed browser.
  const cdp = await page.context().newCDPSession(page);
  // (Chromium never answers Page.crash: the page it would answer from is gone.)
  await Promise.race([cdp.send('Page.crash').catch(() => {}), new Promise((ok) => setTimeout(ok, 2000))]);
  await page.close().catch(() => {});

  page = await newPage(session.browser.context, session.errors);
  session.page = page;
  await page.goto(server.url);
  const prompt = page.getByTestId('resume-prompt');
  await prompt.waitFor();
  assert.match(await prompt.innerText(), /DEP_Lot_Subventions_2017_DONNEES\.xlsx_pour_exemple\.csv, modifié (à l'instant|il y a 1 min)/);
  await screenshot(page, '33-resume-prompt');
  await page.getByTestId('resume').first().click();
  await page.getByTestId('verdict').waitFor();
  await page.getByText('Travail repris').waitFor();

  assert.equal(await page.getByTestId('verdict').innerText(), verdict, 'same verdict');
  await goToStep(page, 'publication');
  assert.deepEqual(await download(page, 'download'), csv, 'the export has the same bytes');
  await page.getByText('Autres fichiers').click();
  const again = JSON.parse(await download(page, 'download-report-json'));
  assert.deepEqual(again.issues, report.issues, 'same report');
  assert.deepEqual(again.fields, report.fields, 'same mapping and transforms');
  const recipeAgain = JSON.parse(await download(page, 'download-recipe'));
  assert.deepEqual(recipeAgain.mapping, recipe.mapping);
  assert.deepEqual(recipeAgain.edits.edits, recipe.edits.edits, 'same edits');
  // And the undo history goes on from there.
  await goToStep(page, 'corrections');
  await page.getByTestId('undo').click();
  await goToStep(page, 'publication');
  await page.getByText('Autres fichiers').click();
  assert.equal(JSON.parse(await download(page, 'download-recipe')).edits.edits.length, 2, 'the last edit is undone');
});

test('a session whose file was saved as a typed array (before December 2026) is resumed too', async () => {
  await page.goto(server.url);
  const csv = 'COLL_INSEE,ANNEE,PRENOM\n34172,2024,Ancien format\n';
  await openFile(page, { name: 'ancien-format.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  for (let waited = 0; !(await sessionsIn(page)).some((s) => s.name === 'ancien-format.csv'); waited += 100) {
    assert.ok(waited < 10000, 'ancien-format.csv saved');
    await page.waitForTimeout(100);
  }
  // The file as older versions stored it: the bytes in a Uint8Array rather than a Blob.
  const was = await page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('tamis'); r.onsuccess = () => ok(r.result); });
    const all = await new Promise((ok) => { const r = db.transaction('files').objectStore('files').getAll(); r.onsuccess = () => ok(r.result); });
    const kinds = all.map((record) => record.bytes.constructor.name);
    for (const record of all) {
      const bytes = new Uint8Array(await record.bytes.arrayBuffer());
      await new Promise((ok) => { const t = db.transaction('files', 'readwrite'); t.objectStore('files').put({ id: record.id, bytes }); t.oncomplete = ok; });
    }
    db.close();
    return kinds;
  });
  assert.ok(was.length > 0 && was.every((kind) => kind === 'Blob'), `files are saved as Blobs now: ${was}`);
  await page.goto(server.url);
  await page.getByTestId('resume-prompt').waitFor();
  await page.getByTestId('resume').first().click();
  await page.getByText('Travail repris').waitFor();
  await goToStep(page, 'fichier');
  const summary = await page.getByTestId('source-summary').innerText();
  assert.match(summary, /ancien-format\.csv/);
  assert.match(summary, /\b1 ligne/, `the file came back from its typed array: ${summary}`);
});

test('the last five sessions are kept, the oldest dropped first, with their files', async () => {
  await page.goto(server.url);
  for (let n = 1; n <= 6; n++) {
    const csv = `COLL_INSEE,ANNEE,PRENOM\n34172,2024,Prénom ${n}\n`;
    await openFile(page, { name: `fichier-${n}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('source-summary').getByText(`fichier-${n}.csv`).waitFor();
    for (let waited = 0; !(await sessionsIn(page)).some((s) => s.name === `fichier-${n}.csv`); waited += 100) {
      assert.ok(waited < 10000, `fichier-${n}.csv saved`);
      await page.waitForTimeout(100);
    }
  }
  const names = (await sessionsIn(page)).map((s) => s.name).sort();
  assert.deepEqual(names, ['fichier-2.csv', 'fichier-3.csv', 'fichier-4.csv', 'fichier-5.csv', 'fichier-6.csv']);
  const files = await page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('tamis'); r.onsuccess = () => ok(r.result); });
    const count = await new Promise((ok) => { const r = db.transaction('files').objectStore('files').count(); r.onsuccess = () => ok(r.result); });
    db.close();
    return count;
  });
  assert.equal(files, 5, 'the dropped session took its file along');
});

test('« Effacer » forgets the saved sessions too', async () => {
  await page.goto(server.url);
  await page.getByTestId('resume-prompt').waitFor();
  assert.match(await page.getByTestId('kept').innerText(), /5 travaux en cours/);
  await page.getByTestId('forget').click();
  await page.getByTestId('forget-confirm').click();
  await page.getByText('Les données que Tamis gardait dans ce navigateur ont été effacées.').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('resume-prompt').count(), 0);
});

test('a crash shows the French banner, tells the host, and the reload offers the session back', async () => {
  // A build with a test-only trigger: the host message `tamis:crash-test` makes the app panic.
  const dist = join(ROOT, 'target/dist-crash-test');
  assert.ok(existsSync(join(dist, 'index.html')), 'built by scripts/test.sh: trunk build --release --features crash-test --dist target/dist-crash-test');
  const app = await serve(dist);
  const browser = await launch();
  const errors = [];
  try {
    const host = await newPage(browser.context, errors);
    await host.route(`${app.url}/host.html`, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: HOST_PAGE(`${app.url}/`) }));
    await host.goto(`${app.url}/host.html`);
    await host.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
    const bytes = [...(await readFile(LOT))];
    await host.evaluate((bytes) => {
      const buffer = new Uint8Array(bytes).buffer;
      window.send({ type: 'tamis:open', name: 'lot.csv', bytes: buffer, schema: 'scdl/subventions' }, [buffer]);
    }, bytes);
    await host.waitForFunction(() => window.received.some((m) => m.type === 'tamis:report'));
    const frame = host.frames().find((f) => f.url().startsWith(app.url) && f !== host.mainFrame());
    await savedSession(frame, 0);

    await host.evaluate(() => window.send({ type: 'tamis:crash-test' }));
    const banner = frame.getByTestId('crash');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Tamis a rencontré une erreur\. Votre travail est sauvegardé : rechargez la page pour le reprendre\./);
    const told = await host.waitForFunction(() => window.received.find((m) => m.type === 'tamis:error') ?? false);
    assert.match((await told.jsonValue()).message, /Votre travail est sauvegardé/);
    await screenshot(host, '34-crash-banner');
    assert.ok(errors.some((e) => /crash test asked by the host page|unreachable/.test(e)), errors.join('\n'));

    await frame.getByRole('button', { name: 'Recharger la page' }).click();
    const reloaded = host.frames().find((f) => f.url().startsWith(app.url) && f !== host.mainFrame());
    await reloaded.getByTestId('resume-prompt').waitFor();
    assert.match(await reloaded.getByTestId('resume-prompt').innerText(), /lot\.csv/);
  } finally {
    await browser.close();
    await app.close();
  }
});
