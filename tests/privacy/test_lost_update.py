import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_second_editor_gets_a_conflict_with_both_versions_and_nothing_is_lost(client_for):
    buurt, team = f.area()
    case = f.CaseFactory(household__unit__complex__buurt=buurt, household__unit__buurt=buurt)
    anna, bert = f.UserFactory(teams=[team]), f.UserFactory(teams=[team])
    url = reverse("cases:detail", args=[case.pk])
    anna_client, bert_client = client_for(anna), client_for(bert)
    # Both open the case at version 1.
    assert anna_client.get(url).context["form"]["version"].value() == 1
    assert bert_client.get(url).context["form"]["version"].value() == 1

    assert anna_client.post(url, {"to_status": "INB", "version": 1, "note": "Loodgieter gebeld"}).status_code == 302
    response = bert_client.post(url, {"to_status": "GEA", "version": 1, "note": "Bewoner trekt melding in"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft deze zaak intussen gewijzigd" in page
    assert response.context["conflict"].status == "INB"  # the current version is shown
    assert response.context["form"]["note"].value() == "Bewoner trekt melding in"  # what Bert typed stays
    case.refresh_from_db()
    assert (case.status, case.version) == ("INB", 2)  # Anna's change was not overwritten
    assert list(case.status_changes.values_list("note", flat=True)) == ["Loodgieter gebeld"]
