"""Demo data for privacy: the privacy officer (functionaris gegevensbescherming), authenticator
keys for the accounts that need two-factor login, and a first stretch of the audit log."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from frontlijn.core.demo_context import DemoContext
from frontlijn.lib.roles import Role
from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditAction, TOTPDevice

OFFICER_GROUP = "Functionaris gegevensbescherming"
# A fixed key so demo users can add it to an authenticator app (never do this outside the demo).
DEMO_TOTP_SECRET = "FRONTLIJNDEMOTOTPKEY2345"


def load(ctx: DemoContext) -> None:
    User = get_user_model()  # the staff model, teams.User
    beheerder = ctx.users.get("beheerder")
    officer = User(
        username="fg",
        first_name=ctx.fake.first_name(),
        last_name=ctx.fake.last_name(),
        role=Role.BEHEERDER,
        email="fg@lindeveen-wonen.example",
        password=beheerder.password if beheerder else "",
    )
    officer.save()
    # The group comes from migration 0002; after a flush (demo --reset) it is made again here.
    group, _created = Group.objects.get_or_create(name=OFFICER_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="privacy", codename="privacy_officer"))
    officer.groups.add(group)
    ctx.users["fg"] = officer
    ctx.accounts.append(("fg", "Functionaris gegevensbescherming"))
    two_factor_users = [u for u in (beheerder, ctx.users.get("admin"), officer) if u is not None]
    TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=u, secret=DEMO_TOTP_SECRET, confirmed_at=ctx.now) for u in two_factor_users]
    )
    # A few audit events so the officer's page is not empty (append one at a time: it is a chain).
    kcc = ctx.users.get("kcc")
    for household_id in ctx.household_ids[:5]:
        audit.record(
            user=kcc,
            action=AuditAction.REASON,
            object_type="register.household",
            object_id=household_id,
            household_id=household_id,
            reason="De bewoner belt, mailt of staat aan de balie",
            path=f"/privacy/reden/{household_id}/",
        )
        audit.record(
            user=kcc,
            action=AuditAction.VIEW,
            object_type="register.household",
            object_id=household_id,
            household_id=household_id,
            reason="De bewoner belt, mailt of staat aan de balie",
            path=f"/huishoudens/{household_id}/",
        )
