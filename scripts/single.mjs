// Writes target/single/tamis.html: the whole app as one self-contained HTML file, for a USB key or an
// e-mail (scripts/build-single.sh runs it on a release build in dist/). Opened from file://, it needs
// nothing else: the styles and the crash guard are inline, the wasm modules and the schema bundle ride
// along gzip-compressed in base64 (the browser's DecompressionStream unpacks them), and the workers (the
// reader, the XLSX copy) start from Blob URLs. Its Content-Security-Policy allows only its own inline code, by hash.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = join(root, 'target/single');
const read = (file) => readFileSync(join(dist, file));
const text = (file) => read(file).toString('utf8');
const packed = (file) => gzipSync(read(file), { level: 9 }).toString('base64');
const sha = (content) => `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
const fail = (message) => {
  console.error(`single.mjs: ${message}`);
  process.exit(1);
};

// The app's wasm-bindgen glue as a plain module body: its exports dropped, its init called on the bytes.
let glue = text('tamis.js');
const exportLine = 'export { initSync, __wbg_init as default };';
if (!glue.includes(exportLine)) fail('tamis.js does not end with the export line this script knows');
glue = glue.replace(exportLine, '').replace(/^export class /gm, 'class ');
if (/^export /m.test(glue)) fail('tamis.js has exports this script does not know');

// A worker (`reader`, `xlsx`): its no-modules glue, then its wasm unpacked and started.
const unpack = `async function unpack(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}`;
const worker = (name) => `${text(`${name}.js`)}
${unpack}
unpack(${JSON.stringify(packed(`${name}_bg.wasm`))}).then((wasm) => wasm_bindgen({ module_or_path: wasm }));
`;
const workers = { reader: worker('reader'), xlsx: worker('xlsx') };
if ([...Object.values(workers), glue].some((s) => /<\/script|<!--/i.test(s))) {
  fail('a script contains </script or <!--, which would end its element');
}

const main = `
${unpack}
// The schema bundle (src/catalog.rs looks for window.tamisSchemas), unpacked while the app starts.
window.tamisSchemas = unpack(document.getElementById('tamis-schemas').textContent.trim())
  .then((bytes) => new TextDecoder().decode(bytes));
// libphonenumber's metadata (src/catalog.rs calls window.tamisPhone), unpacked when a schema needs it.
window.tamisPhone = () => unpack(document.getElementById('tamis-phone').textContent.trim())
  .then((bytes) => new TextDecoder().decode(bytes));
// The workers, from Blob URLs (src/reader.rs looks for window.tamisReaderUrl and window.tamisXlsxUrl).
const workerUrl = (id) => URL.createObjectURL(new Blob([document.getElementById(id).textContent], { type: 'text/javascript' }));
window.tamisReaderUrl = workerUrl('tamis-reader');
window.tamisXlsxUrl = workerUrl('tamis-xlsx');
${glue}
await __wbg_init({ module_or_path: await unpack(document.getElementById('tamis-wasm').textContent.trim()) });
`;
const guard = text('guard.js');
const css = text('tamis.css');
const icon = `data:image/svg+xml;base64,${read('icon.svg').toString('base64')}`;

const policy = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha(guard)} ${sha(main)}`,
  'worker-src blob:',
  "connect-src https: http://127.0.0.1:* http://localhost:*",
  `style-src ${sha(css)}`,
  'img-src data:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const html = `<!DOCTYPE html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${policy}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Tamis — vos données au format SCDL</title>
    <link rel="icon" href="${icon}" />
    <style>${css}</style>
    <script>${guard}</script>
    <script type="application/octet-stream" id="tamis-wasm">
${packed('tamis_bg.wasm')}
    </script>
    <script type="application/octet-stream" id="tamis-schemas">
${packed('schemas.json')}
    </script>
    <script type="application/octet-stream" id="tamis-phone">
${packed('phone.json')}
    </script>
    <script type="text/plain" id="tamis-reader">${workers.reader}</script>
    <script type="text/plain" id="tamis-xlsx">${workers.xlsx}</script>
    <script type="module">${main}</script>
  </head>
  <body></body>
</html>
`;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'tamis.html'), html);
console.log(`target/single/tamis.html: ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB`);
