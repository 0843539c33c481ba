/* The learner's progress: ONE store, used by the course home and by every exercise.
 * A classic script, so the home page shows progress without starting Python. What the
 * document may hold, its migrations and its merge are in progress-data.js (loaded first).
 *
 * localStorage["mvcalc.progress"] holds one JSON document (progress-data.js describes it).
 * Every write reads what is stored now, merges this page's copy into it, makes its one change
 * and writes the result: another tab's work, saved a moment ago and not yet seen here (its
 * storage event late or lost), is kept. A storage event merges the other tab's copy in, and
 * writes back whatever this page knew that the other copy lacked.
 *
 * What can go wrong is said on the page, never crashed on or silently lost: unreadable or
 * foreign data is set aside under another key; a full storage quota or storage that is
 * switched off is reported, suggesting export. Export writes a .json file (with the learner's
 * name, if they gave one; it is never sent anywhere); import checks the file first and either
 * adds all of it or changes nothing, saying why.
 */
(function () {
  "use strict";

  var core = window.mvcalcProgressData;
  var KEY = "mvcalc.progress";
  var LIMITS = core.LIMITS;
  var data = core.empty();
  var storage = null;
  var notices = [];                     // {id, text}
  var listeners = [];

  function notice(id, text) {
    notices = notices.filter(function (n) { return n.id !== id; });
    notices.push({ id: id, text: text });
    showNotices();
  }

  function dropNotice(id) {
    notices = notices.filter(function (n) { return n.id !== id; });
    showNotices();
  }

  // --- storage: reading what is there now, writing --------------------------------------
  function openStorage() {
    try {
      var store = window.localStorage;
      store.getItem(KEY);
      return store;
    } catch (error) {
      notice("unavailable", "Your browser is not letting this site store anything (storage is switched off or " +
        "blocked), so your progress will be lost when you leave the page. Use \u201cExport progress\u201d to keep it in a file.");
      return null;
    }
  }

  function setAside(raw, why) {
    var stamp = new Date().toISOString().replace(/[:.]/g, "-");
    var asideKey = KEY + ".set-aside." + stamp;
    try {
      storage.setItem(asideKey, raw);
      storage.removeItem(KEY);
      notice("set-aside", "Your saved progress could not be read (" + why + "), so it was set aside, " +
        "unchanged, under the storage key \u201c" + asideKey + "\u201d, and you are starting afresh. " +
        "Nothing was deleted.");
    } catch (error) {
      notice("set-aside", "Your saved progress could not be read (" + why + "). It is left as it was " +
        "and will not be overwritten; you are starting afresh for this visit.");
      storage = null;                   // never overwrite what we could not set aside
    }
  }

  /* The stored document now (brought to this schema), or null if there is none; what cannot
   * be read is set aside first. */
  function readStored() {
    if (!storage) return null;
    var raw = storage.getItem(KEY);
    if (raw === null) return null;
    var read = core.parse(raw);
    if (read.problem) {
      setAside(raw, read.problem);
      return null;
    }
    return read.doc;
  }

  function isQuota(error) {
    return error && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      error.code === 22 || error.code === 1014);
  }

  /* Store `doc`; "" if stored, else why not (the stored value is then unchanged). */
  function write(doc) {
    if (!storage) return "storage is not available";
    try {
      storage.setItem(KEY, JSON.stringify(doc));
      dropNotice("quota");
      return "";
    } catch (error) {
      return isQuota(error) ? "quota" : String(error && error.name || error);
    }
  }

  function reportFailedSave(why) {
    if (!why || !storage) return;
    if (why === "quota") {
      notice("quota", "Your browser's storage for this site is full, so your latest progress is not " +
        "being saved. Use \u201cExport progress\u201d to keep it in a file, or free some space for this site.");
    } else {
      notice("quota", "Your progress could not be saved (" + why + "). " +
        "Use \u201cExport progress\u201d to keep it in a file.");
    }
  }

  /* One change: what is stored now, merged with this page's copy, then `change` applied, then
   * stored. The page keeps the result for this visit even if it cannot be stored. */
  function commit(change) {
    var stored = readStored();
    var next = stored ? core.merge(stored, data) : core.copy(data);
    change(next);
    next = core.normalised(next);
    next.updated = new Date().toISOString();
    data = next;
    var why = write(next);
    reportFailedSave(why);
    if (!why) checkLater();
    return !why;
  }

  /* Does the storage still hold everything this page knows? If not, store it again. A browser
   * may show a tab another tab's write late (Chromium: tabs in other processes), so a write
   * made on an out-of-date view can leave out this page's latest change; a storage event
   * says so when it comes, and this check, a moment after every write, says so if it does not. */
  var CHECK_MS = 400;
  var checkTimer = null;

  function checkStored() {
    checkTimer = null;
    if (!storage) return;
    var stored = readStored();
    if (!stored || !core.same(core.merge(stored, data), stored)) commit(function () {});
  }

  function checkLater() {
    if (checkTimer !== null) clearTimeout(checkTimer);
    checkTimer = setTimeout(checkStored, CHECK_MS);
  }

  function load() {
    storage = openStorage();
    var stored = readStored();
    if (stored) data = stored;
  }

  function changed() {
    listeners.slice().forEach(function (callback) {
      try { callback(); } catch (error) { console.warn(error); }
    });
    window.dispatchEvent(new CustomEvent("mvcalc:progress-changed"));
  }

  // --- records ---------------------------------------------------------------------------
  var NONE = { correct: false, attempts: 0, variant: 0, answer: "", at: 0 };

  function setKey(module, set) { return module + "/" + set; }

  /* Is this a place progress can be kept? (Else nothing is written: a document that breaks
   * the rules would be set aside on the next load.) */
  function known(module, set, index) {
    var ok = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(module) && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(set) &&
      (index === undefined || (Number.isInteger(index) && index >= 0 && index < LIMITS.questions));
    if (!ok) console.warn("progress: not a question the store can keep:", module, set, index);
    return ok;
  }

  /* A time after `previous`: each change to a record is later than the one before, even
   * within one millisecond. */
  function after(previous) { return Math.max(Date.now(), (previous || 0) + 1); }

  function setIn(doc, module, set) {
    var key = setKey(module, set);
    return doc.sets[key] || (doc.sets[key] = { current: 0, currentAt: 0, questions: {} });
  }

  function questionIn(doc, module, set, index) {
    var record = setIn(doc, module, set);
    var key = String(index);
    return record.questions[key] || (record.questions[key] = core.copy(NONE));
  }

  function readSet(module, set) { return data.sets[setKey(module, set)] || { current: 0, questions: {} }; }

  function answerText(value) { return String(value === undefined || value === null ? "" : value).slice(0, LIMITS.answer); }

  /* A variant from Python may be a BigInt (past 2^53); anything that is not a safe count starts again at 0. */
  function variantNumber(value) {
    var number = typeof value === "bigint" ? Number(value) : value;
    return Number.isSafeInteger(number) && number >= 0 ? number : 0;
  }

  var api = {
    KEY: KEY,
    SCHEMA: core.SCHEMA,
    LIMITS: LIMITS,

    question: function (module, set, index) {
      var q = readSet(module, set).questions[String(index)];
      return core.copy(q || NONE);
    },
    current: function (module, set) { return readSet(module, set).current || 0; },
    name: function () { return data.name; },

    /* How many questions of a set were ever answered correctly. */
    setSummary: function (module, set, size) {
      var counts = core.setCounts(data, setKey(module, set), size);
      return { correct: counts.correct, size: size };
    },

    moduleSummary: function (module) {
      var outline = (window.MVCALC_RUNTIME && window.MVCALC_RUNTIME.course) || [];
      var entry = outline.filter(function (m) { return m.slug === module; })[0];
      var result = { correct: 0, size: 0, sets: [] };
      if (!entry) return result;
      entry.sets.forEach(function (s) {
        var summary = api.setSummary(module, s.slug, s.size);
        result.correct += summary.correct;
        result.size += s.size;
        result.sets.push({ slug: s.slug, title: s.title, correct: summary.correct, size: s.size });
      });
      return result;
    },

    setCurrent: function (module, set, index) {
      if (!known(module, set, index) || index > LIMITS.current) return;
      commit(function (doc) {
        var record = setIn(doc, module, set);
        record.current = index;
        record.currentAt = after(record.currentAt);
      });
    },

    /* One checked answer: an attempt (if valid) and whether it was right. */
    recordCheck: function (module, set, index, result) {
      if (!known(module, set, index)) return;
      commit(function (doc) {
        var q = questionIn(doc, module, set, index);
        if (result.valid) q.attempts = Math.min(q.attempts + 1, LIMITS.attempts);
        if (result.correct) q.correct = true;
        q.answer = answerText(result.answer);
        q.at = after(q.at);
      });
      changed();
    },

    saveAnswer: function (module, set, index, answer) {
      if (!known(module, set, index)) return;
      var text = answerText(answer);
      if (api.question(module, set, index).answer === text) return;
      commit(function (doc) {
        var q = questionIn(doc, module, set, index);
        q.answer = text;
        q.at = after(q.at);
      });
    },

    setVariant: function (module, set, index, variant) {
      if (!known(module, set, index)) return;
      commit(function (doc) {
        var q = questionIn(doc, module, set, index);
        q.variant = variantNumber(variant);
        q.answer = "";
        q.at = after(q.at);
      });
    },

    /* The learner's name, kept in this browser and in exported files only (for their teacher). */
    setName: function (text) {
      var name = core.cleanName(text);
      if (name === data.name) return name;
      commit(function (doc) {
        doc.name = name;
        doc.nameAt = after(doc.nameAt);
      });
      changed();
      return name;
    },

    onChange: function (callback) { listeners.push(callback); },
    notices: function () { return notices.slice(); },

    exportText: function () {
      var stored = readStored();                 // another tab's latest work too
      if (stored) data = core.merge(stored, data);
      return JSON.stringify(data, null, 2);
    },

    exportFile: function () {
      var blob = new Blob([api.exportText()], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var link = document.createElement("a");
      var who = data.name.normalize("NFKD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 40);
      link.href = url;
      link.download = "mvcalc-progress-" + (who ? who + "-" : "") + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      return link.download;
    },

    /* Add an exported file to this browser's progress, so importing on a shared or second
     * computer never loses work done here: a question is correct if it is correct in either,
     * keeps the larger attempt count and the more recent answer. The file is checked whole
     * first; a bad file, or one that does not fit in this browser's storage, changes nothing. */
    importText: function (text) {
      var read = core.parse(text, LIMITS.fileBytes);
      if (read.problem) return { ok: false, message: "That file was not imported: " + read.problem + ". Your progress is unchanged." };
      var stored = readStored();
      var mine = stored ? core.merge(stored, data) : data;
      var next = core.added(mine, read.doc, Date.now());
      next.updated = new Date().toISOString();
      var why = storage ? write(next) : "";
      if (why) {
        return { ok: false, message: "That file was not imported: " + (why === "quota"
          ? "with it, your progress would not fit in this browser's storage for the site"
          : "it could not be stored (" + why + ")") + ". Your progress is unchanged." };
      }
      data = next;
      changed();
      var sets = Object.keys(read.doc.sets).length;
      return { ok: true, message: "Progress imported" + (read.doc.name ? " (" + read.doc.name + ")" : "") + ": " + sets +
        " exercise set" + (sets === 1 ? "" : "s") + ", added to what this browser already had." +
        (storage ? "" : " This browser is not letting the site store anything, so export it again before you leave.") };
    },

    /* A file chosen by the learner: too large a file is refused before it is read. */
    importFile: function (file) {
      if (file.size > LIMITS.fileBytes) {
        return Promise.resolve({ ok: false, message: "That file was not imported: it is larger than " +
          core.megabytes(LIMITS.fileBytes) + ", much more than any progress file. Your progress is unchanged." });
      }
      return file.text().then(api.importText, function () {
        return { ok: false, message: "That file could not be read. Your progress is unchanged." };
      });
    },

    /* Everything cleared, in every tab: the clearing time is stored, so an older copy in
     * another tab does not bring the progress back. */
    clear: function () {
      commit(function (doc) {
        var cleared = core.empty(after(doc.cleared));
        Object.keys(doc).forEach(function (key) { delete doc[key]; });
        Object.keys(cleared).forEach(function (key) { doc[key] = cleared[key]; });
      });
      changed();
    }
  };

  // --- the shared controls: notices, name, export, import, clear ---------------------------
  function showNotices() {
    var box = document.getElementById("progress-notices");
    if (!box && document.body) {
      box = document.createElement("div");
      box.id = "progress-notices";
      box.className = "progress-notices";
      box.setAttribute("role", "alert");
      var main = document.querySelector("main") || document.body;
      var status = document.getElementById("python-status");
      if (status && status.parentNode === main) main.insertBefore(box, status.nextSibling);
      else main.insertBefore(box, main.firstChild);
    }
    if (!box) return;
    box.innerHTML = "";
    notices.forEach(function (n) {
      var p = document.createElement("p");
      p.className = "progress-notice";
      p.setAttribute("data-notice", n.id);
      p.textContent = "\u26a0 " + n.text;
      box.appendChild(p);
    });
    box.hidden = notices.length === 0;
  }

  function button(text, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (cls) b.className = cls;
    return b;
  }

  var toolCount = 0;

  /* Name, export / import / clear controls inside `host` (home page and module footers). */
  function mountTools(host) {
    var uid = "progress-tools-" + (++toolCount);
    host.innerHTML = "";
    host.classList.add("progress-tools");
    var heading = document.createElement(host.getAttribute("data-heading-level") || "h2");
    heading.textContent = "Your progress";
    var about = document.createElement("p");
    about.textContent = "Progress is kept in this browser only. Export it to a file to keep it safe, to move it " +
      "to another computer (and import it there) or to give it to your teacher.";
    var nameRow = document.createElement("div");
    nameRow.className = "progress-name";
    var nameLabel = document.createElement("label");
    nameLabel.htmlFor = uid + "-name";
    nameLabel.textContent = "Your name on exported files (optional)";
    var nameInput = document.createElement("input");
    nameInput.type = "text";
    nameInput.id = uid + "-name";
    nameInput.className = "progress-name-input";
    nameInput.maxLength = LIMITS.name;
    nameInput.autocomplete = "name";
    nameInput.spellcheck = false;
    nameInput.value = data.name;
    nameInput.setAttribute("aria-describedby", uid + "-name-note");
    var nameNote = document.createElement("p");
    nameNote.id = uid + "-name-note";
    nameNote.className = "progress-name-note";
    nameNote.textContent = "Kept in this browser and in the files you export, for your teacher; never sent anywhere.";
    nameRow.appendChild(nameLabel);
    nameRow.appendChild(nameInput);
    nameRow.appendChild(nameNote);
    var row = document.createElement("div");
    row.className = "progress-buttons";
    var exportButton = button("Export progress");
    var importButton = button("Import progress\u2026");
    var clearButton = button("Clear progress\u2026", "danger");
    var file = document.createElement("input");
    file.type = "file";
    file.accept = ".json,application/json";
    file.hidden = true;
    file.setAttribute("aria-hidden", "true");
    file.tabIndex = -1;
    file.className = "progress-file";
    var confirmBox = document.createElement("div");
    confirmBox.className = "progress-confirm";
    confirmBox.hidden = true;
    var confirmText = document.createElement("p");
    confirmText.textContent = "Clear all your progress (and your name) in this browser? Export it first if you may want it back.";
    var yes = button("Yes, clear it", "danger");
    var no = button("Keep it");
    confirmBox.appendChild(confirmText);
    confirmBox.appendChild(yes);
    confirmBox.appendChild(no);
    var message = document.createElement("p");
    message.className = "progress-message";
    message.setAttribute("role", "status");
    message.setAttribute("aria-live", "polite");

    function say(text, ok) {
      message.textContent = (ok ? "\u2713 " : "\u2717 ") + text;
      message.classList.toggle("bad", !ok);
    }

    function keepName() { nameInput.value = api.setName(nameInput.value); }

    nameInput.addEventListener("change", keepName);
    api.onChange(function () {
      if (document.activeElement !== nameInput) nameInput.value = data.name;
    });
    exportButton.addEventListener("click", function () {
      keepName();
      var name = api.exportFile();
      say("Exported your progress as " + name + ".", true);
    });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      api.importFile(chosen).then(function (result) {
        say(result.message, result.ok);
        file.value = "";
      });
    });
    clearButton.addEventListener("click", function () {
      confirmBox.hidden = false;
      no.focus();
    });
    no.addEventListener("click", function () {
      confirmBox.hidden = true;
      clearButton.focus();
    });
    yes.addEventListener("click", function () {
      api.clear();
      nameInput.value = "";
      confirmBox.hidden = true;
      say("Your progress was cleared.", true);
      clearButton.focus();
    });

    row.appendChild(exportButton);
    row.appendChild(importButton);
    row.appendChild(clearButton);
    host.appendChild(heading);
    host.appendChild(about);
    host.appendChild(nameRow);
    host.appendChild(row);
    host.appendChild(file);
    host.appendChild(confirmBox);
    host.appendChild(message);
  }

  api.mountTools = mountTools;
  window.mvcalcProgress = api;

  load();
  window.addEventListener("storage", function (event) {   // another tab (or the file store) saved progress
    if (event.key !== KEY || !storage || event.newValue === null) return;
    var read = core.parse(event.newValue);
    if (read.problem) return;                              // the other tab's problem: it reports it there
    var next = core.merge(read.doc, data);
    var news = !core.same(next, data);
    data = next;
    checkStored();                                         // this page knew more? store it
    if (news) changed();
  });
  window.addEventListener("pagehide", function () { if (checkTimer !== null) checkStored(); });
  function onDom() {
    showNotices();
    var main = document.querySelector("main");
    if (document.body.getAttribute("data-page") && main && !document.querySelector("[data-progress-tools]")) {
      var section = document.createElement("section");         // module pages: a small footer section
      section.setAttribute("data-progress-tools", "");
      section.setAttribute("aria-label", "Your progress");
      main.appendChild(section);
    }
    var hosts = document.querySelectorAll("[data-progress-tools]");
    for (var i = 0; i < hosts.length; i++) mountTools(hosts[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onDom);
  else onDom();
})();
