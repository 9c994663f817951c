"""Correcting a signal's themes (raiser, handler), the training set it feeds, and the classifier page
(active version, retrain, roll back) for team leads and the functional administrator."""

import pytest
from django.template.defaultfilters import floatformat
from django.test import override_settings
from django.utils import translation

from frontlijn.privacy.models import AuditAction, AuditEvent
from frontlijn.signals.classifier import engine, registry
from frontlijn.signals.models import ClassifierModel, StaffCorrection
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, UserFactory, staff_in
from tests.signals.factories import SignalFactory

pytestmark = pytest.mark.django_db

TEXT = "Paarse vlekken op de zoldertrap van het portiek"


def _signal(**kwargs):
    buurt = kwargs.pop("buurt", None) or BuurtFactory()
    return SignalFactory(buurt=buurt, wijk=buurt.wijk, text=TEXT, themes=["vervuiling"], **kwargs)


def test_the_raiser_corrects_the_themes_on_the_signal_page(client_for):
    signal = _signal()
    client = client_for(signal.raised_by)
    page = client.get(f"/signalen/{signal.pk}/").content.decode()
    assert "Thema&#x27;s aanpassen" in page or "Thema's aanpassen" in page
    response = client.post(f"/signalen/{signal.pk}/themas/", {"themes": ["onderhoud", "veiligheid"]})
    assert response.status_code == 302
    assert sorted(signal.themes.values_list("code", flat=True)) == ["onderhoud", "veiligheid"]
    correction = StaffCorrection.objects.get()
    assert (correction.user, correction.signal, correction.text, correction.chosen_code) == (
        signal.raised_by,
        signal,
        TEXT,
        "onderhoud",
    )
    assert correction.created_at is not None
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="signals.signal")
    assert event.actor_id == signal.raised_by.pk
    assert event.detail == {"themes_before": ["vervuiling"], "themes_after": ["onderhoud", "veiligheid"]}
    assert "zoldertrap" not in str(event.detail)


def test_the_same_themes_again_record_nothing(client_for):
    signal = _signal()
    client_for(signal.raised_by).post(f"/signalen/{signal.pk}/themas/", {"themes": ["vervuiling"]})
    assert not StaffCorrection.objects.exists()


def test_no_theme_is_a_clear_message_and_keeps_the_themes(client_for):
    signal = _signal()
    response = client_for(signal.raised_by).post(f"/signalen/{signal.pk}/themas/", {"themes": []})
    assert response.status_code == 400
    assert "Kies minstens één thema." in response.content.decode()
    assert list(signal.themes.values_list("code", flat=True)) == ["vervuiling"]
    assert not StaffCorrection.objects.exists()


def test_a_handler_corrects_but_a_colleague_who_only_reads_may_not(client_for):
    buurt = BuurtFactory()
    signal = _signal(buurt=buurt)
    lead = staff_in(buurt, role=Role.TEAMLEIDER)
    assert client_for(lead).post(f"/signalen/{signal.pk}/themas/", {"themes": ["geluid"]}).status_code == 302
    colleague = staff_in(buurt)  # sees the place-level signal, did not raise it, does not handle it
    assert client_for(colleague).get(f"/signalen/{signal.pk}/").status_code == 200
    response = client_for(colleague).post(f"/signalen/{signal.pk}/themas/", {"themes": ["zorg"]})
    assert response.status_code == 403
    assert list(signal.themes.values_list("code", flat=True)) == ["geluid"]
    assert StaffCorrection.objects.count() == 1


@override_settings(FRONTLIJN_SIGNAL_CORRECTION_WEIGHT=4.0)
def test_a_correction_enters_the_training_set_and_weighs_more_than_a_seed_text(client_for):
    seed_texts, _labels = engine.load_seed()
    signal = _signal()
    client_for(signal.raised_by).post(f"/signalen/{signal.pk}/themas/", {"themes": ["geluid"]})
    client_for(signal.raised_by).post(f"/signalen/{signal.pk}/themas/", {"themes": ["woonwensen"]})
    texts, labels, weights, n = registry.weighted_training_data()
    assert n == 1  # the latest correction of a signal counts, not every step
    assert len(texts) == len(seed_texts) + 1
    assert (texts[-1], labels[-1], weights[-1]) == (TEXT, "woonwensen", 4.0)
    assert set(weights[:-1]) == {1.0}


