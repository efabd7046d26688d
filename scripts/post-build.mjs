// Trunk post-build hook (Trunk.toml), on the staged site:
// 1. writes the Content-Security-Policy into index.html, with the hash of every inline script Trunk
//    generated (its wasm loader), so the policy is right for each build;
// 2. writes `content-security-policy.txt` beside it: the same policy as an HTTP header, plus
//    `frame-ancestors` with the host origins of tamis.config.json, which a <meta> tag cannot carry (see
//    docs/DEPLOY.md);
// 3. puts the schema bundle (`schemas.json`, written by build.rs in cargo's build directory) beside the
//    app: the one whose stamp the app's wasm carries; and libphonenumber's metadata (`phone.json`)
//    written with it;
// 4. fills in the service worker (sw.js): the list of the site's files and a version that is the hash
//    of their contents, so any change of any file makes a new version.
import { readFileSync, writeFileSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');

const hashes = [];
for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (/\bsrc\s*=/i.test(attributes)) continue;
  hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}
if (/<style\b/i.test(html) || /\son[a-z]+\s*=/i.test(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''))) {
  console.error('index.html has an inline style or event handler: the Content-Security-Policy would block it');
  process.exit(1);
}

// Schema and recipe addresses: https anywhere, http only on this computer (see browser::fetchable).
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "worker-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "style-src 'self'",
  "img-src 'self' data:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.join('; ')}" />`;
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.error('index.html already has a Content-Security-Policy');
  process.exit(1);
}
// Before anything the policy governs: right after the charset declaration.
const charset = html.match(/<meta charset="utf-8"\s*\/?>/i);
if (!charset) {
  console.error('index.html has no <meta charset="utf-8"> to put the policy after');
  process.exit(1);
}
html = html.replace(charset[0], `${charset[0]}\n    ${meta}`);
writeFileSync(page, html);

const config = join(dir, 'tamis.config.json');
const hosts = existsSync(config) ? (JSON.parse(readFileSync(config, 'utf8')).hostOrigins ?? []) : [];
const header = [...policy, `frame-ancestors 'self' ${hosts.join(' ')}`.trim()].join('; ');
writeFileSync(join(dir, 'content-security-policy.txt'), `Content-Security-Policy: ${header}\n`);

// build.rs wrote the bundle into its OUT_DIR (target/wasm32-unknown-unknown/<profile>/build/tamis-<hash>/out),
// one per profile and set of features: any whose stamp is in the app's wasm is the app's.
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const target = resolve(source, process.env.CARGO_TARGET_DIR ?? 'target', 'wasm32-unknown-unknown');
const wasm = readFileSync(join(dir, 'tamis_bg.wasm'));
const bundles = (existsSync(target) ? readdirSync(target) : [])
  .flatMap((profile) => {
    const build = join(target, profile, 'build');
    return existsSync(build) ? readdirSync(build).filter((d) => d.startsWith('tamis-')).map((d) => join(build, d, 'out', 'schemas.json')) : [];
  })
  .filter((file) => existsSync(file) && existsSync(join(file, '..', 'phone.json')));
const bundle = bundles.find((file) => {
  const stamp = readFileSync(file, 'utf8').slice(0, 100).match(/^\{"stamp":"([0-9a-f]{16})"/)?.[1];
  return stamp && wasm.includes(Buffer.from(stamp));
});
if (!bundle) {
  console.error(`no schema bundle in ${target}/*/build/tamis-*/out/ carries the stamp built into tamis_bg.wasm`);
  process.exit(1);
}
copyFileSync(bundle, join(dir, 'schemas.json'));
// libphonenumber's metadata, written beside it with the same stamp (fetched when a schema checks phones).
copyFileSync(join(bundle, '..', 'phone.json'), join(dir, 'phone.json'));

const worker = join(dir, 'sw.js');
const files = readdirSync(dir).filter((f) => !['sw.js', 'content-security-policy.txt'].includes(f)).sort();
const version = createHash('sha256');
for (const file of files) version.update(file).update(readFileSync(join(dir, file)));
const cached = ['./', ...files];
writeFileSync(worker, readFileSync(worker, 'utf8')
  .replace('__TAMIS_VERSION__', version.digest('hex').slice(0, 16))
  .replace('__TAMIS_FILES__', JSON.stringify(cached)));
console.log(`post-build.mjs: policy written (${hashes.length} inline script(s) hashed), service worker lists ${cached.length} files`);
