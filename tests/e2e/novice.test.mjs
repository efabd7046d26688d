// A novice on three real files: they only press the buttons the app proposes (the schema it suggests,
// « Suivant », « Corriger pas à pas » and its one action per group of errors, « Passer » when there is
// none, « Publier le fichier », the download) and type what the app asks (the collectivity). Where a
// conformant file is reachable that way, it is downloaded and the reference validator calls it valid;
// where it is not, the app says what is left, and the test prints it. Clicks and keystrokes are counted,
// and every step is photographed at 1366×768 and 1920×1080 (`novice-*-1366.png`, `novice-*-1920.png`),
// with nothing but the grid scrolling sideways and the guided fix's proposed action in sight at both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus, screenshot, screenshots, inView, start, stop, currentStep, validataRef } from './harness.mjs';

let session, server, page;

before(async () => {
  session = await start();
  ({ server, page } = session);
});

after(() => stop(session, 'the novice tests'));

/** What the novice knows: their collectivity, and nothing of the schemas. */
const COLLECTIVITY = { name: 'Ville de Montpellier', siret: '21340172201787', insee: '34172' };

/** The answer the novice types to a question of the guided fix, when it is about their collectivity. */
function answer(question) {
  if (/COLL_NOM|nomAttribuant|COMMUNE_NOM/.test(question)) return COLLECTIVITY.name;
  if (/SIRET|idAttribuant/.test(question)) return COLLECTIVITY.siret;
  if (/COLL_INSEE/.test(question)) return COLLECTIVITY.insee;
  return null;
}

/** Plays the novice on `file` toward schema `schema`; returns what happened. */
async function novice(file, schema, tag) {
  let clicks = 0;
  let keys = 0;
  let shots = 0;
  const shoot = async (what, check) => screenshots(page, `novice-${tag}-${String(++shots).padStart(2, '0')}-${what}`, check);
  const press = async (locator) => {
    clicks += 1;
    await locator.click();
  };
  const type = async (locator, text) => {
    clicks += 1;
    keys += text.length;
    await locator.fill(text);
  };
  const visible = async (testid) => (await page.getByTestId(testid).count()) > 0 && page.getByTestId(testid).first().isVisible();

  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await shoot('accueil');
  clicks += 1; // « Choisir un fichier »
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('source-summary').waitFor();
  const left = [];
  // « Groupe n sur m » of each card shown, and the cards longer than the panel (at a window size).
  const positions = [];
  const long = [];
  let result = null;
  for (let turn = 0; turn < 60 && !result; turn++) {
    await page.waitForTimeout(150);
    const step = await currentStep(page);
    if (step === 'fichier') {
      await shoot('fichier');
      await press(page.getByTestId('step-next'));
    } else if (step === 'schema') {
      const suggestion = page.getByTestId('schema-suggestion').first();
      await suggestion.waitFor();
      await shoot('schema');
      assert.equal(await suggestion.getAttribute('data-name'), schema, 'the schema the app suggests first');
      await press(suggestion);
      await page.waitForFunction(() => !document.querySelector('[data-testid=step-view-schema]'));
    } else if (step === 'colonnes') {
      // The novice does not know the schema's fields: « Suivant ». What is missing is asked later,
      // one question at a time, by the guided fix.
      await page.getByTestId('mapping').waitFor();
      await shoot('colonnes');
      await press(page.getByTestId('step-next'));
    } else if (step === 'corrections') {
      await page.getByTestId('error-panel').waitFor();
      if (!(await visible('guided'))) {
        await shoot('corrections');
        if (!(await visible('guided-start'))) {
          // No group of errors: straight to the publication.
          await press(page.getByTestId('step-next'));
          continue;
        }
        await press(page.getByTestId('guided-start'));
        await page.getByTestId('guided').waitFor();
      }
      if (await visible('guided-card')) {
        const group = await page.getByTestId('guided-group').innerText();
        positions.push(await page.getByTestId('guided-position').innerText());
        if (await visible('guided-value')) {
          const question = await page.locator('.guided-ask').innerText();
          const typed = answer(question);
          if (typed !== null && !(await visible('guided-apply'))) {
            await type(page.getByTestId('guided-value'), typed);
            await page.getByTestId('guided-apply').waitFor();
          }
        }
        // The proposed action (or « Passer ») is in sight without scrolling, however long the card.
        await shoot(`guide-${group.replace(/[^A-Za-z_]+/g, '-').slice(0, 30)}`, async (width, height) => {
          const action = page.getByTestId((await visible('guided-apply')) ? 'guided-apply' : 'guided-pass');
          assert.ok(await inView(page, action), `${group} at ${width}×${height}: the proposed action is in sight`);
          assert.ok(await inView(page, page.getByTestId('guided-pass')), `${group} at ${width}×${height}: « Passer » is in sight`);
          if (await page.getByTestId('error-panel').evaluate((p) => p.scrollHeight > p.clientHeight)) long.push(`${group} at ${width}`);
        });
        if (await visible('guided-apply')) {
          const before = await page.getByTestId('verdict').innerText();
          await press(page.getByTestId('guided-apply'));
          await page.waitForFunction((b) => document.querySelector('[data-testid=verdict]')?.textContent !== b, before);
        } else {
          await press(page.getByTestId('guided-pass'));
        }
      } else if (await visible('guided-publish')) {
        await shoot('conforme');
        await press(page.getByTestId('guided-publish'));
      } else {
        await page.getByTestId('guided-left').waitFor();
        await shoot('reste');
        left.push(await page.getByTestId('guided-left').innerText());
        result = { conformant: false, left: left.join('\n') };
      }
    } else if (step === 'publication') {
      await shoot('publication');
      const verdict = await page.getByTestId('verdict').innerText();
      assert.match(verdict, /conforme au schéma/, 'the publication comes only for a conformant file');
      const [download] = await Promise.all([page.waitForEvent('download'), press(page.getByTestId('download'))]);
      assert.doesNotMatch(download.suggestedFilename(), /NON-CONFORME/);
      const path = join(await mkdtemp(join(tmpdir(), 'tamis-novice-')), download.suggestedFilename());
      await download.saveAs(path);
      await shoot('telecharge');
      result = { conformant: true, path };
    }
  }
  assert.ok(result, 'the novice got to an end');
  console.log(`novice ${tag}: ${clicks} clicks, ${keys} keystrokes, ${result.conformant ? 'conformant file downloaded' : `not conformant; the app says what is left:\n${result.left}`}`);
  console.log(`  the walk: ${positions.join(' | ') || 'no group'}`);
  // The walk's numbers never go back as groups get fixed: n grows (or stays, on a group shown again
  // after an action that did not fix it), m grows only when an edit brings a new group.
  const numbers = positions.map((p) => p.match(/^Groupe (\d+) sur (\d+) — (le dernier|encore \d+ après celui-ci)$/));
  assert.ok(numbers.every(Boolean), positions.join(' | '));
  for (let i = 1; i < numbers.length; i++) {
    assert.ok(+numbers[i][1] >= +numbers[i - 1][1] && +numbers[i][2] >= +numbers[i - 1][2], positions.join(' | '));
  }
  return { ...result, clicks, keys, positions, long };
}

