"""The shape of ui/ (docs/architecture.md): owned parts, not mixins; no import circle.

What counts as a mixin here (decided for issue 23):

1. A class built on the `_Base` trick: a base bound to a Textual class under
   `TYPE_CHECKING` and to `object` at run time (`_Base = App if TYPE_CHECKING
   else object`, or the same in an `if TYPE_CHECKING:` block), so that the
   class type-checks as an App or a Widget but is none.
2. A class of ours that a Textual class (an App, Screen or Widget: any
   `DOMNode`) inherits from although it is no `DOMNode` itself: methods mixed
   in from a plain class (the `_Base` classes are plain `object` at run time).
3. A Textual class of ours with two or more bases of which one is ours: a
   second line of our own mixed in beside the Textual one.

All three are allowed only inside the fence, `scoreboard/ui/paint/`, where
speed-ups on Textual internals need them (a base from the fence counts as
Textual's). Everything else composes parts it owns.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import grimp
from textual.dom import DOMNode

import scoreboard

PACKAGE = Path(scoreboard.__file__).parent
FENCE = "scoreboard.ui.paint"


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="scoreboard."):
        if not info.name.endswith("__main__"):  # importing one runs it
            names.append(info.name)
    return names


def _ours(cls: type) -> bool:
    module = cls.__module__
    return module.startswith("scoreboard.") and not module.startswith(FENCE)


def _type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name | ast.Attribute) and "TYPE_CHECKING" in ast.unparse(test)


def _conditional_bases(tree: ast.Module) -> set[str]:
    """Names bound one way under TYPE_CHECKING and another at run time (rule 1)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node.test):
            for stmt in [*node.body, *node.orelse]:
                if isinstance(stmt, ast.Assign):
                    names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.IfExp)
            and _type_checking(node.value.test)
        ):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def base_trick_classes(source: str, where: str) -> list[str]:
    """Classes in `source` whose bases include a `_Base`-style conditional name."""
    tree = ast.parse(source)
    conditional = _conditional_bases(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
            if bases & conditional:
                found.append(f"{where}: {node.name} (the _Base trick)")
    return found


def mixed_classes(cls: type) -> list[str]:
    """Why `cls`, a class of ours outside the fence, is built from a mixin (rules 2, 3)."""
    if not issubclass(cls, DOMNode):
        return []
    found = []
    ours = [base for base in cls.__bases__ if _ours(base)]
    for base in ours:
        if not issubclass(base, DOMNode):
            found.append(f"{cls.__module__}.{cls.__qualname__}: mixes in {base.__qualname__}")
    if len(cls.__bases__) > 1 and ours and not found:
        names = ", ".join(base.__qualname__ for base in ours)
        found.append(f"{cls.__module__}.{cls.__qualname__}: a second line of ours ({names})")
    return found


def test_no_class_outside_the_fence_is_built_from_a_mixin() -> None:
    found: list[str] = []
    for name in _modules():
        if name.startswith(FENCE):
            continue
        module = importlib.import_module(name)
        path = Path(inspect.getfile(module))
        found += base_trick_classes(path.read_text(encoding="utf-8"), name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name:
                found += mixed_classes(cls)
    assert found == []


def test_the_mixin_rules_catch_each_kind() -> None:
    """The three rules above, each on a class built the way they forbid."""
    trick = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from textual.app import App
    _Base = App
else:
    _Base = object
class Looks(_Base): ...
"""
    inline = "_Base = App if TYPE_CHECKING else object\nclass Grid(_Base): ...\n"
    assert base_trick_classes(trick, "m") == ["m: Looks (the _Base trick)"]
    assert base_trick_classes(inline, "m") == ["m: Grid (the _Base trick)"]

    from textual.app import App
    from textual.widget import Widget

    plain = type("Plain", (), {"__module__": "scoreboard.ui.x"})
    widget_base = type("Card", (Widget,), {"__module__": "scoreboard.ui.y"})
    mixed = type("Mixed", (plain, App), {"__module__": "scoreboard.ui.z"})
    doubled = type("Doubled", (widget_base, Widget), {"__module__": "scoreboard.ui.z"})
    single = type("Single", (widget_base,), {"__module__": "scoreboard.ui.z"})
    assert mixed_classes(mixed) == ["scoreboard.ui.z.Mixed: mixes in Plain"]
    assert mixed_classes(doubled) == ["scoreboard.ui.z.Doubled: a second line of ours (Card)"]
    assert mixed_classes(single) == []


def test_no_module_in_ui_imports_the_app_and_ui_has_no_import_circle() -> None:
    """TYPE_CHECKING imports count: the old circle through ui/app.py hid behind them."""
    graph = grimp.build_graph("scoreboard", exclude_type_checking_imports=False)
    ui = {m for m in graph.modules if m.startswith("scoreboard.ui")}
    importers = graph.find_modules_that_directly_import("scoreboard.ui.app")
    assert sorted(importers & ui) == []
    cycles = [
        (a, b)
        for a in sorted(ui)
        for b in graph.find_modules_directly_imported_by(a)
        if b in ui and b != a and graph.chain_exists(importer=b, imported=a)
    ]
    assert cycles == []
