// Every lesson's claim, checked in the page as a student would: open the lesson's own link
// (read from lessons/lessons.txt), do what its "try" step says with the page's own controls and
// keys, and check its words against the numbers the lab itself exports (the history CSV, the
// comparison table), on two seeds each (tests/lesson_claims.rs checks four natively). Also the
// live settings: a learning-rate change keeps the epoch and the weights, a scheduled change
// replays bit for bit from its link, the Embed dialog says what a link does not replay, and a
// gradient that drops to zero stays on the chart and in the CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, openPage, waitForApp, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const SEEDS = [1, 2];

/** The lessons' links by id, from the file the app is built from. */
const lessons = Object.fromEntries(
  (await fs.readFile(path.join(ROOT, 'lessons', 'lessons.txt'), 'utf8'))
    .split(/^---$/m)
    .map((block) => [block.match(/^id: (.*)$/m)?.[1], block.match(/^link: (.*)$/m)?.[1]])
    .filter(([id, link]) => id && link),
);

/** The lesson's link with some keys changed. */
function link(id, changes = {}) {
  const q = new URLSearchParams(lessons[id]);
  for (const [k, v] of Object.entries(changes)) q.set(k, String(v));
  return `${server.url}?${q}`;
}

const text = async (page, id) => (await page.getByTestId(id).innerText()).trim();
const num = async (page, id) => Number((await text(page, id)).split('/')[0]);
const epoch = (page) => num(page, 'epoch');

/** Focus on the page itself (not a control), so that the shortcuts apply. */
const focusPage = (page) => page.locator('h2').first().click();

/** Plays until the epoch reaches `n`, then pauses and waits until the pause shows. */
async function trainTo(page, n) {
  await page.getByTestId('play').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=epoch]').textContent) >= n, n,
    { timeout: 120000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=play]').getAttribute('aria-pressed') === 'false');
}

/** Presses `s` (one epoch) `n` times. */
async function step(page, n) {
  const start = await epoch(page);
  await focusPage(page);
  for (let i = 0; i < n; i++) await page.keyboard.press('s');
  await page.waitForFunction((e) => Number(document.querySelector('[data-testid=epoch]').textContent) === e, start + n);
}

/** The Playground's history CSV, as the "History (CSV)" button downloads it: rows by epoch. */
async function history(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-history').click()]);
  const csv = await fs.readFile(await download.path(), 'utf8');
  const [head, ...lines] = csv.trim().split('\n');
  const keys = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
  const dead = (r) => keys.filter((k) => k.startsWith('dead_')).reduce((s, k) => s + Number(r[k]), 0);
  return { csv, rows, dead, layers: keys.filter((k) => k.startsWith('dead_')).length };
}

async function open(url) {
  const { page, context, problems } = await openPage(browser, url);
  await waitForApp(page);
  return { page, context, problems };
}

test('non-linearity: linear stays above test loss 0.6 after 500 epochs, relu goes below 0.1', async () => {
  for (const seed of SEEDS) {
    const { page, context, problems } = await open(link('non-linearity', { seed }));
    await trainTo(page, 500);
    let h = await history(page);
    assert.ok(Number(h.rows[500].test_loss) > 0.6, `seed ${seed}: linear ${h.rows[500].test_loss}`);
    // "Switch the activation to ReLU and press play again."
    await page.getByTestId('activation').selectOption('relu');
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]').textContent.trim() === '0');
    await trainTo(page, 500);
    h = await history(page);
    assert.ok(Number(h.rows[500].test_loss) < 0.1, `seed ${seed}: relu ${h.rows[500].test_loss}`);
    assert.deepEqual(problems(), []);
    await context.close();
  }
});

test('vanishing gradients: sigmoid starves the first layer 100×, relu with He stays within 10×', async () => {
  for (const seed of SEEDS) {
    const { page, context } = await open(link('vanishing-gradients', { seed }));
    await step(page, 20);
    let r = (await history(page)).rows[20];
    const sigmoid = Number(r.output_grad_norm) / Number(r.grad_norm_1);
    assert.ok(sigmoid >= 100, `seed ${seed}: sigmoid output / first = ${sigmoid}`);
    // "Switch the activation to ReLU and the initialisation to He (normal), press Reset, step 20."
    await page.getByTestId('activation').selectOption('relu');
    await page.getByTestId('init').selectOption('he_normal');
    await page.getByTestId('reset').click();
    await step(page, 20);
    r = (await history(page)).rows[20];
    const relu = Number(r.output_grad_norm) / Number(r.grad_norm_1);
    assert.ok(relu >= 0.1 && relu <= 10, `seed ${seed}: relu + He output / first = ${relu}`);
    await context.close();
  }
});

