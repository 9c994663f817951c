"""The fast generator: rows written by COPY / executemany read back as normal model objects."""

import pytest

from bench.generate import generate
from frontlijn.cases.models import Case
from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.lib import clock
from frontlijn.register.models import Household


@pytest.fixture
def tiny(db):
    """A tiny association (80 units, ~2,000 contacts), inside the test's transaction."""
    return generate(size="tiny", seed=7)


@pytest.mark.django_db
def test_generate_reports_the_rows_it_wrote(tiny):
    assert tiny["counts"]["contacts"] == ContactMoment.objects.count() > 1000
    assert tiny["counts"]["cases"] == Case.objects.count() > 100
    assert tiny["counts"]["units"] == 80


@pytest.mark.django_db
def test_generated_contacts_read_back_with_json_tags_and_aware_times(tiny):
    contact = ContactMoment.objects.exclude(beyond_tags=[]).select_related("case").first()
    assert isinstance(contact.beyond_tags, list) and contact.beyond_tags
    assert contact.occurred_at.tzinfo is not None
    linked = ContactMoment.objects.filter(case__isnull=False).first()
    assert linked.case.household_id == linked.household_id


@pytest.mark.django_db
def test_generated_signals_carry_their_theme(tiny):
    from frontlijn.signals.models import Signal

    assert tiny["counts"]["signals"] == Signal.objects.count() > 0
    signal = Signal.objects.prefetch_related("themes").first()
    assert [t.code for t in signal.themes.all()] == signal.suggested


@pytest.mark.django_db
def test_household_last_contact_is_its_newest_contact(tiny):
    household = Household.objects.filter(contact_moments__isnull=False).first()
    newest = household.contact_moments.order_by("-occurred_at").first()
    assert household.last_contact_at == newest.occurred_at


@pytest.mark.django_db
def test_new_rows_get_fresh_ids_after_generated_ones(tiny):
    """Ids were assigned by the generator; the database's sequence must have moved past them."""
    contact = ContactMoment.objects.first()
    promise = Promise.objects.create(
        household=contact.household,
        owner=contact.staff,
        description="Terugbellen",
        due_date=clock.localdate(contact.occurred_at),
    )
    copy = ContactMoment.objects.create(
        channel="TEL", staff=contact.staff, occurred_at=contact.occurred_at, duration_minutes=5
    )
    assert copy.pk > ContactMoment.objects.exclude(pk=copy.pk).order_by("-pk").first().pk
    assert promise.pk


@pytest.mark.django_db
def test_the_bulk_tables_have_all_their_indexes_after_generating(tiny):
    """On SQLite the generator drops secondary indexes while loading: they must all be back."""
    from django.db import connection

    from frontlijn.signals.models import Signal

    for model in (ContactMoment, Case, Promise, Signal):
        with connection.cursor() as cursor:
            present = {
                index
                for index, info in connection.introspection.get_constraints(cursor, model._meta.db_table).items()
                if info["index"]
            }
        expected = {index.name for index in model._meta.indexes}
        assert expected and expected <= present, model
