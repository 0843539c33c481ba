/* Progress kept across pages when the course is opened by double-click (file://).
 *
 * Chromium gives all file:// pages one localStorage. Firefox, with its default
 * security.fileuri.strict_origin_policy, gives each FILE its own: progress saved on
 * Module 1 would not be seen on the course home. So on file:// every page also keeps
 * the course's keys ("mvcalc.*") in the storage of ONE file, site/assets/filestore.html,
 * loaded in a hidden iframe and spoken to by postMessage:
 *
 * - writes of mvcalc.* keys to this page's localStorage are copied to the shared store;
 * - on load, the shared store's values are compared with this page's: the newer progress
 *   document (its "updated" time) wins on both sides; when the shared one wins, this page's
 *   localStorage takes it and a "storage" event tells progress.js, as another tab would.
 *
 * Loaded only on file:// (by runtime-config.js, see py/sitebuild/offline.py).
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.mvcalcFileStore) return;

  var PREFIX = "mvcalc.";
  var siteRoot = new URL("../../", document.currentScript.src).href;   // this file is site/assets/filestore.js
  var local = null;
  try { local = window.localStorage; } catch (error) { return; }      // storage off: progress.js says so
  var setItem = Storage.prototype.setItem;
  var removeItem = Storage.prototype.removeItem;
  var frame = null;
  var synced = false;
  var queue = [];                       // writes made before the first sync
  var nextId = 1;
  var state = { synced: false, adopted: [], pushed: [], error: "" };

  function ours(storage, key) { return storage === local && String(key).indexOf(PREFIX) === 0; }

  function send(message) {
    message.type = "mvcalc-store";
    message.id = nextId++;
    if (synced) frame.contentWindow.postMessage(message, "*");
    else queue.push(message);
  }

  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    if (ours(this, key)) send({ op: "set", key: String(key), value: String(value) });
  };
  Storage.prototype.removeItem = function (key) {
    removeItem.call(this, key);
    if (ours(this, key)) send({ op: "remove", key: String(key) });
  };

  function updated(text) {
    try { return String(JSON.parse(text).updated || ""); } catch (error) { return ""; }
  }

  function merge(shared) {
    var taken = {};
    Object.keys(shared).forEach(function (key) {
      var mine = local.getItem(key);
      var theirs = shared[key];
      if (mine === theirs) return;
      if (mine !== null && updated(mine) > updated(theirs)) return;        // this page's is newer: pushed below
      setItem.call(local, key, theirs);
      taken[key] = true;
      state.adopted.push(key);
      window.dispatchEvent(new StorageEvent("storage", {
        key: key, oldValue: mine, newValue: theirs, url: location.href, storageArea: local
      }));
    });
    for (var i = 0; i < local.length; i++) {
      var key = local.key(i);
      if (key.indexOf(PREFIX) === 0 && !taken[key] && shared[key] !== local.getItem(key)) {
        frame.contentWindow.postMessage({ type: "mvcalc-store", id: nextId++, op: "set", key: key,
                                          value: local.getItem(key) }, "*");
        state.pushed.push(key);
      }
    }
    synced = true;
    state.synced = true;
    queue.splice(0).forEach(function (message) {
      if (!taken[message.key]) frame.contentWindow.postMessage(message, "*");
    });
    window.dispatchEvent(new CustomEvent("mvcalc:filestore-synced"));
  }

  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow) return;
    var message = event.data || {};
    if (message.type === "mvcalc-store-ready") {
      frame.contentWindow.postMessage({ type: "mvcalc-store", id: 0, op: "get" }, "*");
    } else if (message.type === "mvcalc-store-reply" && message.id === 0) {
      if (message.error) { state.error = message.error; synced = true; queue = []; return; }
      merge(message.items || {});
    } else if (message.type === "mvcalc-store-reply" && message.error) {
      state.error = message.error;
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
  }

  window.mvcalcFileStore = state;
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
