"""REST API v1: list, read and upsert each kind by ``idExtern``. Views stay thin."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from frontlijn.api import selectors, serializers, services
from frontlijn.api.auth import ApiTokenAuthentication, TokenRateThrottle, TokenScopePermission
from frontlijn.api.exchange.kinds import KINDS
from frontlijn.api.models import ApiToken
from frontlijn.privacy import capabilities, twofactor
from frontlijn.privacy.capabilities import NOT_PERSONAL_API_KINDS


class SyncPagination(CursorPagination):
    """Cursor pages in the order of change: a sync resumes where it stopped."""

    ordering = ("updated_at", "id")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 100  # never more a page (security probe, finding 2)


def may_bulk_read(request) -> bool:
    """More than one page of personal data, or a sync: a token with the sync (or write) scope, or
    a session of a role that may export personal data that passed the second factor."""
    if isinstance(request.auth, ApiToken):
        return request.auth.can_sync
    user = request.user
    return bool(
        (capabilities.has(user, "bulk_personal_data") or user.has_perm("privacy.privacy_officer"))
        and twofactor.is_verified(request)
    )


UPDATED_SINCE = OpenApiParameter(
    "updated_since",
    OpenApiTypes.DATETIME,
    description="Alleen records die op of na dit moment (ISO 8601) zijn gewijzigd: voor incrementele sync.",
)
# What record_upsert accepts as a key: 1-64 characters, no "/", no NUL, no whitespace at either end.
ID_EXTERN_PATTERN = r"^[^\s/\x00](?:[^/\x00]{0,62}[^\s/\x00])?$"
ID_EXTERN = OpenApiParameter(
    "idExtern",
    str,
    OpenApiParameter.PATH,
    required=True,
    pattern=ID_EXTERN_PATTERN,
    description="Sleutel in het ERP: 1-64 tekens, zonder / en zonder spaties aan begin of eind.",
)
ERROR = OpenApiResponse(OpenApiTypes.OBJECT, description="Fout; bij validatie per veld de reden.")
BULK_REPORT = OpenApiResponse(
    inline_serializer(
        "BulkVerslag",
        {
            "aantal": drf_serializers.IntegerField(required=False),
            "nieuw": drf_serializers.IntegerField(required=False),
            "bijgewerkt": drf_serializers.IntegerField(required=False),
            "ongewijzigd": drf_serializers.IntegerField(required=False),
            "afgekeurd": drf_serializers.IntegerField(required=False),
            "fouten": drf_serializers.ListField(child=drf_serializers.DictField(), required=False),
            "detail": drf_serializers.CharField(required=False),
            "non_field_errors": drf_serializers.ListField(child=drf_serializers.CharField(), required=False),
        },
    ),
    description="Verslag: aantallen, en bij afkeuring elk afgekeurd record (regel, idExtern, veld, reden).",
)


class SyncViewSetBase(viewsets.GenericViewSet):
    """Token auth, scopes, rate limit, cursor pages and ``updated_since`` for every API list."""

    kind: str = ""
    model = None
    authentication_classes = [ApiTokenAuthentication, *viewsets.GenericViewSet.authentication_classes]
    permission_classes = [TokenScopePermission]
    throttle_classes = [TokenRateThrottle]
    pagination_class = SyncPagination
    parser_classes = [JSONParser]

    def get_base_queryset(self):
        return selectors.api_queryset(kind=self.kind, user=self.request.user)

    def paginate_queryset(self, queryset):
        """One page of at most 100; further pages and syncs of personal data only for bulk readers."""
        request = self.request
        bulk = bool(request.query_params.get("updated_since") or request.query_params.get("cursor"))
        if bulk and self.kind not in NOT_PERSONAL_API_KINDS and not may_bulk_read(request):
            raise exceptions.PermissionDenied(
                _(
                    "Je krijgt van deze lijst één pagina. Meer pagina's of een sync (updated_since) zijn "
                    "alleen voor een koppeling met een token met scope 'sync' en voor wie persoonsgegevens "
                    "mag exporteren, ingelogd met de tweede stap. Zoek je één huishouden? Gebruik het zoeken."
                )
            )
        page = super().paginate_queryset(queryset)
        if page is not None:
            # The audit row (privacy.middleware.ApiAuditMiddleware) says how many and which records.
            request._request.frontlijn_audit_detail = {"count": len(page), "ids": [obj.pk for obj in page]}
        return page

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return (self.model or KINDS[self.kind].model)._default_manager.none()
        qs = self.get_base_queryset()
        query = serializers.SyncQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        if (since := query.validated_data.get("updated_since")) is not None:
            qs = qs.filter(updated_at__gte=since)
        return qs


class KindViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SyncViewSetBase):
    lookup_field = "id_extern"
    lookup_url_kwarg = "idExtern"
    lookup_value_regex = "[^/]+"

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "user": self.request.user}

    def update(self, request, *args, **kwargs):
        key = kwargs[self.lookup_url_kwarg]
        try:
            obj, created = services.record_upsert(kind=self.kind, user=request.user, id_extern=key, data=request.data)
        except services.UpsertError as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Je mag deze gegevens niet wijzigen.")) from exc
        except Http404 as exc:
            raise exceptions.NotFound(_("Niet gevonden.")) from exc
        data = self.get_serializer(obj).data
        return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def bulk(self, request, *args, **kwargs):
        """Up to ``FRONTLIJN_API_BULK_MAX_RECORDS`` records in one request (the nightly sync)."""
        if not selectors.may_write(kind=self.kind, user=request.user):  # before reading the body
            raise exceptions.PermissionDenied(_("Je mag deze gegevens niet wijzigen."))
        records = read_bulk_body(request)
        try:
            report = services.records_bulk_upsert(kind=self.kind, user=request.user, records=records)
        except services.UpsertError as exc:
            raise exceptions.ValidationError(exc.errors) from exc
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Je mag deze gegevens niet wijzigen.")) from exc
        body = {
            "aantal": report.rows,
            "nieuw": report.created,
            "bijgewerkt": report.updated - report.unchanged,
            "ongewijzigd": report.unchanged,
            "afgekeurd": len({e["regel"] for e in report.errors}),
            "fouten": report.errors,
        }
        request._request.frontlijn_audit_detail = {k: v for k, v in body.items() if k != "fouten"}
        if not report.ok:
            body["detail"] = _(
                "%(n)s van %(total)s records afgekeurd: er is niets bewaard. Verbeter ze en stuur de lijst opnieuw."
            ) % {"n": body["afgekeurd"], "total": report.rows}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_200_OK)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"


def read_bulk_body(request):
    """The JSON body of a bulk write, read up to ``FRONTLIJN_API_BULK_MAX_BYTES`` (413 beyond)."""
    import json

    from django.conf import settings

    limit = settings.FRONTLIJN_API_BULK_MAX_BYTES
    too_large = PayloadTooLarge(
        _(
            "Dit verzoek is te groot: hoogstens %(mb)s MB en %(n)s records per keer. Verdeel de records over "
            "meer verzoeken."
        )
        % {"mb": limit // (1024 * 1024), "n": f"{settings.FRONTLIJN_API_BULK_MAX_RECORDS:,}".replace(",", ".")}
    )
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise too_large
    raw = request._request.read(limit + 1)
    if len(raw) > limit:
        raise too_large
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise exceptions.ParseError(_("Ongeldige JSON: stuur een lijst van objecten (JSON-array).")) from exc


def bulk_item(serializer_class):
    """The request shape of one record in a bulk write: the PUT's, with its own ``idExtern``."""
    return type(
        f"{serializer_class.__name__.removesuffix('Serializer')}BulkSerializer",
        (serializer_class,),
        {
            "idExtern": serializers.InputPatternField(
                source="id_extern",
                max_length=64,
                required=True,
                input_pattern=ID_EXTERN_PATTERN,
                help_text="Sleutel in het ERP: 1-64 tekens, zonder / en zonder spaties aan begin of eind.",
            )
        },
    )