test('sparse activation: relu layers a third or more exactly zero, tanh none', async () => {
  for (const seed of SEEDS) {
    const { page, context } = await open(link('sparse-activation', { seed }));
    await trainTo(page, 300);
    let r = (await history(page)).rows[300];
    for (const k of ['sparsity_1', 'sparsity_2']) assert.ok(Number(r[k]) >= 0.33, `seed ${seed}: relu ${k} ${r[k]}`);
    await page.getByTestId('activation').selectOption('tanh');
    await trainTo(page, 300);
    r = (await history(page)).rows[300];
    for (const k of ['sparsity_1', 'sparsity_2']) assert.equal(Number(r[k]), 0, `seed ${seed}: tanh ${k}`);
    await context.close();
  }
});

test('dead for good: the scheduled jump kills six or more, lowering the rate revives none; it replays bit for bit', async () => {
  const csvs = [];
  for (const seed of [...SEEDS, SEEDS[0]]) {
    const { page, context, problems } = await open(link('dead-for-good', { seed }));
    await trainTo(page, 1000);
    const h = await history(page);
    assert.ok(h.dead(h.rows[200]) <= 1 && Number(h.rows[200].test_loss) < 0.01, `seed ${seed}: healthy before the jump`);
    assert.equal(h.rows[200].change, 'lr 0.03 → 3');
    assert.equal(h.rows[230].change, 'lr 3 → 0.03');
    assert.ok(h.dead(h.rows[230]) >= 6, `seed ${seed}: ${h.dead(h.rows[230])} dead after the jump`);
    assert.ok(h.dead(h.rows[1000]) >= h.dead(h.rows[230]), `seed ${seed}: dead ReLUs came back`);
    assert.equal(await page.getByTestId('learning-rate').inputValue(), '0.03', 'the control shows the rate in effect');
    // The link is the lesson's, unchanged by the schedule.
    const q = new URL(page.url()).searchParams;
    assert.equal(q.get('learningRate'), '0.03');
    assert.equal(q.get('schedule'), '200:learningRate=3,230:learningRate=0.03');
    csvs.push(h.rows.slice(0, 1001).map((r) => Object.values(r).join(',')).join('\n'));
    assert.deepEqual(problems(), []);
    await context.close();
  }
  assert.equal(csvs[2], csvs[0], 'the same link replays the same numbers, bit for bit');
});

test('a learning-rate change keeps the epoch and the weights, equals the scheduled one, and the Embed dialog says so', async () => {
  const base = `${server.url}?tab=play&networkShape=8,8&seed=3`;
  const { page, context, problems } = await open(base);
  await step(page, 30);
  const before = await history(page);
  const biases = await page.locator('.net-node').evaluateAll((nodes) => nodes.map((n) => n.title));
  await page.getByTestId('learning-rate').selectOption('3');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('learningRate') === '3');
  assert.equal(await epoch(page), 30, 'no restart');
  assert.deepEqual(await page.locator('.net-node').evaluateAll((nodes) => nodes.map((n) => n.title)), biases, 'the weights are kept');
  await step(page, 10);
  const byHand = await history(page);
  assert.equal(byHand.rows.length, 41);
  assert.deepEqual(byHand.rows.slice(0, 30), before.rows.slice(0, 30), 'the history up to the change is kept');
  assert.equal(byHand.rows[30].change, 'lr 0.03 → 3');
  await page.getByTestId('embed-code').click();
  assert.match(await text(page, 'embed-caveat'), /lr 0\.03 → 3 at epoch 30.*restarts from epoch 0/);
  assert.deepEqual(problems(), []);
  await context.close();

  // The same change scripted in the link: the same numbers.
  const scheduled = await open(`${base}&schedule=30:learningRate=3`);
  await step(scheduled.page, 40);
  const replay = await history(scheduled.page);
  assert.equal(replay.csv, byHand.csv, 'a scheduled change equals the same change by hand, bit for bit');
  await scheduled.page.getByTestId('embed-code').click();
  assert.equal(await scheduled.page.getByTestId('embed-caveat').count(), 0, 'a schedule replays from the link');
  await scheduled.context.close();
});

test('a gradient that drops to zero stays in the CSV and on the chart over the whole run', async () => {
  const { page, context } = await open(`${server.url}?tab=play&networkShape=8,8&seed=5&learningRate=3`);
  await trainTo(page, 400);
  const h = await history(page);
  const last = h.rows[h.rows.length - 1];
  assert.equal(Number(last.grad_norm_1), 0, 'the first layer gets no gradient once the second has died');
  assert.ok(h.rows.every((r) => r.grad_norm_1 !== '' && !Number.isNaN(Number(r.grad_norm_1))), 'every epoch has a number');
  assert.ok(Number(last.output_grad_norm) > 0, 'the output bias still gets a gradient');
  assert.match(await page.getByTestId('chart-grad').getAttribute('aria-label'), /floor marked “0 \(no gradient\)”/);
  await context.close();
});

