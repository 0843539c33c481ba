"""The one exercise widget every module page uses.

A page marks where a set goes with ``<div class="exercise-set" data-set="SLUG">``;
:func:`mount_all` (called by boot before the page's own ``main()``) renders each:
its title, "3 of 6 correct", a navigator over its questions (easy to hard) and
the current question with its input, Check / Hint / Show solution / New variant,
and feedback in words and a symbol. Its Seed box shows which variant is on screen and opens
another: the seed printed on a worksheet (mvcalc.questions.worksheet) gives the same numbers.

Questions come from the build's question bank and maths answers are marked right here
(:mod:`.questions`); learner code runs in the background worker (:mod:`.checker`).
Progress lives in the one store of progress.js (:mod:`.progress`).
"""
from __future__ import annotations

import asyncio

import js
from pyodide.ffi import create_proxy

from ..questions.bank import VARIANTS, variant_of
from ..questions.worksheet import SEEDS, whole_number
from . import checker, progress, questions
from .course_files import outline
from .dom import document, element, on, render_math, window
from .widgets import input_for
from .widgets.plot import draw, words

LABELS = {"correct": "Correct!", "wrong": "Not quite.", "invalid": "Couldn't read your answer.",
          "stopped": "Stopped.", "info": ""}
SYMBOLS = {"correct": "\u2713", "wrong": "\u2717", "invalid": "?", "stopped": "\u23f1", "info": "\u2026"}

_widgets: list["ExerciseSetWidget"] = []
_first_question_shown = False     # the page's first question sets the mark "mvcalc:first-question"


def sets_of(module: str) -> dict[str, dict]:
    """The module's sets from the build's course outline: slug -> {slug, title, size}."""
    return next(({s["slug"]: s for s in entry["sets"]} for entry in outline() if entry["slug"] == module), {})


def mount_all() -> list["ExerciseSetWidget"]:
    """Render every exercise set on the page."""
    module = str(document.body.dataset.page or "")
    sets = sets_of(module)
    for host in document.querySelectorAll(".exercise-set[data-set]"):
        slug = str(host.dataset.set)
        if slug not in sets:
            element("p", cls="ex-missing", parent=host,
                    text=f"This exercise set ({slug}) is not in the course yet.")
            continue
        try:
            _widgets.append(ExerciseSetWidget(host, module, sets[slug]))
        except Exception:      # one broken set never takes the page's figures down
            import traceback
            js.console.error(traceback.format_exc())
            element("p", cls="ex-missing", parent=host, text="This exercise set could not be shown.")
    if _widgets:
        window.addEventListener("mvcalc:progress-changed", _proxy_refresh)
    return _widgets


async def first_questions(widgets: list["ExerciseSetWidget"], within: float) -> None:
    """Wait until every set shows its first question, at most ``within`` seconds. The loader
    fetched the question bank while Python loaded, so this is a few short tasks: the page waits
    for them before building its figures, and a learner sees a question as soon as a figure."""
    loads = [widget.first_load for widget in widgets]
    if loads:
        await asyncio.wait(loads, timeout=within)


def _refresh_all(_event=None) -> None:
    for widget in _widgets:
        widget.refresh_progress()


_proxy_refresh = create_proxy(_refresh_all)


def spawn(coroutine) -> asyncio.Future:
    """Run an event handler's coroutine; its errors reach the console. Its task."""
    task = asyncio.ensure_future(coroutine)
    task.add_done_callback(_report)
    return task


def _report(task) -> None:
    if not task.cancelled() and task.exception() is not None:
        import traceback
        error = task.exception()
        js.console.error("".join(traceback.format_exception(error)))


