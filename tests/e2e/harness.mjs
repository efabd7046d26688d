// Shared helpers for the end-to-end tests: a static server for dist/, Debian's Chromium, screenshots.
import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, resolve, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { brotliCompressSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist');
export const SHARED = resolve(ROOT, '../shared');
export const CORPUS = join(SHARED, 'corpus');
export const SCHEMAS = join(SHARED, 'schema.data.gouv.fr/schemas');
export const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port), plus `extra` routes: {path: {type, body}}. With `compress`,
 * the files of `dir` go brotli-compressed to a browser that accepts it, as a real host serves them. The
 * files carry an ETag and a Last-Modified date and a request that has the ETag gets a 304, as from nginx
 * or Apache. `served` lists every answer: {path, status, bytes} (the body's bytes, as sent). With
 * `line` (bytes per second), every body goes out through one line of that speed shared by all requests,
 * as a slow connection carries the page's, its workers' and its service worker's downloads alike.
 */
export async function serve(dir, extra = {}, { compress = false, line = 0 } = {}) {
  const compressed = new Map();
  const served = [];
  // When the shared line is free again (ms, performance.now()).
  let lineFree = 0;
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const route = extra[path];
    const send = async (status, headers, body) => {
      res.writeHead(status, headers);
      served.push({ path, status, bytes: body?.length ?? 0 });
      if (!line || !body?.length) {
        res.end(body);
        return;
      }
      for (let at = 0; at < body.length; at += 16384) {
        const chunk = body.subarray(at, at + 16384);
        lineFree = Math.max(lineFree, performance.now()) + (chunk.length / line) * 1000;
        await new Promise((ok) => setTimeout(ok, lineFree - performance.now()));
        res.write(chunk);
      }
      res.end();
    };
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (route) {
      await send(200, { 'Content-Type': route.type }, typeof route.body === 'string' ? Buffer.from(route.body) : route.body);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      await send(404, {});
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const br = compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const { size, mtime } = await stat(file);
    const tag = `"${size.toString(16)}-${mtime.getTime().toString(16)}${br ? '-br' : ''}"`;
    const validators = { ETag: tag, 'Last-Modified': mtime.toUTCString() };
    if (req.headers['if-none-match'] === tag) {
      await send(304, validators);
      return;
    }
    if (br) {
      if (!compressed.has(file + tag)) compressed.set(file + tag, brotliCompressSync(await readFile(file)));
      await send(200, { 'Content-Type': type, 'Content-Encoding': 'br', ...validators }, compressed.get(file + tag));
      return;
    }
    await send(200, { 'Content-Type': type, ...validators }, await readFile(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, served, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * Debian's Chromium, headless, with a throw-away profile; `close()` removes the profile.
 * `serviceWorkers: 'block'` keeps the app's service worker out, for tests that replace the app's files
 * with page.route (a file the service worker serves from its cache never reaches the route).
 */
export async function launch({ serviceWorkers = 'allow' } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'tamis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    serviceWorkers,
    viewport: { width: 1366, height: 768 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  // Every page and frame reports a Content-Security-Policy violation as a console error, which fails
  // the test (see newPage).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
    });
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The app served from dist/ and one page in Chromium, for a test file: `start()` in `before`,
 * `stop()` in `after`, which fails the file if the page had an uncaught error or a wasm panic.
 */
export async function start(options = {}) {
  const errors = [];
  const server = await serve(DIST);
  const browser = await launch(options);
  const offOrigin = watchRequests(browser.context, [server.url]);
  const page = await newPage(browser.context, errors);
  return { server, browser, page, errors, offOrigin };
}

export async function stop(session, what) {
  await session?.browser?.close();
  await session?.server?.close();
  assert.deepEqual(session?.errors ?? [], [], `no page error, wasm panic or CSP violation during ${what}`);
  assert.deepEqual(session?.offOrigin ?? [], [], `no request left the app's origin during ${what}`);
}

/** The requests of `context` to any origin but `origins` (data: and blob: URLs stay in the page). */
export function watchRequests(context, origins) {
  const seen = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && !origins.includes(url.origin)) seen.push(request.url());
  });
  return seen;
}

/** A page that fails the test on any uncaught error or wasm panic. */
export async function newPage(context, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return page;
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The window sizes every step is photographed at: the usual office PC, and a larger screen. */
export const SIZES = [[1366, 768], [1920, 1080]];

/**
 * Screenshots of the window at each of `SIZES` (`<name>-1366.png`, `<name>-1920.png`), checking at
 * each that nothing but the grid scrolls sideways and running `check(width, height)`; the window is
 * left at 1366×768.
 */
export async function screenshots(page, name, check = async () => {}) {
  await mkdir(ARTIFACTS, { recursive: true });
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    assert.equal(await scrollsSideways(page), false, `${name} at ${width}×${height}: nothing scrolls sideways`);
    await check(width, height);
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Whether all of `locator` is in the window, without scrolling the page or the panel it is in. */
export async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  if (!box || box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) return false;
  // Not hidden by a scrolling parent: the element is what the page shows at its middle.
  return locator.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const seen = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
    return seen !== null && (seen === element || element.contains(seen));
  });
}

export const corpus = (relative) => join(CORPUS, relative);

export async function schemaFields(name) {
  const schema = JSON.parse(await readFile(join(SCHEMAS, name, 'latest/schema.json'), 'utf8'));
  return schema.fields.map((f) => f.name);
}

/** The reference validator's verdict on `path` for the latest version of catalog schema `name`. */
export function validataRef(name, path) {
  const output = execFileSync(join(SHARED, 'tools/validata-ref/validata-ref'),
    [join(SCHEMAS, name, 'latest/schema.json'), path], { encoding: 'utf8' });
  return JSON.parse(output);
}

/**
 * A portal's page embedding the app at `appUrl`: it keeps what the app posts in `window.received` and
 * sends with `window.send(message, transfer)`.
 */
export const HOST_PAGE = (appUrl) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Portail</title>
<link rel="icon" href="data:,"></head><body><h1>Portail de test</h1>
<iframe id="tamis" src="${appUrl}" style="width:1300px;height:700px"></iframe>
<script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('tamis').contentWindow) window.received.push(e.data);
  });
  window.send = (message, transfer) => document.getElementById('tamis').contentWindow.postMessage(message, '*', transfer);
