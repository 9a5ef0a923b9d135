// The Playground as a student and a teacher use it: play and watch the loss fall, a dying run
// against its leaky twin, a TensorFlow Playground link, a link that reproduces a run exactly,
// divergence shown plainly, and the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const num = async (page, id) => Number(await page.getByTestId(id).innerText());

test('press play: the epoch advances and the test loss falls on circle', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&dataset=circle&seed=3`);
  await waitForApp(page);
  assert.equal(await num(page, 'epoch'), 0);
  const before = await num(page, 'test-loss');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 150, null, { timeout: 30000 });
  await page.getByTestId('play').click();
  const after = await num(page, 'test-loss');
  assert.ok(after < before * 0.5, `test loss ${before} -> ${after}`);
  const accuracy = parseFloat(await page.getByTestId('test-accuracy').innerText());
  assert.ok(accuracy >= 90, `test accuracy ${accuracy}%`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('relu with bias init -3 dies (counts and diagram); leaky_relu with the same link does not', async () => {
  const link = (act) => `${server.url}?tab=play&activation=${act}&biasInit=-3&networkShape=8,8&seed=5`;
  const { page, context } = await openPage(browser, link('relu'));
  await waitForApp(page);
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  const dead = await num(page, 'dead-count');
  assert.ok(dead > 0, `dead ${dead}`);
  assert.equal(await num(page, 'dead-count-1') + await num(page, 'dead-count-2'), dead);
  assert.equal(await page.locator('.net-node.dead').count(), dead);
  const title = await page.locator('.net-node.dead').first().getAttribute('title');
  assert.match(title, /Dead since epoch \d+/);
  await context.close();

  const leaky = await openPage(browser, link('leaky_relu'));
  await waitForApp(leaky.page);
  for (let i = 0; i < 3; i++) await leaky.page.getByTestId('step').click();
  assert.equal(await num(leaky.page, 'dead-count'), 0);
  assert.equal(await leaky.page.locator('.net-node.dead').count(), 0);
  await leaky.context.close();
});

test('a TensorFlow Playground hash link opens the matching setup', async () => {
  const hash = '#activation=tanh&batchSize=20&dataset=xor&regDataset=reg-plane&learningRate=0.1&regularizationRate=0'
    + '&noise=10&networkShape=5,3&seed=0.54335&showTestData=true&discretize=false&percTrainData=70&x=true&y=true'
    + '&xTimesY=true&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false'
    + '&problem=classification&initZero=false&hideText=false';
  const { page, context, problems } = await openPage(browser, `${server.url}${hash}`);
  await waitForApp(page);
  assert.equal(await page.getByTestId('tab-play').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('activation').inputValue(), 'tanh');
  assert.equal(await page.getByTestId('learning-rate').inputValue(), '0.1');
  assert.equal(await page.getByTestId('batch-size').inputValue(), '20');
  assert.equal(await page.getByTestId('dataset-xor').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('feature-xTimesY').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('show-test').isChecked(), true);
  assert.match(await page.locator('.network-head h3').innerText(), /^2 hidden layers/);
  assert.equal(await page.locator('.net-node').count(), 3 + 5 + 3 + 1);
  assert.equal(await page.getByTestId('notices').count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('reloading a link gives the same epoch-1 losses; settings changes are written to the URL', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&seed=11&networkShape=6,4&activation=elu`);
  await waitForApp(page);
  await page.getByTestId('learning-rate').selectOption('0.1');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('learningRate') === '0.1');
  await page.getByTestId('step').click();
  const first = [await page.getByTestId('train-loss').innerText(), await page.getByTestId('test-loss').innerText()];
  const url = page.url();
  await context.close();
  const again = await openPage(browser, url);
  await waitForApp(again.page);
  await again.page.getByTestId('step').click();
  const second = [await again.page.getByTestId('train-loss').innerText(), await again.page.getByTestId('test-loss').innerText()];
  assert.deepEqual(second, first);
  await again.context.close();
});

test('a diverging run is shown plainly and Reset recovers', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&learningRate=10&loss=linear_mse&networkShape=8,8,8&seed=2`);
  await waitForApp(page);
  await page.getByTestId('play').click();
  await page.waitForSelector('[data-testid=diverged]', { timeout: 20000 });
  assert.match(await page.getByTestId('diverged').innerText(), /learning rate/i);
  assert.equal(await page.getByTestId('play').isDisabled(), true);
  await page.getByTestId('reset').click();
  assert.equal(await page.getByTestId('diverged').count(), 0);
  assert.equal(await num(page, 'epoch'), 0);
  await context.close();
});

test('keyboard: space plays and pauses, s steps, r resets, ? lists the shortcuts', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play`);
  await waitForApp(page);
  await page.locator('h2').first().click();
  await page.keyboard.press('s');
  assert.equal(await num(page, 'epoch'), 1);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) > 10);
  await page.keyboard.press('Space');
  // On a loaded machine the page may show the last epoch trained before the pause a moment late.
  await page.waitForSelector('[data-testid=play][aria-pressed=false]');
  const paused = await num(page, 'epoch');
  await page.waitForTimeout(300);
  assert.equal(await num(page, 'epoch'), paused);
  await page.keyboard.press('r');
  assert.equal(await num(page, 'epoch'), 0);
  await page.keyboard.press('?');
  assert.ok(await page.getByTestId('shortcuts').isVisible());
  await context.close();
});

