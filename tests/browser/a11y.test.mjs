// End-to-end checks of the built site in Debian's headless Chromium (issue 5).
// Usage: node a11y.test.mjs <base URL> <artifact folder>
// Prints one line per check and a closing "N passed, N failed" line; exits 1 on failure.
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const [base, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `\n     ${detail}` : ""}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// Every kind of page, in both languages. The search page is included once it exists.
const kinds = {
  home: ["/", "/en/"],
  list: ["/releases/", "/en/releases/"],
  release: ["/releases/2021-11-22-groundbreaking/", "/en/releases/2021-11-22-groundbreaking/"],
  "korean-only release": ["/releases/2023-05-15-phase-1-overview/"],
  tags: ["/tags/", "/en/tags/"],
  tag: ["/tags/data-center/", "/en/tags/data-center/"],
  archive: ["/archive/", "/en/archive/"],
  year: ["/archive/2023/", "/en/archive/2023/"],
  milestones: ["/milestones/", "/en/milestones/"],
  milestone: ["/milestones/testbed-buildings/", "/en/milestones/testbed-buildings/"],
  "milestones by status": ["/milestones/status/overdue/", "/en/milestones/status/done/"],
  about: ["/about/", "/en/about/"],
  "404": ["/no-such-page/"],
  search: ["/search/", "/en/search/"],
};

// axe is evaluated through the DevTools protocol, which the page's CSP does not govern
// (an injected <script> would be refused, as it should be).
async function runAxe(page) {
  await page.evaluate(axeSource);
  return await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
}

async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { context, page, problems };
}

for (const [kind, paths] of Object.entries(kinds)) {
  for (const path of paths) {
    const { context, page, problems } = await newPage();
    const response = await page.goto(base + path);
    if (kind === "search" && response.status() === 404) {
      console.log(`skip ${path}: no search page in this build`);
      await context.close();
      continue;
    }
    check(`${path} status`, response.status() === (kind === "404" ? 404 : 200), `status ${response.status()}`);
    const csp = problems.filter((p) => /Content Security Policy|Refused to/.test(p));
    check(`${path} runs under CSP default-src 'self'`, csp.length === 0, csp.join("\n     "));
    const results = await runAxe(page);
    const v = results.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    check(`${path} axe (light) has no violations`, v.length === 0, v.join("\n     "));
    check(`${path} exactly one h1`, (await page.locator("h1").count()) === 1);
    check(`${path} landmarks`, (await page.locator("header").count()) >= 1 && (await page.locator("main#main-content").count()) === 1
      && (await page.locator("footer").count()) >= 1 && (await page.locator("nav").count()) >= 1);
    check(`${path} no link opens a new window`, (await page.locator("a[target]").count()) === 0);
    // Controls (not inline text links) are at least 24×24 CSS px.
    const small = await page.evaluate(() => [...document.querySelectorAll(
      ".main-nav a, .lang-switch a, .pager a, a.tag, button:not([hidden]), .skip-link:focus, .site-name, input, select")]
      .filter((el) => el.offsetParent !== null)
      .map((el) => { const r = el.getBoundingClientRect(); return { t: el.textContent.trim().slice(0, 20), w: r.width, h: r.height }; })
      .filter((r) => r.w < 24 || r.h < 24));
    check(`${path} controls at least 24x24`, small.length === 0, JSON.stringify(small));
    await page.screenshot({ path: `${artifacts}/${kind.replace(/\W+/g, "-")}${path.startsWith("/en/") ? "-en" : ""}-1280.png`, fullPage: true });
    await context.close();

    // 375 px (and 320 px reflow): no horizontal scrolling; dark scheme passes axe too.
    for (const width of [375, 320]) {
      const small = await newPage({ viewport: { width, height: 800 }, colorScheme: width === 375 ? "dark" : "light" });
      await small.page.goto(base + path);
      const overflow = await small.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(`${path} no horizontal scroll at ${width}px`, overflow <= 0, `overflow ${overflow}px`);
      if (width === 375) {
        await small.page.screenshot({ path: `${artifacts}/${kind.replace(/\W+/g, "-")}${path.startsWith("/en/") ? "-en" : ""}-375.png`, fullPage: true });
        const dark = await runAxe(small.page);
        const dv = dark.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
        check(`${path} axe (dark, 375px) has no violations`, dv.length === 0, dv.join("\n     "));
      }
      await small.context.close();
    }
  }
}

// Keyboard only: the first Tab reaches the skip link, Enter moves focus to the main content.
{
  const { context, page } = await newPage();
  await page.goto(base + "/releases/2021-11-22-groundbreaking/");
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement.className + "|" + document.activeElement.textContent.trim());
  check("keyboard: first Tab focuses the skip link", first.startsWith("skip-link|"), first);
  const visible = await page.evaluate(() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0; });
  check("keyboard: the focused skip link is visible", visible);
  await page.keyboard.press("Enter");
  const target = await page.evaluate(() => document.activeElement.id);
  check("keyboard: Enter on the skip link focuses main", target === "main-content", target);
  await page.keyboard.press("Tab");
  const inMain = await page.evaluate(() => !!document.activeElement.closest("main"));
  check("keyboard: the next Tab stays in the main content", inMain);
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check("keyboard: focus is visible", ring !== "none", ring);
  await context.close();
}

