"""Demo plans: one plan in every interesting state, built through the services (so inbox
messages, invitations and the gate work exactly as in real use)."""

from __future__ import annotations

import datetime as dt

from frontlijn.core.demo_context import DemoContext
from frontlijn.plans import services
from frontlijn.plans.models import Invitation, Phase, Verdict

# Inputs the front gives on a plan, each with the answer the plan owner gives to *that* input
# (verdict and reason), per kind of plan: an isolation plan hears about draughty frames, a
# restructuring about who has to move.
INPUTS = {
    "verduurzaming": [
        (
            "zorg",
            "Veel ouderen wonen hier alleen. Werk niet in de winter en kondig het ruim van tevoren aan, ook op papier.",
            Verdict.OVERGENOMEN,
            "We plannen de werkzaamheden tussen april en oktober en sturen vier weken vooraf een brief.",
        ),
        (
            "idee",
            "Laat een bewoner per portiek meedenken over de planning: dat scheelt veel klachten achteraf.",
            Verdict.DEELS,
            "We werken met bewonersvertegenwoordigers per blok, niet per portiek; dat past in de planning.",
        ),
        (
            "steun",
            "Bewoners vragen hier al jaren om betere isolatie; de tocht bij de kozijnen is het grootste probleem.",
            Verdict.OVERGENOMEN,
            "De nieuwe kozijnen met HR++-glas zitten in het plan; we beginnen bij de blokken met de meeste tocht.",
        ),
        (
            "zorg",
            "De bergingen staan vol: waar laten bewoners hun spullen tijdens de werkzaamheden?",
            Verdict.DEELS,
            "Per blok komt een opslagcontainer; de bergingen zelf blijven tijdens het werk bereikbaar.",
        ),
        (
            "idee",
            "Combineer het met het opknappen van de binnentuin; daar ergeren bewoners zich het meest aan.",
            Verdict.NIET,
            "De binnentuin valt buiten het budget van dit project; we nemen het mee in het leefbaarheidsplan.",
        ),
    ],
    "herstructurering": [
        (
            "zorg",
            "Veel ouderen wonen hier al dertig jaar; verhuizen raakt hen het hardst. Geef hen een vast aanspreekpunt.",
            Verdict.OVERGENOMEN,
            "Elke bewoner krijgt een vaste woonconsulent als aanspreekpunt voor de verhuizing.",
        ),
        (
            "zorg",
            "Gezinnen met kinderen op de basisschool in de wijk willen in de buurt blijven wonen.",
            Verdict.DEELS,
            "Bewoners krijgen voorrang op woningen in de wijk; een woning in dezelfde straat kunnen we niet beloven.",
        ),
        (
            "idee",
            "Laat bewoners die terug willen keren meekijken naar de plattegronden van de nieuwbouw.",
            Verdict.OVERGENOMEN,
            "We organiseren twee avonden waarop terugkeerders de plattegronden bekijken en meepraten.",
        ),
        (
            "zorg",
            "Een paar bewoners hebben schulden en zijn bang voor de verhuiskosten.",
            Verdict.DEELS,
            "Iedereen krijgt de wettelijke verhuiskostenvergoeding; voor schulden verwijzen we naar de gemeente.",
        ),
    ],
}
ANSWER_FOR = {text: (verdict, reason) for pool in INPUTS.values() for _s, text, verdict, reason in pool}


def _area(ctx: DemoContext, wijk_index: int):
    wijk = ctx.wijken[wijk_index % len(ctx.wijken)]
    wijk_of_buurt = {b.pk: b.wijk_id for b in ctx.buurten}

    def wijk_id(complex_) -> int:
        if complex_.buurt_id in wijk_of_buurt:  # no query per complex in the real demo
            return wijk_of_buurt[complex_.buurt_id]
        return complex_.buurt.wijk_id

    complexes = [c for c in ctx.complexes if wijk_id(c) == wijk.pk]
    return wijk, complexes


