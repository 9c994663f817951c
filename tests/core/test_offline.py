"""Server side of offline use: worker, manifest, fallback page, device key, outbox answers."""

import base64
import datetime as dt
import uuid

import pytest
from django.utils import timezone

from frontlijn.cases import services as case_services
from frontlijn.cases.models import CaseType
from frontlijn.contacts.models import PromiseStatus
from frontlijn.core.offline import user_key
from frontlijn.privacy.middleware import CSP
from tests.factories import CaseFactory, HouseholdFactory, PromiseFactory, UserFactory, staff_in

pytestmark = pytest.mark.django_db
OUTBOX = {"HTTP_X_FRONTLIJN_OUTBOX": "1"}


def test_the_service_worker_is_served_from_the_root_with_the_strict_csp(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Content-Security-Policy"] == CSP and "script-src 'self';" in CSP
    body = response.content.decode()
    assert 'from "/static/frontlijn/offline/rules.js"' in body and "__VERSION__" not in body


def test_the_manifest_makes_the_app_installable_with_icons_that_ship(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_every_page_links_the_manifest_and_loads_the_offline_script_without_inline_code(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert '<script type="module" src="/static/frontlijn/offline/app.js">' in html
    assert f'data-user="{user.pk}"' in html and "data-session-expires=" in html
    assert "<script>" not in html


def test_the_offline_page_is_public_and_carries_no_personal_data(client):
    user = UserFactory(first_name="Jolanda")
    client.force_login(user)
    html = client.get("/offline/").content.decode()
    assert "Nog niet verzonden" in html and "Jolanda" not in html and str(user) not in html


def test_the_device_key_is_the_users_own_stable_and_needs_a_login(client):
    assert client.get("/apparaat/sleutel/").status_code == 302
    one, two = UserFactory(), UserFactory()
    client.force_login(one)
    answer = client.get("/apparaat/sleutel/")
    assert answer["Cache-Control"] == "no-store, private"
    data = answer.json()
    assert data["user"] == one.pk and data["shared"] is False
    assert base64.b64decode(data["key"]) == user_key(one) and len(user_key(one)) == 32
    client.logout()
    client.force_login(one)
    assert client.get("/apparaat/sleutel/").json()["key"] == data["key"]  # same key at the next login
    assert user_key(two) != user_key(one)


def test_a_shared_device_login_is_told_so(client):
    user = UserFactory(password="een-lang-wachtwoord-1")
    client.post(
        "/accounts/login/", {"username": user.username, "password": "een-lang-wachtwoord-1", "shared_device": "on"}
    )
    assert client.get("/apparaat/sleutel/").json()["shared"] is True
    assert 'data-shared-device="1"' in client.get("/").content.decode()


def test_a_promise_marked_done_offline_keeps_the_device_time(client):
    promise = PromiseFactory()
    client.force_login(promise.owner)
    made = timezone.now() - dt.timedelta(hours=3)
    response = client.post(
        f"/beloftes/{promise.pk}/nagekomen/", {"next": "/"}, HTTP_X_FRONTLIJN_MADE_AT=made.isoformat(), **OUTBOX
    )
    assert response.json() == {"status": "created", "url": "/"}
    promise.refresh_from_db()
    assert promise.status == PromiseStatus.KEPT and promise.done_at == made


def test_someone_elses_promise_from_the_outbox_is_rejected_in_json(client):
    promise = PromiseFactory()
    client.force_login(UserFactory())
    response = client.post(f"/beloftes/{promise.pk}/nagekomen/", {}, **OUTBOX)
    assert response.status_code == 404 and response.json()["status"] == "rejected"


def test_a_case_status_changed_offline_against_a_newer_version_gets_the_conflict_flow(client):
    case = CaseFactory(case_type=CaseType.KLACHT, status="AAN", household=HouseholdFactory())
    user = staff_in(case.unit.buurt)
    client.force_login(user)
    case_services.case_change_status(case=case, user=user, to_status="INB", version=1)  # a colleague, online
    data = {"to_status": "GEA", "version": "1", "note": "offline gezien", "idempotency_key": str(uuid.uuid4())}
    response = client.post(f"/zaken/{case.pk}/", data, **OUTBOX)
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.json()["reason"] and response.json()["url"] == f"/zaken/{case.pk}/"
    # "Opnieuw invullen" sends the same fields from the page: the existing conflict screen.
    data["idempotency_key"] = str(uuid.uuid4())
    html = client.post(f"/zaken/{case.pk}/", data).content.decode()
    assert "De zaak is intussen gewijzigd." in html and "offline gezien" in html


def test_a_case_status_sent_twice_changes_it_once(client):
    case = CaseFactory(case_type=CaseType.KLACHT, status="AAN", household=HouseholdFactory())
    client.force_login(staff_in(case.unit.buurt))
    data = {"to_status": "INB", "version": "1", "note": "", "idempotency_key": str(uuid.uuid4())}
    assert client.post(f"/zaken/{case.pk}/", data, **OUTBOX).json()["status"] == "created"
    assert client.post(f"/zaken/{case.pk}/", data, **OUTBOX).json()["status"] == "duplicate"
    case.refresh_from_db()
    assert case.status == "INB" and case.version == 2
