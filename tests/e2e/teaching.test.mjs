// Teaching and embedding: a lesson link, presentation mode, the embed example page with two
// labs in sandboxed iframes under a strict CSP, the postMessage API, auto-height, the embed
// code dialog.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
let server, browser;
before(async () => { server = await serve(undefined, { headers: { 'content-security-policy': CSP } }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a lesson link sets up the lab, explains it, and links to the next lesson', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?lesson=dying-relu`);
  await waitForApp(page);
  const lesson = page.getByTestId('lesson');
  assert.match(await lesson.innerText(), /The dying ReLU/);
  assert.match(await lesson.innerText(), /Try:/);
  assert.match(await lesson.innerText(), /Think:/);
  // The lesson's settings are applied: the Playground with learning rate 1.
  assert.equal(await page.getByTestId('tab-play').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('learning-rate').inputValue(), '1');
  assert.equal(new URL(page.url()).searchParams.get('lesson'), 'dying-relu');
  await page.getByTestId('lesson-next').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('lesson') === 'dead-for-good');
  await waitForApp(page);
  // The next lesson's scripted jump is in its link and in the page.
  assert.match(await page.getByTestId('lesson').innerText(), /Dead for good/);
  assert.equal(new URL(page.url()).searchParams.get('schedule'), '200:learningRate=3,230:learningRate=0.03');
  assert.equal(await page.getByTestId('learning-rate').inputValue(), '0.03');
  assert.deepEqual(problems(), []);
  await context.close();
});

// The lesson's claim, as a student checks it in the page (tests/lesson_claims.rs checks every
// lesson natively on four seeds; training is the same computation in the browser).
const num = async (page, id) => Number((await page.getByTestId(id).innerText()).trim());

test('the dying-relu lesson: a quarter or more of the ReLUs die and stay dead; leaky ReLU loses none', async () => {
  const trainTo = async (page, epochs) => {
    await page.locator('h2').first().click();
    await page.getByTestId('play').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=epoch]').textContent) >= n, epochs, { timeout: 60000 });
    await page.getByTestId('play').click();
  };
  const { page, context } = await openPage(browser, `${server.url}?lesson=dying-relu`);
  await waitForApp(page);
  await trainTo(page, 100);
  const early = await num(page, 'dead-count');
  assert.ok(early >= 4, `only ${early} of 16 dead after 100 epochs`);
  await trainTo(page, 400);
  assert.ok(await num(page, 'dead-count') >= early, 'dead ReLUs came back');
  assert.equal(await page.locator('.net-node.dead').count(), await num(page, 'dead-count'));
  await context.close();

  // "Change the activation to Leaky ReLU (same link otherwise)".
  const leaky = await openPage(browser, `${server.url}?tab=play&activation=leaky_relu&networkShape=8,8&learningRate=1&seed=1`);
  await waitForApp(leaky.page);
  await trainTo(leaky.page, 100);
  assert.equal(await num(leaky.page, 'dead-count'), 0);
  await leaky.context.close();
});

