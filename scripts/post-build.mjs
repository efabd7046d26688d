// Trunk post-build hook (Trunk.toml), on the staged site:
// 1. writes the Content-Security-Policy into index.html, with the hash of every inline script Trunk
//    generated (its wasm loader), so the policy is right for each build;
// 2. writes `content-security-policy.txt` beside it: the same policy as an HTTP header, plus
//    `frame-ancestors` with the host origins of tamis.config.json, which a <meta> tag cannot carry (see
//    docs/DEPLOY.md);
// 3. fills in the service worker (sw.js): the list of the site's files and a version that is the hash
//    of their contents, so any change of any file makes a new version.
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

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

const worker = join(dir, 'sw.js');
const files = readdirSync(dir).filter((f) => !['sw.js', 'content-security-policy.txt'].includes(f)).sort();
const version = createHash('sha256');
for (const file of files) version.update(file).update(readFileSync(join(dir, file)));
const cached = ['./', ...files];
writeFileSync(worker, readFileSync(worker, 'utf8')
  .replace('__TAMIS_VERSION__', version.digest('hex').slice(0, 16))
  .replace('__TAMIS_FILES__', JSON.stringify(cached)));
console.log(`post-build.mjs: policy written (${hashes.length} inline script(s) hashed), service worker lists ${cached.length} files`);
