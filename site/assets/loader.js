/* The one loader of every module page (a classic script, so it also runs from file://).
 *
 * 1. Renders the page's maths with KaTeX as soon as the DOM is parsed, so text and
 *    maths are readable long before Python is.
 * 2. Starts PyScript with the shared config (site/assets/runtime-config.js, made by the
 *    build from pyscript.toml), every path made absolute against this script's own URL,
 *    so a page works at any depth and under any sub-path.
 * 3. Shows what is loading and how far along it is (bytes of each runtime file, then
 *    the start-up stages Python reports), and says plainly if Python cannot start.
 *
 * 4. Starts downloading the page's questions (the build's question bank: one small JSON
 *    file per variant) while Python loads, so they are there when Python is.
 *
 * Python talks back through window.mvcalcLoader.stage(text) / .ready() / .fail(text), and
 * reads question files with window.mvcalcLoader.bankFile(variant[, module]) -> Promise<text>.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src).href;      // loader.js lives in site/assets/
  var runtime = window.MVCALC_RUNTIME;                     // set by runtime-config.js
  var STALL_MS = 60000;                                    // no progress for this long: say so

  var statusBox, statusText, statusBar;
  var state = { failed: false, ready: false, lastProgress: Date.now(), stage: "" };
  var bytes = { done: 0, total: 0 };

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  // --- maths before Python -----------------------------------------------------------
  function renderMath(root) {
    if (!window.renderMathInElement) return;
    window.renderMathInElement(root || document.body, {
      delimiters: [
        { left: "\\[", right: "\\]", display: true },
        { left: "\\(", right: "\\)", display: false }
      ],
      ignoredClasses: ["no-math"],
      output: "htmlAndMathml",
      throwOnError: false
    });
  }

  // --- the progress indicator ------------------------------------------------------
  function buildStatus() {
    statusBox = document.getElementById("python-status");
    if (!statusBox) return;
    statusBox.innerHTML = "";
    statusText = document.createElement("span");
    statusText.className = "status-text";
    statusBar = document.createElement("progress");
    statusBar.max = 100;
    statusBar.value = 0;
    statusBar.setAttribute("aria-label", "Python start-up progress");
    statusBox.appendChild(statusText);
    statusBox.appendChild(statusBar);
    show("Starting Python, so that the figures and exercises come alive…", 0);
  }

  function show(text, percent) {
    state.lastProgress = Date.now();
    if (!statusBox) return;
    if (text) statusText.textContent = text;
    if (typeof percent === "number") statusBar.value = Math.max(statusBar.value, Math.min(100, percent));
  }

  function percentFromBytes() {
    return bytes.total ? 80 * bytes.done / bytes.total : 0;
  }

  function labelFor(url) {
    var name = url.split("/").pop().split("?")[0];
    var asset = runtime.assets[name];
    return asset ? asset.label : null;
  }

  // --- runtime file fetches: counted for the progress bar, failures reported -----------
  var loading = [];          // labels of the runtime files on their way, oldest first

  function showLoading() {
    var names = loading.filter(function (label, i) { return loading.indexOf(label) === i; });
    if (!names.length) return;
    var text = names.length > 3 ? names.slice(0, 3).join(", ") + " and more" :
      names.length > 1 ? names.slice(0, -1).join(", ") + " and " + names[names.length - 1] : names[0];
    show("Loading " + text + "…");
  }

  function loaded(label) {
    var at = loading.indexOf(label);
    if (at >= 0) loading.splice(at, 1);
    showLoading();
  }

  function countingFetch(originalFetch) {
    return function (input, init) {
      var url = typeof input === "string" ? input : (input && (input.url || input.href)) || String(input);
      var label = labelFor(url);
      if (!label) return originalFetch(input, init);
      loading.push(label);
      showLoading();
      return originalFetch(input, init).then(function (response) {
        if (!response.ok) {
          fail("the file " + url.replace(siteRoot, "") + " could not be loaded (HTTP " + response.status + ")");
          return response;
        }
        if (!response.body || !response.clone) { loaded(label); return response; }
        // Count the bytes of a copy and hand over the browser's own response: a response
        // made in JavaScript would stop Chromium from caching the compiled WebAssembly
        // (measured: a second visit then boots Pyodide ~1 s slower; see README, Speed).
        var reader = response.clone().body.getReader();
        (function count() {
          reader.read().then(function (step) {
            if (step.done) return loaded(label);
            bytes.done += step.value.byteLength;
            show(null, percentFromBytes());
            count();
          }, function () { loaded(label); });
        })();
        return response;
      }, function (error) {
        fail("the file " + url.replace(siteRoot, "") + " could not be loaded (" + error + ")");
        throw error;
      });
    };
  }

  // --- the page's questions (py/bank/<page>.<variant>.json, made by the build) -----------------
  var bankFiles = {};

  // bankFile(variant) is the page's own module's file; the worksheet page asks for any
  // module's: bankFile(variant, module)
  function bankFile(variant, module) {
    var name = (module || document.body.getAttribute("data-page")) + "." + variant + ".json";
    if (!bankFiles[name]) {
      var url = new URL(runtime.bank.path + name, siteRoot).href;
      bankFiles[name] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + url.replace(siteRoot, ""));
        return response.text();
      });
      bankFiles[name].catch(function () { delete bankFiles[name]; });   // tried again next time
    }
    return bankFiles[name];
  }

  // --- failure: plain words, the page stays readable -----------------------------------
  function fail(reason) {
    if (state.failed || state.ready) return;
    state.failed = true;
    document.documentElement.classList.add("python-failed");
    document.documentElement.classList.remove("python-loading");
    if (statusBox) {
      statusBox.classList.add("failed");
      statusBox.innerHTML = "";
      var p = document.createElement("p");
      p.textContent = "Python could not start, so the live figures and exercises are not available: " +
        reason + ". The lessons on this page are still here to read. Reloading the page may help; " +
        "if it does not, try an up-to-date Chrome, Edge or Firefox.";
      statusBox.appendChild(p);
    }
  }

  function watchForStall() {
    var timer = setInterval(function () {
      if (state.ready || state.failed) return clearInterval(timer);
      if (Date.now() - state.lastProgress > STALL_MS) {
        clearInterval(timer);
        fail("start-up stopped making progress" + (state.stage ? " while " + state.stage : ""));
      }
    }, 1000);
  }

  // --- starting PyScript ---------------------------------------------------------------
  function absoluteConfig() {
    var config = JSON.parse(JSON.stringify(runtime.config));
    config.interpreter = new URL(config.interpreter, siteRoot).href;
    var files = {};
    Object.keys(config.files || {}).forEach(function (from) {
      files[new URL(from, siteRoot).href] = config.files[from];
    });
    config.files = files;
    return config;
  }

  function startPython() {
    var page = document.body.getAttribute("data-page");
    if (!page) return;
    if (!window.WebAssembly || !("noModule" in document.createElement("script"))) {
      fail("this browser is too old to run Python (it lacks WebAssembly or JavaScript modules)");
      return;
    }
    if (location.protocol === "file:" && !window.mvcalcOffline) {
      // Opened by double-click: the runtime comes from classic-script bundles (offline.js).
      var shim = document.createElement("script");
      shim.src = new URL("site/assets/offline.js", siteRoot).href;
      shim.onload = startPython;
      shim.onerror = function () { fail("the file site/assets/offline.js could not be loaded"); };
      document.head.appendChild(shim);
      return;
    }
    document.documentElement.classList.add("python-loading");
    window.fetch = countingFetch(window.fetch.bind(window));
    if (document.querySelector(".exercise-set")) bankFile(0);     // the first questions, meanwhile
    window.addEventListener("py:progress", function (event) {
      var detail = String(event.detail || "");
      if (detail === "Loading files") show("Loading the course's Python code…", 82);
      else if (detail === "Loaded Pyodide") show("Python is running; preparing the page…", 85);
    });

    var py = document.createElement("script");
    py.type = "py";
    py.setAttribute("config", JSON.stringify(absoluteConfig()));
    py.textContent = "from mvcalc.web.boot import start\nawait start(" + JSON.stringify(page) + ")\n";
    document.body.appendChild(py);

    if (window.mvcalcOffline) {
      window.mvcalcOffline.start(fail);
    } else {
      var core = document.createElement("script");
      core.type = "module";
      core.src = new URL(runtime.pyscript, siteRoot).href;
      core.onerror = function () { fail("PyScript's file " + runtime.pyscript + " could not be loaded"); };
      document.head.appendChild(core);
    }
    watchForStall();
  }

  // --- what Python calls -----------------------------------------------------------------
  window.mvcalcLoader = {
    siteRoot: siteRoot,
    renderMath: renderMath,
    bankFile: bankFile,
    stage: function (text, percent) {
      state.stage = text;
      show(text, typeof percent === "number" ? percent : undefined);
    },
    ready: function () {
      if (state.failed) return;
      state.ready = true;
      mark("mvcalc:python-ready");
      document.documentElement.classList.remove("python-loading");
      document.documentElement.classList.add("python-ready");
      if (statusBox) {
        statusBox.classList.add("ready");
        statusBox.textContent = statusBox.getAttribute("data-ready-text") ||
          "Python is ready: the figures and exercises on this page are live.";
      }
      // background work (the answer checker) starts now, never before the first figure
      window.dispatchEvent(new CustomEvent("mvcalc:python-ready"));
    },
    fail: fail
  };

  function onReady() {
    if (!runtime) {
      buildStatus();
      fail("the runtime configuration (site/assets/runtime-config.js) is missing; was the site built?");
      return;
    }
    bytes.total = runtime.startupBytes || 0;
    renderMath(document.body);
    document.documentElement.classList.add("math-ready");
    mark("mvcalc:readable");
    buildStatus();
    startPython();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onReady);
  else onReady();
})();
