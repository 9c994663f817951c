"""One rule, one declaration (issue 20): random contact moments go through the web form, the API's
write and the import (the staging path on PostgreSQL, row by row on SQLite), and all three must
give the same verdict for the same reasons."""

import csv
import datetime as dt
import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from frontlijn.api import services
from frontlijn.api.exchange.files import import_file
from frontlijn.api.exchange.kinds import get_kind
from frontlijn.api.serializers import ContactmomentSerializer
from frontlijn.contacts.forms import ContactMomentForm
from frontlijn.contacts.rules import CONTACT_RULES, MAX_DURATION_MINUTES
from frontlijn.lib import clock
from frontlijn.teams.models import Role
from tests.factories import HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db
TEXTS = ["", "   ", "Lekkage", "BSN 111222333 genoemd", "Bel 0612345678 terug", "123456782", "x" * 150]
KEYS = itertools.count()


@pytest.fixture
def world():
    HouseholdFactory(id_extern="HH1")
    UserFactory(username="kcc", role=Role.KCC_MEDEWERKER)
    return UserFactory(username="beheer", role=Role.BEHEERDER)


def via_form(moment: dt.datetime, duur: int, texts: tuple[str, str, str]) -> set[str]:
    local = clock.localtime(moment).strftime("%Y-%m-%dT%H:%M")
    form = ContactMomentForm(
        data={
            "channel": "TEL",
            "direction": "INK",
            "occurred_at": local,
            "duration_minutes": str(duur),
            "subject": texts[0],
            "process_note": texts[1],
            "beyond_note": texts[2],
        }
    )
    form.is_valid()
    return {str(m) for messages in form.errors.values() for m in messages}


def via_api(user, key: str, moment: dt.datetime, duur: int, texts: tuple[str, str, str]) -> set[str]:
    data = {
        "kanaal": {"code": "TEL"},
        "richting": {"code": "INK"},
        "datum": moment.isoformat(),
        "duur": duur,
        "onderwerp": texts[0],
        "omschrijving": texts[1],
        "verderDanHetProces": texts[2],
        "huishouden": "HH1",
    }
    try:
        services.record_upsert(kind="contactmomenten", user=user, id_extern=key, data=data)
    except services.UpsertError as exc:
        return {str(m) for messages in exc.errors.values() for m in messages}
    return set()


def via_import(key: str, moment: dt.datetime, duur: int, texts: tuple[str, str, str]) -> set[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            # The staff member is required in an import (the form and the API know who is writing).
            writer.writerow(
                [
                    *("idExtern", "kanaal", "datum", "duur", "onderwerp", "omschrijving", "verderDanHetProces"),
                    *("medewerker", "huishouden"),
                ]
            )
            writer.writerow([key, "TEL", moment.isoformat(), duur, *texts, "kcc", "HH1"])
        report = import_file(kind=get_kind("contactmomenten"), path=path)
    return {reason for _line, _column, reason in report.errors}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    offset=st.integers(min_value=-60 * 24 * 400, max_value=60 * 24 * 3),
    duur=st.integers(min_value=-3, max_value=MAX_DURATION_MINUTES + 60),
    texts=st.tuples(st.sampled_from(TEXTS), st.sampled_from(TEXTS), st.sampled_from(TEXTS)),
)
def test_form_api_and_import_give_the_same_verdict_for_the_same_reasons(world, offset, duur, texts):
    assume(not 3 <= offset <= 7)  # a moment right at the edge of "not in the future" moves while we check
    now = clock.now().replace(second=0, microsecond=0)
    moment = now + dt.timedelta(minutes=offset)
    # The form takes a time as typed on the wall clock, which in the repeated October hour means
    # its first occurrence: all three paths get the instant the form reads, so that they are
    # compared on the same moment (an hour apart they may rightly differ on "in the future").
    moment = clock.from_wall_clock(clock.localtime(moment).replace(tzinfo=None))
    key = f"DIFF-{next(KEYS)}"
    form = via_form(moment, duur, texts)
    api = via_api(world, key, moment, duur, texts)
    imported = via_import(key + "-i", moment, duur, texts)
    assert form == api == imported, (moment, duur, texts)


def test_the_serializer_takes_the_duration_bounds_from_the_declared_rule():
    duration = next(r for r in CONTACT_RULES if getattr(r, "field", "") == "duration_minutes")
    field = ContactmomentSerializer().fields["duur"]
    assert (field.min_value, field.max_value) == (duration.minimum, duration.maximum) == (1, MAX_DURATION_MINUTES)


def test_the_column_formats_are_declared_as_data():
    kind = get_kind("contactmomenten")
    formats = {c.name: c.parse.rule for c in kind.columns if c.parse}
    assert formats["kanaal"].type == "code" and "TEL" in formats["kanaal"].choices
    assert formats["onderwerp"].max_length == 200
    assert formats["datum"].type == "datetime"
