/* Storage events as a busy or unlucky browser delivers them: run before the page's own scripts
 * (Playwright's add_init_script, Puppeteer's evaluateOnNewDocument), with __MODE__ replaced by
 * "deliver" (on time), "delay" (held until window.__storageEvents.release(reverse)) or "drop"
 * (never). The file store's own events (site/assets/filestore.js) are held the same way. */
(() => {
  const hold = { mode: "__MODE__", held: [], seen: 0 };
  const released = new WeakSet();
  window.__storageEvents = hold;
  window.addEventListener("storage", (event) => {
    hold.seen++;
    if (hold.mode === "deliver" || released.has(event)) return;
    event.stopImmediatePropagation();
    if (hold.mode === "delay") hold.held.push(event);
  }, true);
  hold.release = (reverse) => {
    const events = hold.held.splice(0);
    if (reverse) events.reverse();
    for (const event of events) {
      const late = new StorageEvent("storage", { key: event.key, oldValue: event.oldValue, newValue: event.newValue,
                                                 url: event.url, storageArea: event.storageArea });
      released.add(late);
      window.dispatchEvent(late);
    }
    return events.length;
  };
})();
