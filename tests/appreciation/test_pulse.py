"""The pulse survey: anonymous by design, one answer per person per period, figures only for >= 5."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from frontlijn.appreciation.models import PulseParticipation, PulseResponse
from frontlijn.appreciation.selectors import pulse_results
from frontlijn.appreciation.services import AlreadyAnswered, period_for, pulse_answer
from frontlijn.teams.models import User
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
SCORES = {"valued": 4, "heard": 3, "influence": 5, "successful": 4, "difference": 2, "contact_time": 3}


def test_answer_table_has_no_way_to_reach_a_person():
    for field in PulseResponse._meta.get_fields():
        if field.is_relation:
            assert field.related_model is not User, field.name
        assert not isinstance(field, models.DateField | models.DateTimeField | models.AutoField), field.name
    assert isinstance(PulseResponse._meta.pk, models.UUIDField)
    participation_relations = [f.related_model for f in PulseParticipation._meta.get_fields() if f.is_relation]
    assert PulseResponse not in participation_relations
    # And nothing relates to the answers from the user side.
    assert not [f for f in User._meta.get_fields() if f.is_relation and f.related_model is PulseResponse]


def test_answering_stores_team_period_and_scores_and_a_separate_participation():
    team = TeamFactory()
    user = UserFactory(teams=[team])
    pulse_answer(user=user, team=team, scores=SCORES, comment="Meer tijd graag", period="2025-03")
    response = PulseResponse.objects.get()
    assert (response.team, response.period, response.heard, response.comment) == (team, "2025-03", 3, "Meer tijd graag")
    assert PulseParticipation.objects.filter(user=user, period="2025-03").exists()


def test_second_answer_in_one_period_is_refused_and_stores_nothing():
    user = UserFactory()
    pulse_answer(user=user, scores=SCORES, period="2025-03")
    with pytest.raises(AlreadyAnswered):
        pulse_answer(user=user, scores=SCORES | {"heard": 1}, period="2025-03")
    assert PulseResponse.objects.count() == 1
    pulse_answer(user=user, scores=SCORES, period="2025-04")
    assert PulseResponse.objects.count() == 2


def test_second_answer_through_the_form_gets_a_dutch_error_and_keeps_the_input(client_for):
    user = UserFactory()
    pulse_answer(user=user, scores=SCORES, period=period_for())
    data = {**{k: str(v) for k, v in SCORES.items()}, "comment": "Nog een keer"}
    response = client_for(user).post(reverse("appreciation:pulse"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "al ingevuld" in html
    assert "Nog een keer" in html
    assert PulseResponse.objects.count() == 1


def test_out_of_range_score_is_refused():
    with pytest.raises(ValidationError):
        pulse_answer(user=UserFactory(), scores=SCORES | {"valued": 6}, period="2025-03")


def test_groups_under_five_show_no_figures(client_for):
    team = TeamFactory()
    members = [UserFactory(teams=[team]) for _ in range(5)]
    for user in members[:4]:
        pulse_answer(user=user, team=team, scores=SCORES, period="2025-03")
    [result] = pulse_results(team=team)
    assert (result.count, result.averages) == (4, None)
    page = client_for(members[0]).get(reverse("appreciation:pulse-results")).content.decode()
    assert "minder dan 5 antwoorden" in page
    pulse_answer(user=members[4], team=team, scores=SCORES | {"heard": 5}, period="2025-03")
    [result] = pulse_results(team=team)
    assert result.shown
    assert dict(result.averages)["Word je gehoord?"] == 3.4


def test_the_group_size_is_a_setting(client_for, settings):
    settings.FRONTLIJN_MIN_GROUP_SIZE = 3
    team = TeamFactory()
    members = [UserFactory(teams=[team]) for _ in range(3)]
    for user in members:
        pulse_answer(user=user, team=team, scores=SCORES, period=period_for())
    [result] = pulse_results(team=team)
    assert result.shown
    settings.FRONTLIJN_MIN_GROUP_SIZE = 4
    [result] = pulse_results(team=team)
    assert (result.count, result.averages) == (3, None)
    page = client_for(members[0]).get(reverse("appreciation:pulse-results")).content.decode()
    assert "minder dan 4 antwoorden" in page


def test_results_over_time_per_period_newest_first():
    team = TeamFactory()
    for period in ("2025-01", "2025-02"):
        for _ in range(5):
            pulse_answer(user=UserFactory(teams=[team]), team=team, scores=SCORES, period=period)
    assert [r.period for r in pulse_results(team=team)] == ["2025-02", "2025-01"]


def test_shuffle_keeps_every_answer_exactly_once():
    team = TeamFactory()
    for score in (1, 2, 3, 4, 5, 1, 2):
        pulse_answer(user=UserFactory(teams=[team]), team=team, scores=SCORES | {"valued": score}, period="2025-03")
    values = sorted(PulseResponse.objects.values_list("valued", flat=True))
    assert values == [1, 1, 2, 2, 3, 4, 5]


def test_answer_for_someone_elses_team_is_refused():
    with pytest.raises(ValidationError):
        pulse_answer(user=UserFactory(teams=[TeamFactory()]), team=TeamFactory(), scores=SCORES, period="2025-03")


def test_pulse_invitation_goes_once_to_front_staff_who_have_not_answered():
    from django.core.management import call_command

    from frontlijn.appreciation.services import pulse_invite
    from frontlijn.core.models import InboxKind, InboxMessage
    from frontlijn.teams.models import Role

    answered, waiting = UserFactory(role=Role.WIJKBEHEERDER), UserFactory(role=Role.KCC_MEDEWERKER)
    UserFactory(role=Role.MANAGER)  # not front-line: not invited
    UserFactory(role=Role.HUISMEESTER, is_active=False)
    pulse_answer(user=answered, scores=SCORES, period="2025-03")
    assert pulse_invite(period="2025-03") == 1
    message = InboxMessage.objects.get(kind=InboxKind.PULSE)
    assert message.recipient == waiting and message.url.startswith(reverse("appreciation:pulse"))
    call_command("pulse_invite", period="2025-03")  # again in the same period: nobody twice
    assert InboxMessage.objects.filter(kind=InboxKind.PULSE).count() == 1
    assert pulse_invite(period="2025-04") == 2  # a new period invites everyone who has not answered it
