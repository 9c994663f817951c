"""Issue 15, before the doorbell: the summary at the top of the household page, scoped."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.contacts.models import BeyondTag
from frontlijn.privacy.access import SESSION_KEY
from frontlijn.register.summary import household_summary
from frontlijn.signals.models import Sensitivity, Theme
from frontlijn.signals.themes import ensure_default_themes
from frontlijn.teams.models import Role
from tests.factories import (
    CaseFactory,
    ContactMomentFactory,
    HouseholdFactory,
    PromiseFactory,
    ResidentFactory,
    UserFactory,
    staff_in,
)
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    ensure_default_themes()
    household = HouseholdFactory()
    year = timezone.localdate().year
    ResidentFactory(household=household, first_name="Truus", birth_year=year - 80, preferred_language="nl")
    ResidentFactory(household=household, first_name="Mehmet", birth_year=year - 50, preferred_language="tr")
    colleague = staff_in(household.unit.buurt, first_name="Karim")
    ContactMomentFactory(
        staff=colleague,
        household=household,
        channel="BEZ",
        beyond_note="Mevrouw is eenzaam.",
        beyond_tags=[BeyondTag.LONELINESS],
        occurred_at=timezone.now() - dt.timedelta(days=3),
    )
    PromiseFactory(
        household=household,
        owner=colleague,
        description="Folder brengen",
        due_date=timezone.localdate() - dt.timedelta(days=4),
    )
    CaseFactory(household=household, target_date=timezone.localdate() - dt.timedelta(days=10))
    signal = SignalFactory(
        raised_by=colleague,
        household=household,
        unit=household.unit,
        buurt=household.unit.buurt,
        text="Zorgen om mevrouw",
        sensitivity=Sensitivity.PERSON,
    )
    signal.themes.set([Theme.objects.get(code="zorg")])
    return household, colleague


def test_the_summary_for_the_area_colleague(client, world):
    household, colleague = world
    user = staff_in(household.unit.buurt)
    summary = household_summary(user=user, household=household, residents=list(household.residents.all()))
    assert {(r.first_name, r.age, r.language) for r in summary.residents} == {
        ("Truus", 80, ""),
        ("Mehmet", 50, "Turks"),
    }
    assert "75+" in summary.attention
    assert "spreekt liever Turks" in summary.attention
    assert any(a.startswith("kwetsbaar: ") and "eenzaamheid" in a and "zorg" in a for a in summary.attention)
    assert [p.description for p in summary.promises] == ["Folder brengen"]
    assert len(summary.cases) == 1 and len(summary.signals) == 1
    assert summary.last_contact.staff == colleague

    client.force_login(user)
    html = client.get(f"/huishoudens/{household.pk}/").content.decode()
    section = html[html.index('class="doorbell"') : html.index("</section>", html.index('class="doorbell"'))]
    assert "Truus" in section and "80 jaar" in section and "Turks" in section
    assert "te laat sinds 4 dagen" in section and "te laat sinds 10 dagen" in section
    assert "Laatste contact: Karim" in section and "huisbezoek" in section
    assert "kwetsbaar" in section


def test_kcc_outside_its_area_sees_the_household_but_not_its_vulnerability(client, world):
    household, _colleague = world
    kcc = UserFactory(role=Role.KCC_MEDEWERKER)  # no team: whole register, no area of its own
    summary = household_summary(user=kcc, household=household, residents=list(household.residents.all()))
    assert "75+" in summary.attention  # age and language are part of the household data it may see
    assert not any(a.startswith("kwetsbaar") for a in summary.attention)
    assert summary.signals == []  # a person-level signal outside its area
    client.force_login(kcc)
    session = client.session  # the reason step an organisation-wide role goes through first
    session[SESSION_KEY] = {str(household.pk): {"day": timezone.localdate().isoformat(), "reason": "belt"}}
    session.save()
    response = client.get(f"/huishoudens/{household.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voor je aanbelt" in html and "Truus" in html
    assert "kwetsbaar" not in html and "eenzaam" not in html


def test_the_beheerder_sees_no_vulnerability(world):
    household, _colleague = world
    beheerder = UserFactory(role=Role.BEHEERDER)
    summary = household_summary(user=beheerder, household=household, residents=list(household.residents.all()))
    assert not any(a.startswith("kwetsbaar") for a in summary.attention)


def test_an_empty_household_says_no_contact_yet(client):
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    client.force_login(user)
    assert "Nog geen contact vastgelegd." in client.get(f"/huishoudens/{household.pk}/").content.decode()
