"""Every module the app imports lazily by name exists and holds what the name promises: a wrong name fails
here, not at a user's first click. (Modules that ship with the package are otherwise imported directly.)"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from partnerdesk.ui.views_registry import VIEWS

UI = Path(__file__).resolve().parents[2] / "partnerdesk" / "ui"


@pytest.mark.parametrize("target", [target for *_, target in VIEWS])
def test_every_view_target_imports_and_is_a_widget_taking_the_context(target: str) -> None:
    module_name, _, class_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    assert issubclass(cls, QWidget)
    parameters = list(inspect.signature(cls.__init__).parameters)
    assert parameters[1] == "context" and len(parameters) >= 3, parameters  # (self, context, parent=None)


OBJECTS = {"window", "view", "board", "parent", "context", "args", "app"}


def _names_an_object_we_know(node: ast.Call) -> bool:
    """getattr(window, "…") and the like: the window, views and context are known types; call them typed."""
    if len(node.args) < 2 or not isinstance(node.args[1], ast.Constant):
        return False
    target = node.args[0]
    if isinstance(target, ast.Call):  # getattr(view.window(), "…")
        target = target.func
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in OBJECTS or name.endswith(("window", "_view"))


def test_ui_has_no_other_lookup_by_name() -> None:
    """find_spec / import_module / getattr on a known object hide a wrong name from ruff and the type checker.
    Allowed: the views registry's lazy import (tested above) and the worker that pre-imports the first view."""
    allowed = {("main_window.py", "_load_view"), ("main_window.py", "_open_in_worker")}
    found = []
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        enclosing: dict[ast.AST, str] = {}
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    enclosing.setdefault(node, function.name) if node is not function else None
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            where = (path.name, enclosing.get(node, "<module>"))
            if name in {"find_spec", "import_module"} and where not in allowed:
                found.append(f"{path.relative_to(UI)}:{node.lineno} {name}")
            elif name == "getattr" and _names_an_object_we_know(node):
                found.append(f"{path.relative_to(UI)}:{node.lineno} getattr")
    assert sorted(set(found)) == []
