"""Writes for resident feedback: invitations (sent by Frontlijn itself) and answers.

Nobody on staff creates an invitation or sees a token. The services that record front-line work
call the ``feedback_invite_after_*`` functions below explicitly (no model signals):

- ``contacts.services.contact_moment_create`` -> :func:`feedback_invite_after_contact` (ALG);
- ``cases.services.case_change_status`` to AFG -> :func:`feedback_invite_after_case_closed`
  (REP for a repair request, HUN for a letting, ALG otherwise);
- an API upsert that ends a tenancy now -> :func:`feedback_invite_after_departure` (HUV).

Records that arrive through ``frontlijn import`` or the API (``bulk_create``/raw SQL upserts) are
the ERP's history and never invite, except that last case: see docs/dashboard.md and
docs/import.md. A background task (:mod:`frontlijn.feedback.tasks`) generates the token, stores
only its hash and mails or texts the link.
"""

from __future__ import annotations

import datetime as dt
import inspect
import logging
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from frontlijn.feedback.messaging import get_sms_backend
from frontlijn.feedback.models import Channel, FeedbackInvitation, FeedbackResponse, Kind
from frontlijn.lib import clock
from frontlijn.lib.tokens import hash_token
from frontlijn.lib.urls import absolute, public_base
from frontlijn.lib.validators import validate_no_bsn

if TYPE_CHECKING:
    from frontlijn.teams.models import User

logger = logging.getLogger(__name__)

MOBILE_RE_PREFIXES = ("06", "316", "00316")


def link_days() -> int:
    return int(getattr(settings, "FRONTLIJN_FEEDBACK_LINK_DAYS", 14))


def base_url() -> str:
    return public_base()


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


