"""Detail types (VERA ZAAKTYPEDETAILSOORT) belong to their case type: a repair request has none,
"Hennepkwekerij" is an overlastmelding."""

import pytest
from django.core.exceptions import ValidationError

from frontlijn.cases import services
from frontlijn.cases.forms import CaseForm
from frontlijn.cases.models import Case, CaseType, detail_codes_for
from tests.factories import HouseholdFactory, staff_in

pytestmark = pytest.mark.django_db


def test_each_case_type_offers_only_its_own_detail_types():
    assert detail_codes_for(CaseType.REPARATIEVERZOEK) == []
    nuisance = dict(detail_codes_for(CaseType.OVERLASTMELDING))
    assert nuisance["HEN"] == "Hennepkwekerij" and "GEL" in nuisance
    assert set(dict(detail_codes_for(CaseType.KLACHT))) == {"KME", "KSA"}
    assert "HEN" not in dict(detail_codes_for(CaseType.KLACHT))
    groups = {label: dict(options) for label, options in CaseForm().fields["detail_type"].choices if label}
    assert "Reparatieverzoek" not in groups
    assert "HEN" in groups["Overlastmelding"] and "HEN" not in groups["Klacht"]


def test_the_form_refuses_a_detail_type_of_another_case_type_in_dutch_and_keeps_the_input(client):
    household = HouseholdFactory()
    client.force_login(staff_in(household.unit.buurt))
    data = {"case_type": "reparatieverzoek", "detail_type": "HEN", "description": "Lekkage onder het aanrecht"}
    response = client.post(f"/zaken/nieuw/{household.pk}/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Een reparatieverzoek heeft geen detailsoort; laat dit veld leeg." in body
    assert "Lekkage onder het aanrecht" in body
    assert not Case.objects.exists()
    data |= {"case_type": "overlastmelding"}
    response = client.post(f"/zaken/nieuw/{household.pk}/", data)
    assert response.status_code == 302
    assert Case.objects.get().detail_type == "HEN"


def test_the_service_refuses_it_too():
    household = HouseholdFactory()
    with pytest.raises(ValidationError) as exc:
        services.case_create(
            user=staff_in(household.unit.buurt),
            case_type=CaseType.KLACHT,
            detail_type="HEN",
            description="Klacht",
            unit=household.unit,
        )
    assert "hoort niet bij een klacht" in str(exc.value)
