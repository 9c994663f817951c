"""Views of the signals app: thin; reads via selectors, writes via services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontlijn.contacts.selectors import contact_moment_list
from frontlijn.core import idempotency, offline
from frontlijn.lib import charts, limits
from frontlijn.lib.forms import add_service_error, names_fields, service_errors
from frontlijn.lib.query import IdField, parse_query
from frontlijn.privacy import access, scoping
from frontlijn.register.selectors import household_get, unit_find_by_address, unit_get
from frontlijn.signals import pattern_selectors, selectors, services
from frontlijn.signals.feedback import start_close, start_pick_up
from frontlijn.signals.forms import CloseForm, PickUpForm, SignalForm
from frontlijn.signals.models import Status

if TYPE_CHECKING:
    pass

MAX_SUGGESTIONS = 3


def _suggestions(text: str) -> tuple[list[tuple[str, float]], int]:
    # Imported here: scikit-learn takes seconds to import and only this view needs it.
    from frontlijn.signals.classifier import registry

    return registry.suggest(text, top=MAX_SUGGESTIONS)


def _theme_rows(themes, *, checked, suggestions) -> list[dict]:
    """Themes for the checkbox list: suggested ones first, each with its confidence."""
    scores = dict(suggestions)
    rows = [
        {"code": t.code, "label": t.name, "checked": t.code in checked, "score": scores.get(t.code)} for t in themes
    ]
    order = {code: i for i, (code, _score) in enumerate(suggestions)}
    rows.sort(key=lambda r: order.get(r["code"], len(order)))
    for r in rows:
        r["suggested"] = r["code"] in order
        r["percent"] = round(r["score"] * 100) if r["score"] is not None else None
    return rows


def _placement(request):
    """The fixed placement from ?contact= / ?household= / ?unit=, or None for a free choice."""
    user, params = request.user, parse_query(PlacementQuery, request)
    if params["contact"]:
        contact = contact_moment_list(user=user).filter(pk=params["contact"]).first()
        if contact is None:
            raise Http404
        return {"contact": contact, "household": contact.household, "unit": contact.unit}
    if params["household"]:
        household = household_get(user=user, pk=params["household"])
        return {"contact": None, "household": household, "unit": household.unit}
    if params["unit"]:
        unit = unit_get(user=user, pk=params["unit"])
        return {"contact": None, "household": None, "unit": unit}
    return None


def _unit_at(request, form, address: str):
    """The one unit at this postcode + house number that the user may see, or a form error."""
    units = unit_find_by_address(user=request.user, query=address)
    if units is None:
        form.add_error("address", _("Typ een postcode met huisnummer, bijvoorbeeld 1234 AB 12."))
        return None
    access.audit_unit_search(request, count=len(units))
    if not units:
        form.add_error("address", _("Op deze postcode en dit huisnummer vinden we geen woning in jouw gebied."))
        return None
    if len(units) > 1:
        form.add_error(
            "address",
            _("Op dit huisnummer zijn meer adressen. Typ ook de huisletter of toevoeging, bijvoorbeeld 12A of 12-2."),
        )
        return None
    return units[0]


def _chosen_place(request, form, placement, wijken, buurten, complexes) -> dict:
    """Where the signal goes: the fixed placement, or the address, complex, buurt and wijk picked in the form."""
    data = form.cleaned_data
    place = dict(placement or {})
    if placement is None and data.get("address"):
        place["unit"] = _unit_at(request, form, data["address"])
    if placement is None:
        place["complex"] = next((c for c in complexes if c.pk == data["complex"]), None)
        place["buurt"] = next((b for b in buurten if b.pk == data["buurt"]), None)
        place["wijk"] = next((w for w in wijken if w.pk == data["wijk"]), None)
    return place


def signal_create(request):
    if not selectors.can_raise(request.user):
        raise PermissionDenied
    if (first := idempotency.first_result(request, "signal")) is not None:
        return offline.answer_saved(request, first.url, replayed=True)
    placement = _placement(request)
    themes = list(selectors.theme_list())
    wijken, buurten, complexes = ((), (), ()) if placement else selectors.area_choices(user=request.user)
    form = SignalForm(
        request.POST or None,
        request.FILES or None,
        themes=themes,
        wijken=wijken,
        buurten=buurten,
        complexes=complexes,
        fixed_place=placement is not None,
    )
    if placement and placement["household"] is not None and not form.is_bound:
        form.initial["sensitivity"] = "persoon"
    text = request.POST.get("text", "")[: limits.NOTE] if request.method == "POST" else ""
    suggestions, version = _suggestions(text) if text.strip() else ([], None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        place = _chosen_place(request, form, placement, wijken, buurten, complexes)

        def target(signal) -> str:
            if placement and placement["household"] is not None:
                return reverse("register:household", kwargs={"pk": placement["household"].pk})
            return reverse("signals:detail", kwargs={"pk": signal.pk})

        if not form.errors:  # an address that could not be placed shows the form again, as typed
            try:
                made_at = offline.made_at(request)
                outcome = idempotency.create_once(
                    user=request.user,
                    key=data["idempotency_key"],
                    kind="signal",
                    made_at=made_at,
                    url=target,
                    create=lambda: services.signal_create(
                        user=request.user,
                        text=data["text"],
                        theme_codes=data["themes"],
                        urgency=data["urgency"],
                        sensitivity=data["sensitivity"],
                        unit=place.get("unit"),
                        complex=place.get("complex"),
                        buurt=place.get("buurt"),
                        wijk=place.get("wijk"),
                        household=place.get("household"),
                        contact_moment=place.get("contact"),
                        photos=data["photos"],
                        suggested=suggestions,
                        classifier_version=version,
                        made_at=made_at,
                    ),
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                return offline.answer_saved(
                    request,
                    outcome.url,
                    replayed=outcome.replayed,
                    message=_("Signaal gemeld. Je hoort wat ermee gebeurt."),
                )
    if request.method == "POST" and offline.is_outbox(request):
        return offline.answer_rejected(request, form=form)
    checked = set(request.POST.getlist("themes")) if request.method == "POST" else set()
    context = {
        "form": form,
        "placement": placement,
        "theme_rows": _theme_rows(themes, checked=checked, suggestions=suggestions),
        "theme_errors": form.errors.get("themes"),
    }
    return render(request, "signals/signal_form.html", context)


def signal_suggest(request):
    """htmx: the theme checkboxes with the classifier's suggestions for the text typed so far."""
    if not selectors.can_raise(request.user):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    suggestions, _version = _suggestions(source.get("text", "")[:4000])
    rows = _theme_rows(selectors.theme_list(), checked=set(source.getlist("themes")), suggestions=suggestions)
    return render(request, "signals/_themes.html", {"theme_rows": rows})


