"""Role -> capability: the one table of which roles may do what.

Every module that decides by role (``privacy.scoping``, ``privacy.matrix``, the dashboard, signal
and plan selectors, appreciation) reads its role sets from :data:`CAPABILITIES`; none spells out
roles itself (``tests/privacy/test_capabilities.py`` checks that). Superusers hold every
capability; the rules that also depend on the record (a plan's owner, a team's lead) stay with the
app, which asks this table for the role part.

``docs/privacy.md`` describes the same rules for people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontlijn.lib.roles import FRONT_ROLES, ORGANISATION_WIDE_FRONT_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontlijn.teams.models import User

_AREA_BOUND = frozenset(
    {
        Role.WIJKBEHEERDER,
        Role.HUISMEESTER,
        Role.WOONCONSULENT,
        Role.OPZICHTER,
        Role.VERHUURMEDEWERKER,
        Role.VAKMAN,
        Role.TEAMLEIDER,
    }
)

CAPABILITIES: dict[str, frozenset[str]] = {
    # --- residents (privacy.scoping) ---
    # See the households and units in the buurten their teams cover.
    "residents_in_area": _AREA_BOUND,
    # Take any resident who calls or walks in: every household (beyond-the-process notes only in
    # their own area or where they wrote them).
    "residents_anywhere_front": frozenset(ORGANISATION_WIDE_FRONT_ROLES),
    # The whole register (functioneel beheer); never beyond-the-process notes.
    "register_wide": frozenset({Role.BEHEERDER}),
    # Home seekers (woningzoekenden).
    "home_seekers": frozenset({Role.VERHUURMEDEWERKER, Role.BALIEMEDEWERKER, Role.KCC_MEDEWERKER, Role.BEHEERDER}),
    # Bulk listing of personal data (more than one API page, an ``updated_since`` sync, exports):
    # with the second factor in the session. Privacy officers may too (privacy.twofactor).
    "bulk_personal_data": frozenset({Role.BEHEERDER}),
    # Figures only: plan owners and managers never see individual residents.
    "figures_only": frozenset({Role.PLANEIGENAAR, Role.MANAGER}),
    # --- dashboard (dashboard.selectors) ---
    "dashboard_whole_association": frozenset({Role.MANAGER, Role.BEHEERDER}),
    "dashboard_own_teams": frozenset({Role.TEAMLEIDER, *FRONT_ROLES}),
    # --- signals (signals.selectors) ---
    "signal_aggregates": frozenset({Role.PLANEIGENAAR, Role.MANAGER, Role.BEHEERDER}),
    "signal_handling": frozenset({Role.TEAMLEIDER, Role.PLANEIGENAAR, Role.MANAGER}),
    # Raise signals without logging contacts themselves (besides everyone who logs contacts).
    "signal_raising_lead": frozenset({Role.TEAMLEIDER}),
    # The theme classifier's page: active version, its evaluation, retrain, roll back.
    "classifier_manage": frozenset({Role.TEAMLEIDER, Role.BEHEERDER}),
    # --- appreciation (appreciation.views) ---
    "compliment_as_lead": frozenset({Role.TEAMLEIDER, Role.MANAGER}),
    "pulse_results_all_teams": frozenset({Role.MANAGER, Role.BEHEERDER}),
    # Record what the team did with a period's pulse results (for their own team).
    "pulse_team_action": frozenset({Role.TEAMLEIDER}),
    # --- plans (plans.permissions) ---
    "plan_create": frozenset({Role.PLANEIGENAAR, Role.MANAGER}),
    "plan_overview": frozenset({Role.PLANEIGENAAR, Role.MANAGER, Role.TEAMLEIDER}),
    "plan_manage_any": frozenset({Role.MANAGER}),
    "plan_from_pattern": frozenset({Role.TEAMLEIDER, Role.PLANEIGENAAR, Role.MANAGER}),
    # --- signal patterns (signals.pattern_selectors, signals.patterns) ---
    "pattern_answer_in_area": frozenset({Role.TEAMLEIDER}),  # answer the patterns of their area
    "pattern_answer_any": frozenset({Role.MANAGER}),  # may step in anywhere
    "pattern_inbox_lead": frozenset({Role.TEAMLEIDER}),  # told when their teams cover the buurt
    "pattern_inbox_owner": frozenset({Role.PLANEIGENAAR}),  # ... or they own a plan there
    "no_plans": frozenset({Role.BEHEERDER}),
    # --- teams (teams.selectors, teams.services, teams.apps) ---
    "teams_all": frozenset({Role.MANAGER, Role.BEHEERDER}),
    "team_manage_any": frozenset({Role.BEHEERDER}),
    # Set a team's way of working, priorities and contact target: the team's own lead (a member
    # with this role) and the functional administrator (``team_manage_any``); members see every change.
    "team_settings_lead": frozenset({Role.TEAMLEIDER}),
    # --- privacy and feedback ---
    "administration": frozenset({Role.BEHEERDER}),  # retention reports (privacy.selectors)
    "no_resident_follow_up": frozenset({Role.BEHEERDER}),  # feedback follow-up, logging contacts
    "shared_device_always": frozenset({Role.BALIEMEDEWERKER}),  # the short session (privacy.views)
    # Not a role: ``frontlijn backup`` / ``restore`` hold the whole database (beyond-the-process
    # notes too), so only superusers and privacy officers (privacy.cli.may_handle_whole_database).
}

# API kinds that hold no personal data (geography, plans): no audit row, no bulk limit.
NOT_PERSONAL_API_KINDS = frozenset({"wijken", "buurten", "clusters", "plannen"})


def roles(capability: str) -> frozenset[str]:
    """The roles that hold ``capability`` (a KeyError for a name not in the table)."""
    return CAPABILITIES[capability]


def has(user: User | AnonymousUser, capability: str) -> bool:
    """Whether an active, logged-in ``user`` holds ``capability`` (superusers hold all)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return bool(user.is_superuser or user.role in CAPABILITIES[capability])


def role_in(user: User, capability: str) -> bool:
    """Only the role part (no superuser rule): for modules that treat superusers separately."""
    return getattr(user, "role", None) in CAPABILITIES[capability]
