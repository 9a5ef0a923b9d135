// What a frame costs the main thread while a section trains, in headless Chromium on the
// release build (`./lab build` first). A benchmark that prints figures, not a test:
//   node scripts/frame-cost.mjs ['<query>'] [--throttle N] [--busy] [--seconds S] [--speed N]
// e.g. node scripts/frame-cost.mjs '?tab=play' --speed 1
//      node scripts/frame-cost.mjs '?tab=experiments&exp=compare' --throttle 4
// --throttle N  slows the page's CPU N× (DevTools `Emulation.setCPUThrottlingRate`: a phone ≈ 4)
// --busy        another process keeps one core busy for the whole run (`node -e 'for(;;){}'`)
// --speed N     appends `&speed=N` (epochs per frame; 1 = one epoch per frame)
// --worst N     also lists the N longest frames (wall time), each with where its time went
// env TRACE_OUT=<file> saves the trace's events (JSON); TRACE_CATEGORIES=<a,b> traces more
// Prints: fps and epochs/s (from the epoch counter), the main thread's work per frame (median,
// p95, mean: the renderer main thread's top-level tasks from Chromium's trace, summed between
// animation frames; in CPU time, and in wall time, which includes waiting for a core), and
// where it goes: the app's `performance.measure` spans (named `lab:…`, recorded only when the
// page sets `window.__labSpans = true`, as this script does), plus style/layout/paint.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { serve, launch } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--throttle', '--seconds', '--speed', '--worst'].includes(args[i - 1])));
let query = positional[0] ?? '?tab=play';
const throttle = Number(option('--throttle', '1'));
const seconds = Number(option('--seconds', '6'));
const speed = option('--speed', null);
const worst = Number(option('--worst', '0'));
if (speed) query += `${query.includes('?') ? '&' : '?'}speed=${speed}`;

const busy = flag('--busy') ? spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }) : null;
const server = await serve();
const browser = await launch();
try {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await page.addInitScript(() => { window.__labSpans = true; });
  await page.goto(server.url + query);
  await page.waitForSelector('.shell');
  await page.waitForTimeout(800);
  const cdp = await page.context().newCDPSession(page);
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const play = page.getByTestId('play').first();
  if ((await play.innerText()).includes('Play')) await play.click();
  await page.waitForTimeout(1500); // warm-up: the budget settles

  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: ['devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,toplevel', process.env.TRACE_CATEGORIES].filter(Boolean).join(','),
    transferMode: 'ReportEvents',
  });
  const epoch = () => page.evaluate(() => Number(document.querySelector('[data-testid=epoch]').textContent));
  const e0 = await epoch();
  const t0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const e1 = await epoch();
  const elapsed = (Date.now() - t0) / 1000;
  await cdp.send('Tracing.end');
  await done;
  if (process.env.TRACE_OUT) (await import("node:fs")).writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
  report(events, { e0, e1, elapsed });
} finally {
  await browser.close();
  await server.close();
  busy?.kill();
}