def _detail(request, signal, *, form=None, pick_up_form=None, theme_codes=None, theme_errors=None, status=200):
    """The signal page: close form, pick-up form, theme correction, photos and patterns."""
    can_handle = selectors.can_handle(request.user, signal)
    if form is None and can_handle:
        form = CloseForm(initial={"outcome": signal.outcome or None, "feedback": start_close()})
    if can_handle and pick_up_form is None and signal.status == Status.NEW:
        pick_up_form = PickUpForm(prefix="pickup", initial={"feedback": start_pick_up()})
    checked = {t.code for t in signal.themes.all()} if theme_codes is None else set(theme_codes)
    suggestions = [(code, score) for code, score in (signal.suggested or [])]
    context = {
        "signal": signal,
        "can_handle": can_handle,
        "form": form,
        "pick_up_form": pick_up_form,
        "photos": list(signal.photos.all()),
        "patterns": list(pattern_selectors.pattern_list(user=request.user).filter(memberships__signal=signal)),
        "can_correct": services.may_correct_themes(request.user, signal),
        "theme_rows": _theme_rows(selectors.theme_list(), checked=checked, suggestions=suggestions),
        "theme_errors": theme_errors,
    }
    return render(request, "signals/signal_detail.html", context, status=status)


def signal_detail(request, pk: int, pick_up_form: PickUpForm | None = None):
    signal = selectors.signal_get(user=request.user, pk=pk)
    if signal.household_id:  # a signal about a person is personal data: log who read it
        access.audit_view(request, signal, household=signal.household)
    can_handle = selectors.can_handle(request.user, signal)
    form = None
    if can_handle:
        data = request.POST if request.method == "POST" and pick_up_form is None else None
        form = CloseForm(data, initial={"outcome": signal.outcome or None, "feedback": start_close()})
    if request.method == "POST" and pick_up_form is None:
        if form is None or signal.status == Status.ANSWERED:  # form is None: cannot handle
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.signal_close(
                    signal=signal,
                    user=request.user,
                    outcome=data["outcome"],
                    park_reason=data["park_reason"],
                    feedback=data["feedback"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Signaal afgesloten. De melder heeft je terugkoppeling ontvangen."))
                return redirect("signals:detail", pk=signal.pk)
    return _detail(request, signal, form=form, pick_up_form=pick_up_form)


@require_POST
def signal_themes(request, pk: int):
    """The raiser or a handler corrects the signal's themes (a staff correction: training data)."""
    signal = selectors.signal_get(user=request.user, pk=pk)
    if not services.may_correct_themes(request.user, signal):
        raise PermissionDenied
    codes = request.POST.getlist("themes")
    try:
        services.signal_themes_update(signal=signal, user=request.user, theme_codes=codes)
    except ValidationError as exc:
        errors = service_errors(exc).get("themes", exc.messages)
        return _detail(request, signal, theme_codes=codes, theme_errors=errors, status=400)
    messages.success(request, _("Thema's aangepast. Het model leert van je correctie bij de volgende training."))
    return redirect("signals:detail", pk=signal.pk)


def classifier_page(request):
    """Team leads and the functional administrator: the active model, its evaluation, the
    corrections since, retrain now, and going back to an earlier version. Counts only."""
    from frontlijn.privacy import capabilities
    from frontlijn.signals.classifier import registry

    if not capabilities.has(request.user, "classifier_manage"):
        raise PermissionDenied
    version = registry.active_version()
    versions = selectors.classifier_versions()
    return render(
        request,
        "signals/classifier.html",
        {
            "active_version": version,
            "active": next((v for v in versions if v["version"] == version), None),
            "versions": versions,
            "corrections_since": registry.corrections_since(version),
            "corrections_total": selectors.correction_count(),
            "shipped_metrics": registry.shipped_metrics(),
            "gate": registry.GATE,
        },
    )


@require_POST
def classifier_retrain(request):
    services.classifier_retrain_queue(user=request.user)
    messages.success(request, _("Training staat in de wachtrij. Een nieuwe versie wordt actief als ze de toets haalt."))
    return redirect("signals:classifier")


@require_POST
def classifier_rollback(request):
    from frontlijn.privacy import capabilities

    if not capabilities.has(request.user, "classifier_manage"):
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, _("Kies een modelversie."))
        return redirect("signals:classifier")
    try:
        services.classifier_rollback(user=request.user, version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Modelversie %(v)s is nu actief.") % {"v": version})
    return redirect("signals:classifier")


@require_POST
def signal_pick_up(request, pk: int):
    """Pick up with a message to the raiser; a refused message shows the page again, text kept."""
    signal = selectors.signal_get(user=request.user, pk=pk)
    form = PickUpForm(request.POST, prefix="pickup")  # its own ids next to the close form
    if form.is_valid():
        try:
            services.signal_pick_up(signal=signal, user=request.user, feedback=form.cleaned_data["feedback"])
        except ValidationError as exc:
            if not names_fields(exc):
                messages.error(request, " ".join(exc.messages))
                return redirect("signals:detail", pk=signal.pk)
            add_service_error(form, exc)
        else:
            messages.success(request, _("Je hebt het signaal opgepakt. De melder heeft je bericht ontvangen."))
            return redirect("signals:detail", pk=signal.pk)
    return signal_detail(request, pk, pick_up_form=form)


def signal_photo(request, pk: int):
    """A photo, only for whoever may read its signal; never public media."""
    photo = selectors.signal_photo_get(user=request.user, pk=pk)
    response = FileResponse(photo.image.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def signal_list(request):
    user = request.user
    mine = list(selectors.signal_list_raised_by(user=user)[:50])
    context = {"mine": mine, "can_handle": selectors.can_handle(user), "can_raise": selectors.can_raise(user)}
    if context["can_handle"]:
        context["open_signals"] = list(
            selectors.signal_list(user=user)
            .filter(status__in=[Status.NEW, Status.PICKED_UP])
            .order_by("created_at")[:100]
        )
    return render(request, "signals/signal_list.html", context)


def signal_unpicked(request):
    if not selectors.can_handle(request.user):
        raise PermissionDenied
    from django.conf import settings

    signals = list(selectors.signal_list_unpicked(user=request.user)[:200])
    return render(
        request, "signals/signal_unpicked.html", {"signals": signals, "days": settings.FRONTLIJN_SIGNAL_PICKUP_DAYS}
    )


class AreaQuery(forms.Form):
    wijk = IdField()
    buurt = IdField()
    complex = IdField()


class PlacementQuery(forms.Form):
    contact = IdField()
    household = IdField()
    unit = IdField()


def signal_area(request):
    """Per wijk, buurt or complex: signals by theme over time (plot), the theme x area table, the list."""
    user = request.user
    allowed = selectors.aggregate_buurt_ids(user)
    buurten = selectors.area_buurten(buurt_ids=allowed)
    wijken = sorted({b.wijk for b in buurten}, key=lambda w: w.name)
    query = parse_query(AreaQuery, request)
    wijk_id, buurt_id, complex_id = query["wijk"], query["buurt"], query["complex"]
    area_name, level = _("Alle gebieden"), "wijk"
    buurt_ids: list[int] | None = None
    wijk_ids: list[int] | None = None
    complexes = []
    if buurt_id and any(b.pk == buurt_id for b in buurten):
        buurt = next(b for b in buurten if b.pk == buurt_id)
        buurt_ids, area_name, level = [buurt.pk], str(buurt), "complex"
        complexes = selectors.area_complexes(buurt=buurt)
    elif wijk_id and any(w.pk == wijk_id for w in wijken):
        wijk = next(w for w in wijken if w.pk == wijk_id)
        wijk_ids, area_name, level = [wijk.pk], str(wijk), "buurt"
    elif allowed is not scoping.ALL:
        buurt_ids = list(allowed)
    summary = selectors.signal_theme_summary_for_area(user=user, buurt_ids=buurt_ids, wijk_ids=wijk_ids)
    months, per_theme = selectors.signal_theme_by_month(user=user, buurt_ids=buurt_ids, wijk_ids=wijk_ids)
    labels = {t.code: t.name for t in selectors.theme_list()}
    top_codes = [row["code"] for row in summary[:5]]
    series = [charts.Series(labels.get(code, code), per_theme.get(code, [0] * len(months))) for code in top_codes]
    themes, table = selectors.signal_theme_area_table(user=user, level=level, buurt_ids=buurt_ids, wijk_ids=wijk_ids)
    signals = selectors.signal_list_for_area(user=user, buurt_ids=buurt_ids, wijk_ids=wijk_ids)
    if complex_id:
        signals = signals.filter(complex_id=complex_id)
    context = {
        "wijken": wijken,
        "buurten": buurten,
        "wijk_id": wijk_id,
        "buurt_id": buurt_id,
        "area_name": area_name,
        "level": level,
        "summary": summary,
        "chart": charts.line_chart(
            title=_("Signalen per thema per maand: %(area)s") % {"area": area_name},
            labels=months,
            series=series,
            y_min=0,
            decimals=0,
        )
        if series
        else "",
        "figures": charts.figures_table(
            caption=_("Aantal signalen per maand, per thema"), labels=months, series=series, decimals=0
        )
        if series
        else "",
        "themes": themes,
        "table": table,
        "signals": list(signals[:50]),
        "complexes": complexes,
    }
    return render(request, "signals/signal_area.html", context)
