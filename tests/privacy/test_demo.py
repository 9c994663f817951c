import pytest

from frontlijn.core.demo_context import DemoContext
from frontlijn.privacy import audit, demo
from frontlijn.privacy.models import AuditEvent, TOTPDevice
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_demo_creates_the_privacy_officer_with_two_factor_and_a_valid_audit_chain():
    ctx = DemoContext.create(size="small")
    ctx.users = {"beheerder": f.UserFactory(role="beheerder"), "kcc": f.UserFactory(role="kcc")}
    ctx.household_ids = [f.HouseholdFactory().pk for _ in range(2)]
    demo.load(ctx)
    officer = ctx.users["fg"]
    assert officer.has_perm("privacy.privacy_officer")
    assert TOTPDevice.objects.filter(user__in=[officer, ctx.users["beheerder"]]).count() == 2
    assert AuditEvent.objects.count() == 4
    assert audit.verify().ok
