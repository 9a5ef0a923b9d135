// Export: one "Export ▾" menu per panel. "PNG of this panel" composes the whole panel
// (background, text, canvases, the network's SVG links, form controls; not the menu, not the
// ± buttons) into one PNG under the strict CSP, at max(2, devicePixelRatio) device pixels per
// CSS pixel; every chart canvas is a "PNG of <chart>" item of its panel's menu; the menu works
// with the keyboard and with touch, and hides in presentation mode; inside a sandboxed iframe
// a save degrades to a message. The PNGs are decoded here (zlib + the PNG row filters) and
// checked pixel by pixel against what the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { serve, launch, openPage, waitForApp } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
let server, browser;
before(async () => { server = await serve(undefined, { headers: { 'content-security-policy': CSP } }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG into RGBA pixels. */
function decodePng(buf) {
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  assert.ok(buf.subarray(0, 8).equals(signature), 'the file starts with the PNG signature');
  assert.equal(buf.toString('latin1', 12, 16), 'IHDR', 'the first chunk is IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [depth, colourType, , , interlace] = buf.subarray(24, 29);
  assert.equal(depth, 8, 'bit depth');
  assert.ok(colourType === 6 || colourType === 2, `colour type ${colourType}`);
  assert.equal(interlace, 0, 'not interlaced');
  const idat = [];
  for (let pos = 8; pos < buf.length;) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (type === 'IDAT') idat.push(buf.subarray(pos + 8, pos + 8 + len));
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  const bpp = colourType === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  assert.equal(raw.length, height * (stride + 1), 'the image data has one filtered row per line');
  const rgba = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? line[x - bpp] : 0;
      const b = prev[x];
      const c = x >= bpp ? prev[x - bpp] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else assert.equal(filter, 0, `row filter ${filter}`);
      line[x] = (line[x] + predictor) & 255;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 3; k++) rgba[(y * width + x) * 4 + k] = line[x * bpp + k];
      rgba[(y * width + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
    }
    prev = line;
  }
  const pixel = (x, y) => {
    const i = (Math.min(height - 1, Math.max(0, Math.round(y))) * width + Math.min(width - 1, Math.max(0, Math.round(x)))) * 4;
    return [rgba[i], rgba[i + 1], rgba[i + 2]];
  };
  /** The mean colour of a rectangle of device pixels. */
  const mean = (x0, y0, x1, y1) => {
    const sum = [0, 0, 0];
    let n = 0;
    for (let y = Math.round(y0); y < Math.round(y1); y++) {
      for (let x = Math.round(x0); x < Math.round(x1); x++) {
        pixel(x, y).forEach((v, k) => { sum[k] += v; });
        n++;
      }
    }
    return sum.map((v) => v / Math.max(n, 1));
  };
  const colours = () => {
    const seen = new Set();
    for (let i = 0; i < rgba.length; i += 4) seen.add(rgba.readUInt32BE(i));
    return seen.size;
  };
  return { width, height, pixel, mean, colours };
}

const distance = (a, b) => Math.max(...a.map((v, k) => Math.abs(v - b[k])));
const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const rgbOf = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);

/** Picks an item of a panel's export menu (opening it) and returns the download. */
async function fromMenu(page, name, item) {
  const toggle = page.getByTestId(`export-${name}`);
  await toggle.scrollIntoViewIfNeeded();
  await toggle.click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), page.getByTestId(item).click()]);
  return download;
}

/** Picks a panel's "PNG of this panel" and returns the decoded download with the panel's box. */
async function savePanel(page, name) {
  const button = page.getByTestId(`export-${name}`);
  const download = await fromMenu(page, name, `panel-png-${name}`);
  const png = decodePng(await fs.readFile(await download.path()));
  const panel = await button.evaluate((b) => {
    const el = b.closest('.panel, .png-panel');
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, bg: getComputedStyle(el).backgroundColor };
  });
  return { png, panel, file: download.suggestedFilename() };
}

/** A panel's picture has max(2, devicePixelRatio) device pixels per CSS pixel. */
const scaleOf = async (page) => Math.max(2, await page.evaluate(() => devicePixelRatio));

