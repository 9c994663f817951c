from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from frontlijn.privacy import access, scoping
from frontlijn.register import selectors, summary, timeline

TIMELINE_PAGE = 20  # entries per page of the household timeline


def search(request):
    if not scoping.sees_residents(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    results = selectors.household_search(user=request.user, query=query) if query else []
    if query:  # the search term itself can be a name: only the number of results is logged
        access.audit_search(request, count=len(results))
    context = {"query": query, "results": results}
    template = "register/_search_results.html" if request.htmx else "register/search.html"
    return render(request, template, context)


def household_detail(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    if (ask := access.reason_redirect(request, household)) is not None:
        return ask
    access.audit_view(request, household, household=household)
    residents = list(household.residents.all())
    tenancy = household.tenancies.filter(end_date__isnull=True).first()
    entries = timeline.household_timeline(user=request.user, household=household, limit=TIMELINE_PAGE + 1)
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
        },
    )


def household_timeline_more(request, pk: int):
    """Older timeline entries (htmx "Toon oudere"), ``voor`` = the oldest entry shown."""
    household = selectors.household_get(user=request.user, pk=pk)
    if (ask := access.reason_redirect(request, household)) is not None:
        return ask
    before = parse_datetime(request.GET.get("voor", "")) or timezone.now()
    if timezone.is_naive(before):
        before = timezone.make_aware(before)
    entries = timeline.household_timeline(
        user=request.user, household=household, limit=TIMELINE_PAGE + 1, before=before
    )
    return render(
        request,
        "register/_timeline_items.html" if request.htmx else "register/household_timeline.html",
        {"household": household, "entries": entries[:TIMELINE_PAGE], "more": len(entries) > TIMELINE_PAGE},
    )


def unit_detail(request, pk: int):
    unit = selectors.unit_get(user=request.user, pk=pk)
    households = selectors.household_list(user=request.user).filter(unit=unit)
    access.audit_view(request, unit, detail={"households": len(households)})
    return render(request, "register/unit_detail.html", {"unit": unit, "households": households})


def home_seeker_search(request):
    if not scoping.sees_home_seekers(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
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