test('click adds a point, shift-click the other class, right-click removes it', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&percTrainData=50`);
  await waitForApp(page);
  const trainCount = async () => num(page, 'train-count');
  const n0 = await trainCount();
  const canvas = page.getByTestId('output-canvas');
  const box = await canvas.boundingBox();
  // An empty corner of the plane, inside the plot.
  const spot = { x: box.width * 0.93, y: box.height * 0.08 };
  await canvas.click({ position: spot });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=train-count]').textContent) === n + 1, n0);
  await canvas.click({ position: { x: spot.x - 30, y: spot.y + 10 }, modifiers: ['Shift'] });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=train-count]').textContent) === n + 2, n0);
  await canvas.click({ position: spot, button: 'right' });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=train-count]').textContent) === n + 1, n0);
  await context.close();
});

test('a 4K projector at 100 % scaling gets larger type, charts that follow it, and a full row of live charts', async () => {
  const size = async (viewport) => {
    const { page, context } = await openPage(browser, `${server.url}?tab=play`, { viewport });
    await waitForApp(page);
    await page.waitForTimeout(300);
    const m = await page.evaluate(() => {
      const px = (el) => parseFloat(getComputedStyle(el).fontSize);
      const charts = [...document.querySelectorAll('.live-charts canvas')].map((c) => c.getBoundingClientRect());
      const row = document.querySelector('.live-charts').getBoundingClientRect();
      return {
        root: px(document.documentElement),
        overflow: document.documentElement.scrollWidth - innerWidth,
        chartTops: [...new Set(charts.map((r) => Math.round(r.top)))].length,
        chartsSpan: (Math.max(...charts.map((r) => r.right)) - Math.min(...charts.map((r) => r.left))) / row.width,
        boundaryWidth: document.querySelector('[data-testid=output-canvas]').width,
      };
    });
    await context.close();
    return m;
  };
  const laptop = await size({ width: 1280, height: 800 });
  const uhd = await size({ width: 3840, height: 2160 });
  assert.equal(laptop.root, 16);
  assert.equal(uhd.root, 32, 'the root type doubles on a 3840 px wide screen');
  assert.ok(uhd.overflow <= 0 && laptop.overflow <= 0, 'no horizontal scrolling');
  assert.equal(uhd.chartTops, 1, 'the four live charts share one row');
  assert.ok(uhd.chartsSpan > 0.9, `the live charts fill their row (${uhd.chartsSpan})`);
  assert.ok(uhd.boundaryWidth > 1.5 * laptop.boundaryWidth, 'the output plot grows with the screen');
});

test('a big network is probed coarser while it trains; Pause draws the output and every node at full resolution', async () => {
  // Four layers of 16 (816 weights): probed at 25 cells a side while training, 50 when paused.
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&networkShape=16,16,16,16&speed=1&seed=4`);
  await waitForApp(page);
  const grid = () => page.getByTestId('output-canvas').getAttribute('data-grid');
  const pictures = () => page.evaluate(() => [...document.querySelectorAll('[data-testid=output-heat], [data-testid=output-canvas], .play-network canvas.node-map')]
    .map((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 1) h = (h * 31 + d[i]) >>> 0;
      return h;
    }));
  assert.equal(await grid(), '50', 'before training: full resolution');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 5, null, { timeout: 30000 });
  assert.equal(await grid(), '25', 'while training: a quarter of the probe');
  await page.getByTestId('play').click();
  await page.waitForTimeout(300);
  assert.equal(await grid(), '50', 'paused: full resolution again');
  const paused = await pictures();
  for (let i = 0; i < 2; i++) {
    await page.getByTestId('discretize').click();
    await page.waitForTimeout(200);
  }
  assert.deepEqual(await pictures(), paused, 'the paused pictures are those of the full probe of the final weights');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('after Pause the output plot, the diagram and the numbers show the final weights', async () => {
  // Whatever a frame skipped to save time, Pause leaves no stale picture: what the page shows
  // right after it equals a fresh drawing of the paused network (discretize on and off again
  // redraws the output and every node from the current weights; the links are written in full
  // on the pause, see network_links.test.mjs). Four layers of 8: 33 maps.
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&networkShape=8,8,8,8&speed=1&seed=4`);
  await waitForApp(page);
  const shown = () => page.evaluate(() => {
    const hash = (c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let h = 0;
      for (let i = 0; i < d.length; i += 1) h = (h * 31 + d[i]) >>> 0;
      return h;
    };
    return {
      output: hash(document.querySelector('[data-testid=output-heat]')),
      axes: hash(document.querySelector('[data-testid=output-canvas]')),
      nodes: [...document.querySelectorAll('.play-network canvas.node-map')].map(hash),
      links: [...document.querySelectorAll('.play-network line.link')].map((l) => `${l.getAttribute('stroke-width')} ${l.textContent}`),
      loss: document.querySelector('[data-testid=train-loss]').textContent,
      epoch: document.querySelector('[data-testid=epoch]').textContent,
    };
  });
  const start = await shown();
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 40, null, { timeout: 30000 });
  await page.getByTestId('play').click();
  await page.waitForTimeout(300);
  const paused = await shown();
  assert.notEqual(paused.epoch, start.epoch);
  assert.notEqual(paused.output, start.output, 'the output moved with training');
  assert.notDeepEqual(paused.links, start.links, 'the links moved with training');
  await page.getByTestId('discretize').click();
  await page.waitForTimeout(200);
  await page.getByTestId('discretize').click();
  await page.waitForTimeout(300);
  const redrawn = await shown();
  assert.equal(redrawn.epoch, paused.epoch, 'still paused');
  assert.equal(paused.output, redrawn.output, 'the output plot showed the final weights');
  assert.equal(paused.axes, redrawn.axes, 'the axes and points over it are those of the data');
  assert.deepEqual(paused.nodes, redrawn.nodes, 'every node map showed the final weights');
  assert.deepEqual(paused.links, redrawn.links, 'every link showed the final weights');
  assert.equal(paused.loss, redrawn.loss);
  assert.deepEqual(problems(), []);
  await context.close();
});