test('presentation mode: f toggles large type and hides the advanced controls', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play`, { viewport: { width: 1920, height: 1080 } });
  await waitForApp(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.shell')).fontSize));
  const normal = await size();
  assert.ok(await page.locator('.settings-row.advanced').isVisible());
  await page.locator('h2').first().click();
  await page.keyboard.press('f');
  await page.waitForSelector('.shell.presenting');
  assert.ok(await size() >= normal * 1.4, `font ${normal} -> ${await size()}`);
  assert.equal(await page.locator('.settings-row.advanced').isVisible(), false);
  assert.ok(await page.getByTestId('play').isVisible());
  assert.ok(await page.getByTestId('learning-rate').isVisible());
  await page.keyboard.press('f');
  await page.waitForSelector('.shell:not(.presenting)');
  await context.close();
});

// Presentation mode fits a lecture: at 1920×1080 every lesson shows what it is about without
// scrolling (the network and the output, or the lesson's part, and the chart its `focus:` names).
const lessonFile = await (await import('node:fs/promises')).readFile(new URL('../../lessons/lessons.txt', import.meta.url), 'utf8');
const lessonFocus = [...lessonFile.matchAll(/^id: (\S+)$[\s\S]*?^focus: (.+)$/gm)].map((m) => [m[1], m[2].split(/[ ,]+/)]);

test('presentation mode at 1920×1080: each lesson\'s network, output and focus chart are on screen', async () => {
  assert.ok(lessonFocus.length >= 10, `${lessonFocus.length} lessons with a focus`);
  const { page, context } = await openPage(browser, `${server.url}`, { viewport: { width: 1920, height: 1080 } });
  for (const [id, focus] of lessonFocus) {
    await page.goto(`${server.url}?lesson=${id}&present=1`);
    await page.waitForSelector('.shell.presenting');
    await page.waitForTimeout(300);
    const tab = await page.locator('main').getAttribute('class');
    const parts = tab.includes('section-play') ? ['.play-network', '.play-output', '.output-canvas']
      : tab.includes('section-experiments') ? ['.cmp-multiples', '[data-testid=cmp-next-seed]'] : [];
    // The chart the lesson is about (the cost panel's: its canvas).
    const chart = focus.find((f) => f.includes('chart')) ?? (focus.includes('explorer-cost') ? 'explorer-cost canvas' : undefined);
    for (const sel of [...parts, `.${chart}`]) {
      const box = await page.locator(sel).first().boundingBox();
      assert.ok(box && box.height > 100 || sel.includes('next-seed'), `${id}: ${sel} is shown`);
      assert.ok(box.y >= 0 && box.y + box.height <= 1080, `${id}: ${sel} spans ${Math.round(box.y)}–${Math.round(box.y + box.height)} px`);
    }
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    // The lesson folds to its title and "try" step; its toggle opens the rest.
    assert.equal(await page.locator('.lesson .look').isVisible(), false, id);
    assert.ok(await page.locator('.lesson .try').isVisible(), id);
  }
  // The controls a lesson's "try" needs stay visible; presenting hides the others.
  await page.goto(`${server.url}?lesson=vanishing-gradients&present=1`);
  await page.waitForSelector('.shell.presenting');
  assert.ok(await page.getByTestId('init').isVisible(), 'vanishing-gradients needs Initialisation');
  assert.equal(await page.getByTestId('optimizer').isVisible(), false);
  await page.getByTestId('lesson-toggle').click();
  assert.ok(await page.locator('.lesson .look').isVisible());
  await context.close();
});

test('presentation mode at 3840×2160: checkboxes grow with the text', async () => {
  const sizes = {};
  for (const [w, h] of [[1920, 1080], [3840, 2160]]) {
    const { page, context } = await openPage(browser, `${server.url}?tab=play&present=1`, { viewport: { width: w, height: h } });
    await waitForApp(page);
    await page.getByTestId('embed-code').click();
    sizes[w] = await page.evaluate(() => ({
      text: parseFloat(getComputedStyle(document.querySelector('.epoch')).fontSize),
      box: document.querySelector('[data-testid=embed-controls]').getBoundingClientRect().width,
    }));
    await page.getByRole('button', { name: 'Close' }).click();
    const bottom = await page.locator('.output-canvas').evaluate((c) => c.getBoundingClientRect().bottom);
    assert.ok(bottom <= h, `${w}: the output ends at ${bottom} px`);
    await context.close();
  }
  assert.ok(sizes[3840].text >= sizes[1920].text * 1.8, JSON.stringify(sizes));
  assert.ok(sizes[3840].box >= sizes[1920].box * 1.6 && sizes[1920].box > 0, JSON.stringify(sizes));
});

test('presentation mode at 1920×1080: the Side by side table shows every column', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=experiments&exp=compare&present=1`, { viewport: { width: 1920, height: 1080 } });
  await waitForApp(page);
  await page.getByTestId('cmp-table').waitFor();
  const fit = await page.locator('.cmp-table-wrap').evaluate((w) => {
    const table = w.querySelector('table').getBoundingClientRect();
    const wrap = w.getBoundingClientRect();
    return { scroll: w.scrollWidth, client: w.clientWidth, right: table.right, wrapRight: wrap.right, last: w.querySelector('thead th:last-child').getBoundingClientRect().right };
  });
  assert.ok(fit.scroll <= fit.client, `the table does not scroll: ${JSON.stringify(fit)}`);
  assert.ok(fit.last <= fit.wrapRight && fit.wrapRight <= 1920, `the last column (Sparsity) is inside the panel and the screen: ${JSON.stringify(fit)}`);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the embed code dialog writes an iframe snippet for the current view', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=explore&act=relu,gelu`);
  await waitForApp(page);
  await page.getByTestId('embed-code').click();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  assert.match(snippet, /^<iframe data-activation-lab src="http:\/\/127\.0\.0\.1:\d+\/\?[^"]*act=relu,gelu[^"]*embed=1"/);
  assert.match(snippet, /<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" defer><\/script>$/);
  for (const part of ['title="Activation Lab"', 'loading="lazy"', 'allow="fullscreen"', 'width="100%"', 'height="720"']) {
    assert.ok(snippet.includes(part), part);
  }
  await page.getByTestId('embed-copy').click();
  // Headless Chromium refuses the clipboard without a grant: the code is selected instead.
  await page.getByTestId('embed-status').waitFor();
  assert.match(await page.getByTestId('embed-status').innerText(), /Copied|selected/);
  await context.close();
});

