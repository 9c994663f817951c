import pytest

from frontlijn.signals import selectors
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, HouseholdFactory, UnitFactory, UserFactory, staff_in
from tests.signals.factories import SignalFactory, person_signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


def visible(user, signal) -> bool:
    return selectors.signal_list(user=user).filter(pk=signal.pk).exists()


def test_person_level_signal_only_for_staff_who_may_see_the_household(household):
    signal = person_signal(household)
    here = staff_in(household.unit.buurt)
    elsewhere = staff_in(BuurtFactory())
    assert visible(here, signal)
    assert not visible(elsewhere, signal)


def test_person_level_signal_hidden_from_plan_owner_manager_and_beheerder(household):
    signal = person_signal(household)
    for role in (Role.PLANEIGENAAR, Role.MANAGER, Role.BEHEERDER):
        assert not visible(UserFactory(role=role), signal), role


def test_kcc_sees_person_level_signals_only_in_own_area(household):
    signal = person_signal(household)
    assert not visible(UserFactory(role=Role.KCC_MEDEWERKER), signal)
    assert visible(staff_in(household.unit.buurt, role=Role.KCC_MEDEWERKER), signal)


def test_raiser_always_sees_own_signal(household):
    raiser = staff_in(BuurtFactory())
    signal = person_signal(household, raised_by=raiser)
    assert visible(raiser, signal)


def test_place_level_signal_for_area_staff_and_plan_owners():
    signal = SignalFactory()
    assert visible(staff_in(signal.buurt), signal)
    assert visible(UserFactory(role=Role.PLANEIGENAAR), signal)
    assert not visible(staff_in(BuurtFactory()), signal)


def test_wijk_level_signal_visible_to_staff_of_a_buurt_in_that_wijk():
    buurt = BuurtFactory()
    signal = SignalFactory(buurt=None, wijk=buurt.wijk)
    assert visible(staff_in(buurt), signal)
    assert not visible(staff_in(BuurtFactory()), signal)


def test_aggregates_count_person_level_signals_without_text(household):
    person_signal(household, themes=["eenzaamheid"])
    manager = UserFactory(role=Role.MANAGER)
    summary = selectors.signal_theme_summary_for_area(user=manager, buurt_ids=[household.unit.buurt_id])
    assert [(r["code"], r["total"]) for r in summary] == [("eenzaamheid", 1)]
    assert list(selectors.signal_list_for_area(user=manager, buurt_ids=[household.unit.buurt_id])) == []


def test_detail_page_is_404_for_staff_outside_the_area(client_for, household):
    signal = person_signal(household)
    assert client_for(staff_in(BuurtFactory())).get(f"/signalen/{signal.pk}/").status_code == 404
    response = client_for(staff_in(household.unit.buurt)).get(f"/signalen/{signal.pk}/")
    assert response.status_code == 200
    assert "eenzaam" in response.content.decode()


def test_household_timeline_shows_signal_to_area_staff(client_for, household):
    person_signal(household)
    response = client_for(staff_in(household.unit.buurt)).get(f"/huishoudens/{household.pk}/")
    assert response.status_code == 200
    assert "tl-signal" in response.content.decode()


def test_area_view_renders_counts_and_plot(client_for):
    unit = UnitFactory()
    SignalFactory(buurt=unit.buurt, complex=unit.complex, themes=["geluid"])
    response = client_for(UserFactory(role=Role.MANAGER)).get(f"/signalen/gebied/?wijk={unit.buurt.wijk_id}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body
    assert "Geluidsoverlast" in body
