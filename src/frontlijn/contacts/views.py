from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontlijn.cases.selectors import case_list
from frontlijn.contacts import selectors, services
from frontlijn.contacts.forms import ContactMomentForm
from frontlijn.contacts.models import Promise
from frontlijn.core import idempotency, offline
from frontlijn.lib.redirects import next_param, redirect_next, safe_next
from frontlijn.privacy import access, scoping
from frontlijn.register.selectors import home_seeker_get


def contact_create(request, household_pk: int):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    household, ask = access.household_open(request, household_pk)
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


def home_seeker_contact_create(request, home_seeker_pk: int):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    home_seeker = home_seeker_get(user=request.user, pk=home_seeker_pk)
    return _contact_form(request, home_seeker=home_seeker, cases=[])


def _contact_form(request, *, household=None, home_seeker=None, cases=()):
    if (first := idempotency.first_result(request, "contact")) is not None:
        return offline.answer_saved(request, first.url, replayed=True)
    form = ContactMomentForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = next((c for c in cases if c.pk == data["case"]), None)
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
                ),
            )
        except ValidationError as exc:
            form.add_service_errors(exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
        else:
            if outcome.obj is not None:
                access.audit_change(request, outcome.obj, action="create")
            return offline.answer_saved(
                request, outcome.url, replayed=outcome.replayed, message=_("Contactmoment opgeslagen.")
            )
    if request.method == "POST" and offline.is_outbox(request):
        return offline.answer_rejected(request, form=form)
    return render(
        request, "contacts/contact_form.html", {"form": form, "household": household, "home_seeker": home_seeker}
    )


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
