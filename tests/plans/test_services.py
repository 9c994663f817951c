"""Plans services: creating, the gate before "besluit", invitations, answers and impact messages."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.plans import services
from frontlijn.plans.models import GateException, Invitation, Phase, Plan, Verdict
from frontlijn.teams.models import Role
from tests.factories import BuurtFactory, ComplexFactory, TeamFactory, UserFactory, WijkFactory, staff_in
from tests.plans.factories import InputFactory, InputRoundFactory, InvitationFactory, PlanFactory

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


def owner():
    return UserFactory(role=Role.PLANEIGENAAR)


def test_plan_create_on_two_complexes_starts_in_initiatief_with_history():
    user = owner()
    c1, c2 = ComplexFactory(), ComplexFactory()
    plan = services.plan_create(user=user, title="Isoleren", plan_type="verduurzaming", complexes=[c1, c2])
    assert plan.phase == Phase.INITIATIEF
    assert set(plan.complexes.all()) == {c1, c2}
    assert plan.owner == user
    assert plan.phase_changes.get().to_phase == Phase.INITIATIEF


def test_plan_without_area_is_refused_in_dutch():
    with pytest.raises(ValidationError) as exc:
        services.plan_create(user=owner(), title="Zonder gebied", plan_type="anders")
    assert "minstens één complex, buurt of wijk" in str(exc.value.message_dict["__all__"])
    assert not Plan.objects.exists()


def test_front_staff_cannot_create_a_plan():
    with pytest.raises(PermissionDenied):
        services.plan_create(
            user=UserFactory(role=Role.WIJKBEHEERDER), title="x", plan_type="anders", buurten=[BuurtFactory()]
        )


def test_moving_forward_one_phase_is_recorded():
    plan = PlanFactory()
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.VERKENNING)
    plan.refresh_from_db()
    assert plan.phase == Phase.VERKENNING
    assert plan.phase_changes.last().from_phase == Phase.INITIATIEF


def test_moving_backwards_without_reason_is_refused():
    plan = PlanFactory(phase=Phase.ONTWERP)
    with pytest.raises(ValidationError) as exc:
        services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.VERKENNING)
    assert "alleen met een reden" in str(exc.value.message_dict["reason"])
    plan.refresh_from_db()
    assert plan.phase == Phase.ONTWERP


def test_moving_backwards_with_reason_is_recorded():
    plan = PlanFactory(phase=Phase.ONTWERP)
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.VERKENNING, reason="Nieuwe subsidie")
    change = plan.phase_changes.last()
    assert change.is_backwards and change.reason == "Nieuwe subsidie"


def test_gate_blocks_besluit_without_a_round():
    plan = PlanFactory(phase=Phase.ONTWERP)
    with pytest.raises(ValidationError) as exc:
        services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.BESLUIT)
    assert "nog geen inbrengronde" in str(exc.value.message_dict["gate_exception_reason"])
    plan.refresh_from_db()
    assert plan.phase == Phase.ONTWERP


def test_gate_blocks_besluit_while_an_input_is_unanswered():
    plan = PlanFactory(phase=Phase.ONTWERP)
    InputFactory(round=InputRoundFactory(plan=plan))
    with pytest.raises(ValidationError) as exc:
        services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.BESLUIT)
    assert "1 inbreng is nog niet beantwoord" in str(exc.value.message_dict["gate_exception_reason"])


def test_gate_also_blocks_jumping_past_besluit():
    plan = PlanFactory(phase=Phase.ONTWERP)
    with pytest.raises(ValidationError):
        services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.UITVOERING)


def test_gate_opens_when_every_input_is_answered():
    plan = PlanFactory(phase=Phase.ONTWERP)
    item = InputFactory(round=InputRoundFactory(plan=plan))
    services.input_answer(input=item, user=plan.owner, verdict=Verdict.NIET, reason="Past niet in budget")
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.BESLUIT)
    plan.refresh_from_db()
    assert plan.phase == Phase.BESLUIT
    assert not GateException.objects.exists()


def test_gate_exception_with_reason_lets_the_plan_through_and_is_recorded():
    plan = PlanFactory(phase=Phase.ONTWERP)
    InputFactory(round=InputRoundFactory(plan=plan))
    services.plan_move_phase(
        plan=plan, user=plan.owner, to_phase=Phase.BESLUIT, gate_exception_reason="Spoedreparatie na storm"
    )
    plan.refresh_from_db()
    assert plan.phase == Phase.BESLUIT
    exception = GateException.objects.get(plan=plan)
    assert exception.reason == "Spoedreparatie na storm"
    assert exception.open_inputs == 1 and exception.rounds_held == 1


def test_someone_else_cannot_move_the_plan():
    plan = PlanFactory()
    with pytest.raises(PermissionDenied):
        services.plan_move_phase(plan=plan, user=owner(), to_phase=Phase.VERKENNING)


def test_round_invites_front_staff_of_the_area_by_complex_buurt_and_wijk():
    wijk = WijkFactory()
    buurt_a = BuurtFactory(wijk=wijk)
    buurt_b = BuurtFactory(wijk=wijk)
    elsewhere = BuurtFactory()
    complex_a = ComplexFactory(buurt=buurt_a)
    in_buurt = staff_in(buurt_a, role=Role.WIJKBEHEERDER)
    via_wijk = UserFactory(role=Role.HUISMEESTER, teams=[TeamFactory(wijken=[wijk])])
    other_buurt_same_wijk = staff_in(buurt_b, role=Role.WOONCONSULENT)
    outside = staff_in(elsewhere, role=Role.WIJKBEHEERDER)
    teamlead = staff_in(buurt_a, role=Role.TEAMLEIDER)  # not a front role
    inactive = staff_in(buurt_a, role=Role.OPZICHTER, is_active=False)
    plan = PlanFactory(complexes=[complex_a])

    rnd = services.round_open(plan=plan, user=plan.owner, question="Wat weten jullie?", deadline=TOMORROW)

    invited = set(Invitation.objects.filter(round=rnd).values_list("user_id", flat=True))
    assert in_buurt.pk in invited and via_wijk.pk in invited
    assert not invited & {other_buurt_same_wijk.pk, outside.pk, teamlead.pk, inactive.pk}
    assert all(i.automatic for i in rnd.invitations.all())


def test_round_on_a_wijk_invites_staff_of_every_buurt_in_it():
    wijk = WijkFactory()
    staff = [staff_in(BuurtFactory(wijk=wijk)) for _ in range(2)]
    plan = PlanFactory(wijken=[wijk])
    rnd = services.round_open(plan=plan, user=plan.owner, question="Vraag", deadline=TOMORROW)
    assert set(rnd.invitations.values_list("user_id", flat=True)) == {u.pk for u in staff}


def test_round_invitation_reaches_the_inbox_and_owner_can_add_people():
    buurt = BuurtFactory()
    front = staff_in(buurt)
    extra = UserFactory(role=Role.TEAMLEIDER)
    plan = PlanFactory(buurten=[buurt])
    rnd = services.round_open(
        plan=plan, user=plan.owner, question="Wat zien jullie?", deadline=TOMORROW, extra_invitees=[extra]
    )
    message = InboxMessage.objects.get(recipient=front)
    assert message.kind == InboxKind.PLAN_INVITATION and plan.title in message.title
    assert message.url == f"/plannen/ronde/{rnd.pk}/"
    extra_invitation = rnd.invitations.get(user=extra)
    assert not extra_invitation.automatic and extra_invitation.invited_by == plan.owner
    assert InboxMessage.objects.filter(recipient=extra, kind=InboxKind.PLAN_INVITATION).exists()


def test_round_invite_adds_a_person_to_a_running_round_once():
    rnd = InputRoundFactory()
    person = UserFactory()
    assert services.round_invite(round=rnd, user=rnd.plan.owner, invitees=[person]) == 1
    assert services.round_invite(round=rnd, user=rnd.plan.owner, invitees=[person]) == 0
    assert rnd.invitations.filter(user=person).count() == 1


def test_round_with_deadline_in_the_past_is_refused():
    plan = PlanFactory(buurten=[BuurtFactory()])
    with pytest.raises(ValidationError) as exc:
        services.round_open(
            plan=plan, user=plan.owner, question="Vraag", deadline=timezone.localdate() - dt.timedelta(days=1)
        )
    assert "in het verleden" in str(exc.value.message_dict["deadline"])
    assert not plan.rounds.exists()


def test_only_invitees_give_input():
    rnd = InputRoundFactory()
    with pytest.raises(PermissionDenied):
        services.input_create(round=rnd, user=UserFactory(), stance="steun", text="Goed plan")


def test_input_after_the_deadline_is_refused():
    invitation = InvitationFactory(round=InputRoundFactory(deadline=timezone.localdate() - dt.timedelta(days=1)))
    with pytest.raises(ValidationError) as exc:
        services.input_create(round=invitation.round, user=invitation.user, stance="idee", text="Bankje")
    assert "gesloten" in str(exc.value)


def test_input_with_a_bsn_is_refused():
    invitation = InvitationFactory()
    with pytest.raises(ValidationError) as exc:
        services.input_create(round=invitation.round, user=invitation.user, stance="zorg", text="BSN 111222333")
    assert "BSN" in str(exc.value.message_dict["text"])


def test_answer_sends_the_impact_message_to_the_author():
    item = InputFactory()
    plan = item.round.plan
    services.input_answer(input=item, user=plan.owner, verdict=Verdict.DEELS, reason="We isoleren eerst de gevels.")
    message = InboxMessage.objects.get(recipient=item.author)
    assert message.kind == InboxKind.PLAN_INPUT
    assert "Deels overgenomen" in message.title and plan.title in message.title
    assert "We isoleren eerst de gevels." in message.body
    assert message.url.endswith(f"#inbreng-{item.pk}")


def test_answer_needs_a_reason():
    item = InputFactory()
    with pytest.raises(ValidationError) as exc:
        services.input_answer(input=item, user=item.round.plan.owner, verdict=Verdict.NIET, reason=" ")
    assert "Leg uit waarom" in str(exc.value.message_dict["reason"])
    assert not InboxMessage.objects.exists()


def test_only_the_owner_answers():
    item = InputFactory()
    with pytest.raises(PermissionDenied):
        services.input_answer(input=item, user=UserFactory(), verdict=Verdict.NIET, reason="Nee")


def test_adopted_input_takes_linked_signals_into_the_plan_and_tells_the_raiser():
    from frontlijn.signals.models import Status
    from tests.signals.factories import SignalFactory

    buurt = BuurtFactory()
    plan = PlanFactory(buurten=[buurt])
    raiser = staff_in(buurt)
    signal = SignalFactory(buurt=buurt, raised_by=raiser, text="Tocht bij alle kozijnen van blok B")
    item = InputFactory(round=InputRoundFactory(plan=plan))
    item.signals.set([signal])

    services.input_answer(input=item, user=plan.owner, verdict=Verdict.OVERGENOMEN, reason="Nieuwe kozijnen in blok B")

    signal.refresh_from_db()
    assert signal.outcome == Status.PLAN and signal.plan_title == plan.title
    assert signal.plan_url == f"/plannen/{plan.pk}/"
    feedback = InboxMessage.objects.get(recipient=raiser, kind=InboxKind.SIGNAL_FEEDBACK)
    assert "Nieuwe kozijnen in blok B" in feedback.body
    # The author of the input hears the answer in the same inbox.
    assert InboxMessage.objects.filter(recipient=item.author, kind=InboxKind.PLAN_INPUT).exists()


def test_the_owner_writes_the_raisers_answer_and_a_canned_one_is_refused():
    from frontlijn.signals.models import Status
    from tests.signals.factories import SignalFactory

    buurt = BuurtFactory()
    plan = PlanFactory(buurten=[buurt])
    raiser = staff_in(buurt)
    signal = SignalFactory(buurt=buurt, raised_by=raiser)
    item = InputFactory(round=InputRoundFactory(plan=plan))
    item.signals.set([signal])
    with pytest.raises(ValidationError) as exc:
        services.input_answer(
            input=item,
            user=plan.owner,
            verdict=Verdict.OVERGENOMEN,
            reason="Nieuwe kozijnen",
            signal_feedback="Dank voor je signaal.",
        )
    assert "signal_feedback" in exc.value.message_dict
    signal.refresh_from_db()
    assert signal.status == Status.NEW

    services.input_answer(
        input=item,
        user=plan.owner,
        verdict=Verdict.OVERGENOMEN,
        reason="Nieuwe kozijnen",
        signal_feedback="Blok B krijgt in het voorjaar nieuwe kozijnen; de tocht is dan weg.",
    )
    feedback = InboxMessage.objects.get(recipient=raiser, kind=InboxKind.SIGNAL_FEEDBACK)
    assert "Blok B krijgt in het voorjaar nieuwe kozijnen" in feedback.body


def test_rejected_input_leaves_linked_signals_alone():
    from frontlijn.signals.models import Status
    from tests.signals.factories import SignalFactory

    buurt = BuurtFactory()
    plan = PlanFactory(buurten=[buurt])
    signal = SignalFactory(buurt=buurt)
    item = InputFactory(round=InputRoundFactory(plan=plan))
    item.signals.set([signal])
    services.input_answer(input=item, user=plan.owner, verdict=Verdict.NIET, reason="Buiten het project")
    signal.refresh_from_db()
    assert signal.status == Status.NEW and not signal.plan_title


def test_the_plans_decision_reaches_the_raisers_of_its_signals_once(client_for):
    from frontlijn.signals.models import Status
    from tests.signals.factories import SignalFactory

    buurt = BuurtFactory()
    plan = PlanFactory(buurten=[buurt])
    raiser, other = staff_in(buurt), staff_in(buurt)
    signals = [SignalFactory(buurt=buurt, raised_by=raiser), SignalFactory(buurt=buurt, raised_by=raiser)]
    untouched = SignalFactory(buurt=buurt, raised_by=other)
    item = InputFactory(round=InputRoundFactory(plan=plan))
    item.signals.set(signals)
    services.input_answer(input=item, user=plan.owner, verdict=Verdict.OVERGENOMEN, reason="Nieuwe kozijnen")
    assert {s.plan_id for s in type(untouched).objects.filter(pk__in=[s.pk for s in signals])} == {plan.pk}
    untouched.refresh_from_db()
    assert untouched.status == Status.NEW and untouched.plan_id is None
    # "Meegenomen in plan" on the signal links to the plan, and the raiser may open it
    page = client_for(raiser).get(f"/signalen/{signals[0].pk}/").content.decode()
    assert f'<a href="/plannen/{plan.pk}/">{plan.title}</a>' in page
    assert client_for(raiser).get(f"/plannen/{plan.pk}/").status_code == 200
    assert client_for(other).get(f"/plannen/{plan.pk}/").status_code == 404

    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.BESLUIT)
    assert not InboxMessage.objects.filter(kind=InboxKind.PLAN_DECISION).exists()  # not decided yet
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.UITVOERING)
    decision = InboxMessage.objects.get(kind=InboxKind.PLAN_DECISION)
    assert decision.recipient == raiser and decision.url == f"/plannen/{plan.pk}/"
    assert plan.title in decision.title and "uitvoering" in decision.body
    # a step back and forward again does not tell them twice
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.BESLUIT, reason="Budget opnieuw bekijken")
    services.plan_move_phase(plan=plan, user=plan.owner, to_phase=Phase.UITVOERING)
    assert InboxMessage.objects.filter(kind=InboxKind.PLAN_DECISION).count() == 1
