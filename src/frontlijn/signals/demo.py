"""Demo signals: a few hundred over the last year, themed from the seed texts, some answered."""

from __future__ import annotations

import datetime as dt

from frontlijn.core.demo_context import DemoContext

# What a handler writes to the raiser (their own words, docs/signals.md), per step and outcome.
PICK_UP_NOTES = [
    "Ik ga deze week kijken en spreek de huismeester erop aan.",
    "Ik heb de aannemer gevraagd er voor vrijdag naar te kijken.",
    "Ik neem het mee in het overleg met de gemeente van dinsdag.",
    "Ik bel de bewonerscommissie om te horen of meer mensen dit merken.",
]
ANSWERS = {
    "actie": [
        "De containers worden vanaf deze maand twee keer per week geleegd.",
        "De aannemer heeft de verlichting in het portiek gerepareerd; laat het weten als het weer uitvalt.",
        "Ik heb met de betrokken bewoners gesproken; we houden het de komende weken samen in de gaten.",
    ],
    "plan": [
        "Je signaal zit in het plan voor de buurt; de bewoners horen in het voorjaar wat er verandert.",
        "We nemen dit mee in het onderhoudsplan van volgend jaar; ik laat je weten wanneer het besloten is.",
    ],
    "geparkeerd": [
        "Dit past niet in de begroting van dit jaar. Ik zet het op de lijst voor volgend jaar en laat het je weten.",
    ],
}


def load(ctx: DemoContext) -> None:
    from frontlijn.register.models import Buurt
    from frontlijn.signals.classifier import engine
    from frontlijn.signals.models import Sensitivity, Signal, Status, Theme

    if not ctx.staff or not ctx.buurten:
        return
    texts, labels = engine.load_texts(engine.SEED_PATH)
    from frontlijn.signals.themes import ensure_default_themes

    ensure_default_themes()
    themes = {t.code: t for t in Theme.objects.all()}
    n = {"small": 60, "large": 20_000}.get(ctx.size, 400)
    buurten = list(Buurt.objects.filter(pk__in=[b.pk for b in ctx.buurten]))
    lead = ctx.users.get("teamleider")
    rows, picked = [], []
    for _ in range(n):
        i = ctx.rng.randrange(len(texts))
        buurt = ctx.rng.choice(buurten)
        age = ctx.rng.randrange(0, 365)
        status = Status.NEW if age < 10 else ctx.rng.choice([Status.NEW, Status.PICKED_UP, Status.ANSWERED])
        outcome = ctx.rng.choice([Status.ACTION, Status.PLAN, Status.PARKED]) if status == Status.ANSWERED else ""
        rows.append(
            Signal(
                raised_by=ctx.rng.choice(ctx.staff),
                buurt=buurt,
                wijk_id=buurt.wijk_id,
                text=texts[i],
                sensitivity=Sensitivity.PLACE,
                status=status,
                outcome=outcome,
                park_reason="Past niet in de begroting van dit jaar" if outcome == Status.PARKED else "",
                picked_up_by=lead if status != Status.NEW else None,
                picked_up_at=ctx.now - dt.timedelta(days=max(age - 3, 0)) if status != Status.NEW else None,
                picked_up_note=ctx.rng.choice(PICK_UP_NOTES) if status != Status.NEW else "",
                feedback=ctx.rng.choice(ANSWERS[outcome]) if status == Status.ANSWERED else "",
                feedback_by=lead if status == Status.ANSWERED else None,
                feedback_at=ctx.now - dt.timedelta(days=max(age - 7, 0)) if status == Status.ANSWERED else None,
            )
        )
        picked.append((labels[i], age))
    created = Signal.objects.bulk_create(rows, batch_size=2000)
    Through = Signal.themes.through
    Through.objects.bulk_create(
        [Through(signal_id=s.pk, theme_id=themes[code].pk) for s, (code, _age) in zip(created, picked, strict=True)],
        batch_size=5000,
    )
    for signal, (_code, age) in zip(created, picked, strict=True):
        signal.created_at = ctx.now - dt.timedelta(days=age, hours=ctx.rng.randrange(0, 10))
    Signal.objects.bulk_update(created, ["created_at"], batch_size=2000)
    _load_pattern(ctx, texts=texts, labels=labels, themes=themes, buurten=buurten)


def _load_pattern(ctx: DemoContext, *, texts, labels, themes, buurten) -> None:
    """Six damp signals in one complex within 40 days: a pattern for the demo team lead."""
    from frontlijn.register.models import Complex
    from frontlijn.signals.models import Signal
    from frontlijn.signals.patterns import patterns_detect

    complex = Complex.objects.filter(buurt__in=buurten).order_by("pk").first()
    damp = [t for t, code in zip(texts, labels, strict=True) if code == "vocht-schimmel"]
    if complex is None or not damp or not ctx.staff:
        return
    rows = [
        Signal(
            raised_by=ctx.rng.choice(ctx.staff),
            complex=complex,
            buurt_id=complex.buurt_id,
            wijk_id=complex.buurt.wijk_id,
            text=damp[i % len(damp)],
        )
        for i in range(6)
    ]
    created = Signal.objects.bulk_create(rows)
    Signal.themes.through.objects.bulk_create(
        [Signal.themes.through(signal_id=s.pk, theme_id=themes["vocht-schimmel"].pk) for s in created]
    )
    for n, signal in enumerate(created):
        signal.created_at = ctx.now - dt.timedelta(days=2 + 7 * n, hours=ctx.rng.randrange(0, 10))
    Signal.objects.bulk_update(created, ["created_at"])
    patterns_detect(now=ctx.now)