// The language switcher leads to the translation, announced in its own language.
{
  const { context, page } = await newPage();
  await page.goto(base + "/releases/2021-11-22-groundbreaking/");
  const link = page.locator(".lang-switch a");
  check("switcher: link is marked lang=en", (await link.getAttribute("lang")) === "en");
  await link.click();
  await page.waitForLoadState();
  check("switcher: leads to the English release", page.url().endsWith("/en/releases/2021-11-22-groundbreaking/"), page.url());
  check("switcher: the page is English", (await page.getAttribute("html", "lang")) === "en");
  await page.goto(base + "/releases/2023-05-15-phase-1-overview/");
  const text = (await page.locator(".lang-switch").innerText()).trim();
  check("switcher: a Korean-only release says so in English", text.includes("available in Korean only"), text);
  await context.close();
}

// "Print this page": the button appears with JavaScript and opens the print dialog.
{
  const { context, page } = await newPage();
  await page.goto(base + "/releases/2021-11-22-groundbreaking/");
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
  const button = page.locator(".print-button");
  check("print: button is shown when scripts run", await button.isVisible());
  await button.click();
  check("print: clicking it prints", (await page.evaluate(() => window.__printed)) === 1);
  await page.emulateMedia({ media: "print" });
  const hidden = await page.evaluate(() => [".main-nav", ".lang-switch", ".skip-link", ".print-button"]
    .every((s) => { const el = document.querySelector(s); return !el || el.getClientRects().length === 0; }));
  check("print: the print stylesheet drops navigation", hidden);
  const after = await page.evaluate(() => getComputedStyle(document.querySelector(".prose a[href^='http'], .sources a"), "::after").content);
  check("print: link URLs are printed", after.includes("http"), after);
  await context.close();
}

// Without JavaScript every page is complete, and the print button stays hidden.
{
  const { context, page } = await newPage({ javaScriptEnabled: false });
  await page.goto(base + "/releases/2021-11-22-groundbreaking/");
  check("no JS: the release body is there", (await page.locator(".prose p").count()) > 2);
  check("no JS: no dead print button", !(await page.locator(".print-button").isVisible()));
  await context.close();
}

// Press photos (issue 15) on a release with a lead photo, a body figure and a gallery:
// a 390 px phone at 3x takes one WebP copy of the lead photo within the 150 KB budget,
// the gallery waits until it is scrolled near, and no photo moves the page as it loads.
{
  const path = "/releases/2021-11-22-groundbreaking/";
  const { context, page } = await newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(base + path, { waitUntil: "load" });
  const lead = await page.evaluate(() => {
    const img = document.querySelector("figure.photo-lead img");
    const entry = performance.getEntriesByName(img.currentSrc)[0];
    const m = /\/photos\/.*-(\d+)\.webp$/.exec(img.currentSrc);
    return { src: img.currentSrc, width: m ? Number(m[1]) : 0, needed: img.getBoundingClientRect().width * devicePixelRatio,
      bytes: entry ? entry.encodedBodySize : -1 };
  });
  check("photos: a 390 px phone takes the WebP copy its screen needs", lead.width >= lead.needed && lead.width < 2 * lead.needed, JSON.stringify(lead));
  check("photos: the lead photo costs a 390 px phone at most 150 KB", lead.bytes > 0 && lead.bytes <= 150 * 1024, JSON.stringify(lead));
  const gallery = await page.evaluate(() => [...document.querySelectorAll(".gallery img")].map((i) => ({
    loading: i.loading, decoding: i.decoding, loaded: performance.getEntriesByName(i.currentSrc || i.src).length > 0,
  })));
  check("photos: the gallery waits until it is scrolled near", gallery.length > 0 && gallery.every((g) => g.loading === "lazy" && g.decoding === "async" && !g.loaded), JSON.stringify(gallery));
  await page.locator(".gallery").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll(".gallery img")].every((i) => i.complete && i.naturalWidth > 0));
  const boxes = await page.evaluate(() => [...document.querySelectorAll("figure.photo picture img")].map((i) => {
    const r = i.getBoundingClientRect();
    return { shown: r.height / r.width, declared: i.getAttribute("height") / i.getAttribute("width"), file: i.naturalHeight / i.naturalWidth };
  }));
  check("photos: every photo is shown at the aspect ratio its width and height declare", boxes.length >= 2
    && boxes.every((b) => Math.abs(b.shown - b.declared) < 0.01 && Math.abs(b.file - b.declared) < 0.01), JSON.stringify(boxes));
  const shift = await page.evaluate(() => window.__shift);
  check("photos: nothing moves while the photos load (layout shift)", shift < 0.01, `shift ${shift}`);
  const links = await page.evaluate(() => [...document.querySelectorAll("figure.photo a.photo-download")].map((a) => [a.getAttribute("href"), a.hasAttribute("download")]));
  check("photos: each photo links to its original for download", links.length >= 2 && links.every(([h, d]) => /^\/images\//.test(h) && d), JSON.stringify(links));
  await context.close();
}

// Text resized to 200% still fits at 1280 px without horizontal scrolling.
{
  const { context, page } = await newPage({ viewport: { width: 640, height: 900 }, deviceScaleFactor: 2 });
  await page.goto(base + "/releases/2021-11-22-groundbreaking/");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check("200% zoom (1280 px at 2x = 640 CSS px): no horizontal scroll", overflow <= 0, `overflow ${overflow}px`);
  await context.close();
}

await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
