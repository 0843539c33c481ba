/* The page's side of the background answer checker (a classic script).
 *
 *   window.mvcalcChecker.request(kind, payloadJSON, timeoutMs) -> Promise<replyJSON>
 *
 * Requests go to the checker worker one at a time, in order; each has a time limit
 * from the moment it is sent. Past it, the worker is terminated, a fresh one is
 * started, and the request is answered with a friendly "stopped" reply, so the page
 * never freezes and the next request still works. While the worker starts, requests
 * wait in the queue.
 *
 * The worker starts after the page's Python is ready (the loader's
 * "mvcalc:python-ready" event), so it is never on the path to the first figure.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src).href;
  var BOOT_LIMIT_MS = 180000;           // loadPyodide can hang if a file is missing

  var worker = null;
  var state = "idle";                   // idle | starting | ready | failed
  var failure = "";
  var queue = [];                       // {id, kind, payload, timeout, resolve}
  var current = null;                   // the request the worker is working on
  var timer = null;
  var bootTimer = null;
  var nextId = 1;
  var listeners = [];

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function setState(value, detail) {
    state = value;
    if (value === "failed") failure = detail || "";
    listeners.slice().forEach(function (callback) {
      try { callback(value, detail || ""); } catch (error) { console.warn(error); }
    });
  }

  /* The ONE place a worker is made: the file:// flavour swaps in a blob: worker here. */
  function createWorker() {
    if (window.mvcalcOffline) return window.mvcalcOffline.worker("checker-worker.js");   // file:// (offline.js)
    return new Worker(siteRoot + "site/assets/checker-worker.js");
  }

  function start() {
    if (worker) return;
    setState("starting");
    mark("mvcalc:checker-start");
    worker = createWorker();
    worker.onmessage = onMessage;
    worker.onerror = function (event) {
      event.preventDefault();
      fail("the checker stopped unexpectedly (" + (event.message || "worker error") + ")");
    };
    worker.postMessage({
      type: "init",
      indexURL: siteRoot + "site/vendor/pyodide/",
      zipURL: siteRoot + "py/mvcalc.zip"
    });
    clearTimeout(bootTimer);
    bootTimer = setTimeout(function () {
      if (state === "starting") fail("it did not finish starting");
    }, BOOT_LIMIT_MS);
  }

  function stopWorker() {
    clearTimeout(timer);
    clearTimeout(bootTimer);
    if (worker) worker.terminate();
    worker = null;
  }

  function fail(reason) {
    stopWorker();
    setState("failed", reason);
    var pending = current ? [current].concat(queue) : queue.slice();
    current = null;
    queue = [];
    pending.forEach(function (request) {
      request.resolve(JSON.stringify({ error: "The answer checker could not start: " + reason + ". Reloading the page may help." }));
    });
  }

  function onMessage(event) {
    var message = event.data || {};
    if (message.type === "ready") {
      clearTimeout(bootTimer);
      mark("mvcalc:checker-ready");
      setState("ready", String(message.ms));
      pump();
    } else if (message.type === "failed") {
      fail(message.error);
    } else if (message.type === "reply" && current && message.id === current.id) {
      clearTimeout(timer);
      var done = current;
      current = null;
      done.resolve(message.reply);
      pump();
    }
  }

  function pump() {
    if (current || state !== "ready" || !queue.length) return;
    current = queue.shift();
    var request = current;
    worker.postMessage({ type: "request", id: request.id, kind: request.kind, payload: request.payload,
                        packages: request.packages });
    timer = setTimeout(function () { timedOut(request); }, request.timeout);
  }

  function stoppedReply(request) {
    var seconds = Math.round(request.timeout / 1000);
    if (request.kind === "check") {
      return JSON.stringify({ result: {
        correct: false, valid: false, stopped: true, preview_tex: "",
        feedback: "That took too long (over " + seconds + " s) and was stopped. Nothing was lost: " +
          "if it is your code, look for a loop that never ends, then check again."
      } });
    }
    return JSON.stringify({ error: "That took too long (over " + seconds + " s) and was stopped. Try again." });
  }

  function timedOut(request) {
    if (current !== request) return;
    current = null;
    stopWorker();
    request.resolve(stoppedReply(request));
    start();                             // a fresh worker; the queue waits for it
  }

  // packages: comma-separated Pyodide packages the worker loads before answering (a lab's scipy)
  function request(kind, payload, timeoutMs, packages) {
    return new Promise(function (resolve) {
      if (state === "failed") {
        resolve(JSON.stringify({ error: "The answer checker is not available: " + failure + ". Reloading the page may help." }));
        return;
      }
      queue.push({ id: nextId++, kind: kind, payload: payload, timeout: timeoutMs || 4000, resolve: resolve,
                   packages: packages ? String(packages).split(",") : [] });
      if (state === "idle" && document.documentElement.classList.contains("python-ready")) start();
      else pump();
    });
  }

  window.mvcalcChecker = {
    request: request,
    start: start,
    get state() { return state; },
    onState: function (callback) { listeners.push(callback); }
  };

  window.addEventListener("mvcalc:python-ready", function () {
    if (!document.querySelector(".exercise-set")) return;
    setTimeout(start, 0);                // after the browser has painted the figures
  });
})();
