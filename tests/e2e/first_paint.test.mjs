// The first paint comes from index.html and the stylesheet, before the wasm arrives: the app's
// header and a section skeleton saying "Loading the lab…", in the page's theme (no header in
// an embed). The app replaces it when it mounts; the wasm download starts from a preload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page whose wasm never arrives (the request is held), so only the static shell shows. */
async function withoutWasm(query, colorScheme = 'light') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  await context.route('**/*.wasm', () => {});
  const page = await context.newPage();
  await page.goto(server.url + query);
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
  return { page, context };
}

test('before the wasm arrives the header and a loading state are painted', async () => {
  const { page, context } = await withoutWasm('?tab=play');
  const shell = page.locator('[data-boot-shell]');
  assert.equal(await shell.locator('.brand').textContent(), '⌁Activation Lab');
  assert.deepEqual(await shell.locator('.tab').allInnerTexts(), ['Explorer', 'Playground', 'Experiments']);
  assert.ok(await page.getByText('Loading the lab…').isVisible());
  assert.equal(await page.locator('.shell').count(), 0, 'the app has not mounted');
  assert.equal(await page.getByTestId('boot-fail').isVisible(), false, 'the failure note waits');
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
  assert.ok(fcp > 0, `first contentful paint at ${fcp} ms without any wasm`);
  const preloads = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload]')].map((l) => [l.getAttribute('href'), l.as, l.crossOrigin]));
  assert.deepEqual(preloads, [['./activation-lab_bg.wasm', 'fetch', 'anonymous']]);
  await context.close();
});

test('the shell follows the dark theme and an embed has no header', async () => {
  const dark = await withoutWasm('?tab=play', 'dark');
  const bg = await dark.page.locator('[data-boot-shell] .app-header').evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(bg, 'rgb(26, 32, 41)', 'the dark panel colour');
  await dark.context.close();
  const embed = await withoutWasm('?tab=play&embed=1');
  assert.equal(await embed.page.locator('[data-boot-shell] .app-header').isVisible(), false);
  assert.ok(await embed.page.getByText('Loading the lab…').isVisible());
  await embed.context.close();
});

test('the app replaces the static shell when it mounts', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '?tab=play');
  await waitForApp(page);
  assert.equal(await page.locator('[data-boot-shell]').count(), 0);
  assert.equal(await page.locator('.app-header').count(), 1, 'one header: the app\'s');
  await context.close();
});

test('the wasm is downloaded once, from the preload, and compiled while it streams', async () => {
  const context = await browser.newContext();
  // Record how the glue instantiates the module: streaming (from the Response, compiling as
  // the bytes arrive) or the slower fallback on a whole ArrayBuffer.
  await context.addInitScript(() => {
    const calls = [];
    window.__wasmCalls = calls;
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (source, imports) => {
      const call = { how: 'streaming', ok: null };
      calls.push(call);
      return streaming.call(WebAssembly, source, imports).then(
        (r) => { call.ok = true; return r; },
        (e) => { call.ok = false; throw e; },
      );
    };
    const whole = WebAssembly.instantiate;
    WebAssembly.instantiate = (source, imports) => {
      if (!(source instanceof WebAssembly.Module)) calls.push({ how: 'bytes', ok: null });
      return whole.call(WebAssembly, source, imports);
    };
  });
  const page = await context.newPage();
  const wasmRequests = [];
  page.on('request', (req) => { if (req.url().endsWith('.wasm')) wasmRequests.push(req.url()); });
  const warnings = [];
  page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
  const wasmType = page.waitForResponse((r) => r.url().endsWith('.wasm')).then((r) => r.headers()['content-type']);
  await page.goto(server.url + '?tab=play');
  await waitForApp(page);
  assert.equal(await wasmType, 'application/wasm', 'served with the type streaming compilation needs');
  assert.deepEqual(await page.evaluate(() => window.__wasmCalls), [{ how: 'streaming', ok: true }]);
  assert.equal(wasmRequests.length, 1, `one download (the preload is used): ${wasmRequests.join(', ')}`);
  assert.deepEqual(warnings.filter((w) => /preload|instantiateStreaming/i.test(w)), []);
  await context.close();
});