def _make_viewset(kind: str, description: str) -> type[KindViewSet]:
    """A viewset for one kind, with its own methods so each gets its own schema."""
    serializer_class = serializers.SERIALIZERS[kind]

    @extend_schema(
        summary=f"{description}: lijst",
        parameters=[UPDATED_SINCE],
        responses={200: serializer_class(many=True), 400: ERROR},
    )
    def list(self, request, *args, **kwargs):
        return KindViewSet.list(self, request, *args, **kwargs)

    @extend_schema(
        summary=f"{description}: één record op idExtern",
        parameters=[ID_EXTERN],
        responses={200: serializer_class, 404: ERROR},
    )
    def retrieve(self, request, *args, **kwargs):
        return KindViewSet.retrieve(self, request, *args, **kwargs)

    @extend_schema(
        summary=f"{description}: aanmaken of bijwerken op idExtern (idempotent)",
        parameters=[ID_EXTERN],
        request=serializer_class,
        responses={200: serializer_class, 201: serializer_class, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def update(self, request, *args, **kwargs):
        return KindViewSet.update(self, request, *args, **kwargs)

    @extend_schema(
        summary=f"{description}: tot 10.000 records tegelijk aanmaken of bijwerken op idExtern (nachtelijke sync)",
        description=(
            "Een JSON-array van records in de vorm van PUT, elk met zijn idExtern. Alles of niets: bij één "
            "afgekeurd record wordt niets bewaard en staat elk afgekeurd record in 'fouten' (regel = plaats in de "
            "lijst, vanaf 1). Idempotent: dezelfde lijst nog eens verandert niets. Te groot: 413."
        ),
        request=bulk_item(serializer_class)(many=True),
        responses={200: BULK_REPORT, 400: BULK_REPORT, 403: ERROR, 413: ERROR},
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request, *args, **kwargs):
        return KindViewSet.bulk(self, request, *args, **kwargs)

    attrs = {
        "kind": kind,
        "serializer_class": serializer_class,
        "list": list,
        "retrieve": retrieve,
        "update": update,
        "bulk": bulk,
        "__doc__": description,
    }
    return extend_schema(tags=[kind])(type(f"{kind.capitalize()}ViewSet", (KindViewSet,), attrs))


VIEWSETS: dict[str, type[KindViewSet]] = {
    "wijken": _make_viewset("wijken", "Wijken"),
    "buurten": _make_viewset("buurten", "Buurten"),
    "clusters": _make_viewset("clusters", "Complexen (VERA Cluster)"),
    "eenheden": _make_viewset("eenheden", "Eenheden"),
    "huishoudens": _make_viewset("huishoudens", "Huishoudens"),
    "relaties": _make_viewset("relaties", "Bewoners (VERA Relatie)"),
    "huurovereenkomsten": _make_viewset("huurovereenkomsten", "Huurovereenkomsten"),
    "zaken": _make_viewset("zaken", "Zaken"),
    "contactmomenten": _make_viewset("contactmomenten", "Contactmomenten"),
}
