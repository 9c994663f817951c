"""A small association for the access-matrix test: one buurt inside the users' area, one outside,
one user per role, and in each buurt a household with a resident, a case, a contact moment with a
beyond-the-process note and a promise. Each record carries a marker text that the test looks for
in responses.

Apps add objects for their own URLs in ``tests/<app>/privacy_world.py``::

    BUILDERS = {"signal": lambda world, where, user: SignalFactory(unit=world.units[where]).pk}

``where`` is "in" (inside the user's area; for own records: the user's own) or "out".
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone

from frontlijn.privacy.access import SESSION_KEY
from frontlijn.teams.models import Role
from tests import factories as f
from tests.privacy import matrix

MARKERS = {
    # data kind -> {where: text that appears only in records of that kind and place}
    "household": {"in": "Binnenbewoner", "out": "Buitenbewoner"},
    "beyond_note": {"in": "BINNENNOTITIE", "out": "BUITENNOTITIE"},
    "home_seeker": {"in": "Zoekerbinnen", "out": "Zoekerbinnen"},
    "person_signal": {"in": "SIGNAALBINNEN", "out": "SIGNAALBUITEN"},
}


@dataclass
class World:
    buurten: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    households: dict = field(default_factory=dict)
    residents: dict = field(default_factory=dict)
    cases: dict = field(default_factory=dict)
    contacts: dict = field(default_factory=dict)
    home_seeker: object = None
    teams: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)  # matrix role -> user
    colleague: object = None
    extra: dict = field(default_factory=dict)  # for apps' builders


def build_world() -> World:
    w = World()
    for where in ("in", "out"):
        buurt, team = f.area()
        w.buurten[where], w.teams[where] = buurt, team
        unit = f.UnitFactory(complex__buurt=buurt, buurt=buurt, street=f"{where.capitalize()}straat")
        w.units[where] = unit
        household = f.HouseholdFactory(unit=unit, name=f"Huishouden {MARKERS['household'][where]}")
        w.households[where] = household
        w.residents[where] = f.ResidentFactory(household=household, last_name=MARKERS["household"][where])
        w.extra[f"tenancy-{where}"] = f.TenancyFactory(household=household, id_extern=f"T-{where}")
        w.cases[where] = f.CaseFactory(household=household, description=f"Zaak {MARKERS['household'][where]}")
    w.colleague = f.UserFactory(role=Role.WIJKBEHEERDER, teams=[w.teams["in"], w.teams["out"]])
    for where in ("in", "out"):
        w.contacts[where] = f.ContactMomentFactory(
            household=w.households[where],
            staff=w.colleague,
            beyond_note=f"Gaat goed, {MARKERS['beyond_note'][where]}",
            beyond_tags=["welzijn"],
        )
    for where in ("in", "out"):
        for obj in (
            w.buurten[where].wijk,
            w.buurten[where],
            w.units[where].complex,
            w.units[where],
            w.households[where],
            w.residents[where],
            w.cases[where],
            w.contacts[where],
        ):
            type(obj).objects.filter(pk=obj.pk).update(id_extern=f"{type(obj).__name__}-{where}")
    from tests.signals.factories import person_signal

    for where in ("in", "out"):
        signal = person_signal(w.households[where], raised_by=w.colleague)
        type(signal).objects.filter(pk=signal.pk).update(text=f"Eenzaam, {MARKERS['person_signal'][where]}")
        w.extra[f"signal-{where}"] = signal
    w.home_seeker = f.HomeSeekerFactory(last_name=MARKERS["home_seeker"]["in"])
    officers = Group.objects.get(name="Functionaris gegevensbescherming")
    for role in matrix.ROLES:
        if role == matrix.SUPERUSER:
            user = f.UserFactory(is_superuser=True, is_staff=True, teams=[w.teams["in"]])
        elif role == matrix.PRIVACY_OFFICER:
            user = f.UserFactory(role=Role.BEHEERDER, teams=[w.teams["in"]])
            user.groups.add(officers)
        else:
            user = f.UserFactory(role=role, teams=[w.teams["in"]])
        w.users[role] = user
    return w


def _promise(world, where, user):
    owner = user if where == "in" else world.colleague
    return f.PromiseFactory(household=world.households["in"], owner=owner).pk


def _plan(world, where, user):
    from frontlijn.plans.models import Plan, PlanType

    plan = Plan.objects.create(
        title=f"Plan {where}", plan_type=PlanType.values[0], owner=user if where == "in" else world.colleague
    )
    plan.buurten.set([world.buurten[where]])
    return plan


def _plan_round(world, where, user):
    import datetime as dt

    from frontlijn.plans.models import InputRound

    plan = _plan(world, where, user)
    return InputRound.objects.create(
        plan=plan,
        question="Wat weet u?",
        deadline=timezone.localdate() + dt.timedelta(days=7),
        opened_by=plan.owner,
        phase=plan.phase,
    )


def _plan_input(world, where, user):
    from frontlijn.plans.models import Input, Stance

    plan_round = _plan_round(world, where, user)
    return Input.objects.create(round=plan_round, author=world.colleague, stance=Stance.values[0], text="Inbreng")


def _visit_round(world, where, user):
    import datetime as dt

    from frontlijn.teams.models_work import RoundCriterion, VisitRound

    return VisitRound.objects.create(
        team=world.teams[where],
        name=f"Ronde {where}",
        criterion=RoundCriterion.values[0],
        complex=world.units[where].complex,
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + dt.timedelta(days=30),
    )


def _round_visit(world, where, user):
    from frontlijn.teams.models import RoundVisit

    return RoundVisit.objects.create(round=_visit_round(world, where, user), household=world.households[where]).pk


def _absence(world, where, user):
    import datetime as dt

    from frontlijn.teams.models import Absence

    owner = user if where == "in" else world.colleague
    start = timezone.localdate() + dt.timedelta(days=3)
    return Absence.objects.create(user=owner, start_date=start, end_date=start).pk


def _api(kind: str):
    def build(world, where, user):
        obj = {
            "wijken": world.buurten[where].wijk,
            "buurten": world.buurten[where],
            "clusters": world.units[where].complex,
            "eenheden": world.units[where],
            "huishoudens": world.households[where],
            "relaties": world.residents[where],
            "huurovereenkomsten": world.extra[f"tenancy-{where}"],
            "zaken": world.cases[where],
            "contactmomenten": world.contacts[where],
        }[kind]
        obj.refresh_from_db()
        return obj.id_extern

    return build


BUILDERS = {
    "plan": lambda w, where, user: _plan(w, where, user).pk,
    "plan_round": lambda w, where, user: _plan_round(w, where, user).pk,
    "plan_input": lambda w, where, user: _plan_input(w, where, user).pk,
    "visit_round": lambda w, where, user: _visit_round(w, where, user).pk,
    "round_visit": _round_visit,
    "absence": _absence,
    "person_signal": lambda w, where, user: w.extra[f"signal-{where}"].pk,
    **{
        f"api_{kind}": _api(kind)
        for kind in (
            "wijken",
            "buurten",
            "clusters",
            "eenheden",
            "huishoudens",
            "relaties",
            "huurovereenkomsten",
            "zaken",
            "contactmomenten",
        )
    },
    "household": lambda w, where, user: w.households[where].pk,
    "unit": lambda w, where, user: w.units[where].pk,
    "resident": lambda w, where, user: w.residents[where].pk,
    "case": lambda w, where, user: w.cases[where].pk,
    "contact": lambda w, where, user: w.contacts[where].pk,
    "promise": _promise,
    "home_seeker": lambda w, where, user: w.home_seeker.pk,
    "buurt": lambda w, where, user: w.buurten[where].pk,
    "team": lambda w, where, user: w.teams[where].pk,
    "user": lambda w, where, user: (user if where == "in" else w.colleague).pk,
}


def all_builders() -> dict:
    """Our builders plus those of every ``tests/<app>/privacy_world.py``."""
    import tests

    builders = dict(BUILDERS)
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg or module.name == "privacy":
            continue
        try:
            extra = importlib.import_module(f"tests.{module.name}.privacy_world")
        except ModuleNotFoundError:
            continue
        builders.update(getattr(extra, "BUILDERS", {}))
    return builders


def allow_all_households(client, world) -> None:
    """Give the access reason for every household up front, so pages render instead of asking."""
    session = client.session
    today = timezone.localdate().isoformat()
    session[SESSION_KEY] = {str(h.pk): {"day": today, "reason": "test"} for h in world.households.values()}
    session.save()


def yesterday() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=1)
