// Wasm memory while the Playground trains at full speed, in headless Chromium on the release
// build (`./lab build` first). A benchmark that prints figures, not a test:
//   node scripts/memory.mjs [minutes] ['<query>']
// (default 10 minutes, `?tab=play&speed=50`; `LAB_DIST=dir` measures another build, `SHOT=f.png`
// saves the charts at the end). Prints
// the wasm memory (`memory.buffer.byteLength` of the app's instance: it only grows, so it is the
// high-water mark) and the epoch every 30 s, then the growth from minute 1 to the end.
import { serve, launch } from '../tests/e2e/harness.mjs';

const [minutes = '10', query = '?tab=play&speed=50'] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
// Keep the app's wasm memory where the page can read it, whatever the loader does with it.
await page.addInitScript(() => {
  const keep = (result) => {
    const instance = result.instance ?? result;
    const memory = instance?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) window.__labMemory = memory;
    return result;
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
});
await page.goto(server.url + query);
await page.waitForSelector('.shell');
await page.waitForTimeout(500);
if (await page.getByTestId('play').innerText().then((t) => t.includes('Play'))) await page.getByTestId('play').click();

const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;
const sample = () => page.evaluate(() => ({
  bytes: window.__labMemory ? window.__labMemory.buffer.byteLength : NaN,
  epoch: Number(document.querySelector('[data-testid=epoch]')?.textContent ?? NaN),
}));
const t0 = Date.now();
const total = Number(minutes) * 60_000;
let atMinute1 = null;
let last = null;
console.log(`${query}, ${minutes} min`);
for (let t = 30_000; t <= total; t += 30_000) {
  await page.waitForTimeout(Math.max(0, t0 + t - Date.now()));
  last = await sample();
  if (t === 60_000) atMinute1 = last;
  const at = ((Date.now() - t0) / 60_000).toFixed(2);
  console.log(`${(t / 60_000).toFixed(1).padStart(5)} min (read at ${at}): wasm memory ${mib(last.bytes)}, epoch ${last.epoch}`);
}
if (atMinute1 && last) {
  const growth = ((last.bytes / atMinute1.bytes - 1) * 100).toFixed(1);
  const epochs = last.epoch - atMinute1.epoch;
  const perEpoch = epochs > 0 ? ((last.bytes - atMinute1.bytes) / epochs).toFixed(1) : 'n/a';
  console.log(`minute 1 → ${minutes}: ${mib(atMinute1.bytes)} → ${mib(last.bytes)} (${growth} %), ${epochs} epochs, ${perEpoch} bytes per epoch`);
}
// SHOT=file.png: a screenshot of the charts at the end (a long run's note on what is thinned).
if (process.env.SHOT) await page.locator('.live-charts').screenshot({ path: process.env.SHOT });
await browser.close();
await server.close();
