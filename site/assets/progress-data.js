/* The progress document: what it may hold, how an older one is brought up to date, and how
 * two copies are merged. Pure: no storage, no page. One definition, used by progress.js (the
 * learner's store), filestore.html (the shared store of a double-clicked course), the teacher
 * page, and the unit tests under Node (tests/assets/progress.test.cjs).
 *
 * Schema 1 (every field but app, schema and sets may be missing in older files):
 *   {app: "mvcalc", schema: 1, updated: ISO time, cleared: ms, name: "", nameAt: ms,
 *    sets: {"<module>/<set>": {current: 0, currentAt: ms,
 *                             questions: {"0": {correct, attempts, variant, answer, at: ms}}}}}
 * Times are milliseconds since 1970 (Date.now()); `at` is when the question's record last
 * changed, so "the most recent answer" is decidable; `cleared` is when progress was last
 * cleared, so a clear in one tab is not undone by another tab's older copy.
 *
 * merge(a, b) is a join: commutative, associative and idempotent. So copies merged in any
 * order, any number of times (two tabs, two windows, storage events late or lost), end equal,
 * and nothing either copy knew is lost: a question is correct if correct in either, its
 * attempts are the larger count, its answer and variant are the most recent; the set's current
 * question and the learner's name are the most recent too. Copies of different clears: the
 * later clear wins whole.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.mvcalcProgressData = factory(root.MVCALC_PROGRESS_TEST || {});
})(typeof self !== "undefined" ? self : this, function (options) {
  "use strict";

  var APP = "mvcalc";
  var LIMITS = {
    fileBytes: 1000000,          // an exported file: the whole course is about 30 kB
    answer: 10000,               // characters of one saved answer
    attempts: 1000000,
    name: 100,                   // characters of the learner's name
    sets: 1000,
    questions: 1000,             // per set, and the largest question number + 1
    current: 999
  };
  var SET_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var QUESTION_KEY = /^(?:0|[1-9][0-9]{0,2})$/;
  var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

  /* Migrations: MIGRATIONS[n] turns a document of schema n into one of schema n + 1.
   * Schema 1 is the first, so there are none yet. A test may add some (options.migrations,
   * from window.MVCALC_PROGRESS_TEST in a page): the schema this build writes is then the
   * one after the last migration. */
  var MIGRATIONS = {};
  Object.keys(options.migrations || {}).forEach(function (from) { MIGRATIONS[from] = options.migrations[from]; });
  var SCHEMA = 1;
  while (typeof MIGRATIONS[SCHEMA] === "function") SCHEMA++;

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isCount(value, most) { return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= most; }
  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  function empty(cleared) {
    return { app: APP, schema: SCHEMA, updated: "", cleared: cleared || 0, name: "", nameAt: 0, sets: {} };
  }

  // --- validation: the same rules for what is stored, imported and read by the teacher -------
  var SAFE = Number.MAX_SAFE_INTEGER;
  var QUESTION_FIELDS = {
    correct: [function (v) { return typeof v === "boolean"; }, "is not true or false"],
    attempts: [function (v) { return isCount(v, LIMITS.attempts); }, "has an attempt count that is not a whole number from 0 to " + LIMITS.attempts],
    variant: [function (v) { return isCount(v, SAFE); }, "has a variant that is not a whole number from 0 to " + SAFE],
    answer: [function (v) { return typeof v === "string" && v.length <= LIMITS.answer; }, "has an answer that is not text of at most " + LIMITS.answer + " characters"],
    at: [function (v) { return isCount(v, SAFE); }, "has a time that is not a whole number of milliseconds"]
  };

  /* Why `doc` (of this build's schema) is not valid progress, or "" if it is. */
  function problemWith(doc) {
    if (!isObject(doc)) return "it is not a progress document";
    if (doc.app !== APP) return "it is not progress from this course";
    if (doc.schema !== SCHEMA) return "it is in a format this version does not know (schema " + JSON.stringify(doc.schema) + ")";
    if (doc.updated !== undefined && !(typeof doc.updated === "string" && doc.updated.length <= 40)) return "its time of saving is not valid";
    if (doc.cleared !== undefined && !isCount(doc.cleared, SAFE)) return "its time of clearing is not valid";
    if (doc.nameAt !== undefined && !isCount(doc.nameAt, SAFE)) return "the time of its name is not valid";
    if (doc.name !== undefined) {
      if (typeof doc.name !== "string" || doc.name.length > LIMITS.name) return "the learner's name is not text of at most " + LIMITS.name + " characters";
      if (CONTROL.test(doc.name)) return "the learner's name holds control characters";
    }
    if (!isObject(doc.sets)) return "it has no exercise sets";
    var keys = Object.keys(doc.sets);
    if (keys.length > LIMITS.sets) return "it has more than " + LIMITS.sets + " exercise sets";
    for (var i = 0; i < keys.length; i++) {
      var set = doc.sets[keys[i]];
      if (!SET_KEY.test(keys[i]) || keys[i].length > 200 || !isObject(set) || !isObject(set.questions)) {
        return "the entry " + JSON.stringify(keys[i].slice(0, 80)) + " is not an exercise set";
      }
      if (set.current !== undefined && !isCount(set.current, LIMITS.current)) return "the current question of " + keys[i] + " is not a whole number from 0 to " + LIMITS.current;
      if (set.currentAt !== undefined && !isCount(set.currentAt, SAFE)) return "a time in " + keys[i] + " is not valid";
      var questions = Object.keys(set.questions);
      if (questions.length > LIMITS.questions) return keys[i] + " has more than " + LIMITS.questions + " questions";
      for (var j = 0; j < questions.length; j++) {
        var q = set.questions[questions[j]];
        var where = "question " + JSON.stringify(questions[j].slice(0, 20)) + " of " + keys[i];
        if (!QUESTION_KEY.test(questions[j])) return "the entry " + where + " is not a question number from 0 to " + (LIMITS.questions - 1);
        if (!isObject(q)) return where + " is not valid progress";
        var fields = Object.keys(QUESTION_FIELDS);
        for (var k = 0; k < fields.length; k++) {
          var rule = QUESTION_FIELDS[fields[k]];
          if (q[fields[k]] !== undefined && !rule[0](q[fields[k]])) {
            return where + " " + (fields[k] === "correct" ? "has a \u201ccorrect\u201d that " : "") + rule[1];
          }
        }
      }
    }
    return "";
  }

  /* The document in its canonical form: every field present, in a fixed order, nothing else. */
  function normalised(doc) {
    var result = {
      app: APP, schema: SCHEMA, updated: doc.updated || "", cleared: doc.cleared || 0,
      name: doc.name || "", nameAt: doc.nameAt || 0, sets: {}
    };
    Object.keys(doc.sets).sort().forEach(function (key) {
      var set = doc.sets[key];
      var out = result.sets[key] = { current: set.current || 0, currentAt: set.currentAt || 0, questions: {} };
      Object.keys(set.questions).sort(function (a, b) { return a - b; }).forEach(function (index) {
        var q = set.questions[index];
        out.questions[index] = { correct: q.correct === true, attempts: q.attempts || 0, variant: q.variant || 0,
                                 answer: q.answer || "", at: q.at || 0 };
      });
    });
    return result;
  }

  /* A document of any schema this build can read, brought to this build's schema:
   * {doc} (normalised), or {problem} saying in words why not. */
  function upgrade(doc) {
    if (!isObject(doc)) return { problem: "it is not a progress document" };
    if (doc.app !== APP) return { problem: "it is not progress from this course" };
    var schema = doc.schema;
    if (!(Number.isSafeInteger(schema) && schema >= 1)) return { problem: "it has no valid format number (schema " + JSON.stringify(schema) + ")" };
    if (schema > SCHEMA) return { problem: "it was saved by a newer version of the course (schema " + schema + "; this version reads up to " + SCHEMA + ")" };
    var current = doc;
    try {
      while (current.schema < SCHEMA) {
        var from = current.schema;
        current = MIGRATIONS[from](copy(current));
        if (!isObject(current)) throw new Error("the migration from schema " + from + " gave no document");
        current.schema = from + 1;
      }
    } catch (error) {
      return { problem: "it could not be brought up to date from schema " + schema + " (" + (error && error.message || error) + ")" };
    }
    var problem = problemWith(current);
    return problem ? { problem: problem } : { doc: normalised(current) };
  }

  /* Text (an exported file, a stored value) to a document: {doc} or {problem}. `limit`: the
   * most characters accepted (for files; what this site stored itself is not limited). */
  function parse(text, limit) {
    if (typeof text !== "string") return { problem: "it is not text" };
    if (limit && text.length > limit) return { problem: "it is larger than " + megabytes(limit) + ", much more than any progress file" };
    var doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      return { problem: "it is not a progress file (not valid JSON)" };
    }
    return upgrade(doc);
  }

  function megabytes(bytes) { return (bytes / 1e6).toLocaleString("en-GB", { maximumFractionDigits: 1 }) + " MB"; }

  // --- the merge --------------------------------------------------------------------------
  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /* The more recent of two question records' answer and variant: by time, then (only for equal
   * times, so that the merge does not depend on order) by variant and answer. */
  function later(a, b) {
    return (compare(a.at, b.at) || compare(a.variant, b.variant) || compare(a.answer, b.answer)) >= 0 ? a : b;
  }

  function mergedQuestion(a, b) {
    if (!a) return copy(b);
    if (!b) return copy(a);
    var recent = later(a, b);
    return { correct: a.correct || b.correct, attempts: Math.max(a.attempts, b.attempts),
             variant: recent.variant, answer: recent.answer, at: recent.at };
  }

  function mergedSet(a, b) {
    if (!a) return copy(b);
    if (!b) return copy(a);
    var recent = (compare(a.currentAt, b.currentAt) || compare(a.current, b.current)) >= 0 ? a : b;
    var result = { current: recent.current, currentAt: recent.currentAt, questions: {} };
    var keys = Object.keys(a.questions).concat(Object.keys(b.questions));
    keys.sort(function (x, y) { return x - y; }).forEach(function (index) {
      if (!result.questions[index]) result.questions[index] = mergedQuestion(a.questions[index], b.questions[index]);
    });
    return result;
  }

  /* Two normalised documents of this schema merged (see the top of this file). */
  function merge(a, b) {
    if (a.cleared !== b.cleared) return copy(a.cleared > b.cleared ? a : b);
    var named = (compare(a.nameAt, b.nameAt) || compare(a.name, b.name)) >= 0 ? a : b;
    var result = { app: APP, schema: SCHEMA, updated: a.updated > b.updated ? a.updated : b.updated,
                   cleared: a.cleared, name: named.name, nameAt: named.nameAt, sets: {} };
    Object.keys(a.sets).concat(Object.keys(b.sets)).sort().forEach(function (key) {
      if (!result.sets[key]) result.sets[key] = mergedSet(a.sets[key], b.sets[key]);
    });
    return result;
  }

  /* `doc` (from another computer: an imported file) added to `mine`: its records merged in,
   * its own clearing time ignored (the file is what the learner wants to add), and no time in
   * it later than `now` (another computer's clock may be ahead; a time in the future would
   * win every later merge). */
  function added(mine, doc, now) {
    var theirs = copy(doc);
    theirs.cleared = mine.cleared;
    theirs.nameAt = Math.min(theirs.nameAt, now);
    Object.keys(theirs.sets).forEach(function (key) {
      var set = theirs.sets[key];
      set.currentAt = Math.min(set.currentAt, now);
      Object.keys(set.questions).forEach(function (index) {
        set.questions[index].at = Math.min(set.questions[index].at, now);
      });
    });
    return merge(mine, theirs);
  }

  /* Same progress? (The time of saving aside: it says when, not what.) */
  function same(a, b) {
    var x = copy(a), y = copy(b);
    x.updated = y.updated = "";
    return JSON.stringify(x) === JSON.stringify(y);
  }

  // --- reading a document (the course home, the teacher page) --------------------------------
  /* Correct and attempted questions of one set (attempted: at least one valid attempt or correct). */
  function setCounts(doc, key, size) {
    var set = doc.sets[key];
    var result = { correct: 0, attempted: 0, size: size };
    if (!set) return result;
    for (var i = 0; i < size; i++) {
      var q = set.questions[String(i)];
      if (!q) continue;
      if (q.correct) result.correct++;
      if (q.correct || q.attempts > 0) result.attempted++;
    }
    return result;
  }

  /* A text the learner typed as their name, made storable: no control characters, no space at
   * either end, at most LIMITS.name characters. */
  function cleanName(text) {
    return String(text || "").replace(new RegExp(CONTROL.source, "g"), " ").replace(/\s+/g, " ").trim().slice(0, LIMITS.name).trim();
  }

  return {
    APP: APP, SCHEMA: SCHEMA, LIMITS: LIMITS,
    empty: empty, problemWith: problemWith, normalised: normalised, upgrade: upgrade, parse: parse,
    merge: merge, added: added, same: same, setCounts: setCounts, cleanName: cleanName, copy: copy,
    megabytes: megabytes
  };
});
