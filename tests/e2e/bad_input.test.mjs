// Bad input, every time: a visible notice and the previous state kept. A course page's `set`
// message is answered with its notices (a refused value keeps the previous one), a link that
// leaves no training point says so and keeps Play off, `autoplay=true` plays as `1` does, and a
// diverged run shows no accuracy beside its NaN losses and a Play button that looks disabled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const num = async (scope, id) => Number(await scope.getByTestId(id).innerText());

/** A course page on the lab's host (answered by the test): the lab in an iframe, every reply
 * it sends kept in `window.replies`. */
async function coursePage(link) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  const course = `${server.url}course-page.html`;
  await page.route(course, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>Course</title><script>
      window.replies = [];
      addEventListener('message', (e) => { if (e.data?.type === 'activation-lab:reply') replies.push(e.data); });
    </script><iframe id="lab" sandbox="allow-scripts" width="1200" height="880" src="${link}"></iframe>`,
  }));
  await page.goto(course);
  const lab = page.frameLocator('#lab');
  await lab.locator('.shell').waitFor({ timeout: 30000 });
  // The commands' listener is installed once the Playground has mounted.
  await lab.getByTestId('epoch').waitFor();
  return { page, context, lab, problems: () => problems.slice() };
}

/** Sends a command and waits for its reply. */
async function send(page, message) {
  const before = await page.evaluate(() => window.replies.length);
  await page.evaluate((m) => document.getElementById('lab').contentWindow
    .postMessage({ type: 'activation-lab:command', ...m }, '*'), message);
  await page.waitForFunction((n) => window.replies.length > n, before, { timeout: 10000 });
  return page.evaluate(() => window.replies.at(-1));
}

test('a set message with a bad value keeps the previous value and replies with the notice', async () => {
  const { page, context, lab, problems } = await coursePage('index.html?tab=play&learningRate=0.1&networkShape=6,3&embed=1');
  assert.equal(await lab.getByTestId('learning-rate').inputValue(), '0.1');

  const reply = await send(page, { command: 'set', settings: 'learningRate=abc' });
  assert.equal(reply.command, 'set');
  assert.equal(reply.ok, false);
  assert.deepEqual(reply.notices, [{
    key: 'learningRate',
    message: 'learningRate=abc is not a number: keeping 0.1 (allowed: 0.00001 to 10).',
  }]);
  // The lab keeps the rate it had (not the default 0.03) and shows the notice too.
  await lab.getByTestId('notices').filter({ hasText: 'learningRate=abc' }).waitFor();
  assert.equal(await lab.getByTestId('learning-rate').inputValue(), '0.1');

  // Clamped values are used, and said so.
  const clamped = await send(page, { command: 'set', settings: 'learningRate=1e308&networkShape=100,100' });
  const messages = clamped.notices.map((n) => n.message).join(' | ');
  assert.match(messages, /learningRate=1e308 is out of range: using 10 /);
  assert.match(messages, /networkShape=100,100: .*using 16,16/);
  await lab.locator('[data-testid=learning-rate] option:checked').filter({ hasText: /^10$/ }).waitFor({ state: 'attached' });
  assert.match(await lab.locator('.network-head h3').innerText(), /^2 hidden layers/);

  // A good set is answered with ok; a malformed command is answered, not dropped.
  const good = await send(page, { command: 'set', settings: 'learningRate=0.3' });
  assert.deepEqual([good.ok, good.notices], [true, []]);
  await lab.locator('[data-testid=learning-rate] option:checked').filter({ hasText: /^0\.3$/ }).waitFor({ state: 'attached' });
  const unknown = await send(page, { command: 'explode' });
  assert.equal(unknown.ok, false);
  assert.match(unknown.notices[0].message, /^Unknown command 'explode': try play, pause, step, reset, set\.$/);
  const empty = await send(page, { command: 'set' });
  assert.match(empty.notices[0].message, /^set needs settings/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a link without a training point says why and keeps Play off', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&numPoints=2&percTrainData=10&autoplay=1`);
  await waitForApp(page);
  const banner = page.getByTestId('notices');
  await banner.filter({ hasText: 'leaves no training point' }).waitFor();
  assert.match(await banner.innerText(), /numPoints=2 with percTrainData=10 leaves no training point/);
  assert.match(await page.getByTestId('no-training').innerText(), /^No training points: all 2 points are test points/);
  // No training point, no training loss: "—" (not NaN, which reads as a diverged run), saying why.
  assert.equal(await page.getByTestId('train-loss').innerText(), '—');
  assert.match(await page.getByTestId('train-loss').getAttribute('title'), /^No training points, so there is no training loss/);
  assert.notEqual(await page.getByTestId('test-loss').innerText(), '—', 'the test points still have a loss');
  assert.equal(await page.getByTestId('play').isDisabled(), true);
  assert.equal(await page.getByTestId('step').isDisabled(), true);
  // autoplay stopped at once instead of "playing" a run that cannot move; Space does nothing.
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('play').getAttribute('aria-pressed'), 'false');
  await page.locator('body').press('Space');
  await page.waitForTimeout(300);
  assert.equal(await num(page, 'epoch'), 0);
  assert.equal(await page.getByTestId('play').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('autoplay=true plays as autoplay=1 does; autoplay=yes says what it takes', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&autoplay=true`);
  await waitForApp(page);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').innerText) > 3, null, { timeout: 20000 });
  await context.close();
  const other = await openPage(browser, `${server.url}?tab=play&autoplay=yes`);
  await waitForApp(other.page);
  await other.page.getByTestId('notices').filter({ hasText: 'autoplay=yes is not 1 (or true) or 0 (or false)' }).waitFor();
  assert.equal(await num(other.page, 'epoch'), 0);
  await other.context.close();
});

test('a diverged run shows no accuracy next to its NaN losses, and a Play button that looks disabled', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&learningRate=10&loss=linear_mse&networkShape=8,8,8&seed=2&autoplay=1`);
  await waitForApp(page);
  await page.getByTestId('diverged').waitFor({ timeout: 20000 });
  assert.match(await page.getByTestId('train-loss').innerText(), /NaN|∞/);
  assert.equal(await page.getByTestId('test-accuracy').count(), 0, 'no accuracy for a diverged run');
  const play = page.getByTestId('play');
  assert.equal(await play.isDisabled(), true);
  const look = await play.evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, cursor: getComputedStyle(b).cursor }));
  assert.equal(look.cursor, 'not-allowed');
  await page.getByTestId('reset').click();
  await page.getByTestId('test-accuracy').waitFor();
  assert.equal(await play.isDisabled(), false);
  const enabled = await play.evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(look.bg, enabled, 'the disabled Play does not keep the accent colour');
  await context.close();
});
