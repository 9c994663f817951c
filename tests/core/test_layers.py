"""Templates are not shared between apps: an app's templates live in its own folder
(``<app>/templates/<app>/``) and include or extend only their own, except core's base layout and
error pages. What apps show on another app's page goes through a registry (``core/navigation.py``,
``register/timeline.py``) that names the app's own template. The import contracts are in
pyproject.toml ([tool.importlinter], ``make check-layers``)."""

import re
from pathlib import Path

import frontlijn

PACKAGE = Path(frontlijn.__file__).parent
APPS = sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))
TAG = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")
SHARED = {"base.html"}  # core's layout, which every page extends


def _templates():
    for app in APPS:
        folder = PACKAGE / app / "templates"
        for path in sorted(folder.rglob("*.html")) if folder.is_dir() else ():
            yield app, path.relative_to(folder).as_posix(), path


def _owner(name: str) -> str | None:
    return next((app for app in APPS if (PACKAGE / app / "templates" / name).is_file()), None)


def _in_own_folder(app: str, name: str) -> bool:
    # core also holds the layout, the error pages and Django's login templates (registration/).
    return name.startswith(f"{app}/") or (app == "core" and ("/" not in name or name.startswith("registration/")))


def test_every_template_is_in_its_own_apps_folder():
    misplaced = [f"{app}/templates/{name}" for app, name, _path in _templates() if not _in_own_folder(app, name)]
    assert misplaced == [], "templates in another app's folder (use the app's own, through a registry)"


def test_no_template_includes_or_extends_another_apps_template():
    crossing = []
    for app, name, path in _templates():
        for used in TAG.findall(path.read_text(encoding="utf-8")):
            owner = _owner(used)
            if owner is not None and owner != app and used not in SHARED:
                crossing.append(f"{app}/templates/{name} uses {used} ({owner})")
    assert crossing == [], "an app's template uses another app's template"