class InvitationUnavailable(Exception):
    """The link is unknown, already used or expired. ``reason`` is one of those three words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _reachable_resident(household):
    """The resident to invite: main tenant first; needs an e-mail address or a mobile number."""
    residents = sorted(household.residents.all(), key=lambda r: (not r.is_main_tenant, r.pk))
    for resident in residents:
        if resident.email:
            return resident, Channel.EMAIL
    for resident in residents:
        digits = "".join(ch for ch in resident.phone if ch.isdigit())
        if digits.startswith(MOBILE_RE_PREFIXES):
            return resident, Channel.SMS
    return None, ""


def _team_for(*, staff, buurt_id: int | None, team=None):
    """The team a piece of work counts for: the given team, else the staff member's team covering
    the buurt, else their first team, else the first team covering the buurt."""
    from frontlijn.teams.models import Team

    if team is not None:
        return team
    covering = set()
    if buurt_id is not None:
        covering = set(
            Team.objects.filter(Q(buurten__id=buurt_id) | Q(wijken__buurten__id=buurt_id)).values_list("id", flat=True)
        )
    own = list(staff.teams.order_by("pk")) if staff is not None else []
    for candidate in own:
        if candidate.pk in covering:
            return candidate
    if own:
        return own[0]
    return Team.objects.filter(pk__in=covering).order_by("pk").first()


@transaction.atomic
def feedback_invitation_create(
    *,
    kind: str,
    household,
    period: dt.date,
    contact_moment=None,
    case=None,
    staff=None,
    team=None,
    now: dt.datetime | None = None,
) -> FeedbackInvitation | None:
    """Create an invitation and queue it to be sent once the transaction commits.

    Returns ``None`` when the household cannot be reached (no e-mail, no mobile number) or
    already has an open invitation (one question at a time; residents are not flooded).
    """
    if household is None:
        return None
    now = now or clock.now()
    _resident, channel = _reachable_resident(household)
    if not channel:
        return None
    if FeedbackInvitation.objects.filter(household=household, used=False, expires_at__gt=now).exists():
        return None
    unit = household.unit
    buurt_id = unit.buurt_id if unit else None
    wijk_id = unit.buurt.wijk_id if unit else None
    invitation = FeedbackInvitation.objects.create(
        kind=kind,
        channel=channel,
        household=household,
        contact_moment=contact_moment,
        case=case,
        staff=staff,
        team=_team_for(staff=staff, buurt_id=buurt_id, team=team),
        wijk_id=wijk_id,
        period=month_of(period),
        expires_at=now + dt.timedelta(days=link_days()),
    )
    from frontlijn.feedback.tasks import send_feedback_invitation

    transaction.on_commit(lambda: send_feedback_invitation.enqueue(invitation.pk))
    return invitation


def feedback_invitation_send(*, invitation_id: int) -> bool:
    """Generate the token, store its hash and send the link. Returns whether a message went out."""
    with transaction.atomic():
        invitation = (
            FeedbackInvitation.objects.select_for_update()
            .filter(pk=invitation_id, sent_at__isnull=True, used=False, expires_at__gt=clock.now())
            .first()
        )
        if invitation is None or invitation.household_id is None:
            return False
        resident, channel = _reachable_resident(invitation.household)
        if resident is None:
            return False
        token = secrets.token_urlsafe(24)
        invitation.token_hash = hash_token(token)
        invitation.channel = channel
        invitation.sent_at = clock.now()
        invitation.save(update_fields=["token_hash", "channel", "sent_at"])
    url = base_url() + reverse("feedback:answer", kwargs={"token": token})
    language = resident.preferred_language if resident.preferred_language in ("nl", "en") else "nl"
    with override(language):
        if channel == Channel.EMAIL:
            subject = _("Hoe was uw contact met ons? Eén minuut, anoniem")
            body = _(
                "Beste bewoner,\n\nU had onlangs contact met ons. Wilt u ons laten weten hoe dat ging? "
                "Het kost een minuut en uw antwoord is anoniem, tenzij u zelf aangeeft dat we contact "
                "mogen opnemen. De link werkt één keer en is %(days)s dagen geldig:\n\n%(url)s\n\n"
                "Uw antwoord gaat niet naar de medewerker die u sprak, alleen een compliment als u dat wilt."
            ) % {"url": url, "days": link_days()}
            try:
                send_mail(subject, body, None, [resident.email])
            except Exception:
                logger.warning("feedback invitation %s: e-mail could not be sent", invitation.pk)
                return False
        else:
            text = _("Hoe was uw contact met uw woningcorporatie? Eén minuut, anoniem: %(url)s") % {"url": url}
            get_sms_backend().send(phone=resident.phone, text=text)
    return True


DOOR_WINDOW = dt.timedelta(hours=2)


@transaction.atomic
def feedback_invitation_for_door(
    *, contact_moment, staff, now: dt.datetime | None = None
) -> tuple[FeedbackInvitation, str]:
    """A single-use link for this contact, shown as a QR code at the door: (invitation, absolute URL).

    Only the staff member who logged the contact, only shortly after (``DOOR_WINDOW``), only for a
    household. The resident answers on their own phone; staff still never see the answers. The
    contact's invitation by e-mail or SMS, if any, expires: one question per contact. Showing the
    code again makes a new link and the old code stops working.
    """
    now = now or clock.now()
    if contact_moment.staff_id != staff.pk:
        raise PermissionDenied
    if contact_moment.household_id is None:
        raise ValidationError(_("Een QR-code voor het bewonersoordeel hoort bij een contact met een huishouden."))
    if now - contact_moment.created_at > DOOR_WINDOW:
        raise ValidationError(_("De QR-code kan alleen vlak na het contact getoond worden."))
    open_for_contact = FeedbackInvitation.objects.select_for_update().filter(
        contact_moment=contact_moment, used=False, expires_at__gt=now
    )
    invitation = open_for_contact.filter(channel=Channel.DOOR).first()
    open_for_contact.exclude(channel=Channel.DOOR).update(expires_at=now)
    if invitation is None:
        unit = contact_moment.unit or contact_moment.household.unit
        invitation = FeedbackInvitation(
            kind=Kind.GENERAL,
            household_id=contact_moment.household_id,
            contact_moment=contact_moment,
            staff=staff,
            team=_team_for(staff=staff, buurt_id=unit.buurt_id if unit else None),
            wijk_id=unit.buurt.wijk_id if unit else None,
            period=month_of(clock.localtime(contact_moment.occurred_at).date()),
            expires_at=now + dt.timedelta(days=link_days()),
        )
    token = secrets.token_urlsafe(24)
    invitation.token_hash = hash_token(token)
    invitation.channel = Channel.DOOR
    invitation.sent_at = now  # the background task never mails this one
    invitation.save()
    return invitation, absolute(reverse("feedback:answer", kwargs={"token": token}))


def invitation_about(invitation: FeedbackInvitation) -> dict | None:
    """What the resident's page says the question is about: the contact's date, channel and the
    staff member's first name (while the link is open; nothing else about the contact)."""
    contact = invitation.contact_moment
    if contact is None:
        return None
    staff = invitation.staff or contact.staff
    return {
        "date": clock.localtime(contact.occurred_at).date(),
        "channel": contact.get_channel_display(),
        "first_name": (staff.first_name if staff else "") or "",
    }


def invitation_for_token(token: str, *, now: dt.datetime | None = None, lock: bool = False) -> FeedbackInvitation:
    """The open invitation for a token, or :class:`InvitationUnavailable` saying why not."""
    now = now or clock.now()
    qs = FeedbackInvitation.objects.all()
    if lock:
        qs = qs.select_for_update()
    invitation = qs.filter(token_hash=hash_token(token or "")).first() if token else None
    if invitation is None:
        raise InvitationUnavailable("unknown")
    if invitation.used:
        raise InvitationUnavailable("used")
    if invitation.expires_at <= now:
        raise InvitationUnavailable("expired")
    return invitation


