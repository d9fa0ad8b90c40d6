// SVG files opened directly in Debian's headless Chromium (issue 13), served without a
// Content-Security-Policy, as most static hosts serve them.
// Usage: node svg.test.mjs <base URL> <cases.json>
// cases.json: [{ "path": "/accepted/x.svg", "expect": "safe" | "script" | "fetch" | "inert" }]
//   safe:   gongbo publishes it; nothing may run and nothing may be fetched.
//   script: gongbo refuses it; Chromium runs its script (a dialog opens), on load or on a
//           click in the middle of the drawing.
//   fetch:  gongbo refuses it; Chromium fetches a file it names (a request to /beacon/).
//   inert:  gongbo refuses it; this Chromium does nothing with it (other browsers, or
//           older versions, did), which the test records so a change shows.
// Prints one line per case and a closing "N passed, N failed" line; exits 1 on failure.
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";

const [base, casesFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, "utf8"));

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
console.log(`chromium ${browser.version()}`);

/** Opens `path`, clicks the middle of the drawing, and reports what happened. */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 400, height: 400 } });
  const page = await context.newPage();
  const dialogs = [];
  const requests = [];
  page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss().catch(() => {}); });
  context.on("request", (r) => requests.push(r.url()));
  const url = base + path;
  const response = await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(400);
  await page.mouse.click(100, 100).catch(() => {});
  await page.waitForTimeout(400);
  const contentType = response ? response.headers()["content-type"] : "";
  await context.close();
  // Requests other than the document itself (and navigations to it after a click).
  const others = requests.filter((r) => r !== url && !r.startsWith("data:"));
  return { dialogs, others, contentType };
}

for (const c of cases) {
  const r = await open(c.path);
  const seen = `dialogs ${JSON.stringify(r.dialogs)}, requests ${JSON.stringify(r.others)}`;
  if (!r.contentType.startsWith("image/svg+xml")) {
    check(`${c.path} is served as SVG`, false, r.contentType);
    continue;
  }
  switch (c.expect) {
    case "safe":
      check(`${c.path}: accepted, runs nothing and fetches nothing`, r.dialogs.length === 0 && r.others.length === 0, seen);
      break;
    case "script":
      check(`${c.path}: refused, and Chromium runs its script`, r.dialogs.length > 0, seen);
      break;
    case "fetch":
      check(`${c.path}: refused, and Chromium fetches what it names`, r.others.some((u) => u.includes("/beacon/")), seen);
      break;
    case "inert":
      check(`${c.path}: refused; this Chromium ignores it`, r.dialogs.length === 0 && !r.others.some((u) => u.includes("/beacon/")), seen);
      break;
    default:
      check(`${c.path}: unknown expectation ${c.expect}`, false);
  }
}

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
