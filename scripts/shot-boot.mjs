// A screenshot of the static shell (index.html and CSS only: the wasm request is held):
//   node scripts/shot-boot.mjs '<query>' out.png [width] [height] [light|dark]
import { serve, launch } from '../tests/e2e/harness.mjs';

const [query = '', out = 'boot.png', width = '1280', height = '900', scheme = 'light'] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: +width, height: +height }, colorScheme: scheme });
await context.route('**/*.wasm', () => {});
const page = await context.newPage();
await page.goto(server.url + query);
await page.waitForTimeout(+(process.env.WAIT ?? 800));
await page.screenshot({ path: out });
await browser.close();
await server.close();
