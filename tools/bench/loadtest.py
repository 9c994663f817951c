"""The load test's accounts: area-bound front staff with households of their own area to open.

``python -m bench loadtest-users`` writes them as JSON for tools/loadtest/locustfile.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from frontlijn.privacy import scoping
from frontlijn.register.models import Household, Resident
from frontlijn.teams.models import Role, User

LOAD_ROLES = [Role.WIJKBEHEERDER, Role.HUISMEESTER, Role.WOONCONSULENT, Role.OPZICHTER, Role.TEAMLEIDER]


def _session_for(user) -> str:
    """A logged-in session, as after the morning's login (the Argon2 check is measured apart)."""
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def write_users(*, out: Path, count: int = 400, households_per_user: int = 40) -> int:
    """One entry per simulated staff member (accounts are reused when there are fewer), each with
    a fresh session of its own."""
    users = list(User.objects.filter(role__in=LOAD_ROLES, is_active=True, is_superuser=False).order_by("id")[:count])
    by_area: dict[frozenset, dict] = {}
    accounts = []
    for user in users:
        buurten = scoping.area_buurt_ids(user)
        if not buurten:
            continue
        if buurten not in by_area:
            in_area = list(
                Household.objects.filter(unit__buurt_id__in=buurten)
                .order_by("id")
                .values_list("id", "unit__postcode", "unit__house_number")
            )
            households = in_area[:: max(1, len(in_area) // households_per_user)][:households_per_user]
            names = list(
                Resident.objects.filter(household_id__in=[h[0] for h in households], is_main_tenant=True)
                .values_list("last_name", flat=True)
                .distinct()[:households_per_user]
            )
            by_area[buurten] = {
                "households": [h[0] for h in households],
                "queries": [f"{pc} {nr}" for _id, pc, nr in households[:20]] + names[:20],
            }
        accounts.append((user, by_area[buurten]))
    entries = []
    for i in range(count if accounts else 0):
        user, area = accounts[i % len(accounts)]
        entries.append({"username": user.username, "sessionid": _session_for(user), **area})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"password": "frontlijn-demo", "accounts": entries}))
    return len(entries)
