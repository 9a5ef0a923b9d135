// Custom data is data: a point added by clicking survives the learning rate, the activation
// and a feature; the data panel says "Custom data (N points)"; the link carries up to 300
// points and reloads them; past 300 the Embed/Share dialog says the link leaves them out; a
// CSV with a bad row says why in the notice banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const num = async (page, id) => Number(await page.getByTestId(id).innerText());
const total = async (page) => (await num(page, 'train-count')) + (await num(page, 'test-count'));

/** Clicks an empty corner of the output plot and waits for the point to be there. */
async function addPoint(page) {
  const before = await total(page);
  const canvas = page.getByTestId('output-canvas');
  const box = await canvas.boundingBox();
  await canvas.click({ position: { x: box.width * 0.93, y: box.height * 0.08 } });
  await page.waitForFunction(
    (n) => ['train-count', 'test-count'].reduce((s, id) => s + Number(document.querySelector(`[data-testid=${id}]`).textContent), 0) === n + 1,
    before,
  );
}

test('a clicked point survives the learning rate, the activation and a feature, and travels in the link', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&numPoints=100&seed=4`);
  await waitForApp(page);
  assert.equal(await total(page), 100);
  assert.equal(await page.getByTestId('custom-data').count(), 0, 'generated data: the data set is selected');
  assert.equal(await page.getByTestId('dataset-circle').getAttribute('aria-pressed'), 'true');
  await addPoint(page);
  assert.equal(await page.getByTestId('custom-data').innerText(), 'Custom data (101 points)');
  assert.equal(await page.getByTestId('dataset-circle').getAttribute('aria-pressed'), 'false');

  await page.getByTestId('learning-rate').selectOption('0.3');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('learningRate') === '0.3');
  await page.getByTestId('activation').selectOption('tanh');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('activation') === 'tanh');
  await page.getByTestId('feature-xTimesY').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('xTimesY') === 'true');
  assert.equal(await total(page), 101, 'no change of these brings the generated data back');
  assert.equal(await page.getByTestId('custom-data').innerText(), 'Custom data (101 points)');
  const counts = [await num(page, 'train-count'), await num(page, 'test-count')];

  // The link holds the points: a fresh page opens on the same ones.
  const link = page.url();
  const data = new URL(link).searchParams.get('data');
  assert.match(data, /^c\.[A-Za-z0-9_-]+$/);
  await page.getByTestId('embed-code').click();
  assert.equal(await page.getByTestId('embed-caveat').count(), 0, 'the link carries the points');
  assert.deepEqual(problems(), []);
  await context.close();

  const again = await openPage(browser, link);
  await waitForApp(again.page);
  assert.deepEqual([await num(again.page, 'train-count'), await num(again.page, 'test-count')], counts);
  assert.equal(await again.page.getByTestId('custom-data').innerText(), 'Custom data (101 points)');
  assert.equal(new URL(again.page.url()).searchParams.get('data'), data, 'the same points, written back the same');
  assert.equal(await again.page.getByTestId('notices').count(), 0);
  // A data set asks for new data: the generated circle again.
  await again.page.getByTestId('dataset-circle').click();
  await again.page.waitForFunction(() => new URL(location.href).searchParams.get('data') === '');
  assert.equal(await again.page.getByTestId('custom-data').count(), 0);
  assert.equal(await total(again.page), 500);
  assert.deepEqual(again.problems(), []);
  await again.context.close();
});

test('past 300 points the link says it leaves them out; a CSV with a bad row says why in the banner', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&seed=2`);
  await waitForApp(page);
  await addPoint(page);
  await page.getByTestId('learning-rate').selectOption('0.3');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('learningRate') === '0.3');
  assert.equal(await total(page), 501, 'the learning rate keeps the clicked point (501, not 500)');
  assert.equal(new URL(page.url()).searchParams.get('data'), '');
  await page.getByTestId('embed-code').click();
  const caveats = await page.getByTestId('embed-caveat').allInnerTexts();
  assert.ok(
    caveats.includes('This link does not include your 501 points: export them as CSV (Data panel) to share them.'),
    caveats.join('\n'),
  );
  await page.keyboard.press('Escape');

  const bad = path.join(os.tmpdir(), `lab-bad-data-${process.pid}.csv`);
  await fs.writeFile(bad, 'x1,x2,label\n1,2,1\n0.5,oops,-1\n');
  await page.getByTestId('import-data').setInputFiles(bad);
  const banner = page.getByTestId('notices');
  await banner.waitFor();
  assert.match(await banner.innerText(), /was not imported: line 3: x2 is not a number: "oops"/);
  assert.equal(await total(page), 501, 'a refused file leaves the points as they were');

  const good = path.join(os.tmpdir(), `lab-good-data-${process.pid}.csv`);
  await fs.writeFile(good, 'x1,x2,label,set\n1,2,1,train\n-1,-2,-1,train\n0.5,0.5,1,test\n');
  await page.getByTestId('import-data').setInputFiles(good);
  await page.getByTestId('custom-data').filter({ hasText: 'Custom data (3 points)' }).waitFor();
  await page.getByTestId('activation').selectOption('sigmoid');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('activation') === 'sigmoid');
  assert.equal(await page.getByTestId('custom-data').innerText(), 'Custom data (3 points)');
  assert.notEqual(new URL(page.url()).searchParams.get('data'), '', 'three points fit in the link');
  assert.deepEqual(problems(), []);
  await context.close();
  await fs.rm(bad, { force: true });
  await fs.rm(good, { force: true });
});
