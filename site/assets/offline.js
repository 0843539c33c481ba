/* The double-click (file://) flavour of the runtime: a classic script the loader inserts
 * only when the page was opened from a file (location.protocol === "file:").
 *
 * There, browsers refuse module scripts, import() and fetch() of local files. So the
 * build (py/sitebuild/offline.py) carries every runtime file inside a classic script
 * site/offline/<name>.js that calls mvcalcOffline.add(name, base64), and PyScript as ONE
 * ES module whose text site/offline/pyscript-core.js hands to mvcalcOffline.module(text).
 *
 * This script:
 * - wraps window.fetch: a file:// URL under the site whose file name is a bundled file is
 *   answered from memory (the bundle's script is inserted the first time it is asked
 *   for, so sympy and scipy load only when a page asks for them; a bundle carried
 *   gzipped, the wasm, is inflated then);
 * - start(): loads the bundles the first figure needs, pyodide.asm.js and pyodide.js as
 *   classic scripts, an import map that makes PyScript's import() of the vendored
 *   pyodide.mjs give the already loaded loadPyodide, then PyScript as an inline module;
 * - worker(name): a classic Worker from a blob: URL (a worker cannot read file:// URLs);
 *   its code and every file it fetches are passed in by postMessage, on request.
 *
 * The served site never loads this file.
 */
