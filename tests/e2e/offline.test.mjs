// Offline: after one visit the app loads and works with no network (the service worker keeps its
// files); a new deployed version is offered, never forced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, screenshot, corpus, serve, launch, newPage, watchRequests, openFile, goToStep } from './harness.mjs';

let server, browser, page, offOrigin;
const errors = [];
const routes = {};

before(async () => {
  server = await serve(DIST, routes);
  browser = await launch();
  offOrigin = watchRequests(browser.context, [server.url]);
  page = await newPage(browser.context, errors);
});

after(async () => {
  await browser?.close();
  await server?.close();
  // Going offline makes the page log failed loads of what the browser itself asks for (favicon…).
  const real = errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e));
  assert.deepEqual(real, [], 'no page error, wasm panic or CSP violation');
  assert.deepEqual(offOrigin, [], 'no request off the app\'s origin');
});

/** Waits until the service worker controls the page. */
const controlled = () => page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20000 });

test('after one visit, the app opens an XLSX, validates it and downloads the file and its XLSX copy with no network', async () => {
  await page.goto(server.url);
  await controlled();
  await browser.context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await openFile(page, corpus('subventions/DEP_Charente_Maritime_donnees-conventions-subventions.xlsx'));
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
  await goToStep(page, 'publication');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const text = (await readFile(await file.path())).toString('utf8');
  assert.match(text.split('\r\n')[0], /^nomAttribuant,idAttribuant,/);
  assert.ok(text.split('\r\n').length > 100);
  // The XLSX copy's worker, never started online, was kept for offline use too.
  await page.getByText('Autres fichiers').click();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
  assert.equal((await readFile(await xlsx.path())).subarray(0, 2).toString(), 'PK');
  await screenshot(page, '35-offline');
  await browser.context.setOffline(false);
});

test('a new version is offered with a button, and takes over only when the user clicks', async () => {
  // The deployer puts a new version online: its service worker differs.
  const current = await readFile(join(DIST, 'sw.js'), 'utf8');
  routes['/sw.js'] = { type: 'text/javascript', body: current.replace(/const VERSION = 'tamis-[0-9a-f]+'/, "const VERSION = 'tamis-0000000000000001'") };
  await page.reload();
  const notice = page.getByTestId('update');
  await notice.waitFor({ timeout: 20000 });
  assert.match(await notice.innerText(), /Une nouvelle version de Tamis est disponible/);
  await screenshot(page, '36-update-notice');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null), null);
  await page.waitForTimeout(500);
  assert.equal(await notice.count(), 0, 'no notice once the new version runs');
});
