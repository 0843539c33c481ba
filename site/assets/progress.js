/* The learner's progress: ONE store, used by the course home and by every exercise.
 * A classic script, so the home page shows progress without starting Python.
 *
 * localStorage["mvcalc.progress"] holds one JSON document:
 *   {app: "mvcalc", schema: 1, updated: ISO time,
 *    sets: {"<module>/<set>": {current: 0,
 *                             questions: {"0": {correct, attempts, variant, answer}}}}}
 *
 * What can go wrong is said on the page, never crashed on or silently lost:
 * unreadable or foreign data is set aside under another key; a full storage quota
 * or storage that is switched off is reported, suggesting export. Export writes a
 * .json file; import validates it first (a bad file changes nothing) and merges it in.
 */
(function () {
  "use strict";

  var KEY = "mvcalc.progress";
  var APP = "mvcalc";
  var SCHEMA = 1;
  var data = empty();
  var storage = null;
  var notices = [];                     // {id, text}
  var listeners = [];

  function empty() { return { app: APP, schema: SCHEMA, updated: "", sets: {} }; }
  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  function notice(id, text) {
    notices = notices.filter(function (n) { return n.id !== id; });
    notices.push({ id: id, text: text });
    showNotices();
  }

  function dropNotice(id) {
    notices = notices.filter(function (n) { return n.id !== id; });
    showNotices();
  }

  // --- validation: the same rules for what is stored and what is imported -------------
  function problemWith(doc) {
    if (!isObject(doc)) return "it is not a progress document";
    if (doc.app !== APP) return "it is not progress from this course";
    if (doc.schema !== SCHEMA) return "it is in a format this version does not know (schema " + JSON.stringify(doc.schema) + ")";
    if (!isObject(doc.sets)) return "it has no exercise sets";
    var keys = Object.keys(doc.sets);
    for (var i = 0; i < keys.length; i++) {
      var set = doc.sets[keys[i]];
      if (!/^[a-z0-9-]+\/[a-z0-9-]+$/.test(keys[i]) || !isObject(set) || !isObject(set.questions)) {
        return "the entry " + JSON.stringify(keys[i]) + " is not an exercise set";
      }
      var questions = Object.keys(set.questions);
      for (var j = 0; j < questions.length; j++) {
        var q = set.questions[questions[j]];
        if (!/^\d+$/.test(questions[j]) || !isObject(q) ||
            (q.correct !== undefined && typeof q.correct !== "boolean") ||
            (q.attempts !== undefined && !(Number.isInteger(q.attempts) && q.attempts >= 0)) ||
            (q.variant !== undefined && !(Number.isInteger(q.variant) && q.variant >= 0)) ||
            (q.answer !== undefined && typeof q.answer !== "string")) {
          return "question " + questions[j] + " of " + keys[i] + " is not valid progress";
        }
      }
    }
    return "";
  }

  // --- loading and saving ------------------------------------------------------------
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

  function load() {
    storage = openStorage();
    if (!storage) return;
    var raw = storage.getItem(KEY);
    if (raw === null) return;
    var doc;
    try {
      doc = JSON.parse(raw);
    } catch (error) {
      setAside(raw, "it is not valid JSON");
      return;
    }
    var problem = problemWith(doc);
    if (problem) {
      setAside(raw, problem);
      return;
    }
    data = doc;
  }

  function save() {
    data.updated = new Date().toISOString();
    if (!storage) return false;
    try {
      storage.setItem(KEY, JSON.stringify(data));
      dropNotice("quota");
      return true;
    } catch (error) {
      if (isQuota(error)) {
        notice("quota", "Your browser's storage for this site is full, so your latest progress is not " +
          "being saved. Use \u201cExport progress\u201d to keep it in a file, or free some space for this site.");
      } else {
        notice("quota", "Your progress could not be saved (" + (error && error.name || error) + "). " +
          "Use \u201cExport progress\u201d to keep it in a file.");
      }
      return false;
    }
  }

  function isQuota(error) {
    return error && (error.name === "QuotaExceededError" || error.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      error.code === 22 || error.code === 1014);
  }

  function changed() {
    listeners.slice().forEach(function (callback) {
      try { callback(); } catch (error) { console.warn(error); }
    });
    window.dispatchEvent(new CustomEvent("mvcalc:progress-changed"));
  }

  // --- reading and recording ------------------------------------------------------------
  function setKey(module, set) { return module + "/" + set; }

  function setRecord(module, set, create) {
    var key = setKey(module, set);
    if (!data.sets[key] && create) data.sets[key] = { current: 0, questions: {} };
    return data.sets[key] || { current: 0, questions: {} };
  }

  function questionRecord(module, set, index, create) {
    var record = setRecord(module, set, create);
    var key = String(index);
    if (!record.questions[key] && create) record.questions[key] = { correct: false, attempts: 0, variant: 0, answer: "" };
    return record.questions[key] || { correct: false, attempts: 0, variant: 0, answer: "" };
  }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  function mergedQuestion(mine, theirs) {
    if (!mine) return copy(theirs);
    var keepMine = mine.correct && !theirs.correct;
    var from = keepMine ? mine : theirs;
    return {
      correct: Boolean(mine.correct || theirs.correct),
      attempts: Math.max(mine.attempts || 0, theirs.attempts || 0),
      variant: from.variant || 0,
      answer: from.answer || ""
    };
  }

  /* Progress ``mine`` with an imported document ``theirs`` added (both valid). */
  function merged(mine, theirs) {
    var result = copy(mine);
    Object.keys(theirs.sets).forEach(function (key) {
      var incoming = theirs.sets[key];
      var target = result.sets[key] || (result.sets[key] = { current: 0, questions: {} });
      if (Number.isInteger(incoming.current) && incoming.current >= 0) target.current = incoming.current;
      Object.keys(incoming.questions).forEach(function (index) {
        target.questions[index] = mergedQuestion(target.questions[index], incoming.questions[index]);
      });
    });
    result.updated = new Date().toISOString();
    return result;
  }

  var api = {
    KEY: KEY,
    SCHEMA: SCHEMA,

    question: function (module, set, index) { return copy(questionRecord(module, set, index, false)); },
    current: function (module, set) { return setRecord(module, set, false).current || 0; },

    /* How many questions of a set were ever answered correctly. */
    setSummary: function (module, set, size) {
      var questions = setRecord(module, set, false).questions;
      var correct = 0;
      for (var i = 0; i < size; i++) if (questions[String(i)] && questions[String(i)].correct) correct++;
      return { correct: correct, size: size };
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
      setRecord(module, set, true).current = index;
      save();
    },

    /* One checked answer: an attempt (if valid) and whether it was right. */
    recordCheck: function (module, set, index, result) {
      var q = questionRecord(module, set, index, true);
      if (result.valid) q.attempts += 1;
      if (result.correct) q.correct = true;
      q.answer = String(result.answer || "");
      save();
      changed();
    },

    saveAnswer: function (module, set, index, answer) {
      var q = questionRecord(module, set, index, true);
      if (q.answer === answer) return;
      q.answer = String(answer);
      save();
    },

    setVariant: function (module, set, index, variant) {
      var q = questionRecord(module, set, index, true);
      q.variant = variant;
      q.answer = "";
      save();
    },

    onChange: function (callback) { listeners.push(callback); },
    notices: function () { return notices.slice(); },

    exportText: function () { return JSON.stringify(data, null, 2); },

    exportFile: function () {
      data.updated = data.updated || new Date().toISOString();
      var blob = new Blob([api.exportText()], { type: "application/json" });
      var url = URL.createObjectURL(blob);
      var link = document.createElement("a");
      link.href = url;
      link.download = "mvcalc-progress-" + new Date().toISOString().slice(0, 10) + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      return link.download;
    },

    /* Merge an exported file into this browser's progress, so importing on a shared or
     * second computer never loses work done here: a question is correct if it is correct
     * in either, keeps the larger attempt count, and takes the file's variant and answer
     * unless only this browser's record is correct. A bad file changes nothing. */
    importText: function (text) {
      var doc;
      try {
        doc = JSON.parse(text);
      } catch (error) {
        return { ok: false, message: "That file was not imported: it is not a progress file (not valid JSON). Your progress is unchanged." };
      }
      var problem = problemWith(doc);
      if (problem) return { ok: false, message: "That file was not imported: " + problem + ". Your progress is unchanged." };
      data = merged(data, doc);
      var saved = save();
      changed();
      var sets = Object.keys(doc.sets).length;
      return { ok: true, message: "Progress imported: " + sets + " exercise set" + (sets === 1 ? "" : "s") +
        ", added to what this browser already had." +
        (saved ? "" : " It could not be stored in this browser, so export it again before you leave.") };
    },

    clear: function () {
      data = empty();
      if (storage) {
        try { storage.removeItem(KEY); } catch (error) { /* reported by the next save */ }
      }
      changed();
    }
  };

  // --- the shared controls: notices, export, import, clear --------------------------------
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

  /* Export / import / clear controls inside `host` (home page and module footers). */
  function mountTools(host) {
    host.innerHTML = "";
    host.classList.add("progress-tools");
    var heading = document.createElement(host.getAttribute("data-heading-level") || "h2");
    heading.textContent = "Your progress";
    var about = document.createElement("p");
    about.textContent = "Progress is kept in this browser only. Export it to a file to keep it safe or to move it " +
      "to another computer, and import it there.";
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
    confirmText.textContent = "Clear all your progress in this browser? Export it first if you may want it back.";
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

    exportButton.addEventListener("click", function () {
      var name = api.exportFile();
      say("Exported your progress as " + name + ".", true);
    });
    importButton.addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      chosen.text().then(function (text) {
        var result = api.importText(text);
        say(result.message, result.ok);
        file.value = "";
      }, function () {
        say("That file could not be read. Your progress is unchanged.", false);
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
      confirmBox.hidden = true;
      say("Your progress was cleared.", true);
      clearButton.focus();
    });

    row.appendChild(exportButton);
    row.appendChild(importButton);
    row.appendChild(clearButton);
    host.appendChild(heading);
    host.appendChild(about);
    host.appendChild(row);
    host.appendChild(file);
    host.appendChild(confirmBox);
    host.appendChild(message);
  }

  api.mountTools = mountTools;
  window.mvcalcProgress = api;

  load();
  window.addEventListener("storage", function (event) {   // another tab saved progress
    if (event.key !== KEY || !storage) return;
    try {
      var doc = event.newValue === null ? empty() : JSON.parse(event.newValue);
      if (!problemWith(doc)) { data = doc; changed(); }
    } catch (error) { /* the other tab's problem: it reports it there */ }
  });
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
