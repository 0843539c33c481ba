/* What the teacher's page (site/teacher/) shows, read the same way in Chromium (Playwright) and
 * Firefox ESR (teacher.mjs): per module, each learner's row (label -> exercise set -> the cell's
 * "correct / attempted"), the class row, the questions table (set/question -> [correct, tried]). */
() => {
  const out = {};
  for (const section of document.querySelectorAll(".teacher-module")) {
    const module = section.getAttribute("data-module");
    const learners = {}, questions = {};
    let total = null;
    const table = section.querySelector('table[id^="learners-"]');
    if (table) {
      for (const row of table.tBodies[0].rows) {
        const cells = {};
        for (const cell of row.querySelectorAll("td[data-set]")) cells[cell.getAttribute("data-set")] = cell.textContent;
        learners[row.cells[0].getAttribute("data-sort")] = cells;
      }
      total = {};
      for (const cell of table.tFoot.querySelectorAll("td[data-set]")) total[cell.getAttribute("data-set")] = cell.textContent;
    }
    for (const row of section.querySelectorAll("tr[data-question]")) {
      questions[row.getAttribute("data-question")] = [row.cells[2].textContent, row.cells[3].textContent].map(Number);
    }
    out[module] = { learners, total, questions, hidden: section.hidden };
  }
  return out;
}
