// Training in a Web Worker against training inside the animation frame, with the same drawing
// on the page (src/worker_bench). A benchmark that prints figures, not a test:
//   ./lab bench-worker [seconds]      (builds bench/worker.html into target/bench-worker first)
// For each network, both modes: frames per second, median and 95th percentile frame interval,
// epochs per second. Then whether the worker starts inside <iframe sandbox="allow-scripts">.
import { serve, launch } from '../tests/e2e/harness.mjs';

const seconds = Number(process.argv[2] ?? 6);
const NETWORKS = [
  ['default [4,2]', ''],
  ['[8,8] relu batch 10', 'activation=relu&networkShape=8,8&batchSize=10&speed=50'],
  ['[8,8,8,8,8,8]', 'networkShape=8,8,8,8,8,8'],
];

const server = await serve();
const browser = await launch();

async function measure(query) {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(`${server.url}index.html?${query}`);
  await page.waitForSelector('[data-testid=epoch]');
  await page.waitForTimeout(1500); // warm-up
  const error = await page.locator('#error').allInnerTexts();
  if (error.length) throw new Error(`${query}: ${error.join('; ')}`);
  const r = await page.evaluate((ms) => new Promise((resolve) => {
    const times = [];
    const epoch = () => Number(document.querySelector('[data-testid=epoch]').textContent);
    const e0 = epoch();
    const t0 = performance.now();
    const tick = (t) => {
      times.push(t);
      if (t - t0 < ms) requestAnimationFrame(tick);
      else resolve({ times, epochs: epoch() - e0, elapsed: t - t0 });
    };
    requestAnimationFrame(tick);
  }), seconds * 1000);
  await page.context().close();
  const gaps = r.times.slice(1).map((t, i) => t - r.times[i]).sort((a, b) => a - b);
  const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
  return {
    fps: gaps.length / r.elapsed * 1000, median: q(0.5), p95: q(0.95), epochs: r.epochs / r.elapsed * 1000,
  };
}

console.log(`| network | training in | fps | median frame | p95 frame | epochs/s |`);
console.log(`|---|---|---|---|---|---|`);
for (const [name, query] of NETWORKS) {
  for (const mode of ['frame', 'worker']) {
    const m = await measure(`mode=${mode}${query ? '&' + query : ''}`);
    console.log(`| ${name} | ${mode} | ${m.fps.toFixed(1)} | ${m.median.toFixed(1)} ms | ${m.p95.toFixed(1)} ms | ${m.epochs.toFixed(0)} |`);
  }
}

// A course page embeds the lab in <iframe sandbox="allow-scripts">: can a worker start there?
const page = await (await browser.newContext()).newPage();
await page.goto(`${server.url}index.html?mode=frame`);
await page.setContent(`<iframe sandbox="allow-scripts" src="${server.url}index.html?mode=worker" width="800" height="600"></iframe>`);
await page.waitForTimeout(4000);
const frame = page.frames().find((f) => f.url().includes('mode=worker'));
const epoch = frame ? await frame.locator('[data-testid=epoch]').innerText().catch(() => '?') : '?';
const error = frame ? (await frame.locator('#error').allInnerTexts()).join('; ') : 'no frame';
console.log(`\nsandboxed iframe (allow-scripts, no allow-same-origin): epoch ${epoch} after 4 s${error ? `, error: ${error}` : ''}`);
await browser.close();
await server.close();
