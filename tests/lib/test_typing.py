"""Every parameter named ``user`` in the product says what it is (issue 21): the type checker then
checks each use of it (``make check-types``)."""

from __future__ import annotations

import ast
import re
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


def test_every_type_suppression_names_its_error_and_says_why():
    """A `# type: ignore` stays local: one error code on one line, and a reason after it."""
    pattern = re.compile(r"# type: ?ignore(?P<code>\[[a-z-]+(, ?[a-z-]+)*\])?(?P<reason>\s+#\s*\S.*)?$")
    found, bare = 0, []
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if (match := pattern.search(line)) is not None:
                found += 1
                if not match["code"] or not match["reason"]:
                    bare.append(f"{path.relative_to(SRC.parent)}:{number}")
    assert bare == []
    assert found > 0  # the pattern finds the suppressions there are (make check-types counts them)
