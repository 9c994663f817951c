import pytest

from frontlijn.core.demo_context import DemoContext
from frontlijn.signals import demo
from frontlijn.signals.models import Signal
from tests.factories import BuurtFactory, UserFactory


@pytest.mark.django_db
def test_demo_loader_creates_themed_signals():
    ctx = DemoContext.create(size="small")
    ctx.staff = [UserFactory()]
    ctx.buurten = [BuurtFactory(), BuurtFactory()]
    ctx.users = {"teamleider": UserFactory(role="teamleider")}
    demo.load(ctx)
    assert Signal.objects.count() == 60
    assert not Signal.objects.filter(themes__isnull=True).exists()


@pytest.mark.django_db
def test_demo_raisers_get_real_answers_not_canned_text():
    from frontlijn.signals.feedback import feedback_problem
    from frontlijn.signals.models import Status

    ctx = DemoContext.create(size="small")
    ctx.staff = [UserFactory()]
    ctx.buurten = [BuurtFactory()]
    ctx.users = {"teamleider": UserFactory(role="teamleider")}
    demo.load(ctx)
    answered = list(Signal.objects.filter(status=Status.ANSWERED))
    assert answered
    assert all(feedback_problem(s.feedback) is None for s in answered)
    picked = Signal.objects.exclude(status=Status.NEW)
    assert not picked.filter(picked_up_note="").exists()
    assert not picked.filter(picked_up_at__isnull=True).exists()


@pytest.mark.django_db
def test_demo_plants_a_damp_pattern_in_a_complex():
    from frontlijn.signals.models import Pattern
    from tests.factories import ComplexFactory

    ctx = DemoContext.create(size="small")
    ctx.staff = [UserFactory()]
    complex = ComplexFactory()
    ctx.buurten = [complex.buurt]
    ctx.users = {"teamleider": UserFactory(role="teamleider")}
    demo.load(ctx)
    pattern = Pattern.objects.get(complex=complex)
    assert pattern.theme.code == "vocht-schimmel" and pattern.signal_count >= 6