def test_retrain_uses_the_weighted_corrections(fresh_registry, client_for):
    signals = [_signal() for _ in range(6)]
    for signal in signals:
        client_for(signal.raised_by).post(f"/signalen/{signal.pk}/themas/", {"themes": ["woonwensen"]})
    before = dict(registry.suggest(TEXT, top=13)[0])["woonwensen"]
    model = registry.retrain(force_activate=True)
    assert model.n_corrections == 6
    after = dict(registry.suggest(TEXT, top=13)[0])["woonwensen"]
    assert after > before
    assert registry.suggest(TEXT)[0][0][0] == "woonwensen"


def _manager(role=Role.TEAMLEIDER):
    return UserFactory(role=role)


@pytest.mark.parametrize("role", [Role.TEAMLEIDER, Role.BEHEERDER])
def test_team_leads_and_the_administrator_see_the_classifier_page(client_for, role):
    response = client_for(_manager(role)).get("/signalen/classificatie/")
    with translation.override("nl"):
        top1 = floatformat(registry.shipped_metrics()["accuracy"], 3)
    body = response.content.decode()
    assert response.status_code == 200
    assert "v1" in body and f"top-1 {top1}" in body  # the shipped version and its hold-out figure


@pytest.mark.parametrize("role", [Role.WIJKBEHEERDER, Role.KCC_MEDEWERKER, Role.PLANEIGENAAR, Role.MANAGER])
def test_other_roles_may_not_see_retrain_or_roll_back(client_for, role):
    client = client_for(_manager(role))
    assert client.get("/signalen/classificatie/").status_code == 403
    assert client.post("/signalen/classificatie/hertrainen/").status_code == 403
    assert client.post("/signalen/classificatie/terugzetten/", {"version": "1"}).status_code == 403


def test_retrain_now_is_queued_as_a_task(client_for, django_capture_on_commit_callbacks, fresh_registry):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(_manager()).post("/signalen/classificatie/hertrainen/")
    assert response.status_code == 302
    # The test settings run tasks immediately: the queued retrain made version 2.
    model = ClassifierModel.objects.get()
    assert model.version == 2 and model.active


def test_roll_back_restores_an_earlier_version_and_the_shipped_one(client_for, fresh_registry):
    v2 = registry.retrain()
    v3 = registry.retrain()
    assert registry.active_version() == v3.version == 3
    client = client_for(_manager(Role.BEHEERDER))
    assert client.post("/signalen/classificatie/terugzetten/", {"version": "2"}).status_code == 302
    assert registry.active_version() == 2
    assert registry.active_pipeline()[1] == 2
    assert list(ClassifierModel.objects.filter(active=True).values_list("version", flat=True)) == [v2.version]
    page = client.get("/signalen/classificatie/").content.decode()
    assert "Terug naar v3" in page and "Terug naar v2" not in page
    client.post("/signalen/classificatie/terugzetten/", {"version": "1"})
    assert registry.active_version() == registry.SHIPPED_VERSION
    events = AuditEvent.objects.filter(object_type="signals.classifiermodel", action=AuditAction.CHANGE)
    assert [e.detail["activated_version"] for e in events.order_by("id")] == [2, 1]


def test_a_retired_or_unknown_version_cannot_come_back(client_for, fresh_registry):
    v2 = registry.retrain()
    ClassifierModel.objects.filter(pk=v2.pk).update(active=False, retired_at="2026-01-01T00:00Z", blob=b"")
    client = client_for(_manager())
    for version in ("2", "9", "abc"):
        response = client.post("/signalen/classificatie/terugzetten/", {"version": version}, follow=True)
        assert response.status_code == 200
        assert registry.active_version() == registry.SHIPPED_VERSION
    assert (
        "kan niet terug"
        in client.post("/signalen/classificatie/terugzetten/", {"version": "2"}, follow=True).content.decode()
    )
