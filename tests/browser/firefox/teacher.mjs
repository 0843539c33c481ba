// Firefox ESR opens the teacher's page by double-click (file://, strict file origins) and reads
// learners' progress files chosen in its file picker.
//
//   node tests/browser/firefox/teacher.mjs <dist> <firefox> <file>...
//
// Prints one JSON report: {status, leftOut, tables (teacher_tables.js), course, csv, errors}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const [distArg, executablePath, ...files] = process.argv.slice(2);
const TABLES = fs.readFileSync(path.join(here, "teacher_tables.js"), "utf8");
const report = { browser: "", status: "", leftOut: {}, tables: {}, course: [], csv: "", errors: [] };
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mvcalc-firefox-teacher-"));
const browser = await puppeteer.launch({
  browser: "firefox", executablePath, headless: true, userDataDir,
  extraPrefsFirefox: { "security.fileuri.strict_origin_policy": true }
});
try {
  report.browser = await browser.version();
  const page = await browser.newPage();
  page.setDefaultTimeout(60000);
  page.on("console", (message) => { if (message.type() === "error") report.errors.push(message.text()); });
  page.on("pageerror", (error) => report.errors.push("uncaught: " + String(error)));
  await page.goto(pathToFileURL(path.resolve(distArg)).href + "/site/teacher/index.html");
  const input = await page.$("#file-input");
  await input.uploadFile(...files);
  await page.waitForFunction("document.querySelectorAll('.left-out-list li').length + " +
                             "document.querySelectorAll('.teacher-module').length > 0");
  report.status = await page.evaluate("document.getElementById('teacher-status').textContent");
  report.leftOut = await page.evaluate(`Object.fromEntries([...document.querySelectorAll('.left-out-list li')]
    .map(li => [li.getAttribute('data-file'), li.textContent]))`);
  report.tables = await page.evaluate(`(${TABLES})()`);
  report.course = await page.evaluate("window.MVCALC_RUNTIME.course");
  report.csv = await page.evaluate("window.mvcalcTeacher.csvText()");
} catch (error) {
  report.errors.push("runner: " + String(error && error.stack || error));
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(report) + "\n");
