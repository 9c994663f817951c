"""The plan briefing's quotes are decided in privacy.scoping, like every other read of notes."""

import pytest
from django.contrib.auth.models import AnonymousUser

from frontlijn.contacts.models import BeyondTag, ContactMoment
from frontlijn.privacy import scoping
from tests.factories import BuurtFactory, ContactMomentFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_briefing_never_quotes_health_or_money_notes():
    assert {BeyondTag.HEALTH.value, BeyondTag.MONEY.value} == scoping.BRIEFING_EXCLUDED_NOTE_TAGS
    assert not scoping.may_quote_in_briefing(ContactMoment(beyond_tags=[BeyondTag.MONEY.value]))
    assert scoping.may_quote_in_briefing(ContactMoment(beyond_tags=["woning"]))


def test_briefing_notes_are_those_of_the_plan_area_only():
    buurt = BuurtFactory()
    inside = ContactMomentFactory(unit=UnitFactory(complex__buurt=buurt), beyond_note="Iets wat de wijk moet weten.")
    ContactMomentFactory(unit=UnitFactory(complex__buurt=buurt), beyond_note="")
    ContactMomentFactory(beyond_note="Een notitie uit een andere buurt.")
    user = UserFactory()
    rows = ContactMoment.objects.filter(scoping.briefing_note_q(user, buurt_ids={buurt.pk}))
    assert list(rows) == [inside]
    assert not ContactMoment.objects.filter(scoping.briefing_note_q(AnonymousUser(), buurt_ids={buurt.pk})).exists()
    assert not ContactMoment.objects.filter(scoping.briefing_note_q(user, buurt_ids=set())).exists()
