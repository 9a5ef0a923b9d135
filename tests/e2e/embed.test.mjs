// Embedding as docs/embedding.md describes it, on a course page of another origin: the Embed
// dialog's snippet pasted as it is grows the frame to the lab's content and runs; a lab without
// controls keeps a Play button; pausing reports the epoch the lab stops at; a sandboxed frame
// whose host sends no CORS header shows a readable note instead of a white page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, waitForApp, DIST } from './harness.mjs';

let lab, course, bare, courseDir, browser;

/** A static server for `dir` that sends no Access-Control-Allow-Origin (many LMS file areas). */
async function serveWithoutCors(dir) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' }[path.extname(file)];
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

before(async () => {
  courseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lab-course-'));
  // Two origins: the lab's host and the course page's (another port is another origin).
  lab = await serve(DIST);
  course = await serve(courseDir);
  bare = await serveWithoutCors(DIST);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await Promise.all([lab?.close(), course?.close(), bare?.close()]);
  await fs.rm(courseDir, { recursive: true, force: true });
});

/** The Embed dialog's snippet for `query` on the lab's host, after `choose(page)`. */
async function snippetFor(query, choose = async () => {}) {
  const { page, context } = await openPage(browser, `${lab.url}${query}`);
  await waitForApp(page);
  await page.getByTestId('embed-code').click();
  await choose(page);
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  await context.close();
  return snippet;
}

const coursePage = (body) => `<!doctype html><html><head><meta charset="utf-8"><title>Week 3</title><link rel="icon" href="data:,"></head>
<body style="margin:0;font-family:sans-serif"><h1>Week 3: activations</h1><p>Read, then try it yourself.</p>
${body}
<p id="after">Questions for the seminar.</p></body></html>`;

test('the dialog snippet, pasted into a course page on another origin, grows to the lab and runs', async () => {
  const snippet = await snippetFor('?tab=play&activation=relu&networkShape=6,4&seed=2');
  // What docs/embedding.md shows: the marked iframe and embed.js from beside the lab.
  assert.match(snippet, /^<iframe data-activation-lab src="http:\/\/127\.0\.0\.1:\d+\/\?tab=play&amp;[^"]*embed=1" /);
  assert.ok(snippet.includes(`<script src="${lab.url}embed.js" defer></script>`), snippet);
  assert.match(snippet, / height="900" /);
  await fs.writeFile(path.join(courseDir, 'course.html'), coursePage(snippet));

  const { page, context, problems } = await openPage(browser, `${course.url}course.html`);
  await page.evaluate(() => {
    window.epochs = [];
    window.addEventListener('message', (e) => { if (e.data?.type === 'activation-lab:epoch') window.epochs.push(e.data.epoch); });
  });
  const frame = page.frameLocator('iframe[data-activation-lab]');
  await frame.locator('.shell.embed').waitFor({ timeout: 30000 });
  // The frame grows past its fixed 900 px to the lab's whole content: nothing is cut off.
  await page.waitForFunction(() => document.querySelector('iframe[data-activation-lab]').getBoundingClientRect().height > 950, null, { timeout: 15000 });
  const content = await frame.locator('.shell.embed').evaluate((s) => s.offsetHeight);
  const height = await page.locator('iframe[data-activation-lab]').evaluate((f) => f.getBoundingClientRect().height);
  assert.ok(Math.abs(height - content) <= 2, `frame ${height} px for ${content} px of lab`);
  assert.equal(await frame.locator('html').evaluate((d) => d.scrollHeight - d.clientHeight <= 1), true, 'no scrolling inside the frame');

  // It runs: Play trains, and pausing reports the epoch the lab shows, not an earlier redraw's.
  await page.locator('iframe[data-activation-lab]').scrollIntoViewIfNeeded();
  await frame.getByTestId('play').click();
  await frame.locator('[data-testid=epoch]').filter({ hasText: /^([3-9]\d|\d{3,})$/ }).waitFor({ timeout: 45000 });
  await frame.getByTestId('play').click();
  await page.waitForTimeout(600);
  const shown = Number(await frame.getByTestId('epoch').innerText());
  assert.ok(shown >= 30, `epoch ${shown}`);
  assert.equal(await page.evaluate(() => window.epochs.at(-1)), shown, 'the last epoch event is the epoch the lab stopped at');
  assert.deepEqual(problems(), []);
  await context.close();
});

