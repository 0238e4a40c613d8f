"""Textual's private names appear in `scoreboard/ui/paint/` only (its self-test guards them).

Two ways code leans on a Textual internal: a subclass of a Textual class that reads,
writes or overrides a private name its Textual bases use (`self._styles_cache`, a method
`_set_dirty`, an attribute that happens to share Textual's name); and code reaching into
another object's private Textual name (`app._driver`, `Widget._set_dirty(self)`).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from functools import cache
from pathlib import Path

import textual

import scoreboard

PACKAGE = Path(scoreboard.__file__).parent
FENCE = PACKAGE / "ui" / "paint"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _self_names(tree: ast.AST) -> set[str]:
    """Private names `self.X`/`cls.X` uses, and the private names a class body defines."""
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ("self", "cls")
        ):
            names.add(node.attr)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.add(item.name)
                elif isinstance(item, ast.Assign | ast.AnnAssign):
                    targets = item.targets if isinstance(item, ast.Assign) else [item.target]
                    names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return {name for name in names if _private(name)}


@cache
def _classes_in(module: str) -> dict[str, set[str]]:
    """Class name → the private names its body and methods use, for one Textual module."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (OSError, TypeError, KeyError):
        return {}
    return {
        node.name: _self_names(node) for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
    }


@cache
def _textual_privates_of(cls: type) -> frozenset[str]:
    """Private names a Textual class defines or uses on itself (instance attributes too)."""
    names = {name for name in vars(cls) if _private(name)}
    return frozenset(names | _classes_in(cls.__module__).get(cls.__name__, set()))


def _textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.split(".")[0] == "textual"]


@cache
def _all_textual_privates() -> frozenset[str]:
    """Every private name of the Textual modules our package imports."""
    for name, _path in _our_modules():
        importlib.import_module(name)
    names: set[str] = set()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "textual":
            continue
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == name:
                names |= _textual_privates_of(value)
    return frozenset(names)


def _our_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if FENCE in path.parents or path.name == "__main__.py":
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules.append((name, path))
    return modules


def test_no_subclass_outside_paint_touches_a_textual_private_name() -> None:
    clashes = []
    for name, path in _our_modules():
        tree = ast.parse(path.read_text())
        module = importlib.import_module(name)
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            if not isinstance(cls, type):
                continue
            textual_names: set[str] = set()
            for base in _textual_bases(cls):
                textual_names |= _textual_privates_of(base)
            for used in sorted(_self_names(node) & textual_names):
                clashes.append(f"{path.relative_to(PACKAGE.parent)}: {node.name}.{used}")
    assert clashes == [], "Textual private names outside ui/paint/ (move them behind paint/)"


def _own_names(name: str, tree: ast.AST) -> set[str]:
    """Private names our classes define that are not their Textual bases' names: ours even
    where some other Textual class has the same name (`PaintBeat._loop` is not `App._loop`)."""
    module = importlib.import_module(name)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            cls = getattr(module, node.name, None)
            bases = _textual_bases(cls) if isinstance(cls, type) else []
            names |= _self_names(node) - set().union(*map(_textual_privates_of, bases))
    return names


def _other_modules(tree: ast.AST) -> set[str]:
    """Names a file binds to modules other than Textual's (`os._exit` is not Textual's)."""
    return {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.split(".")[0] != "textual"
    }


def test_no_code_outside_paint_reaches_into_a_textual_private_name() -> None:
    ours: set[str] = set()
    trees = []
    for name, path in _our_modules():
        tree = ast.parse(path.read_text())
        ours |= _own_names(name, tree)
        trees.append((path, tree))
    foreign = _all_textual_privates() - ours
    reached = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: .{node.attr}"
        for path, tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in foreign
        and not (
            isinstance(node.value, ast.Name)
            and node.value.id in {"self", "cls", *_other_modules(tree)}
        )
    ]
    assert reached == [], "Textual private names outside ui/paint/ (move them behind paint/)"


def test_the_fence_check_sees_a_textual_private_name() -> None:
    """The checks above can fail: paint/ itself does what they forbid elsewhere."""
    from scoreboard.ui.paint.composited import SplicesContentLines

    assert "_set_dirty" in _all_textual_privates()
    tree = ast.parse(inspect.getsource(SplicesContentLines))
    textual_names = set().union(*map(_textual_privates_of, _textual_bases(textual.widget.Widget)))
    assert "_set_dirty" in _self_names(tree) & textual_names
    assert "_styles_cache" in textual_names
