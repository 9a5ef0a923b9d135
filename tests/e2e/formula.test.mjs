// Activations typed as formulas: in the Explorer a formula plots and lands in the URL, a
// malformed one shows where the error is and keeps the curve; the Playground trains
// custom(x*tanh(softplus(x))) from a link exactly like mish; a bad formula in a link gives a
// notice naming the error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const act = (page) => new URL(page.url()).searchParams.get('act');

test('a formula typed in the Explorer plots, lands in the URL, and a bad one points at the error', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=explore&act=relu`);
  await waitForApp(page);
  await page.getByTestId('curve-0').selectOption('custom');
  const field = page.getByTestId('formula-0');
  await field.waitFor();
  assert.equal(await field.inputValue(), 'x*sigmoid(1.702*x)');
  await field.fill('x * tanh(softplus(x))');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('act') === 'custom(x*tanh(softplus(x)))');
  assert.equal(await page.getByTestId('spec-0').innerText(), 'custom(x*tanh(softplus(x)))');
  assert.equal(await field.getAttribute('aria-invalid'), 'false');
  // Its card: the formula as its label, the properties computed from the function.
  assert.match(await page.getByTestId('card-0').innerText(), /x\*tanh\(softplus\(x\)\)/);

  // A second formula and a built-in beside it.
  await page.getByTestId('add-curve').selectOption('custom');
  await page.getByTestId('formula-1').waitFor();
  assert.equal(await page.getByTestId('formula-1').inputValue(), 'x*sigmoid(1.702*x)');
  await page.getByTestId('formula-1').fill('max(0.1*x, x)');
  await page.getByTestId('add-curve').selectOption('tanh');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('act')
    === 'custom(x*tanh(softplus(x))),custom(max(0.1*x, x)),tanh');
  assert.equal(await page.locator('[data-testid^=card-]').count(), 3);
  // max(0.1x, x) has a kink at 0, listed on its card.
  assert.match(await page.getByTestId('card-1').innerText(), /At x = 0, f′ jumps from 0\.1 to 1/);

  // A malformed formula: the message points at the column, the curve and the URL stay.
  await field.fill('x*tanh(softplus(x)');
  const error = page.getByTestId('formula-0-error');
  await error.waitFor();
  assert.match(await error.innerText(), /missing \) at position 19/);
  assert.match(await error.innerText(), /\n {18}\^/);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await field.getAttribute('aria-describedby'), 'formula-0-error');
  assert.equal(act(page).split(',')[0], 'custom(x*tanh(softplus(x)))');
  await field.fill('x*zeta(x)');
  assert.match(await error.innerText(), /unknown function 'zeta' at position 3/);

  // Reloading the link gives the same curves.
  const url = page.url();
  await context.close();
  const again = await openPage(browser, url);
  await waitForApp(again.page);
  const specs = await again.page.locator('[data-testid^=spec-]').allInnerTexts();
  assert.deepEqual(specs, ['custom(x*tanh(softplus(x)))', 'custom(max(0.1*x, x))', 'tanh']);
  assert.deepEqual(problems(), []);
  await again.context.close();
});

/** Opens a Playground link, trains 100 epochs with the `s` key, returns the shown losses. */
async function train100(activation) {
  const link = `${server.url}?tab=play&dataset=circle&seed=4&activation=${encodeURIComponent(activation)}`;
  const { page, context, problems } = await openPage(browser, link);
  await waitForApp(page);
  assert.equal(await page.getByTestId('notices').count(), 0, `${activation}: notices`);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 100; i++) await page.keyboard.press('s');
  await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent.replace(/\D/g, '') === '100');
  const losses = [await page.getByTestId('train-loss').innerText(), await page.getByTestId('test-loss').innerText()];
  assert.deepEqual(problems(), []);
  await context.close();
  return losses;
}

test('the Playground trains custom(x*tanh(softplus(x))) from a link exactly like mish', async () => {
  const custom = await train100('custom(x*tanh(softplus(x)))');
  const mish = await train100('mish');
  assert.deepEqual(custom, mish);
  assert.ok(Number(custom[0]) < 0.6, `train loss ${custom[0]}`);
});

test('a malformed or untrainable formula in a link gives a notice naming the error', async () => {
  const bad = await openPage(browser, `${server.url}?tab=play&activation=${encodeURIComponent('custom(x*tanh(softplus(x))')}`);
  await waitForApp(bad.page);
  await bad.page.getByTestId('notices').filter({ hasText: 'missing ) at position 19' }).waitFor();
  assert.notEqual(await bad.page.getByTestId('activation').inputValue(), 'custom');
  await bad.context.close();

  const log = await openPage(browser, `${server.url}?tab=play&activation=${encodeURIComponent('custom(log(x))')}`);
  await waitForApp(log.page);
  await log.page.getByTestId('notices').filter({ hasText: 'log(x) is undefined for x ≤ 0' }).waitFor();
  await log.context.close();
});
