// The keyboard, driven as a keyboard user would (no mouse): Space presses the focused button
// and nothing else, shortcuts fire only when no control takes the key, Space never scrolls the
// page, the section tabs move the focus with the selection, `?` lists every shortcut, and a
// pause stops training at once (no frame trains after it, even on a slow machine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const epoch = async (page) => Number(await page.getByTestId('epoch').first().textContent());
const playing = async (page) => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'true';
const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);

/** Presses Tab until the control `testid` has the focus (fails after 60 presses). */
async function tabTo(page, testid) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await focused(page) === testid) return;
  }
  assert.fail(`Tab never reached ${testid}`);
}

/** Waits until the epoch shown has passed `n`. */
const epochPast = (page, n) => page.waitForFunction(
  (n) => Number(document.querySelector('[data-testid=epoch]').textContent) > n, n, { timeout: 15000 });

/**
 * The training is paused and stays so: once the pause is shown (the page may show the last
 * epoch trained before it a moment late, on a slow machine), the epoch does not move for `ms`.
 */
async function staysPaused(page, ms = 500) {
  await page.waitForSelector('[data-testid=play][aria-pressed=false]', { timeout: 5000 });
  const at = await epoch(page);
  await page.waitForTimeout(ms);
  assert.equal(await epoch(page), at, `training went on after the pause (epoch ${at} -> ${await epoch(page)})`);
  assert.equal(await playing(page), false);
  return at;
}

test('Space on a focused Step steps exactly once and does not start training', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play`);
  await waitForApp(page);
  await tabTo(page, 'step');
  await page.keyboard.press('Space');
  await page.waitForTimeout(400);
  assert.equal(await epoch(page), 1);
  assert.equal(await playing(page), false);
  // Enter presses it too, once.
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  assert.equal(await epoch(page), 2);
  assert.equal(await playing(page), false);
  // Space on Reset resets, and does not start training either.
  await tabTo(page, 'reset');
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  assert.equal(await epoch(page), 0);
  assert.equal(await playing(page), false);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('Space on a focused Play plays, and pauses the next time', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play`);
  await waitForApp(page);
  await tabTo(page, 'play');
  await page.keyboard.press('Space');
  await epochPast(page, 20);
  assert.equal(await playing(page), true);
  assert.equal(await focused(page), 'play', 'the focus stays on the Play/Pause button');
  await page.keyboard.press('Space');
  await staysPaused(page);
  await page.keyboard.press('Space');
  await epochPast(page, await epoch(page) + 10);
  await page.keyboard.press('Space');
  await staysPaused(page);
  await context.close();
});

