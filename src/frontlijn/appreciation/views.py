"""Appreciation pages: my impact (own page only), giving a compliment, the pulse survey."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontlijn.appreciation import impact as impact_chains
from frontlijn.appreciation import selectors, services
from frontlijn.appreciation.forms import ComplimentForm, PulseActionForm, PulseForm
from frontlijn.appreciation.models import ComplimentSource
from frontlijn.contacts.selectors import contact_moment_list
from frontlijn.core import idempotency, offline
from frontlijn.lib.forms import add_service_error
from frontlijn.lib.query import IdField, parse_query
from frontlijn.privacy import capabilities
from frontlijn.teams.models import Team, User
from frontlijn.teams.selectors import my_contact_weeks

if TYPE_CHECKING:
    from frontlijn.teams.models import User

LEAD_ROLES = capabilities.roles("compliment_as_lead")


def impact(request):
    """The person's own impact page. There is no way to open someone else's."""
    user = request.user
    return render(
        request,
        "appreciation/impact.html",
        {
            "signal_chains": impact_chains.signal_chains(user=user),
            "input_chains": impact_chains.input_chains(user=user),
            "compliments": list(selectors.compliments_for(user=user)[:50]),
            "weeks": my_contact_weeks(user=user, weeks=4),
            "team": user.teams.order_by("name").first(),
            "pulse_open": user.is_front and not services.has_answered(user=user),
        },
    )


class ComplimentQuery(forms.Form):
    voor = IdField()  # the colleague to compliment
    contact = IdField()  # the contact moment the compliment is about


def compliment_create(request):
    user = request.user
    colleagues = User.objects.filter(is_active=True).exclude(pk=user.pk).order_by("first_name", "last_name")
    initial = {}
    query = parse_query(ComplimentQuery, request)
    if query["voor"]:
        initial["to_user"] = query["voor"]
    contact = None
    contact_id = query["contact"]
    if request.POST.get("contact"):
        contact_id = parse_query(ComplimentQuery, request, data=request.POST)["contact"]
    if contact_id:
        contact = contact_moment_list(user=user).filter(pk=contact_id).first()
    form = ComplimentForm(request.POST or None, colleagues=colleagues, initial=initial)
    if request.method == "POST" and form.is_valid():
        source = ComplimentSource.MANAGER if user.role in LEAD_ROLES else ComplimentSource.COLLEAGUE
        data = form.cleaned_data
        try:
            outcome = idempotency.create_once(
                user=user,
                key=data["idempotency_key"],
                kind="compliment",
                url=lambda compliment: reverse("appreciation:impact"),
                create=lambda: services.compliment_create(
                    to_user=data["to_user"], from_user=user, source=source, text=data["text"], contact=contact
                ),
            )
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                for message in errs:
                    form.add_error(field if field in form.fields else None, message)
        else:
            sent = _("Je compliment is verstuurd naar %(name)s.") % {"name": data["to_user"]}
            return offline.answer_saved(request, outcome.url, replayed=outcome.replayed, message=sent)
    return render(request, "appreciation/compliment_form.html", {"form": form, "contact": contact})


def pulse(request):
    user = request.user
    if not user.is_front:
        raise PermissionDenied
    period = services.period_for()
    teams = user.teams.order_by("name")
    form = PulseForm(request.POST or None, teams=teams)
    already = services.has_answered(user=user, period=period)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pulse_answer(
                user=user,
                team=data["team"],
                scores={field: data[field] for field in form.question_fields},
                comment=data["comment"],
                period=period,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Dank je wel! Je antwoorden zijn anoniem opgeslagen."))
            return redirect("appreciation:pulse-results")
    return render(request, "appreciation/pulse_form.html", {"form": form, "period": period, "already": already})


def _results_teams(user: User):
    if capabilities.has(user, "pulse_results_all_teams"):
        return Team.objects.order_by("name")
    return user.teams.order_by("name")


def pulse_results(request, bound: tuple[int, str, PulseActionForm] | None = None):
    """Results per team over time (k = FRONTLIJN_MIN_GROUP_SIZE, also for changes), with what the team
    lead did with them.

    ``bound``: (team id, period, form) of a refused action, shown again with what was typed.
    """
    user = request.user
    blocks = []
    for team in _results_teams(user):
        results = selectors.pulse_results(team=team)
        may_write = services.can_write_pulse_action(user, team)
        if may_write:
            for r in results:
                if bound and bound[0] == team.pk and bound[1] == r.period:
                    r.action_form = bound[2]
                else:
                    r.action_form = PulseActionForm(initial={"text": r.action.text if r.action else ""})
        blocks.append((team, results))
    return render(
        request,
        "appreciation/pulse_results.html",
        {
            "organisation": selectors.pulse_results(organisation=True),
            "blocks": blocks,
            "min_group": settings.FRONTLIJN_MIN_GROUP_SIZE,
        },
        status=400 if bound else 200,
    )


@require_POST
def pulse_action(request, team_pk: int, period: str):
    """The team lead records what the team did with one period's results."""
    team = _results_teams(request.user).filter(pk=team_pk).first()
    if team is None:
        raise Http404
    if not services.can_write_pulse_action(request.user, team):
        raise PermissionDenied
    form = PulseActionForm(request.POST)
    if form.is_valid():
        try:
            services.pulse_action_save(user=request.user, team=team, period=period, text=form.cleaned_data["text"])
        except ValidationError as exc:
            errors = exc.message_dict
            if "period" in errors:  # not a period on the page: say so above it
                messages.error(request, " ".join(errors["period"]))
                return redirect("appreciation:pulse-results")
            for message in errors.get("text", []):
                form.add_error("text", message)
        else:
            messages.success(request, _("Vastgelegd. Je team ziet het bij de uitslag."))
            return redirect(reverse("appreciation:pulse-results") + f"#puls-{team.pk}-{period}")
    return pulse_results(request, bound=(team.pk, period, form))
