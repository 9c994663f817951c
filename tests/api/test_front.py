"""Signals, plans and inputs are readable through the API with the web app's scoping."""

import pytest

from tests.factories import BuurtFactory, HouseholdFactory, UserFactory, staff_in
from tests.plans.factories import InputFactory, InvitationFactory
from tests.signals.factories import SignalFactory, person_signal

pytestmark = pytest.mark.django_db


def test_person_signal_is_only_listed_inside_the_area(api_client_for):
    buurt_a, buurt_b = BuurtFactory(), BuurtFactory()
    person_signal(HouseholdFactory(unit__complex__buurt=buurt_a), id_extern="S-A")
    person_signal(HouseholdFactory(unit__complex__buurt=buurt_b), id_extern="S-B")
    data = api_client_for(staff_in(buurt_a)).get("/api/v1/signalen/").json()
    assert [s["idExtern"] for s in data["results"]] == ["S-A"]
    assert data["results"][0]["gevoeligheid"]["code"] == "persoon"


def test_place_signal_shows_themes_and_place(api_client_for):
    buurt = BuurtFactory(id_extern="BU-1")
    SignalFactory(buurt=buurt, themes=["vervuiling"])
    (signal,) = api_client_for(staff_in(buurt)).get("/api/v1/signalen/").json()["results"]
    assert (signal["buurt"], signal["themas"]) == ("BU-1", ["vervuiling"])


def test_staff_sees_own_inputs_not_colleagues(api_client_for):
    me, colleague = UserFactory(), UserFactory()
    mine = InputFactory(author=me, text="Mijn inbreng")
    InvitationFactory(round=mine.round, user=me)
    InvitationFactory(round=mine.round, user=colleague)
    InputFactory(round=mine.round, author=colleague, text="Andere inbreng")
    data = api_client_for(me).get("/api/v1/inbreng/").json()
    assert [i["tekst"] for i in data["results"]] == ["Mijn inbreng"]
    plans = api_client_for(me).get("/api/v1/plannen/").json()["results"]
    assert [p["id"] for p in plans] == [mine.round.plan_id]


def test_plan_owner_sees_all_inputs_on_their_plan(api_client_for):
    first = InputFactory()
    InputFactory(round=first.round)
    data = api_client_for(first.round.plan.owner).get("/api/v1/inbreng/").json()
    assert len(data["results"]) == 2
