from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontlijn.cases.selectors import case_list
from frontlijn.contacts import selectors, services
from frontlijn.contacts.forms import ContactMomentForm
from frontlijn.contacts.models import Promise
from frontlijn.lib.redirects import redirect_next
from frontlijn.privacy import access, scoping
from frontlijn.register.selectors import home_seeker_get


def contact_create(request, household_pk: int):
    if not scoping.can_log_contacts(request.user):
        raise PermissionDenied
    household, ask = access.household_open(request, household_pk)
    if ask is not None:
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
    form = ContactMomentForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = next((c for c in cases if c.pk == data["case"]), None)
        try:
            contact = services.contact_moment_create(
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
            )
        except ValidationError as exc:
            form.add_service_errors(exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
        else:
            access.audit_change(request, contact, action="create")
            messages.success(request, _("Contactmoment opgeslagen."))
            if household is not None:
                return redirect("register:household", pk=household.pk)
            return redirect("register:home-seeker", pk=home_seeker.pk)
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
    services.promise_complete(promise=_own_promise(request, pk), user=request.user)
    messages.success(request, _("Belofte nagekomen. Goed gedaan!"))
    return redirect_next(request, "contacts:promises")


@require_POST
def promise_cancelled(request, pk: int):
    services.promise_cancel(promise=_own_promise(request, pk), user=request.user)
    messages.info(request, _("Belofte op vervallen gezet."))
    return redirect_next(request, "contacts:promises")
