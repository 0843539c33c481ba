/* The course offline after one visit (http and https only; a classic script on every page).
 *
 * - Registers the course's service worker (service-worker.js at the site root, made by the
 *   build: py/sitebuild/serviceworker.py) once the page is interactive and the learner has
 *   paused, so that keeping the course never competes with the page's start-up or a slider;
 *   at once when a worker already controls the page (then it is also the check for a new
 *   build) and on the course home (no Python there).
 * - When a new build has been kept whole in the background: a notice says an update is ready,
 *   with a button that switches to it and reloads the page.
 * - On the course home, the "Keep the whole course for offline use" control ([data-keep-offline]):
 *   fetches everything not kept yet, with a progress bar and the size, and says when it is done.
 *
 * Never on file:// (a double-clicked copy has no service worker and needs none).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src).href;       // this file is site/assets/keep-offline.js
  var supported = /^https?:$/.test(location.protocol) && "serviceWorker" in navigator && window.isSecureContext;
  var registration = null;
  var switching = false;

  function megabytes(bytes) {
    return (bytes / 1e6).toFixed(1) + " MB";
  }

  function ask(worker, message, onReply) {
    var channel = new MessageChannel();
    channel.port1.onmessage = function (event) { onReply(event.data || {}); };
    worker.postMessage(message, [channel.port2]);
  }

  // --- the update notice ---------------------------------------------------------------------
  function notice(text, action, onClick) {
    var box = document.querySelector(".update-notice");
    if (!box) {
      box = document.createElement("div");
      box.className = "update-notice";
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    box.innerHTML = "";
    var p = document.createElement("p");
    p.textContent = text;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = action;
    button.addEventListener("click", onClick);
    box.appendChild(p);
    box.appendChild(button);
  }

  function offerUpdate(worker) {
    notice("A new version of the course is ready.", "Reload to update", function () {
      switching = true;
      worker.postMessage({ type: "skip-waiting" });
    });
  }

  function watch(reg) {
    if (!reg) return;                   // a browser told to block service workers may give none
    registration = reg;
    if (reg.waiting && navigator.serviceWorker.controller) offerUpdate(reg.waiting);
    reg.addEventListener("updatefound", function () {
      var worker = reg.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    });
    window.dispatchEvent(new CustomEvent("mvcalc:offline-registered"));
  }

  /* ``callback`` once the learner has left the page alone for ``ms`` (no pointer, key or input):
   * the first keeping of the course (about 22 MB to fetch, check and store) then never
   * competes with a slider being dragged. */
  var IDLE_MS = 3000;
  var ACTIVITY = ["pointerdown", "pointermove", "keydown", "input", "wheel", "touchstart"];

  function whenIdle(ms, callback) {
    var timer = setTimeout(done, ms);
    function again() {
      clearTimeout(timer);
      timer = setTimeout(done, ms);
    }
    function done() {
      ACTIVITY.forEach(function (name) { window.removeEventListener(name, again, true); });
      callback();
    }
    ACTIVITY.forEach(function (name) { window.addEventListener(name, again, { capture: true, passive: true }); });
  }

  function register() {
    if (registration || register.started) return;
    register.started = true;
    navigator.serviceWorker.register(siteRoot + "service-worker.js", { scope: siteRoot })
      .then(watch, function (error) {
        console.warn("The course could not be kept for offline use: " + (error && error.message || error));
      });
  }

  // --- "Keep the whole course for offline use" (the course home) ---------------------------------
  function keepControl(box) {
    box.innerHTML = "";
    var heading = document.createElement("h2");
    heading.id = "keep-offline-heading";
    heading.textContent = "Use the course offline";
    box.setAttribute("aria-labelledby", heading.id);
    var text = document.createElement("p");
    text.className = "keep-status";
    text.setAttribute("aria-live", "polite");
    box.appendChild(heading);
    box.appendChild(text);
    if (location.protocol === "file:") {
      text.textContent = "This copy of the course was opened from a folder on this device: it works without a network.";
      return;
    }
    if (!supported) {
      text.textContent = "This browser cannot keep the course for offline use; it works whenever you are online.";
      return;
    }
    text.textContent = "After one visit, the course home and every module page work without a network. " +
      "To have everything, the labs and downloads too, keep the whole course on this device.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "keep-button";
    button.textContent = "Keep the whole course for offline use";
    var bar = document.createElement("progress");
    bar.max = 1;
    bar.value = 0;
    bar.hidden = true;
    bar.setAttribute("aria-label", "Keeping the course for offline use");
    box.appendChild(button);
    box.appendChild(bar);

    function show(reply) {
      if (reply.type === "status") {
        button.textContent = "Keep the whole course for offline use (" + megabytes(reply.totalBytes) + ")";
        if (reply.whole) {
          text.textContent = "Done: the whole course (" + megabytes(reply.totalBytes) + ") is kept on this device " +
            "and works without a network.";
          button.hidden = true;
          bar.hidden = true;
        }
      } else if (reply.type === "progress") {
        bar.hidden = false;
        bar.max = reply.totalBytes;
        bar.value = reply.doneBytes;
        text.textContent = "Keeping the course for offline use: " + megabytes(reply.doneBytes) + " of " +
          megabytes(reply.totalBytes) + "…";
      } else if (reply.type === "failed") {
        bar.hidden = true;
        button.disabled = false;
        text.textContent = "The whole course could not be kept (" + reply.error + "). Try again when you are online.";
      }
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      text.textContent = "Getting ready to keep the course…";
      register();
      navigator.serviceWorker.ready.then(function (reg) { ask(reg.active, { type: "keep" }, show); });
    });
    navigator.serviceWorker.ready.then(function (reg) { ask(reg.active, { type: "status" }, show); });
  }

  function start() {
    var box = document.querySelector("[data-keep-offline]");
    if (box) keepControl(box);
    if (!supported) return;
    var hadController = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (switching) location.reload();
      else if (hadController) {       // updated from another tab: this page keeps its own version's files
        notice("The course was updated in another tab.", "Reload to update", function () { location.reload(); });
      }
    });
    var python = document.body.hasAttribute("data-page");
    if (navigator.serviceWorker.controller || !python) register();
    else if (document.documentElement.classList.contains("python-ready")) whenIdle(IDLE_MS, register);
    else window.addEventListener("mvcalc:python-ready", function () { whenIdle(IDLE_MS, register); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
