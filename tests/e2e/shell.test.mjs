// The page shell: the app mounts, each section opens from its tab and from a link, nothing
// leaves 127.0.0.1, the console stays clean, and a bad link earns a notice, not a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the app mounts with header, tabs and footer, with no console error and no outside request', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await waitForApp(page);
  assert.match(await page.locator('h1.brand').innerText(), /Activation Lab/);
  assert.equal(await page.getByRole('tab').count(), 3);
  assert.match(await page.getByTestId('version').innerText(), /^Activation Lab v\d+\.\d+\.\d+/);
  await page.waitForTimeout(300);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('each section opens from its tab, and the tab is written into the URL', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  await waitForApp(page);
  for (const [id, name] of [['play', 'Playground'], ['experiments', 'Experiments'], ['explore', 'Explorer']]) {
    await page.getByTestId(`tab-${id}`).click();
    await page.waitForFunction((t) => new URL(location.href).searchParams.get('tab') === t, id);
    assert.equal(await page.getByTestId(`tab-${id}`).getAttribute('aria-selected'), 'true');
    assert.match(await page.locator('main').getAttribute('class'), new RegExp(`section-${id}`));
    assert.ok((await page.locator('main').innerText()).includes(name), `section ${id} shows ${name}`);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a link opens the right section; an unknown one shows a notice', async () => {
  for (const id of ['play', 'experiments', 'explore']) {
    const { page, context } = await openPage(browser, `${server.url}?tab=${id}`);
    await waitForApp(page);
    assert.equal(await page.getByTestId(`tab-${id}`).getAttribute('aria-selected'), 'true');
    await context.close();
  }
  const { page, context } = await openPage(browser, `${server.url}?tab=nonsense`);
  await waitForApp(page);
  assert.match(await page.getByTestId('notices').innerText(), /nonsense/);
  assert.equal(await page.getByTestId('tab-explore').getAttribute('aria-selected'), 'true');
  await context.close();
});

test('arrow keys move between tabs, and the focus moves with the selection', async () => {
  const { page, context } = await openPage(browser, `${server.url}?tab=explore`);
  await waitForApp(page);
  await page.getByTestId('tab-explore').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('tab') === 'play');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tab-play');
  assert.equal(await page.getByTestId('tab-play').getAttribute('tabindex'), '0');
  assert.equal(await page.getByTestId('tab-explore').getAttribute('tabindex'), '-1');
  await context.close();
});

test('every section works under the strict Content-Security-Policy of an embedding host', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  const strict = await serve(undefined, { headers: { 'content-security-policy': csp } });
  try {
    for (const tab of ['explore', 'play', 'experiments']) {
      const { page, context, problems } = await openPage(browser, `${strict.url}?tab=${tab}`);
      await waitForApp(page);
      if (tab === 'play') {
        await page.getByTestId('step').click();
        await page.getByTestId('epoch').filter({ hasText: '1' }).waitFor();
      }
      await page.waitForTimeout(300);
      assert.deepEqual(problems(), [], `${tab} under CSP`);
      await context.close();
    }
  } finally {
    await strict.close();
  }
});
