// Experiments › Side by side: four activations trained in lockstep, as a student and a teacher
// use it: press play and see every run's results appear, the dying-ReLU preset kills ReLUs and
// not leaky ReLUs, and a link reproduces the comparison (slots included).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PAGE = '?tab=experiments&exp=compare';
const text = async (page, id) => (await page.getByTestId(id).innerText()).trim();
const num = async (page, id) => Number(await text(page, id));
/** The first number of a cell such as "3 / 16". */
const lead = async (page, id) => Number((await text(page, id)).split('/')[0]);
const epochAtLeast = (page, n) => page.waitForFunction(
  (n) => Number(document.querySelector('[data-testid=epoch]').textContent) >= n, n, { timeout: 60000 });

/** Distinct colours of a canvas (sampled) and its share of painted (non-transparent) pixels. */
const pixels = (page, selector) => page.evaluate((selector) => {
  const c = document.querySelector(selector);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const colours = new Set();
  let painted = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0) painted++;
    if (i % 28 === 0) colours.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
  }
  return { colours: colours.size, painted: painted / (d.length / 4), width: c.width };
}, selector);

test('press play: the epoch advances, the table fills and four boundaries are drawn', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}${PAGE}`);
  await waitForApp(page);
  assert.equal(await page.getByTestId('exp-compare').getAttribute('aria-selected'), 'true');
  assert.equal(await num(page, 'epoch'), 0);
  assert.equal(await page.locator('[data-testid^=row-]').count(), 4);
  for (let i = 0; i < 4; i++) assert.equal(await text(page, `target-epochs-${i}`), '—', 'not reached at epoch 0');
  const before = [];
  for (let i = 0; i < 4; i++) before.push(await num(page, `test-loss-${i}`));

  await page.getByTestId('play').click();
  await epochAtLeast(page, 40);
  await page.getByTestId('play').click();
  const paused = await num(page, 'epoch');
  await page.waitForTimeout(300);
  assert.equal(await num(page, 'epoch'), paused, 'pause stops training');

  const names = ['relu', 'leaky_relu', 'elu', 'gelu'];
  for (let i = 0; i < 4; i++) {
    assert.match(await page.getByTestId(`row-${i}`).innerText(), new RegExp(names[i]));
    const loss = await num(page, `test-loss-${i}`);
    assert.ok(Number.isFinite(loss) && loss < before[i], `${names[i]}: test loss ${before[i]} -> ${loss}`);
    assert.match(await text(page, `accuracy-${i}`), /^\d+\.\d%$/);
    assert.match(await text(page, `dead-${i}`), /^\d+ \/ 16$/);
    assert.match(await text(page, `sparsity-${i}`), /^\d+%$/);
    const heat = await pixels(page, `[data-testid=boundary-${i}-heat]`);
    assert.ok(heat.width >= 25 && heat.colours > 20 && heat.painted === 1, `boundary ${i} is a coloured map: ${JSON.stringify(heat)}`);
    const dots = await pixels(page, `[data-testid=boundary-${i}]`);
    assert.ok(dots.painted > 0.02 && dots.painted < 0.9, `boundary ${i} has its points: ${JSON.stringify(dots)}`);
  }
  // Circle is easy: after 40 epochs at least one run has reached test loss 0.1, and its
  // epochs-to-target is a number no larger than the epoch.
  const reached = [];
  for (let i = 0; i < 4; i++) {
    const t = await text(page, `target-epochs-${i}`);
    if (t !== '—') reached.push(Number(t));
  }
  assert.ok(reached.length > 0 && reached.every((e) => e > 0 && e <= paused), `epochs to target: ${reached}`);
  assert.equal(await page.locator('canvas[data-testid=cmp-chart-loss]').count(), 1);
  assert.equal(await page.locator('canvas[data-testid=cmp-chart-dead]').count(), 1);

  await page.getByTestId('reset').click();
  assert.equal(await num(page, 'epoch'), 0);
  for (let i = 0; i < 4; i++) assert.equal(await num(page, `test-loss-${i}`), before[i], 'reset replays from the same weights');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('eight layers of 16 at minibatch 1: epochs span frames, coarse boundaries while training, sharp when paused', async () => {
  // An epoch of these four runs is 1000 minibatch steps: far more than a frame. The page keeps
  // answering (the epoch moves, Pause stops it), and the boundaries, probed at half side while
  // training, come back at full side (50 cells, as at load) on a pause.
  const shape = '16,16,16,16,16,16,16,16';
  const { page, context, problems } = await openPage(browser, `${server.url}${PAGE}&cmpShape=${shape}&cmpBatch=1`);
  await waitForApp(page);
  const widths = () => page.evaluate(() => [...document.querySelectorAll('canvas.boundary-heat')].map((c) => c.width));
  assert.deepEqual(await widths(), [50, 50, 50, 50], 'at load: full side');
  await page.getByTestId('play').click();
  await epochAtLeast(page, 2);
  assert.deepEqual(await widths(), [25, 25, 25, 25], 'while training: half side');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => [...document.querySelectorAll('canvas.boundary-heat')].every((c) => c.width === 50));
  const paused = await num(page, 'epoch');
  await page.waitForTimeout(300);
  assert.equal(await num(page, 'epoch'), paused, 'pause stops training');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the dying-ReLUs preset: relu loses neurons that leaky_relu keeps, and pays for them in loss', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}${PAGE}`);
  await waitForApp(page);
  await page.getByTestId('preset-dying').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('cmpOpt') === 'adam');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('cmp'), 'relu,leaky_relu,elu,gelu');
  assert.equal(url.searchParams.get('cmpBias'), '-0.5');
  assert.equal(url.searchParams.get('cmpShape'), '4,4');
  assert.equal(url.searchParams.get('cmpDataset'), 'moons');
  assert.equal(url.searchParams.get('cmpTarget'), '0.01');
  assert.equal(await page.getByTestId('cmp-opt').inputValue(), 'adam');
  await page.getByTestId('play').click();
  await epochAtLeast(page, 40);
  const relu = await lead(page, 'dead-0');
  assert.ok(relu >= 2, `relu dead ${relu}`);
  assert.equal(await num(page, 'boundary-dead-0'), relu, 'the boundary shows the same count');
  assert.equal(await lead(page, 'dead-1'), 0, 'leaky_relu keeps every neuron');
  assert.equal(await num(page, 'boundary-dead-1'), 0);
  assert.equal(await lead(page, 'dead-2'), 0, 'elu keeps every neuron');
  assert.equal(await lead(page, 'dead-3'), 0, 'gelu keeps every neuron');
  // What the intro says it costs (seed 1, as the preset keeps the default seed): ReLU stuck,
  // leaky ReLU fitting the moons.
  await epochAtLeast(page, 400);
  await page.getByTestId('play').click();
  const reluLoss = await num(page, 'test-loss-0');
  const leakyLoss = await num(page, 'test-loss-1');
  assert.ok(reluLoss > 0.15 && leakyLoss < 0.01, `relu ${reluLoss}, leaky ${leakyLoss}`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a link reproduces the slots: change, copy and swap, then reload', async () => {
  const { page, context } = await openPage(browser, `${server.url}${PAGE}&cmpSeed=4`);
  await waitForApp(page);
  await page.getByTestId('slot-1').selectOption('tanh');
  await page.getByTestId('slot-2').selectOption('swish');
  await page.getByTestId('slot-param-2').fill('2.5');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('cmp') === 'relu,tanh,swish(2.5),gelu');
  // Copy C → A (function and parameter), then swap B ↔ D.
  await page.getByTestId('copy-from').selectOption('2');
  await page.getByTestId('copy-to').selectOption('0');
  await page.getByTestId('copy').click();
  await page.getByTestId('copy-from').selectOption('1');
  await page.getByTestId('copy-to').selectOption('3');
  assert.equal(await text(page, 'swap'), 'Swap B ↔ D');
  await page.getByTestId('swap').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('cmp') === 'swish(2.5),gelu,swish(2.5),tanh');
  await page.getByTestId('step').click();
  const losses = [];
  for (let i = 0; i < 4; i++) losses.push(await text(page, `test-loss-${i}`));
  // A twin pair in lockstep: the same function, the same numbers.
  assert.equal(losses[0], losses[2]);
  const url = page.url();
  assert.match(url, /cmpSeed=4/);
  assert.match(url, /tab=experiments/);
  await context.close();

  const again = await openPage(browser, url);
  await waitForApp(again.page);
  const slots = [];
  for (let i = 0; i < 4; i++) slots.push(await again.page.getByTestId(`slot-${i}`).inputValue());
  assert.deepEqual(slots, ['swish', 'gelu', 'swish', 'tanh']);
  assert.equal(await again.page.getByTestId('slot-param-0').inputValue(), '2.5');
  assert.match(await again.page.getByTestId('row-3').innerText(), /tanh/);
  await again.page.getByTestId('step').click();
  const replayed = [];
  for (let i = 0; i < 4; i++) replayed.push(await text(again.page, `test-loss-${i}`));
  assert.deepEqual(replayed, losses, 'the same epoch-1 losses after the reload');
  assert.equal(await again.page.getByTestId('notices').count(), 0);
  await again.context.close();
});

test('bad link values become notices, never a broken page', async () => {
  const { page, context, problems } = await openPage(
    browser, `${server.url}${PAGE}&cmp=relu,wiggle,elu&cmpLr=99&cmpShape=8,x`);
  await waitForApp(page);
  const notices = await page.getByTestId('notices').innerText();
  assert.match(notices, /wiggle/);
  assert.match(notices, /cmpLr=99/);
  assert.match(notices, /cmpShape=8,x/);
  assert.equal(await page.locator('[data-testid^=row-]').count(), 2);
  assert.equal(await page.getByTestId('cmp-lr').inputValue(), '10');
  assert.equal(await page.getByTestId('cmp-shape').inputValue(), '8,8');
  // A shape typed wrong is explained, and the comparison keeps its shape.
  await page.getByTestId('cmp-shape').fill('8,99');
  await page.getByTestId('cmp-shape').press('Enter');
  assert.match(await text(page, 'cmp-shape-error'), /1 to 16/);
  assert.equal(new URL(page.url()).searchParams.get('cmpShape'), '8,8');
  assert.deepEqual(problems(), []);
  await context.close();
});
