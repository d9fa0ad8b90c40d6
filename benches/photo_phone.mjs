// What a reader's browser downloads for a release's photos (issue 15, point 6), run by
// benches/photos.sh after benches/photo_site.py:
//
//   node benches/photo_phone.mjs OUTPUT_FOLDER [PAGE]
//
// Serves OUTPUT_FOLDER on 127.0.0.1 (a free port) and opens PAGE (default the first
// benchmark release, /releases/r00/) in Debian's headless Chromium (playwright-core from
// tests/browser; `cd tests/browser && npm ci`), as a 390 px phone at device pixel ratio 3
// and 2 and as a 1280 px desktop at 1 and 2. For each it prints the copy of the lead
// photo the browser chose and its bytes (the Resource Timing entry's encodedBodySize),
// the bytes of every image loaded before any scrolling, and after scrolling to the end
// (the lazy gallery). Targets: a 390 px phone downloads at most 150 KB for the lead photo.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "../tests/browser/node_modules/playwright-core/index.mjs";

const [root, pagePath = "/releases/r00/"] = process.argv.slice(2);
if (!root) {
  console.error("usage: node benches/photo_phone.mjs OUTPUT_FOLDER [PAGE]");
  process.exit(2);
}
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".webp": "image/webp", ".jpg": "image/jpeg", ".png": "image/png", ".svg": "image/svg+xml", ".json": "application/json" };
const server = createServer(async (req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path.includes("..")) { res.writeHead(400).end(); return; }
  let file = join(root, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream", "content-length": body.length });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const results = [];
for (const [name, width, height, dpr, mobile] of [
  ["phone 390 px @3x", 390, 844, 3, true],
  ["phone 390 px @2x", 390, 844, 2, true],
  ["desktop 1280 px @1x", 1280, 900, 1, false],
  ["desktop 1280 px @2x", 1280, 900, 2, false],
]) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  await page.goto(base + pagePath, { waitUntil: "networkidle" });
  const images = () => page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => /\.(webp|jpe?g|png|svg)$/.test(e.name)).map((e) => [e.name.replace(location.origin, ""), e.encodedBodySize]));
  const lead = await page.evaluate(() => {
    const img = document.querySelector("figure.photo-lead img");
    return img ? img.currentSrc.replace(location.origin, "") : null;
  });
  const before = await images();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const after = await images();
  const sum = (list) => list.reduce((s, [, b]) => s + b, 0);
  const leadBytes = (before.find(([u]) => u === lead) || [null, -1])[1];
  results.push({ name, lead, leadBytes, beforeScroll: sum(before), afterScroll: sum(after), images: after });
  console.log(`${name.padEnd(22)} lead photo ${lead} ${kb(leadBytes)}; all images before scrolling ${kb(sum(before))} (${before.length}), after ${kb(sum(after))} (${after.length})`);
  await context.close();
}
await browser.close();
server.close();
const phone = results[0];
console.log(`a 390 px phone (3x) downloads ${kb(phone.leadBytes)} for the lead photo (target <= 150 KB)`);
console.log(JSON.stringify(results));
