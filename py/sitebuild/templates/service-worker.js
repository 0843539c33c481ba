/* The course's service worker: the site keeps working with the network off after one visit.
 *
 * Written by the build (py/sitebuild/serviceworker.py) at the site's root, so that its scope
 * is the whole course wherever it is served (a sub-path too); site/assets/keep-offline.js
 * registers it, never on file:// (no service workers there: the double-click flavour needs none).
 *
 * MANIFEST, written by the build, lists every file of this build with its sha256 and size
 * (the build id is a hash of that list) and when it is kept:
 * - "first": the course home, every module page, the assets, the runtime every page starts
 *   with and what checks answers: kept when this worker installs, right after a first visit;
 * - "later": the rest (scipy for two labs, packages no page loads, the downloads): kept when
 *   first asked for, or all at once by "Keep the whole course" on the home page.
 * Every file is checked against its sha256 before it is kept or served from the network.
 *
 * A new build is a new worker with a new cache ("mvcalc:<scope>:<build id>"), filled whole
 * (with what the learner had kept: unchanged files are copied from the old cache) before it
 * can take over, so a page never gets a mix of two builds' files: the page shows "an update is
 * ready"; the learner's reload (or closing every tab of the course) makes it take over. Pages
 * still open from the previous build go on getting the previous build's files, and nothing
 * else, until they are closed or reloaded.
 */
"use strict";

const MANIFEST = /* MANIFEST */ null;

const SCOPE = new URL("./", self.location.href).href;
const PREFIX = "mvcalc:" + new URL(SCOPE).pathname + ":";
const CACHE = PREFIX + MANIFEST.build;
const META = SCOPE + "__mvcalc__/";           // this worker's own records, inside its cache
const FILES = MANIFEST.files;
const PARALLEL = 2;                             // files fetched, checked and kept at once

// --- paths and hashes -----------------------------------------------------------------------

/* The manifest path of a URL in the scope ("index.html" for a folder), or null. */
function pathOf(href) {
  const url = new URL(href);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE) || url.search) return null;
  let path = decodeURIComponent(url.pathname.slice(new URL(SCOPE).pathname.length));
  if (path === "" || path.endsWith("/")) path += "index.html";
  return Object.prototype.hasOwnProperty.call(FILES, path) ? path : null;
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/* Bytes a file costs to fetch (a gzipped file's .gz). */
function cost(path) {
  const entry = FILES[path];
  return entry.via ? entry.via.size : entry.size;
}

class Mismatch extends Error {}

/* ``path`` from the network as a Response to keep, checked against the manifest. A file
 * shipped gzipped too is fetched as its .gz and inflated. A copy in the HTTP cache is used
 * (a first visit has just fetched most files); one of another build is fetched again. */
async function download(path) {
  const entry = FILES[path];
  const source = entry.via || { path: path, sha256: entry.sha256 };
  for (const mode of ["default", "reload"]) {
    const response = await fetch(SCOPE + source.path, { cache: mode });
    if (!response.ok) throw new Error(`${source.path}: HTTP ${response.status}`);
    const body = await response.clone().arrayBuffer();
    if (await sha256(body) !== source.sha256) continue;
    if (!entry.via) return response;
    const plain = await new Response(new Blob([body]).stream().pipeThrough(new DecompressionStream("gzip")))
      .arrayBuffer();
    if (await sha256(plain) !== entry.sha256) throw new Mismatch(`${path}: its .gz does not inflate to it`);
    return new Response(plain, { headers: { "Content-Type": entry.type, "Content-Length": String(plain.byteLength) } });
  }
  throw new Mismatch(`${source.path} on the server is not this version's (the course was updated)`);
}

// --- this build's cache, and the ones before it ---------------------------------------------

async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
}

async function readRecord(cache, name) {
  const response = await cache.match(META + name);
  return response ? response.json() : null;
}

function writeRecord(cache, name, value) {
  return cache.put(META + name, new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } }));
}

/* Keep ``paths`` in ``cache``: copied from an older build's cache when the file is the same
 * (its sha256), else downloaded. ``progress(bytes)`` after each file. */
async function keep(cache, paths, progress) {
  const older = [];
  for (const name of await olderCaches()) {
    const old = await caches.open(name);
    older.push({ cache: old, files: (await readRecord(old, "files.json")) || {} });
  }
  const queue = paths.slice();
  async function worker() {
    while (queue.length) {
      const path = queue.shift();
      if (await cache.match(SCOPE + path)) { progress(cost(path)); continue; }
      let response = null;
      for (const old of older) {
        if (old.files[path] === FILES[path].sha256) response = await old.cache.match(SCOPE + path);
        if (response) break;
      }
      await cache.put(SCOPE + path, response || await download(path));
      progress(cost(path));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

async function kept(cache) {
  const keys = new Set((await cache.keys()).map((request) => pathOf(request.url)));
  return Object.keys(FILES).filter((path) => keys.has(path));
}

// --- install: this build's "first" files, and whatever the learner kept of the last one -------

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const wanted = new Set(Object.keys(FILES).filter((path) => FILES[path].when === "first"));
    let whole = false;
    for (const name of await olderCaches()) {
      const old = await caches.open(name);
      whole = whole || !!(await readRecord(old, "whole.json"));
      for (const path of await kept(old)) wanted.add(path);
    }
    const paths = whole ? Object.keys(FILES) : Array.from(wanted);
    try {
      await keep(cache, paths, () => {});
    } catch (error) {
      await caches.delete(CACHE);          // installed whole or not at all; the next visit tries again
      throw error;
    }
    await writeRecord(cache, "files.json", Object.fromEntries(Object.keys(FILES).map((p) => [p, FILES[p].sha256])));
    if (whole) await writeRecord(cache, "whole.json", { build: MANIFEST.build });
  })());
});