class ExerciseSetWidget:
    def __init__(self, host, module: str, info: dict):
        self.host, self.module = host, module
        self.slug, self.title, self.size = info["slug"], info["title"], int(info["size"])
        self.uid = f"ex-{self.slug}"
        self.index = min(progress.current(module, self.slug), self.size - 1)
        self.view: dict | None = None
        self.question = None         # the Question on screen (from the bank)
        self.input = None
        self.hints_shown = 0
        self.busy = False
        self.generation = 0          # which load is current (a stale reply is ignored)
        self._build()
        self.refresh_progress()
        self.first_load = spawn(self.load())

    # --- the frame: title, score, navigator, actions --------------------------------
    def _build(self) -> None:
        host = self.host
        host.classList.add("ex-mounted")
        root = element("div", cls="ex-widget", parent=host)
        head = element("div", cls="ex-head", parent=root)
        if host.querySelector("h2, h3, h4") is None:
            level = str(host.getAttribute("data-heading-level") or "h3")
            element(level, cls="ex-title", text=self.title, parent=head, attrs={"id": f"{self.uid}-title"})
        self.score = element("p", cls="ex-score", parent=head)
        nav = element("nav", cls="ex-nav", parent=root, attrs={"aria-label": f"Questions: {self.title}"})
        items = element("ol", parent=nav)
        self.nav_buttons = []
        for i in range(self.size):
            button = element("button", cls="ex-nav-button", parent=element("li", parent=items),
                             attrs={"type": "button"})
            on(button, "click", lambda event, i=i: self.go(i))
            self.nav_buttons.append(button)
        on(nav, "keydown", self._nav_key)
        self.question_box = element("div", cls="ex-question", parent=root)
        self.heading = element("h4", cls="ex-qtitle", parent=self.question_box, attrs={"tabindex": "-1"})
        self.body = element("div", cls="ex-body", parent=self.question_box)
        actions = element("div", cls="ex-actions", parent=self.question_box)
        self.check_button = self._button(actions, "Check", "ex-check primary", self.check)
        self.hint_button = self._button(actions, "Hint", "ex-hint", self.hint)
        self.solution_button = self._button(actions, "Show solution", "ex-show-solution", self.toggle_solution)
        self.variant_button = self._button(actions, "New variant", "ex-new-variant", self.new_variant)
        self.solution_button.setAttribute("aria-expanded", "false")
        self.feedback = element("div", cls="ex-feedback", parent=self.question_box,
                                attrs={"role": "status", "aria-live": "polite", "aria-atomic": "true"})
        self.hints = element("ol", cls="ex-hints", parent=self.question_box, attrs={"aria-label": "Hints"})
        self.solution = element("div", cls="ex-solution", parent=self.question_box,
                                attrs={"id": f"{self.uid}-solution"})
        self.solution.hidden = True
        self.solution_button.setAttribute("aria-controls", f"{self.uid}-solution")
        seed_form = element("form", cls="ex-seed", parent=self.question_box, attrs={"novalidate": ""})
        element("label", text="Seed", parent=seed_form, attrs={"for": f"{self.uid}-seed"})
        self.seed_box = element("input", cls="ex-seed-box", parent=seed_form, attrs={
            "id": f"{self.uid}-seed", "type": "text", "inputmode": "numeric", "size": "3",
            "autocomplete": "off", "aria-describedby": f"{self.uid}-seed-note"})
        element("button", cls="ex-button ex-open-seed", text="Open", parent=seed_form, attrs={"type": "submit"})
        element("span", cls="ex-seed-note", parent=seed_form, attrs={"id": f"{self.uid}-seed-note"},
                text=f"0 to {SEEDS - 1}: type a worksheet's seed to see its numbers")
        on(seed_form, "submit", self._open_seed)

    def _nav_key(self, event) -> None:
        """Arrow keys, Home and End move between the question buttons (a roving tab stop), so a
        set of 14 questions is one stop for Tab, not 14; Enter or Space opens the question."""
        moves = {"ArrowRight": 1, "ArrowDown": 1, "ArrowLeft": -1, "ArrowUp": -1}
        focused = next((i for i, b in enumerate(self.nav_buttons) if b == document.activeElement), None)
        if focused is None or event.altKey or event.ctrlKey or event.metaKey:
            return
        if event.key in moves:
            target = (focused + moves[event.key]) % self.size
        elif event.key in ("Home", "End"):
            target = 0 if event.key == "Home" else self.size - 1
        else:
            return
        event.preventDefault()
        for i, button in enumerate(self.nav_buttons):
            button.setAttribute("tabindex", "0" if i == target else "-1")
        self.nav_buttons[target].focus()

    def _button(self, parent, text: str, cls: str, action):
        button = element("button", cls=f"ex-button {cls}", text=text, parent=parent, attrs={"type": "button"})
        on(button, "click", lambda event: action())
        return button

    def refresh_progress(self) -> None:
        correct, size = progress.summary(self.module, self.slug, self.size)
        self.score.textContent = f"{correct} of {size} correct"
        for i, button in enumerate(self.nav_buttons):
            done = progress.question(self.module, self.slug, i).get("correct", False)
            button.textContent = f"{i + 1}{' ' + SYMBOLS['correct'] if done else ''}"
            state = "correct" if done else "not yet answered correctly"
            button.setAttribute("aria-label", f"Question {i + 1} of {self.size}, {state}")
            button.classList.toggle("done", bool(done))
            if i == self.index:
                button.setAttribute("aria-current", "step")
            else:
                button.removeAttribute("aria-current")
            # one Tab stop for the whole navigator (the current question); arrows move within it
            button.setAttribute("tabindex", "0" if i == self.index else "-1")

    # --- loading a question --------------------------------------------------------
    @property
    def variant(self) -> int:
        """The learner's variant of the current question, within the bank's variants."""
        return variant_of(int(progress.question(self.module, self.slug, self.index).get("variant", 0)))

    def go(self, index: int) -> None:
        if index == self.index and self.view is not None:
            return
        self.index = index
        progress.set_current(self.module, self.slug, index)
        self.refresh_progress()
        spawn(self.load(focus=True))

    async def load(self, focus: bool = False) -> None:
        self.generation += 1
        generation = self.generation
        self.view, self.question, self.input, self.hints_shown = None, None, None, 0
        self.heading.textContent = f"Question {self.index + 1} of {self.size}"
        self.body.innerHTML = ""
        self.hints.innerHTML = ""
        self.solution.innerHTML = ""
        self.solution.hidden = True
        self.solution_button.textContent = "Show solution"
        self.solution_button.setAttribute("aria-expanded", "false")
        self.hint_button.textContent = "Hint"
        self.feedback.textContent = ""
        self.feedback.className = "ex-feedback"
        waiting = element("p", cls="ex-waiting", parent=self.body, text="Loading the question…")
        self._set_enabled(False)
        try:
            question = await questions.question(self.module, self.slug, self.index, self.variant)
        except questions.QuestionsError as error:
            if generation == self.generation:
                waiting.textContent = f"This question could not be shown: {error}"
            return
        if generation != self.generation:
            return
        self.question, self.view = question, questions.view(question, self.module)
        self.seed_box.value = str(self.variant)
        self.body.innerHTML = ""
        self._render(self.view)
        self._set_enabled(True)
        _shown_first_question()
        if focus:
            self.heading.focus()

    def _render(self, view: dict) -> None:
        prompt = element("div", cls="ex-prompt", parent=self.body)
        prompt.textContent = view["prompt"]
        render_math(prompt)
        self.input = input_for(view, self.uid, self.check, self._typed)
        if view.get("figure") and not getattr(self.input, "shows_figure", False):
            figure = element("figure", cls="ex-figure", parent=self.body)
            draw(figure, view["figure"], width=460)
            words(figure, view["figure"]["alt"])
        self.input.build(self.body)
        saved = progress.question(self.module, self.slug, self.index)
        if saved.get("answer") and int(saved.get("variant", 0)) == self.variant:
            self.input.restore(saved["answer"])
        elif hasattr(self.input, "update_preview"):
            self.input.update_preview()
        self.check_button.textContent = "Run tests" if view["kind"] == "code" else "Check"

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.check_button, self.hint_button, self.solution_button, self.variant_button):
            if enabled:
                button.removeAttribute("aria-disabled")
            else:
                button.setAttribute("aria-disabled", "true")

    def _typed(self, text: str) -> None:
        progress.save_answer(self.module, self.slug, self.index, text)

    # --- the actions ---------------------------------------------------------------
    def say(self, kind: str, text: str) -> None:
        """Feedback in words and a symbol (never colour alone), read out by screen readers."""
        self.feedback.className = f"ex-feedback {kind}"
        self.feedback.innerHTML = ""
        element("span", cls="ex-symbol", text=SYMBOLS[kind], parent=self.feedback, attrs={"aria-hidden": "true"})
        label = LABELS[kind]
        if label and not text.lower().startswith(label.rstrip(".!").lower()):
            element("strong", cls="ex-label-word", text=label + " ", parent=self.feedback)
        message = element("span", cls="ex-message", parent=self.feedback)
        message.textContent = text
        render_math(message)

    def check(self) -> None:
        if self.view is None or self.input is None or self.busy:
            return
        answer = self.input.value()
        if not answer.strip():
            self.say("invalid", getattr(self.input, "empty_message", "Type your answer first (nothing was counted)."))
            return
        if self.view["kind"] == "code":
            spawn(self._check_code(answer))
        else:                          # marked here and now, in the click's own task
            self._verdict(self.view, answer, questions.check_maths(self.question, answer))

    async def _check_code(self, answer: str) -> None:
        self.busy = True
        view = self.view
        self.say("info", "Running the tests…" if checker.state() == "ready" else
                 "Running the tests (the first run starts Python for your code, which takes a few seconds)…")
        try:
            verdict = await questions.check_code(self.module, self.question, answer)
        except checker.CheckerError as error:
            self.say("invalid", f"Your answer could not be checked: {error} Nothing was counted.")
            return
        finally:
            self.busy = False
        self._verdict(view, answer, verdict)

    def _verdict(self, view: dict, answer: str, verdict: dict) -> None:
        if view is not self.view:      # the learner moved on meanwhile
            return
        if verdict.get("stopped"):
            self.say("stopped", verdict["feedback"])
        elif not verdict["valid"]:
            self.say("invalid", verdict["feedback"] + " This did not count as an attempt.")
        elif verdict["correct"]:
            self.say("correct", verdict["feedback"])
        else:
            self.say("wrong", verdict["feedback"])
        progress.record_check(self.module, self.slug, self.index, valid=bool(verdict["valid"]),
                              correct=bool(verdict["correct"]), answer=answer)

    def hint(self) -> None:
        if self.view is None:
            return
        hints = self.view["hints"]
        if self.hints_shown >= len(hints):
            self.say("info", "There are no more hints: try Show solution.")
            return
        item = element("li", cls="ex-hint-item", parent=self.hints)
        item.textContent = hints[self.hints_shown]
        render_math(item)
        self.hints_shown += 1
        left = len(hints) - self.hints_shown
        self.hint_button.textContent = f"Another hint ({left} left)" if left else "No more hints"

    def toggle_solution(self) -> None:
        if self.view is None:
            return
        if not self.solution.hidden:
            self.solution.hidden = True
            self.solution_button.textContent = "Show solution"
            self.solution_button.setAttribute("aria-expanded", "false")
            return
        if not self.solution.hasChildNodes():
            element("h5", text="Worked solution", parent=self.solution)
            steps = element("ol", parent=self.solution)
            for step in self.view["worked"]:
                element("li", text=step, parent=steps)
            render_math(self.solution)
        self.solution.hidden = False
        self.solution_button.textContent = "Hide solution"
        self.solution_button.setAttribute("aria-expanded", "true")

    def _open_seed(self, event) -> None:
        """Show the current question in the variant typed in the Seed box (a worksheet's seed)."""
        event.preventDefault()
        seed = whole_number(self.seed_box.value)
        if seed is None or seed >= SEEDS:
            self.say("invalid", f"A seed is a whole number from 0 to {SEEDS - 1}, as printed on a worksheet.")
            return
        if self.view is not None and seed == self.variant:
            return
        progress.set_variant(self.module, self.slug, self.index, seed)
        spawn(self.load(focus=True))

    def new_variant(self) -> None:
        if self.view is None:
            return
        progress.set_variant(self.module, self.slug, self.index, (self.variant + 1) % VARIANTS)
        spawn(self.load())


def _shown_first_question() -> None:
    global _first_question_shown
    if not _first_question_shown:
        _first_question_shown = True
        window.performance.mark("mvcalc:first-question")
