// Unit tests of the progress document (site/assets/progress-data.js) and of the store
// (site/assets/progress.js) under Node: several "tabs", each progress.js in its own context
// over one storage, with storage events delivered late, out of order or never.
//
//   node --test tests/assets/progress.test.cjs      (tests/assets/test_progress_js.py runs it)
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ASSETS = path.join(__dirname, "../../site/assets");
const DATA_SOURCE = fs.readFileSync(path.join(ASSETS, "progress-data.js"), "utf8");
const STORE_SOURCE = fs.readFileSync(path.join(ASSETS, "progress.js"), "utf8");
const factory = require(path.join(ASSETS, "progress-data.js"));
const core = factory({});
const KEY = "mvcalc.progress";

// --- a seeded random source, so a failure can be replayed ------------------------------------
function random(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[next.int(list.length)];
  return next;
}

function randomDoc(rand, cleared) {
  const doc = { app: "mvcalc", schema: 1, updated: "2026-01-0" + (1 + rand.int(9)) + "T00:00:00.000Z",
                cleared: cleared, name: rand.pick(["", "Ada", "Grace"]), nameAt: rand.int(4), sets: {} };
  for (const key of ["m1-a/s1", "m1-a/s2", "m2-b/s1"]) {
    if (rand() < 0.3) continue;
    const set = doc.sets[key] = { current: rand.int(4), currentAt: rand.int(4), questions: {} };
    for (let i = 0; i < 4; i++) {
      if (rand() < 0.4) continue;
      set.questions[String(i)] = { correct: rand() < 0.5, attempts: rand.int(4), variant: rand.int(3),
                                   answer: rand.pick(["", "x", "2*x", "y"]), at: rand.int(5) };
    }
  }
  return core.normalised(doc);
}

const text = (doc) => JSON.stringify(doc);

// --- the merge --------------------------------------------------------------------------------
test("merge is commutative, associative and idempotent (random documents, small times so ties happen)", () => {
  const rand = random(12345);
  for (let round = 0; round < 3000; round++) {
    const cleared = () => rand.pick([0, 0, 0, 7]);
    const a = randomDoc(rand, cleared()), b = randomDoc(rand, cleared()), c = randomDoc(rand, cleared());
    assert.equal(text(core.merge(a, b)), text(core.merge(b, a)), "commutative");
    assert.equal(text(core.merge(core.merge(a, b), c)), text(core.merge(a, core.merge(b, c))), "associative");
    assert.equal(text(core.merge(a, a)), text(a), "idempotent");
    assert.equal(core.problemWith(core.merge(a, b)), "", "the merge of valid documents is valid");
  }
});

test("merge keeps what either copy knew: correct in either, the larger attempts, the most recent answer", () => {
  const rand = random(99);
  for (let round = 0; round < 2000; round++) {
    const a = randomDoc(rand, 0), b = randomDoc(rand, 0);
    const m = core.merge(a, b);
    for (const doc of [a, b]) {
      for (const [key, set] of Object.entries(doc.sets)) {
        for (const [index, q] of Object.entries(set.questions)) {
          const merged = m.sets[key].questions[index];
          if (q.correct) assert.equal(merged.correct, true);
          assert.ok(merged.attempts >= q.attempts);
          assert.ok(merged.at >= q.at);
          const other = (doc === a ? b : a).sets[key];
          const theirs = other && other.questions[index];
          if (!theirs || q.at > theirs.at) {
            assert.equal(merged.answer, q.answer);
            assert.equal(merged.variant, q.variant);
          }
        }
      }
    }
  }
});

test("a question answered in one copy and typed in another", () => {
  const base = core.empty();
  const a = core.normalised({ ...base, sets: { "m1-a/s1": { questions: {
    "0": { correct: true, attempts: 2, variant: 1, answer: "2*x", at: 100 } } } } });
  const b = core.normalised({ ...base, sets: { "m1-a/s1": { current: 3, currentAt: 150, questions: {
    "0": { correct: false, attempts: 5, variant: 1, answer: "2*x + ", at: 200 },
    "1": { correct: false, attempts: 1, variant: 0, answer: "y", at: 120 } } } } });
  const m = core.merge(a, b);
  assert.deepEqual(m.sets["m1-a/s1"].questions["0"], { correct: true, attempts: 5, variant: 1, answer: "2*x + ", at: 200 });
  assert.deepEqual(m.sets["m1-a/s1"].questions["1"], b.sets["m1-a/s1"].questions["1"]);
  assert.equal(m.sets["m1-a/s1"].current, 3);
});