</script></body></html>`;

/**
 * A portal's page on another origin than the app, allowed in the app's tamis.config.json, with the app
 * in its iframe and `tamis:ready` received. Stop it with [`stopHost`].
 */
export async function startHost() {
  const errors = [];
  const appRoutes = {};
  const app = await serve(DIST, appRoutes);
  const host = await serve(DIST, { '/host.html': { type: 'text/html; charset=utf-8', body: HOST_PAGE(app.url) } });
  appRoutes['/tamis.config.json'] = { type: 'application/json', body: JSON.stringify({ hostOrigins: [host.url] }) };
  const browser = await launch();
  const offOrigin = watchRequests(browser.context, [app.url, host.url]);
  const page = await newPage(browser.context, errors);
  await page.goto(`${host.url}/host.html`);
  await page.waitForFunction(() => window.received.some((m) => m.type === 'tamis:ready'));
  return { app, host, browser, page, errors, offOrigin };
}

export async function stopHost(session, what) {
  await session?.browser?.close();
  await session?.host?.close();
  await session?.app?.close();
  assert.deepEqual(session?.errors ?? [], [], `no page error, wasm panic or CSP violation during ${what}`);
  assert.deepEqual(session?.offOrigin ?? [], [], `no request to any origin but the app and its host during ${what}`);
}

/**
 * Goes to step `id` (fichier, schema, colonnes, corrections, publication) with the step bar, as a person
 * would, and waits for it to be on screen.
 */
export async function goToStep(page, id) {
  await page.getByTestId(`step-${id}`).click();
  await page.getByTestId(`step-view-${id}`).waitFor();
}

/** The step on screen (its id), from the step bar. */
export async function currentStep(page) {
  const current = page.locator('[data-testid=stepbar] [aria-current=step]');
  await current.waitFor();
  return (await current.getAttribute('data-testid')).replace(/^step-/, '');
}

/** Whether anything but the grid scrolls sideways. */
export const scrollsSideways = (page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Opens `files` with the file input of the Fichier step (going there first when another step is shown). */
export async function openFile(page, files) {
  if ((await page.getByTestId('file-input').count()) === 0) await goToStep(page, 'fichier');
  await page.getByTestId('file-input').setInputFiles(files);
}
