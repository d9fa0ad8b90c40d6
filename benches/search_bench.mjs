// Keystroke-to-results timing of the search page in headless Chromium.
//   node benches/search_bench.mjs <base-url> [queries...]
// Serve a built site first (e.g. `python3 -m http.server -d public 8123 --bind 127.0.0.1`).
// For each query: a fresh page (cold: index parts fetched), then the same query typed
// again (warm: parts cached). Prints ms from the last keystroke to rendered results, the
// time spent ranking, and the index bytes fetched (raw, and gzipped as a server would send them).
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base, ...args] = process.argv.slice(2);
const queries = args.length ? args : ['광주', '데이터센터를', '인공지능', '2023', 'gpu'];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function typed(page, q) {
  await page.fill('#search-q', '');
  await page.evaluate(() => { document.getElementById('search-app').dataset.query = '-'; });
  await page.type('#search-q', q);
  const t0 = Date.now();
  for (;;) {
    const r = await page.evaluate((q) => {
      const a = document.getElementById('search-app');
      return a.dataset.query === q ? { rank: a.dataset.rankMs, status: document.getElementById('search-status').textContent } : null;
    }, q);
    if (r) return { ms: Date.now() - t0, ...r };
    await new Promise((res) => setTimeout(res, 2));
  }
}

for (const q of queries) {
  const page = await browser.newPage();
  await page.goto(base + (/[a-z]/i.test(q) && !/[가-힣]/.test(q) ? '/en/search/' : '/search/'));
  const cold = await typed(page, q);
  const urls = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => e.name).filter((n) => n.includes('/search/index/')));
  let bytes = 0, gz = 0;
  for (const u of urls) {
    const body = Buffer.from(await (await fetch(u)).arrayBuffer());
    bytes += body.length;
    gz += gzipSync(body).length;
  }
  const warm = await typed(page, q);
  console.log(`${q}\t${cold.status}\tcold ${cold.ms} ms\twarm ${warm.ms} ms (incl. 80 ms debounce)\trank ${warm.rank} ms\tfetched ${urls.length} files, ${(bytes / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzip`);
  await page.close();
}
await browser.close();
