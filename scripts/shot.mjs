// Screenshots for looking at what we build:
//   node scripts/shot.mjs '<query>' out.png [width] [height] [light|dark] [full]
import { serve, launch } from '../tests/e2e/harness.mjs';

const [query = '', out = 'shot.png', width = '1280', height = '900', scheme = 'light', full = ''] = process.argv.slice(2);
const server = await serve();
const browser = await launch();
const context = await browser.newContext({ viewport: { width: +width, height: +height }, colorScheme: scheme });
const page = await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(server.url + query);
await page.waitForSelector('.shell', { timeout: 30000 });
if (process.env.CLICK) {
  for (const id of process.env.CLICK.split(',')) await page.getByTestId(id).click();
}
await page.waitForTimeout(+(process.env.WAIT ?? 600));
if (process.env.CLICK_AFTER) {
  for (const id of process.env.CLICK_AFTER.split(',')) await page.getByTestId(id).click();
  await page.waitForTimeout(300);
}
if (process.env.HOVER) {
  const c = page.locator(process.env.HOVER_SEL ?? 'canvas').first();
  const box = await c.boundingBox();
  await page.mouse.move(box.x + box.width * +process.env.HOVER, box.y + box.height * 0.8);
  await page.waitForTimeout(200);
}
await page.screenshot({ path: out, fullPage: full === 'full' });
await browser.close();
await server.close();
