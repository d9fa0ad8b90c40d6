// The web editor in headless Chromium, driven by tests/cms_browser.rs:
//   node cms.test.mjs <serve-url> <artifacts-dir> <uploads-dir>
// against `gongbo serve` on a copy of tests/fixtures/cms/site. Creates a release in both
// languages through the form (titles, summary and body typed in Hangul through IME-like
// composition events, a date, a kind and a tag from their lists, an attachment, and a
// photo uploaded with its description and caption), saves it, sees the status area and the preview
// follow the build (an error in the English file shown next to the form, then fixed),
// and opens the release `gongbo new release` made and saves it again. Prints one line per
// check and "N passed, N failed"; exits 1 on failure. The Rust test then reads the files.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { typeHangul } from './ime.mjs';

const [base, artifacts, uploads] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ': ' + detail}`);
}

// What the test types, and the Rust test expects in the files.
const SLUG = '2025-11-20-budget';
const DATE = '2025-11-20T09:30';
const TITLE_KO = '세종시, 2026년 예산 4,000억 원 확정… 하나로 잇는 행정수도';
const SUMMARY_KO = '올해 예산이 확정되어 사월부터 사업을 시작합니다';
const BODY_KO = '시의회가 예산안을 의결했습니다';
const ALT_KO = '세종시청 본관 앞 광장';
const CAPTION_KO = '예산안을 의결한 날의 시청';
const ATTACHMENT_KO = '2026년 예산 개요';
const TITLE_EN = 'Sejong City confirms its 2026 budget';
const BODY_EN = 'The city council passed the budget.';
const ALT_EN = 'The square in front of Sejong City Hall';
const CAPTION_EN = 'City Hall on the day the budget passed';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'ko-KR' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    // favicon.ico: the editor page names none, Chromium asks anyway.
    if (m.type() === 'error' && !/favicon/.test(m.location().url || '')) problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`);
  });
  const cdp = await context.newCDPSession(page);

  // A field of the form by its label (as the configuration words it in Korean): the
  // Korean pane comes first, the English one second.
  const field = (label, lang) => page.getByLabel(label, { exact: true }).nth(lang === 'en' ? 1 : 0);
  const OPT = ' (선택사항)';
  const ime = async (locator, text) => { await locator.click(); await typeHangul(page, cdp, text); };
  const status = () => page.locator('#gongbo-status');
  async function waitFor(what, f, ms = 20000) {
    const until = Date.now() + ms;
    for (;;) {
      const v = await f();
      if (v) return v;
      if (Date.now() > until) throw new Error('timed out waiting for ' + what);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const generation = async () => Number(await page.evaluate(() =>
    fetch('/api/gongbo/status').then((r) => r.json()).then((s) => s.generation)));
  async function save(label) {
    const before = await generation();
    await page.getByRole('button', { name: '게시', exact: true }).click();
    await page.getByText('지금 게시', { exact: true }).click();
    await waitFor(label + ' saved', () => page.getByText('변경사항 저장됨').isVisible());
    // The watcher rebuilds, the status area follows the reload event.
    await waitFor(label + ' built', async () => (await generation()) > before);
    await waitFor(label + ' shown', async () => (await status().getAttribute('data-state')) !== 'waiting');
  }
  async function upload(button, file) {
    await button.click();
    await page.locator('input[type=file]').setInputFiles(join(uploads, file));
    await page.getByRole('button', { name: '선택한 것으로 결정' }).click();
  }
  // The photo field of the `n`th photo of the form (Korean first).
  const photoButton = (n) => page
    .locator('[aria-label="image field"]', { has: page.locator('label', { hasText: /^사진$/ }) })
    .nth(n)
    .getByRole('button', { name: '이미지 선택' });

  // 1. The editor page: Korean, signs in to the local backend, the policy holds.
  const res = await page.goto(`${base}/admin/`);
  const csp = res.headers()['content-security-policy'] || '';
  check('the editor page has its own policy without other origins', csp.startsWith("default-src 'self'") && !/https?:/.test(csp), csp);
  await page.getByRole('button', { name: '로그인' }).click();
  await waitFor('the collections', () => page.getByRole('link', { name: '보도자료' }).first().isVisible());
  check('the editor lists the existing release', await page.getByText('데이터센터 설계 공모 결과 발표').isVisible());

  // 2. A new release, Korean first.
  await page.goto(`${base}/admin/#/collections/releases/new`);
  await waitFor('the form', () => field('제목').isVisible());
  await ime(field('제목'), TITLE_KO);
  check('Hangul typed through the IME is in the title field', (await field('제목').inputValue()) === TITLE_KO, await field('제목').inputValue());
  await field('게시일').fill(DATE);
  await field('자료 종류' + OPT).click();
  await page.getByText('보도참고자료', { exact: true }).click();
  await ime(field('요약' + OPT), SUMMARY_KO);
  await field('주제' + OPT).click();
  await page.getByText('예산 · Budget', { exact: true }).click();
  await field('주소 (파일 이름)').fill(SLUG);
  await page.getByRole('button', { name: '첨부파일 추가' }).first().click();
  await upload(page.getByRole('button', { name: '파일 선택' }).first(), 'budget-overview.pdf');
  await ime(field('파일 제목'), ATTACHMENT_KO);
  // A photo with its description and caption, the lead photo.
  await page.getByRole('button', { name: '보도 사진 추가' }).first().click();
  await upload(photoButton(0), 'city-hall.png');
  await ime(field('사진 설명 (대체 텍스트)'), ALT_KO);
  await ime(field('설명문'), CAPTION_KO);
  await field('대표 사진' + OPT).click();
  const bodyKo = page.locator('[data-slate-editor]').first();
  await ime(bodyKo, BODY_KO);
  check('Hangul typed through the IME is in the body', (await bodyKo.innerText()).trim() === BODY_KO, await bodyKo.innerText());

  // 3. English: the shared fields are copied; the English file's own ones are typed.
  await field('제목', 'en').fill(TITLE_EN);
  // The same photo in the English file, chosen from the media library, described in
  // English.
  await page.getByRole('button', { name: '보도 사진 추가' }).nth(1).click();
  await photoButton(1).click();
  await page.getByText('city-hall.png', { exact: true }).click();
  await page.getByRole('button', { name: '선택한 것으로 결정' }).click();
  await field('사진 설명 (대체 텍스트)', 'en').fill(ALT_EN);
  await field('설명문', 'en').fill(CAPTION_EN);
  await page.locator('[data-slate-editor]').nth(1).click();
  await page.keyboard.type(BODY_EN);
  await page.screenshot({ path: join(artifacts, 'cms-form.png'), fullPage: true });
  await save('the new release');
  check('the status area says the build worked', (await status().getAttribute('data-state')) === 'ok', await status().innerText());

  // 4. The preview pane shows the page as the site renders it, with the site's CSS, in
  // either language.
  const previewToggle = page.locator('button[title="미리보기 토글"]');
  const i18nToggle = page.locator('button[title="국제화(i18n) 토글"]');
  // The pane beside the Korean form shows the English form or the preview.
  const showEnglish = async () => {
    await previewToggle.click();
    if (!(await field('제목', 'en').isVisible().catch(() => false))) await i18nToggle.click();
    await waitFor('the English form', () => field('제목', 'en').isVisible());
  };
  await previewToggle.click();
  const preview = page.frameLocator('#preview-pane');
  const shown = preview.frameLocator('.gongbo-frame');
  const heading = () => shown.locator('h1').first().innerText({ timeout: 15000 }).catch((e) => 'none: ' + e.message.split('\n')[0]);
  check('the preview shows the saved Korean page', (await heading()).trim() === TITLE_KO, await heading());
  const sheets = await shown.locator('link[rel=stylesheet]').count();
  check("the preview page carries the site's style sheet", sheets > 0, String(sheets));
  await preview.getByRole('button', { name: 'English' }).click();
  check('the preview shows the English page', (await heading()).trim() === TITLE_EN, await heading());
  const clean = await preview.locator('.gongbo-problems').innerText();
  check('the preview lists no problem for the entry', clean.includes('문제가 없습니다'), clean);
  await page.screenshot({ path: join(artifacts, 'cms-preview.png') });

  // 5. A mistake: the English title emptied. The status area and the preview say so, in
  // Korean, next to the form; the fix clears them.
  await showEnglish();
  await field('제목', 'en').fill('');
  await save('the release without an English title');
  check('the status area reports the error', (await status().getAttribute('data-state')) === 'failed', await status().innerText());
  const statusText = await status().innerText();
  check('the status area speaks Korean', statusText.includes('오류') && statusText.includes('고쳐'), statusText);
  await status().getByRole('button').click();
  const listed = await status().locator('li').allInnerTexts();
  check('the error names the English file and the field', listed.some((t) => t.includes(SLUG + '.en.md') && t.includes('title')), listed.join(' | '));
  // gongbo check's own words, in the editor's language (src/diag/ko.toml).
  check('the error is said in Korean', listed.some((t) => t.includes('제목이 비어 있습니다')), listed.join(' | '));
  await previewToggle.click();
  const inPreview = await waitFor('the problem in the preview', async () => {
    const t = await preview.locator('.gongbo-problems li').allInnerTexts().catch(() => []);
    return t.length ? t : null;
  }).catch(() => []);
  check('the preview lists the problem of this entry', inPreview.some((t) => t.includes('E002') && t.includes('.en.md')), inPreview.join(' | '));
  await page.screenshot({ path: join(artifacts, 'cms-error.png') });
  await showEnglish();
  await field('제목', 'en').fill(TITLE_EN);
  await save('the fixed release');
  check('the fix clears the error', (await status().getAttribute('data-state')) === 'ok', await status().innerText());

  // 6. What `gongbo new release` wrote opens in the form and saves again.
  await page.goto(`${base}/admin/#/collections/releases`);
  await page.getByText('제목을 입력하세요', { exact: true }).click();
  await waitFor('the release made by gongbo new', async () => (await field('제목').inputValue().catch(() => '')) === '제목을 입력하세요');
  check('the form opens the release gongbo new made', (await field('제목').inputValue()) === '제목을 입력하세요', await field('제목').inputValue());
  // Saving needs a change: the summary is changed and saved, then put back as it was
  // and saved again, so the file is the form's twice over and means what it meant.
  const summary = field('요약' + OPT);
  const original = await summary.inputValue();
  await summary.fill('잠시 바꾼 요약');
  await save('the release made by gongbo new, changed');
  // Opened again, so that the form compares with what was saved.
  await page.reload();
  await waitFor('the release opened again', async () => (await summary.inputValue().catch(() => '')) === '잠시 바꾼 요약');
  await summary.fill(original);
  await page.screenshot({ path: join(artifacts, 'cms-new-release.png') });
  await save('the release made by gongbo new, as it was');
  check('the status area stays clean', (await status().getAttribute('data-state')) === 'ok', await status().innerText());

  check('no errors in the page', problems.length === 0, problems.join(' | '));
} catch (e) {
  check('the editor run', false, String(e && e.stack || e));
  for (const p of browser.contexts().flatMap((c) => c.pages())) {
    await p.screenshot({ path: join(artifacts, 'cms-failure.png'), fullPage: true }).catch(() => {});
  }
  console.log(problems.join('\n'));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
