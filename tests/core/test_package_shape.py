"""The shipped package holds the product only: benchmarks, the load test and the classifier's seed
generation and evaluation live in tools/ (docs/decisions/0007-tooling-outside-the-package.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import setuptools

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "frontlijn"
TOOLS = ROOT / "tools"

# Top-level packages under tools/ and the test suite: the product imports none of them.
NOT_THE_PRODUCT = {p.name for p in TOOLS.iterdir() if (p / "__init__.py").exists()} | {"tests", "locust"}
TOOLING_NAMES = ("generate_seed", "dev_eval", "external_eval", "http_settings", "matrix", "pattern_data")
TOOLING_PARTS = ("bench", "loadtest")  # in any module or package name: pattern_bench, loadtest_settings


def is_tooling(name: str) -> bool:
    return name in TOOLING_NAMES or any(part in name for part in TOOLING_PARTS)


def product_modules() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "migrations" not in p.parts]


def test_tools_holds_the_tooling_packages():
    assert {"bench", "classifier"} <= NOT_THE_PRODUCT


def test_no_tooling_module_in_the_package():
    offending = [
        str(p.relative_to(ROOT))
        for p in SRC.rglob("*")
        if p.suffix in ("", ".py") and is_tooling(p.stem) and "__pycache__" not in p.parts
    ]
    assert offending == []


def test_the_product_imports_nothing_from_tools_or_tests():
    offending = []
    for path in product_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in NOT_THE_PRODUCT:
                    offending.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert offending == []


def test_what_setuptools_ships_holds_no_tooling():
    """The packages `pip install` puts in a wheel ([tool.setuptools.packages.find] where = ["src"])."""
    packages = setuptools.find_packages(where=str(ROOT / "src"))
    assert {name.split(".")[0] for name in packages} == {"frontlijn"}
    assert "frontlijn.signals.classifier" in packages
    modules = [
        f"{package}.{path.stem}"
        for package in packages
        for path in (ROOT / "src" / package.replace(".", "/")).glob("*.py")
    ]
    assert "frontlijn.signals.classifier.engine" in modules
    tooling = [name for name in packages + modules if any(is_tooling(part) for part in name.split("."))]
    assert tooling == []
