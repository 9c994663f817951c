from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from frontlijn.privacy import scoping
from frontlijn.register import selectors, timeline


def search(request):
    if not scoping.sees_residents(request.user):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    results = selectors.household_search(user=request.user, query=query) if query else []
    context = {"query": query, "results": results}
    template = "register/_search_results.html" if request.htmx else "register/search.html"
    return render(request, template, context)


def household_detail(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    residents = list(household.residents.all())
    tenancy = household.tenancies.filter(end_date__isnull=True).first()
    entries = timeline.household_timeline(user=request.user, household=household)
    return render(
        request,
        "register/household_detail.html",
        {"household": household, "residents": residents, "tenancy": tenancy, "entries": entries},
    )


def unit_detail(request, pk: int):
    unit = selectors.unit_get(user=request.user, pk=pk)
    households = selectors.household_list(user=request.user).filter(unit=unit)
    return render(request, "register/unit_detail.html", {"unit": unit, "households": households})
