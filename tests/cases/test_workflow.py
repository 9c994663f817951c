import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from frontlijn.cases import services
from frontlijn.cases.models import CaseStatusChange, CaseType
from tests.factories import BuurtFactory, CaseFactory, HouseholdFactory, staff_in

pytestmark = pytest.mark.django_db


def test_repair_request_follows_the_vera_onderhoudsverzoek_statuses():
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    case = services.case_create(
        user=user, case_type=CaseType.REPARATIEVERZOEK, description="Lekkage", unit=household.unit, household=household
    )
    assert case.status == "REG"
    assert case.target_date == case.registered_on + __import__("datetime").timedelta(days=14)
    for status in ("INB", "TEC", "AFG"):
        case = services.case_change_status(case=case, user=user, to_status=status)
    assert case.closed_on is not None
    assert list(CaseStatusChange.objects.filter(case=case).values_list("to_status", flat=True)) == [
        "REG",
        "INB",
        "TEC",
        "AFG",
    ]


def test_other_cases_follow_zaakstatus_and_refuse_a_jump():
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt)
    case = services.case_create(user=user, case_type=CaseType.KLACHT, description="Klacht", unit=household.unit)
    assert case.status == "AAN"
    with pytest.raises(ValidationError) as exc:
        services.case_change_status(case=case, user=user, to_status="GES")
    assert "kan niet" in str(exc.value)


def test_a_stale_version_is_refused_and_nothing_is_overwritten():
    case = CaseFactory(case_type=CaseType.KLACHT, status="AAN")
    user = staff_in(case.unit.buurt)
    services.case_change_status(case=case, user=user, to_status="INB", version=1)
    with pytest.raises(services.StaleCaseError):
        services.case_change_status(case=case, user=user, to_status="GEA", version=1)
    case.refresh_from_db()
    assert case.status == "INB" and case.version == 2


def test_case_outside_area_cannot_be_registered():
    household = HouseholdFactory()
    with pytest.raises(PermissionDenied):
        services.case_create(
            user=staff_in(BuurtFactory()), case_type=CaseType.KLACHT, description="x", unit=household.unit
        )


def test_case_page_shows_conflict_with_both_versions(client):
    case = CaseFactory(case_type=CaseType.KLACHT, status="AAN")
    user = staff_in(case.unit.buurt)
    client.force_login(user)
    services.case_change_status(case=case, user=user, to_status="INB", version=1)  # a colleague was first
    response = client.post(f"/zaken/{case.pk}/", {"to_status": "GEA", "version": "1", "note": "mijn notitie"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "intussen gewijzigd" in html
    assert "mijn notitie" in html  # what the user typed is kept