test("a later clear wins whole; the name is the most recent", () => {
  const old = core.normalised({ ...core.empty(), name: "Ada", nameAt: 5, sets: { "m1-a/s1": { questions: { "0": { correct: true } } } } });
  const cleared = core.empty(50);
  assert.equal(text(core.merge(old, cleared)), text(cleared));
  const renamed = core.normalised({ ...core.empty(), name: "Ada Lovelace", nameAt: 9, sets: {} });
  assert.equal(core.merge(old, renamed).name, "Ada Lovelace");
  assert.equal(core.merge(old, renamed).sets["m1-a/s1"].questions["0"].correct, true);
});

test("an imported file is added whatever this copy's clearing time, and its future times are capped", () => {
  const mine = core.normalised({ ...core.empty(1000), sets: { "m1-a/s1": { questions: { "0": { correct: true, answer: "a", at: 1500 } } } } });
  const file = core.normalised({ ...core.empty(0), name: "Ada", nameAt: 10, sets: {
    "m1-a/s1": { questions: { "0": { answer: "from the future", at: 9e12 }, "1": { correct: true, at: 3 } } } } });
  const m = core.added(mine, file, 2000);
  assert.equal(m.cleared, 1000);
  assert.equal(m.name, "Ada");
  assert.equal(m.sets["m1-a/s1"].questions["1"].correct, true);
  assert.equal(m.sets["m1-a/s1"].questions["0"].at, 2000, "no time later than now");
  assert.equal(m.sets["m1-a/s1"].questions["0"].correct, true);
});

// --- validation -------------------------------------------------------------------------------
function fileWith(question, extra) {
  return JSON.stringify(Object.assign({ app: "mvcalc", schema: 1, sets: { "m1-what-is-calculus/differentiate": {
    current: 0, questions: { "0": question } } } }, extra || {}));
}

test("valid files, old and new, are read", () => {
  const old = core.parse(JSON.stringify({ app: "mvcalc", schema: 1, updated: "2026-01-01T00:00:00Z", sets: {
    "m1-what-is-calculus/chain-rule": { current: 3, questions: { "1": { correct: false, attempts: 5, variant: 2, answer: "wrong" } } } } }));
  assert.equal(old.problem, undefined);
  assert.deepEqual(old.doc.sets["m1-what-is-calculus/chain-rule"].questions["1"],
                   { correct: false, attempts: 5, variant: 2, answer: "wrong", at: 0 });
  assert.equal(core.parse(fileWith({ variant: Number.MAX_SAFE_INTEGER, attempts: 1000000, answer: "x".repeat(10000) }, { name: "Zoë O'Neil" })).problem, undefined);
});

