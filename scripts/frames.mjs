// Frame times and training speed while the Playground trains, in headless Chromium on the
// release build (`./lab build` first). A benchmark that prints figures, not a test:
//   node scripts/frames.mjs ['<query>'] [seconds]
// Prints the median, 95th percentile and longest frame interval, frames per second, epochs per
// second, and how long Pause takes to answer: from the click (a raw mouse click, queued like a
// user's behind a long frame) to the Play label being back. LAB_DIST=<dir> serves another build.
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
// Pause: the button's box first (reading it waits for no frame), then a raw click.
const box = await page.getByTestId('play').boundingBox();
await page.evaluate(() => {
  const button = document.querySelector('[data-testid=play]');
  window.__paused = new Promise((resolve) => {
    const seen = () => button.textContent.includes('Play') && (resolve(Date.now()), true);
    new MutationObserver(seen).observe(button, { childList: true, subtree: true, characterData: true });
  });
});
const clicked = Date.now();
await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
const answered = await page.evaluate(() => window.__paused);
console.log(`pause answered in ${answered - clicked} ms`);
await browser.close();
await server.close();
