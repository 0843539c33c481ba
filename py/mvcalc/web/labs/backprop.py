"""The backpropagation lab (Module 3): the learner's Jacobians are checked and the network trained
in the checker worker (mvcalc.labs.backprop), a slice of steps per request, so the page only draws
and never blocks; the heart figure shows the network's curve and its cost."""
from __future__ import annotations

from functools import partial

from ..dom import by_id, on
from ..lab_kit import Running, ask, button, checklist, code_area, ready, spawn, starter_button

STEPS_PER_REQUEST = 100      # training steps per worker request (about 0.1 s there)
MAX_STEPS = 6000             # training stops here (the heart is drawn well before)


class BackpropLab:
    """The lab's controls: check the code, train (or pause), a new network, the reference option."""

    def __init__(self, figure):
        self.figure, self.seed, self.state, self.costs, self.passed_code = figure, 2, None, [], None
        self.message, self.results, self.source, self.reference = (
            by_id(name) for name in ("bp-message", "bp-results", "bp-source", "bp-reference"))
        self.ask = partial(ask, "backprop", limit_ms=30_000, say=self.message)
        self.editor = code_area("bp-code", "bp", self.check, lambda _text: self.show_source())
        starter_button("bp-restore", self.editor, then=self.show_source)     # the page holds the starter code
        button("bp-check", self.check)
        button("bp-reset", lambda: self.reset(True))
        self.run = Running(button("bp-train", self.toggle), idle="Train")
        on(self.reference, "change", lambda _event: self.show_source())
        ready("bp-message")
        self.show_source()
        spawn(self.reset())

    async def check(self) -> None:
        source, self.results.textContent = self.editor.value(), ""
        reply = await self.ask({"action": "check", "code": source}, failed="The check could not run",
                               waiting="Checking your Jacobians against finite differences…")
        if reply is not None:
            self.message.textContent = reply["message"]
            checklist(self.results, reply["results"], line=lambda r: f"{'✓' if r['passed'] else '✗'} {r['message']}")
            self.passed_code = source if reply["ok"] else None
            self.show_source()

    def show_source(self) -> None:     # passed_code: the code whose Jacobians last passed the check
        self.source.textContent = (
            "the reference Jacobians (the course's, not yours)" if self.reference.checked else
            "your Jacobians (all six passed the check)" if self.passed_code == self.editor.value() else
            "your Jacobians (check them first)")

    async def reset(self, new: bool = False) -> None:
        self.run.stop()
        self.seed += int(new)
        reply = await self.ask({"action": "start", "seed": self.seed}, failed="The lab could not start")
        if reply is not None:
            self.state, self.costs = reply["state"], [reply["cost"]]
            self.figure.scene.set_state(reply["curve"], self.costs)
            self.figure.redraw(full=True)

    def toggle(self):
        use_reference, code = bool(self.reference.checked), self.editor.value()
        if self.run.on:
            return self.run.stop()
        if use_reference or self.passed_code == code:     # (no state yet: the lab starts a fresh network)
            return self.train(self.run.start(), {"reference": True} if use_reference else {"code": code})
        self.message.textContent = self.message.getAttribute("data-check-first")

    async def train(self, ticket: int, source: dict) -> None:
        request = lambda: self.ask({"action": "train", "state": self.state, "steps": STEPS_PER_REQUEST,  # noqa: E731
                                    **source}, failed="Training stopped")
        async for reply in self.run.replies(ticket, request):
            if not reply["ok"]:
                self.message.textContent = f"Training stopped: {reply['message']}"
                break
            self.state, self.costs = reply["state"], self.costs + reply["costs"]
            self.figure.redraw(full=bool(self.figure.scene.set_state(reply["curve"], self.costs)))
            if len(self.costs) > MAX_STEPS:
                self.message.textContent = (f"Trained for {MAX_STEPS} steps: the cost fell from "
                                            f"{self.costs[0]:.4f} to {self.costs[-1]:.5f}.")
                break
        if ticket == self.run.ticket:
            self.run.stop()
