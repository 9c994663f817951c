"""Every page at 375 px: axe-clean (WCAG 2.1 AA, serious/critical) and nothing wider than the
phone (document.documentElement.scrollWidth <= 375). The team lead of the demo association walks
every GET page of the access matrix that can be built from the demo data, plus the pages the
issue named (teams, contact time, signals per area, plan briefing and overview)."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from tests.browser.helpers import axe_violations, format_violations
from tests.privacy import matrix

PASSWORD = "frontlijn-demo"
# Left out: the REST API (DRF's browsable pages, for integrators), Django admin, downloads, the
# htmx fragment of signal suggestions and endpoints that answer with something other than a page.
# device-key, service-worker and manifest are no pages (JSON, JavaScript, the web app manifest).
SKIP = {
    "logout",
    "set_language",
    "health",
    "two-factor",
    "login",
    "signals:suggest",
    "device-key",
    "service-worker",
    "manifest",
}
SKIP_SUFFIXES = (".pdf", ".json", ".csv", ".xlsx", ".yaml", ".png")


def _objects(ctx, user):
    from frontlijn.cases.models import Case
    from frontlijn.contacts.models import ContactMoment, Promise
    from frontlijn.plans.models import Plan
    from frontlijn.privacy import scoping
    from frontlijn.register.models import Household, Resident
    from frontlijn.signals.models import Signal
    from frontlijn.teams.models_work import RoundVisit, VisitRound

    team = user.teams.first()
    households = scoping.scope_households(user, Household.objects.filter(unit__isnull=False))
    household = households.filter(contact_moments__isnull=False).order_by("pk").first() or households.first()
    visit_round = VisitRound.objects.filter(team=team).first()
    return {
        "household": household,
        "unit": household.unit,
        "case": Case.objects.filter(household=household).first()
        or Case.objects.filter(household__in=households).first(),
        "resident": Resident.objects.filter(household=household).first(),
        "contact": ContactMoment.objects.filter(household=household).first(),
        "promise": Promise.objects.filter(owner=user).first(),
        "team": team,
        "visit_round": visit_round,
        "round_visit": RoundVisit.objects.filter(round=visit_round).first() if visit_round else None,
        "plan": Plan.objects.order_by("pk").first(),
        "signal": Signal.objects.filter(household__isnull=True).order_by("pk").first(),
        "user": user,
    }


def _urls(objects) -> list[str]:
    urls = []
    for name, endpoint in sorted(matrix.ENDPOINTS.items()):
        if (
            endpoint.method != "GET"
            or endpoint.kind == matrix.PUBLIC
            or name in SKIP
            or name.startswith(("api:", "admin:"))
        ):
            continue
        kwargs = {}
        for key, obj in endpoint.kwargs.items():
            value = objects.get(obj)
            if value is None:
                break
            kwargs[key] = value.pk
        else:
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            if not url.endswith(SKIP_SUFFIXES):
                urls.append(url)
    return urls


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_of_the_team_lead_is_clean_at_375_px(phone_page, login):
    from frontlijn.demo.loader import demo_load
    from frontlijn.teams import rounds

    ctx = demo_load(size="small", seed=7)
    user = ctx.users["teamleider"]
    objects = _objects(ctx, user)
    if objects["visit_round"] is None:  # a round, so its pages are walked too
        from django.utils import timezone

        today = timezone.localdate()
        visit_round = rounds.visit_round_create(
            team=objects["team"],
            user=user,
            name="Ronde 75+",
            criterion="75plus",
            start_date=today,
            end_date=today,
        )
        objects["visit_round"] = visit_round
        objects["round_visit"] = visit_round.visits.first()
    page = phone_page
    page.set_default_timeout(30_000)
    login(page, "teamleider", PASSWORD)
    urls = _urls(objects)
    named = [
        "/teams/",
        f"/teams/{objects['team'].pk}/",
        f"/teams/{objects['team'].pk}/contacttijd/",
        "/signalen/gebied/",
        "/plannen/overzicht/",
        f"/plannen/{objects['plan'].pk}/briefing/",
    ]
    for url in named:
        assert url in urls, f"{url} is not among the pages walked"
    failures = []
    for url in urls:
        response = page.goto(url)
        if response is None or response.status >= 400 or "/accounts/login" in page.url:
            continue  # a page this role may not open: the access-matrix test covers it
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 375:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('main *, header *')]
                    .filter(e => e.getBoundingClientRect().right > 376)
                    .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
            )
            failures.append(f"{url}: {width} px wide ({wide})")
        violations = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        if violations:
            failures.append(format_violations(violations, url))
    assert len(urls) > 30
    assert not failures, "\n".join(failures)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_phone_navigation_fits_and_opens_the_rest_under_meer(phone_page, login, assert_accessible):
    from tests.factories import BuurtFactory, staff_in

    user = staff_in(BuurtFactory(), username="wb")
    user.set_password(PASSWORD)
    user.save()
    page = phone_page
    login(page, "wb", PASSWORD)
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    box = nav.bounding_box()
    assert box["y"] + box["height"] >= 812 - 1 and box["width"] <= 375  # a bar at the bottom, within the screen
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    links = nav.get_by_role("link")
    visible = [link for link in links.all() if link.is_visible()]
    assert 3 <= len(visible) <= 5
    for link in visible:
        b = link.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 375 and b["height"] >= 44
    nav.get_by_text("Meer").click()
    more = nav.locator(".nav-more-list")
    assert more.is_visible()
    assert more.get_by_role("link").count() >= 1
    for link in more.get_by_role("link").all():
        b = link.bounding_box()
        assert b["x"] >= 0 and b["x"] + b["width"] <= 375
    assert_accessible(page)
    more.get_by_role("link").first.click()
    page.wait_for_load_state()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