// --- activate: take over; pages of the previous build keep its cache until they are gone ------

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const older = await olderCaches();
    const open = (await self.clients.matchAll({ type: "all", includeUncontrolled: true }))
      .filter((client) => client.url.startsWith(SCOPE)).map((client) => client.id);
    const cache = await caches.open(CACHE);
    let legacy = null;
    if (older.length && open.length) {
      legacy = older[older.length - 1];             // the build these pages were running
      await writeRecord(cache, "legacy.json", { cache: legacy, clients: open });
    }
    for (const name of older) if (name !== legacy) await caches.delete(name);
    await self.clients.claim();
  })());
});

let legacyRecord = null;

async function legacyFor(clientId) {
  if (!clientId) return null;
  if (legacyRecord === null) legacyRecord = (await readRecord(await caches.open(CACHE), "legacy.json")) || false;
  if (!legacyRecord || !legacyRecord.clients.includes(clientId)) return null;
  return caches.open(legacyRecord.cache);
}

/* The previous build's cache goes once no page that used it is open. */
async function forgetLegacy() {
  if (legacyRecord === null) await legacyFor("-");
  if (!legacyRecord) return;
  for (const id of legacyRecord.clients) if (await self.clients.get(id)) return;
  await caches.delete(legacyRecord.cache);
  await (await caches.open(CACHE)).delete(META + "legacy.json");
  legacyRecord = false;
}

// --- fetch ---------------------------------------------------------------------------------

function unavailable(path, reason) {
  return new Response(`${path} is not available: ${reason}`, {
    status: 503, statusText: "Not kept for offline use", headers: { "Content-Type": "text/plain; charset=utf-8" }
  });
}

async function answer(event, path) {
  // a navigation (a reload too) gets this build; a page's own requests, its page's build
  const legacy = event.request.mode === "navigate" ? null : await legacyFor(event.clientId);
  if (legacy) {           // a page of the previous build: its files only
    return (await legacy.match(SCOPE + path)) ||
      unavailable(path, "the course was updated; reload the page to use the new version");
  }
  const cache = await caches.open(CACHE);
  const hit = await cache.match(SCOPE + path);
  if (hit) return hit;
  try {
    const response = await download(path);
    await cache.put(SCOPE + path, response.clone());
    return response;
  } catch (error) {
    if (error instanceof Mismatch) self.registration.update().catch(() => {});
    return unavailable(path, error instanceof Mismatch ? error.message : "you are offline and it was not kept yet");
  }
}

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const path = pathOf(event.request.url);
  if (path === null) return;                        // not one of the course's files: the network
  if (event.request.mode === "navigate") event.waitUntil(forgetLegacy());
  event.respondWith(answer(event, path));
});

// --- what the pages ask (keep-offline.js) ------------------------------------------------------

async function status() {
  const cache = await caches.open(CACHE);
  const paths = await kept(cache);
  const bytes = (list) => list.reduce((sum, path) => sum + cost(path), 0);
  return {
    type: "status", build: MANIFEST.build, whole: !!(await readRecord(cache, "whole.json")),
    keptBytes: bytes(paths), totalBytes: bytes(Object.keys(FILES))
  };
}

async function keepWhole(port) {
  const cache = await caches.open(CACHE);
  const total = Object.keys(FILES).reduce((sum, path) => sum + cost(path), 0);
  let done = 0;
  let last = 0;
  try {
    await keep(cache, Object.keys(FILES), (bytes) => {
      done += bytes;
      if (done === total || Date.now() - last > 200) {
        last = Date.now();
        port.postMessage({ type: "progress", doneBytes: done, totalBytes: total });
      }
    });
    await writeRecord(cache, "whole.json", { build: MANIFEST.build });
    port.postMessage(await status());
  } catch (error) {
    port.postMessage({ type: "failed", error: String(error && error.message || error) });
  }
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const port = event.ports[0];
  if (message.type === "skip-waiting") self.skipWaiting();
  else if (message.type === "status" && port) event.waitUntil(status().then((reply) => port.postMessage(reply)));
  else if (message.type === "keep" && port) event.waitUntil(keepWhole(port));
});
