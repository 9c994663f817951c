"""Reads of signals, scoped through ``frontlijn.privacy.scoping``.

Who sees which signal (the matrix is in docs/signals.md):

- the person who raised a signal always sees it;
- person-level signals ("over een persoon") follow the rule for beyond-the-process notes: staff
  who may see the residents of that buurt (area roles in their own area, KCC/balie only inside
  their own area, superusers); the functioneel beheerder, plan owners and managers do not;
- place-level signals: staff whose area covers the place, organisation-wide front roles and the
  beheerder, plus plan owners and managers (who work per area);
- aggregates (counts per theme and area) are open to every role that has the area; they never
  carry text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.http import Http404

from frontlijn.lib import clock
from frontlijn.privacy import capabilities, scoping
from frontlijn.register.models import Buurt, Complex, Wijk
from frontlijn.signals.models import ClassifierModel, Sensitivity, Signal, Status, Theme, Urgency, theme_name

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

AGGREGATE_ROLES = capabilities.roles("signal_aggregates")
HANDLER_ROLES = capabilities.roles("signal_handling")
ORGANISATION_WIDE_FRONT_ROLES = capabilities.roles("residents_anywhere_front")


def _place_q(buurt_ids: Iterable[int]) -> Q:
    """Signals placed in these buurten, or on a whole wijk that contains one of them."""
    buurt_ids = list(buurt_ids)
    if not buurt_ids:
        return Q(pk__in=[])
    wijk_ids = Buurt.objects.filter(id__in=buurt_ids).values("wijk_id")
    return Q(buurt_id__in=buurt_ids) | Q(buurt__isnull=True, wijk_id__in=wijk_ids)


def _person_level_q(user: User) -> Q:
    if user.is_superuser:
        return Q()
    if not scoping.sees_residents(user) or capabilities.role_in(user, "register_wide"):
        return Q(pk__in=[])
    if user.role in ORGANISATION_WIDE_FRONT_ROLES:
        return _place_q(scoping.area_buurt_ids(user))
    ids = scoping.resident_area_buurt_ids(user)
    return Q() if ids is scoping.ALL else _place_q(ids)


def _place_level_q(user: User) -> Q:
    if user.is_superuser or user.role in AGGREGATE_ROLES or scoping.resident_area_buurt_ids(user) is scoping.ALL:
        return Q()
    return _place_q(scoping.area_buurt_ids(user))


def signal_visibility_q(user: User | AnonymousUser) -> Q:
    """Which signals (text included) the user may read."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return (
        Q(raised_by=user)
        | (Q(sensitivity=Sensitivity.PERSON) & _person_level_q(user))
        | (Q(sensitivity=Sensitivity.PLACE) & _place_level_q(user))
    )


def aggregate_buurt_ids(user: User | AnonymousUser) -> frozenset[int] | None:
    """Buurten whose signal counts the user may see (``None``: all)."""
    if not user.is_authenticated:
        return frozenset()
    if user.is_superuser or user.role in AGGREGATE_ROLES or user.role in ORGANISATION_WIDE_FRONT_ROLES:
        return scoping.ALL
    return scoping.area_buurt_ids(user)


def signal_list(*, user: User) -> QuerySet[Signal]:
    return (
        Signal.objects.filter(signal_visibility_q(user))
        .select_related("raised_by", "unit", "complex", "buurt", "wijk", "household")
        .prefetch_related("themes")
    )


def signal_get(*, user: User, pk: int) -> Signal:
    """A signal the user may read, or 404 (its existence is not revealed)."""
    try:
        return signal_list(user=user).get(pk=pk)
    except Signal.DoesNotExist as exc:
        raise Http404 from exc


def signal_photo_get(*, user: User, pk: int):
    """A photo of a signal the user may read, or 404."""
    from frontlijn.signals.models import SignalPhoto

    try:
        photo = SignalPhoto.objects.select_related("signal").get(pk=pk)
    except SignalPhoto.DoesNotExist as exc:
        raise Http404 from exc
    signal_get(user=user, pk=photo.signal_id)
    return photo


def can_raise(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and (scoping.can_log_contacts(user) or capabilities.role_in(user, "signal_raising_lead"))
    )


def can_handle(user: User | AnonymousUser, signal: Signal | None = None) -> bool:
    """Team leads, plan owners and managers pick signals up and answer them (superusers too)."""
    if not user.is_authenticated:
        return False
    if not (user.is_superuser or user.role in HANDLER_ROLES):
        return False
    return signal is None or signal_list(user=user).filter(pk=signal.pk).exists()


