"""docs/privacy.md and the code say the same about who sees which plans (probe finding 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlijn.plans.selectors import plan_list
from frontlijn.teams.models import Role
from tests.factories import UserFactory
from tests.plans.factories import InputRoundFactory, InvitationFactory, PlanFactory
from tests.privacy import matrix

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
COLUMNS = {  # the columns of the matrix table in docs/privacy.md
    1: matrix.AREA_BOUND,
    2: matrix.ORGANISATION_WIDE,
    3: matrix.FIGURES_ONLY,
    4: (Role.BEHEERDER,),
}


def _documented() -> dict[str, str]:
    row = next(line for line in DOC.read_text().splitlines() if line.startswith("| plan ("))
    cells = [c.strip() for c in row.strip("|").split("|")]
    levels = {}
    for index, roles in COLUMNS.items():
        cell = cells[index]
        for role in roles:
            levels[role.value] = "all" if f"{role.value}: all" in cell else cell.split()[0]
    return levels


def test_the_documented_plan_access_is_what_plan_list_does():
    documented = _documented()
    assert set(documented.values()) <= {"all", "invited", "none"}, documented
    for role, level in documented.items():
        user = UserFactory(role=role)
        uninvited = PlanFactory()
        invited = PlanFactory()
        InvitationFactory(round=InputRoundFactory(plan=invited), user=user)
        visible = set(plan_list(user=user).values_list("pk", flat=True))
        sees_uninvited, sees_invited = uninvited.pk in visible, invited.pk in visible
        if level == "all":
            assert sees_uninvited and sees_invited, role
        elif level == "invited":
            assert sees_invited and not sees_uninvited, role
        else:
            assert not sees_uninvited, role
