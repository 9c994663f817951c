"""Plans pages: bad input gets clear Dutch errors and keeps what was typed; who sees what."""

import datetime as dt

import pytest
from django.utils import timezone

from frontlijn.core.models import InboxMessage
from frontlijn.plans.models import Input, Phase, Plan
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ComplexFactory, UserFactory, staff_in
from tests.plans.factories import InputFactory, InputRoundFactory, InvitationFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_plan_without_area_shows_dutch_error_and_keeps_the_title(client_for):
    client = client_for(UserFactory(role=Role.PLANEIGENAAR))
    response = client.post("/plannen/nieuw/", {"title": "Groen dak Lindehof", "plan_type": "verduurzaming"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies het gebied van het plan: minstens één complex, buurt of wijk." in body
    assert 'role="alert"' in body
    assert 'value="Groen dak Lindehof"' in body
    assert not Plan.objects.exists()


def test_plan_create_page_creates_a_plan_on_complexes(client_for):
    c1, c2 = ComplexFactory(), ComplexFactory()
    client = client_for(UserFactory(role=Role.PLANEIGENAAR))
    response = client.post(
        "/plannen/nieuw/",
        {"title": "Isoleren", "plan_type": "verduurzaming", "complexes": [c1.pk, c2.pk]},
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plannen/{plan.pk}/"
    assert set(plan.complexes.all()) == {c1, c2}


def test_front_staff_cannot_open_the_create_page(client_for):
    assert client_for(UserFactory(role=Role.WIJKBEHEERDER)).get("/plannen/nieuw/").status_code == 403


def test_round_with_deadline_in_the_past_shows_dutch_error_and_keeps_the_question(client_for):
    plan = PlanFactory(buurten=[BuurtFactory()])
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client_for(plan.owner).post(
        f"/plannen/{plan.pk}/ronde/nieuw/", {"question": "Hoe is het met de tuinen?", "deadline": yesterday}
    )
    body = response.content.decode()
    assert "De sluitdatum ligt in het verleden. Kies vandaag of een latere datum." in body
    assert "Hoe is het met de tuinen?" in body
    assert not plan.rounds.exists()


def test_moving_backwards_without_reason_shows_dutch_error(client_for):
    plan = PlanFactory(phase=Phase.ONTWERP)
    response = client_for(plan.owner).post(f"/plannen/{plan.pk}/fase/", {"to_phase": Phase.INITIATIEF})
    assert response.status_code == 400
    assert "Een plan terugzetten naar een eerdere fase kan alleen met een reden." in response.content.decode()
    plan.refresh_from_db()
    assert plan.phase == Phase.ONTWERP


def test_gate_error_on_the_page_and_exception_shown_to_everyone(client_for):
    buurt = BuurtFactory()
    plan = PlanFactory(phase=Phase.ONTWERP, buurten=[buurt])
    blocked = client_for(plan.owner).post(f"/plannen/{plan.pk}/fase/", {"to_phase": Phase.BESLUIT})
    assert "Er is nog geen inbrengronde gehouden" in blocked.content.decode()
    client_for(plan.owner).post(
        f"/plannen/{plan.pk}/fase/", {"to_phase": Phase.BESLUIT, "gate_exception_reason": "Wettelijke deadline"}
    )
    manager_view = client_for(UserFactory(role=Role.MANAGER)).get(f"/plannen/{plan.pk}/").content.decode()
    assert "Wettelijke deadline" in manager_view and "Uitzondering" in manager_view


def test_invitee_gives_input_on_the_round_page(client_for):
    invitation = InvitationFactory()
    client = client_for(invitation.user)
    page = client.get(f"/plannen/ronde/{invitation.round_id}/")
    assert "Jouw inbreng" in page.content.decode()
    response = client.post(f"/plannen/ronde/{invitation.round_id}/", {"stance": "idee", "text": "Meer bankjes"})
    assert response.status_code == 302
    assert Input.objects.get().text == "Meer bankjes"


def test_empty_input_shows_dutch_errors(client_for):
    invitation = InvitationFactory()
    response = client_for(invitation.user).post(f"/plannen/ronde/{invitation.round_id}/", {"text": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kies: steun, zorg of idee." in body and "Schrijf je inbreng op." in body


def test_owner_answers_an_input_and_the_author_sees_it(client_for):
    item = InputFactory()
    InvitationFactory(round=item.round, user=item.author)
    owner = item.round.plan.owner
    response = client_for(owner).post(
        f"/plannen/inbreng/{item.pk}/antwoord/",
        {f"a{item.pk}-verdict": "overgenomen", f"a{item.pk}-reason": "We plaatsen dubbel glas."},
    )
    assert response.status_code == 302
    author_page = client_for(item.author).get(f"/plannen/ronde/{item.round_id}/").content.decode()
    assert "Overgenomen" in author_page and "We plaatsen dubbel glas." in author_page
    assert InboxMessage.objects.filter(recipient=item.author).exists()


def test_answer_without_reason_keeps_the_choice(client_for):
    item = InputFactory()
    response = client_for(item.round.plan.owner).post(
        f"/plannen/inbreng/{item.pk}/antwoord/", {f"a{item.pk}-verdict": "niet", f"a{item.pk}-reason": ""}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Leg uit waarom" in body
    assert f'value="niet" required id="id_a{item.pk}-verdict_2" checked' in body


def test_staff_see_only_plans_they_were_invited_to(client_for):
    invitation = InvitationFactory()
    other = PlanFactory(title="Geheim plan")
    page = client_for(invitation.user).get("/plannen/").content.decode()
    assert invitation.round.plan.title in page and "Geheim plan" not in page
    assert client_for(invitation.user).get(f"/plannen/{other.pk}/").status_code == 404


def test_invitee_does_not_see_colleagues_inputs(client_for):
    rnd = InputRoundFactory()
    mine = InvitationFactory(round=rnd)
    InputFactory(round=rnd, text="Tekst van een collega")
    page = client_for(mine.user).get(f"/plannen/ronde/{rnd.pk}/").content.decode()
    assert "Tekst van een collega" not in page


def test_home_panel_lists_open_invitations(client_for):
    invitation = InvitationFactory()
    page = client_for(invitation.user).get("/").content.decode()
    assert "Aan tafel: je inbreng gevraagd" in page and invitation.round.plan.title in page


def test_overview_counts_adopted_inputs_and_whether_front_was_heard(client_for):
    from frontlijn.plans import services

    plan = PlanFactory(phase=Phase.ONTWERP, title="Heard plan")
    item = InputFactory(round=InputRoundFactory(plan=plan))
    services.input_answer(input=item, user=plan.owner, verdict="overgenomen", reason="Goed idee")
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.BESLUIT)
    unheard = PlanFactory(phase=Phase.ONTWERP, title="Unheard plan")
    services.plan_move_phase(plan=unheard, user=unheard.owner, to_phase=Phase.BESLUIT, gate_exception_reason="Spoed")
    response = client_for(UserFactory(role=Role.MANAGER)).get("/plannen/overzicht/")
    totals = response.context["totals"]
    assert totals == {
        "plans": 2,
        "decided": 2,
        "decided_heard": 1,
        "decided_exception": 1,
        "inputs": 1,
        "answered": 1,
        "adopted": 1,
    }
    assert client_for(staff_in(BuurtFactory())).get("/plannen/overzicht/").status_code == 403


def test_invitee_links_a_signal_of_the_area_to_the_input(client_for):
    from tests.signals.factories import SignalFactory

    buurt = BuurtFactory()
    user = staff_in(buurt)
    rnd = InputRoundFactory(plan=PlanFactory(buurten=[buurt]))
    InvitationFactory(round=rnd, user=user)
    signal = SignalFactory(buurt=buurt, raised_by=user, text="Gladde stoep bij de ingang")
    elsewhere = SignalFactory(text="Signaal uit een andere buurt")
    client = client_for(user)
    page = client.get(f"/plannen/ronde/{rnd.pk}/").content.decode()
    assert "Gladde stoep bij de ingang" in page and "Signaal uit een andere buurt" not in page
    client.post(f"/plannen/ronde/{rnd.pk}/", {"stance": "zorg", "text": "Zie signaal", "signals": [signal.pk]})
    assert list(Input.objects.get().signals.all()) == [signal]
    refused = client.post(f"/plannen/ronde/{rnd.pk}/", {"stance": "zorg", "text": "x", "signals": [elsewhere.pk]})
    assert refused.status_code == 400 and Input.objects.count() == 1


def test_owner_adds_a_colleague_to_a_running_round(client_for):
    rnd = InputRoundFactory()
    colleague = UserFactory(role=Role.TEAMLEIDER)
    client = client_for(rnd.plan.owner)
    empty = client.post(f"/plannen/ronde/{rnd.pk}/", {"action": "invite"})
    assert empty.status_code == 400 and "Kies wie je wilt uitnodigen." in empty.content.decode()
    response = client.post(f"/plannen/ronde/{rnd.pk}/", {"action": "invite", "invitees": [colleague.pk]})
    assert response.status_code == 302
    assert rnd.invitations.get(user=colleague).automatic is False
    assert InboxMessage.objects.filter(recipient=colleague).exists()


def test_an_invitee_cannot_invite_others(client_for):
    invitation = InvitationFactory()
    response = client_for(invitation.user).post(
        f"/plannen/ronde/{invitation.round_id}/", {"action": "invite", "invitees": [UserFactory().pk]}
    )
    assert response.status_code == 403


def test_home_panel_tells_the_owner_which_inputs_wait_for_an_answer(client_for):
    item = InputFactory()
    page = client_for(item.round.plan.owner).get("/").content.decode()
    assert "Inbreng die op je antwoord wacht" in page and "1 inbreng onbeantwoord" in page


def test_owner_changes_title_and_area_of_a_plan(client_for):
    old, new = ComplexFactory(), ComplexFactory()
    plan = PlanFactory(title="Isoleren", complexes=[old])
    client = client_for(plan.owner)
    form = client.get(f"/plannen/{plan.pk}/wijzigen/").content.decode()
    assert 'value="Isoleren"' in form  # the form starts from what the plan is now
    response = client.post(
        f"/plannen/{plan.pk}/wijzigen/",
        {"title": "Isoleren en ventileren", "plan_type": plan.plan_type, "complexes": [new.pk]},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Isoleren en ventileren" and list(plan.complexes.all()) == [new]


def test_plan_change_without_area_keeps_what_was_typed_and_changes_nothing(client_for):
    plan = PlanFactory(title="Isoleren", complexes=[ComplexFactory()])
    response = client_for(plan.owner).post(
        f"/plannen/{plan.pk}/wijzigen/", {"title": "Nieuwe titel", "plan_type": plan.plan_type}
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'value="Nieuwe titel"' in body
    assert "Kies het gebied van het plan" in body
    plan.refresh_from_db()
    assert plan.title == "Isoleren" and plan.complexes.count() == 1


def test_invited_front_staff_cannot_change_a_plan(client_for):
    complex_ = ComplexFactory()
    plan = PlanFactory(complexes=[complex_])
    staff = staff_in(complex_.buurt, role=Role.WIJKBEHEERDER)
    InvitationFactory(round=InputRoundFactory(plan=plan), user=staff)
    assert client_for(staff).get(f"/plannen/{plan.pk}/wijzigen/").status_code in (403, 404)
