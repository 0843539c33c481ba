/* Progress kept across pages when the course is opened by double-click (file://).
 *
 * Chromium gives all file:// pages one localStorage. Firefox, with its default
 * security.fileuri.strict_origin_policy, gives each FILE its own: progress saved on
 * Module 1 would not be seen on the course home. So on file:// every page also keeps
 * the course's keys ("mvcalc.*") in the storage of ONE file, site/assets/filestore.html,
 * loaded in a hidden iframe and spoken to by postMessage:
 *
 * - writes of mvcalc.* keys to this page's localStorage are sent to the shared store, which
 *   MERGES progress into what it holds (progress-data.js), never replacing it, and answers
 *   with the merged document;
 * - on load, this page's progress and the shared store's are merged, both ways;
 * - what the shared store answers, and what other tabs write to it (it passes on its storage
 *   events), is merged into this page's localStorage, and a "storage" event tells progress.js,
 *   as another tab would. Other mvcalc.* keys: the shared store's value wins.
 * Whatever order these messages and events come in, or if some never come, no tab's work is
 * lost: every step is a merge.
 *
 * Messages are taken only from the store's own frame (its window, a file:// origin) and only
 * in the store's shape. Loaded only on file:// (by runtime-config.js, see
 * py/sitebuild/offline.py); it starts once progress-data.js has run.
 */
(function () {
"use strict";
var script = document.currentScript.src;     // not set once this file's own run is over
/* runtime-config.js adds this file as an async script, so it may run before the page's
 * deferred progress-data.js: then it starts once the deferred scripts have run (below). */
function start() {
  if (location.protocol !== "file:" || window.mvcalcFileStore || !window.mvcalcProgressData) return;

  var PREFIX = "mvcalc.";
  var PROGRESS = "mvcalc.progress";
  var APP = "mvcalc";
  var core = window.mvcalcProgressData;
  var siteRoot = new URL("../../", script).href;   // this file is site/assets/filestore.js
  var local = null;
  try { local = window.localStorage; } catch (error) { return; }      // storage off: progress.js says so
  var setItem = Storage.prototype.setItem;
  var removeItem = Storage.prototype.removeItem;
  var frame = null;
  var synced = false;
  var queue = [];                       // writes of other keys made before the first sync
  var nextId = 1;
  var state = { synced: false, adopted: [], pushed: [], error: "" };

  function ours(storage, key) { return storage === local && String(key).indexOf(PREFIX) === 0; }

  function post(message) {
    message.app = APP;
    message.type = "mvcalc-store";
    message.id = nextId++;
    frame.contentWindow.postMessage(message, "*");    // a file:// frame's origin is opaque: no narrower target
  }

  function send(message) {
    if (synced) post(message);
    else if (message.key !== PROGRESS) queue.push(message);   // progress: merged whole at the first sync
  }

  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    if (ours(this, key)) send({ op: "set", key: String(key), value: String(value) });
  };
  Storage.prototype.removeItem = function (key) {
    removeItem.call(this, key);
    if (ours(this, key)) send({ op: "remove", key: String(key) });
  };

  function readable(text) {
    if (typeof text !== "string") return null;
    var read = core.parse(text);
    return read.problem ? null : read.doc;
  }

  function tellPage(key, oldValue, newValue) {
    state.adopted.push(key);
    window.dispatchEvent(new StorageEvent("storage", {
      key: key, oldValue: oldValue, newValue: newValue, url: location.href, storageArea: local
    }));
  }

  /* The shared store's progress (text) merged into this page's; true if this page's changed. */
  function adoptProgress(text) {
    var theirs = readable(text);
    if (!theirs) return false;
    var before = local.getItem(PROGRESS);
    var mine = readable(before);
    var merged = mine ? core.merge(mine, theirs) : theirs;
    if (mine && core.same(merged, mine)) return false;
    var value = JSON.stringify(merged);
    setItem.call(local, PROGRESS, value);
    tellPage(PROGRESS, before, value);
    return true;
  }

  function sync(shared) {
    Object.keys(shared).forEach(function (key) {
      if (key === PROGRESS || key.indexOf(PREFIX) !== 0) return;
      var mine = local.getItem(key);
      if (mine === shared[key]) return;
      setItem.call(local, key, shared[key]);
      tellPage(key, mine, shared[key]);
    });
    adoptProgress(shared[PROGRESS]);
    for (var i = 0; i < local.length; i++) {
      var key = local.key(i);
      if (key.indexOf(PREFIX) !== 0) continue;
      var value = local.getItem(key);
      if (key === PROGRESS) {
        var theirs = readable(shared[PROGRESS]);
        var mine = readable(value);
        if (!mine || (theirs && core.same(core.merge(theirs, mine), theirs))) continue;
      } else if (key in shared) {
        continue;
      }
      post({ op: "set", key: key, value: value });
      state.pushed.push(key);
    }
    synced = true;
    state.synced = true;
    queue.splice(0).forEach(function (message) {
      if (!(message.key in shared)) post(message);
    });
    window.dispatchEvent(new CustomEvent("mvcalc:filestore-synced"));
  }

  function fromStore(event) {
    var message = event.data;
    return frame && event.source === frame.contentWindow && (event.origin === "null" || event.origin === "file://") &&
      message !== null && typeof message === "object" && message.app === APP && typeof message.type === "string";
  }

  window.addEventListener("message", function (event) {
    if (!fromStore(event)) return;
    var message = event.data;
    if (message.type === "mvcalc-store-ready") {
      if (!synced) post({ op: "get" });
    } else if (message.type === "mvcalc-store-reply" && message.op === "get") {
      if (synced) { adoptProgress((message.items || {})[PROGRESS]); return; }   // an answer to a repeated ask
      if (message.error) { state.error = message.error; synced = true; state.synced = true; queue = []; return; }
      sync(message.items || {});
    } else if (message.type === "mvcalc-store-reply" || message.type === "mvcalc-store-changed") {
      if (message.error) state.error = message.error;
      if (message.key === PROGRESS && typeof message.value === "string") adoptProgress(message.value);
    }
  });

  function mount() {
    frame = document.createElement("iframe");
    frame.src = siteRoot + "site/assets/filestore.html";
    frame.title = "Course progress store";
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    document.body.appendChild(frame);
    // The store says when it is ready; if that word is lost (a busy or reloading page), ask
    // again until it answers. A repeated answer is only merged, so asking twice is harmless.
    var asks = 0;
    var retry = setInterval(function () {
      if (synced || ++asks > 40) { clearInterval(retry); return; }
      if (frame.contentWindow) post({ op: "get" });
    }, 1500);
  }

  window.mvcalcFileStore = state;
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
}

// readyState is "interactive" before the deferred scripts run, so wait for DOMContentLoaded
// (after them) or, if that has passed already, the load event; start() runs once.
if (window.mvcalcProgressData || document.readyState === "complete") start();
else {
  document.addEventListener("DOMContentLoaded", start);
  window.addEventListener("load", start);
}
})();
