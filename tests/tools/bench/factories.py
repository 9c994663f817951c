"""A small world that can grow: the data behind the query-count test."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from frontlijn.cases.models import CaseType
from frontlijn.core.models import InboxMessage
from frontlijn.teams.models import Role
from tests.factories import (
    CaseFactory,
    ComplexFactory,
    ContactMomentFactory,
    HouseholdFactory,
    PromiseFactory,
    ResidentFactory,
    UnitFactory,
    UserFactory,
    area,
)


@dataclass
class World:
    """A wijkbeheerder, their area, one household with history and households to search for."""

    SEARCH_NAME = "Bakkerzoek"

    user: object
    team: object
    buurt: object
    household: object
    size: int = 0
    extra: dict = field(default_factory=dict)

    @classmethod
    def build(cls, n: int) -> World:
        buurt, team = area()
        user = UserFactory(role=Role.WIJKBEHEERDER, teams=[team])
        complex_ = ComplexFactory(buurt=buurt)
        household = HouseholdFactory(unit=UnitFactory(complex=complex_))
        world = cls(user=user, team=team, buurt=buurt, household=household)
        world.grow(n)
        return world

    def grow(self, k: int) -> None:
        """Add ``k`` more of everything the main pages list."""
        now = timezone.now()
        today = timezone.localdate()
        household = self.household
        for i in range(self.size, self.size + k):
            ResidentFactory(household=household, first_name=f"Lid{i}", is_main_tenant=i == 0)
            colleague = UserFactory(role=Role.HUISMEESTER, teams=[self.team])
            case = CaseFactory(
                household=household,
                unit=household.unit,
                case_type=CaseType.KLACHT if i % 2 else CaseType.REPARATIEVERZOEK,
                assignee=self.user,
                created_by=colleague,
            )
            contact = ContactMomentFactory(
                staff=colleague,
                household=household,
                unit=household.unit,
                case=case,
                occurred_at=now - dt.timedelta(hours=i + 1),
                beyond_note="Gaat goed met het gezin.",
                beyond_tags=["welzijn"],
            )
            PromiseFactory(contact_moment=contact, household=household, owner=colleague)
            PromiseFactory(household=household, owner=self.user, due_date=today + dt.timedelta(days=i % 5 - 2))
            # A household found by the search, with a contact and a promise of the user.
            other = HouseholdFactory(
                name=f"Huishouden {self.SEARCH_NAME} {i}", unit=UnitFactory(complex=ComplexFactory(buurt=self.buurt))
            )
            ResidentFactory(household=other, last_name=self.SEARCH_NAME, first_name=f"Kees{i}")
            own = ContactMomentFactory(
                staff=self.user, household=other, unit=other.unit, occurred_at=now - dt.timedelta(minutes=i + 1)
            )
            PromiseFactory(contact_moment=own, household=other, owner=self.user)
            InboxMessage.objects.create(recipient=self.user, title=f"Bericht {i}", body="Dank voor je signaal.")
            self._signal(i, household, contact)
        self.size += k

    def _signal(self, i: int, household, contact) -> None:
        try:
            from frontlijn.signals.models import Signal, Theme
        except ImportError:
            return
        signal = Signal.objects.create(
            raised_by=self.user,
            contact_moment=contact,
            household=household,
            unit=household.unit,
            complex=household.unit.complex,
            buurt=self.buurt,
            wijk=self.buurt.wijk,
            text=f"Schimmel in de badkamer ({i}).",
            status="nieuw" if i % 2 else "teruggekoppeld",
        )
        theme = Theme.objects.order_by("id").first()
        if theme is not None:
            signal.themes.add(theme)
