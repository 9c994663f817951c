"""Read-only API for what the front records beyond the ERP: signals, plans and inputs.

Other systems (reporting, the association's BI) read these; they are written in Frontlijn only.
Each list goes through its app's selector, so the API shows what the token's owner would see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from frontlijn.api.serializers import VeraCodeField
from frontlijn.api.views import ERROR, UPDATED_SINCE, SyncViewSetBase
from frontlijn.plans import permissions as plan_permissions
from frontlijn.plans.models import Input, Phase, Plan, PlanType, Stance, Verdict
from frontlijn.plans.selectors import plan_list
from frontlijn.signals.models import Sensitivity, Signal, Status, Urgency
from frontlijn.signals.selectors import signal_list

if TYPE_CHECKING:
    from frontlijn.teams.models import User


class SignaalSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    idExtern = serializers.CharField(source="id_extern", read_only=True, allow_null=True)
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)
    gemeldOp = serializers.DateTimeField(source="created_at", read_only=True)
    gemeldDoor = serializers.CharField(source="raised_by.username", read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    themas = serializers.SerializerMethodField()
    status = VeraCodeField(names=dict(Status.choices), read_only=True)
    urgentie = VeraCodeField(source="urgency", names=dict(Urgency.choices), read_only=True)
    gevoeligheid = VeraCodeField(source="sensitivity", names=dict(Sensitivity.choices), read_only=True)
    eenheid = serializers.CharField(source="unit.id_extern", read_only=True, allow_null=True)
    cluster = serializers.CharField(source="complex.id_extern", read_only=True, allow_null=True)
    buurt = serializers.CharField(source="buurt.id_extern", read_only=True, allow_null=True)
    wijk = serializers.CharField(source="wijk.id_extern", read_only=True, allow_null=True)
    terugkoppeling = serializers.CharField(source="feedback", read_only=True)

    def get_themas(self, obj) -> list[str]:
        return [t.code for t in obj.themes.all()]


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    idExtern = serializers.CharField(source="id_extern", read_only=True, allow_null=True)
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)
    titel = serializers.CharField(source="title", read_only=True)
    soort = VeraCodeField(source="plan_type", names=dict(PlanType.choices), read_only=True)
    fase = VeraCodeField(source="phase", names=dict(Phase.choices), read_only=True)
    omschrijving = serializers.CharField(source="description", read_only=True)
    besluitGeplandOp = serializers.DateField(source="decision_planned_on", read_only=True, allow_null=True)
    eigenaar = serializers.CharField(source="owner.username", read_only=True)
    wijken = serializers.SerializerMethodField()
    buurten = serializers.SerializerMethodField()
    clusters = serializers.SerializerMethodField()

    def get_wijken(self, obj) -> list[str | None]:
        return [w.id_extern for w in obj.wijken.all()]

    def get_buurten(self, obj) -> list[str | None]:
        return [b.id_extern for b in obj.buurten.all()]

    def get_clusters(self, obj) -> list[str | None]:
        return [c.id_extern for c in obj.complexes.all()]


class AntwoordSerializer(serializers.Serializer):
    besluit = VeraCodeField(source="verdict", names=dict(Verdict.choices), read_only=True)
    toelichting = serializers.CharField(source="reason", read_only=True)
    beantwoordOp = serializers.DateTimeField(source="answered_at", read_only=True)


class InbrengSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)
    plan = serializers.IntegerField(source="round.plan_id", read_only=True)
    soort = VeraCodeField(source="stance", names=dict(Stance.choices), read_only=True)
    tekst = serializers.CharField(source="text", read_only=True)
    medewerker = serializers.CharField(source="author.username", read_only=True)
    antwoord = serializers.SerializerMethodField()

    def get_antwoord(self, obj) -> dict | None:
        answer = getattr(obj, "answer", None)
        return AntwoordSerializer(answer).data if answer is not None else None


def input_list(*, user: User) -> QuerySet[Input]:
    """Inputs on plans the user may see: all of them for plan owners, managers and overview
    roles; otherwise only the user's own."""
    qs = Input.objects.filter(round__plan__in=plan_list(user=user).values("pk")).select_related(
        "round", "author", "answer"
    )
    if not plan_permissions.sees_all_plans(user):
        qs = qs.filter(Q(author=user) | Q(round__plan__owner=user))
    return qs


class FrontListViewSet(mixins.ListModelMixin, SyncViewSetBase):
    selector = None

    def get_base_queryset(self):
        return type(self).selector(user=self.request.user)


def _front_viewset(kind: str, serializer_class, selector, model, description: str):
    @extend_schema(
        summary=f"{description}: lijst (alleen lezen)",
        parameters=[UPDATED_SINCE],
        responses={200: serializer_class(many=True), 400: ERROR},
    )
    def list(self, request, *args, **kwargs):
        return FrontListViewSet.list(self, request, *args, **kwargs)

    attrs = {
        "kind": kind,
        "serializer_class": serializer_class,
        "selector": staticmethod(selector),
        "model": model,
        "list": list,
        "__doc__": description,
    }
    return extend_schema(tags=[kind])(type(f"{kind.capitalize()}ViewSet", (FrontListViewSet,), attrs))


def _signal_list(*, user: User) -> QuerySet[Signal]:
    return signal_list(user=user)


FRONT_VIEWSETS = {
    "signalen": _front_viewset("signalen", SignaalSerializer, _signal_list, Signal, "Signalen"),
    "plannen": _front_viewset("plannen", PlanSerializer, plan_list, Plan, "Plannen"),
    "inbreng": _front_viewset("inbreng", InbrengSerializer, input_list, Input, "Inbreng op plannen"),
}
