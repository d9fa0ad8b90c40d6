// Search in headless Chromium, driven by tests/search_browser.rs:
//   node search.test.mjs <base-url> <fixture.json> <search.js>
// fixture.json holds the tokenizer cases and the query fixture (converted from TOML by
// the Rust test). Prints one line per check and "N passed, N failed"; exits 1 on failure.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [base, fixturePath, scriptPath] = process.argv.slice(2);
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
const search = createRequire(import.meta.url)(scriptPath);
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ': ' + detail}`);
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Waits until the script has finished `q` (it sets data-query). Polls with evaluate:
// waitForFunction would need eval, which the page's CSP rightly forbids.
async function settled(page, q) {
  for (let i = 0; i < 500; i++) {
    const done = await page.evaluate((q) => {
      const app = document.getElementById('search-app');
      return !!app && app.dataset.query === q;
    }, q);
    if (done) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('query did not settle: ' + q);
}

// 1. The tokenizer, against the same cases as the Rust one.
for (const c of fixture.tokenizer) {
  const idx = search.indexTerms(c.text);
  check(`index terms of ${c.text}`, same(idx, c.index), JSON.stringify(idx));
  const q = search.queryWords(c.text).map((w) =>
    w.prefix !== undefined ? `^${w.prefix} @${w.mark}` : `=${w.all.join(' ')} @${w.mark}`);
  check(`query words of ${c.text}`, same(q, c.query), JSON.stringify(q));
}

for (const c of fixture.shards) {
  const n = search.shardOf(c.term, c.shards);
  check(`shard of ${c.term}`, n === c.n, String(n));
}

// 2. The page.
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  // Every request succeeds, the icon too (the pages name favicon.svg and favicon.png).
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  const slug = (u) => u.replace(/\/$/, '').split('/').pop();

  async function query(q) {
    await page.fill('#search-q', q);
    await settled(page, q);
    return page.evaluate(() => ({
      urls: Array.from(document.querySelectorAll('#search-results li h2 a')).map((a) => a.getAttribute('href')),
      status: document.getElementById('search-status').textContent,
      ms: Number(document.getElementById('search-app').dataset.ms),
      marks: Array.from(document.querySelectorAll('#search-results mark')).map((m) => m.textContent),
      other: document.getElementById('search-other').hidden ? null
        : document.getElementById('search-other-link').getAttribute('href'),
    }));
  }

  // Typing, live status, marks, ranking.
  await page.goto(base + '/search/');
  check('script replaces the no-script note', await page.isHidden('#search-nojs') && await page.isVisible('#search-app'));
  await page.click('#search-q');
  await page.keyboard.type('데이터센터를', { delay: 20 });
  await settled(page, '데이터센터를');
  let r = await query('데이터센터를');
  check('typed Korean query finds the data center releases', same(r.urls.map(slug), ['datacenter-open', 'gpu-supply']), JSON.stringify(r.urls));
  check('live status in Korean', r.status === '검색 결과 2건', r.status);
  check('matched words are marked', r.marks.includes('데이터센터'), JSON.stringify(r.marks));
  check('the status region is polite', await page.getAttribute('#search-status', 'aria-live') === 'polite');
  r = await query('우주항공');
  check('no results says so', r.status.includes('없습니다') && r.urls.length === 0, r.status);
  check('no results offers the English search', r.other === '/en/search/?q=' + encodeURIComponent('우주항공'), String(r.other));
  check('the URL keeps the query', new URL(page.url()).searchParams.get('q') === '우주항공', page.url());

  // Index text never becomes markup: the titles are plain text nodes and marks.
  const tags = await page.evaluate(() => Array.from(document.querySelectorAll('#search-results *')).map((e) => e.tagName));
  check('results use only li, h2, a, p, mark', tags.every((t) => ['LI', 'H2', 'A', 'P', 'MARK'].includes(t)), tags.join(','));

  // A ?q= link (the GET form without script) runs the query on load.
  await page.goto(base + '/en/search/?q=budget');
  await settled(page, 'budget');
  r = await query('budget');
  check('?q= runs on load, in English', same(r.urls.map(slug), ['budget-2021']) && r.status === '1 result', `${r.status} ${r.urls}`);
  r = await query('comput');
  check('English plural status', r.status === '3 results', r.status);
  r = await query('municipal');
  await page.waitForSelector('#search-results .snippet mark', { timeout: 5000 }).catch(() => {});
  const deep = await page.evaluate(() => Array.from(document.querySelectorAll('#search-results .snippet')).map((p) => p.innerHTML));
  check('a match deep in the body gets a marked snippet from the page',
    deep.length === 1 && deep[0].includes('<mark>municipal</mark>'),
    JSON.stringify(deep));
  r = await query('open');
  check('the word itself in a title ranks above longer words, then newer first',
    JSON.stringify(r.urls.map(slug)) === JSON.stringify(['open-records', 'education', 'datacenter-open', 'startup-support']),
    JSON.stringify(r.urls));

  // 3. The query fixture, measured as in tests/search.rs.
  let expected = 0, returned = 0, right = 0;
  const times = [];
  for (const lang of ['ko', 'en']) {
    await page.goto(base + (lang === 'en' ? '/en' : '') + '/search/');
    for (const q of fixture.queries.filter((x) => x.lang === lang)) {
      r = await query(q.q);
      const got = new Set(r.urls.map(slug));
      const hit = q.expect.filter((e) => got.has(e)).length;
      expected += q.expect.length; returned += got.size; right += hit;
      times.push(r.ms);
      const ok = hit === q.expect.length && (q.expect.length > 0 || got.size === 0);
      check(`${lang} query ${q.q}`, ok, `want ${q.expect}, got ${[...got]}`);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`browser search quality over ${fixture.queries.length} queries: recall ${(right / expected).toFixed(3)} (${right}/${expected}), precision ${(right / Math.max(returned, 1)).toFixed(3)} (${right}/${returned}); keystroke-to-results median ${times[times.length >> 1]} ms, max ${times[times.length - 1]} ms`);
  check('no console errors or CSP violations', problems.length === 0, problems.join(' | '));
  await context.close();

  // 4. Without JavaScript the page explains and links to the archive and tags.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p2 = await nojs.newPage();
  await p2.goto(base + '/en/search/?q=budget');
  check('without script the note shows', await p2.isVisible('#search-nojs') && await p2.isHidden('#search-app'));
  const links = await p2.$$eval('#search-nojs a', (as) => as.map((a) => a.getAttribute('href')));
  check('without script it links to archive and tags', same(links, ['/en/archive/', '/en/tags/']), JSON.stringify(links));
  await nojs.close();
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
