// Shared end-to-end harness: serves the release `dist/` on 127.0.0.1 (a random free port),
// drives the system's Chromium through playwright-core, and records what a user would never
// want: console errors, page errors, and any request that leaves 127.0.0.1.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const DIST = process.env.LAB_DIST ? path.resolve(process.env.LAB_DIST) : path.join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.csv': 'text/csv', '.ico': 'image/x-icon', '.txt': 'text/plain',
};

/** Starts a static server for `dir`; `headers` are added to HTML responses (e.g. a CSP). */
export async function serve(dir = DIST, { headers = {} } = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let file = path.join(dir, decodeURIComponent(url.pathname));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.isDirectory()) file = path.join(file, 'index.html');
      const body = await fs.readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      // Like common static hosts, allow cross-origin reads: a lab inside
      // <iframe sandbox="allow-scripts"> has the opaque origin "null".
      res.writeHead(200, {
        'content-type': type,
        'access-control-allow-origin': '*',
        ...(type.startsWith('text/html') ? headers : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a page and watches it. `problems()` lists console errors, uncaught page errors and
 * requests to any host other than 127.0.0.1.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['data:', 'blob:', 'about:'].includes(u.protocol) && u.hostname !== '127.0.0.1') {
      problems.push(`request left 127.0.0.1: ${req.url()}`);
    }
  });
  await page.goto(url);
  return { page, context, problems: () => problems.slice() };
}

/** Waits until the app has mounted (the shell is rendered by the wasm app, not the HTML). */
export async function waitForApp(page) {
  await page.waitForSelector('.shell', { timeout: 30000 });
}
