// The error overlay of `gongbo serve` in Debian's headless Chromium (issue 16, point 3):
// in the editor's language, over the top of the last good build (which stays readable
// below it), first in the tab order, folded away by its heading, closed by its button
// or the Escape key, and without accessibility violations.
// Usage: node overlay.test.mjs <page URL> <language code> <title> <a line of the list>
// Prints one line per check and a closing "N passed, N failed" line; exits 1 on failure.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const [url, lang, title, line] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

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
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const problems = [];
page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
page.on("pageerror", (e) => problems.push(String(e)));

/// The overlay's box, or null when there is none.
const box = () => page.evaluate(() => {
  const o = document.getElementById("gongbo-errors");
  if (!o) return null;
  const r = o.getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: r.height };
});
/// Whether the point (x, y) of the window shows the overlay or the page below it.
const showsOverlayAt = (x, y) => page.evaluate(([x, y]) => {
  const e = document.elementFromPoint(x, y);
  return !!(e && e.closest("#gongbo-errors"));
}, [x, y]);
/// Whether the page's own content (its header, main or footer) shows at (x, y).
const showsPageAt = (x, y) => page.evaluate(([x, y]) => {
  const e = document.elementFromPoint(x, y);
  return !!(e && !e.closest("#gongbo-errors") && e.closest("header, main, footer, body > *"));
}, [x, y]);

await page.goto(url);
const first = await box();
check("the overlay is shown over the last good build", first !== null);
const info = await page.evaluate(() => {
  const o = document.getElementById("gongbo-errors");
  return {
    lang: o.getAttribute("lang"),
    role: o.getAttribute("role"),
    summary: o.querySelector("summary").textContent,
    text: o.textContent,
    main: !!document.querySelector("main"),
    firstInBody: document.body.firstElementChild === o,
  };
});
check(`it speaks the editor's language (lang=${lang})`, info.lang === lang, info.lang);
check("its heading says the site could not be rebuilt", info.summary.includes(title), info.summary);
check("it lists the error with its place, code and hint", info.text.includes(line), info.text);
check("it is an alert, first in the page", info.role === "alert" && info.firstInBody);
check("the page below is there", info.main);
check("it takes at most 60% of the window", first.height <= 900 * 0.6 + 1, JSON.stringify(first));
check("the page shows below it", await showsPageAt(640, Math.min(first.bottom + 40, 880)),
  JSON.stringify(first));

// First in the tab order: the heading that folds it.
await page.keyboard.press("Tab");
const focused = await page.evaluate(() => document.activeElement && document.activeElement.tagName + "|" +
  !!document.activeElement.closest("#gongbo-errors"));
check("the first Tab goes to the overlay's heading", focused === "SUMMARY|true", focused);

// Folded away by its heading (the keyboard too), and opened again.
await page.keyboard.press("Enter");
const folded = await box();
check("Enter on the heading folds the list to one line", folded.height < 80, JSON.stringify(folded));
check("the page shows right below the folded heading", await showsPageAt(640, folded.bottom + 20),
  JSON.stringify(folded));
await page.click("#gongbo-errors > summary");
check("a click on the heading opens it again", (await box()).height > folded.height + 20);

const axe = await (async () => {
  await page.evaluate(axeSource);
  return await page.evaluate(() => window.axe.run("#gongbo-errors", {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
  }));
})();
check("no accessibility violation in the overlay", axe.violations.length === 0,
  axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`).join("; "));

// Closed by its button: the page is back in full, at the top of the window too.
const button = await page.evaluate(() => {
  const b = document.querySelector("#gongbo-errors button[data-gongbo-close]");
  return b ? { text: b.textContent, label: b.getAttribute("aria-label") } : null;
});
check("the close button is named in the editor's language", button && button.label.includes(button.text),
  JSON.stringify(button));
await page.click("#gongbo-errors button[data-gongbo-close]");
check("the button closes the overlay", (await box()) === null);
check("the top of the page shows again", await showsPageAt(640, 20) && !(await showsOverlayAt(640, 20)));

// Closed by the Escape key, after a reload brings it back.
await page.reload();
check("a reload shows the overlay again while the site is still broken", (await box()) !== null);
await page.keyboard.press("Escape");
check("Escape closes the overlay", (await box()) === null);

check("no console error", problems.length === 0, problems.join("; "));
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