test('the Lot subventions CSV: the proposed fixes alone make it conformant (periods written a_b included)', async () => {
  const done = await novice(corpus('subventions/DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv'), 'scdl/subventions', 'lot');
  // `2018-01-01_2018-03-31` gets the suggested fix `2018-01-01/2018-03-31`, the period as ISO 8601 writes it.
  valid(done, 'scdl/subventions');
  // The periods' card (a long explanation, five before → after, the values) is longer than the panel at
  // 1366×768: its action was in sight all the same (checked in `novice`).
  assert.ok(done.long.some((l) => /^datesPeriodeVersement .* at 1366$/.test(l)), done.long.join(', '));
});

test('the Montpellier délibérations .xls: the collectivity typed when asked; the matière is left for the hand', async () => {
  const done = await novice(corpus('deliberations/VilleMTP_MTP_Delibs.xls'), 'scdl/deliberations', 'delibs');
  assert.ok(done.keys >= COLLECTIVITY.name.length + COLLECTIVITY.siret.length, 'the collectivity was asked and typed');
  // Not reachable: the file has no matière, which only the agent can give (the app asks, the novice passes).
  left(done, ['DELIB_MATIERE_CODE', 'DELIB_MATIERE_NOM']);
});

test('the prénoms invalid example: the wrong names, sex and commune casing are left for the hand', async () => {
  const done = await novice(corpus('prenoms/schema_prenoms-nouveaux-nes_exemple-invalide.csv'), 'scdl/prenoms', 'prenoms');
  // Not reachable: « Ad am », « H », « RENNES » have no fix Tamis can guess.
  left(done, ['COMMUNE_NOM', 'ENFANT_SEXE', 'ENFANT_PRENOM']);
});