test('the dialog offers panels, controls and autoplay; without controls or autoplay Play stays', async () => {
  const fixed = await snippetFor('?tab=play&activation=relu&biasInit=-3&seed=5', async (page) => {
    await page.getByTestId('embed-controls').uncheck();
    await page.getByTestId('embed-panel-play-output').check();
    await page.getByTestId('embed-panel-chart-dead').check();
  });
  assert.match(fixed, /panels=play-output,chart-dead&amp;controls=0"/);
  assert.ok(!fixed.includes('autoplay'));
  const running = await snippetFor('?tab=play&activation=relu&seed=5', async (page) => {
    await page.getByTestId('embed-controls').uncheck();
    await page.getByTestId('embed-autoplay').check();
  });
  assert.match(running, /controls=0&amp;autoplay=1"/);
  await fs.writeFile(path.join(courseDir, 'options.html'), coursePage(`${fixed.replace('<iframe ', '<iframe id="fixed" ')}\n${running.replace('<iframe ', '<iframe id="running" ').replace(/<script[^>]*><\/script>/, '')}`));

  const { page, context, problems } = await openPage(browser, `${course.url}options.html`, { viewport: { width: 1280, height: 2400 } });
  const fixedLab = page.frameLocator('#fixed');
  const runningLab = page.frameLocator('#running');
  await fixedLab.locator('.shell.embed').waitFor({ timeout: 30000 });
  await runningLab.locator('.shell.embed').waitFor({ timeout: 30000 });
  // Only the chosen panels, no settings: but a Play button, so the lab does not sit frozen.
  assert.equal(await fixedLab.locator('.play-network').isVisible(), false);
  assert.equal(await fixedLab.locator('.play-output').isVisible(), true);
  assert.equal(await fixedLab.locator('.chart-dead').isVisible(), true);
  assert.equal(await fixedLab.locator('.chart-loss').isVisible(), false);
  assert.equal(await fixedLab.getByTestId('activation').isVisible(), false);
  assert.equal(await fixedLab.getByTestId('step').isVisible(), false);
  assert.equal(await fixedLab.getByTestId('play').isVisible(), true);
  await fixedLab.getByTestId('play').click();
  await fixedLab.locator('[data-testid=epoch]').filter({ hasText: /^([1-9]\d+)$/ }).waitFor({ timeout: 45000 });
  // With autoplay the lab trains by itself and needs no button.
  await runningLab.locator('[data-testid=epoch]').filter({ hasText: /^([1-9]\d+)$/ }).waitFor({ state: 'attached', timeout: 45000 });
  assert.equal(await runningLab.getByTestId('play').isVisible(), false);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('a sandboxed frame from a host without a CORS header shows a readable note, not a white page', async () => {
  await fs.writeFile(path.join(courseDir, 'sandboxed.html'), coursePage(
    `<iframe id="blocked" sandbox="allow-scripts" src="${bare.url}index.html?tab=play&amp;embed=1" width="100%" height="500"></iframe>
     <iframe id="fine" sandbox="allow-scripts" src="${lab.url}index.html?tab=play&amp;embed=1" width="100%" height="500"></iframe>`));
  const { page, context } = await openPage(browser, `${course.url}sandboxed.html`, { viewport: { width: 1280, height: 1200 } });
  const blocked = page.frameLocator('#blocked');
  const fine = page.frameLocator('#fine');
  await fine.locator('.shell.embed').waitFor({ timeout: 30000 });
  const note = blocked.getByTestId('boot-fail');
  await note.waitFor({ state: 'visible', timeout: 15000 });
  await page.waitForTimeout(800);
  const text = await note.innerText();
  assert.match(text, /could not start/);
  assert.match(text, /Access-Control-Allow-Origin/);
  assert.match(text, /GitHub Pages/);
  assert.equal(await blocked.locator('.shell').count(), 0, 'the lab did not start (no CORS, opaque origin)');
  assert.ok(await note.evaluate((n) => Number(getComputedStyle(n).opacity)) > 0.9, 'the note is shown, not transparent');
  // Where the lab starts, the note never shows.
  assert.equal(await fine.getByTestId('boot-fail').count(), 0);
  await context.close();
});
