from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from frontlijn.lib import clock

if TYPE_CHECKING:
    from frontlijn.teams.models import User


def _home_panel(request):
    import datetime as dt

    from frontlijn.signals import pattern_selectors, selectors
    from frontlijn.signals.models import Status

    user = request.user
    if not user.is_authenticated:
        return None
    can_raise, can_handle = selectors.can_raise(user), selectors.can_handle(user)
    if not (can_raise or can_handle):
        return None
    since = clock.now() - dt.timedelta(days=30)
    panel = {
        "can_raise": can_raise,
        "unpicked": selectors.signal_list_unpicked(user=user).count() if can_handle else None,
        "patterns": pattern_selectors.pattern_list_open(user=user).count() if can_handle else 0,
        "answered": selectors.signal_list_raised_by(user=user)
        .filter(status=Status.ANSWERED, feedback_at__gte=since)
        .count(),
    }
    return "signals/_home_panel.html", panel


def _timeline(user: User, household):
    from frontlijn.register import timeline
    from frontlijn.signals import selectors

    # The entry shows the signal itself and its themes: none of signal_list's joined rows.
    signals = (
        selectors.signal_list(user=user).select_related(None).filter(household=household).order_by("-created_at")[:50]
    )
    return [timeline.Entry(s.created_at, "signal", s, template="signals/_timeline_signal.html") for s in signals]


def _warm_up_classifier() -> None:
    """Load scikit-learn and the active theme classifier (``frontlijn serve --production``)."""
    from frontlijn.signals.classifier.registry import active_pipeline

    active_pipeline()


class SignalsConfig(AppConfig):
    name = "frontlijn.signals"
    label = "signals"
    verbose_name = _("Signalen")

    def ready(self) -> None:
        from frontlijn.core import navigation, startup
        from frontlijn.privacy import capabilities
        from frontlijn.register import timeline
        from frontlijn.signals import selectors

        navigation.add(
            "signals:list",
            _("Signalen"),
            order=50,
            visible=lambda user: selectors.can_raise(user) or selectors.can_handle(user),
        )
        navigation.add(
            "signals:classifier",
            _("Themaherkenning"),
            order=96,
            visible=lambda user: capabilities.has(user, "classifier_manage"),
        )
        navigation.add_home_panel("signals", _home_panel, order=40)
        timeline.register(_timeline)
        startup.add_warm_up("classifier", _warm_up_classifier)
