// The release deploys as docs/DEPLOY.md says: its nginx and Apache examples (taken from the document
// itself, so the document is what is tested) serve the release's site/ at a sub-path on this machine,
// with the right types, compression, cache and headers, and the app works there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, corpus, launch, newPage, watchRequests, openFile, goToStep } from './harness.mjs';

const SUB_PATH = '/outils/tamis/';
let work, site, browser;
const servers = [];

/** The fenced block of `language` in docs/DEPLOY.md. */
async function example(language) {
  const doc = await readFile(join(ROOT, 'docs/DEPLOY.md'), 'utf8');
  const block = doc.match(new RegExp('```' + language + '\\n([\\s\\S]*?)```'));
  assert.ok(block, `docs/DEPLOY.md has a ${language} example`);
  return block[1];
}

const freePort = () => new Promise((ok) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => ok(port));
  });
});

async function started(command, args, port, log) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  servers.push(child);
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return `http://127.0.0.1:${port}`;
    } catch {
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  const errors = existsSync(log) ? await readFile(log, 'utf8') : '';
  assert.fail(`${command} did not start: ${stderr}${errors}`);
}

before(async () => {
  const version = (await readFile(join(ROOT, 'Cargo.toml'), 'utf8')).match(/^version = "(.*)"$/m)[1];
  const zip = join(ROOT, `target/release/tamis-${version}.zip`);
  assert.ok(existsSync(zip), 'scripts/test.sh packs the release (scripts/release.sh --no-build)');
  work = await mkdtemp(join(tmpdir(), 'tamis-deploy-'));
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, work]);
  const [unpacked] = readdirSync(work);
  site = join(work, unpacked, 'site');
  // The servers' workers run as an unprivileged user: the unpacked site must be readable to them.
  execFileSync('chmod', ['-R', 'a+rX', work]);
  chmodSync(work, 0o755);
  browser = await launch();
});

after(async () => {
  for (const child of servers) child.kill();
  await browser?.close();
  await rm(work, { recursive: true, force: true });
});

test('the release zip holds the site, the single file and the French note', async () => {
  const [unpacked] = readdirSync(work);
  const files = readdirSync(join(work, unpacked)).sort();
  assert.deepEqual(files, ['LISEZMOI.txt', 'site', 'tamis.html']);
  for (const file of ['index.html', 'tamis_bg.wasm', 'reader_bg.wasm', 'xlsx_bg.wasm', 'schemas.json', 'phone.json', 'sw.js', 'tamis.config.json', 'manifest.webmanifest']) {
    assert.ok(existsSync(join(site, file)), file);
  }
});

async function checkServed(base) {
  const page = await fetch(`${base}${SUB_PATH}`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'self' https:\/\/portail\.example\.fr/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.match(await page.text(), /http-equiv="Content-Security-Policy"/);
  const wasm = await fetch(`${base}${SUB_PATH}tamis_bg.wasm`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('content-encoding'), 'gzip', 'the wasm travels compressed');
  assert.equal((await wasm.arrayBuffer()).byteLength, (await readFile(join(site, 'tamis_bg.wasm'))).length);
  const schemas = await fetch(`${base}${SUB_PATH}schemas.json`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.match(schemas.headers.get('content-type'), /^application\/json/);
  assert.equal(schemas.headers.get('content-encoding'), 'gzip', 'the schema bundle travels compressed');
  const manifest = await fetch(`${base}${SUB_PATH}manifest.webmanifest`);
  assert.match(manifest.headers.get('content-type'), /^application\/manifest\+json/);
  const js = await fetch(`${base}${SUB_PATH}tamis.js`);
  assert.match(js.headers.get('content-type'), /^(text|application)\/javascript/);

  // The app works there, at its sub-path, and takes the service worker.
  const errors = [];
  const offOrigin = watchRequests(browser.context, [base]);
  const tab = await newPage(browser.context, errors);
  await tab.goto(`${base}${SUB_PATH}`);
  await openFile(tab, corpus('subventions/csvdetective_subventions-commune-de-castelmaurou.csv'));
  await tab.getByTestId('schema-select').selectOption('scdl/subventions');
  await tab.getByTestId('verdict').waitFor();
  assert.equal(await tab.getByTestId('verdict').innerText(), 'Votre fichier est conforme au schéma.');
  await tab.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20000 });
  await tab.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(offOrigin, []);
}

test('docs/DEPLOY.md, nginx: served at a sub-path with the right types, compression, cache and headers', async () => {
  const port = await freePort();
  const conf = join(work, 'nginx.conf');
  const block = (await example('nginx')).replace('listen 80;', `listen 127.0.0.1:${port};`).replaceAll('/var/www/tamis/', `${site}/`);
  await writeFile(conf, `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${work}/nginx-body;
  proxy_temp_path ${work}/nginx-proxy;
  fastcgi_temp_path ${work}/nginx-fastcgi;
  uwsgi_temp_path ${work}/nginx-uwsgi;
  scgi_temp_path ${work}/nginx-scgi;
${block}
}
`);
  const base = await started('nginx', ['-c', conf, '-p', work], port, join(work, 'nginx-error.log'));
  await checkServed(base);
});

test('docs/DEPLOY.md, Apache: served at a sub-path with the right types, compression, cache and headers', async () => {
  const port = await freePort();
  const conf = join(work, 'apache.conf');
  const modules = ['mpm_event', 'authz_core', 'mime', 'headers', 'alias', 'dir', 'filter', 'deflate'];
  const block = (await example('apache')).replaceAll('/var/www/tamis', site);
  await writeFile(conf, `${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${work}/apache.pid
DefaultRuntimeDir ${work}
ErrorLog ${work}/apache-error.log
TypesConfig /etc/mime.types
User nobody
Group nogroup
${block}
`);
  const base = await started('apache2', ['-f', conf, '-DFOREGROUND'], port, join(work, 'apache-error.log'));
  await checkServed(base);
});