def _pass_compliment(*, invitation: FeedbackInvitation, text: str) -> None:
    """Hand the resident's words to the staff member, through appreciation if that app offers it."""
    staff = invitation.staff
    if staff is None:
        return
    try:
        from frontlijn.appreciation.services import compliment_create
    except ImportError:
        pass
    else:
        params = inspect.signature(compliment_create).parameters
        candidates: dict[str, Any] = {
            "to_user": staff,
            "source": "bewoner",
            "text": text,
            "contact": None,  # the contact is not passed: it would tie the answer to a household
            # ...only what the resident's page named (date, channel, first name), as a copy.
            "about_contact": invitation_about(invitation),
            "from_user": None,
        }
        kwargs = {k: v for k, v in candidates.items() if k in params}
        if "to_user" in kwargs and "text" in kwargs:
            try:
                compliment_create(**kwargs)
            except ValidationError:
                # e.g. the staff member left; the resident's answer still counts.
                logger.info("feedback: compliment could not be delivered")
            return
    from frontlijn.core.models import InboxKind
    from frontlijn.core.services import inbox_send

    inbox_send(
        recipient=staff,
        kind=InboxKind.COMPLIMENT,
        title=_("Een bewoner geeft je een compliment"),
        body=text,
    )


@transaction.atomic
def feedback_submit(
    *,
    token: str,
    grade: int,
    heard: str,
    promise_kept: str,
    comment: str = "",
    pass_compliment: bool = False,
    contact_opt_in: bool = False,
    now: dt.datetime | None = None,
) -> FeedbackResponse:
    """Store one answer for a link and close the link for good.

    Without ``contact_opt_in`` the answer keeps no trace of who gave it: the invitation's links
    to household, contact, case and staff member are wiped in the same transaction.
    """
    invitation = invitation_for_token(token, now=now, lock=True)
    comment = (comment or "").strip()
    if not 1 <= int(grade) <= 10:
        raise ValidationError({"grade": [_("Kies een cijfer van 1 tot en met 10.")]})
    validate_no_bsn(comment)
    passed = bool(pass_compliment and comment and invitation.staff_id)
    response = FeedbackResponse.objects.create(
        kind=invitation.kind,
        team_id=invitation.team_id,
        wijk_id=invitation.wijk_id,
        period=invitation.period,
        grade=int(grade),
        heard=heard,
        promise_kept=promise_kept,
        comment=comment,
        compliment_passed=passed,
        contact_opt_in=contact_opt_in,
        household_id=invitation.household_id if contact_opt_in else None,
    )
    if passed:
        _pass_compliment(invitation=invitation, text=comment)
    FeedbackInvitation.objects.filter(pk=invitation.pk).update(
        used=True, household=None, contact_moment=None, case=None, staff=None
    )
    return response


@transaction.atomic
def feedback_invitations_expire(*, now: dt.datetime | None = None) -> int:
    """Wipe the household/contact links of invitations whose link expired unused."""
    now = now or clock.now()
    return (
        FeedbackInvitation.objects.filter(used=False, expires_at__lte=now)
        .exclude(household=None, contact_moment=None, case=None, staff=None)
        .update(household=None, contact_moment=None, case=None, staff=None)
    )


@transaction.atomic
def feedback_contact_handled(*, response: FeedbackResponse, user: User) -> FeedbackResponse:
    """Mark an opted-in resident as contacted."""
    FeedbackResponse.objects.filter(pk=response.pk, contact_opt_in=True).update(contact_handled=True)
    response.contact_handled = True
    return response


# --- When Frontlijn invites (called explicitly by the services that record the work) ---------

CASE_KINDS = {"reparatieverzoek": Kind.REPAIRS, "verhuur": Kind.NEW_TENANTS}


def feedback_invite_after_contact(*, contact) -> FeedbackInvitation | None:
    """A contact moment logged in Frontlijn with a household: ALG (algemene dienstverlening)."""
    if contact.household_id is None:
        return None
    return feedback_invitation_create(
        kind=Kind.GENERAL,
        household=contact.household,
        period=clock.localdate(contact.occurred_at),
        contact_moment=contact,
        staff=contact.staff,
    )


def feedback_invite_after_case_closed(*, case, user: User | None = None) -> FeedbackInvitation | None:
    """A case reaching "afgehandeld" (AFG) in Frontlijn: REP, HUN or ALG by the kind of case."""
    if case.household_id is None:
        return None
    return feedback_invitation_create(
        kind=CASE_KINDS.get(case.case_type, Kind.GENERAL),
        household=case.household,
        period=clock.today(),
        case=case,
        staff=case.assignee or user,
        team=case.assignee_team,
    )


def feedback_invite_after_departure(*, tenancy) -> FeedbackInvitation | None:
    """A tenancy that the ERP ends now (API upsert): HUV (vertrokken huurders). An end date further
    back than the link's lifetime is history, not a departure to ask about."""
    if tenancy.end_date is None or tenancy.end_date < clock.today() - dt.timedelta(days=link_days()):
        return None
    return feedback_invitation_create(kind=Kind.LEFT_TENANTS, household=tenancy.household, period=tenancy.end_date)
