"""Module 3: The multivariate chain rule and neural networks. Every lesson's live figure,
and the backpropagation lab: the learner's Jacobians are checked and the network trained
in the checker worker (mvcalc.labs.backprop), a slice of steps per request, so the page
only draws and never blocks."""
from __future__ import annotations

from ...figures.network import BackpropScene, HeartScene, NetworkScene
from ...figures.neuron import CostScene, NeuronScene, SigmoidScene
from ...figures.path_chain import PathChainScene
from ..dom import by_id, element, on, window
from ..live_figure import mount

STEPS_PER_REQUEST = 100      # training steps per worker request (about 0.1 s there)
MAX_STEPS = 6000             # training stops here (the heart is drawn well before)
LAB_LIMIT_MS = 30_000


def main() -> None:
    mount("fig-chain-path", PathChainScene())
    mount("fig-neuron", NeuronScene())
    mount("fig-network", NetworkScene())
    mount("fig-cost", CostScene())
    mount("fig-sigmoid", SigmoidScene())
    mount("fig-backprop", BackpropScene())
    heart = mount("fig-heart", HeartScene())
    BackpropLab(heart).bind()


class BackpropLab:
    """The lab's controls: check the code, train (or pause), a new network, the reference option."""

    def __init__(self, figure):
        self.figure, self.scene = figure, figure.scene
        self.code = by_id("bp-code")
        self.starter = str(self.code.value)          # the page holds the starter code
        self.message, self.results = by_id("bp-message"), by_id("bp-results")
        self.train_button, self.reference = by_id("bp-train"), by_id("bp-reference")
        self.source = by_id("bp-source")
        self.passed_code: str | None = None          # the code whose Jacobians last passed the check
        self.state = None
        self.costs: list[float] = []
        self.running = False
        self.generation = 0                          # bumped by a reset, so an old loop stops
        self.seed = 2

    def bind(self) -> None:
        from ..exercises import spawn
        from ..widgets.code_editor import CodeEditor
        editor = CodeEditor({}, "bp", lambda: spawn(self.check()), lambda _text: self.show_source())
        editor.area = self.code                      # Tab indents, Escape then Tab leaves, Ctrl+Enter checks
        on(self.code, "keydown", editor._keydown)
        on(self.code, "input", lambda _event: self.show_source())
        on(by_id("bp-check"), "click", lambda _event: spawn(self.check()))
        on(by_id("bp-restore"), "click", lambda _event: self.restore())
        on(self.train_button, "click", lambda _event: self.toggle(spawn))
        on(by_id("bp-reset"), "click", lambda _event: spawn(self.reset(new=True)))
        on(self.reference, "change", lambda _event: self.show_source())
        self.message.textContent = ("Press \"Check my Jacobians\" to compare each of your functions with finite "
                                    "differences of the cost on three random networks.")
        self.show_source()
        spawn(self.reset())

    # --- checking ----------------------------------------------------------------------
    async def check(self) -> None:
        from ..checker import CheckerError, lab
        source = str(self.code.value)
        self.message.textContent = "Checking your Jacobians against finite differences…"
        self.results.textContent = ""
        try:
            reply = await lab("backprop", {"action": "check", "code": source}, LAB_LIMIT_MS)
        except CheckerError as error:
            self.message.textContent = f"The check could not run: {error}"
            return
        self.message.textContent = reply["message"]
        for row in reply["results"]:
            mark = "✓" if row["passed"] else "✗"
            item = element("li", text=f"{mark} {row['message']}", parent=self.results)
            item.className = "bp-pass" if row["passed"] else "bp-fail"
        self.passed_code = source if reply["ok"] else None
        self.show_source()

    def restore(self) -> None:
        if str(self.code.value) != self.starter and not window.confirm("Replace your code with the starter code?"):
            return
        self.code.value = self.starter
        self.show_source()

    def show_source(self) -> None:
        if self.reference.checked:
            text = "the reference Jacobians (the course's, not yours)"
        elif self.passed_code is not None and self.passed_code == str(self.code.value):
            text = "your Jacobians (all six passed the check)"
        else:
            text = "your Jacobians (check them first)"
        self.source.textContent = text

    # --- training ------------------------------------------------------------------------
    async def reset(self, new: bool = False) -> None:
        from ..checker import CheckerError, lab
        self.generation += 1
        self.running = False
        self.train_button.textContent = "Train"
        if new:
            self.seed += 1
        try:
            reply = await lab("backprop", {"action": "start", "seed": self.seed}, LAB_LIMIT_MS)
        except CheckerError as error:
            self.message.textContent = f"The lab could not start: {error}"
            return
        self.state = reply["state"]
        self.costs = [reply["cost"]]
        self.draw(reply["curve"], full=True)

    def draw(self, curve, full: bool = False) -> None:
        full = bool(self.scene.set_state(curve, self.costs)) or full
        self.figure.redraw(full=full)

    def toggle(self, spawn) -> None:
        if self.running:
            self.running = False
            self.train_button.textContent = "Train"
            return
        use_reference = bool(self.reference.checked)
        code = str(self.code.value)
        if not use_reference and self.passed_code != code:
            self.message.textContent = ("Check your Jacobians first: training starts when all six pass. "
                                        "Or tick the reference option below the figure to watch training now.")
            return
        if self.state is None:
            self.message.textContent = "The network is still being set up: try again in a moment."
            return
        self.running = True
        self.train_button.textContent = "Pause"
        spawn(self.train(use_reference, code))

    async def train(self, use_reference: bool, code: str) -> None:
        from ..checker import CheckerError, lab
        generation = self.generation
        try:
            while self.running and generation == self.generation and len(self.costs) <= MAX_STEPS:
                payload = {"action": "train", "state": self.state, "steps": STEPS_PER_REQUEST}
                if use_reference:
                    payload["reference"] = True
                else:
                    payload["code"] = code
                try:
                    reply = await lab("backprop", payload, LAB_LIMIT_MS)
                except CheckerError as error:
                    self.message.textContent = f"Training stopped: {error}"
                    break
                if generation != self.generation:
                    return
                if not reply["ok"]:
                    self.message.textContent = f"Training stopped: {reply['message']}"
                    break
                self.state = reply["state"]
                self.costs.extend(reply["costs"])
                self.draw(reply["curve"])
            else:
                if len(self.costs) > MAX_STEPS:
                    self.message.textContent = (f"Trained for {MAX_STEPS} steps: the cost fell from "
                                                f"{self.costs[0]:.4f} to {self.costs[-1]:.5f}.")
        finally:
            if generation == self.generation:
                self.running = False
                self.train_button.textContent = "Train"
