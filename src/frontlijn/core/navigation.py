"""The main navigation. Apps add their entries in ``AppConfig.ready`` with :func:`add`.

An entry is shown when ``visible(user)`` is true; ``order`` sorts them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import prefetch_related_objects

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    order: int
    visible: Callable[[User], bool]
    icon: str = ""


_items: dict[str, NavItem] = {}


def add(url_name: str, label, *, order: int, visible: Callable[[User], bool] = lambda user: True, icon: str = ""):
    _items[url_name] = NavItem(url_name, label, order, visible, icon)


def items_for(user: User) -> list[NavItem]:
    load_teams(user)
    return sorted((i for i in _items.values() if i.visible(user)), key=lambda i: i.order)


def load_teams(user: User | AnonymousUser) -> None:
    """Load the user's teams once per request (one query).

    Several apps' ``visible`` checks and home panels ask ``user.teams.exists()`` or
    ``user.teams.all()``; with the teams prefetched on the user object those cost no query.
    Adding or removing a team through ``user.teams`` clears the prefetched list.
    """
    if not user.is_authenticated:
        return
    user = getattr(user, "_wrapped", user)  # request.user is a lazy object
    if "teams" not in getattr(user, "_prefetched_objects_cache", {}):
        prefetch_related_objects([user], "teams")


# Panels on the home page ("Mijn dag"). A panel is ``fn(request) -> (template, context) | None``.
HomePanel = Callable[[object], "tuple[str, dict] | None"]
_home_panels: dict[str, tuple[int, HomePanel]] = {}


def add_home_panel(name: str, panel: HomePanel, *, order: int = 100) -> None:
    _home_panels[name] = (order, panel)


def home_panels_for(request) -> list[tuple[str, dict]]:
    load_teams(request.user)  # panels ask for the teams too; the menu reuses them
    rendered = []
    for _order, panel in sorted(_home_panels.values(), key=lambda p: p[0]):
        result = panel(request)
        if result is not None:
            rendered.append(result)
    return rendered
