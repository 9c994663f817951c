"""The front-line briefing: figures for the area, pseudonymised quotes, a printable page and a PDF."""

import pytest

from frontlijn.plans.briefing import plan_briefing
from frontlijn.plans.pdf import briefing_pdf
from frontlijn.privacy.models import AuditEvent
from frontlijn.signals.models import Sensitivity, Signal, Theme
from frontlijn.teams.models import Role
from tests.factories import (
    BuurtFactory,
    CaseFactory,
    ComplexFactory,
    ContactMomentFactory,
    HouseholdFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
    staff_in,
)
from tests.pdftext import DUTCH_TEXT, pdf_text
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db

NOTE = (
    "Mevrouw Van Dalen (06-23456789) vertelt dat Kees van Dalen de trap niet meer op komt; "
    "de tocht bij de ramen is erg, mail k.vandalen@example.nl."
)


@pytest.fixture
def area():
    complex_ = ComplexFactory()
    unit = UnitFactory(complex=complex_, street="Lindelaan")
    household = HouseholdFactory(unit=unit)
    ResidentFactory(household=household, first_name="Kees", prefix="van", last_name="Dalen")
    wijkbeheerder = staff_in(complex_.buurt, role=Role.WIJKBEHEERDER, first_name="Sanne", last_name="Bakker")
    ContactMomentFactory(household=household, staff=wijkbeheerder, beyond_note=NOTE, beyond_tags=["woning"])
    ContactMomentFactory(
        household=household,
        staff=wijkbeheerder,
        beyond_note="Hij heeft schulden bij Kees zijn broer.",
        beyond_tags=["geldzorgen"],
    )
    CaseFactory(household=household)
    theme = Theme.objects.get(code="tocht-energie")
    signal = Signal.objects.create(
        raised_by=wijkbeheerder,
        unit=unit,
        complex=complex_,
        buurt=complex_.buurt,
        wijk=complex_.buurt.wijk,
        text="Bij Lindelaan 4 tocht het overal, ook bij Kees van Dalen, bel 0612345678.",
        sensitivity=Sensitivity.PLACE,
    )
    signal.themes.set([theme])
    plan = PlanFactory(complexes=[complex_])
    return plan, wijkbeheerder


def test_briefing_has_area_figures_and_front_staff(area):
    plan, wijkbeheerder = area
    briefing = plan_briefing(plan=plan, user=plan.owner)
    assert [t["code"] for t in briefing.themes] == ["tocht-energie"]
    assert briefing.themes[0]["total"] == 1 and briefing.themes[0]["recent"] == 1
    assert briefing.contacts["total"] == 2 and briefing.contacts["beyond"] == 2
    assert briefing.cases[0]["registered"] == 1
    assert briefing.staff == [wijkbeheerder]


def test_briefing_quotes_have_no_resident_name_phone_email_or_address(area):
    plan, _ = area
    briefing = plan_briefing(plan=plan, user=plan.owner)
    text = " ".join(q.text for q in briefing.quotes)
    assert "tocht" in text  # the quotes are there...
    for secret in ("Kees", "Dalen", "06-23456789", "0612345678", "example.nl", "Lindelaan 4"):
        assert secret not in text  # ...without what identifies the resident


def test_briefing_leaves_out_notes_about_money_and_health(area):
    plan, _ = area
    briefing = plan_briefing(plan=plan, user=plan.owner)
    assert not any("schulden" in q.text for q in briefing.quotes)


def test_briefing_leaves_out_other_areas():
    plan = PlanFactory(buurten=[BuurtFactory()])
    ContactMomentFactory(beyond_note="Een lange notitie over een heel andere buurt en haar bewoners.")
    briefing = plan_briefing(plan=plan, user=plan.owner)
    assert briefing.quotes == [] and briefing.contacts["total"] == 0


def test_briefing_pdf_has_figures_and_no_resident_data(area):
    plan, _ = area
    data = briefing_pdf(plan_briefing(plan=plan, user=plan.owner))
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Tocht, kou en energie" in text
    assert "Sanne Bakker" in text
    assert "2 contactmomenten" in text
    for secret in ("Kees", "Dalen", "23456789", "0612345678", "example.nl"):
        assert secret not in text


def test_briefing_pdf_prints_euro_diacritics_and_typographic_quotes_as_typed():
    plan = PlanFactory(title=DUTCH_TEXT, buurten=[BuurtFactory()])
    text = pdf_text(briefing_pdf(plan_briefing(plan=plan, user=plan.owner)))
    assert f"Briefing frontlijn: {DUTCH_TEXT}\n" in text
    assert "Şehir ĳsbaan" in pdf_text(
        briefing_pdf(plan_briefing(plan=PlanFactory(title="Şehir ĳsbaan"), user=plan.owner))
    )


def test_briefing_page_and_pdf_download(area, client_for):
    plan, _ = area
    client = client_for(plan.owner)
    page = client.get(f"/plannen/{plan.pk}/briefing/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Tocht, kou en energie" in body and "Dalen" not in body
    pdf = client.get(f"/plannen/{plan.pk}/briefing.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    logged = AuditEvent.objects.filter(object_type="plans.plan", object_id=str(plan.pk))
    assert sorted(logged.values_list("action", flat=True)) == ["export", "view"]


def test_briefing_is_not_for_staff_outside_the_plan(area, client_for):
    plan, _ = area
    outsider = UserFactory(role=Role.WIJKBEHEERDER)
    assert client_for(outsider).get(f"/plannen/{plan.pk}/briefing/").status_code == 404
