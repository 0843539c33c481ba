"""Read learner code, refuse what is not allowed, and insert the budget's ticks and the guards.

Refused before anything runs: imports, names starting with ``__`` (``__globals__``,
``__builtins__``, and so every name the inserted code uses), attributes that reach
frames (``gi_frame``, ``f_back``: the way out to the checker's globals) or raw memory
(``ctypes``), and
``__del__`` (it would run at some later moment, outside any budget).  Classes may
define the other double-underscore methods (``__init__``, ``__eq__``).

Inserted (see :mod:`.budget` and :mod:`.guards`):

- a tick at the top of every loop body, function, ``except`` handler and ``finally``
  block, before every lambda's body and into every comprehension's conditions;
- ``a ** b``, ``a * b``, ``a << b`` (and ``**=``, ``*=``, ``<<=``) as calls of guards
  (not where a float constant, or a whole one up to 16 in a product, makes them harmless);
- ``obj.name = ...`` and ``del obj.name`` through a check that ``obj`` is the
  learner's own (so ``math.isclose = ...`` is refused, whatever ``math`` names).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from types import CodeType

FILENAME = "<your code>"
MAX_SOURCE = 100_000          # characters of learner code

TICK = "__mvcalc_tick__"
POWER = "__mvcalc_power__"
MULTIPLY = "__mvcalc_multiply__"
SHIFT = "__mvcalc_shift__"
IN_PLACE = {"**": "__mvcalc_ipower__", "*": "__mvcalc_imultiply__", "<<": "__mvcalc_ishift__"}
ATTRIBUTE = "__mvcalc_attribute__"
ATTRIBUTE_IN_PLACE = "__mvcalc_attribute_in_place__"
ITEM_IN_PLACE = "__mvcalc_item_in_place__"
SLICE = "__mvcalc_slice__"

_OPERATORS = {ast.Pow: ("**", POWER), ast.Mult: ("*", MULTIPLY), ast.LShift: ("<<", SHIFT)}
HIDDEN_ATTRIBUTES = frozenset(    # frames (the way out to the checker's globals) and raw memory
    "gi_frame gi_code gi_yieldfrom cr_frame cr_code cr_await cr_origin ag_frame ag_code ag_await "
    "tb_frame tb_next f_back f_globals f_locals f_builtins f_code f_trace ctypes".split())
NO_IMPORTS = "no imports are needed here: math and np (numpy) are already available."


@dataclass(frozen=True)
class Prepared:
    code: CodeType | None
    error: str = ""          # why the code cannot be run (invalid, not wrong)


class _Refuse(ast.NodeVisitor):
    """The first thing in the code that is not allowed, as "Line n: ..."."""

    def __init__(self) -> None:
        self.problem = ""
        self._class_body: list[bool] = [False]

    def _flag(self, node, text):
        if not self.problem:
            self.problem = f"Line {getattr(node, 'lineno', 1)}: {text}"

    def _name(self, node, name: str | None):
        if name and name.startswith("__"):
            self._flag(node, f"'{name}' is not available here.")

    def visit_Import(self, node):
        self._flag(node, NO_IMPORTS)

    visit_ImportFrom = visit_Import

    def visit_Attribute(self, node):
        if node.attr.startswith("__") or node.attr in HIDDEN_ATTRIBUTES:
            self._flag(node, f"'{node.attr}' is not available here.")
        self.generic_visit(node)

    def visit_Name(self, node):
        self._name(node, node.id)

    def _definition(self, node):
        method = self._class_body[-1]
        name = node.name
        if name == "__del__" or (name.startswith("__") and (not method or name.startswith("__mvcalc"))):
            self._flag(node, f"'{name}' is not available here.")
        self._class_body.append(isinstance(node, ast.ClassDef))
        self.generic_visit(node)
        self._class_body.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _definition

    def visit_Lambda(self, node):
        self._class_body.append(False)
        self.generic_visit(node)
        self._class_body.pop()

    def visit_arg(self, node):
        self._name(node, node.arg)

    def visit_keyword(self, node):
        self._name(node, node.arg)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        self._name(node, node.name)
        self.generic_visit(node)

    def visit_Global(self, node):
        for name in node.names:
            self._name(node, name)

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node):
        self._name(node, node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node):
        self._name(node, node.name)

    def visit_MatchMapping(self, node):
        self._name(node, node.rest)
        self.generic_visit(node)


def _call(name: str, args: list, at: ast.AST) -> ast.Call:
    return ast.copy_location(ast.Call(ast.Name(name, ast.Load()), args, []), at)


def _tick(at: ast.AST) -> ast.Expr:
    return ast.copy_location(ast.Expr(_call(TICK, [], at)), at)


def _shown(node: ast.AST) -> ast.Constant:
    text = ast.unparse(node)
    return ast.Constant(text if len(text) <= 60 else text[:57] + "...")


def _harmless(node: ast.BinOp) -> bool:
    """``0.5 * x``, ``x ** 0.5``, ``2 * h``: a float operand cannot make a repetition or a huge
    whole number, and a small whole one only a modest one (so no guard call is spent)."""
    if isinstance(node.op, ast.LShift):
        return False
    sides = [_constant(side) for side in (node.left, node.right)]
    if any(type(value) in (float, complex) for value in sides):
        return True
    return isinstance(node.op, ast.Mult) and any(type(value) is int and abs(value) <= 16 for value in sides)


def _constant(node: ast.expr):
    """The value of ``3``, ``-3`` or ``+0.5`` as written; None for anything else."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return node.value if isinstance(node, ast.Constant) else None


