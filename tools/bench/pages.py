"""The main pages, as (name, url) pairs, shared by the request benchmark and the query-count test."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse
from django.utils.http import urlencode

# Pages of other apps, measured when they exist: (name, url name, kwargs builder).
OPTIONAL_PAGES = [
    ("signals", "signals:list", None),
    ("signals-new", "signals:create", None),
    ("dashboard", "dashboard:index", None),
    ("plans", "plans:list", None),
    ("teams", "teams:list", None),
    ("impact", "appreciation:impact", None),
]


def bare_view(request):
    """The baseline for request overhead: the whole middleware stack, no application work."""
    return HttpResponse("ok", content_type="text/plain")


# A URLconf for benchmarks: every real URL plus the bare view.
urlpatterns = [path("__bench__/bare/", bare_view, name="bench-bare"), path("", include("frontlijn.urls"))]


def main_pages(*, household, query: str) -> list[tuple[str, str]]:
    """The front staff's main pages for ``household`` (timeline, contact form) and searches: by a
    resident's name (``query``) and by the household's postcode and house number."""
    search = reverse("register:search")
    pages = [("home", reverse("core:home")), ("search", search + "?" + urlencode({"q": query}))]
    if household.unit_id:
        unit = household.unit
        pages.append(("search-postcode", search + "?" + urlencode({"q": f"{unit.postcode} {unit.house_number}"})))
    pages += [
        ("timeline", reverse("register:household", kwargs={"pk": household.pk})),
        ("contact-form", reverse("contacts:create", kwargs={"household_pk": household.pk})),
        ("cases", reverse("cases:list")),
        ("promises", reverse("contacts:promises")),
        ("inbox", reverse("core:inbox")),
    ]
    for name, url_name, _kwargs in OPTIONAL_PAGES:
        try:
            pages.append((name, reverse(url_name)))
        except NoReverseMatch:
            continue
    return pages
