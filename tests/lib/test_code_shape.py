"""No function or method longer than 80 lines, in the package (migrations aside) and in tools/.

A function's length is ``end_lineno - lineno + 1``: from its ``def`` line to its last line,
decorators not counted. A longer one is split into well-named parts (issue #21).
"""

import ast
from pathlib import Path

import pytest

import frontlijn

MAX_LINES = 80
PACKAGE = Path(frontlijn.__file__).parent
TOOLS = Path(__file__).resolve().parents[2] / "tools"


def _long_functions(root: Path) -> list[str]:
    """``file:line:name:length`` of every function or method under ``root`` over MAX_LINES."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_LINES:
                    found.append(f"{path.relative_to(root.parent)}:{node.lineno}:{node.name}:{length}")
    return found


@pytest.mark.parametrize("root", [PACKAGE, TOOLS], ids=["src/frontlijn", "tools"])
def test_no_function_is_longer_than_80_lines(root):
    assert root.is_dir()
    long = _long_functions(root)
    assert not long, f"functions over {MAX_LINES} lines (split them):\n" + "\n".join(long)


def test_a_long_function_is_found(tmp_path):
    """The check itself: a method of 81 lines is reported, one of 80 lines and its decorators are not."""
    body = "\n".join(f"        x{i} = {i}" for i in range(79))
    (tmp_path / "shapes.py").write_text(
        "class Shape:\n"
        "    @staticmethod\n"
        "    @staticmethod\n"
        f"    def fits():\n{body}\n\n"
        f"    def too_long(self):\n{body}\n        x = 79\n",
        encoding="utf-8",
    )
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "0001_initial.py").write_text(
        f"class Migration:\n    def operations(self):\n{body}\n        x = 79\n"
    )
    assert _long_functions(tmp_path) == [f"{tmp_path.name}/shapes.py:85:too_long:81"]
