"""Issue 15: the doorstep contact form — smart defaults, preset chips and quick promise dates."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.contacts.selectors import contact_form_defaults
from frontlijn.lib.dates import next_weekday
from frontlijn.teams.models import Role
from tests.factories import ContactMomentFactory, HouseholdFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def household():
    return HouseholdFactory()


@pytest.mark.parametrize(
    ("role", "channel", "minutes"),
    [
        (Role.WIJKBEHEERDER, "BEZ", 15),
        (Role.HUISMEESTER, "BEZ", 15),
        (Role.KCC_MEDEWERKER, "TEL", 5),
        (Role.BALIEMEDEWERKER, "BAL", 10),
        (Role.WOONCONSULENT, "TEL", 5),
    ],
)
def test_channel_and_duration_from_the_role(household, role, channel, minutes):
    user = staff_in(household.unit.buurt, role=role)
    defaults = contact_form_defaults(user=user, household=household)
    assert (defaults.channel, defaults.duration_minutes) == (channel, minutes)


def test_a_wijkbeheerders_last_door_choice_wins_but_not_a_phone_call(household):
    user = staff_in(household.unit.buurt)
    ContactMomentFactory(staff=user, household=household, channel="STR")
    assert contact_form_defaults(user=user, household=household).channel == "STR"
    ContactMomentFactory(staff=user, household=household, channel="TEL", occurred_at=timezone.now())
    assert contact_form_defaults(user=user, household=household).channel == "BEZ"


def test_other_roles_get_their_last_choice(household):
    user = staff_in(household.unit.buurt, role=Role.WOONCONSULENT)
    ContactMomentFactory(staff=user, household=household, channel="EMA")
    assert contact_form_defaults(user=user, household=household).channel == "EMA"


def test_the_usual_duration_follows_the_users_own_history_snapped_to_a_preset(household):
    user = staff_in(household.unit.buurt)
    for minutes in (28, 30, 35):
        ContactMomentFactory(staff=user, household=household, channel="BEZ", duration_minutes=minutes)
    defaults = contact_form_defaults(user=user, household=household)
    assert defaults.duration_minutes == 30
    assert defaults.usual_minutes["TEL"] == 5  # no history on the phone: the general usual value


def test_the_form_preselects_the_defaults_and_offers_quick_dates(client, household):
    user = staff_in(household.unit.buurt)
    client.force_login(user)
    html = client.get(f"/huishoudens/{household.pk}/contact/").content.decode()
    assert '<option value="BEZ" selected>' in html
    assert 'name="duration_minutes" value="15" checked' in html
    assert 'data-usual-minutes="TEL:5,' in html
    friday = next_weekday(timezone.localdate(), 4)
    assert f'name="promise_quick" value="{friday.isoformat()}"' in html
    assert timezone.localtime().strftime("%Y-%m-%dT%H:") in html  # "now"


def test_a_quick_date_and_a_preset_are_saved(client, household):
    user = staff_in(household.unit.buurt)
    client.force_login(user)
    friday = next_weekday(timezone.localdate(), 4)
    response = client.post(
        f"/huishoudens/{household.pk}/contact/",
        {
            "channel": "BEZ",
            "direction": "UIT",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "30",
            "beyond_note": "Gaat goed, de kleinkinderen komen vaak.",
            "promise_description": "Ik breng vrijdag de folder",
            "promise_kind": "langskomen",
            "promise_quick": friday.isoformat(),
        },
    )
    assert response.status_code == 302
    assert ContactMoment.objects.get().duration_minutes == 30
    promise = Promise.objects.get()
    assert (promise.due_date, promise.kind) == (friday, "langskomen")


def test_another_date_and_duration_override_the_chips(client, household):
    client.force_login(staff_in(household.unit.buurt))
    other = timezone.localdate() + dt.timedelta(days=12)
    client.post(
        f"/huishoudens/{household.pk}/contact/",
        {
            "channel": "TEL",
            "direction": "INK",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "5",
            "duration_other": "22",
            "subject": "Huur",
            "promise_description": "Terugbellen",
            "promise_quick": timezone.localdate().isoformat(),
            "promise_due_date": other.isoformat(),
        },
    )
    assert ContactMoment.objects.get().duration_minutes == 22
    assert Promise.objects.get().due_date == other


def test_no_duration_at_all_is_a_dutch_message(client, household):
    client.force_login(staff_in(household.unit.buurt))
    response = client.post(
        f"/huishoudens/{household.pk}/contact/",
        {
            "channel": "TEL",
            "direction": "INK",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "subject": "x",
        },
    )
    assert response.status_code == 200
    assert "Vul de duur in minuten in." in response.content.decode()
    assert not ContactMoment.objects.exists()


def test_a_user_without_teams_gets_the_phone(household):
    user = UserFactory(role=Role.VERHUURMEDEWERKER)
    assert contact_form_defaults(user=user, household=None).channel == "TEL"
