// The "Born dead" experiment as a student and a teacher use it: run the Monte-Carlo estimate and
// watch the progress and the figures fill in (the paper's shape: narrower nets die sooner, RAI
// lowers it), cancel a long run, share a link that reopens the same view, and a bad link that
// is clamped with notices instead of breaking the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const link = (extra = '') => `${server.url}?tab=experiments&exp=born-dead${extra}`;
const progress = async (page) => Number(await page.getByTestId('bd-progress').getAttribute('aria-valuenow'));
const p = async (page, scheme, width, depth) => {
  const text = await page.getByTestId(`bd-cell-${scheme}-${width}-${depth}`).getAttribute('data-p');
  assert.ok(text !== null, `cell ${scheme}-${width}-${depth} has no estimate`);
  return Number(text);
};
const statusText = (page) => page.getByTestId('bd-status').innerText();

test('start: progress moves, then the table fills in with the paper\'s shape', async () => {
  const { page, context, problems } = await openPage(browser, link('&bdTrials=200'));
  await waitForApp(page);
  assert.equal(await progress(page), 0);
  assert.match(await statusText(page), /Press Start to draw 1\u2009200 random networks/);
  assert.equal(await page.getByTestId('bd-cell-he-2-50').innerText(), '—');
  assert.equal(await page.getByTestId('bd-cancel').isDisabled(), true);

  assert.equal(await page.getByTestId('bd-start').innerText(), 'Start');
  await page.getByTestId('bd-start').click();
  // Progress is seen part way (checked on every animation frame), with the run's controls locked.
  await page.waitForFunction(() => {
    const v = Number(document.querySelector('[data-testid=bd-progress]').getAttribute('aria-valuenow'));
    return v > 0 && v < 100;
  }, null, { polling: 'raf', timeout: 30000 });
  assert.equal(await page.getByTestId('bd-start').isDisabled(), true);
  assert.equal(await page.getByTestId('bd-width-3').isDisabled(), true);
  assert.equal(await page.getByTestId('bd-cancel').isDisabled(), false);

  await page.waitForFunction(() => document.querySelector('[data-testid=bd-status]').textContent.startsWith('Done'), null, { timeout: 60000 });
  assert.equal(await progress(page), 100);
  assert.match(await page.getByTestId('bd-count').innerText(), /^1\u2009200 of 1\u2009200 networks$/);
  assert.equal(await page.getByTestId('bd-n-he-2').innerText(), '200');
  assert.equal(await page.getByTestId('bd-n-rai-8').innerText(), '200');
  // Every cell of the table holds an estimate and its interval.
  const cells = page.locator('[data-testid^=bd-cell-]');
  assert.equal(await cells.count(), 2 * 3 * 4);
  for (const text of await cells.allInnerTexts()) assert.match(text, /^\d\.\d{3}\s+\(\d\.\d{3}–\d\.\d{3}\)$/);

  // The paper's claim: deeper dies more, narrower dies sooner, RAI lowers it.
  for (const scheme of ['he', 'rai']) {
    for (const w of [2, 4, 8]) {
      const row = [await p(page, scheme, w, 5), await p(page, scheme, w, 10), await p(page, scheme, w, 20), await p(page, scheme, w, 50)];
      for (let i = 1; i < row.length; i++) assert.ok(row[i] >= row[i - 1], `${scheme} width ${w}: ${row}`);
    }
  }
  assert.ok(await p(page, 'he', 2, 50) > 0.95);
  assert.ok(await p(page, 'he', 2, 50) > await p(page, 'he', 8, 50), 'width 2 dies more than width 8');
  assert.ok(await p(page, 'he', 4, 20) > await p(page, 'he', 8, 20) + 0.3);
  assert.ok(await p(page, 'rai', 2, 10) < await p(page, 'he', 2, 10) - 0.3, 'RAI lowers the probability');
  assert.ok(await p(page, 'rai', 4, 50) < await p(page, 'he', 4, 50) - 0.3);
  assert.equal(await page.getByTestId('bd-start').innerText(), 'Run again');

  // Changing a setting drops the results of the old one.
  await page.getByTestId('bd-width-3').click();
  assert.equal(await page.getByTestId('bd-cell-he-3-50').innerText(), '—');
  assert.equal(await progress(page), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a long run keeps the page responsive, and Cancel stops it', async () => {
  const { page, context, problems } = await openPage(browser, link('&bdTrials=2000&bdWidths=7,8,9,10'));
  await waitForApp(page);
  await page.getByTestId('bd-start').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=bd-progress]').getAttribute('aria-valuenow')) >= 1, null, { timeout: 30000 });
  // Animation frames keep coming while it computes: the page does not freeze.
  const gaps = await page.evaluate(() => new Promise((resolve) => {
    const times = [];
    const tick = (t) => { times.push(t); if (t - times[0] < 1000) requestAnimationFrame(tick); else resolve(times.slice(1).map((x, i) => x - times[i])); };
    requestAnimationFrame(tick);
  }));
  gaps.sort((a, b) => a - b);
  assert.ok(gaps.length >= 15, `${gaps.length} frames in a second`);
  assert.ok(gaps[gaps.length >> 1] < 50, `median frame gap ${gaps[gaps.length >> 1]} ms`);

  await page.getByTestId('bd-cancel').click();
  const stopped = await progress(page);
  const count = await page.getByTestId('bd-count').innerText();
  assert.ok(stopped >= 1 && stopped < 100, `stopped at ${stopped}%`);
  await page.waitForTimeout(700);
  assert.equal(await progress(page), stopped);
  assert.equal(await page.getByTestId('bd-count').innerText(), count);
  assert.match(await statusText(page), /^Cancelled after/);
  assert.equal(await page.getByTestId('bd-cancel').isDisabled(), true);
  assert.equal(await page.getByTestId('bd-start').isDisabled(), false);
  assert.equal(await page.getByTestId('bd-width-7').isDisabled(), false);
  // What was estimated before the cancel stays on the page.
  assert.ok(Number(await page.getByTestId('bd-n-he-7').innerText()) > 0);
  assert.ok(await p(page, 'he', 7, 50) >= 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the settings live in the URL: change them, reload, same view; other keys are kept', async () => {
  const { page, context, problems } = await openPage(browser, link('&act=elu'));
  await waitForApp(page);
  await page.getByTestId('bd-width-3').click();
  await page.getByTestId('bd-width-8').click();
  const slider = page.getByTestId('bd-depth');
  await slider.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  await page.getByTestId('bd-trials').selectOption('500');
  await page.getByTestId('bd-scheme-he').click();
  await page.getByTestId('bd-seed').fill('77');
  await page.getByTestId('bd-seed').press('Tab');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('bdSeed') === '77');
  const params = new URL(page.url()).searchParams;
  assert.equal(params.get('bdWidths'), '2,3,4');
  assert.equal(params.get('bdDepth'), '30');
  assert.equal(params.get('bdTrials'), '500');
  assert.equal(params.get('bdScheme'), 'he');
  assert.equal(params.get('act'), 'elu');
  assert.equal(params.get('exp'), 'born-dead');
  await context.close();

  const again = await openPage(browser, page.url());
  await waitForApp(again.page);
  const pressed = async (w) => again.page.getByTestId(`bd-width-${w}`).getAttribute('aria-pressed');
  assert.deepEqual([await pressed(2), await pressed(3), await pressed(4), await pressed(8)], ['true', 'true', 'true', 'false']);
  assert.equal(await again.page.getByTestId('bd-depth').inputValue(), '30');
  assert.equal(await again.page.getByTestId('bd-trials').inputValue(), '500');
  assert.equal(await again.page.getByTestId('bd-seed').inputValue(), '77');
  assert.equal(await again.page.getByTestId('bd-scheme-he').getAttribute('aria-checked'), 'true');
  // The table follows: He only, depths 5, 10, 20 and the maximum 30.
  const heads = await again.page.locator('.bd-table thead th').allInnerTexts();
  assert.deepEqual(heads.slice(1, -1), ['depth 5', 'depth 10', 'depth 20', 'depth 30']);
  assert.equal(await again.page.getByTestId('bd-cell-he-3-30').count(), 1);
  assert.equal(await again.page.locator('[data-testid^=bd-cell-rai-]').count(), 0);
  assert.match(await statusText(again.page), /Press Start to draw 1\u2009500 random networks/);
  assert.equal(await again.page.getByTestId('notices').count(), 0);
  assert.deepEqual([...problems(), ...again.problems()], []);
  await again.context.close();
});

test('a bad link is clamped with notices, never a broken page', async () => {
  const { page, context, problems } = await openPage(browser, link('&bdWidths=1,11&bdTrials=5000&bdDepth=99&bdScheme=sym'));
  await waitForApp(page);
  const notices = await page.getByTestId('notices').innerText();
  assert.match(notices, /Width 1 is not offered: using 2/);
  assert.match(notices, /Width 11 is not offered: using 10/);
  assert.match(notices, /bdTrials=5000 is out of range: using 2000/);
  assert.match(notices, /bdDepth=99 is out of range: using 50/);
  assert.match(notices, /bdScheme=sym is unknown/);
  assert.equal(await page.getByTestId('bd-width-2').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('bd-width-10').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('bd-trials').inputValue(), '2000');
  assert.equal(await page.getByTestId('bd-depth').inputValue(), '50');
  // The link is rewritten with the values used.
  await page.waitForFunction(() => new URL(location.href).searchParams.get('bdWidths') === '2,10');
  assert.equal(new URL(page.url()).searchParams.get('bdTrials'), '2000');
  assert.deepEqual(problems(), []);
  await context.close();
});
