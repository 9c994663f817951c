import pytest

from frontlijn.signals.models import Theme
from frontlijn.signals.themes import DEFAULT_CODES
from tests.factories import HouseholdFactory, staff_in

pytestmark = pytest.mark.django_db


def test_default_themes_come_back_after_the_table_was_emptied(client):
    Theme.objects.all().delete()  # what a flush (demo --reset) does to the migration's rows
    household = HouseholdFactory()
    client.force_login(staff_in(household.unit.buurt))
    html = client.get(f"/signalen/nieuw/?household={household.pk}").content.decode()
    assert "Vocht en schimmel" in html
    assert sorted(Theme.objects.values_list("code", flat=True)) == sorted(DEFAULT_CODES)


def test_default_theme_names_follow_the_language_and_own_themes_stay_as_typed():
    from django.utils import translation

    own = Theme.objects.create(code="parkeren", label="Parkeeroverlast")
    damp = Theme.objects.get(code="vocht-schimmel")
    with translation.override("en"):
        assert (damp.name, str(damp), own.name) == ("Damp and mould", "Damp and mould", "Parkeeroverlast")
    with translation.override("nl"):
        assert damp.name == "Vocht en schimmel"
