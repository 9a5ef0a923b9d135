// The Explorer as a student uses it: choose three activations, move a slider, read values off
// the chart, reload the link and find the same view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('choose three activations, move a slider, read the readout, reload the same view', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=explore`);
  await waitForApp(page);
  await page.getByTestId('curve-0').selectOption('leaky_relu');
  await page.getByTestId('add-curve').selectOption('elu');
  await page.getByTestId('add-curve').selectOption('gelu');
  assert.equal(await page.locator('.curve-row').count(), 3);

  // Move the leaky_relu slope slider to 0.2 with the keyboard (step 0.01 from 0.01).
  const slider = page.getByTestId('param-0');
  await slider.focus();
  for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid=spec-0]').textContent === 'leaky_relu(0.2)');

  // Hover at the chart's left quarter: x < 0, so leaky_relu' = 0.2 and f = 0.2 x.
  const canvas = page.getByTestId('explorer-canvas');
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.8);
  await page.waitForSelector('[data-testid=readout-x]');
  const x = Number(await page.getByTestId('readout-x').innerText());
  assert.ok(x < -1 && x > -6, `x = ${x}`);
  assert.equal(Number(await page.getByTestId('readout-df-0').innerText()), 0.2);
  assert.ok(Math.abs(Number(await page.getByTestId('readout-f-0').innerText()) - 0.2 * x) < 2e-3);
  // elu'(x) = e^x for x < 0.
  assert.ok(Math.abs(Number(await page.getByTestId('readout-df-1').innerText()) - Math.exp(x)) < 2e-3);

  // Keyboard readout: focus the chart and press →.
  await canvas.focus();
  await page.keyboard.press('End');
  assert.equal(Number(await page.getByTestId('readout-x').innerText()), 6);

  // The URL holds the view; reloading it gives the same curves and range.
  await page.getByTestId('range-20').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('range') === '20');
  const url = page.url();
  assert.equal(new URL(url).searchParams.get('act'), 'leaky_relu(0.2),elu,gelu');
  assert.deepEqual(problems(), []);
  await context.close();

  const again = await openPage(browser, url);
  await waitForApp(again.page);
  const specs = await again.page.locator('[data-testid^=spec-]').allInnerTexts();
  assert.deepEqual(specs, ['leaky_relu(0.2)', 'elu', 'gelu']);
  assert.equal(await again.page.getByTestId('range-20').getAttribute('aria-checked'), 'true');
  assert.equal(await again.page.locator('[data-testid^=card-]').count(), 3);
  await again.context.close();
});

test('a bad link gives a visible notice and a working Explorer', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=explore&act=relu,rleu,elu(-2)&range=7`);
  await waitForApp(page);
  const notices = await page.getByTestId('notices').innerText();
  assert.match(notices, /rleu/);
  assert.match(notices, /range=7/);
  assert.deepEqual(await page.locator('[data-testid^=spec-]').allInnerTexts(), ['relu']);
  assert.equal(await page.getByTestId('range-6').getAttribute('aria-checked'), 'true');
  await context.close();
});

test('the formulas are MathML and kinks state their convention', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=explore&act=hardswish`);
  await waitForApp(page);
  assert.ok(await page.locator('[data-testid=card-0] math').count() >= 2);
  assert.match(await page.getByTestId('card-0').innerText(), /hardswish uses f′\(3\) = 1\.5/);
  await context.close();
});

test('every curve shown gets its own zones and kink dots, not only the first', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=explore&act=relu,leaky_relu,sigmoid,tanh`);
  await waitForApp(page);
  const canvas = page.getByTestId('explorer-canvas');
  await page.waitForFunction(() => document.querySelector('[data-testid=explorer-canvas]').dataset.zones);
  // relu: dead on the left; leaky relu: none (its slope never fades); sigmoid, tanh: both sides.
  assert.equal(await canvas.getAttribute('data-zones'), '1 0 2 2');
  // relu and leaky relu both kink at 0 (an open and a filled dot each); sigmoid, tanh are smooth.
  assert.equal(await canvas.getAttribute('data-kink-dots'), '2 2 0 0');
  // Replacing the first curve keeps the others' marks: the zones follow each curve.
  await page.getByTestId('curve-0').selectOption('hardtanh');
  await page.waitForFunction(() => document.querySelector('[data-testid=explorer-canvas]').dataset.zones === '2 0 2 2');
  assert.equal(await canvas.getAttribute('data-kink-dots'), '4 2 0 0');
  assert.deepEqual(problems(), []);
  await context.close();
});
