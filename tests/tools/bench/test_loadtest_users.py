"""The load test's accounts only open households of their own area (no reason prompts, no 404s)."""

import json

import pytest

from bench.loadtest import write_users
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, ResidentFactory, UnitFactory, UserFactory, area


@pytest.mark.django_db
def test_loadtest_accounts_get_households_of_their_own_area(tmp_path):
    buurt, team = area()
    other_buurt = BuurtFactory()
    mine = [HouseholdFactory(unit=UnitFactory(complex__buurt=buurt)) for _ in range(3)]
    for household in mine:
        ResidentFactory(household=household, last_name="Visser")
    HouseholdFactory(unit=UnitFactory(complex__buurt=other_buurt))
    UserFactory(username="wb1", role=Role.WIJKBEHEERDER, teams=[team])
    UserFactory(username="kcc1", role=Role.KCC_MEDEWERKER)

    n = write_users(out=tmp_path / "users.json", count=2)

    data = json.loads((tmp_path / "users.json").read_text())
    assert n == 2
    assert [a["username"] for a in data["accounts"]] == ["wb1", "wb1"]
    assert sorted(data["accounts"][0]["households"]) == sorted(h.pk for h in mine)
    assert "Visser" in data["accounts"][0]["queries"]


@pytest.mark.django_db
def test_each_simulated_user_gets_a_working_session_of_its_own(tmp_path, client):
    buurt, team = area()
    HouseholdFactory(unit=UnitFactory(complex__buurt=buurt))
    UserFactory(username="wb1", role=Role.WIJKBEHEERDER, teams=[team])

    write_users(out=tmp_path / "users.json", count=2)

    keys = [a["sessionid"] for a in json.loads((tmp_path / "users.json").read_text())["accounts"]]
    assert len(set(keys)) == 2
    client.cookies["sessionid"] = keys[0]
    assert client.get("/").status_code == 200  # logged in: no redirect to the login page