test('the embed example: two sandboxed labs under the CSP, driven by postMessage, auto-height', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}embed-example.html`);
  const explore = page.frameLocator('#lab-explore');
  const play = page.frameLocator('#lab-play');
  // Both labs run inside <iframe sandbox="allow-scripts">, without header and footer.
  await explore.locator('.shell.embed').waitFor({ timeout: 30000 });
  await play.locator('.shell.embed').waitFor({ timeout: 30000 });
  assert.equal(await explore.locator('.app-header').count(), 0);
  assert.equal(await explore.locator('.explorer-controls').isVisible(), false, 'panels= hides the controls');
  assert.equal(await explore.locator('.explorer-chart').isVisible(), true);
  assert.equal(await explore.locator('.explorer-properties').isVisible(), false);
  assert.equal(await play.getByTestId('activation').isVisible(), false, 'controls=0 hides the controls');
  assert.equal(await play.getByTestId('play').isVisible(), true, 'but without autoplay it keeps Play');
  // Auto-height: embed.js fits each iframe to its lab's content, shrinking it below the height
  // the page gave it as well as growing it: no empty band under the lab, no scrolling inside.
  await page.waitForFunction(() => document.getElementById('lab-play').style.height !== '');
  for (const [id, lab] of [['lab-play', play], ['lab-explore', explore]]) {
    await lab.locator('.shell.embed').evaluate(() => new Promise((r) => setTimeout(r, 600)));
    const frameHeight = await page.locator(`#${id}`).evaluate((f) => f.getBoundingClientRect().height);
    const inside = await lab.locator('.shell.embed').evaluate((shell) => {
      const main = shell.querySelector('main').getBoundingClientRect();
      const last = [...shell.querySelector('main').querySelectorAll('section, figure, .panel')]
        .map((e) => e.getBoundingClientRect()).filter((r) => r.height > 0);
      return { shell: shell.offsetHeight, slack: main.bottom - Math.max(...last.map((r) => r.bottom)) };
    });
    assert.ok(Math.abs(frameHeight - inside.shell) <= 2, `${id}: frame ${frameHeight} px for ${inside.shell} px of lab`);
    assert.ok(inside.slack < 30, `${id}: ${inside.slack} px of empty space under the lab`);
  }
  // The postMessage API: play, then epoch events arrive. Chromium pauses animation frames in
  // an off-screen cross-origin iframe, so the lab is brought into view first, as a reader would.
  await page.locator('#lab-play').scrollIntoViewIfNeeded();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(() => Number(document.getElementById('events').dataset.epoch) > 5, null, { timeout: 45000 });
  assert.match(await page.locator('#events').innerText(), /dead \d+/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Switch to Leaky ReLU' }).click();
  // controls=0 hides the select, but it holds the new setting.
  await play.locator('[data-testid=activation] option:checked').filter({ hasText: 'Leaky' })
    .waitFor({ state: 'attached', timeout: 45000 });
  assert.equal(await play.getByTestId('activation').inputValue(), 'leaky_relu');
  const csp = problems().filter((p) => p.includes('Content Security Policy'));
  assert.deepEqual(csp, []);
  await context.close();
});

test('the embedded lab fits a 320 px iframe without horizontal scrolling', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&embed=1`, { viewport: { width: 320, height: 700 } });
  await waitForApp(page);
  await page.waitForSelector('.shell.embed');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
  await context.close();
});

test('export a model as JSON and open it again: the same losses; a bad file is refused', async () => {
  const os = await import('node:os');
  const path = await import('node:path');
  const fs = await import('node:fs/promises');
  const { page, context } = await openPage(browser, `${server.url}?tab=play&seed=4&networkShape=5,3`);
  await waitForApp(page);
  for (let i = 0; i < 4; i++) await page.getByTestId('step').click();
  const losses = [await page.getByTestId('train-loss').innerText(), await page.getByTestId('test-loss').innerText()];
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-model').click()]);
  const file = path.join(os.tmpdir(), `lab-model-${process.pid}.json`);
  await download.saveAs(file);
  await context.close();

  const fresh = await openPage(browser, `${server.url}?tab=play&seed=99&networkShape=2`);
  await waitForApp(fresh.page);
  await fresh.page.getByTestId('open-model').setInputFiles(file);
  await fresh.page.getByTestId('model-message').filter({ hasText: 'epoch 4' }).waitFor();
  assert.deepEqual([await fresh.page.getByTestId('train-loss').innerText(), await fresh.page.getByTestId('test-loss').innerText()], losses);
  assert.match(await fresh.page.locator('.network-head h3').innerText(), /^2 hidden layers/);
  assert.equal(await fresh.page.getByTestId('epoch').innerText(), '4', 'the model opens at its epoch');
  const bad = path.join(os.tmpdir(), `lab-bad-${process.pid}.json`);
  await fs.writeFile(bad, '{"format": "something-else"}');
  await fresh.page.getByTestId('open-model').setInputFiles(bad);
  await fresh.page.getByTestId('model-message').filter({ hasText: 'Not opened' }).waitFor();
  assert.deepEqual([await fresh.page.getByTestId('train-loss').innerText(), await fresh.page.getByTestId('test-loss').innerText()], losses);
  await fresh.context.close();
  await fs.rm(file, { force: true });
  await fs.rm(bad, { force: true });
});
