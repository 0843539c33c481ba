/* The checks made on one module page, the same in every browser: evaluated in the page
 * (Playwright's page.evaluate for Chromium, Puppeteer's for Firefox ESR). An async
 * function expression of one argument: {timeoutMs, answer}.
 *
 * Returns {ready, status, readyMs, ink, label, errorBoxes, fontCache, exercise, figures,
 * framesShown (figures showing a picture when the page has loaded, before Python)}, where
 * exercise is null when the page has no exercise set yet, else what was answered and the
 * verdict the page gave. Throws if something it waits for never comes.
 */
async ({ timeoutMs, answer }) => {
  const html = document.documentElement;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  async function until(test, what) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = test();
      if (value) return value;
      if (Date.now() > end) throw new Error("timed out waiting for " + what);
      await sleep(100);
    }
  }
  // Every figure shows a picture from the start: the build's first frame, or already its live canvas.
  const figures = Array.from(document.querySelectorAll(".live-figure"));
  const framesShown = figures.filter((figure) => {
    const frame = figure.querySelector("img.plot-frame"), canvas = figure.querySelector("canvas");
    return (frame && frame.complete && frame.naturalWidth > 0) || (canvas && canvas.dataset.drawn === "1");
  }).length;
  await until(() => html.classList.contains("python-ready") || html.classList.contains("python-failed"), "Python");
  const status = document.getElementById("python-status");
  const mark = performance.getEntriesByName("mvcalc:python-ready")[0];
  const result = {
    ready: html.classList.contains("python-ready"),
    status: status ? status.innerText : "",
    readyMs: mark ? Math.round(mark.startTime) : null,
    ink: 0, label: "", errorBoxes: 0, fontCache: false, exercise: null, math: document.querySelectorAll(".katex").length,
    figures: figures.length, framesShown: framesShown
  };
  if (!result.ready) return result;

  const canvas = document.querySelector(".live-figure canvas");
  if (canvas && canvas.width) {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 16) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) result.ink++;
    result.label = canvas.getAttribute("aria-label") || "";
  }
  result.errorBoxes = document.querySelectorAll(".py-error").length;
  result.fontCache = document.body.innerText.includes("font cache");

  const set = document.querySelector(".exercise-set");
  if (!set || !answer) return result;
  await until(() => set.querySelector(".ex-check") && set.querySelector(".ex-body") &&
    !set.querySelector(".ex-waiting") && set.querySelector(".ex-choices, .ex-input, .ex-code-input"), "the first question");
  const choice = set.querySelector(".ex-choices input");
  const typed = set.querySelector(".ex-input, .ex-code-input");
  let given;
  if (choice) {
    choice.click();
    given = choice.value;
  } else {
    typed.value = typed.classList.contains("ex-code-input") ? "def f(x):\n    return 2 * x\n" : "2*x";
    typed.dispatchEvent(new Event("input", { bubbles: true }));
    given = typed.value;
  }
  set.querySelector(".ex-check").click();
  const feedback = await until(() => {
    const box = set.querySelector(".ex-feedback");
    return box && /\b(correct|wrong|invalid|stopped)\b/.test(box.className) ? box : null;
  }, "a verdict on the answer");
  result.exercise = {
    module: document.body.getAttribute("data-page"), set: set.getAttribute("data-set"), answer: given,
    verdict: feedback.className.replace("ex-feedback", "").trim(), feedback: feedback.innerText
  };
  return result;
}
