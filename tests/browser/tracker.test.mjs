// The milestone tracker and the citizen pages in Debian's headless Chromium (issue 17).
// Usage: node tracker.test.mjs <base URL> <artifact folder>
// Prints one line per check ("ok …", "FAIL …", "measure …") and a closing
// "N passed, N failed" line; exits 1 on failure. Screenshots of the home, milestones,
// milestone, release and search pages at 390 and 1280 px, light and dark, go to the
// artifact folder.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";

const [base, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

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

// A section that throws (an element missing, a page that does not load) is one failed
// check, and the sections after it still run.
async function section(name, body) {
  try {
    await body();
  } catch (e) {
    check(`${name}: ran to the end`, false, String(e).split("\n")[0]);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

async function open(path, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  const response = await page.goto(base + path);
  return { context, page, problems, response };
}

const data = await (await fetch(base + "/milestones.json")).json();
const total = data.milestones.length;
const overdue = data.milestones.filter((m) => m.overdue).length;

// ---- The timeline: every label visible inside the chart, none overlapping, the chart
await section('The timeline', async () => {
  // within the viewport, a delayed milestone with both its planned and its current mark.
  async function chartGeometry(page) {
    return page.evaluate(() => {
      const box = (el) => { const r = el.getBoundingClientRect(); return { l: r.left, r: r.right, t: r.top, b: r.bottom, w: r.width, h: r.height }; };
      const chart = document.querySelector(".ms-chart .gantt");
      const rows = [...chart.querySelectorAll(".gantt-milestone")];
      const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      return {
        chart: box(chart),
        viewport: window.innerWidth,
        scroll: document.documentElement.scrollWidth,
        labels: rows.map((r) => ({ id: r.dataset.milestone, text: r.querySelector(".gantt-label").textContent.trim(),
          visible: visible(r.querySelector(".gantt-name")), ...box(r.querySelector(".gantt-label")) })),
        marks: rows.map((r) => ({ id: r.dataset.milestone, ...box(r.querySelector(".gantt-mark circle")) })),
        years: [...chart.querySelectorAll(".gantt-year")].filter(visible).map((y) => ({ text: y.textContent, ...box(y) })),
        today: [...chart.querySelectorAll(".gantt-today-label")].map(box),
        delayed: rows.filter((r) => r.classList.contains("status-delayed")).map((r) => ({
          id: r.dataset.milestone,
          plan: box(r.querySelector(".gantt-plan")),
          mark: box(r.querySelector(".gantt-mark circle")),
          planVisible: visible(r.querySelector(".gantt-plan")),
        })),
        role: chart.getAttribute("role"),
        name: document.getElementById(chart.getAttribute("aria-labelledby"))?.textContent.trim() || "",
        description: document.getElementById(chart.getAttribute("aria-describedby"))?.textContent.trim() || "",
      };
    });
  }

  const overlap = (a, b) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
  const inside = (a, o) => a.l >= o.l - 0.5 && a.r <= o.r + 0.5 && a.t >= o.t - 0.5 && a.b <= o.b + 0.5;

  for (const path of ["/milestones/", "/en/milestones/"]) {
    for (const [width, media] of [[390, "screen"], [1280, "screen"], [680, "print"]]) {
      const { context, page } = await open(path, { viewport: { width, height: 900 } });
      if (media === "print") await page.emulateMedia({ media: "print" });
      const g = await chartGeometry(page);
      const at = `${path} at ${width}px${media === "print" ? " (print)" : ""}`;
      check(`${at}: the chart is an image with a name and a description`,
        g.role === "img" && g.name.length > 0 && g.description.length > 40, `${g.role} ${g.name}`);
      check(`${at}: one labelled row per milestone`, g.labels.length === total && g.labels.every((l) => l.text.length > 0),
        `${g.labels.length} of ${total}`);
      check(`${at}: every label is visible inside the chart`,
        g.labels.every((l) => l.visible && l.w > 0 && l.h > 0 && inside(l, g.chart)),
        JSON.stringify(g.labels.filter((l) => !(l.visible && inside(l, g.chart)))));
      const clash = [];
      g.labels.forEach((a, i) => g.labels.slice(i + 1).forEach((b) => { if (overlap(a, b)) clash.push(`${a.id}/${b.id}`); }));
      check(`${at}: no two labels overlap`, clash.length === 0, clash.join(", "));
      const years = [];
      g.years.forEach((a, i) => g.years.slice(i + 1).forEach((b) => { if (overlap(a, b)) years.push(`${a.text}/${b.text}`); }));
      check(`${at}: no two year labels overlap`, g.years.length >= 5 && years.length === 0, years.join(", "));
      check(`${at}: the today label overlaps no year`, g.today.every((t) => g.years.every((y) => !overlap(t, y))));
      check(`${at}: every mark is inside the chart`, g.marks.every((m) => m.w > 0 && inside(m, g.chart)),
        JSON.stringify(g.marks.filter((m) => !inside(m, g.chart)).map((m) => m.id)));
      check(`${at}: the chart fits the viewport`, g.chart.l >= 0 && g.chart.r <= g.viewport && g.scroll <= g.viewport,
        `chart ${g.chart.l}–${g.chart.r}, page ${g.scroll}, viewport ${g.viewport}`);
      check(`${at}: a delayed milestone has a planned and a current mark, apart`,
        g.delayed.length > 0 && g.delayed.every((d) => d.planVisible && d.plan.w > 2 && d.mark.w > 0
          && d.plan.r <= d.mark.l + d.mark.w / 2),
        JSON.stringify(g.delayed));
      if (media === "screen") {
        await page.locator(".ms-chart").screenshot({ path: `${artifacts}/chart${path.startsWith("/en/") ? "-en" : ""}-${width}.png` });
      }
      await context.close();
    }
  }
});

// ---- Late completion in words, in both languages.
await section('Late completion in words, in both languages', async () => {
  {
    const late = data.milestones.find((m) => m.id === "green-belt-release");
    check("the real site's green-belt release was done after its planned month", late && late.done_on > late.planned);
    for (const [path, text] of [["/milestones/", "예정보다 5개월 늦게 완료"], ["/en/milestones/", "Completed 5 months late"],
      ["/milestones/green-belt-release/", "예정보다 5개월 늦게 완료"], ["/en/milestones/green-belt-release/", "Completed 5 months late"]]) {
      const { context, page } = await open(path);
      const shown = await page.locator(path.includes("green") ? ".meta .ms-schedule" : "#m-green-belt-release .ms-schedule").innerText();
      check(`${path}: says "${text}"`, shown.trim() === text, shown);
      await context.close();
    }
  }
});

// ---- The home page's summary: a bar per phase, plain words, links that lead to the
await section("The home page's summary", async () => {
  // lists they name, each holding as many milestones as the link says.
  for (const [path, width] of [["/", 390], ["/en/", 1280]]) {
    const { context, page } = await open(path, { viewport: { width, height: 900 } });
    const phases = await page.locator(".progress-phases > li").count();
    check(`${path} at ${width}px: one progress bar per phase`, phases === data.phases.length && await page.locator(".progress-bar").count() === phases);
    const bars = await page.evaluate(() => [...document.querySelectorAll(".progress-bar")].map((b) => b.getBoundingClientRect().width));
    check(`${path} at ${width}px: the bars are drawn`, bars.every((w) => w > 100), bars.join(","));
    const link = page.locator(".progress-overdue a");
    const words = (await link.innerText()).trim();
    check(`${path}: the overdue sentence says how many`, words.includes(String(overdue)), words);
    const links = await page.evaluate(() => [...document.querySelectorAll(".ms-progress .ms-filters a")]
      .map((a) => ({ href: a.getAttribute("href"), n: Number(a.querySelector(".filter-count").textContent) })));
    for (const l of [{ href: await link.getAttribute("href"), n: overdue }, ...links]) {
      const target = await context.newPage();
      const r = await target.goto(base + l.href);
      const items = await target.locator("main .timeline > li").count();
      check(`${path}: ${l.href} lists ${l.n}`, r.status() === 200 && items === l.n, `status ${r.status()}, ${items} items`);
      await target.close();
    }
    await link.click();
    await page.waitForLoadState();
    check(`${path}: the overdue link leads to the overdue list`, new URL(page.url()).pathname.endsWith("/milestones/status/overdue/"), page.url());
    await context.close();
  }
});

// ---- No layout shift while search results arrive (Lighthouse's CLS, measured with a
await section('No layout shift while search results arrive', async () => {
  // PerformanceObserver from before the first paint), on a phone and a wide screen.
  for (const [label, options] of [["phone 412x823", { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
    ["desktop 1280x900", { viewport: { width: 1280, height: 900 } }]]) {
    for (const path of ["/search/?q=" + encodeURIComponent("데이터센터"), "/en/search/?q=center"]) {
      const context = await browser.newContext(options);
      await context.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      const page = await context.newPage();
      await page.goto(base + path);
      await page.waitForFunction(() => document.getElementById("search-app")?.dataset.query, null, { timeout: 10000 });
      const results = await page.locator("#search-results li").count();
      await page.waitForTimeout(1500);
      const cls = await page.evaluate(() => window.__cls);
      console.log(`measure CLS ${label} ${path}: ${cls.toFixed(4)} (${results} results)`);
      check(`${label} ${path}: results arrive with CLS < 0.1`, results > 0 && cls < 0.1, `CLS ${cls}`);
      await context.close();
    }
  }
});

// ---- Search results: light, at a readable measure, naming the department.
await section('Search results', async () => {
  for (const [path, dept] of [["/search/?q=" + encodeURIComponent("데이터센터"), "인공지능산업실"], ["/en/search/?q=center", "AI Industry Office"]]) {
    const { context, page } = await open(path);
    await page.waitForFunction(() => document.getElementById("search-app")?.dataset.query);
    const r = await page.evaluate(() => {
      const list = document.getElementById("search-results");
      const li = list.querySelector("li");
      const s = getComputedStyle(li);
      // Characters a line: the list's width over the mean width of the snippets' own
      // characters in their own font.
      const snippets = [...list.querySelectorAll(".snippet")];
      const text = snippets.map((p) => p.textContent).join(" ");
      const ctx = document.createElement("canvas").getContext("2d");
      const cs = getComputedStyle(snippets[0]);
      ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const mean = ctx.measureText(text).width / [...text].length;
      return { width: list.getBoundingClientRect().width, chars: list.getBoundingClientRect().width / mean,
        rule: parseFloat(s.borderTopWidth) + parseFloat(s.borderBottomWidth),
        meta: li.querySelector(".result-meta").textContent, metaRule: parseFloat(getComputedStyle(li.querySelector(".result-meta")).borderTopWidth) };
    });
    console.log(`measure search results ${path}: ${Math.round(r.width)} px wide, about ${Math.round(r.chars)} characters a line`);
    check(`${path}: results at most ~75 characters a line`, r.chars <= 78, `${r.chars}`);
    check(`${path}: no rules between results`, r.rule === 0 && r.metaRule === 0, JSON.stringify(r));
    check(`${path}: results name the department`, r.meta.includes(dept), r.meta);
    await context.close();
  }
});

// ---- No console errors or failed requests on any kind of page (the favicon is there).
await section('No console errors or failed requests on any kind of page', async () => {
  for (const path of ["/", "/en/", "/releases/", "/releases/2021-11-22-groundbreaking/", "/tags/", "/archive/", "/milestones/",
    "/milestones/testbed-buildings/", "/milestones/status/overdue/", "/about/", "/search/", "/en/search/?q=center"]) {
    const { context, page, problems } = await open(path);
    // The browser asks for the icon on its own, after the page: give it time to.
    await page.waitForTimeout(1000);
    const icons = await page.evaluate(() => Promise.all([...document.querySelectorAll("link[rel=icon]")]
      .map(async (l) => `${l.type} ${(await fetch(l.href)).status}`)));
    check(`${path}: no console errors or failed requests`, problems.length === 0, problems.join("\n     "));
    check(`${path}: names an SVG icon and a PNG fallback, both there`,
      icons.includes("image/svg+xml 200") && icons.includes("image/png 200"), icons.join(","));
    await context.close();
  }
});

// ---- Cards show the department; attachments name their format once.
await section('Cards show the department; attachments name their format once', async () => {
  {
    const { context, page } = await open("/");
    const depts = await page.locator(".cards .card-dept").count();
    const cards = await page.locator(".cards .card").count();
    check("home: every card shows the department", cards > 0 && depts === cards, `${depts} of ${cards}`);
    await page.goto(base + "/releases/2021-11-22-groundbreaking/");
    const label = (await page.locator(".attachments a").first().innerText()).trim();
    check("attachment: the format is said once", (label.match(/PDF/g) || []).length === 1, label);
    await context.close();
  }
});

// ---- Print: full addresses for the site's own links, none for what makes no sense on
await section('Print', async () => {
  // paper, no table of contents; English highlight lines in English style.
  {
    const { context, page } = await open("/releases/2021-11-22-groundbreaking/");
    await page.emulateMedia({ media: "print" });
    const p = await page.evaluate(() => {
      const after = (el) => getComputedStyle(el, "::after").content;
      const links = [...document.querySelectorAll("main a")].filter((a) => a.getClientRects().length > 0);
      return {
        toc: document.querySelector(".toc") ? document.querySelector(".toc").getClientRects().length : 0,
        relative: links.map(after).filter((c) => /^"? ?\(\//.test(c.replace(/^"/, ""))),
        own: links.filter((a) => (a.getAttribute("href") || "").startsWith("/")).map(after),
      };
    });
    check("print: the table of contents is hidden", p.toc === 0);
    check("print: no site-relative address is printed", p.relative.length === 0, p.relative.join(" | "));
    check("print: the site's own links print their full address",
      p.own.some((c) => c.includes("(https://gongbo.example.org/")), p.own.join(" | "));
    await context.close();
    const nojs = await open("/releases/2021-11-22-groundbreaking/", { javaScriptEnabled: false });
    await nojs.page.emulateMedia({ media: "print" });
    const relative = await nojs.page.evaluate(() => [...document.querySelectorAll("main a[href^='/']")]
      .map((a) => getComputedStyle(a, "::after").content).filter((c) => c.includes("(/")));
    check("print without JavaScript: site-relative links print as text alone", relative.length === 0, relative.join(" | "));
    await nojs.context.close();
  }
  for (const [path, before, after] of [["/releases/2021-11-22-groundbreaking/", "- ", " -"], ["/en/releases/2021-11-22-groundbreaking/", "• ", "none"]]) {
    const { context, page } = await open(path);
    const h = await page.evaluate(() => {
      const li = document.querySelector(".highlights li");
      return [getComputedStyle(li, "::before").content, getComputedStyle(li, "::after").content];
    });
    check(`${path}: highlight lines in the page's style`, h[0].includes(before) && (after === "none" ? h[1] === "none" : h[1].includes(after)), h.join(" "));
    await context.close();
  }
});

// ---- A compact phone header.
await section('A compact phone header', async () => {
  for (const path of ["/", "/releases/2021-11-22-groundbreaking/", "/en/milestones/"]) {
    const { context, page } = await open(path, { viewport: { width: 390, height: 844 } });
    const h = await page.evaluate(() => ({
      header: document.querySelector(".site-header").getBoundingClientRect().height,
      h1: document.querySelector("h1").getBoundingClientRect().top,
      search: document.querySelector("#site-search-q").getBoundingClientRect().height,
    }));
    console.log(`measure header at 390px ${path}: ${Math.round(h.header)} px, h1 at ${Math.round(h.h1)} px`);
    check(`${path}: the phone header is at most 260 px tall, the search box still there`, h.header <= 260 && h.search >= 24, JSON.stringify(h));
    await context.close();
  }
});

// ---- Screenshots to look at.
await section('Screenshots to look at', async () => {
  for (const [name, path] of [["home", "/"], ["milestones", "/milestones/"], ["milestone", "/milestones/testbed-buildings/"],
    ["release", "/releases/2021-11-22-groundbreaking/"], ["search", "/search/?q=" + encodeURIComponent("데이터센터")],
    ["milestones-en", "/en/milestones/"]]) {
    for (const width of [390, 1280]) {
      for (const colorScheme of ["light", "dark"]) {
        const { context, page } = await open(path, { viewport: { width, height: 900 }, colorScheme });
        if (name === "search") await page.waitForFunction(() => document.getElementById("search-app")?.dataset.query);
        await page.screenshot({ path: `${artifacts}/${name}-${width}-${colorScheme}.png`, fullPage: true });
        await context.close();
      }
    }
  }
});

await browser.close();
console.log(`tracker: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
