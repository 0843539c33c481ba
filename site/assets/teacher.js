/* The teacher's desk (site/teacher/): a class summary from the progress files learners export.
 *
 * The teacher chooses or drops many files at once (and more later). Each is read in this
 * browser (File.text(): nothing is uploaded, sent or kept) and checked by progress-data.js,
 * the same rules as a learner's import. A file that is not progress of this course, is
 * corrupt, is of a schema this version cannot read, or is another export of a learner already
 * read (the same name; without a name, the same progress saved at the same moment) is listed
 * with the reason and left out; for one learner the export saved last is used.
 *
 * For every module of the course outline (window.MVCALC_RUNTIME.course, written by the build):
 * a table with a row per learner (their name, or the file's name when there is none) and a
 * column per exercise set, "correct / attempted", with the class's totals; and a table of the
 * questions, hardest first. Tables sort by any column; a filter shows one module; the CSV has
 * what the tables of the modules shown have. No Python on this page.
 */
(function () {
  "use strict";

  var core = window.mvcalcProgressData;
  var outline = ((window.MVCALC_RUNTIME && window.MVCALC_RUNTIME.course) || []).map(function (module, i) {
    return { slug: module.slug, title: module.title, number: i + 1, sets: module.sets };
  });
  var learners = [];                    // {label, file, name, doc, key}
  var leftOut = [];                     // {file, reason}
  var $ = function (id) { return document.getElementById(id); };

  // --- reading files -------------------------------------------------------------------
  function fold(name) { return name.normalize("NFKC").toLocaleLowerCase("en-GB").replace(/\s+/g, " ").trim(); }

  /* Which learner a file is: their name; without one, the very same saved progress. */
  function identity(doc) {
    return doc.name ? "name:" + fold(doc.name) : "progress:" + doc.updated + "|" + JSON.stringify(doc.sets);
  }

  function readFile(file) {
    if (file.size > core.LIMITS.fileBytes) {
      return Promise.resolve({ file: file.name, problem: "it is larger than " + core.megabytes(core.LIMITS.fileBytes) +
        ", much more than any progress file" });
    }
    return file.text().then(function (text) {
      var read = core.parse(text, core.LIMITS.fileBytes);
      return { file: file.name, doc: read.doc, problem: read.problem };
    }, function () {
      return { file: file.name, problem: "it could not be read" };
    });
  }

  function quoted(text) { return "\u201c" + text + "\u201d"; }

  function admit(result) {
    if (result.problem) {
      leftOut.push({ file: result.file, reason: result.problem });
      return;
    }
    var doc = result.doc;
    var entry = { file: result.file, name: doc.name, label: doc.name || result.file, doc: doc, key: identity(doc) };
    var other = learners.filter(function (l) { return l.key === entry.key; })[0];
    if (!other) {
      learners.push(entry);
      return;
    }
    var newer = entry.doc.updated > other.doc.updated ? entry : other;     // the same moment: the first one read
    var older = newer === entry ? other : entry;
    if (newer === entry) learners[learners.indexOf(other)] = entry;
    var reason;
    if (older.file === newer.file && older.doc.updated === newer.doc.updated) {
      reason = "it was chosen twice: the other copy is used";
    } else if (doc.name) {
      reason = "another export of the same learner (" + quoted(doc.name) + "): " + quoted(newer.file) +
        (older.doc.updated === newer.doc.updated ? " is used" : ", saved later, is used");
    } else {
      reason = "the same progress, saved at the same moment and with no name, as " + quoted(newer.file) +
        ", which is used";
    }
    leftOut.push({ file: older.file, reason: reason });
  }

  function addFiles(fileList) {
    var files = Array.prototype.slice.call(fileList || []);
    if (!files.length) return Promise.resolve();
    say("Reading " + plural(files.length, "file") + "\u2026");
    return Promise.all(files.map(readFile)).then(function (results) {
      results.forEach(admit);
      render();
    });
  }

  // --- the numbers ---------------------------------------------------------------------
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function counts(learner, module, set) { return core.setCounts(learner.doc, module.slug + "/" + set.slug, set.size); }

  function byLabel(a, b) { return a.label.localeCompare(b.label, "en-GB", { sensitivity: "base" }) || a.file.localeCompare(b.file); }

  /* Per question of a module: how many learners tried it, got it right, and their attempts. */
  function questionTotals(module) {
    var rows = [];
    module.sets.forEach(function (set, setIndex) {
      for (var i = 0; i < set.size; i++) {
        var row = { set: set, setIndex: setIndex, index: i, correct: 0, tried: 0, attempts: 0 };
        learners.forEach(function (learner) {
          var record = learner.doc.sets[module.slug + "/" + set.slug];
          var q = record && record.questions[String(i)];
          if (!q) return;
          if (q.correct) row.correct++;
          if (q.correct || q.attempts > 0) row.tried++;
          row.attempts += q.attempts;
        });
        row.rate = row.tried ? row.correct / row.tried : null;
        row.perLearner = row.tried ? row.attempts / row.tried : 0;
        rows.push(row);
      }
    });
    return rows.sort(function (a, b) {     // hardest first: tried by someone, fewest right, most attempts
      if ((a.rate === null) !== (b.rate === null)) return a.rate === null ? 1 : -1;
      return (a.rate - b.rate) || (b.perLearner - a.perLearner) || (a.setIndex - b.setIndex) || (a.index - b.index);
    });
  }

  // --- the page ------------------------------------------------------------------------
  function element(tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) el.textContent = text;
    if (cls) el.className = cls;
    return el;
  }

  function say(text) { $("teacher-status").textContent = text; }

  function cell(tag, text, sortValue, attrs) {
    var el = element(tag, text);
    if (sortValue !== undefined) el.setAttribute("data-sort", String(sortValue));
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    return el;
  }

  /* A table that sorts by any column: each heading holds a button; cells carry data-sort. */
  function sortableTable(id, caption, headings, numeric) {
    var table = element("table", null, "class-table");
    table.id = id;
    var cap = element("caption", caption);
    cap.id = id + "-caption";
    table.appendChild(cap);
    var head = table.appendChild(element("thead")).appendChild(element("tr"));
    headings.forEach(function (heading, column) {
      var th = element("th");
      th.scope = "col";
      var button = element("button", null, "sort-button");
      button.type = "button";
      button.appendChild(element("span", heading.text));
      if (heading.note) button.appendChild(element("span", heading.note, "column-note"));
      button.addEventListener("click", function () { sortBy(table, column, numeric[column]); });
      th.appendChild(button);
      head.appendChild(th);
    });
    table.appendChild(element("tbody"));
    var scroller = element("div", null, "table-scroll");
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-labelledby", cap.id);
    scroller.tabIndex = 0;                // a table wider than a phone scrolls, by keyboard too
    scroller.appendChild(table);
    return { table: table, body: table.tBodies[0], scroller: scroller };
  }

  function sortBy(table, column, numeric) {
    var th = table.tHead.rows[0].cells[column];
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) { return { row: row, i: i }; });
    rows.sort(function (a, b) {
      var x = a.row.cells[column].getAttribute("data-sort"), y = b.row.cells[column].getAttribute("data-sort");
      var order = numeric ? Number(x) - Number(y) : x.localeCompare(y, "en-GB", { sensitivity: "base" });
      return (ascending ? order : -order) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
  }

  function fraction(c) { return c.correct + " / " + c.attempted; }
  function order(c) { return c.correct * 10000 + c.attempted; }

  function learnersTable(module) {
    var size = module.sets.reduce(function (sum, set) { return sum + set.size; }, 0);
    var headings = [{ text: "Learner" }].concat(module.sets.map(function (set) {
      return { text: set.title, note: "(" + plural(set.size, "question") + ")" };
    }), [{ text: "Module total", note: "(" + plural(size, "question") + ")" }]);
    var numeric = headings.map(function (_, i) { return i > 0; });
    var built = sortableTable("learners-" + module.slug, "Module " + module.number + ", by learner: questions correct / attempted",
                              headings, numeric);
    var classTotals = module.sets.map(function () { return { correct: 0, attempted: 0 }; });
    learners.slice().sort(byLabel).forEach(function (learner) {
      var row = element("tr");
      var who = cell("th", learner.label, learner.label, { scope: "row" });
      if (!learner.name) who.appendChild(element("span", " (no name: the file\u2019s name)", "column-note"));
      row.appendChild(who);
      var total = { correct: 0, attempted: 0 };
      module.sets.forEach(function (set, i) {
        var c = counts(learner, module, set);
        row.appendChild(cell("td", fraction(c), order(c), { "data-set": set.slug }));
        total.correct += c.correct; total.attempted += c.attempted;
        classTotals[i].correct += c.correct; classTotals[i].attempted += c.attempted;
      });
      row.appendChild(cell("td", fraction(total), order(total), { "data-set": "total" }));
      built.body.appendChild(row);
    });
    var foot = built.table.appendChild(element("tfoot")).appendChild(element("tr"));
    foot.appendChild(cell("th", "Class (" + plural(learners.length, "learner") + ")", undefined, { scope: "row" }));
    var all = { correct: 0, attempted: 0 };
    classTotals.forEach(function (c, i) {
      foot.appendChild(cell("td", fraction(c), undefined, { "data-set": module.sets[i].slug }));
      all.correct += c.correct; all.attempted += c.attempted;
    });
    foot.appendChild(cell("td", fraction(all), undefined, { "data-set": "total" }));
    return built.scroller;
  }

  function questionsTable(module) {
    var headings = [{ text: "Exercise set" }, { text: "Question" }, { text: "Correct", note: "(learners)" },
                    { text: "Tried", note: "(learners)" }, { text: "Tried, not yet correct" },
                    { text: "Attempts", note: "(per learner who tried)" }];
    var built = sortableTable("questions-" + module.slug, "Module " + module.number + ", by question: hardest first " +
                              "(fewest of those who tried got it right)", headings, [false, true, true, true, true, true]);
    var all = questionTotals(module);
    var tried = all.filter(function (q) { return q.tried > 0; });
    tried.forEach(function (q, rank) {
      var row = element("tr");
      row.setAttribute("data-question", q.set.slug + "/" + q.index);
      row.appendChild(cell("td", q.set.title, String(q.setIndex).padStart(3, "0") + q.set.title));
      row.appendChild(cell("td", String(q.index + 1), q.index + 1));
      row.appendChild(cell("td", String(q.correct), q.correct));
      row.appendChild(cell("td", String(q.tried), q.tried));
      row.appendChild(cell("td", String(q.tried - q.correct), q.tried - q.correct));
      row.appendChild(cell("td", q.tried ? q.perLearner.toLocaleString("en-GB", { maximumFractionDigits: 1 }) : "\u2013",
                           q.perLearner));
      row.setAttribute("data-rank", String(rank + 1));
      built.body.appendChild(row);
    });
    var box = element("div");
    if (tried.length) box.appendChild(built.scroller);
    var untried = all.length - tried.length;
    var note = !tried.length ? "No learner has tried a question of this module yet."
      : untried ? plural(untried, "question") + " of this module " + (untried === 1 ? "has" : "have") +
        " not been tried by anyone yet, so " + (untried === 1 ? "it is" : "they are") + " not in this table." : "";
    if (note) box.appendChild(element("p", note, "questions-note"));
    return box;
  }

  function moduleSection(module) {
    var section = element("section", null, "teacher-module");
    section.setAttribute("data-module", module.slug);
    var heading = element("h3", module.number + ". " + module.title);
    heading.id = "module-" + module.slug;
    section.setAttribute("aria-labelledby", heading.id);
    section.appendChild(heading);
    if (!module.sets.length) {
      section.appendChild(element("p", "This module has no exercise sets yet."));
      return section;
    }
    section.appendChild(learnersTable(module));
    section.appendChild(element("h4", "The questions, hardest first"));
    section.appendChild(questionsTable(module));
    return section;
  }

  function renderLeftOut() {
    var box = $("left-out");
    box.innerHTML = "";
    if (!leftOut.length) return;
    var heading = element("h3", "Files left out");
    heading.id = "left-out-heading";
    box.appendChild(heading);
    box.appendChild(element("p", "These files are not in the summary. Nothing else is affected."));
    var list = element("ul", null, "left-out-list");
    list.setAttribute("aria-labelledby", heading.id);
    leftOut.forEach(function (item) {
      var li = element("li");
      li.setAttribute("data-file", item.file);
      li.appendChild(element("strong", item.file));
      li.appendChild(document.createTextNode(": " + item.reason + "."));
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function renderFilter() {
    var select = $("module-filter");
    var chosen = select.value;
    select.innerHTML = "";
    select.appendChild(new Option("All modules", ""));
    outline.forEach(function (module) { select.appendChild(new Option("Module " + module.number + ": " + module.title, module.slug)); });
    select.value = outline.some(function (m) { return m.slug === chosen; }) ? chosen : "";
  }

  function shownModules() {
    var chosen = $("module-filter").value;
    return outline.filter(function (module) { return !chosen || module.slug === chosen; });
  }

  function applyFilter() {
    var shown = shownModules().map(function (m) { return m.slug; });
    Array.prototype.forEach.call(document.querySelectorAll(".teacher-module"), function (section) {
      section.hidden = shown.indexOf(section.getAttribute("data-module")) < 0;
    });
    $("csv-note").textContent = "";
  }

  function render() {
    renderLeftOut();
    var summary = $("class-summary");
    var tables = $("module-tables");
    tables.innerHTML = "";
    summary.hidden = !learners.length;
    if (learners.length) {
      renderFilter();
      outline.forEach(function (module) { tables.appendChild(moduleSection(module)); });
      applyFilter();
    }
    say(learners.length || leftOut.length
      ? plural(learners.length, "learner") + " in the summary" +
        (leftOut.length ? "; " + plural(leftOut.length, "file") + " left out (listed below, with the reason)." : ".")
      : "No files chosen yet.");
  }

  // --- CSV ---------------------------------------------------------------------------------
  function csvField(value) {
    if (typeof value === "number") return String(value);
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;       // a spreadsheet must not take it for a formula
    return '"' + text.replace(/"/g, '""') + '"';
  }

  /* What the tables of the modules shown hold, one row per learner (as sorted by name). */
  function csvText() {
    var modules = shownModules();
    var header = ["Learner", "File"];
    modules.forEach(function (module) {
      module.sets.forEach(function (set) {
        header.push("M" + module.number + " " + set.title + ": correct", "M" + module.number + " " + set.title + ": attempted");
      });
      if (module.sets.length) header.push("M" + module.number + " total: correct", "M" + module.number + " total: attempted");
    });
    var lines = [header.map(csvField).join(",")];
    learners.slice().sort(byLabel).forEach(function (learner) {
      var row = [learner.label, learner.file];
      modules.forEach(function (module) {
        var total = { correct: 0, attempted: 0 };
        module.sets.forEach(function (set) {
          var c = counts(learner, module, set);
          row.push(c.correct, c.attempted);
          total.correct += c.correct; total.attempted += c.attempted;
        });
        if (module.sets.length) row.push(total.correct, total.attempted);
      });
      lines.push(row.map(csvField).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";          // a byte-order mark: spreadsheets read the names as UTF-8
  }

  function downloadCsv() {
    var blob = new Blob([csvText()], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = "mvcalc-class-progress-" + new Date().toISOString().slice(0, 10) + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    var shown = shownModules();
    $("csv-note").textContent = "Saved " + link.download + ": " + plural(learners.length, "learner") + ", " +
      (shown.length === 1 ? "Module " + shown[0].number : "all modules") + ".";
  }

  // --- wiring --------------------------------------------------------------------------------
  function start() {
    var input = $("file-input");
    var zone = $("drop-zone");
    $("choose-files").addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      addFiles(input.files).then(function () { input.value = ""; });
    });
    document.addEventListener("dragover", function (event) {
      if (!event.dataTransfer || Array.prototype.indexOf.call(event.dataTransfer.types || [], "Files") < 0) return;
      event.preventDefault();                  // a file dropped on the page is read, not opened
      event.dataTransfer.dropEffect = "copy";
      zone.classList.add("dragging");
    });
    document.addEventListener("dragleave", function (event) {
      if (!event.relatedTarget) zone.classList.remove("dragging");
    });
    document.addEventListener("drop", function (event) {
      if (!event.dataTransfer || !event.dataTransfer.files || !event.dataTransfer.files.length) return;
      event.preventDefault();
      zone.classList.remove("dragging");
      addFiles(event.dataTransfer.files);
    });
    $("module-filter").addEventListener("change", applyFilter);
    $("download-csv").addEventListener("click", downloadCsv);
    $("start-again").addEventListener("click", function () {
      learners = [];
      leftOut = [];
      render();
      $("choose-files").focus();
    });
    if (!core || !outline.length) say("This page could not start: the course outline is missing.");
  }

  window.mvcalcTeacher = { addFiles: addFiles, csvText: csvText };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
