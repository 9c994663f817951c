"""The access matrix as data: role x data kind -> access, and every URL's data kind.

``docs/privacy.md`` writes the same matrix out for people. ``tests/privacy/test_access_matrix.py``
walks every URL pattern of the project (pages, API, exports) and checks each one, for every role,
against this matrix — with data inside and outside the user's area. A URL without an entry in
:data:`ENDPOINTS` fails that test: declare it here when you add a page.

Access levels:

- ``all``: every record of that kind (organisation-wide roles and the functioneel beheerder are
  asked a reason when they open a household outside their own work);
- ``area``: only records in the buurten the user's teams cover (plus what they wrote themselves);
- ``own``: only the user's own records (their promises, their inbox);
- ``none``: no access (403 or 404);
- ``some``: depends on the record (the plan's owner, the team's lead): decided by the app; the test
  checks login, no server error and that no resident data of a kind the role may not see shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from frontlijn.privacy import capabilities
from frontlijn.teams.models import Role

ALL, AREA, OWN, NONE = "all", "area", "own", "none"
# Depends on the record (e.g. only the plan's owner may answer inputs; only the team's lead changes
# its settings): the app decides. The test still checks login, no server error and no data leaks.
SOME = "some"

# Pseudo-roles next to teams.models.Role.
SUPERUSER = "superuser"
PRIVACY_OFFICER = "privacy_officer"  # functionaris gegevensbescherming: a user with privacy.privacy_officer

# The columns' role groups come from the one role -> capability table.
AREA_BOUND = tuple(sorted(capabilities.roles("residents_in_area")))
ORGANISATION_WIDE = tuple(sorted(capabilities.roles("residents_anywhere_front")))
FIGURES_ONLY = tuple(sorted(capabilities.roles("figures_only")))
ROLES: tuple[str, ...] = (*[r.value for r in Role], SUPERUSER, PRIVACY_OFFICER)


def _row(*, area_bound: str, org_wide: str, figures: str, beheerder: str, superuser: str, officer: str) -> dict:
    row = {r.value: area_bound for r in AREA_BOUND}
    row |= {r.value: org_wide for r in ORGANISATION_WIDE}
    row |= {r.value: figures for r in FIGURES_ONLY}
    row |= {Role.BEHEERDER.value: beheerder, SUPERUSER: superuser, PRIVACY_OFFICER: officer}
    return row


# Data kinds (rows of docs/privacy.md).
MATRIX: dict[str, dict[str, str]] = {
    # Households, residents, units with their occupants, cases, the process part of contact moments.
    "household": _row(area_bound=AREA, org_wide=ALL, figures=NONE, beheerder=ALL, superuser=ALL, officer=ALL),
    # Writing about a household: logging a contact moment, registering a case.
    "household_write": _row(area_bound=AREA, org_wide=ALL, figures=NONE, beheerder=NONE, superuser=ALL, officer=NONE),
    # Beyond-the-process notes and person-level signals (vulnerability, debts, loneliness).
    "beyond_note": _row(area_bound=AREA, org_wide=AREA, figures=NONE, beheerder=NONE, superuser=ALL, officer=NONE),
    "person_signal": _row(area_bound=AREA, org_wide=AREA, figures=NONE, beheerder=NONE, superuser=ALL, officer=NONE),
    # Home seekers (woningzoekenden).
    "home_seeker": _row(area_bound=NONE, org_wide=ALL, figures=NONE, beheerder=ALL, superuser=ALL, officer=ALL)
    | {Role.VERHUURMEDEWERKER.value: ALL},
    "home_seeker_write": _row(area_bound=NONE, org_wide=ALL, figures=NONE, beheerder=NONE, superuser=ALL, officer=NONE)
    | {Role.VERHUURMEDEWERKER.value: ALL},
    # Signals on a unit, complex or buurt (not about a person) and plans: work of the whole organisation.
    "area_signal": _row(area_bound=ALL, org_wide=ALL, figures=ALL, beheerder=ALL, superuser=ALL, officer=ALL),
    # Plans (projects and policy) and their input rounds: front staff, plan owners and managers.
    "plan": _row(area_bound=ALL, org_wide=ALL, figures=ALL, beheerder=NONE, superuser=ALL, officer=NONE),
    # Overviews for management (all plans, gates, answered inputs): team leads, plan owners, managers.
    "management": _row(area_bound=NONE, org_wide=NONE, figures=ALL, beheerder=NONE, superuser=ALL, officer=NONE)
    | {Role.TEAMLEIDER.value: ALL},
    "plan_manage": _row(area_bound=SOME, org_wide=SOME, figures=SOME, beheerder=SOME, superuser=SOME, officer=SOME),
    # The front-strength dashboard and its exports (figures only): own teams for team members, the
    # whole association for managers and the beheerder; plan owners use the briefings instead.
    "dashboard": _row(area_bound=ALL, org_wide=ALL, figures=ALL, beheerder=ALL, superuser=ALL, officer=ALL)
    | {Role.PLANEIGENAAR.value: NONE},
    # Wijken, buurten and complexes: the association's geography, no personal data.
    "geography": _row(area_bound=ALL, org_wide=ALL, figures=ALL, beheerder=ALL, superuser=ALL, officer=ALL),
    # Team settings, visit rounds and hand-overs: the team's own work (its lead and members decide).
    "team_manage": _row(area_bound=SOME, org_wide=SOME, figures=SOME, beheerder=SOME, superuser=SOME, officer=SOME),
    # Front-line work whose rules depend on the record or the role (raising a signal, picking one up).
    "front_work": _row(area_bound=SOME, org_wide=SOME, figures=SOME, beheerder=SOME, superuser=SOME, officer=SOME),
    # Figures per team/area/month; groups too small to stay anonymous are suppressed.
    "aggregate": _row(area_bound=ALL, org_wide=ALL, figures=ALL, beheerder=ALL, superuser=ALL, officer=ALL),
    # The user's own records: their promises, inbox, pulse answers, compliments, 2FA device.
    "own": _row(area_bound=OWN, org_wide=OWN, figures=OWN, beheerder=OWN, superuser=OWN, officer=OWN),
    # Staff and teams (names, roles, areas): colleagues are not personal data of residents.
    "staff": _row(area_bound=ALL, org_wide=ALL, figures=ALL, beheerder=ALL, superuser=ALL, officer=ALL),
    # The audit log and data-subject requests (export, erase): the privacy officer only.
    "audit": _row(area_bound=NONE, org_wide=NONE, figures=NONE, beheerder=NONE, superuser=ALL, officer=ALL),
    # Retention reports and the functional administration.
    "administration": _row(area_bound=NONE, org_wide=NONE, figures=NONE, beheerder=ALL, superuser=ALL, officer=ALL),
    # The theme classifier (model versions, evaluation, retrain, roll back): team leads and the
    # functional administrator; no resident text on the page, counts only.
    "classifier": _row(area_bound=NONE, org_wide=NONE, figures=NONE, beheerder=ALL, superuser=ALL, officer=NONE)
    | {Role.TEAMLEIDER.value: ALL},
    # Django admin: superusers only (it bypasses the selectors; see docs/privacy.md).
    "admin": _row(area_bound=NONE, org_wide=NONE, figures=NONE, beheerder=NONE, superuser=ALL, officer=NONE),
}
# Kinds that need no login at all (login, health, the resident's one-minute question).
PUBLIC = "public"


@dataclass(frozen=True)
class Endpoint:
    """How the access-matrix test calls one URL.

    ``kind``: the row of :data:`MATRIX` (or :data:`PUBLIC`).
    ``kwargs``: URL keyword -> test object, e.g. ``{"pk": "household"}``. The test builds that object
      inside and outside the user's area (objects: household, unit, case, resident, contact,
      promise, home_seeker, user, team, buurt; apps add more in ``tests/<app>/privacy_world.py``).
    ``params``: query string; ``method``: "GET" or "POST" (POST is sent with no data).
    ``also``: further kinds the page shows (e.g. a household page also shows beyond-the-process notes);
      the test checks that text of each kind appears only where the matrix allows.
    """

    kind: str
    kwargs: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    method: str = "GET"
    also: tuple[str, ...] = ()


# Every named URL of the project. Keys are "namespace:name".
ENDPOINTS: dict[str, Endpoint] = {
    # public
    "login": Endpoint(PUBLIC),
    "logout": Endpoint(PUBLIC, method="POST"),
    "health": Endpoint(PUBLIC),
    "health-ready": Endpoint(PUBLIC),
    "favicon": Endpoint(PUBLIC),
    "set_language": Endpoint(PUBLIC, method="POST"),
    "two-factor": Endpoint(PUBLIC),
    # single sign-on (frontlijn.sso; 404 while OIDC_ENABLED is off)
    "oidc_authentication_init": Endpoint(PUBLIC),
    "oidc_authentication_callback": Endpoint(PUBLIC),
    "recovery-codes": Endpoint("own"),
    # offline use (docs/offline.md): the worker, manifest and fallback page carry no personal data;
    # the device key is the user's own
    "service-worker": Endpoint(PUBLIC),
    "manifest": Endpoint(PUBLIC),
    "offline": Endpoint(PUBLIC),
    "device-key": Endpoint("own"),
    # core
    "core:home": Endpoint("own"),
    "core:inbox": Endpoint("own"),
    "core:inbox-read": Endpoint("own", method="POST"),
    # register
    "register:search": Endpoint("household", params={"q": "Huishouden"}),
    "register:caller": Endpoint("household"),
    "register:household": Endpoint("household", kwargs={"pk": "household"}, also=("beyond_note",)),
    "register:household-timeline": Endpoint("household", kwargs={"pk": "household"}),
    "register:unit": Endpoint("household", kwargs={"pk": "unit"}),
    # contacts
    "contacts:create": Endpoint("household_write", kwargs={"household_pk": "household"}),
    "contacts:signal-offer": Endpoint("household_write", kwargs={"household_pk": "household"}, method="POST"),
    # Only the contact's own author, shortly after: decided by the feedback service.
    "contacts:feedback-qr": Endpoint("front_work", kwargs={"pk": "contact"}, method="POST"),
    "contacts:promises": Endpoint("own"),
    "contacts:promise-done": Endpoint("own", kwargs={"pk": "promise"}, method="POST"),
    "contacts:promise-cancel": Endpoint("own", kwargs={"pk": "promise"}, method="POST"),
    # cases
    "cases:list": Endpoint("household", params={"toon": "alle"}),
    "cases:detail": Endpoint("household", kwargs={"pk": "case"}),
    "cases:create": Endpoint("household_write", kwargs={"household_pk": "household"}),
    # privacy
    "gdpr:reason": Endpoint("household", kwargs={"household_pk": "household"}),
    # KCC/balie on a live call: the reason step before beyond-the-process notes outside their area
    # (others are sent back to the household page).
    "gdpr:beyond-reason": Endpoint("household", kwargs={"household_pk": "household"}),
    "privacy:audit": Endpoint("audit"),
    "gdpr:subjects": Endpoint("audit", params={"q": "Huishouden"}),
    "gdpr:subject": Endpoint("audit", kwargs={"pk": "resident"}),
    "gdpr:subject-json": Endpoint("audit", kwargs={"pk": "resident"}),
    "gdpr:subject-pdf": Endpoint("audit", kwargs={"pk": "resident"}),
    "gdpr:subject-erase": Endpoint("audit", kwargs={"pk": "resident"}),
    "gdpr:retention": Endpoint("administration"),
    # register: home seekers
    "register:home-seekers": Endpoint("home_seeker", params={"q": "Zoekerbinnen"}),
    "register:home-seeker": Endpoint("home_seeker", kwargs={"pk": "home_seeker"}),
    "contacts:create-home-seeker": Endpoint("home_seeker_write", kwargs={"home_seeker_pk": "home_seeker"}),
    # appreciation
    "appreciation:impact": Endpoint("own"),
    "appreciation:compliment": Endpoint("staff"),
    "appreciation:pulse": Endpoint("own"),
    "appreciation:pulse-results": Endpoint("aggregate"),
    "appreciation:pulse-action": Endpoint(
        "team_manage", kwargs={"team_pk": "team", "period": "literal:2026-11"}, method="POST"
    ),
    # feedback (residents, no account; the token is the key)
    "feedback:answer": Endpoint(PUBLIC, kwargs={"token": "literal:onbekend-token"}),
    "feedback:thanks": Endpoint(PUBLIC),
    # plans
    "plans:list": Endpoint("plan"),
    "plans:overview": Endpoint("management"),
    "plans:create": Endpoint("plan_manage"),
    "plans:detail": Endpoint("plan_manage", kwargs={"pk": "plan"}),
    "plans:edit": Endpoint("plan_manage", kwargs={"pk": "plan"}),
    "plans:phase": Endpoint("plan_manage", kwargs={"pk": "plan"}),
    "plans:round_create": Endpoint("plan_manage", kwargs={"pk": "plan"}),
    "plans:briefing": Endpoint("plan_manage", kwargs={"pk": "plan"}),
    "plans:briefing_pdf": Endpoint("plan_manage", kwargs={"pk": "plan"}),
    "plans:round": Endpoint("plan_manage", kwargs={"pk": "plan_round"}),
    "plans:answer": Endpoint("plan_manage", kwargs={"pk": "plan_input"}),
    # teams
    "teams:list": Endpoint("staff"),
    "teams:detail": Endpoint("team_manage", kwargs={"pk": "team"}),
    "teams:settings": Endpoint("team_manage", kwargs={"pk": "team"}),
    "teams:contact-time": Endpoint("team_manage", kwargs={"pk": "team"}),
    "teams:rounds": Endpoint("team_manage", kwargs={"pk": "team"}),
    "teams:round-create": Endpoint("team_manage", kwargs={"pk": "team"}),
    "teams:round": Endpoint("team_manage", kwargs={"pk": "visit_round"}),
    "teams:round-divide": Endpoint("team_manage", kwargs={"pk": "visit_round"}, method="POST"),
    "teams:visit": Endpoint("team_manage", kwargs={"pk": "round_visit"}),
    "teams:case-take": Endpoint("team_manage", kwargs={"case_pk": "case"}, method="POST"),
    "teams:case-hand-over": Endpoint("team_manage", kwargs={"case_pk": "case"}),
    "teams:absence": Endpoint("own"),
    "teams:absence-delete": Endpoint("own", kwargs={"pk": "absence"}, method="POST"),
    # signals
    "signals:list": Endpoint("area_signal"),
    "signals:create": Endpoint("front_work"),
    "signals:suggest": Endpoint("front_work"),
    "signals:unpicked": Endpoint("front_work"),
    "signals:area": Endpoint("aggregate"),
    "signals:detail": Endpoint("person_signal", kwargs={"pk": "person_signal"}),
    "signals:pick-up": Endpoint("front_work", kwargs={"pk": "person_signal"}, method="POST"),
    "signals:photo": Endpoint("front_work", kwargs={"pk": "literal:999999"}),
    # patterns: theme, place and counts for the signal handlers of the area; the signals listed
    # are only those the reader may read (signals.pattern_selectors)
    "signals:patterns": Endpoint("front_work"),
    "signals:pattern": Endpoint("front_work", kwargs={"pk": "literal:999999"}),
    "signals:themes": Endpoint("front_work", kwargs={"pk": "person_signal"}, method="POST"),
    "signals:classifier": Endpoint("classifier"),
    "signals:classifier-retrain": Endpoint("classifier", method="POST"),
    "signals:classifier-rollback": Endpoint("classifier", method="POST"),
    # dashboard (figures only; exports of figures)
    "dashboard:index": Endpoint("dashboard"),
    "dashboard:export_csv": Endpoint("dashboard"),
    "dashboard:export_xlsx": Endpoint("dashboard"),
    "dashboard:report_pdf": Endpoint("dashboard"),
    "dashboard:compare": Endpoint("dashboard"),
    "dashboard:contact_requests": Endpoint("household_write"),  # residents who asked to be called back
    "api:signalen-list": Endpoint("area_signal"),
    "api:plannen-list": Endpoint("plan"),
    "api:inbreng-list": Endpoint("plan"),
    # API (VERA-shaped JSON; session or token)
    "api:schema": Endpoint(PUBLIC),
    "api:docs": Endpoint(PUBLIC),
    "api:redoc": Endpoint(PUBLIC),
}
for _kind, _data_kind in {
    "wijken": "geography",
    "buurten": "geography",
    "clusters": "geography",
    "eenheden": "household",
    "huishoudens": "household",
    "relaties": "household",
    "huurovereenkomsten": "household",
    "zaken": "household",
    "contactmomenten": "household",
}.items():
    ENDPOINTS[f"api:{_kind}-list"] = Endpoint(_data_kind)
    ENDPOINTS[f"api:{_kind}-detail"] = Endpoint(_data_kind, kwargs={"idExtern": f"api_{_kind}"})
    ENDPOINTS[f"api:{_kind}-bulk"] = Endpoint(_data_kind, method="POST")  # the nightly sync's bulk write

# URL namespaces checked through one representative URL (Django admin has hundreds of patterns).
NAMESPACES: dict[str, tuple[str, Endpoint]] = {
    "admin": ("admin:index", Endpoint("admin")),
}
# URL names the test cannot call meaningfully (static file serving, the i18n JS catalogue).
IGNORED: frozenset[str] = frozenset()


def role_of(user) -> str:
    """The matrix column of a user."""
    if user.is_superuser:
        return SUPERUSER
    if user.has_perm("privacy.privacy_officer"):
        return PRIVACY_OFFICER
    return user.role


def access(user, kind: str) -> str:
    if kind == PUBLIC:
        return ALL
    return MATRIX[kind].get(role_of(user), NONE)