/** The PNG is the panel's size times the pixel ratio (within rounding). */
function assertSize(png, panel, ratio, what) {
  assert.ok(Math.abs(png.width - panel.w * ratio) <= 2, `${what}: width ${png.width} vs ${panel.w} × ${ratio}`);
  assert.ok(Math.abs(png.height - panel.h * ratio) <= 2, `${what}: height ${png.height} vs ${panel.h} × ${ratio}`);
}

test('Panel as PNG: the network panel at the pixel ratio, with its heatmaps, links and text, without the menu and the ± buttons', async () => {
  // A high-density screen: the picture has twice the panel's CSS pixels each way.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  const p = await ctx.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await p.goto(`${server.url}?tab=play&seed=3`);
  await waitForApp(p);
  for (let i = 0; i < 3; i++) await p.getByTestId('step').click();
  const ratio = await p.evaluate(() => devicePixelRatio);
  assert.equal(ratio, 2);
  const { png, panel, file } = await savePanel(p, 'play-network');
  assert.equal(file, 'activation-lab-play-network.png');
  assertSize(png, panel, ratio, 'network panel');
  assert.ok(png.colours() > 1000, `a real picture, not a fill: ${png.colours()} colours`);
  const at = (x, y) => [(x - panel.x) * ratio, (y - panel.y) * ratio];
  const bg = rgbOf(panel.bg);
  assert.ok(distance(png.pixel(...at(panel.x + 6, panel.y + panel.h / 2)), bg) <= 2, 'the panel background');

  // Every live neuron's heatmap is in its place: the mean colour of its middle fifth matches
  // the canvas on the page (dead neurons and unused inputs are faded by CSS: not compared).
  const maps = await p.evaluate(() => [...document.querySelectorAll('.play-network canvas.node-map')].map((c) => {
    const r = c.getBoundingClientRect();
    const d = c.getContext('2d').getImageData(c.width * 0.4, c.height * 0.4, c.width / 5, c.height / 5).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += d[i + k];
    return { x: r.x, y: r.y, w: r.width, h: r.height, mean: sum.map((v) => v / (d.length / 4)), dead: !!c.closest('.dead, .net-input-off') };
  }));
  assert.ok(maps.length >= 7, `${maps.length} heatmaps`);
  for (const m of maps.filter((m) => !m.dead)) {
    const [x0, y0] = at(m.x + m.w * 0.4, m.y + m.h * 0.4);
    const [x1, y1] = at(m.x + m.w * 0.6, m.y + m.h * 0.6);
    const got = png.mean(x0, y0, x1, y1);
    assert.ok(distance(got, m.mean) <= 14, `heatmap at ${m.x},${m.y}: ${got.map(Math.round)} vs ${m.mean.map(Math.round)}`);
  }

  // The thickest links are drawn, in their weight's colour (blue positive, orange negative),
  // at the middle of the line the page shows.
  const links = await p.evaluate(() => [...document.querySelectorAll('.play-network line.link')]
    .map((l) => {
      const r = l.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, width: Number(l.getAttribute('stroke-width')), pos: l.classList.contains('w-pos') };
    })
    .sort((a, b) => b.width - a.width)
    .slice(0, 4));
  assert.ok(links.length >= 4 && links[3].width >= 1, `thick links: ${JSON.stringify(links)}`);
  for (const l of links) {
    const [cx, cy] = at(l.x, l.y);
    let best = bg;
    for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) {
      const c = png.pixel(cx + dx, cy + dy);
      if (distance(c, bg) > distance(best, bg)) best = c;
    }
    assert.ok(distance(best, bg) > 60, `a link at ${l.x},${l.y}: ${best}`);
    const [r, , b] = best;
    assert.ok(l.pos ? b > r + 40 : r > b + 40, `link colour ${best} (${l.pos ? 'positive' : 'negative'})`);
  }

  // The heading's text is there, dark on the light panel.
  const heading = await p.locator('.play-network h3').evaluate((h) => { const r = h.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  let dark = 0;
  for (let y = heading.y; y < heading.y + heading.h; y += 0.5) {
    for (let x = heading.x; x < heading.x + heading.w; x += 0.5) if (luminance(png.pixel(...at(x, y))) < 110) dark++;
  }
  assert.ok(dark > 200, `the heading's text: ${dark} dark pixels`);

  // The export menu and the diagram's ± buttons are left out: where they sit, the picture shows
  // the panel's background (the page shows them there).
  // (Inside each button's box by 3 px: the layer's count and activation menu touch its edges.)
  for (const id of ['export-play-network', 'layer-plus', 'layer-minus', 'neuron-plus-1', 'neuron-minus-2']) {
    const button = await p.getByTestId(id).evaluate((b) => { const r = b.getBoundingClientRect(); return { x: r.x + 3, y: r.y + 3, w: r.width - 6, h: r.height - 6 }; });
    assert.ok(button.w > 10 && button.h > 10, `${id} is on the page`);
    let marks = 0;
    for (let y = button.y; y < button.y + button.h; y += 0.5) {
      for (let x = button.x; x < button.x + button.w; x += 0.5) if (distance(png.pixel(...at(x, y)), bg) > 8) marks++;
    }
    assert.equal(marks, 0, `no trace of ${id}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('Panel as PNG: the Explorer chart panel copies its chart in place and writes its text', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=explore&act=relu,elu(0.5),gelu`);
  await waitForApp(page);
  const { png, panel } = await savePanel(page, 'explorer-chart');
  const k = await scaleOf(page);
  assert.equal(k, 2, 'a screen of ratio 1 still gets a picture at twice its pixels');
  assertSize(png, panel, k, 'explorer chart panel');
  assert.ok(png.colours() > 100, `${png.colours()} colours`);
  // The chart canvas, sampled on a grid, matches the picture at the same place.
  const samples = await page.getByTestId('explorer-canvas').evaluate((c) => {
    const r = c.getBoundingClientRect();
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const out = [];
    for (let i = 1; i < 20; i++) {
      for (let j = 1; j < 14; j++) {
        const cx = Math.floor((c.width * i) / 20), cy = Math.floor((c.height * j) / 14);
        const k = (cy * c.width + cx) * 4;
        out.push({ x: r.x + (cx + 0.5) * (r.width / c.width), y: r.y + (cy + 0.5) * (r.height / c.height), rgb: [d[k], d[k + 1], d[k + 2]] });
      }
    }
    return out;
  });
  const diffs = samples.map((s) => distance(png.pixel((s.x - panel.x) * k - 0.5, (s.y - panel.y) * k - 0.5), s.rgb)).sort((a, b) => a - b);
  const median = diffs[Math.floor(diffs.length / 2)];
  const close = diffs.filter((d) => d <= 16).length / diffs.length;
  assert.ok(median <= 4 && close >= 0.85, `chart pixels: median difference ${median}, ${Math.round(close * 100)}% close`);
  // The readout's hint under the chart is written where the page has it.
  const hint = await page.getByTestId('readout').evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  let dark = 0;
  for (let y = hint.y; y < hint.y + hint.h; y++) {
    for (let x = hint.x; x < hint.x + hint.w; x++) if (luminance(png.pixel((x - panel.x) * k, (y - panel.y) * k)) < 150) dark++;
  }
  assert.ok(dark > 150, `the text under the chart: ${dark} dark pixels`);
  // "Chart as PNG" saves the chart canvas alone, at its own resolution.
  const [chart] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  assert.equal(chart.suggestedFilename(), 'activations.png');
  const chartPng = decodePng(await fs.readFile(await chart.path()));
  const size = await page.getByTestId('explorer-canvas').evaluate((c) => [c.width, c.height]);
  assert.deepEqual([chartPng.width, chartPng.height], size);
  assert.deepEqual(problems(), []);
  await context.close();
});

test('Panel as PNG in dark mode: the dark panel, light text, the boundary canvas', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play`, { colorScheme: 'dark' });
  await waitForApp(page);
  await page.getByTestId('step').click();
  const { png, panel } = await savePanel(page, 'play-output');
  const k = await scaleOf(page);
  assertSize(png, panel, k, 'output panel');
  const bg = rgbOf(panel.bg);
  assert.ok(luminance(bg) < 60, `a dark panel: ${panel.bg}`);
  assert.ok(distance(png.pixel(6 * k, (panel.h / 2) * k), bg) <= 2, `the panel's colour: ${png.pixel(6 * k, (panel.h / 2) * k)} vs ${bg}`);
  const title = await page.locator('.play-output h3').evaluate((h) => { const r = h.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  let light = 0;
  for (let y = title.y; y < title.y + title.h; y++) {
    for (let x = title.x; x < title.x + title.w; x++) if (luminance(png.pixel((x - panel.x) * k, (y - panel.y) * k)) > 170) light++;
  }
  assert.ok(light > 20, `light heading text: ${light} pixels`);
  // The output canvas (heatmap, points, axes) is in the picture.
  const canvas = await page.getByTestId('output-canvas').evaluate((top) => {
    // What the eye sees: the heat layer under the canvas's plot, composed at its resolution.
    const r = top.getBoundingClientRect();
    const heat = document.querySelector('[data-testid=output-heat]');
    const h = heat.getBoundingClientRect();
    const c = document.createElement('canvas');
    [c.width, c.height] = [top.width, top.height];
    const k = top.width / r.width;
    c.getContext('2d').drawImage(heat, (h.left - r.left) * k, (h.top - r.top) * k, h.width * k, h.height * k);
    c.getContext('2d').drawImage(top, 0, 0);
    const d = c.getContext('2d').getImageData(Math.floor(c.width * 0.3), Math.floor(c.height * 0.3), Math.floor(c.width * 0.4), Math.floor(c.height * 0.4)).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k] += d[i + k];
    return { x: r.x, y: r.y, w: r.width, h: r.height, mean: sum.map((v) => (v * 4) / d.length) };
  });
  const got = png.mean(...[canvas.x - panel.x + canvas.w * 0.3, canvas.y - panel.y + canvas.h * 0.3, canvas.x - panel.x + canvas.w * 0.7, canvas.y - panel.y + canvas.h * 0.7].map((v) => v * k));
  assert.ok(distance(got, canvas.mean) <= 8, `the output plot: ${got.map(Math.round)} vs ${canvas.mean.map(Math.round)}`);
  // The menu's "PNG of the output plot" saves the plot alone.
  await page.getByTestId('export-play-output').click();
  assert.equal(await page.getByTestId('chart-png-play-output-0').innerText(), 'PNG of the output plot');
  const [plot] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-png-play-output-0').click()]);
  assert.equal(plot.suggestedFilename(), 'activation-lab-output.png');
  const plotPng = decodePng(await fs.readFile(await plot.path()));
  assert.deepEqual([plotPng.width, plotPng.height], await page.getByTestId('output-canvas').evaluate((c) => [c.width, c.height]));
  assert.deepEqual(problems(), []);
  await context.close();
});

test('every panel of every section has one export menu and saves a PNG of twice its size', async () => {
  const sections = [
    ['?tab=explore', ['explorer-controls', 'explorer-chart', 'explorer-properties', 'explorer-cost']],
    ['?tab=play', ['play-data', 'play-network', 'play-output', 'play-charts']],
    ['?tab=experiments&exp=compare', ['cmp-controls', 'cmp-boundaries', 'cmp-table', 'cmp-charts']],
    ['?tab=experiments&exp=depth', ['depth-strips', 'depth-now', 'depth-hists']],
    ['?tab=experiments&exp=born-dead', ['bd-settings', 'bd-chart', 'bd-table']],
  ];
  for (const [query, names] of sections) {
    const { page, context, problems } = await openPage(browser, `${server.url}${query}`);
    await waitForApp(page);
    assert.equal(await page.locator('.export-toggle').count(), names.length, `${query}: one menu per panel`);
    assert.equal(await page.locator('main button:text-is("PNG")').count(), 0, `${query}: no PNG button in a corner`);
    for (const name of names) {
      const button = page.getByTestId(`export-${name}`);
      assert.equal(await button.innerText(), 'Export ▾');
      assert.match(await button.getAttribute('aria-label'), /^Export the .+ panel$/);
      const { png, panel, file } = await savePanel(page, name);
      assert.equal(file, `activation-lab-${name}.png`);
      assertSize(png, panel, 2, name);
      assert.ok(png.colours() > 20, `${name}: ${png.colours()} colours`);
      assert.equal(await page.locator('.png-message').count(), 0, `${name}: no failure message`);
    }
    assert.deepEqual(problems(), [], query);
    await context.close();
  }
});

test('every chart canvas is a "PNG of" item of its panel\'s menu; a boundary saves both layers', async () => {
  for (const query of ['?tab=play', '?tab=experiments&exp=compare', '?tab=experiments&exp=depth', '?tab=experiments&exp=born-dead']) {
    const { page, context } = await openPage(browser, `${server.url}${query}`);
    await waitForApp(page);
    if (await page.getByTestId('step').count()) await page.getByTestId('step').click();
    const missing = await page.evaluate(() => [...document.querySelectorAll('main canvas.chart[role=img]')]
      .filter((c) => !c.closest('[data-png-chart]'))
      .map((c) => c.dataset.testid));
    assert.deepEqual(missing, [], `${query}: canvases no menu offers`);
    // Each menu lists its panel's charts (not those of a panel inside it).
    const charts = await page.locator('main canvas.chart[role=img]').count();
    let items = 0;
    for (const toggle of await page.locator('.export-toggle').all()) {
      await toggle.scrollIntoViewIfNeeded();
      await toggle.click();
      items += await page.locator('[role=menuitem]:text-matches("^PNG of (?!this panel)")').count();
      await page.keyboard.press('Escape');
    }
    assert.equal(items, charts, `${query}: one item per chart`);
    await context.close();
  }
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=experiments&exp=compare`);
  await waitForApp(page);
  const boundary = page.getByTestId('boundary-0');
  await boundary.waitFor();
  await page.getByTestId('export-cmp-boundaries').click();
  const button = page.getByRole('menuitem', { name: /^PNG of Decision boundary of A · relu/ });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.equal(download.suggestedFilename(), 'boundary-0.png');
  const png = decodePng(await fs.readFile(await download.path()));
  // Where the points layer is opaque the picture has the point's colour; elsewhere (the plot) the
  // heat layer's, scaled over the plot: sampled at the centres of cells whose neighbours share
  // their colour, where scaling leaves a cell's own colour.
  const layers = await boundary.evaluate((c) => {
    const layer = c.parentElement.querySelector('.boundary-heat');
    const [r, hr] = [c.getBoundingClientRect(), layer.getBoundingClientRect()];
    const k = c.width / r.width;
    const b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const a = layer.getContext('2d').getImageData(0, 0, layer.width, layer.height).data;
    const onPoints = [], onHeat = [];
    for (let i = 0; i < b.length; i += 4 * 37) {
      const at = { x: (i / 4) % c.width, y: Math.floor(i / 4 / c.width) };
      if (b[i + 3] === 255) onPoints.push({ ...at, rgb: [b[i], b[i + 1], b[i + 2]] });
    }
    const cell = (hr.width * k) / layer.width;
    for (let row = 1; row < layer.height - 1; row += 3) {
      for (let col = 1; col < layer.width - 1; col += 3) {
        const x = Math.round((hr.left - r.left) * k + (col + 0.5) * cell - 0.5);
        const y = Math.round((hr.top - r.top) * k + (row + 0.5) * cell - 0.5);
        if (b[(y * c.width + x) * 4 + 3] !== 0) continue;
        const j = (row * layer.width + col) * 4;
        const flat = [-1, 0, 1].every((dy) => [-1, 0, 1].every((dx) => {
          const q = j + (dy * layer.width + dx) * 4;
          return [0, 1, 2].every((ch) => Math.abs(a[q + ch] - a[j + ch]) <= 1);
        }));
        if (!flat) continue;
        onHeat.push({ x, y, rgb: [a[j], a[j + 1], a[j + 2]] });
      }
    }
    return { w: c.width, h: c.height, onPoints, onHeat };
  });
  assert.deepEqual([png.width, png.height], [layers.w, layers.h], 'the PNG is the canvas at its own resolution');
  assert.ok(layers.onPoints.length > 30, `the points layer holds points: ${layers.onPoints.length} samples`);
  assert.ok(layers.onHeat.length > 30, `the heatmap is sampled: ${layers.onHeat.length} cells`);
  for (const [name, list] of [['points', layers.onPoints], ['heatmap', layers.onHeat]]) {
    const wrong = list.filter((s) => distance(png.pixel(s.x, s.y), s.rgb) > 2);
    assert.deepEqual(wrong.slice(0, 3), [], `${name}: ${wrong.length} of ${list.length} samples differ`);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test('inside a sandboxed iframe, Panel as PNG degrades to a message (no crash)', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}embed-example.html`);
  const explore = page.frameLocator('#lab-explore');
  await explore.locator('.shell.embed').waitFor({ timeout: 30000 });
  // Auto-height resizes the frame while the lab settles (a click then may land beside the
  // button): wait until its height has stayed the same for a second.
  await page.waitForFunction(() => {
    const now = document.getElementById('lab-explore').style.height;
    const seen = (window.seenHeights ??= []);
    seen.push(now);
    return now !== '' && seen.length >= 8 && seen.slice(-8).every((h) => h === now);
  }, null, { polling: 125, timeout: 30000 });
  await page.locator('#lab-explore').scrollIntoViewIfNeeded();
  await explore.getByTestId('export-explorer-chart').click();
  await explore.getByTestId('panel-png-explorer-chart').click();
  const message = explore.locator('.explorer-chart .png-message');
  await message.waitFor({ timeout: 15000 });
  assert.match(await message.innerText(), /PNG (offered|not saved)/);
  assert.deepEqual(problems().filter((p) => p.startsWith('page error')), []);
  assert.equal(await explore.locator('#panic-overlay').count(), 0);
  await context.close();
});

