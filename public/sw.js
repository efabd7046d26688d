// Tamis's service worker: the app's own files are cached on the first visit, so later visits work with
// no network (an ATD workshop often has none). Nothing of the user's is cached: only GET requests to the
// app's own origin, for the files listed at build time, are answered from the cache. A new deployed
// version installs in the background and waits; the page tells the user, who reloads when they choose.
//
// scripts/csp.mjs (the Trunk post-build hook) fills in the version and the list of files.
const VERSION = 'tamis-__TAMIS_VERSION__';
const FILES = __TAMIS_FILES__;
// Read anew when the network is there: the deployer may change it without a new version.
const FRESH = ['tamis.config.json'];

// Each file is asked for with its validator (`no-cache`): what the page has just downloaded costs a 304,
// not a second download on a slow line, and nothing stale is kept.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tamis-') && k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'tamis:update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const file = url.pathname.slice(scope.pathname.length) || './';
  if (!FILES.includes(file)) return;
  if (FRESH.includes(file)) {
    event.respondWith(fetch(request).catch(() => caches.match(file, { cacheName: VERSION })));
    return;
  }
  event.respondWith(caches.match(file, { cacheName: VERSION }).then((hit) => hit ?? fetch(request)));
});
