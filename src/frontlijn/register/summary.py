"""Before the doorbell: what a colleague needs to know in ten seconds, at the top of the household page.

Residents (first name, age, preferred language), attention points the user may see (75+,
language, vulnerability), open promises and cases with their lateness, open signals and the
last contact. Every part is read through the apps' selectors, so the privacy scope applies;
vulnerability only for those who may read the household's beyond-the-process notes
(:func:`frontlijn.privacy.scoping.sees_vulnerability`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from frontlijn.lib import clock
from frontlijn.privacy import scoping

if TYPE_CHECKING:
    from frontlijn.teams.models import User

SENIOR_AGE = 75
# Beyond-the-process tags and signal themes that make a household vulnerable (shown by name).
VULNERABLE_TAGS = ("eenzaamheid", "gezondheid", "geldzorgen")
VULNERABLE_THEMES = ("eenzaamheid", "zorg", "geldzorgen", "veiligheid")
VULNERABILITY_MONTHS = 12


@dataclass
class ResidentLine:
    first_name: str
    age: int | None
    language: str  # "" for Dutch
    main_tenant: bool


@dataclass
class Summary:
    residents: list[ResidentLine]
    attention: list[str]
    promises: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    signals: list = field(default_factory=list)
    last_contact: object | None = None


def household_summary(*, user: User, household, residents, today: dt.date | None = None) -> Summary:
    from frontlijn.cases.models import CLOSED_STATUSES
    from frontlijn.cases.selectors import case_list
    from frontlijn.contacts.models import ContactMoment, Promise, PromiseStatus
    from frontlijn.contacts.selectors import contact_moment_list
    from frontlijn.signals.models import OPEN_STATUSES
    from frontlijn.signals.selectors import signal_list

    today = today or clock.today()
    lines = [
        ResidentLine(
            first_name=r.first_name,
            age=today.year - r.birth_year if r.birth_year else None,
            language="" if r.preferred_language == "nl" else r.get_preferred_language_display(),
            main_tenant=r.is_main_tenant,
        )
        for r in residents
    ]
    attention = []
    if any(line.age is not None and line.age >= SENIOR_AGE for line in lines):
        attention.append(_("75+"))
    for language in dict.fromkeys(line.language for line in lines if line.language):
        attention.append(_("spreekt liever %(language)s") % {"language": language})
    signals = list(
        signal_list(user=user)
        .filter(household=household, status__in=OPEN_STATUSES)
        .select_related(None)
        .prefetch_related("themes")
        .order_by("-created_at")[:5]
    )
    if scoping.sees_vulnerability(user, household):
        since = clock.now() - dt.timedelta(days=VULNERABILITY_MONTHS * 31)
        tags = (
            ContactMoment.objects.filter(household=household, occurred_at__gte=since)
            .filter(scoping.beyond_note_q(user))
            .values_list("beyond_tags", flat=True)
        )
        seen = {tag for row in tags for tag in (row or [])}
        labels = dict(_tag_labels())
        vulnerable = [labels[t] for t in VULNERABLE_TAGS if t in seen]
        for signal in signals:
            if signal.is_person_level:
                for theme in signal.themes.all():
                    if theme.code in VULNERABLE_THEMES and theme.name not in vulnerable:
                        vulnerable.append(theme.name)
        if vulnerable:
            attention.append(_("kwetsbaar: %(what)s") % {"what": ", ".join(str(v).lower() for v in vulnerable)})
    promises = list(
        Promise.objects.filter(household=household, status=PromiseStatus.OPEN)
        .select_related("owner")
        .order_by("due_date", "id")[:5]
    )
    cases = list(
        case_list(user=user)
        .select_related(None)
        .filter(household=household)
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("target_date", "id")[:5]
    )
    last_contact = (
        contact_moment_list(user=user)
        .select_related(None)
        .select_related("staff")
        .filter(household=household)
        .order_by("-occurred_at", "-id")
        .first()
    )
    return Summary(
        residents=lines,
        attention=attention,
        promises=promises,
        cases=cases,
        signals=signals,
        last_contact=last_contact,
    )


def _tag_labels():
    from frontlijn.contacts.models import BeyondTag

    return BeyondTag.choices
