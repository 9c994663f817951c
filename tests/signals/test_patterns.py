"""Signal patterns: planted clusters are found, noise is not; the k ≥ 5 household rule for
vulnerability themes; a signal in at most one open pattern; closing; privacy of the listing."""

import datetime as dt
import math

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from bench.pattern_data import Cluster, build_area, build_signals
from frontlijn.core.models import InboxKind, InboxMessage
from frontlijn.lib import clock
from frontlijn.plans.models import Plan
from frontlijn.privacy.models import AuditEvent
from frontlijn.signals import pattern_selectors, patterns
from frontlijn.signals.models import (
    Pattern,
    PatternLevel,
    PatternOutcome,
    PatternSignal,
    PatternStatus,
    Sensitivity,
    Signal,
    Status,
)
from frontlijn.teams.models import Role
from tests.factories import HouseholdFactory, TeamFactory, UnitFactory, UserFactory, staff_in
from tests.signals.factories import SignalFactory, person_signal

pytestmark = pytest.mark.django_db

NOW = clock.now()


def detect(**kwargs):
    return patterns.patterns_detect(now=NOW, **kwargs)


@pytest.fixture
def area():
    complexes = build_area(prefix="T", n_complexes=60, complexes_per_buurt=20)
    return complexes


@pytest.fixture
def raiser():
    return UserFactory(role=Role.WIJKBEHEERDER)


def found(level=PatternLevel.COMPLEX):
    return sorted(
        (p.complex_id or p.buurt_id, p.theme.code, p.signal_count) for p in Pattern.objects.filter(level=level)
    )


def test_planted_clusters_are_found_and_noise_is_not(area, raiser):
    # 1,500 noise signals over two years in 60 complexes and 13 themes (about 0.2 per complex,
    # theme and 60 days) and three planted clusters.
    planted = [
        Cluster(area[3].pk, "vocht-schimmel", 6),
        Cluster(area[17].pk, "geluid", 8, days=55),
        Cluster(area[42].pk, "vervuiling", 5, days=20),
    ]
    build_signals(raiser=raiser, complexes=area, now=NOW, noise=1500, noise_days=730, clusters=planted)
    result = detect()
    complex_patterns = Pattern.objects.filter(level=PatternLevel.COMPLEX)
    assert {(p.complex_id, p.theme.code) for p in complex_patterns} == {(c.complex_id, c.theme_code) for c in planted}
    for p in complex_patterns:
        cluster = next(c for c in planted if c.complex_id == p.complex_id)
        assert p.signal_count >= cluster.count  # the planted ones, plus any noise of that theme there
        assert p.signal_count <= cluster.count + 2
    # the noise is spread thinly: no buurt stands out above its own baseline either
    assert not Pattern.objects.filter(level=PatternLevel.BUURT).exists()
    assert len(result.raised) == 3


def test_noise_alone_raises_nothing(area, raiser):
    build_signals(raiser=raiser, complexes=area, now=NOW, noise=3000, noise_days=730, seed=7)
    assert detect().raised == []
    assert not Pattern.objects.exists()


def test_below_the_minimum_count_is_not_a_pattern(area, raiser):
    build_signals(
        raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=[Cluster(area[0].pk, "geluid", 4)]
    )
    assert detect().raised == []


def test_signals_older_than_the_window_do_not_count(area, raiser, settings):
    settings.FRONTLIJN_PATTERN_WINDOW_DAYS = 30
    build_signals(
        raiser=raiser,
        complexes=area,
        now=NOW,
        noise=0,
        noise_days=1,
        clusters=[Cluster(area[0].pk, "geluid", 6, days=59)],
    )
    # 6 spread over 59 days: only 3 fall in the last 30 days
    assert detect().raised == []
    settings.FRONTLIJN_PATTERN_WINDOW_DAYS = 60
    assert len(detect().raised) == 1


def test_a_complex_where_this_is_usual_is_not_a_pattern(area, raiser):
    """Eight damp signals in 60 days where there are usually about eight: its own baseline."""
    target = area[5]
    # 48 damp signals in the year before the window: 8 per 60 days on average
    build_signals(
        raiser=raiser,
        complexes=[target],
        now=NOW - dt.timedelta(days=60),
        noise=48,
        noise_days=365,
        themes=["vocht-schimmel"],
    )
    build_signals(
        raiser=raiser,
        complexes=area,
        now=NOW,
        noise=0,
        noise_days=1,
        clusters=[Cluster(target.pk, "vocht-schimmel", 8)],
    )
    assert detect().raised == []
    # ... but well above it (three times the usual) it is
    build_signals(
        raiser=raiser,
        complexes=area,
        now=NOW,
        noise=0,
        noise_days=1,
        clusters=[Cluster(target.pk, "vocht-schimmel", 17)],
    )
    assert len(detect().raised) == 1