def signal_list_raised_by(*, user: User) -> QuerySet[Signal]:
    return signal_list(user=user).filter(raised_by=user)


def signal_list_unpicked(*, user: User, days: int | None = None) -> QuerySet[Signal]:
    """Signals nobody picked up within ``FRONTLIJN_SIGNAL_PICKUP_DAYS`` days: about a person first,
    then by urgency (snel oppakken, normaal, kan wachten), then oldest first."""
    days = settings.FRONTLIJN_SIGNAL_PICKUP_DAYS if days is None else days
    cutoff = clock.now() - dt.timedelta(days=days)
    person_first = Case(When(sensitivity=Sensitivity.PERSON, then=Value(0)), default=Value(1))
    urgency = Case(
        When(urgency=Urgency.HIGH, then=Value(0)), When(urgency=Urgency.NORMAL, then=Value(1)), default=Value(2)
    )
    return (
        signal_list(user=user)
        .filter(status=Status.NEW, created_at__lt=cutoff)
        .order_by(person_first, urgency, "created_at", "id")
    )


def signal_list_for_area(*, user: User, buurt_ids: Iterable[int] | None = None, wijk_ids: Iterable[int] | None = None):
    """The signals (with text) in an area that the user may read, newest first.

    For the plans briefing: pass the buurten of the plan. Person-level signals are left out for
    roles that may not read them (see the module docstring).
    """
    qs = signal_list(user=user)
    area_q = Q(pk__in=[])
    if buurt_ids is not None:
        area_q |= _place_q(buurt_ids)
    if wijk_ids is not None:
        area_q |= Q(wijk_id__in=list(wijk_ids))
    if buurt_ids is None and wijk_ids is None:
        return qs
    return qs.filter(area_q)


def _aggregate_qs(
    user: User, buurt_ids: Iterable[int] | None, wijk_ids: Iterable[int] | None = None
) -> QuerySet[Signal]:
    allowed = aggregate_buurt_ids(user)
    qs = Signal.objects.all()
    if allowed is not scoping.ALL:
        qs = qs.filter(_place_q(allowed))
    if buurt_ids is not None or wijk_ids is not None:
        area_q = Q(pk__in=[])
        if buurt_ids is not None:
            area_q |= _place_q(buurt_ids)
        if wijk_ids is not None:
            area_q |= Q(wijk_id__in=list(wijk_ids))
        qs = qs.filter(area_q)
    return qs


def signal_theme_summary_for_area(
    *, user: User, buurt_ids: Iterable[int] | None = None, wijk_ids: Iterable[int] | None = None, days: int = 90
) -> list[dict]:
    """Per theme: total count, count in the last ``days`` and in the ``days`` before (trend).

    Counts include person-level signals (a count is not personal data) but never their text.
    Sorted by total, largest first; themes without signals are left out.
    """
    now = clock.now()
    recent_from, previous_from = now - dt.timedelta(days=days), now - dt.timedelta(days=2 * days)
    qs = _aggregate_qs(user, buurt_ids, wijk_ids)
    rows = (
        qs.values("themes__code", "themes__label")
        .annotate(
            total=Count("id", distinct=True),
            recent=Count("id", filter=Q(created_at__gte=recent_from), distinct=True),
            previous=Count("id", filter=Q(created_at__gte=previous_from, created_at__lt=recent_from), distinct=True),
            open=Count("id", filter=Q(status__in=[Status.NEW, Status.PICKED_UP]), distinct=True),
        )
        .filter(themes__code__isnull=False)
        .order_by("-total", "themes__code")
    )
    return [
        {
            "code": r["themes__code"],
            "label": theme_name(r["themes__label"]),
            "total": r["total"],
            "recent": r["recent"],
            "previous": r["previous"],
            "open": r["open"],
            "trend": r["recent"] - r["previous"],
        }
        for r in rows
    ]


def signal_theme_by_month(
    *, user: User, buurt_ids: Iterable[int] | None = None, wijk_ids: Iterable[int] | None = None, months: int = 12
) -> tuple[list[str], dict[str, list[int]]]:
    """Counts per theme per month (oldest first) for the plot: (month labels, {theme code: counts})."""
    today = clock.today()
    month_keys = []
    y, m = today.year, today.month
    for _ in range(months):
        month_keys.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    month_keys.reverse()
    start = clock.start_of_day(dt.date(month_keys[0][0], month_keys[0][1], 1))
    qs = _aggregate_qs(user, buurt_ids, wijk_ids).filter(created_at__gte=start)
    counts: dict[str, Counter] = defaultdict(Counter)
    for created_at, code in qs.values_list("created_at", "themes__code"):
        if code:
            local = clock.localtime(created_at)
            counts[code][(local.year, local.month)] += 1
    labels = [f"{mm:02d}-{yy}" for yy, mm in month_keys]
    return labels, {code: [c[k] for k in month_keys] for code, c in counts.items()}