(function () {
  "use strict";

  var runtime = window.MVCALC_RUNTIME || {};
  var manifest = runtime.offline || { bundles: {}, startup: [], scripts: [] };
  var siteRoot = new URL("../../", document.currentScript.src).href;   // this file is site/assets/offline.js
  var entries = {};              // name -> {promise, resolve, reject, text, bytes}
  var pyscriptText = null;
  var pyscriptWaiters = [];
  var realFetch = window.fetch.bind(window);

  function decode(base64) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function entry(name) {
    var item = entries[name];
    if (!item) {
      item = entries[name] = { started: false };
      item.promise = new Promise(function (resolve, reject) { item.resolve = resolve; item.reject = reject; });
    }
    return item;
  }

  function insertScript(src, onload, onerror) {
    var script = document.createElement("script");
    script.src = new URL(src, siteRoot).href;
    script.async = false;                       // classic scripts run in the order inserted
    script.onload = function () { script.remove(); if (onload) onload(); };
    script.onerror = function () { script.remove(); onerror(new Error("the file " + src + " could not be loaded")); };
    document.head.appendChild(script);
  }

  /* Make sure the bundle of `name` is loading; resolves when it has handed its data over. */
  function load(name) {
    var item = entry(name);
    var bundle = manifest.bundles[name];
    if (!item.started && item.text === undefined && !item.bytes) {
      item.started = true;
      if (!bundle) item.reject(new Error(name + " is not in the double-click bundle"));
      else insertScript(bundle.src, null, item.reject);
    }
    return item.promise;
  }

  function inflate(data) {
    return new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip")))
      .arrayBuffer().then(function (buffer) { return new Uint8Array(buffer); });
  }

  function bytes(name) {
    return load(name).then(function () {
      var item = entries[name];
      if (!item.bytes) {
        var data = decode(item.text);
        item.text = null;                       // keep one copy, not two
        item.bytes = manifest.bundles[name].gzip ? inflate(data) : Promise.resolve(data);
      }
      return item.bytes;
    });
  }

  function bundledName(input) {
    var url;
    try {
      url = new URL(typeof input === "string" ? input : (input && (input.href || input.url)) || String(input),
                    document.baseURI);
    } catch (error) {
      return null;
    }
    if (url.protocol !== "file:" || url.href.indexOf(siteRoot) !== 0) return null;
    var name = decodeURIComponent(url.pathname.split("/").pop());
    return Object.prototype.hasOwnProperty.call(manifest.bundles, name) ? name : null;
  }

  window.fetch = function (input, init) {
    var name = bundledName(input);
    if (!name) return realFetch(input, init);
    return bytes(name).then(function (data) {
      return new Response(data, {
        status: 200, statusText: "OK",
        headers: { "Content-Type": manifest.bundles[name].type, "Content-Length": String(data.byteLength) }
      });
    });
  };

  // --- the page's own Python ----------------------------------------------------------------
  function importMap() {
    // PyScript import()s its interpreter; the page already has loadPyodide from pyodide.js.
    var source = "const l = globalThis.loadPyodide;\nexport { l as loadPyodide };\nexport const version = " +
      JSON.stringify(manifest.pyodideVersion) + ";\n";
    var imports = {};
    imports[new URL(runtime.config.interpreter, siteRoot).href] =
      "data:text/javascript;charset=utf-8," + encodeURIComponent(source);
    var map = document.createElement("script");
    map.type = "importmap";
    map.textContent = JSON.stringify({ imports: imports });
    document.head.appendChild(map);
  }

  function start(fail) {
    manifest.startup.forEach(function (name) {
      load(name).catch(function () { /* reported when it is fetched */ });
    });
    var pending = manifest.scripts.length + 1;
    function oneDone() {
      pending -= 1;
      if (pending) return;
      if (typeof window.loadPyodide !== "function") {
        fail("Pyodide's scripts loaded but did not define loadPyodide");
        return;
      }
      importMap();
      var module = document.createElement("script");
      module.type = "module";
      module.textContent = pyscriptText;
      pyscriptText = null;
      document.head.appendChild(module);
    }
    function failed(error) { fail(error.message); }
    manifest.scripts.forEach(function (src) { insertScript(src, oneDone, failed); });
    insertScript(manifest.pyscript, function () {
      if (pyscriptText === null) fail("the file " + manifest.pyscript + " did not hand over PyScript");
      else oneDone();
    }, failed);
  }

  // --- workers --------------------------------------------------------------------------------
  /* Runs first inside the worker (stringified into its blob). Until the worker's own code
   * has arrived and run, messages from the page wait; fetch and importScripts of the site's
   * files are answered from what the page sends. */
  function workerPrelude(options) {
    var pending = {};
    var nextId = 1;
    var queued = [];
    var booted = false;
    var evaluated = {};
    var realFetch = self.fetch.bind(self);
    var realImportScripts = self.importScripts;

    function ask(name) {
      return new Promise(function (resolve, reject) {
        var id = nextId++;
        pending[id] = { resolve: resolve, reject: reject };
        self.postMessage({ type: "mvcalc-offline-get", id: id, name: name });
      });
    }

    function nameOf(input) {
      var text = typeof input === "string" ? input : (input && (input.href || input.url)) || String(input);
      if (text.indexOf(options.siteRoot) !== 0) return null;
      var name = decodeURIComponent(text.split(/[?#]/)[0].split("/").pop());
      return Object.prototype.hasOwnProperty.call(options.types, name) ? name : null;
    }

    self.addEventListener("message", function (event) {
      var message = event.data;
      if (message && message.type === "mvcalc-offline-put") {
        event.stopImmediatePropagation();
        var waiter = pending[message.id];
        delete pending[message.id];
        if (!waiter) return;
        if (message.error) waiter.reject(new Error(message.error));
        else waiter.resolve(message.bytes);
      } else if (!booted) {
        event.stopImmediatePropagation();
        queued.push(message);
      }
    });

    self.fetch = function (input, init) {
      var name = nameOf(input);
      if (!name) return realFetch(input, init);
      return ask(name).then(function (data) {
        return new Response(data, { status: 200, statusText: "OK", headers: { "Content-Type": options.types[name] } });
      });
    };

    self.importScripts = function () {
      for (var i = 0; i < arguments.length; i++) {
        if (!evaluated[nameOf(String(arguments[i]))]) realImportScripts.call(self, arguments[i]);
      }
    };

    var code = options.code;
    Promise.all(code.map(ask)).then(function (sources) {
      var decoder = new TextDecoder();
      sources.forEach(function (source, i) {
        (0, eval)(decoder.decode(source) + "\n//# sourceURL=" + options.siteRoot + "offline-worker/" + code[i]);
        evaluated[code[i]] = true;
      });
      booted = true;
      queued.splice(0).forEach(function (data) { self.dispatchEvent(new MessageEvent("message", { data: data })); });
    }).catch(function (error) {
      self.postMessage({ type: "failed", error: "the worker's code could not be loaded (" + (error && error.message || error) + ")" });
    });
  }

  var workerURLs = {};

  /* A Worker running site/assets/<name> (a classic worker script), made synchronously. */
  function worker(name) {
    if (!workerURLs[name]) {
      var types = {};
      Object.keys(manifest.bundles).forEach(function (key) { types[key] = manifest.bundles[key].type; });
      var options = { siteRoot: siteRoot, types: types, code: manifest.scripts.map(function (src) {
        return src.split("/").pop();
      }).concat([name]) };
      var source = "(" + workerPrelude.toString() + ")(" + JSON.stringify(options) + ");\n";
      workerURLs[name] = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    }
    var created = new Worker(workerURLs[name]);
    created.addEventListener("message", function (event) {
      var message = event.data;
      if (!message || message.type !== "mvcalc-offline-get") return;
      event.stopImmediatePropagation();
      bytes(message.name).then(function (data) {
        created.postMessage({ type: "mvcalc-offline-put", id: message.id, bytes: data });   // a copy
      }, function (error) {
        created.postMessage({ type: "mvcalc-offline-put", id: message.id, error: String(error && error.message || error) });
      });
    });
    return created;
  }

  window.mvcalcOffline = {
    add: function (name, base64) {
      var item = entry(name);
      item.text = base64;
      item.resolve();
    },
    module: function (text) {
      pyscriptText = text;
    },
    bytes: bytes,
    start: start,
    worker: worker,
    manifest: manifest
  };
})();
