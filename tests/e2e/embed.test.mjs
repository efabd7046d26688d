// Safe to embed: the user's data goes to no page they or the deployer did not choose. The host page is
// served from another origin than the app, as a portal's would be; `tamis.config.json` beside the app
// lists the host origins the deployer allows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DIST, serve, launch, newPage, screenshot, corpus, watchRequests, HOST_PAGE } from './harness.mjs';

const CASTELMAUROU = corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv');
const QUIET_MS = 1500;
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');


const config = (origins) => ({ type: 'application/json', body: JSON.stringify({ hostOrigins: origins }) });

let closedApp, openApp, portal, other, browser, offOrigin;
const errors = [];

before(async () => {
  // The app as shipped (no host origin allowed), and the app of a deployer who allows two portals.
  closedApp = await serve(DIST);
  const openRoutes = {};
  openApp = await serve(DIST, openRoutes);
  const html = (body) => ({ type: 'text/html; charset=utf-8', body });
  portal = await serve(DIST, { '/closed.html': html(HOST_PAGE(closedApp.url)), '/open.html': html(HOST_PAGE(openApp.url)) });
  other = await serve(DIST);
  openRoutes['/tamis.config.json'] = config([portal.url, other.url]);
  browser = await launch();
  offOrigin = watchRequests(browser.context, [closedApp.url, openApp.url, portal.url, other.url]);
});

after(async () => {
  await browser?.close();
  for (const server of [closedApp, openApp, portal, other]) await server?.close();
  assert.deepEqual(errors, [], 'no page error, wasm panic or CSP violation');
  assert.deepEqual(offOrigin, [], 'no request to any origin but the app and its hosts');
});

async function hostPage(path) {
  const page = await newPage(browser.context, errors);
  await page.goto(`${portal.url}/${path}`);
  await waitFor(page, (m) => m.type === 'tamis:ready');
  return page;
}

async function waitFor(page, predicate, from = 0) {
  const handle = await page.waitForFunction(
    ({ source, from }) => window.received.slice(from).find(new Function('m', `return (${source})(m)`)) ?? false,
    { source: predicate.toString(), from },
    { timeout: 20000 },
  );
  return handle.jsonValue();
}

const types = (page) => page.evaluate(() => window.received.map((m) => m.type));

async function sendOpen(page, path, fields) {
  const bytes = [...(await readFile(path))];
  await page.evaluate(({ bytes, fields }) => {
    const buffer = new Uint8Array(bytes).buffer;
    window.send({ type: 'tamis:open', bytes: buffer, ...fields }, [buffer]);
  }, { bytes, fields });
}

const frameOf = (page, app) => page.frames().find((f) => f.url().startsWith(app.url));

test('the built app carries a Content-Security-Policy that forbids everything it does not need', async () => {
  const page = await newPage(browser.context, errors);
  await page.goto(closedApp.url);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const directive of ["default-src 'none'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "worker-src 'self'"]) {
    assert.ok(csp.includes(directive), `${directive} in ${csp}`);
  }
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  await page.getByTestId('file-input').setInputFiles(CASTELMAUROU);
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
  await page.close();
});

test('a host the deployer did not allow gets nothing but tamis:ready until the user agrees', async () => {
  const page = await hostPage('closed.html');
  const frame = frameOf(page, closedApp);
  await sendOpen(page, CASTELMAUROU, { name: 'castelmaurou.csv', schema: 'scdl/subventions' });
  const banner = frame.getByTestId('host-consent');
  await banner.waitFor();
  assert.match(await banner.innerText(), new RegExp(`${portal.url.replace(/[.:/]/g, '\\$&')} souhaite recevoir le fichier et le rapport`));
  await screenshot(page, '30-host-consent');
  await frame.evaluate(axeSource);
  const audit = await frame.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  assert.deepEqual(audit.violations.map((v) => `${v.impact} ${v.id}: ${v.help}`), [], 'the banner passes the axe audit');

  // Meanwhile the user opens a file by hand: still nothing for the host, the export neither.
  await frame.getByTestId('file-input').setInputFiles(CASTELMAUROU);
  await frame.getByTestId('schema-select').selectOption('scdl/subventions');
  await frame.getByTestId('verdict').waitFor();
  await page.evaluate(() => window.send({ type: 'tamis:export' }));
  await page.waitForTimeout(QUIET_MS);
  assert.deepEqual(await types(page), ['tamis:ready']);

  // « Autoriser »: the held messages are handled, and the host gets what it asked for.
  await frame.getByTestId('host-allow').click();
  const exported = await waitFor(page, (m) => m.type === 'tamis:exported');
  assert.equal(exported.valid, true);
  const report = await waitFor(page, (m) => m.type === 'tamis:report');
  assert.equal(report.rowCount, 95);
  assert.equal(await banner.count(), 0, 'the banner is gone');
  await page.close();
});

