"""A signal raised on a walk placed on an address: found by postcode and house number, within the
raiser's scope, audited; clear Dutch messages when it cannot be placed."""

import pytest

from frontlijn.privacy.models import AuditEvent
from frontlijn.register.selectors import unit_find_by_address
from frontlijn.signals.models import Sensitivity, Signal
from tests.factories import UnitFactory, staff_in

pytestmark = pytest.mark.django_db


def _post(client, address, **extra):
    data = {"text": "Lekkage bij de voordeur", "themes": ["onderhoud"], "urgency": "normaal", "sensitivity": "plek"}
    return client.post("/signalen/nieuw/", {**data, "address": address, **extra})


def test_a_signal_is_placed_on_the_unit_at_postcode_and_number(client_for):
    unit = UnitFactory(postcode="1234 AB", house_number=12)
    UnitFactory(postcode="1234 AB", house_number=14, complex=unit.complex)
    user = staff_in(unit.buurt)
    client = client_for(user)
    assert 'name="address"' in client.get("/signalen/nieuw/").content.decode()
    before = AuditEvent.objects.filter(object_type="register.unit").count()
    response = _post(client, "1234ab 12")
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert (signal.unit, signal.complex, signal.buurt, signal.wijk) == (unit, unit.complex, unit.buurt, unit.buurt.wijk)
    assert AuditEvent.objects.filter(object_type="register.unit").count() == before + 1


def test_a_person_level_signal_may_be_placed_on_an_address(client_for):
    unit = UnitFactory(postcode="1234 AB", house_number=3)
    client = client_for(staff_in(unit.buurt))
    assert _post(client, "1234 AB 3", sensitivity="persoon").status_code == 302
    assert Signal.objects.get().sensitivity == Sensitivity.PERSON


def test_an_address_outside_the_raisers_area_is_not_found(client_for):
    unit = UnitFactory(postcode="1234 AB", house_number=12)
    elsewhere = staff_in(UnitFactory().buurt)
    assert unit_find_by_address(user=elsewhere, query="1234 AB 12") == []
    response = _post(client_for(elsewhere), "1234 AB 12")
    body = response.content.decode()
    assert response.status_code == 200
    assert "geen woning in jouw gebied" in body
    assert "Lekkage bij de voordeur" in body and 'value="1234 AB 12"' in body  # kept as typed
    assert not Signal.objects.exists()
    assert unit.pk  # the unit exists, it is only out of scope


def test_several_addresses_on_one_number_ask_for_letter_or_addition(client_for):
    a = UnitFactory(postcode="1234 AB", house_number=12, house_letter="A")
    UnitFactory(postcode="1234 AB", house_number=12, house_letter="B", complex=a.complex)
    client = client_for(staff_in(a.buurt))
    response = _post(client, "1234 AB 12")
    assert response.status_code == 200 and "huisletter of toevoeging" in response.content.decode()
    assert not Signal.objects.exists()
    assert _post(client, "1234 AB 12a").status_code == 302
    assert Signal.objects.get().unit == a


def test_text_that_is_no_postcode_with_number_gets_a_clear_message(client_for):
    unit = UnitFactory()
    response = _post(client_for(staff_in(unit.buurt)), "Dorpsstraat")
    assert response.status_code == 200
    assert "Typ een postcode met huisnummer" in response.content.decode()
    assert not Signal.objects.exists()
