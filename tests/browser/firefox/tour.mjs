// Firefox ESR opens dist/ by double-click (file:// URLs) and takes the learner's tour:
// every module page boots Python, draws a figure, answers an exercise (or saves progress
// where a page has no exercise yet), and progress is kept after a reload, on the next
// pages and on the course home. The in-page checks are the Chromium test's own
// (page_checks.js, progress_state.js, record_progress.js beside this file).
//
//   node tests/browser/firefox/tour.mjs <dist folder> [firefox binary]
//
// Prints one JSON report on stdout; tests/browser/test_file_url.py asserts on it.
// Puppeteer's Firefox profile turns security.fileuri.strict_origin_policy OFF, which makes
// file:// pages pass falsely; it is turned back on here (Firefox's default), and so is
// Firefox's default storage partitioning (Puppeteer sets cookieBehavior 0).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] || "dist");
const executablePath = process.argv[3] || "/usr/bin/firefox-esr";
const TIMEOUT_MS = 150000;
const read = (name) => fs.readFileSync(path.join(here, name), "utf8");
const PAGE_CHECKS = read("page_checks.js");
const PROGRESS_STATE = read("progress_state.js");

// A page left while its KaTeX fonts are still loading logs "downloadable font: download failed"
// (the load was aborted, not broken): leave each page once its fonts are in, as a reader would.
async function fontsLoaded(page) {
  try { await page.evaluate("document.fonts.ready.then(() => document.fonts.status)"); } catch (error) { /* no page yet */ }
}
const RECORD_PROGRESS = read("record_progress.js");
const EXTRA_PAGE_CHECKS = read("extra_page_checks.js");
const call = (page, source, arg) => page.evaluate(`(${source})(${JSON.stringify(arg)})`);

const root = pathToFileURL(dist).href + "/";
const pagesIn = (extra) => fs.readdirSync(path.join(dist, "site"))
  .filter((name) => fs.existsSync(path.join(dist, "site", name, "index.html")))
  .filter((name) => /<body[^>]*data-extra-page/.test(fs.readFileSync(path.join(dist, "site", name, "index.html"), "utf8")) === extra)
  .sort();