test("out-of-range and foreign files are refused, each with its reason", () => {
  const cases = [
    [fileWith({ variant: 2 ** 53 }), /variant that is not a whole number from 0 to 9007199254740991/],
    [fileWith({ variant: -1 }), /variant/],
    [fileWith({ variant: 1.5 }), /variant/],
    [fileWith({ variant: "3" }), /variant/],
    [fileWith({ attempts: 1000001 }), /attempt count/],
    [fileWith({ attempts: -3 }), /attempt count/],
    [fileWith({ answer: "x".repeat(10001) }), /answer that is not text of at most 10000 characters/],
    [fileWith({ answer: 7 }), /answer/],
    [fileWith({ correct: "yes" }), /correct/],
    [fileWith({ at: -1 }), /time/],
    [fileWith({}, { name: "x".repeat(101) }), /name is not text of at most 100 characters/],
    [fileWith({}, { name: "Ada\u0000" }), /control characters/],
    [fileWith({}, { name: 7 }), /name/],
    [JSON.stringify({ app: "mvcalc", schema: 1, sets: { "M1/Set": { questions: {} } } }), /is not an exercise set/],
    ['{"app": "mvcalc", "schema": 1, "sets": {"__proto__": {"questions": {}}}}', /is not an exercise set/],
    [JSON.stringify({ app: "mvcalc", schema: 1, sets: { "m1/s": { questions: { "01": {} } } } }), /not a question number/],
    [JSON.stringify({ app: "mvcalc", schema: 1, sets: { "m1/s": { questions: { "1000": {} } } } }), /not a question number/],
    [JSON.stringify({ app: "mvcalc", schema: 1, sets: { "m1/s": { current: 5000, questions: {} } } }), /current question/],
    [JSON.stringify({ app: "mvcalc", schema: 1, sets: [] }), /no exercise sets/],
    [JSON.stringify({ app: "other", schema: 1, sets: {} }), /not progress from this course/],
    [JSON.stringify({ app: "mvcalc", schema: 99, sets: {} }), /newer version of the course \(schema 99/],
    [JSON.stringify({ app: "mvcalc", schema: "1", sets: {} }), /no valid format number/],
    [JSON.stringify([1, 2]), /not a progress document/],
    ["{not json", /not valid JSON/],
    [" ".repeat(1000001), /larger than 1 MB/],
  ];
  for (const [file, reason] of cases) {
    const read = core.parse(file, core.LIMITS.fileBytes);
    assert.equal(read.doc, undefined, file.slice(0, 120));
    assert.match(read.problem, reason, file.slice(0, 120));
  }
});

test("a schema-1 document read by a build with a (made-up) migration to schema 2 keeps everything", () => {
  const v2 = factory({ migrations: { 1: (doc) => { doc.migratedFrom = 1; return doc; } } });
  assert.equal(v2.SCHEMA, 2);
  const one = { app: "mvcalc", schema: 1, updated: "2026-01-01T00:00:00Z", name: "Ada", nameAt: 4, sets: {
    "m1-a/s1": { current: 2, currentAt: 3, questions: { "0": { correct: true, attempts: 3, variant: 7, answer: "2*x", at: 9 } } } } };
  const read = v2.parse(JSON.stringify(one));
  assert.equal(read.problem, undefined);
  assert.equal(read.doc.schema, 2);
  const expected = core.normalised(one);
  expected.schema = 2;
  assert.deepEqual(read.doc, expected);
  assert.match(core.parse(JSON.stringify(read.doc)).problem, /newer version/, "and schema 1 does not read schema 2");
  const broken = factory({ migrations: { 1: () => { throw new Error("boom"); } } });
  assert.match(broken.parse(JSON.stringify(one)).problem, /could not be brought up to date from schema 1 \(boom\)/);
});

// --- the store, in several tabs ---------------------------------------------------------------
/* The browser: one storage (`shared` true: every tab reads it at once, as Firefox and one
 * Chromium process do) or a copy per tab updated late (as Chromium's tabs in other processes).
 * Storage events are held until `deliver`; `mode` "drop" loses them. */
class Browser {
  constructor(rand, { shared = true, mode = "deliver" } = {}) {
    this.rand = rand; this.shared = shared; this.mode = mode;
    this.master = new Map();
    this.clock = 1_700_000_000_000;
    this.tabs = [];
    this.pending = [];          // {tab, key, value, event}: a change on its way to a tab
    this.timers = new Map();    // id -> {tab, fn}: what the tabs asked to do a moment later
    this.nextTimer = 1;
  }

  storageFor(tab) {
    const browser = this;
    const cache = new Map(this.master);
    return {
      get length() { return (browser.shared ? browser.master : cache).size; },
      key(i) { return [...(browser.shared ? browser.master : cache).keys()][i] ?? null; },
      getItem(key) { const map = browser.shared ? browser.master : cache; return map.has(key) ? map.get(key) : null; },
      setItem(key, value) { browser.write(tab, cache, key, String(value)); },
      removeItem(key) { browser.write(tab, cache, key, null); },
      cache,
    };
  }

  write(tab, cache, key, value) {
    if (value === null) cache.delete(key); else cache.set(key, value);
    if (this.shared) {
      if (value === null) this.master.delete(key); else this.master.set(key, value);
    } else {
      this.pending.push({ tab: null, from: tab, key, value });       // on its way to the browser
    }
    if (this.shared) this.broadcast(tab, key, value);
  }

  broadcast(from, key, value) {
    for (const tab of this.tabs) {
      if (tab !== from && !tab.closed) this.pending.push({ tab, key, value, event: this.mode !== "drop" });
    }
  }

  /* One change on its way, picked at random, arrives. */
  deliverOne() {
    if (!this.pending.length) return false;
    // the browser applies one tab's writes in its order: pick among the first of each sender
    const i = this.rand.int(this.pending.length);
    let item = this.pending[i];
    if (item.tab === null) item = this.pending.find((p) => p.tab === null && p.from === item.from);
    else item = this.pending.find((p) => p.tab === item.tab);        // each tab hears in order
    this.pending.splice(this.pending.indexOf(item), 1);
    if (item.tab === null) {                                          // reaches the browser
      if (item.value === null) this.master.delete(item.key); else this.master.set(item.key, item.value);
      this.broadcast(item.from, item.key, item.value);
      return true;
    }
    const tab = item.tab;
    if (tab.closed) return true;
    if (!this.shared) {
      if (item.value === null) tab.storage.cache.delete(item.key); else tab.storage.cache.set(item.key, item.value);
    }
    if (item.event) tab.fire("storage", { key: item.key, newValue: item.value });
    return true;
  }

  /* Time passes: every change on its way arrives (in random order), then the tabs' timers
   * (set for a moment later) fire, until nothing more happens. */
  settle() {
    for (;;) {
      while (this.deliverOne()) { /* until nothing is on its way */ }
      if (!this.timers.size) return;
      const [id, timer] = this.rand.pick([...this.timers]);
      this.timers.delete(id);
      if (!timer.tab.closed) timer.fn();
    }
  }

  tick() { this.clock += 1 + this.rand.int(2); }

  open() {
    const tab = new Tab(this);
    this.tabs.push(tab);
    return tab;
  }
}

class Tab {
  constructor(browser) {
    this.browser = browser;
    this.listeners = {};
    this.storage = browser.storageFor(this);
    const context = {
      console: { warn() {}, log() {}, error: console.error },
      CustomEvent: class { constructor(type) { this.type = type; } },
      document: { readyState: "loading", body: null, getElementById: () => null,   // no page: DOMContentLoaded never comes
                  querySelector: () => null, querySelectorAll: () => [], addEventListener() {} },
      addEventListener: (type, fn) => { (this.listeners[type] = this.listeners[type] || []).push(fn); },
      dispatchEvent: () => true,
      setTimeout: (fn) => { const id = browser.nextTimer++; browser.timers.set(id, { tab: this, fn }); return id; },
      clearTimeout: (id) => { browser.timers.delete(id); },
    };
    Object.defineProperty(context, "localStorage", { get: () => this.storage });
    context.self = context.window = context;
    vm.createContext(context);
    vm.runInContext(`Date.now = () => clock(); const RealDate = Date;
      Date = class extends RealDate { constructor(...a) { super(...(a.length ? a : [clock()])); } static now() { return clock(); } };`,
      Object.assign(context, { clock: () => browser.clock }));
    vm.runInContext(DATA_SOURCE, context, { filename: "progress-data.js" });
    vm.runInContext(STORE_SOURCE, context, { filename: "progress.js" });
    this.store = context.mvcalcProgress;
  }

  fire(type, event) { for (const fn of this.listeners[type] || []) fn(event); }
  close() { this.closed = true; }
}

const SETS = [["m1-what-is-calculus", "differentiate"], ["m1-what-is-calculus", "toolbox"], ["m2-multivariate-calculus", "calculating-jacobian"]];

/* Tabs doing things in a random interleaving, changes arriving in random order; then every tab
 * is closed, a new one reads the storage, and must hold every tab's work. `sameQuestions`: the
 * tabs may also type into the same questions (then the most recent answer must win). */
function scenario(seed, { tabs = 2, steps = 40, shared = true, mode = "deliver", sameQuestions = false } = {}) {
  const rand = random(seed);
  const browser = new Browser(rand, { shared, mode });
  const open = Array.from({ length: tabs }, () => browser.open());
  const expected = new Map();          // "set/index" -> {correct, attempts, answer, variant}
  const current = new Map();
  for (let step = 0; step < steps; step++) {
    while (rand() < 0.5 && browser.deliverOne()) { /* some changes arrive now, some later */ }
    if (rand() < 0.1) browser.settle();                      // a pause: everything arrives
    browser.tick();
    const t = rand.int(tabs);
    const tab = open[t];
    const [module, set] = rand.pick(SETS);
    const index = sameQuestions ? rand.int(3) : 3 * t + rand.int(3);   // else each tab its own questions
    const key = `${module}/${set}/${index}`;
    const was = expected.get(key) || { correct: false, attempts: 0, answer: "", variant: 0 };
    const op = rand.int(4);
    if (op === 0) {
      const correct = rand() < 0.5;
      tab.store.recordCheck(module, set, index, { valid: true, correct, answer: `check ${step}` });
      expected.set(key, { ...was, correct: was.correct || correct, attempts: was.attempts + 1, answer: `check ${step}` });
    } else if (op === 1) {
      tab.store.saveAnswer(module, set, index, `typed ${step}`);
      expected.set(key, { ...was, answer: `typed ${step}` });
    } else if (op === 2) {
      const variant = tab.store.question(module, set, index).variant + 1;
      tab.store.setVariant(module, set, index, variant);
      expected.set(key, { ...was, variant, answer: "" });
    } else {
      tab.store.setCurrent(module, set, index);
      current.set(`${module}/${set}`, index);
    }
  }
  browser.settle();
  for (const tab of open) tab.close();
  const after = browser.open();
  const doc = JSON.parse(after.store.exportText());
  for (const [key, want] of expected) {
    const [module, set, index] = key.split("/");
    const got = doc.sets[`${module}/${set}`].questions[index];
    const where = `seed ${seed}, ${key}: ${JSON.stringify(got)} for ${JSON.stringify(want)}`;
    assert.equal(got.correct, want.correct, where);
    assert.equal(got.answer, want.answer, where);
    if (!sameQuestions) {
      assert.equal(got.attempts, want.attempts, where);
      assert.equal(got.variant, want.variant, where);
    } else {
      assert.ok(got.attempts >= 1 || want.attempts === 0, where);
    }
  }
  for (const [key, index] of current) assert.equal(doc.sets[key].current, index, `seed ${seed}, current of ${key}`);
  return doc;
}

test("two and three tabs on one storage: storage events on time, late, out of order or lost", () => {
  for (const mode of ["deliver", "drop"]) {
    for (let seed = 1; seed <= 60; seed++) scenario(seed, { tabs: 2 + (seed % 2), mode });
  }
});

test("the same questions typed in two tabs: the most recent answer wins, correct stays correct", () => {
  for (const mode of ["deliver", "drop"]) {
    for (let seed = 1; seed <= 60; seed++) scenario(seed, { tabs: 2, mode, sameQuestions: true });
  }
});

test("tabs whose storage copies are updated late (other processes): what a write missed is stored again", () => {
  for (const mode of ["deliver", "drop"]) {
    for (let seed = 1; seed <= 40; seed++) scenario(seed, { tabs: 2 + (seed % 2), shared: false, steps: 30, mode });
  }
});

test("a clear in one tab is not undone by another tab's older copy", () => {
  const browser = new Browser(random(5), { mode: "drop" });
  const a = browser.open(), b = browser.open();
  a.store.recordCheck("m1-what-is-calculus", "differentiate", 0, { valid: true, correct: true, answer: "2*x" });
  browser.tick();
  b.store.recordCheck("m1-what-is-calculus", "differentiate", 1, { valid: true, correct: true, answer: "3" });
  browser.tick();
  a.store.clear();                                   // b never hears of it (events dropped)
  browser.tick();
  b.store.recordCheck("m1-what-is-calculus", "toolbox", 0, { valid: true, correct: true, answer: "cos(x)" });
  const doc = JSON.parse(browser.open().store.exportText());
  assert.deepEqual(Object.keys(doc.sets), ["m1-what-is-calculus/toolbox"], "only what was done after the clear");
});

test("an import that does not fit in storage changes nothing", () => {
  const browser = new Browser(random(8));
  const tab = browser.open();
  tab.store.recordCheck("m1-what-is-calculus", "differentiate", 0, { valid: true, correct: true, answer: "2*x" });
  const before = browser.master.get(KEY);
  const file = JSON.stringify({ app: "mvcalc", schema: 1, sets: { "m1-what-is-calculus/toolbox": { questions: {
    "0": { correct: true, attempts: 1, answer: "y".repeat(5000) } } } } });
  const setItem = tab.storage.setItem;
  tab.storage.setItem = (key, value) => {
    if (value.length > 3000) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
    return setItem(key, value);
  };
  const result = tab.store.importText(file);
  assert.equal(result.ok, false);
  assert.match(result.message, /not fit in this browser's storage.*unchanged/);
  assert.equal(browser.master.get(KEY), before);
  assert.equal(tab.store.exportText(), JSON.stringify(JSON.parse(before), null, 2));
  tab.storage.setItem = setItem;
  assert.equal(tab.store.importText(file).ok, true, "with room, the same file is imported");
});

test("a variant past 2^53 from Python (a BigInt) or out of range is not stored as such", () => {
  const browser = new Browser(random(3));
  const tab = browser.open();
  tab.store.setVariant("m1-what-is-calculus", "differentiate", 0, 2n ** 60n);
  tab.store.setVariant("m1-what-is-calculus", "differentiate", 1, 41n);
  tab.store.setVariant("m1-what-is-calculus", "differentiate", 2, -4);
  const doc = JSON.parse(browser.master.get(KEY));
  assert.equal(core.problemWith(doc), "");
  assert.deepEqual(["0", "1", "2"].map((i) => doc.sets["m1-what-is-calculus/differentiate"].questions[i].variant), [0, 41, 0]);
});