def test_a_modest_excess_over_a_small_baseline_is_chance_not_a_pattern(area, raiser, settings):
    """Ten signals a year (1.6 per 60 days) and then five in 60 days: three times the usual, but
    that happens by chance in one of 40 such places; the rule asks for P <= FRONTLIJN_PATTERN_MAX_P."""
    target = area[5]
    build_signals(
        raiser=raiser,
        complexes=[target],
        now=NOW - dt.timedelta(days=60),
        noise=10,
        noise_days=365,
        themes=["vocht-schimmel"],
    )
    build_signals(
        raiser=raiser,
        complexes=area,
        now=NOW,
        noise=0,
        noise_days=1,
        clusters=[Cluster(target.pk, "vocht-schimmel", 5)],
    )
    assert detect().raised == []
    settings.FRONTLIJN_PATTERN_MAX_P = 0.05  # an association that wants to hear of it sooner
    assert len(detect().raised) == 1


def test_chance_of_at_least_is_the_poisson_upper_tail():
    from frontlijn.signals.patterns import chance_of_at_least

    assert chance_of_at_least(0, 2.0) == 1.0
    assert chance_of_at_least(5, 0.0) == 0.0
    assert abs(chance_of_at_least(1, 2.0) - (1 - math.exp(-2.0))) < 1e-12
    assert abs(chance_of_at_least(5, 1.5) - 0.018575) < 1e-5
    assert chance_of_at_least(25, 8.0) < 1e-5


def test_a_buurt_pattern_from_signals_spread_over_its_complexes(area, raiser):
    # one geluid signal in each of 10 complexes of the first buurt: no complex stands out, the buurt does
    planted = [Cluster(c.pk, "geluid", 1, days=30) for c in area[:10]]
    build_signals(raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=planted)
    detect()
    assert found(PatternLevel.COMPLEX) == []
    assert found(PatternLevel.BUURT) == [(area[0].buurt_id, "geluid", 10)]


@pytest.mark.parametrize("code", ["eenzaamheid", "zorg", "geldzorgen"])
def test_vulnerability_themes_need_five_distinct_households(area, raiser, code):
    # six loneliness signals, but all about four addresses: never raised
    units = [UnitFactory(complex=area[0]) for _ in range(4)]
    for n in range(6):
        s = SignalFactory(raised_by=raiser, complex=area[0], buurt=area[0].buurt, unit=units[n % 4], themes=[code])
        Signal.objects.filter(pk=s.pk).update(created_at=NOW - dt.timedelta(days=n + 1))
    assert detect().raised == []
    # a fifth address makes five distinct households
    s = SignalFactory(
        raised_by=raiser, complex=area[0], buurt=area[0].buurt, unit=UnitFactory(complex=area[0]), themes=[code]
    )
    Signal.objects.filter(pk=s.pk).update(created_at=NOW - dt.timedelta(days=2))
    assert len(detect().raised) == 1
    pattern = Pattern.objects.get()
    assert (pattern.signal_count, pattern.household_count) == (7, 5)


def test_the_household_rule_is_only_for_vulnerability_themes(area, raiser):
    build_signals(
        raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=[Cluster(area[0].pk, "geluid", 5)]
    )
    assert len(detect().raised) == 1  # no addresses at all, still a pattern


def test_the_household_rule_is_configurable(area, raiser, settings):
    settings.FRONTLIJN_PATTERN_MIN_HOUSEHOLDS = 3
    build_signals(
        raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=[Cluster(area[0].pk, "zorg", 5)]
    )
    assert detect().raised == []  # no addresses: zero households
    build_signals(
        raiser=raiser,
        complexes=area,
        now=NOW,
        noise=0,
        noise_days=1,
        clusters=[Cluster(area[1].pk, "zorg", 5, with_units=True)],
    )
    assert len(detect().raised) == 1


