"""Writes for appreciation: compliments (delivered to the inbox) and anonymous pulse answers."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from frontlijn.appreciation.models import (
    PULSE_QUESTIONS,
    AboutKind,
    Compliment,
    ComplimentSource,
    PulseParticipation,
    PulseResponse,
    PulseTeamAction,
)
from frontlijn.core.models import InboxKind
from frontlijn.core.services import inbox_send
from frontlijn.lib import clock
from frontlijn.lib.validators import validate_no_bsn

if TYPE_CHECKING:
    from frontlijn.teams.models import User

MAX_COMPLIMENT_LENGTH = 1000
QUESTION_FIELDS = [field for field, _label in PULSE_QUESTIONS]


class AlreadyAnswered(ValidationError):
    """The person already answered the pulse survey in this period."""


@transaction.atomic
def compliment_create(
    *,
    to_user,
    from_user=None,
    source: str,
    text: str,
    contact=None,
    about_kind: str = "",
    about_id: int | None = None,
    about_contact: dict | None = None,
) -> Compliment:
    """Record a compliment and deliver it to the person's inbox.

    ``source`` is a :class:`ComplimentSource` value; resident compliments (from the feedback app)
    pass ``from_user=None, source="bewoner"`` and ``about_contact`` (``{"date", "channel",
    "first_name"}``, what the resident's page said the question was about) instead of the contact.
    """
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if source not in ComplimentSource.values:
        errors["source"] = [_("Onbekende afzender van het compliment.")]
    if to_user is None or not to_user.is_active:
        errors["to_user"] = [_("Kies de collega voor wie het compliment is.")]
    elif from_user is not None and from_user.pk == to_user.pk:
        errors["to_user"] = [_("Een compliment geef je aan een ander. Kies een collega.")]
    if not text:
        errors["text"] = [_("Schrijf op waarvoor je het compliment geeft.")]
    elif len(text) > MAX_COMPLIMENT_LENGTH:
        errors["text"] = [
            _("Houd het compliment korter dan %(max)s tekens (nu %(n)s).")
            % {"max": MAX_COMPLIMENT_LENGTH, "n": len(text)}
        ]
    else:
        try:
            validate_no_bsn(text)
        except ValidationError as exc:
            errors["text"] = exc.messages
    if about_kind and about_kind not in AboutKind.values:
        errors["about_kind"] = [_("Onbekend onderwerp van het compliment.")]
    if errors:
        raise ValidationError(errors)
    if about_contact is None and contact is not None:
        about_contact = {
            "date": clock.localtime(contact.occurred_at).date(),
            "channel": contact.get_channel_display(),
            "first_name": contact.staff.first_name if contact.staff_id else "",
        }
    about_contact = about_contact or {}
    compliment = Compliment.objects.create(
        to_user=to_user,
        from_user=from_user,
        source=source,
        text=text,
        contact=contact,
        about_kind=about_kind,
        about_id=about_id if about_kind else None,
        about_contact_on=about_contact.get("date"),
        about_channel=str(about_contact.get("channel") or "")[:60],
        about_staff_first_name=str(about_contact.get("first_name") or "")[:150],
    )
    if from_user is not None:
        title = _("Compliment van %(name)s") % {"name": from_user}
    else:
        title = _("Compliment van een bewoner")
    body = text
    if compliment.about_contact_on:
        body = f"{text}\n\n{compliment_about(compliment)}"
    inbox_send(
        recipient=to_user,
        kind=InboxKind.COMPLIMENT,
        title=title,
        body=body,
        url=reverse("appreciation:impact") + "#complimenten",
    )
    return compliment


def compliment_about(compliment: Compliment) -> str:
    """ "Over het contact van 3 december 2026 (Telefoon) met Rana", or "" when not about a contact."""
    if not compliment.about_contact_on:
        return ""
    from django.utils.formats import date_format

    values = {
        "date": date_format(compliment.about_contact_on, "j F Y"),
        "channel": compliment.about_channel,
        "name": compliment.about_staff_first_name,
    }
    if compliment.about_staff_first_name:
        return _("Over het contact van %(date)s (%(channel)s) met %(name)s") % values
    return _("Over het contact van %(date)s (%(channel)s)") % values


# --- pulse survey -------------------------------------------------------------------------------


def pulse_months() -> int:
    """Length of a pulse period in months (setting FRONTLIJN_PULSE_MONTHS; default 1 = monthly)."""
    months = int(getattr(settings, "FRONTLIJN_PULSE_MONTHS", 1) or 1)
    return months if months in (1, 2, 3, 4, 6, 12) else 1


def period_for(day: dt.date | None = None) -> str:
    """The period a date falls in, as ``YYYY-MM`` of the period's first month."""
    day = day or clock.today()
    months = pulse_months()
    first_month = ((day.month - 1) // months) * months + 1
    return f"{day.year}-{first_month:02d}"


def has_answered(*, user: User, period: str | None = None) -> bool:
    return PulseParticipation.objects.filter(user=user, period=period or period_for()).exists()


@transaction.atomic
def pulse_answer(
    *, user: User, team=None, scores: dict[str, int], comment: str = "", period: str | None = None
) -> None:
    """Store one anonymous answer and, separately, that ``user`` answered in this period.

    Returns nothing on purpose: the caller never holds the answer's key. The new answer is
    swapped into a random position among the group's rows (an inside-out Fisher-Yates shuffle),
    so the physical order of the answers says nothing about who answered when.
    """
    period = period or period_for()
    errors: dict[str, list[str]] = {}
    for field in QUESTION_FIELDS:
        value = scores.get(field)
        if value is None or not 1 <= int(value) <= 5:
            errors[field] = [_("Kies een antwoord van 1 tot en met 5.")]
    comment = (comment or "").strip()
    if comment:
        try:
            validate_no_bsn(comment)
        except ValidationError as exc:
            errors["comment"] = exc.messages
    if team is not None and not user.teams.filter(pk=team.pk).exists():
        errors["team"] = [_("Kies een van je eigen teams.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            PulseParticipation.objects.create(user=user, period=period, team=team)
    except IntegrityError as exc:
        raise AlreadyAnswered(
            _("Je hebt de pulsmeting voor deze periode al ingevuld. Dank je wel! De volgende begint %(next)s.")
            % {"next": next_period_start(period).strftime("%d-%m-%Y")},
            code="already_answered",
        ) from exc
    values = {field: int(scores[field]) for field in QUESTION_FIELDS} | {"comment": comment}
    group = PulseResponse.objects.filter(team=team, period=period)
    count = group.count()
    position = secrets.randbelow(count + 1)
    if position < count:
        # Move an existing answer into the new row and put the new answer in its place.
        other = group.order_by("id")[position]
        PulseResponse.objects.create(
            team=team, period=period, **{f: getattr(other, f) for f in [*QUESTION_FIELDS, "comment"]}
        )
        for field, answer in values.items():
            setattr(other, field, answer)
        other.save(update_fields=list(values))
    else:
        PulseResponse.objects.create(team=team, period=period, **values)


def can_write_pulse_action(user: User, team) -> bool:
    """The team's own lead records what the team did with its pulse results."""
    from frontlijn.privacy import capabilities

    if not capabilities.has(user, "pulse_team_action"):
        return False
    return user.is_superuser or team.members.filter(pk=user.pk).exists()


@transaction.atomic
def pulse_action_save(*, user: User, team, period: str, text: str) -> PulseTeamAction:
    """Record (or rewrite) what the team lead did with ``period``'s results; the team sees it on
    the results page and gets it in the inbox."""
    if not can_write_pulse_action(user, team):
        raise PermissionDenied(_("Alleen de teamleider van dit team legt vast wat er met de uitslag gebeurt."))
    errors: dict[str, list[str]] = {}
    text = (text or "").strip()
    if not _valid_period(period) or period > period_for():
        errors["period"] = [_("Kies een periode van de pulsmeting die al begonnen is.")]
    if not text:
        errors["text"] = [_("Schrijf op wat je met de uitslag hebt gedaan of gaat doen.")]
    elif len(text) > MAX_COMPLIMENT_LENGTH:
        errors["text"] = [_("Houd het korter dan %(max)s tekens.") % {"max": MAX_COMPLIMENT_LENGTH}]
    else:
        try:
            validate_no_bsn(text)
        except ValidationError as exc:
            errors["text"] = exc.messages
    if errors:
        raise ValidationError(errors)
    action, _created = PulseTeamAction.objects.update_or_create(
        team=team, period=period, defaults={"text": text, "written_by": user}
    )
    url = reverse("appreciation:pulse-results") + f"#puls-{team.pk}-{period}"
    for member in team.members.filter(is_active=True).exclude(pk=user.pk):
        inbox_send(
            recipient=member,
            kind=InboxKind.PULSE,
            title=_("Wat %(team)s doet met de pulsmeting van %(period)s") % {"team": team.name, "period": period},
            body=text,
            url=url,
        )
    return action


def _valid_period(period: str) -> bool:
    try:
        year, month = (int(p) for p in (period or "").split("-"))
    except ValueError:
        return False
    return len(period) == 7 and 2000 <= year <= 2100 and 1 <= month <= 12


def next_period_start(period: str) -> dt.date:
    year, month = (int(p) for p in period.split("-"))
    month += pulse_months()
    while month > 12:
        month -= 12
        year += 1
    return dt.date(year, month, 1)


def pulse_invite(*, period: str | None = None) -> int:
    """Invite every active front-line colleague who has not answered this period's pulse survey.

    One inbox message (and e-mail, where configured) per person per period: running it again
    in the same period invites only those not yet invited. Returns how many were invited.
    The invitation knows nothing of the answers, which stay anonymous.
    """
    from frontlijn.core.models import InboxMessage
    from frontlijn.teams.models import FRONT_ROLES, User

    period = period or period_for()
    url = f"{reverse('appreciation:pulse')}?periode={period}"
    answered = PulseParticipation.objects.filter(period=period).values("user_id")
    invited = InboxMessage.objects.filter(kind=InboxKind.PULSE, url=url).values("recipient_id")
    recipients = (
        User.objects.filter(is_active=True, role__in=FRONT_ROLES)
        .exclude(pk__in=answered)
        .exclude(pk__in=invited)
        .order_by("pk")
    )
    count = 0
    for user in recipients:
        with transaction.atomic():
            inbox_send(
                recipient=user,
                kind=InboxKind.PULSE,
                title=_("Pulsmeting: hoe gaat het met je werk?"),
                body=_(
                    "Zes korte vragen, anoniem: niemand ziet wat jij antwoordt, en uitslagen tonen we pas "
                    "vanaf vijf antwoorden per groep."
                ),
                url=url,
            )
        count += 1
    return count
