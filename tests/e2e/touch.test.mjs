// The Playground on a phone and in front of a class: a class toggle so a tap can add either
// class (shift-click still works), touch targets of at least 44 px, a tap on a neuron shows it
// (and a tap elsewhere gives the output back), every input feature labelled in the diagram with
// the unused ones faded and clickable, and a colour legend under the diagram.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true, colorScheme: 'light' };
const ORANGE = [230, 159, 0];
const BLUE = [0, 114, 178];

async function openPhone(query) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${server.url}${query}`);
  await waitForApp(page);
  return { page, context, problems: () => problems.slice() };
}

const trainCount = async (page) => Number(await page.getByTestId('train-count').innerText());
const waitCount = (page, n) => page.waitForFunction(
  (n) => Number(document.querySelector('[data-testid=train-count]').textContent) === n, n);

/** The output canvas's pixel under a CSS position inside it. */
const pixelAt = (page, { x, y }) => page.getByTestId('output-canvas').evaluate((c, [x, y]) => {
  const r = c.getBoundingClientRect();
  const px = Math.round(x * c.width / r.width);
  const py = Math.round(y * c.height / r.height);
  return [...c.getContext('2d').getImageData(px, py, 1, 1).data.slice(0, 3)];
}, [x, y]);

/** The heat layer's pixel (the heatmap under the output's plot) under a CSS position inside the
 *  output canvas. */
const heatAt = (page, { x, y }) => page.evaluate(([x, y]) => {
  const top = document.querySelector('[data-testid=output-canvas]').getBoundingClientRect();
  const c = document.querySelector('[data-testid=output-heat]');
  const r = c.getBoundingClientRect();
  const px = Math.floor((top.left + x - r.left) * c.width / r.width);
  const py = Math.floor((top.top + y - r.top) * c.height / r.height);
  return [...c.getContext('2d').getImageData(px, py, 1, 1).data.slice(0, 3)];
}, [x, y]);

/** Waits until the output canvas shows `rgb` at `spot` (the point is drawn on the next frame). */
const waitPixel = (page, spot, rgb) => page.waitForFunction(([x, y, rgb]) => {
  const c = document.querySelector('[data-testid=output-canvas]');
  const r = c.getBoundingClientRect();
  // A 5×5 neighbourhood: a drawn point sits on the link's 0.01 grid, a fraction of a pixel
  // from where the click landed.
  const d = c.getContext('2d').getImageData(Math.round(x * c.width / r.width) - 2, Math.round(y * c.height / r.height) - 2, 5, 5).data;
  for (let i = 0; i < d.length; i += 4) if (d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]) return true;
  return false;
}, [spot.x, spot.y, rgb]);

/** Taps the output canvas at a CSS position inside it. */
async function tapCanvas(page, spot) {
  const box = await page.getByTestId('output-canvas').boundingBox();
  await page.touchscreen.tap(box.x + spot.x, box.y + spot.y);
}

test('on a phone, "Add: class −1" then a tap adds an orange point; "class +1" a blue one', async () => {
  const { page, context, problems } = await openPhone('?tab=play&percTrainData=50');
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch screen');
  assert.equal(await page.getByTestId('add-class-pos').getAttribute('aria-pressed'), 'true', '+1 by default');
  const n0 = await trainCount(page);
  const box = await page.getByTestId('output-canvas').boundingBox();
  // Empty corners of the plane, inside the plot.
  const orange = { x: box.width * 0.9, y: box.height * 0.1 };
  const blue = { x: box.width * 0.8, y: box.height * 0.1 };
  assert.notDeepEqual(await pixelAt(page, orange), ORANGE, 'no orange point there yet');
  await page.getByTestId('add-class-neg').tap();
  assert.equal(await page.getByTestId('add-class-neg').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('add-class-pos').getAttribute('aria-pressed'), 'false');
  await tapCanvas(page, orange);
  await waitCount(page, n0 + 1);
  await waitPixel(page, orange, ORANGE);
  await page.getByTestId('add-class-pos').tap();
  await tapCanvas(page, blue);
  await waitCount(page, n0 + 2);
  await waitPixel(page, blue, BLUE);
  assert.deepEqual(await pixelAt(page, orange), ORANGE, 'the orange point stays');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the class toggle works from the keyboard, and shift-click adds the other class', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&percTrainData=50`);
  await waitForApp(page);
  const n0 = await trainCount(page);
  const canvas = page.getByTestId('output-canvas');
  const box = await canvas.boundingBox();
  const a = { x: box.width * 0.9, y: box.height * 0.1 };
  const b = { x: box.width * 0.8, y: box.height * 0.1 };
  await page.getByTestId('add-class-neg').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('add-class-neg').getAttribute('aria-pressed'), 'true');
  await canvas.click({ position: a });
  await waitCount(page, n0 + 1);
  await waitPixel(page, a, ORANGE);
  // With class −1 picked, shift-click adds class +1.
  await canvas.click({ position: b, modifiers: ['Shift'] });
  await waitCount(page, n0 + 2);
  await waitPixel(page, b, BLUE);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('on a 360 px touch screen every control is at least 44 px and the page does not scroll sideways', async () => {
  const { page, context, problems } = await openPhone('?tab=play');
  const ids = ['neuron-minus-1', 'neuron-plus-1', 'layer-minus', 'layer-plus', 'layer-act-1',
    'add-class-pos', 'add-class-neg', 'feature-x', 'feature-sinY', 'input-off-2', 'input-off-6'];
  const small = [];
  for (const id of ids) {
    const b = await page.getByTestId(id).boundingBox();
    if (!b || b.width < 44 || b.height < 44) small.push(`${id}: ${b && `${b.width}×${b.height}`}`);
  }
  for (const id of ['show-test', 'discretize']) {
    // The label around the checkbox is the target.
    const b = await page.getByTestId(id).locator('xpath=..').boundingBox();
    if (b.width < 44 || b.height < 44) small.push(`${id} label: ${b.width}×${b.height}`);
  }
  const nodes = await page.locator('.net-node').evaluateAll((ns) => ns.map((n) => {
    const r = n.getBoundingClientRect();
    return [n.dataset.testid, r.width, r.height];
  }));
  for (const [id, w, h] of nodes) if (w < 44 || h < 44) small.push(`${id}: ${w}×${h}`);
  assert.deepEqual(small, [], 'targets under 44 px');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360),
    `page width ${await page.evaluate(() => document.documentElement.scrollWidth)}`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a tap on a neuron shows its heatmap and story; a tap elsewhere gives the output back', async () => {
  const { page, context, problems } = await openPhone('?tab=play&seed=3');
  const caption = page.getByTestId('output-caption');
  assert.match(await caption.innerText(), /^Output: the network's prediction/);
  const spot = { x: 100, y: 100 };
  const before = await heatAt(page, spot);
  await page.getByTestId('node-1-0').tap();
  await page.waitForFunction(() => /^Layer 1 neuron 1\./.test(document.querySelector('[data-testid=output-caption]').textContent));
  assert.doesNotMatch(await caption.innerText(), /hover/i, 'nothing asks for a hover');
  // The neuron's heatmap replaces the output's on the next frame.
  for (const deadline = Date.now() + 5000; ;) {
    const now = await heatAt(page, spot);
    if (now.some((v, k) => v !== before[k])) break;
    assert.ok(Date.now() < deadline, `the heatmap under ${spot.x},${spot.y} still shows ${before}`);
    await page.waitForTimeout(50);
  }
  const n0 = await trainCount(page);
  await page.locator('.output h3').tap();
  await page.waitForFunction(() => /^Output: the network's prediction/.test(document.querySelector('[data-testid=output-caption]').textContent));
  assert.equal(await trainCount(page), n0, 'tapping away adds no point');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the diagram labels every input; an unused one is faded and a click uses it; a legend gives −1 … 1', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&seed=3`);
  await waitForApp(page);
  assert.deepEqual(await page.locator('.network .input-label').allInnerTexts(),
    ['X₁', 'X₂', 'X₁²', 'X₂²', 'X₁X₂', 'sin(X₁)', 'sin(X₂)']);
  // X₁ and X₂ are used by default: the other five are faded buttons.
  assert.equal(await page.locator('.net-input-off').count(), 5);
  const faded = await page.getByTestId('input-off-4').locator('canvas').evaluate((c) => Number(getComputedStyle(c).opacity));
  assert.ok(faded < 0.5, `opacity ${faded}`);
  const links = () => page.locator('.net-links line.link-hit').count(); // one hit line per link
  const firstLayer = await page.locator('[data-testid^="node-1-"]').count();
  const l0 = await links();
  await page.getByTestId('input-off-4').click();
  await page.waitForSelector('[data-testid=node-0-4].net-node');
  assert.equal(await page.getByTestId('feature-xTimesY').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.net-input-off').count(), 4);
  assert.equal(await links(), l0 + firstLayer, 'X₁X₂ joins every neuron of the first layer');
  // A used input: a click stops using it.
  await page.getByTestId('node-0-4').click();
  await page.waitForSelector('[data-testid=input-off-4]');
  assert.equal(await page.getByTestId('feature-xTimesY').getAttribute('aria-pressed'), 'false');
  assert.equal(await links(), l0);
  // The legend: −1 at the left in orange, 1 at the right in blue, as the heatmaps.
  const legend = page.getByTestId('net-legend');
  assert.match(await legend.innerText(), /−1[\s\S]*1/);
  const [left, right] = await page.getByTestId('legend-map').evaluate((c) => {
    const g = c.getContext('2d');
    return [[...g.getImageData(0, 50, 1, 1).data], [...g.getImageData(c.width - 1, 50, 1, 1).data]];
  });
  assert.ok(left[0] > left[2] + 60, `left end orange: ${left}`);
  assert.ok(right[2] > right[0] + 60, `right end blue: ${right}`);
  assert.deepEqual(problems(), []);
  await context.close();
});
