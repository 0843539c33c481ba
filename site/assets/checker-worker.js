/* The background worker for learner code and labs: its own Pyodide with numpy (never sympy).
 *
 * A CLASSIC worker (no ES modules), so that the file:// flavour can run it from a
 * blob: URL. It learns where the runtime is from its first message, never from its
 * own location:
 *
 *   page -> {type: "init", indexURL, zipURL, packages}    (packages: what the first request needs,
 *                                                        loaded with numpy while the worker boots)
 *   worker -> {type: "ready", ms} | {type: "failed", error}
 *   page -> {type: "request", id, kind, payload, packages}  (payload: JSON text; packages
 *                                                       to load first, e.g. a lab's scipy)
 *   worker -> {type: "reply", id, reply}                 (reply: JSON text from mvcalc.service.handle)
 *           | {type: "fatal", id, error}                 (Python cannot go on: replace this worker)
 *
 * Requests are answered one at a time, in order. A runaway request is stopped by
 * the page terminating this worker (site/assets/checker.js).
 */
/* global importScripts, loadPyodide */
"use strict";

var pyodide = null;
var handle = null;
var waiting = [];
var loaded = {};

function post(message) { self.postMessage(message); }

function quiet() { return { messageCallback: function () {}, errorCallback: function () {} }; }

function boot(init) {
  var started = Date.now();
  importScripts(init.indexURL + "pyodide.js");
  return Promise.all([
    loadPyodide({ indexURL: init.indexURL }),
    fetch(init.zipURL).then(function (response) {
      if (!response.ok) throw new Error("the course's Python code could not be loaded (HTTP " + response.status + ")");
      return response.arrayBuffer();
    })
  ]).then(function (results) {
    pyodide = results[0];
    pyodide.unpackArchive(results[1], "zip", { extractDir: "/mvcalc-lib" });
    var first = (init.packages || []).filter(Boolean);
    return pyodide.loadPackage(["numpy"].concat(first), quiet()).then(function () {
      first.forEach(function (name) { loaded[name] = true; });
    });
  }).then(function () {
    pyodide.runPython(
      "import sys\n" +
      "sys.path.insert(0, '/mvcalc-lib')\n" +
      "from mvcalc import service\n" +
      "service.warm_up()\n");
    handle = pyodide.globals.get("service").handle;
    post({ type: "ready", ms: Date.now() - started });
    waiting.splice(0).forEach(prepare);
  });
}

// Load the request's extra packages (once each), then answer it. The page sends one
// request at a time and waits for its reply, so answers stay in order.
function prepare(message) {
  var missing = (message.packages || []).filter(function (name) { return name && !loaded[name]; });
  if (!missing.length) { answer(message); return; }
  pyodide.loadPackage(missing, quiet())
    .then(function () {
      missing.forEach(function (name) { loaded[name] = true; });
      answer(message);
    }, function (error) {
      post({ type: "reply", id: message.id, reply: JSON.stringify({
        error: "the package " + missing.join(", ") + " could not be loaded: " + String(error && error.message || error) }) });
    });
}

function healthy() {
  try {
    return pyodide.runPython("1") === 1;
  } catch (error) {
    return false;
  }
}

function answer(message) {
  var reply;
  try {
    reply = handle(message.kind, message.payload);
  } catch (error) {
    // service.handle turns every Python error into a reply; reaching here means Python
    // itself failed (out of memory, a fatal error): say so, and let the page replace us
    var text = String(error && error.message || error);
    if (!healthy()) {
      post({ type: "fatal", id: message.id, error: text });
      return;
    }
    reply = JSON.stringify({ error: text });
  }
  post({ type: "reply", id: message.id, reply: reply });
}

self.onmessage = function (event) {
  var message = event.data || {};
  if (message.type === "init") {
    boot(message).catch(function (error) {
      post({ type: "failed", error: String(error && error.message || error) });
    });
  } else if (message.type === "request") {
    if (handle) prepare(message);
    else waiting.push(message);
  }
};
