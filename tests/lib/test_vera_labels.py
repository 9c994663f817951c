"""VERA code-list names are Dutch in the data and the API, and translated in the English UI."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from frontlijn.cases.models import CaseType
from frontlijn.lib import vera
from frontlijn.lib.vera.labels import NAMES, SHOWN_LISTS
from tests.factories import CaseFactory, ContactMomentFactory, HouseholdFactory, staff_in

# Names that are the same word in English.
SAME_IN_ENGLISH = {"E-mail", "SMS", "Garage", "Hospice", "Tiny house", "Maisonette", "Score"}


def _shown_names():
    for soort in SHOWN_LISTS:
        yield from (c.naam for c in vera.codes(soort, include_ended=True))
        yield from vera.EXTENSIONS.get(soort, {}).values()


def test_every_shown_name_is_listed_and_translated():
    names = set(_shown_names())
    assert names <= NAMES, names - NAMES
    with translation.override("en"):
        untranslated = {n for n in names if translation.gettext(n) == n and n not in SAME_IN_ENGLISH}
    assert not untranslated, untranslated
    with translation.override("en"):
        assert str(vera.label("COMMUNICATIEKANAAL", "TEL")) == "Phone"
        assert str(vera.label("COMMUNICATIEKANAAL", "STR")) != "Op straat / wijkronde"
    assert vera.naam("COMMUNICATIEKANAAL", "TEL") == "Telefoon"  # the VERA name itself stays Dutch


@pytest.mark.django_db
def test_the_english_household_page_shows_english_code_list_labels(client):
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    ContactMomentFactory(household=household, unit=household.unit, staff=user, channel="TEL")
    CaseFactory(household=household, unit=household.unit, case_type=CaseType.KLACHT, status="INU")
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("register:household", args=[household.pk])).content.decode()
    assert "Phone" in body and "In progress" in body
    assert "Telefoon" not in body and "In uitvoering" not in body
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    body = client.get(reverse("register:household", args=[household.pk])).content.decode()
    assert "Telefoon" in body and "In uitvoering" in body


@pytest.mark.django_db
def test_the_api_keeps_veras_dutch_names_in_any_language():
    from frontlijn.api.serializers import VeraCodeField
    from frontlijn.contacts.models import CHANNEL_CHOICES

    with translation.override("en"):
        field = VeraCodeField(names=dict(CHANNEL_CHOICES))
        assert field.to_representation("TEL") == {"code": "TEL", "naam": "Telefoon"}


@pytest.mark.django_db
def test_the_contact_form_offers_english_channels_in_english_and_dutch_ones_in_dutch(client):
    household = HouseholdFactory()
    client.force_login(staff_in(household.unit.buurt))
    url = reverse("contacts:create", args=[household.pk])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(url).content.decode()  # the unbound form's HTML is cached per language
    assert ">Phone<" in english and ">Home visit<" in english and ">Telefoon<" not in english
    assert ">Telefoon<" in dutch and ">Huisbezoek<" in dutch