test('after « Refuser » the host never receives anything, whatever it sends', async () => {
  const page = await hostPage('closed.html');
  const frame = frameOf(page, closedApp);
  await sendOpen(page, CASTELMAUROU, { name: 'castelmaurou.csv', schema: 'scdl/subventions' });
  await frame.getByTestId('host-refuse').click();
  await frame.getByTestId('info').waitFor();
  await sendOpen(page, CASTELMAUROU, { name: 'castelmaurou.csv', schema: 'scdl/subventions' });
  await page.evaluate(() => window.send({ type: 'tamis:export' }));
  await frame.getByTestId('file-input').setInputFiles(CASTELMAUROU);
  await frame.getByTestId('schema-select').selectOption('scdl/subventions');
  await frame.getByTestId('verdict').waitFor();
  await page.waitForTimeout(QUIET_MS);
  assert.deepEqual(await types(page), ['tamis:ready']);
  assert.equal(await frame.getByTestId('host-consent').count(), 0, 'and is not asked again');
  await page.close();
});

test('an allowed host is served at once, and a second allowed origin cannot take over the locked page', async () => {
  const page = await hostPage('open.html');
  const frame = frameOf(page, openApp);
  await sendOpen(page, CASTELMAUROU, { name: 'castelmaurou.csv', schema: 'scdl/subventions' });
  const report = await waitFor(page, (m) => m.type === 'tamis:report');
  assert.equal(report.valid, true);
  assert.equal(await frame.getByTestId('host-consent').count(), 0, 'no question for an allowed host');

  // A message from the parent window with another allowed origin (as if the parent had changed hands)
  // is ignored: the page stays locked to the first origin.
  const before = (await types(page)).length;
  await frame.evaluate((origin) => {
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'tamis:export' }, origin, source: window.parent }));
  }, other.url);
  await page.waitForTimeout(QUIET_MS);
  assert.equal((await types(page)).length, before, 'nothing answered to the second origin');
  // The locked origin still is.
  await page.evaluate(() => window.send({ type: 'tamis:export' }));
  assert.equal((await waitFor(page, (m) => m.type === 'tamis:exported')).valid, true);
  await page.close();
});

test('a host on the app\'s own origin needs no configuration', async () => {
  const page = await newPage(browser.context, errors);
  await page.route(`${closedApp.url}/same-origin-host.html`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: HOST_PAGE(closedApp.url) }));
  await page.goto(`${closedApp.url}/same-origin-host.html`);
  await waitFor(page, (m) => m.type === 'tamis:ready');
  await sendOpen(page, CASTELMAUROU, { name: 'castelmaurou.csv', schema: 'scdl/subventions' });
  assert.equal((await waitFor(page, (m) => m.type === 'tamis:report')).rowCount, 95);
  await page.close();
});

test('a file opened by hand with no host page sends nothing anywhere', async () => {
  const page = await newPage(browser.context, errors);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(closedApp.url);
  await page.getByTestId('file-input').setInputFiles(CASTELMAUROU);
  await page.getByTestId('schema-select').selectOption('scdl/subventions');
  await page.getByTestId('verdict').waitFor();
  assert.ok(!requests.includes('/tamis.config.json'), 'with no host, the configuration is not even read');
  await page.close();
});