test('letters are shortcuts with a button focused, but not while typing in a field', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play`);
  await waitForApp(page);
  await tabTo(page, 'reset');
  await page.keyboard.press('s');
  await page.waitForTimeout(200);
  assert.equal(await epoch(page), 1, 's steps with a button focused');
  await tabTo(page, 'seed');
  for (const key of ['s', 'r', 'f', '?', 'Space']) await page.keyboard.press(key);
  await page.waitForTimeout(300);
  assert.equal(await epoch(page), 1, 'no shortcut fired while typing in the seed field');
  assert.equal(await playing(page), false);
  assert.equal(await page.getByTestId('shortcuts').count(), 0);
  assert.equal(await page.locator('.shell.presenting').count(), 0);
  await context.close();
});

for (const [name, viewport, query] of [
  ['', { width: 1280, height: 900 }, '?tab=play'],
  [' in presentation mode', { width: 1920, height: 1080 }, '?tab=play&present=1'],
]) {
  test(`with the page focused Space plays and pauses and never scrolls${name}`, async () => {
    const { page, context } = await openPage(browser, server.url + query, { viewport });
    await waitForApp(page);
    await page.getByTestId('epoch').waitFor();
    const scrollable = await page.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
    assert.ok(scrollable > 200, `the page is taller than the window (by ${scrollable} px), so Space could scroll it`);
    assert.equal(await focused(page), 'BODY');
    await page.keyboard.press('Space');
    await epochPast(page, 10);
    assert.equal(await playing(page), true);
    await page.keyboard.press('Space');
    await staysPaused(page);
    assert.equal(await page.evaluate(() => scrollY), 0);
    // Not in a training section either (the Explorer has no Space shortcut).
    await page.getByTestId('tab-explore').focus();
    await page.keyboard.press('Enter');
    await page.evaluate(() => document.activeElement.blur());
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => scrollY), 0);
    await context.close();
  });
}

test('arrow keys, Home and End on the section tabs move the selection and the focus', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=explore`);
  await waitForApp(page);
  await tabTo(page, 'tab-explore');
  for (const [key, id] of [['ArrowRight', 'play'], ['ArrowRight', 'experiments'], ['ArrowRight', 'explore'],
    ['ArrowLeft', 'experiments'], ['Home', 'explore'], ['End', 'experiments']]) {
    await page.keyboard.press(key);
    assert.equal(await focused(page), `tab-${id}`, `${key} focuses ${id}`);
    await page.waitForFunction((t) => new URL(location.href).searchParams.get('tab') === t, id);
    assert.equal(await page.getByTestId(`tab-${id}`).getAttribute('aria-selected'), 'true');
    const reachable = await page.locator('.app-header [role=tab]').evaluateAll((tabs) => tabs.map((t) => t.tabIndex));
    assert.equal(reachable.filter((i) => i === 0).length, 1, `one tab in the Tab order: ${reachable}`);
  }
  // Shift+Tab leaves the tablist: the other tabs are not in the Tab order.
  await page.keyboard.press('Shift+Tab');
  assert.ok(!String(await focused(page)).startsWith('tab-'), `Shift+Tab left the tabs (${await focused(page)})`);
  await context.close();
});

test('? lists every shortcut, f included, in every section; Escape closes it and gives the focus back', async () => {
  for (const tab of ['explore', 'play', 'experiments']) {
    const { page, context } = await openPage(browser, `${server.url}?tab=${tab}`);
    await waitForApp(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    // Each key beside what it does.
    const rows = await dialog.locator('dt').evaluateAll((dts) =>
      dts.map((dt) => [[...dt.querySelectorAll('kbd')].map((k) => k.textContent), dt.nextElementSibling.textContent]));
    for (const [key, does] of [['f', /presentation/], ['?', /this list/], ['Esc', /close/], ['Space', /play/],
      ['s', /step/], ['r', /reset/], ['Home', /first/]]) {
      assert.ok(rows.some(([keys, d]) => keys.includes(key) && does.test(d)), `${tab}: the list shows ${key} (${JSON.stringify(rows)})`);
    }
    assert.equal(await focused(page), 'shortcuts-close', 'the list takes the focus');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'BODY');
    // From a focused button, ? opens it too, and closing gives the focus back to that button.
    await tabTo(page, 'present');
    await page.keyboard.press('?');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(page), 'present');
    assert.equal(await page.locator('.shell.presenting').count(), 0, 'Enter closed the list, not presentation mode');
    await context.close();
  }
});

test('after a pause no further epoch trains, even with the CPU slowed down (repeated)', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=play&networkShape=8,8,8&speed=50`);
  await waitForApp(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.getByTestId('epoch').waitFor();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Space');
    await epochPast(page, await epoch(page) + 5);
    await page.keyboard.press('Space');
    await staysPaused(page);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
});

test('Side by side: Space on its focused Step steps once; with the page focused Space plays and pauses at once', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=experiments&exp=compare`);
  await waitForApp(page);
  await page.getByTestId('epoch').waitFor();
  await tabTo(page, 'step');
  await page.keyboard.press('Space');
  await page.waitForTimeout(400);
  assert.equal(await epoch(page), 1);
  assert.equal(await playing(page), false);
  await page.evaluate(() => document.activeElement.blur());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Space');
    await epochPast(page, await epoch(page) + 5);
    await page.keyboard.press('Space');
    await staysPaused(page);
  }
  assert.equal(await page.evaluate(() => scrollY), 0);
  await context.close();
});
