// A link's weight set by hand (as in TensorFlow Playground): click, tap, or Enter on a focused
// link opens a box with the weight; Enter sets what is typed, Escape keeps the weight; a
// non-number is refused in the box, a weight past ±100 is clamped with a notice. The diagram
// (link width, title, aria-label), the output, the model file, the history CSV and the Embed
// dialog's caveat all follow, paused or training.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const URL_ = () => `${server.url}?tab=play&seed=3`;
const link = (page, key) => page.getByTestId(`link-${key}`);
const weightOf = async (page, key) => Number(await link(page, key).getAttribute('data-weight'));
const epoch = async (page) => Number(await page.getByTestId('epoch').innerText());
const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-link') ?? document.activeElement?.getAttribute('data-testid'));
/** A digest of the output plot's heatmap (its heat layer's pixels). */
const outputPixels = (page) => page.getByTestId('output-heat').evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) >>> 0;
  return h;
});
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFile(await file.path(), 'utf8');
}

test('click a link, type a weight, Enter: the diagram, the output, the model file, the CSV and the caveat carry it', async () => {
  const { page, context, problems } = await openPage(browser, URL_());
  await waitForApp(page);
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  // The last link (L2.2 → output) is drawn on top of the others.
  const key = '2-0-1';
  const old = await weightOf(page, key);
  const pixels = await outputPixels(page);
  assert.match(await link(page, key).locator('title').textContent(), /^Weight L2\.2 → output: -?\d+\.\d{3} \(click to edit\)$/);
  await link(page, key).click();
  const input = page.getByTestId('weight-input');
  await input.waitFor();
  assert.equal(Number(await input.inputValue()), old, 'the box opens with the weight');
  assert.equal(await focused(page), 'weight-input', 'the box takes the focus');
  await input.fill('1.5');
  await input.press('Enter');
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  assert.equal(await weightOf(page, key), 1.5);
  assert.match(await link(page, key).locator('title').textContent(), /L2\.2 → output: 1\.500/);
  assert.match(await link(page, key).getAttribute('aria-label'), /L2\.2 → output: 1\.500/);
  assert.equal(await epoch(page), 3, 'the epoch is kept');
  assert.equal(await focused(page), key, 'the focus is back on the link');
  await page.waitForFunction((p) => {
    const c = document.querySelector('[data-testid=output-heat]');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let h = 0;
    for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) >>> 0;
    return h !== p;
  }, pixels, { timeout: 5000 });

  const model = JSON.parse(await download(page, 'save-model'));
  assert.equal(model.layers[2].weights[0][1], 1.5, 'the model file holds the new weight');
  assert.equal(model.epoch, 3);
  const csv = await download(page, 'export-history');
  const row = csv.trim().split('\n').find((l) => l.startsWith('3,'));
  assert.ok(row.endsWith(`w L2.2 → output ${old.toFixed(3)} → 1.5`), row);
  await page.getByTestId('embed-code').click();
  const caveats = (await page.getByTestId('embed-caveat').allInnerTexts()).join('\n');
  assert.match(caveats, /weights were edited by hand \(w L2\.2 → output -?\d+\.\d{3} → 1\.5 at epoch 3\)/);
  await page.getByTestId('embed-dialog').getByRole('button', { name: 'Close' }).click();

  // Escape keeps the weight.
  await link(page, key).click();
  await input.fill('7');
  await input.press('Escape');
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  assert.equal(await weightOf(page, key), 1.5, 'Escape keeps the weight');

  // A non-number is refused in the box (it stays open); past ±100 the weight is clamped, said in the banner.
  await link(page, key).click();
  await input.fill('abc');
  await input.press('Enter');
  assert.match(await page.getByTestId('weight-error').innerText(), /"abc" is not a number: the weight is kept/);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await weightOf(page, key), 1.5, 'a bad value keeps the weight');
  await input.fill('5000');
  await page.getByTestId('weight-set').click();
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  assert.equal(await weightOf(page, key), 100);
  assert.match(await page.getByTestId('notices').innerText(), /at most ±100: 5000 was set to 100/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('keyboard only: Tab reaches the links, arrows move between them, Enter edits, Escape cancels, Tab leaves', async () => {
  const { page, context, problems } = await openPage(browser, URL_());
  await waitForApp(page);
  // From the diagram's last header control, Tab lands on the links' one tab stop.
  await page.evaluate(() => [...document.querySelectorAll('.net-heads button, .net-heads select')].pop().focus());
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), '0-0-0');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), '0-1-0', 'links in order: X₁ → L1.1, X₂ → L1.1, X₁ → L1.2');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), '0-0-1');
  await page.keyboard.press('Enter');
  await page.getByTestId('weight-editor').waitFor();
  assert.match(await page.getByTestId('weight-editor').innerText(), /Weight X₂ → L1\.1/);
  assert.equal(await focused(page), 'weight-input');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-2');
  await page.keyboard.press('Enter');
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  assert.equal(await weightOf(page, '0-0-1'), -2);
  assert.equal(await focused(page), '0-0-1', 'the focus comes back to the link');
  assert.equal(await link(page, '0-0-1').getAttribute('tabindex'), '-1', 'one tab stop for all the links');
  // Space opens it too; Escape cancels and gives the focus back.
  await page.keyboard.press(' ');
  await page.getByTestId('weight-editor').waitFor();
  await page.keyboard.type('9');
  await page.keyboard.press('Escape');
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  assert.equal(await weightOf(page, '0-0-1'), -2, 'Escape keeps the weight');
  assert.equal(await focused(page), '0-0-1');
  assert.equal(await epoch(page), 0, 'Space on a link edits it; it does not start training');
  await page.keyboard.press('Tab');
  assert.doesNotMatch(String(await focused(page)), /^\d+-\d+-\d+$/, 'Tab leaves the links (one tab stop for them all)');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('touch: a tap on a link opens the editor; the hit line is 44 px wide; Set applies while training', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(URL_());
  await waitForApp(page);
  const key = '2-0-1';
  assert.equal(await link(page, key).evaluate((l) => getComputedStyle(l).strokeWidth), '44px');
  await page.getByTestId('play').tap();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 20, null, { timeout: 30000 });
  const at = await epoch(page);
  await link(page, key).tap();
  const input = page.getByTestId('weight-input');
  await input.waitFor();
  for (const id of ['weight-set', 'weight-cancel']) {
    const box = await page.getByTestId(id).boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${id}: ${box.width}×${box.height}`);
  }
  await input.fill('3');
  await page.getByTestId('weight-set').tap();
  await page.getByTestId('weight-editor').waitFor({ state: 'detached' });
  await page.getByTestId('play').tap();
  assert.ok(await epoch(page) > at, 'the epoch is kept and training went on');
  const csv = await download(page, 'export-history');
  const edited = csv.trim().split('\n').find((l) => /w L2\.2 → output -?\d+\.\d{3} → 3$/.test(l));
  assert.ok(edited, `the edit, as typed while training, is in the history: ${csv.split('\n').filter((l) => l.includes('→'))}`);
  assert.ok(Number(edited.split(',')[0]) >= at, `edited at epoch ${edited.split(',')[0]} (≥ ${at})`);
  assert.deepEqual(errors, []);
  await context.close();
});
