"""Every parameter named ``user`` in the product says what it is (issue 21): the type checker then
checks each use of it (``make check-types``)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "frontlijn"


def unannotated_user_parameters() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                args = node.args
                for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
                    if arg.arg == "user" and arg.annotation is None and not isinstance(node, ast.Lambda):
                        found.append(f"{path.relative_to(SRC.parent)}:{node.lineno}: {node.name}")
    return found


def test_the_product_has_user_parameters():
    # The walk finds what it looks for: without any, the next test would pass on nothing.
    assert sum(1 for path in SRC.rglob("*.py") if "user:" in path.read_text(encoding="utf-8")) > 50


def test_every_user_parameter_is_annotated():
    assert unannotated_user_parameters() == []
