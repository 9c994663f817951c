from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontlijn.cases.selectors import case_list
from frontlijn.contacts import selectors, services
from frontlijn.contacts.forms import ContactMomentForm
from frontlijn.contacts.models import Promise
from frontlijn.core import idempotency, offline
from frontlijn.lib import dates
from frontlijn.lib.forms import add_service_error
from frontlijn.lib.redirects import next_param, redirect_next, safe_next
from frontlijn.privacy import access, scoping
from frontlijn.register.selectors import home_seeker_get, household_get, household_open
from frontlijn.signals import selectors as signal_selectors


def contact_create(request, household_pk: int):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    household, ask = household_open(request, household_pk)
    if ask is not None:
        if offline.is_outbox(request):
            return offline.answer_rejected(
                request,
                reason=_("Geef eerst de reden op waarom je dit huishouden opent."),
                url=getattr(ask, "url", ""),
                status=409,
            )
        return ask
    # The form shows (and accepts) each case by number, type and status: no joined rows needed.
    cases = list(
        case_list(user=request.user).select_related(None).filter(household=household).order_by("-registered_on")[:20]
    )
    if request.method == "GET":  # a POST is audited as the change it makes
        access.audit_view(request, household, household=household, detail={"cases": [c.pk for c in cases]})
    return _contact_form(request, household=household, cases=cases)


@require_POST
def signal_offer(request, household_pk: int):
    """htmx, while the beyond-the-process note is typed: offer to raise it as a signal.

    Scoped like the form (a household outside the user's scope is a 404). The text arrives in the
    POST body (never in a URL, so never in an access log) and is neither stored nor logged. The
    fragment is rendered without the page's context processors: a keystroke costs few queries.
    """
    if not (scoping.can_log_contacts(request.user) and signal_selectors.can_raise(request.user)):
        raise PermissionDenied
    household = household_get(user=request.user, pk=household_pk)
    themes = list(signal_selectors.theme_list())
    context = _offer_context(request, themes=themes, household=household)
    return HttpResponse(render_to_string("contacts/_signal_offer.html", context))


def _offer_context(request, *, themes, household, form=None) -> dict:
    """The offer shown under the note: the best theme above the threshold, or nothing."""
    note = request.POST.get("beyond_note", "") if request.method == "POST" else ""
    offer = selectors.signal_offer_for(text=note, themes=themes) if household is not None else None
    chosen = request.POST.get("signal_theme") if request.POST.get("raise_signal") else None
    return {
        "offer": offer,
        "theme_choices": [(t.code, t.name) for t in themes],
        "theme_errors": form.errors.get("signal_theme") if form is not None and form.is_bound else None,
        "checked": bool(request.POST.get("raise_signal")) and offer is not None,
        "chosen_theme": chosen or (offer.code if offer else ""),
        "chosen_sensitivity": request.POST.get("signal_sensitivity") or "persoon",
    }


def home_seeker_contact_create(request, home_seeker_pk: int):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    home_seeker = home_seeker_get(user=request.user, pk=home_seeker_pk)
    return _contact_form(request, home_seeker=home_seeker, cases=[])


