import json

import pytest
from django.db.models import Count, Sum
from django.urls import reverse

from frontlijn.contacts.models import ContactMoment
from frontlijn.gdpr.subject import ERASED
from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.register.models import Household, Resident
from tests import factories as f
from tests.privacy.factories import privacy_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    resident = f.ResidentFactory(first_name="Wilma", last_name="Brouwer", email="wilma@example.nl")
    household = resident.household
    f.ContactMomentFactory(
        household=household,
        duration_minutes=12,
        subject="Lekkage",
        beyond_note="Voelt zich alleen",
        beyond_tags=["eenzaamheid"],
    )
    f.ContactMomentFactory(household=household, duration_minutes=30, process_note="Huur uitgelegd")
    f.CaseFactory(household=household, description="Lekkage badkamer bij Brouwer")
    f.PromiseFactory(household=household, description="Terugbellen over Brouwer")
    return resident


def test_json_export_holds_everything_about_the_resident(client_for, resident):
    officer = privacy_officer()
    response = client_for(officer).get(reverse("gdpr:subject-json", args=[resident.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["bewoner"]["achternaam"] == "Brouwer" and data["bewoner"]["email"] == "wilma@example.nl"
    assert len(data["contactmomenten"]) == 2
    assert {c["verder_dan_het_proces"] for c in data["contactmomenten"]} == {"Voelt zich alleen", ""}
    assert data["zaken"][0]["omschrijving"] == "Lekkage badkamer bij Brouwer"
    assert data["afspraken"][0]["omschrijving"] == "Terugbellen over Brouwer"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, object_id=str(resident.pk)).exists()


def test_pdf_export_is_a_pdf(client_for, resident):
    response = client_for(privacy_officer()).get(reverse("gdpr:subject-pdf", args=[resident.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_export_prints_euro_diacritics_and_typographic_quotes_as_typed(client_for, resident):
    from tests.pdftext import DUTCH_TEXT, pdf_text

    f.ContactMomentFactory(household=resident.household, subject=DUTCH_TEXT)
    response = client_for(privacy_officer()).get(reverse("gdpr:subject-pdf", args=[resident.pk]))
    assert f"onderwerp: {DUTCH_TEXT}\n" in pdf_text(response.content)
    assert "achternaam: Brouwer\n" in pdf_text(response.content)


def test_only_the_privacy_officer_may_export(client_for, resident):
    for role in ("beheerder", "kcc", "manager"):
        client = client_for(f.UserFactory(role=role))
        assert client.get(reverse("gdpr:subject-json", args=[resident.pk])).status_code == 403


def test_export_and_erase_round_trip_keeps_statistics(client_for, resident):
    client = client_for(privacy_officer())
    household = resident.household
    unit_id = household.unit_id
    before = ContactMoment.objects.filter(unit_id=unit_id).aggregate(n=Count("id"), minutes=Sum("duration_minutes"))
    assert client.get(reverse("gdpr:subject-json", args=[resident.pk])).status_code == 200

    response = client.post(
        reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek van 3 maart", "confirm": "on"}
    )
    assert response.status_code == 302

    after = ContactMoment.objects.filter(unit_id=unit_id).aggregate(n=Count("id"), minutes=Sum("duration_minutes"))
    assert after == before == {"n": 2, "minutes": 42}
    erased = Resident.objects.get(pk=resident.pk)
    assert (erased.first_name, erased.last_name, erased.email, erased.phone) == ("", ERASED, "", "")
    assert not ContactMoment.objects.filter(household=household).exists()  # unlinked from the person
    assert not ContactMoment.objects.exclude(beyond_note="").exists()
    assert Household.objects.get(pk=household.pk).name.startswith(ERASED)
    data = json.loads(client.get(reverse("gdpr:subject-json", args=[resident.pk])).content)
    text = json.dumps(data)
    assert "Brouwer" not in text and "Wilma" not in text and "alleen" not in text
    assert data["contactmomenten"] == [] and data["zaken"] == [] and data["afspraken"] == []
    erase_event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert erase_event.reason == "Verzoek van 3 maart" and erase_event.detail["contactmomenten"] == 2


def test_erasing_one_of_two_residents_keeps_the_household_history(client_for, resident):
    f.ResidentFactory(household=resident.household, first_name="Kees", last_name="Brouwer")
    client = client_for(privacy_officer())
    client.post(reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek", "confirm": "on"})
    assert ContactMoment.objects.filter(household=resident.household).count() == 2
    assert Resident.objects.get(pk=resident.pk).last_name == ERASED


def test_erase_without_confirmation_keeps_the_typed_reason(client_for, resident):
    response = client_for(privacy_officer()).post(
        reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek van 3 maart"}
    )
    assert response.status_code == 200
    assert "Bevestig dat je de gegevens wilt wissen" in response.content.decode()
    assert response.context["form"]["reason"].value() == "Verzoek van 3 maart"
    assert Resident.objects.get(pk=resident.pk).last_name == "Brouwer"


def test_person_level_signals_are_exported_and_erased_but_still_counted(client_for, resident):
    from frontlijn.signals.models import Signal
    from tests.signals.factories import person_signal

    signal = person_signal(resident.household)
    buurt_id = signal.buurt_id
    client = client_for(privacy_officer())
    data = json.loads(client.get(reverse("gdpr:subject-json", args=[resident.pk])).content)
    assert data["signalen"][0]["wat_viel_op"] == signal.text
    client.post(reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek", "confirm": "on"})
    signal.refresh_from_db()
    assert (signal.household_id, signal.text) == (None, ERASED)
    assert Signal.objects.filter(buurt_id=buurt_id).count() == 1


def test_opted_in_feedback_is_exported_and_made_anonymous_on_erasure(client_for, resident):
    from frontlijn.feedback.models import FeedbackResponse
    from tests.feedback.factories import FeedbackResponseFactory

    answer = FeedbackResponseFactory(
        household=resident.household, contact_opt_in=True, grade=4, comment="Bel mij, Wilma Brouwer"
    )
    client = client_for(privacy_officer())
    data = json.loads(client.get(reverse("gdpr:subject-json", args=[resident.pk])).content)
    assert data["reacties"][0]["toelichting"] == "Bel mij, Wilma Brouwer"
    client.post(reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek", "confirm": "on"})
    answer = FeedbackResponse.objects.get(pk=answer.pk)
    assert (answer.household_id, answer.comment, answer.grade) == (None, "", 4)  # the grade still counts