function report(events, { e0, e1, elapsed }) {
  // The renderer's main thread: where the page's animation frames fire.
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X');
  if (frames.length < 2) throw new Error('no animation frames in the trace');
  const { pid, tid } = frames[0];
  const main = events.filter((e) => e.pid === pid && e.tid === tid);
  const starts = frames.filter((e) => e.pid === pid && e.tid === tid).map((e) => e.ts).sort((a, b) => a - b);
  // Only the top-level tasks: a task nested in another is counted in its parent.
  const tasks = main.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((a, b) => a.ts - b.ts);
  const top = [];
  for (const t of tasks) {
    const last = top[top.length - 1];
    if (!last || t.ts >= last.ts + last.dur) top.push(t);
  }
  // A frame's work: the tasks from its animation frame up to the next one.
  // Wall time (`dur`) and the thread's CPU time (`tdur`: what the frame cost, less the time the
  // thread waited for a core — on a loaded machine the two differ a lot).
  const perFrame = new Array(starts.length - 1).fill(0);
  const cpuFrame = new Array(starts.length - 1).fill(0);
  let k = 0;
  for (const t of top) {
    while (k < starts.length - 1 && t.ts >= starts[k + 1]) k++;
    if (k >= starts.length - 1) break;
    if (t.ts + t.dur <= starts[0]) continue;
    perFrame[k] += t.dur / 1000;
    cpuFrame[k] += (t.tdur ?? t.dur) / 1000;
  }
  const stats = (values) => {
    const sorted = values.slice().sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, mean ${mean.toFixed(2)} ms`;
  };
  const span = (starts[starts.length - 1] - starts[0]) / 1e6;
  const n = perFrame.length;
  console.log(`${query}${throttle !== 1 ? `  (CPU throttled ${throttle}×)` : ''}${busy ? '  (one core kept busy)' : ''}`);
  console.log(`load average: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  console.log(`fps: ${(n / span).toFixed(1)}   epochs/s: ${((e1 - e0) / elapsed).toFixed(0)} (epoch ${e0} → ${e1} in ${elapsed.toFixed(1)} s)`);
  console.log(`main thread per frame, CPU:  ${stats(cpuFrame)} (${n} frames)`);
  console.log(`main thread per frame, wall: ${stats(perFrame)}`);
  // Where it goes: the app's spans (user timing, async begin/end pairs) and the browser's work.
  const sums = new Map();
  const add = (name, ms) => sums.set(name, (sums.get(name) ?? 0) + ms);
  const open = new Map();
  for (const e of events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('lab:'))) {
    const key = `${e.name}/${e.id ?? e.id2?.local ?? ''}`;
    if (e.ph === 'b') open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) { add(e.name, (e.ts - open.get(key)) / 1000); open.delete(key); }
    else if (e.ph === 'X') add(e.name, e.dur / 1000);
  }
  for (const e of main.filter((e) => e.ph === 'X')) {
    if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'UpdateLayer', 'HitTest', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseHTML'].includes(e.name)) {
      add(e.name, (e.tdur ?? e.dur) / 1000);
    }
  }
  console.log('per frame (mean ms; the lab:* spans in wall time, the browser\'s steps in CPU time):');
  for (const [name, ms] of [...sums].sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(28)} ${(ms / n).toFixed(2)}`);
  if (worst > 0) reportWorst(events, main, starts, perFrame, cpuFrame);
}

// The longest frames: for each, its wall and CPU time and the spans and browser steps in it
// (ms, biggest first), so a frame over budget says why.
function reportWorst(events, main, starts, perFrame, cpuFrame) {
  const frameOf = (ts) => {
    let lo = 0, hi = starts.length - 2;
    if (ts < starts[0] || ts >= starts[starts.length - 1]) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= ts) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const parts = perFrame.map(() => new Map());
  const add = (k, name, ms) => { if (k >= 0) parts[k].set(name, (parts[k].get(name) ?? 0) + ms); };
  const open = new Map();
  for (const e of events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('lab:'))) {
    const key = `${e.name}/${e.id ?? e.id2?.local ?? ''}`;
    if (e.ph === 'b') open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) { add(frameOf(open.get(key)), e.name, (e.ts - open.get(key)) / 1000); open.delete(key); }
  }
  const skip = ['RunTask', 'ThreadControllerImpl::RunTask'];
  for (const e of main.filter((e) => e.ph === 'X' && !skip.includes(e.name) && !e.name.startsWith('lab:'))) add(frameOf(e.ts), e.name, (e.tdur ?? e.dur) / 1000);
  const order = perFrame.map((ms, k) => k).sort((a, b) => perFrame[b] - perFrame[a]).slice(0, worst);
  console.log(`the ${order.length} longest frames (wall ms / CPU ms: where it went, ms):`);
  for (const k of order) {
    const list = [...parts[k]].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 0.5)
      .map(([name, ms]) => `${name.replace('lab:', '')} ${ms.toFixed(1)}`).join(', ');
    console.log(`  #${k} ${perFrame[k].toFixed(1)} / ${cpuFrame[k].toFixed(1)}: ${list}`);
  }
}
