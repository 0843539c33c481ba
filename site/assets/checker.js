/* The page's side of the background worker that runs learner code and labs (a classic script).
 *
 *   window.mvcalcChecker.request(kind, payloadJSON, timeoutMs, packages) -> Promise<replyJSON>
 *
 * The page's own Python shows the questions and marks maths answers; only learner code (which
 * may loop for ever) and labs (some load scipy) come here. The worker is started by the first
 * request, never at page load, so a learner who runs no code never pays for a second Python.
 *
 * Requests go to the worker one at a time, in order; each has a time limit from the moment the
 * worker takes it. The worker's start is not counted (it has its own limit, BOOT_LIMIT_MS): on a
 * slow or busy computer a start can take longer than a check may, and counting it would stop a
 * right answer, then stop it again in the fresh worker, for ever. Past the limit, the worker is
 * terminated and the request is answered with a friendly "stopped" reply; the next request starts
 * a fresh worker. A worker that fails to start, throws, or reports a fatal error is replaced the
 * same way, with a sentence saying so; after MAX_FAILED_STARTS failed starts in a row the page
 * stops trying and says why.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src).href;
  var BOOT_LIMIT_MS = 180000;           // loadPyodide can hang if a file is missing
  var MAX_FAILED_STARTS = 3;

  var worker = null;
  var state = "idle";                   // idle | starting | ready | failed (gave up)
  var failure = "";
  var failedStarts = 0;
  var queue = [];                       // {id, kind, payload, timeout, resolve, packages}
  var current = null;                   // the request the worker is working on
  var bootTimer = null;
  var nextId = 1;
  var listeners = [];

  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function setState(value, detail) {
    state = value;
    listeners.slice().forEach(function (callback) {
      try { callback(value, detail || ""); } catch (error) { console.warn(error); }
    });
  }

  /* The ONE place a worker is made: the file:// flavour swaps in a blob: worker here. */
  function createWorker() {
    if (window.mvcalcOffline) return window.mvcalcOffline.worker("checker-worker.js");   // file:// (offline.js)
    return new Worker(siteRoot + "site/assets/checker-worker.js");
  }

  // packages: what the first request needs (a lab's scipy), loaded while the worker boots
  function start(packages) {
    if (worker || state === "failed") return;
    setState("starting");
    mark("mvcalc:checker-start");
    try {
      worker = createWorker();
    } catch (error) {
      broken("it could not be started (" + (error && error.message || error) + ")", true);
      return;
    }
    worker.onmessage = onMessage;
    worker.onerror = function (event) {
      event.preventDefault();
      broken("it stopped unexpectedly (" + (event.message || "worker error") + ")", state === "starting");
    };
    worker.postMessage({
      type: "init",
      indexURL: siteRoot + "site/vendor/pyodide/",
      zipURL: siteRoot + "py/mvcalc.zip",
      packages: packages || []
    });
    clearTimeout(bootTimer);
    bootTimer = setTimeout(function () {
      if (state === "starting") broken("it did not finish starting", true);
    }, BOOT_LIMIT_MS);
  }

  function stopWorker() {
    clearTimeout(bootTimer);
    if (worker) worker.terminate();
    worker = null;
  }

  function reply(request, text) {
    request.resolve(JSON.stringify({ error: text }));
  }

  /* The worker broke (failed to start, threw, or reported a fatal error). The request in
     hand and those waiting are answered in words; the next request starts a fresh worker,
     unless starting has failed too often in a row. */
  function broken(reason, duringStart) {
    stopWorker();
    failedStarts = duringStart ? failedStarts + 1 : 0;
    var giveUp = failedStarts >= MAX_FAILED_STARTS;
    failure = reason;
    setState(giveUp ? "failed" : "idle", reason);
    var pending = current ? [current].concat(queue) : queue.slice();
    current = null;
    queue = [];
    pending.forEach(function (request) {
      reply(request, giveUp
        ? "Python for running code could not start, " + reason + ", after " + MAX_FAILED_STARTS +
          " tries. Reloading the page may help."
        : "Python for running code " + reason + ". It will be started afresh when you try again.");
    });
  }

  function onMessage(event) {
    var message = event.data || {};
    if (message.type === "ready") {
      clearTimeout(bootTimer);
      failedStarts = 0;
      mark("mvcalc:checker-ready");
      setState("ready", String(message.ms));
      pump();
    } else if (message.type === "failed") {
      broken("could not start (" + message.error + ")", true);
    } else if (message.type === "fatal") {
      var request = current;
      if (request && message.id === request.id) {
        current = null;
        reply(request, "Python for running code stopped with an error it cannot recover from (" +
          message.error + "). It will be started afresh when you try again.");
      }
      broken("stopped with an error it cannot recover from", false);
    } else if (message.type === "reply" && current && message.id === current.id) {
      var done = current;
      current = null;
      done.resolve(message.reply);
      pump();
    }
  }

  function pump() {
    if (current || !queue.length) return;
    if (state === "idle") { start(queue[0].packages); return; }
    if (state !== "ready") return;
    var taken = current = queue.shift();
    taken.timer = setTimeout(function () { timedOut(taken); }, taken.timeout);
    worker.postMessage({ type: "request", id: current.id, kind: current.kind, payload: current.payload,
                         packages: current.packages });
  }

  function stoppedReply(request) {
    var seconds = Math.round(request.timeout / 1000);
    if (request.kind === "check") {
      return JSON.stringify({ result: {
        correct: false, valid: false, stopped: true, preview_tex: "",
        feedback: "Your code took too long: it was still running after " + seconds + " s, the page's limit, " +
          "so the page stopped it and will start Python for your code afresh. One step inside Python or numpy " +
          "(sorting or multiplying something huge) cannot be stopped sooner. Nothing was counted: look for " +
          "something far bigger than it needs to be, or a loop that never ends, then run the tests again."
      } });
    }
    return JSON.stringify({ error: "That took too long: it was still running after " + seconds + " s, the page's " +
      "limit, so it was stopped. Try again (with your code, look for a loop that never ends)." });
  }

  function timedOut(request) {
    var index = queue.indexOf(request);
    if (index >= 0) queue.splice(index, 1);
    else if (current === request) current = null;
    else return;
    stopWorker();
    setState("idle", "stopped");
    request.resolve(stoppedReply(request));
    pump();                              // anything still waiting gets a fresh worker
  }

  // packages: comma-separated Pyodide packages the worker loads before answering (a lab's scipy)
  function request(kind, payload, timeoutMs, packages) {
    return new Promise(function (resolve) {
      if (state === "failed") {
        resolve(JSON.stringify({ error: "Python for running code is not available: it " + failure +
          ". Reloading the page may help." }));
        return;
      }
      var item = { id: nextId++, kind: kind, payload: payload, timeout: timeoutMs || 15000, resolve: resolve,
                   packages: packages ? String(packages).split(",") : [] };
      var settle = item.resolve;
      item.resolve = function (value) { clearTimeout(item.timer); settle(value); };
      queue.push(item);
      pump();
    });
  }

  window.mvcalcChecker = {
    request: request,
    start: function () { start([]); },
    get state() { return state; },
    onState: function (callback) { listeners.push(callback); },
    // for tests: end the worker as if it had crashed (the next request replaces it)
    crash: function () { if (worker) broken("stopped unexpectedly (ended by a test)", false); }
  };
})();