def _as_value(index: ast.expr) -> ast.expr:
    """A subscript's index as an ordinary expression (``a:b`` becomes a slice call)."""
    if isinstance(index, ast.Slice):
        parts = [part if part is not None else ast.Constant(None)
                 for part in (index.lower, index.upper, index.step)]
        return _call(SLICE, parts, index)
    if isinstance(index, ast.Tuple):
        return ast.copy_location(ast.Tuple([_as_value(e) for e in index.elts], ast.Load()), index)
    return index


class _Instrument(ast.NodeTransformer):
    def _ticked(self, node, field: str = "body"):
        self.generic_visit(node)
        getattr(node, field).insert(0, _tick(node))
        return node

    visit_For = visit_AsyncFor = visit_While = visit_ExceptHandler = _ticked

    def visit_FunctionDef(self, node):
        self.generic_visit(node)
        first = node.body[0]
        docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and \
            isinstance(first.value.value, str)
        node.body.insert(1 if docstring else 0, _tick(node))
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Try(self, node):
        self.generic_visit(node)
        if node.finalbody:
            node.finalbody.insert(0, _tick(node.finalbody[0]))
        return node

    visit_TryStar = visit_Try

    def visit_Lambda(self, node):
        self.generic_visit(node)
        node.body = ast.copy_location(ast.BoolOp(ast.And(), [_call(TICK, [], node), node.body]), node)
        return node

    def visit_comprehension(self, node):
        self.generic_visit(node)
        node.ifs.insert(0, _call(TICK, [], node.iter))
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        guarded = _OPERATORS.get(type(node.op))
        if guarded is None or _harmless(node):
            return node
        return _call(guarded[1], [node.left, node.right], node)

    def visit_Attribute(self, node):
        changed = isinstance(node.ctx, (ast.Store, ast.Del))
        shown = _shown(node) if changed else None
        self.generic_visit(node)
        if changed:
            node.value = _call(ATTRIBUTE, [node.value, shown], node)
        return node

    def visit_AugAssign(self, node):
        guarded = _OPERATORS.get(type(node.op))
        if guarded is None:
            return self.generic_visit(node)
        op = guarded[0]
        target = node.target
        value = self.visit(node.value)
        if isinstance(target, ast.Name):
            load = ast.copy_location(ast.Name(target.id, ast.Load()), target)
            return ast.copy_location(
                ast.Assign([target], _call(IN_PLACE[op], [load, value], node)), node)
        if isinstance(target, ast.Attribute):
            shown = _shown(target)
            obj = self.visit(target.value)
            call = _call(ATTRIBUTE_IN_PLACE, [obj, ast.Constant(target.attr), ast.Constant(op), value,
                                              shown], node)
        else:                       # a subscript
            obj = self.visit(target.value)
            index = _as_value(self.visit(target.slice))
            call = _call(ITEM_IN_PLACE, [obj, index, ast.Constant(op), value], node)
        return ast.copy_location(ast.Expr(call), node)


def prepare(source: str) -> Prepared:
    """The learner's code compiled with ticks and guards, or why it cannot run."""
    if len(source) > MAX_SOURCE:
        return Prepared(None, f"Your code is {len(source):,} characters long: keep it under "
                              f"{MAX_SOURCE:,} (no exercise here needs more).")
    try:
        tree = ast.parse(source, FILENAME)
    except SyntaxError as exc:
        where = f"Line {exc.lineno}: " if exc.lineno else ""
        return Prepared(None, f"{where}Python could not read this ({exc.msg}).")
    except (RecursionError, MemoryError, ValueError):
        return Prepared(None, "Python could not read this: it is nested too deeply.")
    try:
        refuse = _Refuse()
        refuse.visit(tree)
        if refuse.problem:
            return Prepared(None, refuse.problem)
        tree = ast.fix_missing_locations(_Instrument().visit(tree))
        return Prepared(compile(tree, FILENAME, "exec"))
    except (RecursionError, MemoryError):
        return Prepared(None, "Your code is nested too deeply to run here: split it into smaller "
                              "pieces.")
    except SyntaxError as exc:      # e.g. too many statically nested blocks
        where = f"Line {exc.lineno}: " if exc.lineno else ""
        return Prepared(None, f"{where}Python could not read this ({exc.msg}).")
