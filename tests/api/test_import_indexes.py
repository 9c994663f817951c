"""The tables an import writes carry no index that another index already covers.

Every index is written on every imported row (docs/BENCHMARKS.md, "Imports": on the contact
moments table the bare write of 100,000 rows went from 1.9 to 1.5 s on PostgreSQL when four
of its nine secondary indexes went or became partial). A foreign key's own index is redundant
where a full (not partial) composite index starts with the same column.
"""

from __future__ import annotations

import pytest
from django.db import connection, models

from frontlijn.api.exchange.kinds import KINDS


def _covered_fk_indexes(model: type[models.Model]) -> list[str]:
    leading = {
        model._meta.get_field(index.fields[0].lstrip("-")).column
        for index in model._meta.indexes
        if index.condition is None and len(index.fields) > 1
    }
    return [
        f.column
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.db_index and f.column in leading
    ]


@pytest.mark.parametrize("kind", sorted(KINDS.values(), key=lambda k: k.name), ids=lambda k: k.name)
def test_no_foreign_key_index_that_a_composite_index_covers(kind):
    assert _covered_fk_indexes(kind.model) == []


@pytest.mark.django_db
def test_contact_moments_table_has_the_partial_indexes_and_not_the_covered_ones():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "contacts_contactmoment")
    single = sorted(tuple(c["columns"]) for c in constraints.values() if c["index"] and len(c["columns"]) == 1)
    assert ("household_id",) not in single and ("staff_id",) not in single
    assert {"contact_case", "contact_home_seeker"} <= set(constraints)


def test_the_check_sees_a_covered_index():
    """The check itself: the contact moment model with its household index switched back on fails it."""
    from frontlijn.contacts.models import ContactMoment

    field = ContactMoment._meta.get_field("household")
    field.db_index = True
    try:
        assert _covered_fk_indexes(ContactMoment) == ["household_id"]
    finally:
        field.db_index = False
