"""The phone's navigation: four items in the bar (the inbox always among them), the rest under
"Meer" (a <details>, no JavaScript); nothing left out."""

import pytest

from tests.factories import BuurtFactory, staff_in

pytestmark = pytest.mark.django_db


def test_bar_has_four_items_with_the_inbox_and_meer_has_the_rest(client):
    client.force_login(staff_in(BuurtFactory()))
    response = client.get("/")
    primary = [i["label"] for i in response.context["nav_primary"]]
    more = [i["label"] for i in response.context["nav_more"]]
    assert primary == ["Mijn dag", "Zoeken", "Beloftes", "Inbox"]
    assert "Zaken" in more and "Mijn impact" in more
    assert sorted(primary + more) == sorted(i["label"] for i in response.context["nav_items"])
    html = response.content.decode()
    assert "<details>" in html and "<summary" in html and ">Meer</summary>" in html


def test_the_active_page_under_meer_marks_meer(client):
    client.force_login(staff_in(BuurtFactory()))
    response = client.get("/waardering/")
    assert response.context["nav_more_active"]
    assert 'class="active">Meer</summary>' in response.content.decode()
