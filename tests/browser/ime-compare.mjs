// How Decap CMS and Sveltia CMS take Korean typed through an input method, measured in
// Debian's headless Chromium (docs/cms.md, "Why Decap CMS"). Run by
// scripts/cms-ime-compare.sh, which fetches both bundles from npm:
//   node ime-compare.mjs <dir with decap-cms.js and sveltia-cms.js>
// Each CMS runs with its in-browser test backend, on a page served here under a policy
// without other origins. Hangul goes into a text field and the Markdown body through
// composition events as a 2-beolsik IME makes them (ime.mjs): at the end, then in the
// middle of the text after arrow keys, then after Enter. Prints what each field holds
// and whether it is what was typed; for Decap, also the file it saves. A control field
// that rewrites its value while a syllable is being composed (what breaks IME input in
// editors that re-render on every keystroke) shows that the measurement can see damage.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { typeHangul } from './ime.mjs';

const dir = process.argv[2];
const TEXT = '광주 인공지능 하나 클러스터 2단계 사업을 시작한다. 다음 문장도 한글로 씁니다';
const CONFIG = `backend: {name: test-repo}
media_folder: content/images
i18n: {structure: multiple_files, locales: [ko, en], default_locale: ko}
collections:
  - name: releases
    label: Releases
    folder: content/releases
    create: true
    format: yaml-frontmatter
    i18n: true
    fields:
      - {name: title, label: Title, widget: string, i18n: true}
      - {name: body, label: Body, widget: markdown, i18n: true}
`;
const POLICY = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' data: blob:; font-src 'self' data:";
const page = (script) => `<!doctype html><html><head><meta charset="utf-8"><title>cms</title></head><body><script src="${script}"></script></body></html>`;

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const send = (type, body) => { res.writeHead(200, { 'content-type': type, 'content-security-policy': POLICY }); res.end(body); };
  if (path === '/decap/') return send('text/html; charset=utf-8', page('/decap-cms.js'));
  if (path === '/sveltia/') return send('text/html; charset=utf-8', page('/sveltia-cms.js'));
  if (path === '/control/') return send('text/html; charset=utf-8', '<!doctype html><html><head><meta charset="utf-8"><title>control</title></head><body><input id="c" type="text"><script src="/control.js"></script></body></html>');
  if (path === '/control.js') {
    // Sets the value again on every input, composing or not, as a naive re-render does.
    return send('text/javascript', "var c = document.getElementById('c'); c.addEventListener('input', function () { var v = c.value; c.value = ''; c.value = v; });");
  }
  if (path.endsWith('/config.yml')) return send('text/yaml', CONFIG);
  const file = join(dir, path.split('/').pop());
  if (/^[\w.-]+\.(js|css|wasm)$/.test(path.split('/').pop()) && existsSync(file)) {
    return send(file.endsWith('.wasm') ? 'application/wasm' : file.endsWith('.css') ? 'text/css' : 'text/javascript', readFileSync(file));
  }
  res.writeHead(404); res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let wrong = 0;
function report(cms, what, got, want) {
  const ok = got === want;
  if (!ok) wrong++;
  console.log(`${ok ? 'intact ' : 'CHANGED'} ${cms.padEnd(7)} ${what}: ${JSON.stringify(got)}`);
}

async function run(cms) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await p.goto(`${base}/${cms}/`);
  await p.getByRole('button', { name: cms === 'decap' ? 'Login' : 'Work with Test Repository' }).click();
  await p.waitForTimeout(1000);
  await p.goto(`${base}/${cms}/#/collections/releases/new`);
  const title = p.locator('input[type=text]:visible').first();
  await title.waitFor();
  await title.click();
  await typeHangul(p, cdp, TEXT);
  report(cms, 'title field', await title.inputValue(), TEXT);
  const body = p.locator(cms === 'decap' ? '[data-slate-editor]' : '[contenteditable=true]:visible').first();
  await body.click();
  await typeHangul(p, cdp, TEXT);
  await p.keyboard.press('Enter');
  await typeHangul(p, cdp, '둘째 문단입니다');
  for (let i = 0; i < 3; i++) await p.keyboard.press('ArrowLeft');
  await typeHangul(p, cdp, '가나다');
  await p.waitForTimeout(300);
  const want = `${TEXT}\n\n둘째 문단가나다입니다`;
  report(cms, 'body editor', (await body.innerText()).trim().replace(/\n+/g, '\n\n'), want);
  if (cms === 'decap') {
    await p.getByText('Publish', { exact: true }).first().click();
    await p.getByText('Publish now').click();
    await p.waitForTimeout(1500);
    const files = await p.evaluate(() => window.repoFiles);
    const saved = Object.values(files.content.releases).map((f) => f.content).find((c) => c.includes('title:'));
    report(cms, 'saved title', (saved.match(/^title: (.*)$/m) || [])[1], TEXT);
    report(cms, 'saved body', saved.split('---\n').slice(2).join('---\n').trim(), want);
  }
  await context.close();
}

async function control() {
  const context = await browser.newContext();
  const p = await context.newPage();
  const cdp = await context.newCDPSession(p);
  await p.goto(`${base}/control/`);
  await p.locator('#c').click();
  await typeHangul(p, cdp, TEXT);
  const got = await p.locator('#c').inputValue();
  console.log(`${got === TEXT ? 'intact ' : 'CHANGED'} control re-rendering field (expected to change): ${JSON.stringify(got)}`);
  await context.close();
  return got !== TEXT;
}

try {
  if (!(await control())) {
    console.log('the control field came through intact: this measurement cannot see IME damage');
    wrong++;
  }
  for (const cms of ['decap', 'sveltia']) {
    if (!existsSync(join(dir, `${cms}-cms.js`))) { console.log(`skipped ${cms}: no ${cms}-cms.js in ${dir}`); continue; }
    await run(cms);
  }
} finally {
  await browser.close();
  server.close();
}
console.log(wrong ? `${wrong} field(s) changed` : 'every field intact');
process.exit(wrong ? 1 : 0);
