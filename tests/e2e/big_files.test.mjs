// Inputs too big for the lab are refused by their size before they are read into wasm: a 2 MB
// CSV (the cap is 1 MB, which 10,000 points fit in), a 2 MB model file (the cap is 512 KB) and
// a 5 MB `set` message from an embedding page each say so, the data and the model stay as they
// were, and the wasm memory does not grow by the input's size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });

/** A context whose pages keep the app's wasm memory in `window.__labMemory`. */
async function watchedContext() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const original = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (...args) => original.apply(WebAssembly, args).then((r) => {
      window.__labMemory = r.instance.exports.memory;
      return r;
    });
  });
  return context;
}
const wasmBytes = (frame) => frame.evaluate(() => window.__labMemory.buffer.byteLength);
after(async () => { await browser?.close(); await server?.close(); });

const num = async (page, id) => Number(await page.getByTestId(id).innerText());

/** `bytes` bytes of valid-looking CSV rows (so only the size can be the reason to refuse). */
function csvOf(bytes) {
  const row = '1.25,-2.5,1,train\n';
  return Buffer.from('x1,x2,label,set\n' + row.repeat(Math.ceil(bytes / row.length)));
}

test('a 2 MB CSV is refused by its size and the points stay', async () => {
  const context = await watchedContext();
  const page = await context.newPage();
  await page.goto(`${server.url}?tab=play&numPoints=300`);
  await waitForApp(page);
  const memory = await wasmBytes(page);
  const counts = [await num(page, 'train-count'), await num(page, 'test-count')];
  await page.getByTestId('import-data').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: csvOf(2_000_000) });
  const banner = page.getByTestId('notices');
  await banner.filter({ hasText: 'huge.csv' }).waitFor();
  assert.match(await banner.innerText(), /huge\.csv was not imported: the file is 2\.0 MB, more than the 1\.0 MB a CSV of 10000 points needs, so it was not read/);
  assert.deepEqual([await num(page, 'train-count'), await num(page, 'test-count')], counts, 'the previous data is kept');
  const grown = (await wasmBytes(page)) - memory;
  assert.ok(grown < 1_000_000, `the file was never read into wasm (memory grew by ${grown} bytes)`);
  // A file within the cap still imports.
  await page.getByTestId('import-data').setInputFiles({ name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2,1\n-1,-2,-1\n') });
  await page.getByTestId('custom-data').filter({ hasText: 'Custom data (2 points)' }).waitFor();
  await context.close();
});

test('a model file over 512 KB is refused by its size and the model stays', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&seed=5`);
  await waitForApp(page);
  await page.getByTestId('step').click();
  await page.getByTestId('epoch').filter({ hasText: '1' }).waitFor();
  const losses = [await page.getByTestId('train-loss').innerText(), await page.getByTestId('test-loss').innerText()];
  const huge = Buffer.from(`{"format": "activation-lab/model-1", "pad": "${'x'.repeat(2_000_000)}"}`);
  await page.getByTestId('open-model').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer: huge });
  const message = page.getByTestId('model-message');
  await message.filter({ hasText: 'Not opened' }).waitFor();
  assert.equal(await message.innerText(), 'Not opened: The file is 2.0 MB, more than the 512 KB of the largest model file, so it was not read.');
  assert.equal(await page.getByTestId('epoch').innerText(), '1', 'the model is kept');
  assert.deepEqual([await page.getByTestId('train-loss').innerText(), await page.getByTestId('test-loss').innerText()], losses);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a 5 MB set message from the embedding page is refused before it is copied into wasm', async () => {
  const context = await watchedContext();
  const page = await context.newPage();
  await page.setContent(`<iframe src="${server.url}?tab=play&embed=1" width="900" height="700"></iframe>`);
  const frame = page.frames()[1];
  await waitForApp(frame);
  const memory = await wasmBytes(frame);
  const reply = await page.evaluate(() => new Promise((resolve) => {
    window.addEventListener('message', (e) => { if (e.data?.type === 'activation-lab:reply') resolve(e.data); });
    const settings = 'activation=elu&' + 'x'.repeat(5_000_000);
    document.querySelector('iframe').contentWindow.postMessage({ type: 'activation-lab:command', command: 'set', settings }, '*');
  }));
  assert.equal(reply.ok, false);
  assert.equal(reply.notices[0].message, 'set: settings of 5000015 characters are too long (at most 4096); nothing changed.');
  const grown = (await wasmBytes(frame)) - memory;
  assert.ok(grown < 1_000_000, `the string was never copied into wasm (memory grew by ${grown} bytes)`);
  await context.close();
});
