from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from frontlijn.lib import clock, phone
from frontlijn.lib.query import BoundedDateTimeField, aware, parse_query
from frontlijn.privacy import access, scoping, throttle
from frontlijn.register import selectors, summary, timeline

TIMELINE_PAGE = 20  # entries per page of the household timeline


def _contact_lookup(request, lookup) -> tuple[list, str]:
    """Households found by a phone number or e-mail address, and a message when none were looked
    up (a fragment, or too many lookups). Rate-limited per user and audited without the number."""
    if not lookup.whole:
        if lookup.kind == "telefoon":
            return [], _("Typ het hele telefoonnummer, minstens 9 cijfers, bijvoorbeeld 06 12345678.")
        return [], _("Typ het hele e-mailadres, bijvoorbeeld naam@voorbeeld.nl.")
    if not throttle.contact_lookup_allowed(request.user):
        access.audit_contact_search(request, kind=lookup.kind, key=lookup.key, count=0, refused=True)
        return [], _(
            "Je hebt in korte tijd veel nummers en adressen opgezocht. Probeer het over %(minutes)s minuten "
            "opnieuw, of zoek op postcode en huisnummer."
        ) % {"minutes": throttle.contact_lookup_minutes()}
    results = selectors.with_residents(selectors.household_by_contact(user=request.user, lookup=lookup))
    access.audit_contact_search(request, kind=lookup.kind, key=lookup.key, count=len(results))
    return results, ""


class SearchQuery(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)


class TimelineQuery(forms.Form):
    voor = BoundedDateTimeField(required=False)  # the oldest entry shown so far


def search(request):
    """Search by address, name, phone number or e-mail address. The form posts (see the template);
    a GET with ``?q=`` stays for links and the back button of a name or address search."""
    if not scoping.sees_residents(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    query = parse_query(SearchQuery, request, data=request.POST if posted else None)["q"]
    lookup = selectors.contact_lookup_parse(query) if query else None
    own_address = f"{reverse('register:search')}?{urlencode({'q': query})}" if query and lookup is None else None
    if posted and not request.htmx and own_address:
        # Post/redirect/get: a name or address search gets its own address (back, reload, bookmark).
        return redirect(own_address)
    results, notice = [], ""
    if lookup is not None:
        results, notice = _contact_lookup(request, lookup)
    elif query:  # the search term itself can be a name: only the number of results is logged
        results = selectors.with_residents(selectors.household_search(user=request.user, query=query))
        access.audit_search(request, count=len(results))
    context = {"query": query, "results": results, "notice": notice}
    template = "register/_search_results.html" if request.htmx else "register/search.html"
    response = render(request, template, context)
    if request.htmx:  # a number or address stays out of the address bar and the history
        response["HX-Push-Url"] = own_address or "false"
    return response


def caller(request):
    """Screen pop: the telephony opens ``/zoeken/beller/#<number>``. The fragment never reaches the
    server (nor its access log); a small script posts it here. One match opens the household,
    several show the choice, none shows "nieuw contact". Without the script: type the number."""
    if not scoping.sees_residents(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "register/caller.html", {"number": ""})
    number = request.POST.get("nummer", "").strip()[:40]
    lookup = selectors.contact_lookup_parse(number)
    if lookup is None or lookup.kind != "telefoon":
        notice = _("Dit is geen telefoonnummer. Typ het hele nummer, bijvoorbeeld 06 12345678.")
        return render(request, "register/caller.html", {"number": number, "notice": notice}, status=200)
    results, notice = _contact_lookup(request, lookup)
    if notice:
        return render(request, "register/caller.html", {"number": number, "notice": notice})
    if len(results) == 1:
        return redirect("register:household", pk=results[0].pk)
    masked = phone.mask(lookup.key)
    return render(request, "register/caller_result.html", {"results": results, "masked": masked, "query": masked})


def household_detail(request, pk: int):
    household, ask = selectors.household_open(request, pk)
    if ask is not None:
        return ask
    beyond_open = access.apply_beyond_reason(request, household)
    residents = list(household.residents.all())
    tenancy = household.tenancies.filter(end_date__isnull=True).first()
    entries = timeline.household_timeline(user=request.user, household=household, limit=TIMELINE_PAGE + 1)
    access.audit_view(
        request,
        household,
        household=household,
        detail={
            "residents": [r.pk for r in residents],
            "entries": len(entries[:TIMELINE_PAGE]),
            **({"notities": True} if beyond_open else {}),
        },
    )
    from frontlijn.contacts.selectors import just_saved_contact

    return render(
        request,
        "register/household_detail.html",
        {
            "household": household,
            "residents": residents,
            "tenancy": tenancy,
            "summary": summary.household_summary(user=request.user, household=household, residents=residents),
            "just_saved": just_saved_contact(request, household=household),
            "entries": entries[:TIMELINE_PAGE],
            "more": len(entries) > TIMELINE_PAGE,
            "beyond_unlock": not beyond_open and access.may_unlock_beyond(request.user, household),
        },
    )


def household_timeline_more(request, pk: int):
    """Older timeline entries (htmx "Toon oudere"), ``voor`` = the oldest entry shown."""
    household, ask = selectors.household_open(request, pk)
    if ask is not None:
        return ask
    beyond_open = access.apply_beyond_reason(request, household)
    before = aware(parse_query(TimelineQuery, request)["voor"]) or clock.now()
    entries = timeline.household_timeline(
        user=request.user, household=household, limit=TIMELINE_PAGE + 1, before=before
    )
    access.audit_view(request, household, household=household, detail={"entries": len(entries[:TIMELINE_PAGE])})
    return render(
        request,
        "register/_timeline_items.html" if request.htmx else "register/household_timeline.html",
        {
            "household": household,
            "entries": entries[:TIMELINE_PAGE],
            "more": len(entries) > TIMELINE_PAGE,
            "beyond_unlock": not beyond_open and access.may_unlock_beyond(request.user, household),
        },
    )


def unit_detail(request, pk: int):
    unit = selectors.unit_get(user=request.user, pk=pk)
    households = list(selectors.household_list(user=request.user).filter(unit=unit))
    named = access.names_visible(request, households)  # the others only after the reason step
    access.audit_view(request, unit, detail={"households": len(households), "names_shown": sorted(named)})
    rows = [(h, h.pk in named) for h in households]
    return render(request, "register/unit_detail.html", {"unit": unit, "rows": rows})


def home_seeker_search(request):
    if not scoping.sees_home_seekers(request.user):
        raise PermissionDenied
    query = parse_query(SearchQuery, request)["q"]
    results = selectors.home_seeker_search(user=request.user, query=query) if query else []
    if query:
        access.audit_search(request, count=len(results))
    return render(request, "register/home_seeker_search.html", {"query": query, "results": results})


def home_seeker_detail(request, pk: int):
    home_seeker = selectors.home_seeker_get(user=request.user, pk=pk)
    access.audit_view(request, home_seeker)
    from frontlijn.contacts.selectors import contact_moment_list, with_beyond_visibility

    contacts = with_beyond_visibility(
        user=request.user,
        contacts=contact_moment_list(user=request.user)
        .filter(home_seeker=home_seeker)
        .prefetch_related("promises")
        .order_by("-occurred_at")[:50],
    )
    entries = [timeline.Entry(c.occurred_at, "contact", c) for c in contacts]
    return render(request, "register/home_seeker_detail.html", {"home_seeker": home_seeker, "entries": entries})
