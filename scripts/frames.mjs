// Frame times and training speed while the Playground trains, in headless Chromium on the
// release build (`./lab build` first). A benchmark that prints figures, not a test:
//   node scripts/frames.mjs ['<query>'] [seconds]
// Prints the median and 95th percentile frame interval, frames per second and epochs per second.
import { serve, launch } from '../tests/e2e/harness.mjs';

const [query = '?tab=play', seconds = '6'] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
await page.goto(server.url + query);
await page.waitForSelector('.shell');
await page.waitForTimeout(500);
const epoch0 = Number(await page.getByTestId('epoch').innerText());
if (await page.getByTestId('play').innerText().then((t) => t.includes('Play'))) await page.getByTestId('play').click();
await page.waitForTimeout(1000); // warm-up
const result = await page.evaluate((ms) => new Promise((resolve) => {
  const times = [];
  const e0 = Number(document.querySelector('[data-testid=epoch]').textContent);
  const t0 = performance.now();
  const tick = (t) => {
    times.push(t);
    if (t - t0 < ms) requestAnimationFrame(tick);
    else resolve({ times, epochs: Number(document.querySelector('[data-testid=epoch]').textContent) - e0, elapsed: t - t0 });
  };
  requestAnimationFrame(tick);
}), Number(seconds) * 1000);
const gaps = result.times.slice(1).map((t, i) => t - result.times[i]).sort((a, b) => a - b);
const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
console.log(`${query}`);
console.log(`frames: ${gaps.length} in ${(result.elapsed / 1000).toFixed(1)} s = ${(gaps.length / result.elapsed * 1000).toFixed(1)} fps`);
console.log(`frame interval: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${gaps[gaps.length - 1].toFixed(1)} ms`);
console.log(`training: ${(result.epochs / result.elapsed * 1000).toFixed(0)} epochs/s (epoch ${epoch0} → ${epoch0 + result.epochs})`);
await browser.close();
await server.close();
