// Debian's Firefox ESR for the end-to-end tests, driven over WebDriver BiDi by puppeteer-core: no
// browser build is downloaded (Playwright's Firefox is a patched build it fetches from its own CDN, and
// Debian bookworm packages no geckodriver). Installed by scripts/setup-firefox.sh.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * Firefox ESR, headless, with a throw-away profile and download folder (both under one temporary
 * directory that `close()` removes), and one page that records what must fail a test:
 *
 *   errors     uncaught errors (`pageerror`), console messages of type error, CSP violations;
 *   offOrigin  requests to any origin but `origins` (data: and blob: URLs stay in the page);
 *   download(click)  runs `click` and resolves to the file the app saved: {name, path, bytes}.
 */
export async function launchFirefox({ origins = [] } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run scripts/setup-firefox.sh`);
  const root = await mkdtemp(join(tmpdir(), 'tamis-firefox-'));
  const profile = join(root, 'profile');
  const downloads = join(root, 'downloads');
  await mkdir(profile);
  await mkdir(downloads);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX,
      headless: true,
      // puppeteer writes its automation prefs into this profile's user.js (and leaves the folder:
      // removed with `root` in close()).
      userDataDir: profile,
      defaultViewport: { width: 1366, height: 768 },
      extraPrefsFirefox: {
        // The same quiet browser as the Chromium tests: no update checks, telemetry or other
        // background traffic (puppeteer's profile already turns most of it off).
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'network.http.http3.enable': false,
        // A French office PC's browser (the app's texts are French whatever this says).
        'intl.accept_languages': 'fr-FR, fr',
      },
    });
    // Downloads: the page is opened in a browser context (a BiDi user context) created with
    // puppeteer's `downloadBehavior: {policy: 'allow', downloadPath}`, which over BiDi is the standard
    // command `browser.setDownloadBehavior {downloadBehavior: {type: 'allowed', destinationFolder},
    // userContexts}`: the file the app hands to an <a download> (a blob: URL) is saved there under its
    // suggested name, without a dialog. puppeteer 24 has no download event over BiDi (no
    // waitForEvent('download') as in Playwright), so the BiDi events `browsingContext.downloadWillBegin`
    // (suggested name) and `browsingContext.downloadEnd` (status, saved path) are subscribed to on
    // puppeteer's BiDi connection: the test reads the file once Firefox says it is complete. The older
    // profile-pref route (browser.download.dir + browser.download.folderList=2 +
    // browser.helperApps.neverAsk.saveToDisk) is not used: it would leave the test polling the folder
    // for a file that no longer ends in .part.
    const context = await browser.createBrowserContext({
      downloadBehavior: { policy: 'allow', downloadPath: downloads },
    });
    // `browser.connection` is puppeteer's BiDi connection (a getter of its BidiBrowser, not in its
    // typed API): events subscribed to here are emitted on it by method name.
    const bidi = browser.connection;
    await bidi.send('session.subscribe', {
      events: ['browsingContext.downloadWillBegin', 'browsingContext.downloadEnd'],
    });
    let pending = null; // {began: [downloadWillBegin…], end(downloadEnd)} while download() waits
    bidi.on('browsingContext.downloadWillBegin', (event) => pending?.began.push(event));
    bidi.on('browsingContext.downloadEnd', (event) => pending?.end(event));

    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    // As in harness.mjs: a Content-Security-Policy violation is a console error, so fails the test.
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content-Security-Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
      });
    });
    const offOrigin = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && !origins.includes(url.origin)) offOrigin.push(request.url());
    });

    /** Runs `click`, waits for the download it starts to complete, and reads the saved file. */
    async function download(click, timeout = 30_000) {
      const began = [];
      const done = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no download completed within ${timeout} ms`)), timeout);
        pending = { began, end: (event) => { clearTimeout(timer); resolve(event); } };
      });
      let end;
      try {
        await click();
        end = await done;
      } finally {
        pending = null;
      }
      if (end.status !== 'complete') throw new Error(`download ${end.status}: ${JSON.stringify(end)}`);
      // downloadEnd gives the saved path; the name the page suggested comes with downloadWillBegin.
      const begin = began.find((b) => b.navigation === end.navigation) ?? began.at(-1);
      const path = end.filepath;
      return { name: begin?.suggestedFilename, path, bytes: await readFile(path) };
    }

    return {
      browser,
      page,
      errors,
      offOrigin,
      download,
      downloadDir: downloads,
      close: async () => {
        await browser?.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await rm(root, { recursive: true, force: true });
    throw e;
  }
}

/** Waits until the text of the element `selector` matches `pattern`. */
export async function waitForText(page, selector, pattern, timeout = 30_000) {
  await page.waitForFunction(
    (selector, source, flags) => new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ''),
    { timeout },
    selector, pattern.source, pattern.flags,
  );
}

export const innerText = (page, selector) => page.$eval(selector, (e) => e.innerText);
