// The network diagram's links while training: the weights are written onto the lines (width,
// colour) at the chart rate, and a link's words (title, aria-label, data-weight) when they are
// read (the pointer over it, the focus on it); a pause writes every line and every word. What
// a paused diagram shows is checked against the model file the page saves (its weights).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const epoch = async (page) => Number(await page.getByTestId('epoch').innerText());
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return fs.readFile(await file.path(), 'utf8');
}
/** Every link as the page shows it: its key, width, sign and words. */
const shownLinks = (page) => page.evaluate(() => [...document.querySelectorAll('.play-network line.link-hit')].map((hit) => {
  const line = hit.previousElementSibling;
  return {
    key: hit.getAttribute('data-link'),
    width: line.getAttribute('stroke-width'),
    pos: line.classList.contains('w-pos'),
    neg: line.classList.contains('w-neg'),
    weight: hit.getAttribute('data-weight'),
    title: hit.querySelector('title')?.textContent ?? '',
    aria: hit.getAttribute('aria-label') ?? '',
  };
}));
/** What a weight should look like on its link (the diagram's rule: twice |w|, 0.4 to 7 px). */
const expected = (w) => ({ width: Math.min(7, Math.max(0.4, Math.abs(w) * 2)).toFixed(1), pos: w >= 0, text: w.toFixed(3) === '-0.000' ? '0.000' : w.toFixed(3) });

test('paused after training, every link shows the weight the model file saves: width, colour, title, aria-label', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&networkShape=6,5&speed=1&seed=7`);
  await waitForApp(page);
  const before = await shownLinks(page);
  assert.equal(before.length, 2 * 6 + 6 * 5 + 5, 'one hit line per link (2 inputs, 6, 5, output)');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 40, null, { timeout: 30000 });
  await page.getByTestId('play').click();
  await page.waitForTimeout(300);
  const shown = await shownLinks(page);
  const model = JSON.parse(await download(page, 'save-model'));
  assert.equal(String(model.epoch), await page.getByTestId('epoch').innerText(), 'the file is of the epoch shown');
  for (const l of shown) {
    const [layer, to, from] = l.key.split('-').map(Number);
    const want = expected(model.layers[layer].weights[to][from]);
    assert.equal(l.width, want.width, `${l.key}: width`);
    assert.equal(l.pos, want.pos, `${l.key}: colour`);
    assert.equal(l.neg, !want.pos, `${l.key}: one colour only`);
    assert.equal(l.weight, want.text, `${l.key}: data-weight`);
    assert.match(l.title, new RegExp(`^Weight .+ → .+: ${want.text.replace('.', '\\.')} \\(click to edit\\)$`), `${l.key}: title`);
    assert.match(l.aria, new RegExp(`^Weight .+ → .+: ${want.text.replace('.', '\\.')}\\. Enter edits it`), `${l.key}: aria-label`);
  }
  assert.notDeepEqual(shown.map((l) => l.weight), before.map((l) => l.weight), 'the weights moved with training');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('while training, a link read by the pointer or the focus says its current weight', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&networkShape=4&speed=1&seed=5`);
  await waitForApp(page);
  const [focusKey, hoverKey] = ['1-0-2', '0-1-0']; // L1.3 → output, X₁ → L1.2
  const words = (key) => page.getByTestId(`link-${key}`).evaluate((h) => ({
    weight: h.getAttribute('data-weight'), aria: h.getAttribute('aria-label'), title: h.querySelector('title').textContent,
  }));
  const start = { focus: await words(focusKey), hover: await words(hoverKey) };
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]').textContent) >= 60, null, { timeout: 30000 });
  // The focus (as the arrow keys move it) writes the words of the weight at that moment.
  await page.getByTestId(`link-${focusKey}`).focus();
  const focused = await words(focusKey);
  assert.notEqual(focused.weight, start.focus.weight, 'the focused link says the weight it has now, not the one before training');
  assert.ok(focused.aria.includes(`: ${focused.weight}.`), focused.aria);
  assert.ok(focused.title.includes(`: ${focused.weight} (click to edit)`), focused.title);
  // The pointer over a link does the same.
  await page.getByTestId(`link-${hoverKey}`).hover({ force: true });
  const hovered = await words(hoverKey);
  assert.ok(await epoch(page) >= 60, 'still training');
  assert.notEqual(hovered.weight, start.hover.weight, 'the link under the pointer says the weight it has now');
  assert.ok(hovered.title.includes(`: ${hovered.weight} (click to edit)`), hovered.title);
  await page.getByTestId('play').click();
  assert.deepEqual(problems(), []);
  await context.close();
});
