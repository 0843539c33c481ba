/* The course home: each module card shows the learner's progress, per module and per
 * exercise set, from the one progress store (progress.js) and the course outline the
 * build writes (window.MVCALC_RUNTIME.course). No Python runs on this page. */
(function () {
  "use strict";

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function render() {
    var progress = window.mvcalcProgress;
    var outline = (window.MVCALC_RUNTIME && window.MVCALC_RUNTIME.course) || [];
    if (!progress) return;
    var cards = document.querySelectorAll(".module-card[data-module]");
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var slug = card.getAttribute("data-module");
      var box = card.querySelector(".module-progress");
      if (!box) {
        box = document.createElement("div");
        box.className = "module-progress";
        card.appendChild(box);
      }
      box.innerHTML = "";
      var module = outline.filter(function (m) { return m.slug === slug; })[0];
      if (!module || !module.sets.length) {
        var none = document.createElement("p");
        none.className = "progress-line";
        none.textContent = "Exercises are on their way.";
        box.appendChild(none);
        continue;
      }
      var summary = progress.moduleSummary(slug);
      var line = document.createElement("p");
      line.className = "progress-line";
      line.textContent = summary.correct + " of " + plural(summary.size, "question") + " correct in " +
        plural(summary.sets.length, "exercise set");
      var bar = document.createElement("progress");
      bar.max = summary.size;
      bar.value = summary.correct;
      bar.setAttribute("aria-label", "Module progress: " + summary.correct + " of " + summary.size + " questions correct");
      var details = document.createElement("details");
      var label = document.createElement("summary");
      label.textContent = "Exercise sets";
      var list = document.createElement("ul");
      list.className = "set-progress";
      summary.sets.forEach(function (s) {
        var item = document.createElement("li");
        item.setAttribute("data-set", s.slug);
        item.textContent = s.title + ": " + s.correct + " of " + s.size + (s.correct === s.size ? " \u2713" : "");
        list.appendChild(item);
      });
      details.appendChild(label);
      details.appendChild(list);
      box.appendChild(line);
      box.appendChild(bar);
      box.appendChild(details);
    }
  }

  function start() {
    render();
    window.addEventListener("mvcalc:progress-changed", render);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