def signal_theme_area_table(*, user: User, level: str, buurt_ids=None, wijk_ids=None) -> tuple[list, list[dict]]:
    """Theme x area counts: (themes, rows) where each row is {area, counts: [per theme], total}.

    ``level`` is "buurt", "wijk" or "complex": the areas along the rows.
    """
    field = {"wijk": "wijk", "buurt": "buurt", "complex": "complex"}[level]
    qs = _aggregate_qs(user, buurt_ids, wijk_ids).filter(**{f"{field}__isnull": False})
    themes = list(Theme.objects.filter(active=True))
    data = qs.values(f"{field}_id", f"{field}__name", "themes__code").annotate(n=Count("id", distinct=True))
    by_area: dict[int, dict] = {}
    for row in data:
        area = by_area.setdefault(
            row[f"{field}_id"], {"id": row[f"{field}_id"], "name": row[f"{field}__name"], "c": {}}
        )
        if row["themes__code"]:
            area["c"][row["themes__code"]] = row["n"]
    rows = []
    for area in sorted(by_area.values(), key=lambda a: a["name"]):
        counts = [area["c"].get(t.code, 0) for t in themes]
        rows.append({"id": area["id"], "name": area["name"], "counts": counts, "total": sum(counts)})
    return themes, rows


def theme_list() -> QuerySet[Theme]:
    from frontlijn.signals.themes import ensure_default_themes

    ensure_default_themes()
    return Theme.objects.filter(active=True)


def classifier_model_active() -> ClassifierModel | None:
    return ClassifierModel.objects.filter(active=True).defer("blob").order_by("-version").first()


def classifier_versions() -> list[dict]:
    """Every trained model version, newest first, without the model itself (the classifier page).
    The shipped version 1 is listed last."""
    from frontlijn.signals.classifier import registry

    rows: list[dict] = [
        dict(row)
        for row in ClassifierModel.objects.order_by("-version").values(
            "version", "created_at", "active", "metrics", "n_train", "n_corrections", "retired_at"
        )
    ]
    active = registry.active_version()
    for row in rows:
        row["is_active"] = row["version"] == active
        row["usable"] = row["retired_at"] is None
    rows.append(
        {
            "version": registry.SHIPPED_VERSION,
            "created_at": None,
            "active": active == registry.SHIPPED_VERSION,
            "is_active": active == registry.SHIPPED_VERSION,
            "metrics": registry.shipped_metrics(),
            "n_train": None,
            "n_corrections": 0,
            "retired_at": None,
            "usable": True,
            "shipped": True,
        }
    )
    return rows


def correction_count() -> int:
    from frontlijn.signals.models import StaffCorrection

    return StaffCorrection.objects.count()


# --- the areas the signal pages offer (not personal data) ------------------------------------


def area_choices(*, user: User) -> tuple[list[Wijk], list[Buurt], list[Complex]]:
    """Where the user may place a signal: wijken, buurten and (at most 500) complexes."""
    ids = scoping.area_buurt_ids(user)
    in_area = Buurt.objects.select_related("wijk")
    if ids:  # staff with an area place signals there; others (KCC, balie, ...) anywhere
        in_area = in_area.filter(id__in=ids)
    buurten = list(in_area.order_by("wijk__name", "name"))
    wijk_ids = {b.wijk_id for b in buurten}
    wijken = list(Wijk.objects.filter(id__in=wijk_ids))
    complexes = list(Complex.objects.filter(buurt__in=[b.pk for b in buurten]).order_by("code")[:500])
    return wijken, buurten, complexes


def area_buurten(*, buurt_ids) -> list[Buurt]:
    """The buurten of the area page: those in ``buurt_ids`` (``scoping.ALL``: every buurt)."""
    buurten = Buurt.objects.select_related("wijk").order_by("wijk__name", "name")
    if buurt_ids is not scoping.ALL:
        buurten = buurten.filter(id__in=buurt_ids)
    return list(buurten)


def area_complexes(*, buurt) -> list[Complex]:
    return list(Complex.objects.filter(buurt=buurt).order_by("code"))
