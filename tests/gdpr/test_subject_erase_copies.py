"""Finding 12 of the security probe: erasure removes every copy of a resident's text — the staff
corrections kept as training data, and the classifier versions trained on them (retired, then a
retrain without the text)."""

import pytest
from django.urls import reverse

from frontlijn.signals.classifier import registry
from frontlijn.signals.models import ClassifierModel, StaffCorrection
from tests import factories as f
from tests.privacy.factories import privacy_officer
from tests.signals.factories import person_signal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_registry")]
TEXT = "Mevrouw Brouwer zit eenzaam op de zolderkamer met blauwe spikkels"


def _signal(resident):
    from frontlijn.signals.models import Signal

    signal = person_signal(resident.household)
    Signal.objects.filter(pk=signal.pk).update(text=TEXT)
    signal.text = TEXT
    return signal


def test_erasure_removes_corrections_retires_models_and_retrains(client_for, django_capture_on_commit_callbacks):
    resident = f.ResidentFactory(last_name="Brouwer")
    signal = _signal(resident)
    StaffCorrection.objects.create(signal=signal, text=TEXT, suggested_code="onderhoud", chosen_code="eenzaamheid")
    StaffCorrection.objects.create(signal=None, text=TEXT, suggested_code="onderhoud", chosen_code="eenzaamheid")
    other = StaffCorrection.objects.create(
        text="Lekkage dak flat", suggested_code="onderhoud", chosen_code="vocht-schimmel"
    )
    trained = registry.retrain(force_activate=True)  # trained on the text
    assert trained.active and trained.n_corrections == 3

    with django_capture_on_commit_callbacks(execute=True):
        client_for(privacy_officer()).post(
            reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek", "confirm": "on"}
        )

    assert list(StaffCorrection.objects.values_list("pk", flat=True)) == [other.pk]
    trained.refresh_from_db()
    assert trained.retired_at is not None and not trained.active and bytes(trained.blob) == b""
    newer = ClassifierModel.objects.filter(version__gt=trained.version).get()
    assert newer.n_corrections == 1  # retrained without the erased text
    assert registry.active_version() != trained.version


def test_erasure_keeps_models_trained_before_the_text_existed(client_for):
    before = registry.retrain(force_activate=True)
    resident = f.ResidentFactory()
    signal = _signal(resident)
    StaffCorrection.objects.create(signal=signal, text=TEXT, suggested_code="onderhoud", chosen_code="eenzaamheid")
    client_for(privacy_officer()).post(
        reverse("gdpr:subject-erase", args=[resident.pk]), {"reason": "Verzoek", "confirm": "on"}
    )
    before.refresh_from_db()
    assert before.retired_at is None and before.active
    assert not StaffCorrection.objects.exists()