test('deep relu vs sigmoid, side by side: relu fits within 100 epochs, sigmoid stalls at 300', async () => {
  for (const seed of SEEDS) {
    const { page, context, problems } = await open(link('deep-relu-vs-sigmoid', { cmpSeed: seed }));
    await trainTo(page, 300);
    assert.ok(await num(page, 'test-loss-0') < 0.05, `seed ${seed}: relu ${await text(page, 'test-loss-0')}`);
    const epochs = Number(await text(page, 'target-epochs-0'));
    assert.ok(epochs <= 100, `seed ${seed}: relu reached the target at ${epochs}`);
    assert.ok(await num(page, 'test-loss-1') > 0.6, `seed ${seed}: sigmoid ${await text(page, 'test-loss-1')}`);
    assert.deepEqual(problems(), []);
    await context.close();
  }
});

test('smooth gates, side by side: relu loses three or more, silu and gelu none, all three fit', async () => {
  for (const seed of SEEDS) {
    const { page, context } = await open(link('smooth-gates', { cmpSeed: seed }));
    await trainTo(page, 40);
    // The table reads "3 / 16" (dead of all) at the epoch shown.
    assert.ok(await num(page, 'dead-0') >= 3, `seed ${seed}: relu dead ${await text(page, 'dead-0')}`);
    assert.equal(await num(page, 'dead-1'), 0);
    assert.equal(await num(page, 'dead-2'), 0);
    await trainTo(page, 300);
    for (const i of [0, 1, 2]) {
      assert.ok(await num(page, `test-loss-${i}`) < 0.05, `seed ${seed}: run ${i} ${await text(page, `test-loss-${i}`)}`);
    }
    await context.close();
  }
});

test('dying relu: focusing a dead neuron says why, in numbers; layers tell died from revived', async () => {
  const { page, context, problems } = await open(link('dying-relu'));
  await trainTo(page, 100);
  const dead = page.locator('.net-node.dead').first();
  await dead.focus();
  const caption = await text(page, 'output-caption');
  assert.match(caption, /^Layer \d neuron \d+\. Dead since epoch \d+: its input is (negative|never positive) on all 250 training points \(largest (−?\d\.\d\d|0)\), where relu′ = 0/);
  assert.match(caption, /can never come back|only if the layers below move its inputs/);
  assert.match(await dead.getAttribute('title'), /Dead since epoch/);
  await dead.blur();
  assert.match(await text(page, 'output-caption'), /^Output/);
  const h = await history(page);
  const last = h.rows[h.rows.length - 1];
  assert.equal(Number(last.revived_1) + Number(last.revived_2), await num(page, 'revived-count'));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a layer of the diagram takes its own activation; the top bar says the layers differ', async () => {
  const { page, context, problems } = await open(`${server.url}?tab=play&networkShape=4,4&seed=2`);
  await page.getByTestId('layer-act-2').selectOption('tanh');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('layerActivations') === ',tanh');
  assert.equal(await page.getByTestId('activation').inputValue(), 'mixed');
  assert.equal(await page.getByTestId('layer-act-1').inputValue(), 'relu');
  await trainTo(page, 50);
  const h = await history(page);
  assert.equal(Number(h.rows[50].sparsity_2), 0, 'the tanh layer has no exact zeros');
  assert.ok(Number(h.rows[50].sparsity_1) > 0, 'the relu layer has');
  // The top bar's choice sets every layer again.
  await page.getByTestId('activation').selectOption('elu');
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('layerActivations'));
  assert.equal(await page.getByTestId('layer-act-2').inputValue(), 'elu');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the Explorer lessons: relu dead on one side; kinks at 0 for relu and leaky relu, at ±3 for hardswish', async () => {
  // what-is-relu: "its derivative is 1 on the right and 0 on the left": one zone, one kink.
  let { page, context, problems } = await open(`${server.url}?lesson=what-is-relu`);
  const canvas = () => page.getByTestId('explorer-canvas');
  await page.waitForFunction(() => document.querySelector('[data-testid=explorer-canvas]')?.dataset.zones);
  assert.equal(await canvas().getAttribute('data-zones'), '1');
  assert.equal(await canvas().getAttribute('data-kink-dots'), '2');
  await context.close();
  // kink-at-zero: "Hardswish has two such kinks, at ±3": an open and a filled dot at each (the
  // lesson's range is ±6: at ±3 they would sit on the chart's edges, undrawn).
  ({ page, context, problems } = await open(`${server.url}?lesson=kink-at-zero`));
  await page.waitForFunction(() => document.querySelector('[data-testid=explorer-canvas]')?.dataset.kinkDots);
  assert.equal(await canvas().getAttribute('data-kink-dots'), '2 2 4');
  assert.deepEqual(problems(), []);
  await context.close();
});