def test_a_signal_is_in_at_most_one_open_pattern(area, raiser):
    # five signals with two themes each in one complex: both themes cluster, but each signal can
    # only be in one open pattern, so only one pattern is raised
    for n in range(5):
        s = SignalFactory(raised_by=raiser, complex=area[0], buurt=area[0].buurt, themes=["geluid", "samenleven"])
        Signal.objects.filter(pk=s.pk).update(created_at=NOW - dt.timedelta(days=n + 1))
    detect()
    assert Pattern.objects.count() == 1
    assert PatternSignal.objects.filter(open=True).values("signal_id").distinct().count() == 5
    # running again raises nothing new (the buurt level sees no free signals either)
    assert detect().raised == []
    # and the database itself refuses a second open membership
    pattern = Pattern.objects.get()
    other = Pattern.objects.create(
        theme=pattern.theme,
        level=PatternLevel.BUURT,
        buurt=pattern.buurt,
        window_days=60,
        signal_count=1,
        raised_at=NOW,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PatternSignal.objects.create(pattern=other, signal=pattern.signals.first(), theme=pattern.theme)


def test_new_signals_join_the_open_pattern(area, raiser):
    build_signals(
        raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=[Cluster(area[0].pk, "geluid", 5)]
    )
    detect()
    build_signals(
        raiser=raiser,
        complexes=area,
        now=NOW,
        noise=0,
        noise_days=1,
        clusters=[Cluster(area[0].pk, "geluid", 2, days=1)],
    )
    result = detect()
    assert (result.raised, result.joined) == ([], 2)
    assert Pattern.objects.get().signal_count == 7


@pytest.fixture
def lead_area(area):
    team = TeamFactory(buurten=[area[0].buurt])
    lead = UserFactory(role=Role.TEAMLEIDER, teams=[team])
    owner = UserFactory(role=Role.PLANEIGENAAR, teams=[team])
    return lead, owner


def _one_pattern(area, raiser):
    build_signals(
        raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=[Cluster(area[0].pk, "geluid", 5)]
    )
    detect()
    return Pattern.objects.get()


def test_team_lead_and_plan_owners_of_the_area_are_told(area, raiser, lead_area):
    lead, owner = lead_area
    elsewhere = UserFactory(role=Role.TEAMLEIDER, teams=[TeamFactory(buurten=[area[-1].buurt])])
    front = staff_in(area[0].buurt)
    _one_pattern(area, raiser)
    told = set(InboxMessage.objects.filter(kind=InboxKind.SIGNAL_PATTERN).values_list("recipient_id", flat=True))
    assert told == {lead.pk, owner.pk}
    assert elsewhere.pk not in told and front.pk not in told
    message = InboxMessage.objects.filter(recipient=lead).get()
    assert "Synthetisch" not in message.title + message.body  # theme, place and count only


def test_answering_closes_the_pattern_and_frees_its_signals(area, raiser, lead_area):
    lead, owner = lead_area
    pattern = _one_pattern(area, raiser)
    with pytest.raises(ValidationError):
        patterns.pattern_answer(pattern=pattern, user=lead, answer="  ")
    with pytest.raises(PermissionDenied):
        patterns.pattern_answer(pattern=pattern, user=owner, answer="Ik kijk ernaar")  # the team lead answers
    patterns.pattern_answer(pattern=pattern, user=lead, answer="Gesprek met de VvE gepland.")
    pattern.refresh_from_db()
    assert (pattern.status, pattern.outcome, pattern.answered_by) == (
        PatternStatus.CLOSED,
        PatternOutcome.ANSWERED,
        lead,
    )
    assert not PatternSignal.objects.filter(open=True).exists()
    assert InboxMessage.objects.filter(recipient=owner, body__contains="Gesprek met de VvE").exists()
    with pytest.raises(ValidationError):
        patterns.pattern_answer(pattern=pattern, user=lead, answer="Nog eens")
    # an answered pattern is not raised again from the same signals
    assert detect().raised == []


def test_start_a_plan_from_a_pattern(area, raiser, lead_area):
    lead, _owner = lead_area
    pattern = _one_pattern(area, raiser)
    with pytest.raises(ValidationError) as exc:  # the raisers get a real answer, not a canned phrase
        patterns.pattern_start_plan(
            pattern=pattern, user=lead, title="Geluid", plan_type="leefbaarheid", message="Dank voor je signaal."
        )
    assert "message" in exc.value.message_dict and not Plan.objects.exists()
    plan = patterns.pattern_start_plan(
        pattern=pattern,
        user=lead,
        title="Geluid in complex",
        plan_type="leefbaarheid",
        message="We maken een plan voor de geluidsoverlast; in maart hoor je meer.",
    )
    pattern.refresh_from_db()
    assert (pattern.status, pattern.outcome, pattern.plan) == (PatternStatus.CLOSED, PatternOutcome.PLAN_STARTED, plan)
    assert plan.owner == lead and list(plan.complexes.all()) == [area[0]]
    taken = Signal.objects.filter(pattern_memberships__pattern=pattern)
    assert set(taken.values_list("status", "plan_id")) == {(Status.ANSWERED, plan.pk)}
    answers = InboxMessage.objects.filter(recipient=raiser, kind=InboxKind.SIGNAL_FEEDBACK)
    assert answers.count() == 5 and all("in maart hoor je meer" in m.body for m in answers)


def test_attach_a_pattern_to_an_open_plan(area, raiser, lead_area):
    lead, owner = lead_area
    pattern = _one_pattern(area, raiser)
    from frontlijn.plans import services as plan_services

    plan = plan_services.plan_create(
        user=owner, title="Leefbaarheid", plan_type="leefbaarheid", buurten=[area[0].buurt]
    )
    elsewhere = plan_services.plan_create(
        user=owner, title="Elders", plan_type="leefbaarheid", buurten=[area[-1].buurt]
    )
    assert pattern_selectors.open_plans_for(pattern=pattern, user=lead) == [plan]
    with pytest.raises(ValidationError):
        patterns.pattern_attach_to_plan(pattern=pattern, user=lead, plan=elsewhere, message="Komt in het plan.")
    patterns.pattern_attach_to_plan(pattern=pattern, user=lead, plan=plan, message="Dit nemen we mee in het plan.")
    pattern.refresh_from_db()
    assert (pattern.outcome, pattern.plan) == (PatternOutcome.PLAN_ATTACHED, plan)
    assert Plan.objects.count() == 2
    assert set(Signal.objects.filter(pattern_memberships__pattern=pattern).values_list("plan_id", flat=True)) == {
        plan.pk
    }


def test_a_pattern_never_shows_a_signal_its_reader_may_not_see(area, lead_area):
    lead, owner = lead_area
    raiser = staff_in(area[0].buurt)
    # five person-level signals about five households and one place-level signal, all geluid
    for n in range(5):
        household = HouseholdFactory(unit=UnitFactory(complex=area[0]))
        s = person_signal(household, raised_by=raiser, themes=["geluid"])
        Signal.objects.filter(pk=s.pk).update(created_at=NOW - dt.timedelta(days=n + 1))
    place = SignalFactory(raised_by=raiser, complex=area[0], buurt=area[0].buurt, themes=["geluid"])
    Signal.objects.filter(pk=place.pk).update(created_at=NOW - dt.timedelta(days=1))
    detect()
    pattern = Pattern.objects.get()
    assert pattern.signal_count == 6
    # the plan owner reads the pattern but only the place-level signal; the rest is a count
    readable, hidden = pattern_selectors.pattern_signals(user=owner, pattern=pattern)
    assert [s.pk for s in readable] == [place.pk] and hidden == 5
    # the team lead of the area may see those households
    readable, hidden = pattern_selectors.pattern_signals(user=lead, pattern=pattern)
    assert len(readable) == 6 and hidden == 0
    assert all(
        s.sensitivity == Sensitivity.PLACE for s in pattern_selectors.pattern_signals(user=owner, pattern=pattern)[0]
    )
    # a team lead elsewhere does not see the pattern at all
    outsider = UserFactory(role=Role.TEAMLEIDER, teams=[TeamFactory(buurten=[area[-1].buurt])])
    assert not pattern_selectors.pattern_list(user=outsider).exists()
    # front staff do not read patterns
    assert not pattern_selectors.pattern_list(user=raiser).exists()


def test_pattern_page_lists_only_readable_signals_and_audits_person_level_reads(client_for, area, lead_area):
    lead, owner = lead_area
    raiser = staff_in(area[0].buurt)
    for n in range(5):
        household = HouseholdFactory(unit=UnitFactory(complex=area[0]))
        s = person_signal(household, raised_by=raiser, themes=["geluid"])
        Signal.objects.filter(pk=s.pk).update(
            created_at=NOW - dt.timedelta(days=n + 1), text=f"Persoonlijk verhaal {n}"
        )
    detect()
    pattern = Pattern.objects.get()
    page = client_for(owner).get(f"/signalen/patronen/{pattern.pk}/").content.decode()
    assert "Persoonlijk verhaal" not in page
    assert "5 signalen die je niet mag inzien" in page
    before = AuditEvent.objects.count()
    page = client_for(lead).get(f"/signalen/patronen/{pattern.pk}/").content.decode()
    assert "Persoonlijk verhaal 0" in page
    assert AuditEvent.objects.count() - before >= 5
    outsider = UserFactory(role=Role.TEAMLEIDER, teams=[TeamFactory(buurten=[area[-1].buurt])])
    assert client_for(outsider).get(f"/signalen/patronen/{pattern.pk}/").status_code == 404
    assert client_for(raiser).get("/signalen/patronen/").status_code == 403


def test_start_plan_through_the_page_and_a_second_click_does_nothing(client_for, area, raiser, lead_area):
    lead, _owner = lead_area
    pattern = _one_pattern(area, raiser)
    client = client_for(lead)
    form = {"action": "plan", "title": "Geluid aanpakken", "plan_type": "leefbaarheid", "description": ""}
    refused = client.post(f"/signalen/patronen/{pattern.pk}/", {**form, "message": "Opgepakt."})
    assert refused.status_code == 200 and not Plan.objects.exists()
    assert "Geluid aanpakken" in refused.content.decode()  # kept as typed
    form["message"] = "De VvE en wij pakken de geluidsoverlast samen aan."
    response = client.post(f"/signalen/patronen/{pattern.pk}/", form)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == f"/plannen/{plan.pk}/"
    again = client.post(f"/signalen/patronen/{pattern.pk}/", form)
    assert again.status_code == 302 and Plan.objects.count() == 1
    empty = client_for(lead)
    pattern2 = Pattern.objects.create(
        theme=pattern.theme,
        level=PatternLevel.BUURT,
        buurt=pattern.buurt,
        window_days=60,
        signal_count=5,
        raised_at=NOW,
    )
    response = empty.post(f"/signalen/patronen/{pattern2.pk}/", {"action": "answer", "answer-answer": ""})
    assert response.status_code == 200
    assert "Een patroon beantwoord je met een toelichting" in response.content.decode()


def test_the_command_and_the_task_detect(area, raiser):
    from django.core.management import call_command

    from frontlijn.signals.tasks import detect_patterns

    build_signals(
        raiser=raiser,
        complexes=area,
        now=clock.now(),
        noise=0,
        noise_days=1,
        clusters=[Cluster(area[0].pk, "geluid", 5)],
    )
    call_command("signal_patterns")
    assert Pattern.objects.count() == 1
    build_signals(
        raiser=raiser,
        complexes=area,
        now=clock.now(),
        noise=0,
        noise_days=1,
        clusters=[Cluster(area[1].pk, "geluid", 5)],
    )
    detect_patterns.enqueue()  # the immediate backend in tests runs it now
    assert Pattern.objects.count() == 2


def test_a_signal_page_links_to_its_pattern_for_handlers_only(client_for, area, raiser, lead_area):
    lead, _owner = lead_area
    pattern = _one_pattern(area, raiser)
    signal = pattern.signals.first()
    assert (
        f'href="/signalen/patronen/{pattern.pk}/"' in client_for(lead).get(f"/signalen/{signal.pk}/").content.decode()
    )
    # the raiser (front staff) reads the signal, but patterns are for the handlers of the area
    assert "/signalen/patronen/" not in client_for(raiser).get(f"/signalen/{signal.pk}/").content.decode()


def test_attach_and_answer_through_the_page(client_for, area, raiser, lead_area):
    lead, owner = lead_area
    from frontlijn.plans import services as plan_services

    plan = plan_services.plan_create(
        user=owner, title="Leefbaarheid", plan_type="leefbaarheid", buurten=[area[0].buurt]
    )
    pattern = _one_pattern(area, raiser)
    client = client_for(lead)
    page = client.get(f"/signalen/patronen/{pattern.pk}/").content.decode()
    assert page.count('id="id_message"') == 1 and page.count('id="id_attach-message"') == 1  # ids differ
    response = client.post(
        f"/signalen/patronen/{pattern.pk}/",
        {"action": "attach", "attach-plan": plan.pk, "attach-message": "Dit komt in het leefbaarheidsplan."},
    )
    assert response.status_code == 302
    pattern.refresh_from_db()
    assert (pattern.outcome, pattern.plan) == (PatternOutcome.PLAN_ATTACHED, plan)
    build_signals(
        raiser=raiser, complexes=area, now=NOW, noise=0, noise_days=1, clusters=[Cluster(area[1].pk, "geluid", 5)]
    )
    detect()
    second = Pattern.objects.get(status=PatternStatus.OPEN)
    response = client.post(
        f"/signalen/patronen/{second.pk}/", {"action": "answer", "answer-answer": "Wijkagent gaat langs."}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.outcome, second.answer) == (PatternOutcome.ANSWERED, "Wijkagent gaat langs.")