test('Panel as PNG follows a denser screen: at deviceScaleFactor 3 the picture is 3×', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 3 });
  const page = await ctx.newPage();
  await page.goto(`${server.url}?tab=play&seed=3`);
  await waitForApp(page);
  assert.equal(await scaleOf(page), 3);
  const { png, panel } = await savePanel(page, 'play-data');
  assertSize(png, panel, 3, 'data panel at ratio 3');
  await ctx.close();
});

test('the export menu: keyboard (Enter opens on the first item, arrows, Home/End, Escape gives the focus back, Tab closes), touch, presentation', async () => {
  const { page, context, problems } = await openPage(browser, `${server.url}?tab=play&seed=3`);
  await waitForApp(page);
  const toggle = page.getByTestId('export-play-output');
  const active = () => page.evaluate(() => document.activeElement?.dataset.testid);
  await toggle.focus();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const items = await page.locator('#export-menu-play-output [role=menuitem]').allInnerTexts();
  assert.deepEqual(items, ['PNG of this panel', 'PNG of the output plot', 'Model file (JSON)', 'History (CSV)']);
  assert.equal(await active(), 'panel-png-play-output', 'the focus on the first item');
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), 'chart-png-play-output-0');
  await page.keyboard.press('End');
  assert.equal(await active(), 'export-history-csv');
  await page.keyboard.press('ArrowDown');
  assert.equal(await active(), 'panel-png-play-output', 'the arrows wrap');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(), 'export-model');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#export-menu-play-output').count(), 0, 'Escape closes it');
  assert.equal(await active(), 'export-play-output', 'and gives the focus back to the button');
  assert.equal(await page.getByTestId('epoch').innerText(), '0', 'no shortcut fired');
  // Space opens it too; Enter on an item saves (the model file, through the same download).
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(), 'export-model');
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(file.suggestedFilename(), 'activation-lab-model.json');
  assert.equal(JSON.parse(await fs.readFile(await file.path(), 'utf8')).epoch, 0);
  assert.equal(await active(), 'export-play-output');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('#export-menu-play-output').count(), 0, 'Tab closes it');
  // A click elsewhere closes it.
  await toggle.click();
  await page.locator('.play-output h3').click();
  assert.equal(await page.locator('#export-menu-play-output').count(), 0, 'a click elsewhere closes it');
  assert.deepEqual(problems(), []);
  await context.close();

  // Touch: 44 px targets; a tap opens it and a tap on an item saves.
  const touch = await browser.newContext({ viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true });
  const phone = await touch.newPage();
  await phone.goto(`${server.url}?tab=play&seed=3`);
  await waitForApp(phone);
  const tap = phone.getByTestId('export-play-network');
  await tap.scrollIntoViewIfNeeded();
  await tap.tap();
  for (const el of [tap, ...(await phone.locator('#export-menu-play-network [role=menuitem]').all())]) {
    const box = await el.boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `a 44 px target: ${box.width}×${box.height}`);
  }
  const [shot] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('panel-png-play-network').tap()]);
  assert.equal(shot.suggestedFilename(), 'activation-lab-play-network.png');
  await touch.close();

  // Presenting: no export menus.
  const shown = await openPage(browser, `${server.url}?tab=play&present=1`, { viewport: { width: 1920, height: 1080 } });
  await waitForApp(shown.page);
  assert.equal(await shown.page.locator('.export-toggle:visible').count(), 0);
  await shown.context.close();
});