def _contact_form(request, *, household=None, home_seeker=None, cases=()):
    if (first := idempotency.first_result(request, "contact")) is not None:
        return offline.answer_saved(request, first.url, replayed=True)
    defaults = selectors.contact_form_defaults(user=request.user, household=household)
    # The themes are only needed for the signal offer: after a note was typed (a POST).
    themes = list(signal_selectors.theme_list()) if household is not None and request.method == "POST" else []
    initial = {"channel": defaults.channel, "direction": defaults.direction}
    form = ContactMomentForm(request.POST or None, cases=cases, themes=themes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = next((c for c in cases if c.pk == data["case"]), None)
        signal = {}
        if data["raise_signal"] and household is not None:
            offer = selectors.signal_offer_for(text=data["beyond_note"], themes=themes, threshold=0.0)
            signal = {
                "signal_theme_codes": [data["signal_theme"]],
                "signal_sensitivity": data["signal_sensitivity"],
                "signal_suggested": offer.suggestions if offer else None,
                "signal_classifier_version": offer.version if offer else None,
            }
        if household is not None:
            target = reverse("register:household", kwargs={"pk": household.pk})
        else:
            target = reverse("register:home-seeker", kwargs={"pk": home_seeker.pk})
        try:
            outcome = idempotency.create_once(
                user=request.user,
                key=data["idempotency_key"],
                kind="contact",
                made_at=offline.made_at(request),
                url=lambda contact: target,
                create=lambda: services.contact_moment_create(
                    staff=request.user,
                    household=household,
                    unit=household.unit if household else None,
                    home_seeker=home_seeker,
                    case=case,
                    channel=data["channel"],
                    direction=data["direction"],
                    occurred_at=data["occurred_at"],
                    duration_minutes=data["duration_minutes"],
                    subject=data["subject"],
                    process_note=data["process_note"],
                    beyond_note=data["beyond_note"],
                    beyond_tags=data["beyond_tags"],
                    promise_description=data["promise_description"],
                    promise_due_date=data["promise_due_date"],
                    promise_kind=data["promise_kind"],
                    **signal,
                ),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if outcome.obj is not None:
                access.audit_change(request, outcome.obj, action="create")
                if household is not None:
                    request.session[selectors.JUST_SAVED_KEY] = outcome.obj.pk  # offers the feedback QR code
            if signal:
                message = _("Contactmoment opgeslagen, en het signaal gemeld.")
            else:
                message = _("Contactmoment opgeslagen.")
            return offline.answer_saved(request, outcome.url, replayed=outcome.replayed, message=message)
    if request.method == "POST" and offline.is_outbox(request):
        return offline.answer_rejected(request, form=form)
    context = {
        "form": form,
        "household": household,
        "home_seeker": home_seeker,
        "defaults": defaults,
        "presets": selectors.DURATION_PRESETS,
        "duration_value": _duration_value(form, defaults),
        "quick_dates": dates.quick_dates(),
        "quick_value": form["promise_quick"].value() or "",
    }
    if household is not None:
        context.update(_offer_context(request, themes=themes, household=household, form=form))
    return render(request, "contacts/contact_form.html", context)


def _duration_value(form, defaults) -> str:
    """The preset chip to check: what was posted, else the channel's usual value. A posted value
    that is no preset is shown in the "andere duur" field, so that what was typed stays."""
    if not form.is_bound:
        return str(defaults.duration_minutes)
    value = str(form["duration_minutes"].value() or "")
    if value and value not in {str(m) for m in selectors.DURATION_PRESETS} and not form.data.get("duration_other"):
        form.data = form.data.copy()
        form.data["duration_other"] = value
    return value


def promise_list(request):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    promises = list(selectors.promise_list_open_for(user=request.user))
    return render(request, "contacts/promise_list.html", {"promises": promises})


def _own_promise(request, pk: int) -> Promise:
    return selectors.promise_get_own(user=request.user, pk=pk)


@require_POST
def promise_done(request, pk: int):
    """Mark a promise kept. Idempotent by nature; from the outbox ``done_at`` is the device time."""
    promise = _own_promise(request, pk)
    next_url = safe_next(request, next_param(request), reverse("contacts:promises"))
    try:
        done_at = offline.made_at(request)
    except ValidationError as exc:
        if offline.is_outbox(request):
            return offline.answer_rejected(request, reason=" ".join(exc.messages))
        raise
    services.promise_complete(promise=promise, user=request.user, done_at=done_at)
    return offline.answer_saved(request, next_url, message=_("Belofte nagekomen. Goed gedaan!"))


@require_POST
def promise_cancelled(request, pk: int):
    services.promise_cancel(promise=_own_promise(request, pk), user=request.user)
    messages.info(request, _("Belofte op vervallen gezet."))
    return redirect_next(request, "contacts:promises")


@never_cache
@require_POST
def feedback_qr(request, pk: int):
    """After saving: a QR code that opens the resident's single-use feedback link for this contact.

    Made on the server (segno, inline SVG, nothing fetched); the page is not cached because the
    code holds the link.
    """
    import segno

    from frontlijn.feedback.services import feedback_invitation_for_door

    contact = get_object_or_404(selectors.contact_moment_list(user=request.user), pk=pk, staff=request.user)
    try:
        _invitation, url = feedback_invitation_for_door(contact_moment=contact, staff=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return (
            redirect("register:household", pk=contact.household_id) if contact.household_id else redirect("core:home")
        )
    title = _("QR-code: de vraag aan de bewoner hoe het contact was")
    svg = segno.make(url, error="m").svg_inline(scale=5, title=title, omitsize=True)
    response = render(request, "contacts/feedback_qr.html", {"contact": contact, "svg": mark_safe(svg)})
    response["Referrer-Policy"] = "no-referrer"
    return response
