// Renders the app's PNG icons (public/icon-192.png, icon-512.png, icon-maskable-512.png, apple-touch-icon.png)
// from public/icon.svg and public/icon-maskable.svg with Debian's Chromium (playwright-core of the repository root):
//   node app/scripts/icons.mjs
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const pub = (name) => fileURLToPath(new URL(`../public/${name}`, import.meta.url));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [svg, png, size] of [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
  ['icon-maskable.svg', 'apple-touch-icon.png', 180],
]) {
  await page.setViewportSize({ width: size, height: size });
  const data = Buffer.from(readFileSync(pub(svg))).toString('base64');
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}"></body></html>`,
  );
  await page.screenshot({ path: pub(png), omitBackground: true });
}
await browser.close();