test('the Digne prénoms (a real file, conformant as read): straight to the download', async () => {
  const done = await novice(corpus('prenoms/DIGNE-PRENOMS-2017.csv'), 'scdl/prenoms', 'digne');
  valid(done, 'scdl/prenoms');
});

/** The novice did not reach a conformant file, and the app says plainly what is left: `groups`. */
function left(done, groups) {
  assert.equal(done.conformant, false);
  assert.match(done.left, /à corriger à la main/);
  const lines = done.left.split('\n').filter((l) => / — /.test(l)).map((l) => l.split(' — ')[0]);
  assert.deepEqual(lines, groups);
}

/** The downloaded file is valid for the reference validator. */
function valid(done, schema) {
  assert.equal(done.conformant, true);
  const verdict = validataRef(schema, done.path);
  assert.equal(verdict.valid, true, JSON.stringify(verdict.errors?.slice(0, 3)));
}

test('the guided fix: blank rows deleted, a value asked, one group by hand, then the publication', async () => {
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Tamis' }).waitFor();
  await page.getByTestId('file-input').setInputFiles({
    name: 'prenoms-guide.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('INSEE,SEXE,PRENOM,NOMBRE,ANNEE\r\n34172,m,Paul,3,2021\r\n,,,,\r\n,F,Alice,4,2021\r\n34172,F,TOTAL,7,2021\r\n'),
  });
  await page.getByTestId('schema-select').selectOption('scdl/prenoms');
  await page.getByTestId('error-panel').waitFor();
  if ((await currentStep(page)) !== 'corrections') await page.getByTestId('step-corrections').click();
  await page.getByTestId('guided-start').click();
  const card = page.getByTestId('guided-card');
  const apply = page.getByTestId('guided-apply');

  // The blank row, deleted after its preview.
  const position = page.getByTestId('guided-position');
  assert.equal(await position.innerText(), 'Groupe 1 sur 3 — encore 2 après celui-ci', await page.getByTestId('error-panel').innerText());
  assert.match(await apply.innerText(), /Supprimer 1 ligne\(s\)/);
  await apply.click();
  // The keyboard goes on from the next group's title.
  await page.waitForFunction(() => document.activeElement?.id === 'guided-title');
  // The empty INSEE code: the app asks for the value, and shows what it will do once typed.
  await card.getByText('COLL_INSEE', { exact: false }).first().waitFor();
  assert.match(await page.getByTestId('guided-group').innerText(), /^COLL_INSEE/);
  // The walk's numbers stay put as groups go: the second of three, not the first of two.
  assert.equal(await position.innerText(), 'Groupe 2 sur 3 — encore 1 après celui-ci');
  assert.equal(await apply.count(), 0, 'nothing to apply before the value is typed');
  await page.getByTestId('guided-value').fill('34172');
  assert.match(await page.getByTestId('guided-preview').innerText(), /« » → « 34172 »/);
  await screenshot(page, 'novice-guide-fill');
  await apply.click();
  // (« m » is read as « M » by the transform the mapping suggests: no group.)
  // TOTAL is not a first name, and no fix can be guessed: by hand, or « Passer ».
  await page.waitForFunction(() => /^ENFANT_PRENOM/.test(document.querySelector('[data-testid=guided-group]')?.textContent ?? ''));
  await page.getByTestId('guided-by-hand').waitFor();
  assert.equal(await apply.count(), 0);
  assert.equal(await position.innerText(), 'Groupe 3 sur 3 — le dernier');
  await screenshot(page, 'novice-guide-by-hand');
  await page.getByTestId('guided-pass').click();
  await page.waitForFunction(() => document.activeElement?.id === 'guided-end');
  assert.match(await page.getByTestId('guided-left').innerText(), /à corriger à la main :\s+ENFANT_PRENOM/);
  // Back to it, fixed in the grid: the walk ends on a conformant file, one click from the publication.
  await page.getByTestId('guided-restart').click();
  await page.getByTestId('guided-first').click();
  await page.keyboard.press('Enter');
  await page.getByTestId('cell-input').fill('Lucas');
  await page.getByTestId('cell-input').press('Enter');
  await page.getByTestId('guided-done').waitFor();
  await screenshot(page, 'novice-guide-done');
  await page.getByTestId('guided-publish').click();
  await page.getByTestId('step-view-publication').waitFor();
  assert.match(await page.getByTestId('verdict').innerText(), /conforme au schéma/);
});
