// Firefox ESR, course opened by double-click (file://, strict file origins: each file has its
// own localStorage, and progress is shared through site/assets/filestore.html): three tabs,
// the course home twice and one module page, answer different questions in turn, with
// storage events delivered or dropped. Every tab, reloaded, and the course home of the next
// visit (the browser started again) must hold every answer.
//
//   node tests/browser/firefox/progress_tabs.mjs <dist> <firefox> <deliver|drop> <module slug>
//
// Prints one JSON report on stdout (tests/browser/test_progress_tabs.py asserts on it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const [distArg, executablePath, mode, moduleSlug] = process.argv.slice(2);
const root = pathToFileURL(path.resolve(distArg)).href + "/";
const PROGRESS_STATE = fs.readFileSync(path.join(here, "progress_state.js"), "utf8");
const HOLD = fs.readFileSync(path.join(here, "hold_storage_events.js"), "utf8").replace("__MODE__", mode);
const report = { browser: "", strictOriginPolicy: null, mode, recorded: 0, tabs: {}, nextVisit: null,
                 errors: [], failures: [] };

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mvcalc-firefox-tabs-"));
const launch = () => puppeteer.launch({
  browser: "firefox", executablePath, headless: true, userDataDir,
  extraPrefsFirefox: {
    "security.fileuri.strict_origin_policy": true,
    "network.cookie.cookieBehavior": 5,
    "privacy.partition.always_partition_third_party_non_cookie_storage": true
  }
});
const synced = (page) => page.evaluate(`(${PROGRESS_STATE})({timeoutMs: 30000})`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// tab -> its questions, answered in the order of ORDER (each once)
const M1 = "m1-what-is-calculus";
const QUESTIONS = {
  home1: [[M1, "differentiate", 0], [M1, "chain-rule", 3]],
  module: [[M1, "differentiate", 1], ["m2-multivariate-calculus", "calculating-jacobian", 0]],
  home2: [[M1, "differentiate", 2], [M1, "toolbox", 1]]
};
const ORDER = ["home1", "module", "home2", "module", "home1", "home2"];
const expected = [];

function check(doc, where) {
  for (const [module, set, index, answer] of expected) {
    const q = ((doc.sets[module + "/" + set] || {}).questions || {})[String(index)];
    if (!q || q.correct !== true || q.answer !== answer) {
      report.failures.push(where + ": " + module + "/" + set + "/" + index + " " + JSON.stringify(q || null));
    }
  }
}

const holdings = (page) => page.evaluate("JSON.parse(window.mvcalcProgress.exportText())");

let browser = await launch();
try {
  report.browser = await browser.version();
  const probe = await browser.newPage();
  await probe.goto(root + "index.html");
  await probe.evaluate("localStorage.setItem('strict-probe', 'home')");
  await probe.goto(root + "site/" + moduleSlug + "/index.html");
  report.strictOriginPolicy = (await probe.evaluate("localStorage.getItem('strict-probe')")) === null;
  await probe.close();

  const tabs = {};
  for (const [name, url] of [["home1", "index.html"], ["module", "site/" + moduleSlug + "/index.html"], ["home2", "index.html"]]) {
    const page = await browser.newPage();
    page.setDefaultTimeout(60000);
    page.on("console", (message) => { if (message.type() === "error") report.errors.push(name + ": " + message.text()); });
    page.on("pageerror", (error) => report.errors.push(name + ": uncaught: " + String(error)));
    await page.evaluateOnNewDocument(HOLD);
    await page.goto(root + url);
    await synced(page);
    tabs[name] = page;
  }
  const done = { home1: 0, module: 0, home2: 0 };
  for (const [step, name] of ORDER.entries()) {
    const [module, set, index] = QUESTIONS[name][done[name]++];
    const answer = name + " " + step;
    await tabs[name].evaluate(([m, s, i, a]) => window.mvcalcProgress.recordCheck(m, s, i, { valid: true, correct: true, answer: a }),
                              [module, set, index, answer]);
    expected.push([module, set, index, answer]);
    report.recorded++;
    if (step % 2) await sleep(50);            // sometimes the file store answers before the next tab acts
  }
  await sleep(500);
  for (const [name, page] of Object.entries(tabs)) {
    await page.reload();
    const state = await synced(page);
    const doc = await holdings(page);
    report.tabs[name] = { sets: state.sets, seen: await page.evaluate("window.__storageEvents.seen") };
    check(doc, name + " after a reload");
  }
} catch (error) {
  report.failures.push("runner: " + String(error && error.stack || error));
} finally {
  await browser.close();
}

try {                                          // the next visit: the browser started again
  browser = await launch();
  const page = await browser.newPage();
  await page.goto(root + "index.html");
  report.nextVisit = await synced(page);
  check(await holdings(page), "next visit");
} catch (error) {
  report.failures.push("next visit: " + String(error && error.stack || error));
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + "\n");
