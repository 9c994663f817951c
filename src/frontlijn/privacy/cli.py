"""Management commands that read or write personal data run as a named user and are audited.

``--as USERNAME`` names the Frontlijn user the command acts for; the privacy scope of that user
decides what it may read or write, exactly as in the web app and the API, and every run goes into
the audit log under that user's name (counts and ids, never resident text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from frontlijn.privacy import audit, capabilities
from frontlijn.privacy.selectors import is_privacy_officer

if TYPE_CHECKING:
    from frontlijn.privacy.models import AuditEvent
    from frontlijn.teams.models import User

MAX_AUDITED_IDS = 10_000  # beyond this an audit row keeps the count and the id range


def add_as_argument(parser) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        default="",
        metavar="USERNAME",
        help="de Frontlijn-gebruiker namens wie dit draait (diens rechten gelden; komt in het auditlog)",
    )


def command_user(username: str):
    """The active user named by ``--as``, or a CommandError in Dutch."""
    if not username:
        raise CommandError("Geef met --as GEBRUIKERSNAAM aan namens wie je dit doet (komt in het auditlog).")
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Onbekende of niet-actieve gebruiker voor --as: {username!r}.")
    return user


def may_export_personal_data(user: User) -> bool:
    """Bulk export of personal data: the roles of the capability table and privacy officers."""
    return capabilities.has(user, "bulk_personal_data") or is_privacy_officer(user)


def may_handle_whole_database(user: User) -> bool:
    """``backup`` and ``restore`` read or replace everything, beyond-the-process notes included,
    which no role sees (not even the beheerder): superusers and privacy officers only."""
    return bool(user.is_active and (user.is_superuser or is_privacy_officer(user)))


def whole_database_user(username: str):
    """The ``--as`` user of ``backup``/``restore``, or a Dutch CommandError when not allowed."""
    user = command_user(username)
    if not may_handle_whole_database(user):
        raise CommandError(
            f"{username} mag geen volledige backup maken of terugzetten: dat mogen alleen superusers "
            "en privacy officers."
        )
    return user


def ids_detail(ids: list[int]) -> dict:
    if len(ids) <= MAX_AUDITED_IDS:
        return {"count": len(ids), "ids": ids}
    return {"count": len(ids), "ids_from": min(ids), "ids_to": max(ids), "ids_truncated": True}


def audit_command(*, user: User | None, action: str, command: str, kind: str, detail: dict) -> AuditEvent:
    """Record a command in the audit log. ``user`` is None after a restore into a database that does
    not know the user who ran it (then only the command is recorded)."""
    return audit.record(user=user, action=action, object_type=f"cli.{kind}"[:40], path=f"cli:{command}", detail=detail)
