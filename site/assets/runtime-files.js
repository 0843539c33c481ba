/* Fetching the runtime's files as the build ships them (py/sitebuild/transform.py), in a
 * page or a worker (a classic script: importScripts works too).
 *
 * Static hosts rarely compress .wasm, so the build ships Pyodide's 10 MB pyodide.asm.wasm
 * also gzipped (3 MB). Pyodide asks for the plain file; this wraps fetch so that, when no
 * service worker answers for the site, it fetches the .gz and inflates it on the way in
 * (DecompressionStream, in every browser the course supports). When the course's service
 * worker controls the page (site/service-worker.js) the plain URL goes to it: it keeps the
 * inflated file in its cache, where the browser can also keep the compiled WebAssembly.
 *
 * Needs window.MVCALC_RUNTIME.gzipped ({"pyodide.asm.wasm": "pyodide.asm.wasm.gz"}, from
 * runtime-config.js); does nothing on file:// (offline.js answers every runtime file there)
 * or in a browser without DecompressionStream (it then fetches the plain file).
 */
(function (scope) {
  "use strict";

  var runtime = scope.MVCALC_RUNTIME || {};
  var gzipped = runtime.gzipped || {};
  if (scope.location.protocol === "file:" || typeof scope.DecompressionStream !== "function" ||
      !Object.keys(gzipped).length || scope.mvcalcRuntimeFiles) return;

  var realFetch = scope.fetch.bind(scope);
  var TYPES = { ".wasm": "application/wasm" };

  function controlled() {
    var container = scope.navigator && scope.navigator.serviceWorker;
    return !!(container && container.controller);
  }

  /* The .gz URL for a request of a file the build also ships gzipped, else null. */
  function gzipURL(input) {
    var url;
    try {
      url = new URL(typeof input === "string" ? input : (input && (input.href || input.url)) || String(input),
                    scope.location.href);
    } catch (error) {
      return null;
    }
    var name = url.pathname.split("/").pop();
    if (!Object.prototype.hasOwnProperty.call(gzipped, name) || url.search) return null;
    url.pathname = url.pathname.slice(0, -name.length) + gzipped[name];
    return { href: url.href, type: TYPES[name.slice(name.lastIndexOf("."))] || "application/octet-stream" };
  }

  scope.fetch = function (input, init) {
    var gz = controlled() ? null : gzipURL(input);
    if (!gz) return realFetch(input, init);
    return realFetch(gz.href).then(function (response) {
      if (!response.ok || !response.body) return response;     // the caller reports it
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip")), {
        status: 200, statusText: "OK", headers: { "Content-Type": gz.type }
      });
    });
  };

  scope.mvcalcRuntimeFiles = { gzipURL: gzipURL };
})(self);