const slugs = pagesIn(false);          // the module pages
const extraSlugs = pagesIn(true);      // pages that are not modules (the glossary, ...): no Python
const report = { browser: "", strictOriginPolicy: null, pages: {}, extraPages: {}, checker: null, home: null,
                 requests: [], errors: [], failures: [] };

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mvcalc-firefox-"));
const launch = () => puppeteer.launch({
  browser: "firefox", executablePath, headless: true, userDataDir,
  extraPrefsFirefox: {
    "security.fileuri.strict_origin_policy": true,
    "network.cookie.cookieBehavior": 5,
    "privacy.partition.always_partition_third_party_non_cookie_storage": true
  }
});
const keys = [];
let browser = await launch();
try {
  report.browser = await browser.version();
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on("request", (request) => report.requests.push(request.url().slice(0, 300)));
  page.on("console", (message) => { if (message.type() === "error") report.errors.push(message.text()); });
  page.on("pageerror", (error) => report.errors.push("uncaught: " + String(error)));
  const resources = async () => {
    for (const url of await page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")) {
      report.requests.push(url.slice(0, 300));
    }
  };

  // Is the strict file-origin policy really on? Then a page's own localStorage is its file's alone.
  await page.goto(root + "index.html");
  await page.evaluate("localStorage.setItem('strict-probe', 'home')");
  await page.goto(root + "site/" + slugs[0] + "/index.html");
  report.strictOriginPolicy = (await page.evaluate("localStorage.getItem('strict-probe')")) === null;

  for (const slug of slugs) {
    const started = Date.now();
    try {
      await fontsLoaded(page);
      await page.goto(root + "site/" + slug + "/index.html");
      const result = await call(page, PAGE_CHECKS, { timeoutMs: TIMEOUT_MS, answer: true });
      await resources();
      const problems = [];
      if (!result.ready) problems.push("Python failed to start: " + result.status);
      else {
        if (!(result.math > 0)) problems.push("no maths typeset");
        if (!(result.ink > 100)) problems.push("the figure was not drawn");
        if (!(result.label.length > 20)) problems.push("the figure has no text alternative");
        if (result.errorBoxes || result.fontCache) problems.push("an error box on the page");
        if (result.framesShown !== result.figures) problems.push("a figure showed no first frame");
      }
      let key = null;
      if (result.exercise) {
        if (!["correct", "wrong", "invalid"].includes(result.exercise.verdict)) problems.push("no verdict: " + JSON.stringify(result.exercise));
        key = result.exercise.module + "/" + result.exercise.set;
      } else if (result.ready) {
        key = await call(page, RECORD_PROGRESS, { module: slug });
      }
      if (key) keys.push(key);
      if (result.ready && !result.exercise && report.checker === null && await page.evaluate("!!window.mvcalcChecker")) {
        const t = Date.now();
        await page.evaluate("window.mvcalcChecker.start()");
        await page.waitForFunction("window.mvcalcChecker.state !== 'starting'", { timeout: TIMEOUT_MS });
        const state = await page.evaluate("window.mvcalcChecker.state");
        const reply = state === "ready" ? await page.evaluate("window.mvcalcChecker.request('ping', '{}', 20000)") : "";
        report.checker = { state, reply, seconds: (Date.now() - t) / 1000 };
        if (!reply.includes('"pong": true')) problems.push("the checker worker did not answer: " + state + " " + reply);
      }
      await fontsLoaded(page);
      await page.reload();
      const state = await call(page, PROGRESS_STATE, { timeoutMs: 20000 });
      if (!result.exercise && result.ready && state.tour !== slug) problems.push("after reload the saved marker was lost: " + JSON.stringify(state));
      for (const expected of keys) if (!state.sets.includes(expected)) problems.push("after reload " + expected + " was lost");
      report.pages[slug] = { readyMs: result.readyMs, seconds: (Date.now() - started) / 1000, exercise: result.exercise };
      for (const problem of problems) report.failures.push(slug + ": " + problem);
    } catch (error) {
      report.pages[slug] = { error: String(error) };
      report.failures.push(slug + ": " + String(error));
    }
  }
  for (const slug of extraSlugs) {
    try {
      await fontsLoaded(page);
      await page.goto(root + "site/" + slug + "/index.html");
      const result = await call(page, EXTRA_PAGE_CHECKS, {});
      await resources();
      if (!result.title.trim() || !(result.paragraphs > 3)) report.failures.push(slug + ": not readable " + JSON.stringify(result));
      if (result.python) {      // a page that starts Python (the worksheets) gets it ready, as a module page does
        await page.waitForFunction("document.documentElement.classList.contains('python-ready') || " +
          "document.documentElement.classList.contains('python-failed')", { timeout: TIMEOUT_MS });
        if (!(await page.evaluate("document.documentElement.classList.contains('python-ready')"))) {
          report.failures.push(slug + ": Python failed to start");
        }
      }
      let landed = null;
      if (result.lessonLinks.length) {
        const href = result.lessonLinks[result.lessonLinks.length - 1];
        const anchor = href.split("#")[1];
        await Promise.all([page.waitForNavigation(), page.click(`main a[href="${href}"]`)]);
        landed = await page.evaluate((id) => location.hash === "#" + id && !!document.getElementById(id), anchor);
        if (!landed) report.failures.push(slug + ": the link " + href + " did not land on its anchor");
        await page.waitForFunction("document.documentElement.classList.contains('python-ready')", { timeout: TIMEOUT_MS });
      }
      report.extraPages[slug] = { title: result.title.trim(), lessonLinks: result.lessonLinks.length, landed, python: result.python };
    } catch (error) {
      report.extraPages[slug] = { error: String(error) };
      report.failures.push(slug + ": " + String(error));
    }
  }
  await fontsLoaded(page);
  await page.goto(root + "index.html");
  const home = await call(page, PROGRESS_STATE, { timeoutMs: 20000 });
  report.home = home;
  for (const expected of keys) if (!home.sets.includes(expected)) report.failures.push("course home: " + expected + " was lost");
  if (!slugs.includes(home.tour) && !keys.length) report.failures.push("course home: the saved marker was lost");
} catch (error) {
  report.failures.push("runner: " + String(error && error.stack || error));
} finally {
  await browser.close();
}

// The next visit: the same profile, the browser started again, the course home opened.
try {
  browser = await launch();
  const page = await browser.newPage();
  await fontsLoaded(page);
  await page.goto(root + "index.html");
  const again = await call(page, PROGRESS_STATE, { timeoutMs: 20000 });
  report.nextVisit = again;
  for (const expected of keys) if (!again.sets.includes(expected)) report.failures.push("next visit: " + expected + " was lost");
  if (!keys.length && !slugs.includes(again.tour)) report.failures.push("next visit: the saved marker was lost");
} catch (error) {
  report.failures.push("next visit: " + String(error && error.stack || error));
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + "\n");
