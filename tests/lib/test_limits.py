"""Free text has a limit: a 108,000-character POST gets a clear Dutch message, keeps what was
typed and never a server error; the page shows the limit and the counter hook."""

import pytest
from django.utils import timezone

from frontlijn.cases.models import Case
from frontlijn.contacts.models import ContactMoment
from frontlijn.lib import limits
from frontlijn.signals.models import Signal
from tests.factories import BuurtFactory, HouseholdFactory, UnitFactory, staff_in

pytestmark = pytest.mark.django_db
HUGE = ("Mevrouw vertelde uitgebreid over haar buren. " * 2500)[:107_999] + "."


@pytest.fixture
def world(client_for):
    buurt = BuurtFactory()
    household = HouseholdFactory(unit=UnitFactory(buurt=buurt, complex__buurt=buurt))
    user = staff_in(buurt)
    return household, client_for(user)


def _now():
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


CASES = {
    "contact": (
        lambda h: f"/huishoudens/{h.pk}/contact/",
        lambda: {"channel": "BEZ", "direction": "INK", "occurred_at": _now(), "duration_minutes": "10"},
        "beyond_note",
        ContactMoment,
    ),
    "contact process note": (
        lambda h: f"/huishoudens/{h.pk}/contact/",
        lambda: {"channel": "BEZ", "direction": "INK", "occurred_at": _now(), "duration_minutes": "10"},
        "process_note",
        ContactMoment,
    ),
    "signal": (lambda h: f"/signalen/nieuw/?household={h.pk}", lambda: {"sensitivity": "persoon"}, "text", Signal),
    "case": (lambda h: f"/zaken/nieuw/{h.pk}/", lambda: {"case_type": "REP"}, "description", Case),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_108000_character_post_gets_a_dutch_message_and_keeps_the_text(world, name):
    household, client = world
    url, data, field, model = CASES[name]
    response = client.post(url(household), {**data(), field: HUGE})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze tekst is te lang: hoogstens 4000 tekens, en het zijn er nu 108000." in html
    assert HUGE[:2000] in html  # what was typed is still there
    assert not model.objects.exists()


def test_the_subject_has_its_own_limit(world):
    household, client = world
    response = client.post(
        f"/huishoudens/{household.pk}/contact/",
        {"channel": "BEZ", "direction": "INK", "occurred_at": _now(), "duration_minutes": "10", "subject": "x" * 500},
    )
    assert response.status_code == 200
    assert f"hoogstens {limits.SUBJECT} tekens" in response.content.decode()
    assert not ContactMoment.objects.exists()


def test_a_note_at_the_limit_is_saved(world):
    household, client = world
    response = client.post(
        f"/huishoudens/{household.pk}/contact/",
        {
            "channel": "BEZ",
            "direction": "INK",
            "occurred_at": _now(),
            "duration_minutes": "10",
            "beyond_note": "a" * limits.NOTE,
        },
    )
    assert response.status_code == 302
    assert len(ContactMoment.objects.get().beyond_note) == limits.NOTE


def test_the_form_shows_the_limit_and_the_counter_hook(world):
    household, client = world
    html = client.get(f"/huishoudens/{household.pk}/contact/").content.decode()
    assert f'maxlength="{limits.NOTE}"' in html
    assert 'data-counter="{n} van {max} tekens"' in html
    assert "frontlijn/counter.js" in html


def test_a_round_visit_note_is_limited_too(client_for):
    from frontlijn.lib.limits import NOTE
    from frontlijn.teams.forms import VisitRecordForm

    form = VisitRecordForm({"outcome": "bezocht", "occurred_at": _now(), "duration_minutes": "5", "beyond_note": HUGE})
    assert not form.is_valid()
    assert f"hoogstens {NOTE} tekens" in form.errors["beyond_note"][0]
