"""What ``frontlijn serve --production`` does before it serves, registered by the apps in
``AppConfig.ready`` (as the menu is, in ``core/navigation.py``):

- start checks (``fn() -> list[CheckMessage]``): a problem refuses the start;
- warm-ups (``fn() -> None``): load in the master what the first request of every worker would
  otherwise pay for; a failure is not fatal.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.checks import CheckMessage

StartCheck = Callable[[], list[CheckMessage]]
WarmUp = Callable[[], object]

_start_checks: dict[str, StartCheck] = {}
_warm_ups: dict[str, WarmUp] = {}


def add_start_check(name: str, check: StartCheck) -> None:
    _start_checks[name] = check


def add_warm_up(name: str, warm_up: WarmUp) -> None:
    _warm_ups[name] = warm_up


def start_problems() -> list[CheckMessage]:
    return [problem for check in _start_checks.values() for problem in check()]


def warm_ups() -> list[tuple[str, WarmUp]]:
    return list(_warm_ups.items())