def _round_with_inputs(ctx, plan, owner, *, question, days, n_inputs, answer_all, skip=(), extra=()):
    today = ctx.today
    rnd = services.round_open(
        plan=plan, user=owner, question=question, deadline=today + dt.timedelta(days=days), extra_invitees=extra
    )
    invitees = [i.user for i in Invitation.objects.filter(round=rnd).select_related("user") if i.user not in skip]
    invitees.sort(key=lambda u: u not in extra)  # extra invitees speak first
    inputs = []
    pool = INPUTS[plan.plan_type]
    offset = ctx.rng.randrange(len(pool))
    for index, person in enumerate(invitees[:n_inputs]):
        stance, text, _verdict, _reason = pool[(offset + index) % len(pool)]
        inputs.append(services.input_create(round=rnd, user=person, stance=stance, text=text))
    for index, item in enumerate(inputs):
        if answer_all or index % 2 == 0:
            verdict, reason = ANSWER_FOR[item.text]  # the answer to this input, not to another one
            services.input_answer(input=item, user=owner, verdict=verdict, reason=reason)
    return rnd


def load(ctx: DemoContext) -> None:
    owner = ctx.users.get("planeigenaar")
    if owner is None or not ctx.wijken or not ctx.complexes:
        return
    me = ctx.users.get("wijkbeheerder")

    # 1. In "ontwerp" with a running round: the demo wijkbeheerder still has to give input.
    wijk, complexes = _area(ctx, 0)
    plan = services.plan_create(
        user=owner,
        title=f"Isolatie en ventilatie {complexes[0].name if complexes else wijk.name}",
        plan_type="verduurzaming",
        description="Na-isolatie van gevels en daken, nieuwe kozijnen met HR++-glas en mechanische ventilatie.",
        complexes=complexes[:2] or [],
        wijken=[] if complexes else [wijk],
        decision_planned_on=ctx.today + dt.timedelta(days=60),
    )
    services.plan_move_phase(plan=plan, user=owner, to_phase=Phase.VERKENNING)
    services.plan_move_phase(plan=plan, user=owner, to_phase=Phase.ONTWERP)
    _round_with_inputs(
        ctx,
        plan,
        owner,
        question="Wat moeten we weten over de bewoners en de complexen voordat we de planning maken?",
        days=10,
        n_inputs=3,
        answer_all=False,
        skip=(me,),
    )

    # 2. Decided after every input was answered: the front was heard.
    wijk2, _complexes2 = _area(ctx, 1)
    heard = services.plan_create(
        user=owner,
        title=f"Herstructurering {wijk2.name}",
        plan_type="herstructurering",
        description="Sloop-nieuwbouw van de oudste portiekflats en renovatie van de rest.",
        wijken=[wijk2],
    )
    services.plan_move_phase(plan=heard, user=owner, to_phase=Phase.ONTWERP)
    _round_with_inputs(
        ctx,
        heard,
        owner,
        question="Welke bewoners raakt dit het meest?",
        days=0,
        n_inputs=4,
        answer_all=True,
        extra=[me] if me is not None else [],
    )
    services.plan_move_phase(plan=heard, user=owner, to_phase=Phase.BESLUIT)

    # 3. Into "uitvoering" with a recorded gate exception.
    wijk3, complexes3 = _area(ctx, 2)
    urgent = services.plan_create(
        user=owner,
        title=f"Groot onderhoud daken {wijk3.name}",
        plan_type="groot-onderhoud",
        complexes=complexes3[:1],
        wijken=[] if complexes3 else [wijk3],
    )
    services.plan_move_phase(
        plan=urgent,
        user=owner,
        to_phase=Phase.UITVOERING,
        gate_exception_reason=(
            "Stormschade: de daken moeten direct worden vervangen; bewoners zijn per brief geïnformeerd."
        ),
    )

    # 4. Just started.
    services.plan_create(
        user=owner,
        title=f"Leefbaarheid en groen {wijk.name}",
        plan_type="leefbaarheid",
        wijken=[wijk],
    )
