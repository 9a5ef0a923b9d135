// The Explorer's cost panel as a student uses it through the lesson "Why ReLU is cheap": open
// the lesson's link, press "Measure cost" with the keyboard, and see a bar chart and a table
// with a row per activation shown, ReLU at exactly 1×, while the page keeps drawing frames;
// Cancel stops a run and keeps what was measured; changing the activations shown clears the
// figures (they are measurements of this device, not settings, so never in the link).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const LESSON = ['relu', 'gelu', 'tanh', 'mish'];

/** Share of the canvas's pixels that differ from its top-left (background) pixel. */
const ink = (page) => page.evaluate(() => {
  const c = document.querySelector('[data-testid=cost-canvas]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 30) n += 1;
  }
  return n / (d.length / 4);
});

/** Records the longest gap between animation frames from now on. */
const watchFrames = (page) => page.evaluate(() => {
  window.__gaps = [];
  let last = performance.now();
  const tick = (t) => { window.__gaps.push(t - last); last = t; if (window.__watch) requestAnimationFrame(tick); };
  window.__watch = true;
  requestAnimationFrame(tick);
});

test('the lesson: Enter on "Measure cost" draws bars and a row per activation, ReLU at 1×', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?lesson=why-relu-is-cheap`);
  await waitForApp(page);
  const before = await ink(page);
  const button = page.getByTestId('cost-measure');
  assert.equal(await button.innerText(), 'Measure cost');
  assert.equal(await page.getByTestId('cost-table').count(), 0, 'no figures before a run');
  await watchFrames(page);
  await button.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('cost-progress').waitFor({ timeout: 5000 });
  assert.equal(await button.innerText(), 'Cancel', 'the same button cancels');
  await page.waitForFunction(() => /Measured in/.test(document.querySelector('[data-testid=cost-status]').innerText),
    null, { timeout: 60000 });
  const gaps = await page.evaluate(() => { window.__watch = false; return window.__gaps; });
  // The work runs in slices of a frame budget: frames keep coming at about the display's rate
  // (the median gap), and none freezes. (Loose bounds: a loaded CI machine delays frames too;
  // at load 18 on 2 cores the idle page itself showed a p95 gap of 33 ms and a max of 180 ms.)
  gaps.sort((a, b) => a - b);
  const median = gaps[gaps.length >> 1];
  assert.ok(gaps.length > 20, `frames kept coming while measuring: ${gaps.length}`);
  assert.ok(median < 40, `frames at about the display's rate: median gap ${median.toFixed(1)} ms`);
  assert.ok(gaps.at(-1) < 1000, `no frozen frame: the longest gap was ${gaps.at(-1).toFixed(1)} ms`);
  assert.equal(await button.innerText(), 'Measure cost');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'cost-measure', 'focus stays on the button');

  const after = await ink(page);
  assert.ok(after > before + 0.03, `the bars drew: ink ${before.toFixed(3)} → ${after.toFixed(3)}`);
  const rows = await page.locator('[data-testid=cost-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.testid));
  assert.deepEqual(rows, LESSON.map((a) => `cost-row-${a}`));
  for (let k = 0; k < 5; k++) {
    assert.equal(await page.getByTestId(`cost-cell-relu-${k}`).getAttribute('data-ratio'), '1.0000');
    assert.match(await page.getByTestId(`cost-cell-relu-${k}`).innerText(), /^1\.00×/);
    for (const a of LESSON) {
      const r = Number(await page.getByTestId(`cost-cell-${a}-${k}`).getAttribute('data-ratio'));
      assert.ok(Number.isFinite(r) && r > 0, `${a} item ${k}: ${r}`);
    }
  }
  assert.equal(new URL(page.url()).searchParams.get('cost'), null, 'figures are not in the link');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('Cancel keeps the figures so far; another activation clears them; ReLU is added as the reference', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=explore&act=tanh,gelu`);
  await waitForApp(page);
  await page.getByTestId('cost-measure').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=cost-progress]')?.value) > 12,
    null, { polling: 'raf', timeout: 30000 });
  await page.getByTestId('cost-measure').click();
  await page.waitForFunction(() => /Cancelled after/.test(document.querySelector('[data-testid=cost-status]').innerText));
  assert.equal(await page.getByTestId('cost-progress').count(), 0);
  const rows = await page.locator('[data-testid=cost-table] tbody tr th').allInnerTexts();
  assert.deepEqual(rows, ['relu (reference)', 'tanh', 'gelu']);
  // Cancelled work stays cancelled: nothing changes over the next frames.
  const status = await page.getByTestId('cost-status').innerText();
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('cost-status').innerText(), status);

  await page.getByTestId('cost-measure').click();
  await page.waitForFunction(() => /Measured in/.test(document.querySelector('[data-testid=cost-status]').innerText),
    null, { timeout: 60000 });
  assert.equal(await page.getByTestId('cost-cell-relu-4').getAttribute('data-ratio'), '1.0000');
  // Showing another activation drops the figures of the old set.
  await page.getByTestId('add-curve').selectOption('mish');
  await page.waitForFunction(() => !document.querySelector('[data-testid=cost-table]'));
  assert.match(await page.getByTestId('cost-status').innerText(), /Not measured yet/);
  assert.deepEqual(problems(), []);
  await context.close();
});
