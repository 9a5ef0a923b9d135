// Gradients through depth as a student uses it: open the experiment, read the per-layer
// gradient norms (sigmoid's first layer far below its last, ReLU's not), press play and watch
// the epochs advance while the gap stays and only ReLU learns, step and reset, a link that
// reopens the same view, and a bad link that earns notices instead of a broken page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const text = (page, id) => page.getByTestId(id).innerText();
const num = async (page, id) => Number(await text(page, id));
const epochAtLeast = (page, n) => page.waitForFunction(
  (n) => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= n, n, { timeout: 60000 });

test('defaults: sigmoid layer 1 gets orders of magnitude less gradient than its last layer, relu does not; play trains', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=experiments&exp=depth`);
  await waitForApp(page);
  assert.equal(await page.getByTestId('exp-depth').getAttribute('aria-selected'), 'true');
  assert.equal(await num(page, 'epoch'), 0);
  assert.equal(await page.getByTestId('act-0').inputValue(), 'sigmoid');
  assert.equal(await page.getByTestId('act-1').inputValue(), 'relu');
  // Ten hidden layers and the output layer, for both networks.
  assert.equal(await page.locator('[data-testid^="norm-0-"]').count(), 11);
  assert.equal(await page.locator('[data-testid^="norm-1-"]').count(), 11);
  const ratio = async (slot) => (await num(page, `norm-${slot}-1`)) / (await num(page, `norm-${slot}-10`));
  const [sig0, relu0] = [await ratio(0), await ratio(1)];
  assert.ok(sig0 < 1e-2, `sigmoid layer 1 / layer 10 at epoch 0: ${sig0}`);
  assert.ok(relu0 > 1e-1, `relu layer 1 / layer 10 at epoch 0: ${relu0}`);
  assert.ok(Math.abs(await num(page, 'ratio-0') / sig0 - 1) < 0.02, 'the ratio row agrees with the norms');
  for (const id of ['strip-0', 'strip-1', 'layer-chart', 'init-hist']) {
    assert.ok((await page.getByTestId(id).boundingBox()).height > 100, `${id} is drawn`);
  }

  await page.getByTestId('play').click();
  await epochAtLeast(page, 60);
  await page.getByTestId('play').click();
  assert.match(await text(page, 'play'), /Play/);
  const epoch = await num(page, 'epoch');
  assert.ok(epoch >= 60, `epoch ${epoch}`);
  // After a pause the table shows the epoch the counter shows.
  assert.match(await page.locator('.depth-table caption').innerText(), new RegExp(`epoch ${epoch}\\b`));
  const [sig, relu] = [await ratio(0), await ratio(1)];
  assert.ok(sig < 1e-2, `sigmoid ratio after ${epoch} epochs: ${sig}`);
  assert.ok(relu > 1e-2, `relu ratio after ${epoch} epochs: ${relu}`);
  const acc = async (slot) => parseFloat(await text(page, `acc-${slot}`));
  assert.ok(await acc(1) >= 90, `relu test accuracy ${await acc(1)}%`);
  assert.ok(await acc(0) <= 65, `sigmoid test accuracy ${await acc(0)}%`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('step advances every network by one epoch; reset returns to the same initial gradients', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=experiments&exp=depth&depth=4&depthWidth=5`);
  await waitForApp(page);
  const first = await text(page, 'norm-0-1');
  await page.getByTestId('step').click();
  assert.equal(await num(page, 'epoch'), 1);
  assert.match(await page.locator('.depth-table caption').innerText(), /epoch 1$/);
  await page.getByTestId('step').click();
  assert.equal(await num(page, 'epoch'), 2);
  assert.notEqual(await text(page, 'norm-1-1'), '–');
  await page.getByTestId('reset').click();
  assert.equal(await num(page, 'epoch'), 0);
  assert.equal(await text(page, 'norm-0-1'), first);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the link keeps depth, width and the activations: reloading gives the same view', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=experiments&exp=depth`);
  await waitForApp(page);
  await page.getByTestId('depth').fill('14');
  await page.getByTestId('width').fill('6');
  await page.getByTestId('act-1').selectOption('tanh');
  await page.getByTestId('act-add').click();
  await page.getByTestId('hist-2').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('depthHist') === '3');
  const params = new URL(page.url()).searchParams;
  assert.equal(params.get('depth'), '14');
  assert.equal(params.get('depthWidth'), '6');
  assert.equal(params.get('depthAct'), 'sigmoid,tanh,leaky_relu');
  assert.equal(params.get('tab'), 'experiments');
  assert.equal(params.get('exp'), 'depth');
  const norms = await text(page, 'norm-2-14');
  const url = page.url();
  await context.close();

  const again = await openPage(browser, url);
  await waitForApp(again.page);
  const p = again.page;
  assert.equal(await p.getByTestId('depth').inputValue(), '14');
  assert.equal(await p.getByTestId('width').inputValue(), '6');
  assert.deepEqual(
    [await p.getByTestId('act-0').inputValue(), await p.getByTestId('act-1').inputValue(), await p.getByTestId('act-2').inputValue()],
    ['sigmoid', 'tanh', 'leaky_relu']);
  assert.equal(await p.getByTestId('hist-2').getAttribute('aria-checked'), 'true');
  assert.equal(await p.locator('[data-testid^="norm-2-"]').count(), 15);
  assert.equal(await text(p, 'norm-2-14'), norms, 'same seed, same initial gradients');
  assert.equal(await p.getByTestId('notices').count(), 0);
  assert.deepEqual(problems(), []);
  assert.deepEqual(again.problems(), []);
  await again.context.close();
});

test('a bad link is clamped or refused with notices, never a broken page', async () => {
  const { page, context, problems } = await openPage(browser,
    `${server.url}?tab=experiments&exp=depth&depth=99&depthWidth=0&depthAct=sigmoid,bogus&depthInit=zeros`);
  await waitForApp(page);
  const notices = await page.getByTestId('notices').innerText();
  assert.match(notices, /depth=99/);
  assert.match(notices, /depthWidth=0/);
  assert.match(notices, /bogus/);
  assert.match(notices, /depthInit=zeros/);
  assert.equal(await page.getByTestId('depth').inputValue(), '20');
  assert.equal(await page.getByTestId('width').inputValue(), '1');
  assert.equal(await page.getByTestId('act-1').inputValue(), 'relu');
  assert.equal(await page.locator('[data-testid^="norm-0-"]').count(), 21);
  const params = new URL(page.url()).searchParams;
  assert.equal(params.get('depth'), '20');
  assert.equal(params.get('depthAct'), 'sigmoid,relu');
  assert.deepEqual(problems(), []);
  await context.close();
});
