"""Team pages: the team's own way of working and priorities, its work, time for contact, visit rounds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from frontlijn.cases.selectors import case_get
from frontlijn.core import idempotency, offline
from frontlijn.lib import clock
from frontlijn.lib.forms import add_service_error
from frontlijn.lib.locking import StaleEditError, show_current_version
from frontlijn.lib.query import parse_query
from frontlijn.lib.redirects import redirect_next
from frontlijn.teams import forms, rounds, selectors, services
from frontlijn.teams.models_work import RETRY_OUTCOMES, Absence, RoundVisit, VisitOutcome, VisitRound


def team_list(request):
    teams = list(selectors.team_list_for(user=request.user))
    if len(teams) == 1:
        return redirect("teams:detail", pk=teams[0].pk)
    return render(request, "teams/team_list.html", {"teams": teams})


def team_detail(request, pk: int):
    team = selectors.team_get(user=request.user, pk=pk)
    themes = dict(forms.theme_choices())
    priorities = [(p, forms.priority_label(p.kind, p.code, themes)) for p in team.priorities.order_by("position")]
    return render(
        request,
        "teams/team_detail.html",
        {
            "team": team,
            "priorities": priorities,
            "workload": selectors.member_workload(team=team),
            "queue": list(selectors.team_queue(user=request.user, team=team)[:50]),
            "my_cases": list(
                selectors.team_open_cases(user=request.user, team=team).filter(assignee=request.user)[:50]
            ),
            "is_member": team.members.filter(pk=request.user.pk).exists(),
            "can_manage": services.can_manage_team(request.user, team),
            "changes": team.setting_changes.select_related("changed_by")[:10],
        },
    )


def _team_settings_forms(
    request, team, action: str | None
) -> tuple[forms.WayOfWorkingForm, forms.ContactTargetForm, forms.PriorityAddForm]:
    """The way-of-working, contact-target and add-priority forms; the one of ``action`` bound."""
    way_form = forms.WayOfWorkingForm(
        request.POST if action == "way" else None,
        prefix="way",
        initial={"way_of_working": team.way_of_working, "version": team.version},
    )
    target_form = forms.ContactTargetForm(
        request.POST if action == "target" else None,
        prefix="target",
        initial={
            "contact_target_percent": team.contact_target_percent,
            "hours_per_week": team.hours_per_week,
            "version": team.version,
        },
    )
    priority_form = forms.PriorityAddForm(request.POST if action == "priority-add" else None, prefix="prio")
    return way_form, target_form, priority_form


def team_settings(request, pk: int):
    """Every member sees the settings and their history; only the lead (or the administrator) changes them."""
    team = selectors.team_get(user=request.user, pk=pk)
    may_set = services.can_set_team_settings(request.user, team)
    if not (may_set or services.can_manage_team(request.user, team)):
        raise PermissionDenied
    if request.method == "POST" and not may_set:
        raise PermissionDenied(
            _("Alleen de teamleider of de functioneel beheerder wijzigt de instellingen van het team.")
        )
    action = request.POST.get("action") if request.method == "POST" else None
    way_form, target_form, priority_form = _team_settings_forms(request, team, action)
    try:
        if action == "way" and way_form.is_valid():
            services.team_set_way_of_working(
                team=team,
                user=request.user,
                way_of_working=way_form.cleaned_data["way_of_working"],
                version=way_form.cleaned_data["version"],
            )
            messages.success(request, _("Werkwijze opgeslagen."))
            return redirect("teams:settings", pk=team.pk)
        if action == "target" and target_form.is_valid():
            services.team_set_contact_target(
                team=team,
                user=request.user,
                contact_target_percent=target_form.cleaned_data["contact_target_percent"],
                hours_per_week=target_form.cleaned_data["hours_per_week"],
                version=target_form.cleaned_data["version"],
            )
            messages.success(request, _("Doel voor tijd voor contact opgeslagen."))
            return redirect("teams:settings", pk=team.pk)
        if action == "priority-add" and priority_form.is_valid():
            kind, code = priority_form.parsed()
            services.team_priority_add(team=team, user=request.user, kind=kind, code=code)
            messages.success(request, _("Prioriteit toegevoegd."))
            return redirect("teams:settings", pk=team.pk)
        if action in ("up", "down", "remove"):
            priority_id = int(request.POST.get("priority", "0") or 0)
            if action == "remove":
                services.team_priority_remove(team=team, user=request.user, priority_id=priority_id)
            else:
                services.team_priority_move(team=team, user=request.user, priority_id=priority_id, direction=action)
            messages.success(request, _("Prioriteiten bijgewerkt."))
            return redirect(f"{request.path}#prioriteiten")
    except ValidationError as exc:
        form = {"way": way_form, "target": target_form}.get(action or "", priority_form)
        add_service_error(form, exc)
        if isinstance(exc, StaleEditError):
            team.refresh_from_db()
            show_current_version(form, team.version)
    except ValueError:
        messages.error(request, _("Deze prioriteit bestaat niet (meer)."))
    themes = dict(forms.theme_choices())
    priorities = [(p, forms.priority_label(p.kind, p.code, themes)) for p in team.priorities.order_by("position")]
    return render(
        request,
        "teams/team_settings.html",
        {
            "team": team,
            "way_form": way_form,
            "target_form": target_form,
            "priority_form": priority_form,
            "priorities": priorities,
            "may_set": may_set,
            "changes": team.setting_changes.select_related("changed_by")[:100],
        },
    )


def contact_time(request, pk: int):
    team = selectors.team_get(user=request.user, pk=pk)
    week_start = parse_query(forms.WeekQuery, request)["week"] or selectors.parse_week(None)
    week = selectors.team_contact_week(team=team, week_start=week_start)
    previous = selectors.team_contact_week(team=team, week_start=week_start - selectors.dt.timedelta(weeks=1))
    return render(request, "teams/contact_time.html", {"team": team, "week": week, "previous": previous})


@require_POST
def case_take(request, case_pk: int):
    case = case_get(user=request.user, pk=case_pk)
    try:
        services.case_take(case=case, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Je hebt de zaak opgepakt."))
    return redirect_next(request, reverse("cases:detail", kwargs={"pk": case.pk}))


def case_hand_over(request, case_pk: int):
    case = case_get(user=request.user, pk=case_pk)
    team_ids = list(request.user.teams.values_list("id", flat=True))
    if case.assignee_id != request.user.pk and case.assignee_team_id not in team_ids:
        raise PermissionDenied
    scope = Q(teams=case.assignee_team) if case.assignee_team_id else Q(teams__in=team_ids)
    colleagues = (
        selectors.User.objects.filter(scope, is_active=True)
        .exclude(pk=case.assignee_id or 0)
        .distinct()
        .order_by("first_name", "last_name")
    )
    form = forms.HandoverForm(request.POST or None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_hand_over(
                case=case, user=request.user, to_user=form.cleaned_data["to_user"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Zaak overgedragen aan %(name)s.") % {"name": form.cleaned_data["to_user"]})
            return redirect("cases:detail", pk=case.pk)
    return render(request, "teams/case_handover.html", {"case": case, "form": form})


def absence(request):
    form = forms.AbsenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_create(
                user=request.user,
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                created_by=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Afwezigheid opgeslagen. Nieuw werk gaat in die tijd naar je collega's."))
            return redirect("teams:absence")
    absences = Absence.objects.filter(user=request.user, end_date__gte=clock.today())
    return render(request, "teams/absence.html", {"form": form, "absences": absences})


@require_POST
def absence_delete(request, pk: int):
    item = get_object_or_404(Absence, pk=pk, user=request.user)
    services.absence_delete(absence=item, user=request.user)
    messages.success(request, _("Afwezigheid verwijderd."))
    return redirect("teams:absence")


# --- visit rounds -------------------------------------------------------------------------------


def round_list(request, pk: int):
    team = selectors.team_get(user=request.user, pk=pk)
    return render(
        request,
        "teams/round_list.html",
        {
            "team": team,
            "rounds": rounds.round_list(team=team),
            "can_manage": services.can_manage_team(request.user, team),
        },
    )


def round_create(request, pk: int):
    team = selectors.team_get(user=request.user, pk=pk)
    if not services.can_manage_team(request.user, team):
        raise PermissionDenied
    complexes = rounds.team_complexes(team)
    form = forms.VisitRoundForm(request.POST or None, complexes=complexes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit_round = rounds.visit_round_create(
                team=team,
                user=request.user,
                name=data["name"],
                criterion=data["criterion"],
                complex=data["complex"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                minutes_per_visit=data["minutes_per_visit"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Ronde gepland. Verdeel de bezoeken over het team."))
            return redirect("teams:round", pk=visit_round.pk)
    return render(request, "teams/round_form.html", {"team": team, "form": form})


def _round_for(request, pk: int) -> VisitRound:
    visit_round = get_object_or_404(VisitRound.objects.select_related("team", "complex"), pk=pk)
    selectors.team_get(user=request.user, pk=visit_round.team_id)  # 404 outside the user's teams
    return visit_round


def round_detail(request, pk: int):
    visit_round = _round_for(request, pk)
    visits = list(rounds.round_visits_for(user=request.user, visit_round=visit_round))
    # Resume where you stopped: the walk opens at the first address not yet done.
    mine = rounds.round_walk(v for v in visits if v.assignee_id == request.user.pk)
    per_member: dict = {}
    for visit in visits:
        if visit.assignee_id:
            entry = per_member.setdefault(visit.assignee_id, {"user": visit.assignee, "total": 0, "done": 0})
            entry["total"] += 1
            entry["done"] += int(visit.done)
    return render(
        request,
        "teams/round_detail.html",
        {
            "round": visit_round,
            "progress": rounds.round_progress(visit_round),
            "mine": mine,
            "next_visit": mine[0] if mine else None,
            "visits": visits,
            "per_member": sorted(per_member.values(), key=lambda e: str(e["user"])),
            "can_manage": services.can_manage_team(request.user, visit_round.team),
        },
    )


@require_POST
def round_divide(request, pk: int):
    visit_round = _round_for(request, pk)
    try:
        count = rounds.visit_round_divide(visit_round=visit_round, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext("%(n)s bezoek verdeeld over het team.", "%(n)s bezoeken verdeeld over het team.", count)
            % {"n": count},
        )
    return redirect("teams:round", pk=visit_round.pk)


def visit_record(request, pk: int):
    visit = get_object_or_404(RoundVisit.objects.select_related("round", "round__team"), pk=pk)
    selectors.team_get(user=request.user, pk=visit.round.team_id)
    own_visit = rounds.round_visits_for(user=request.user, visit_round=visit.round).filter(pk=pk).first()
    if own_visit is None:
        raise PermissionDenied
    visit = own_visit
    if (first := idempotency.first_result(request, "visit")) is not None:
        return offline.answer_saved(request, first.url, replayed=True)
    form = forms.VisitRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = reverse("teams:round", kwargs={"pk": visit.round_id})
        try:

            def record():
                if data["outcome"] == VisitOutcome.VISITED:
                    return rounds.round_visit_record(
                        visit=visit,
                        user=request.user,
                        occurred_at=data["occurred_at"],
                        duration_minutes=data["duration_minutes"],
                        process_note=data["process_note"],
                        beyond_note=data["beyond_note"],
                    )
                return rounds.round_visit_outcome_record(
                    visit=visit, user=request.user, outcome=data["outcome"], at=data["occurred_at"]
                )

            saved = idempotency.create_once(
                user=request.user,
                key=data["idempotency_key"],
                kind="visit",
                made_at=offline.made_at(request),
                url=lambda obj: target,
                create=record,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if data["outcome"] == VisitOutcome.VISITED:
                message = _("Bezoek vastgelegd als contactmoment.")
            elif data["outcome"] in RETRY_OUTCOMES:
                message = _("Vastgelegd. Het adres komt terug in de ronde voor een nieuwe poging.")
            else:
                message = _("Vastgelegd. Dit adres is klaar in deze ronde.")
            return offline.answer_saved(request, saved.url, replayed=saved.replayed, message=message)
    if request.method == "POST" and offline.is_outbox(request):
        return offline.answer_rejected(request, form=form)
    return render(request, "teams/visit_form.html", {"visit": visit, "form": form})
