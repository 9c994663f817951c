"""The API's JSON shapes, in VERA's terms. Used for output and for the OpenAPI schema.

Writes are parsed by :mod:`frontlijn.api.exchange.kinds` (the same rules as the import); these
serializers say what the JSON looks like. A code-list field is VERA's ``{code, naam}``; a
reference to another record is that record's ``idExtern``.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from frontlijn.api.exchange.kinds import KINDS, Kind
from frontlijn.cases.models import CASE_STATUSES, REPAIR_STATUSES, STATUS_NAMES, CaseType
from frontlijn.contacts.models import CHANNEL_CHOICES, BeyondTag, Direction
from frontlijn.contacts.rules import CONTACT_RULES
from frontlijn.lib import clock, vera
from frontlijn.lib.rules import Between
from frontlijn.privacy import scoping
from frontlijn.register.models import (
    UNIT_DETAIL_CHOICES,
    UNIT_KIND_CHOICES,
    UNIT_STATUS_CHOICES,
    ContactPreference,
    Language,
)

# The bounds of a contact's duration, from its declared rules (frontlijn.contacts.rules).
DURATION = next(r for r in CONTACT_RULES if isinstance(r, Between) and r.field == "duration_minutes")


class VeraCodeField(serializers.Field):
    """A code-list value as ``{"code": "TEL", "naam": "Telefoon"}``; input may omit ``naam``."""

    def __init__(self, *, names: Mapping[str, str | Promise], **kwargs) -> None:
        with translation.override(None):  # VERA's own (Dutch) names, whatever the request's language
            self.names = {k: str(v) for k, v in names.items()}
        kwargs.setdefault("allow_null", not kwargs.get("required", False))
        super().__init__(**kwargs)

    def to_representation(self, value):
        if not value:
            return None
        return {"code": value, "naam": self.names.get(value, value)}

    def to_internal_value(self, data):
        code = data.get("code") if isinstance(data, dict) else data
        if code not in self.names:
            raise serializers.ValidationError("Onbekende code.")
        return code

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return value or None


class VeraCodeFieldSchema(OpenApiSerializerFieldExtension):
    target_class = VeraCodeField

    def map_serializer_field(self, auto_schema, direction):
        schema = {
            "type": "object",
            "properties": {
                "code": {"type": "string", "enum": list(self.target.names)},
                "naam": {"type": "string", "readOnly": True},
            },
            "required": ["code"] if direction == "request" else ["code", "naam"],
        }
        if self.target.allow_null:
            schema["nullable"] = True
        return schema


class WallClockDateTimeField(serializers.DateTimeField):
    """A date-time; without an offset it is the association's wall clock (rule: ``lib/clock.py``):
    the repeated October hour is its first occurrence, a time in the missing March hour is refused."""

    def enforce_timezone(self, value):
        if timezone.is_naive(value):
            try:
                return clock.from_wall_clock(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return super().enforce_timezone(value)


class RefField(serializers.CharField):
    """A reference field (see :func:`ref`)."""


class RefFieldSchema(OpenApiSerializerFieldExtension):
    target_class = RefField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "response":
            schema["nullable"] = True
        return schema


def ref(source: str, *, required: bool = False, help_text: str = "") -> serializers.CharField:
    """A reference: the ``idExtern`` of the related record.

    Always nullable in responses: a record made in Frontlijn itself has no ``idExtern``. In a
    request, a required reference may not be null (the schema says so).
    """
    # A required reference refuses null on input ("Dit veld is verplicht"); output may still be null
    # (DRF writes None for a missing attribute) and RefFieldSchema says so in the response schema.
    return RefField(source=source, required=required, allow_null=not required, max_length=64, help_text=help_text)


class InputPatternField(serializers.CharField):
    """A text field with the pattern the import/upsert checks (api/exchange/kinds.py). The pattern
    is in the request schema only: records made in Frontlijn itself may be written differently."""

    def __init__(self, *, input_pattern: str, **kwargs):
        self.input_pattern = input_pattern
        super().__init__(**kwargs)


class InputPatternFieldSchema(OpenApiSerializerFieldExtension):
    target_class = InputPatternField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["pattern"] = self.target.input_pattern
        return schema


def text(
    source: str | None, max_length: int, *, required: bool = False, input_pattern: str | None = None, **kwargs
) -> serializers.CharField:
    """A text field; ``source=None`` when the model field has the same name."""
    if source:
        kwargs["source"] = source
    if input_pattern:
        kwargs["input_pattern"] = input_pattern
    field_class = InputPatternField if input_pattern else serializers.CharField
    return field_class(max_length=max_length, required=required, allow_blank=not required, **kwargs)


class BoundedDateTimeField(WallClockDateTimeField):
    """A moment whose year the upsert accepts (1900-2999; the request schema says so with a pattern),
    read on the association's wall clock when it has no offset."""


class BoundedDateTimeFieldSchema(OpenApiSerializerFieldExtension):
    target_class = BoundedDateTimeField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["pattern"] = r"^(?:19|2[0-9])[0-9]{2}-"
        return schema


class VeraSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="Id in Frontlijn.")
    # Read-only in the schema: the key of a write is the one in the URL (a different one in the
    # body is refused, so the schema does not offer it).
    idExtern = serializers.CharField(
        source="id_extern",
        max_length=64,
        allow_null=True,
        read_only=True,
        help_text="Sleutel in het ERP; schrijven gaat via PUT op /<soort>/<idExtern>/.",
    )
    bijgewerktOp = serializers.DateTimeField(source="updated_at", read_only=True)


class WijkSerializer(VeraSerializer):
    code = text(None, 16, help_text="CBS-wijkcode")
    naam = text("name", 120, required=True)
    woonplaats = text("place", 80, required=True)


class BuurtSerializer(VeraSerializer):
    code = text(None, 16, help_text="CBS-buurtcode")
    naam = text("name", 120, required=True)
    wijk = ref("wijk.id_extern", required=True)


class ClusterSerializer(VeraSerializer):
    """VERA Cluster van soort complex."""

    code = text(None, 32, required=True)
    naam = text("name", 120, required=True)
    soort = serializers.SerializerMethodField()
    buurt = ref("buurt.id_extern", required=True)
    bouwjaar = serializers.IntegerField(
        source="construction_year", min_value=1000, max_value=2100, allow_null=True, required=False
    )

    def get_soort(self, obj) -> dict:
        return {"code": "COM", "naam": "Complex"}


class AdresSerializer(serializers.Serializer):
    # The patterns are what the import and upsert accept (api/exchange/kinds.py), so the schema says the same.
    straatnaam = text("street", 120, required=True)
    huisnummer = serializers.IntegerField(source="house_number", min_value=1, max_value=99999)
    huisletter = text("house_letter", 1, input_pattern=r"^[A-Za-z]?$")
    huisnummertoevoeging = text("house_number_addition", 4, input_pattern=r"^[A-Za-z0-9]{0,4}$")
    postcode = text(None, 7, required=True, input_pattern=r"^[1-9][0-9]{3}\s?(?![Ss][AaDdSs])[A-Za-z]{2}$")
    woonplaats = text("place", 80, required=True)


class EenheidSerializer(VeraSerializer):
    soort = VeraCodeField(source="kind", names=dict(UNIT_KIND_CHOICES))
    detailSoort = VeraCodeField(source="detail_kind", names=dict(UNIT_DETAIL_CHOICES))
    status = VeraCodeField(names=dict(UNIT_STATUS_CHOICES))
    adres = AdresSerializer(source="*")
    bagId = text(
        "bag_id",
        16,
        help_text="BAG-id van het verblijfsobject (16 cijfers, 01 op plaats 5 en 6)",
        input_pattern=r"^(?:[0-9]{4}01[0-9]{10})?$",
    )
    bouwjaar = serializers.IntegerField(
        source="construction_year", min_value=1000, max_value=2100, allow_null=True, required=False
    )
    buurt = ref("buurt.id_extern", required=True)
    cluster = ref("complex.id_extern")


class HuishoudenSerializer(VeraSerializer):
    naam = text("name", 160, required=True)
    eenheid = ref("unit.id_extern")


class RelatieSerializer(VeraSerializer):
    """VERA Relatie (NatuurlijkPersoon). Frontlijn bewaart nooit een BSN."""

    huishouden = ref("household.id_extern", required=True)
    voornaam = text("first_name", 80, required=True)
    tussenvoegsels = text("prefix", 20)
    achternaam = text("last_name", 120, required=True)
    geboortejaar = serializers.IntegerField(
        source="birth_year", min_value=1900, max_value=2100, allow_null=True, required=False
    )
    telefoonnummer = text("phone", 20, input_pattern=r"^(?:\+?[0-9 ()-]{8,20})?$")
    emailadres = serializers.EmailField(source="email", max_length=254, required=False, allow_blank=True)
    voorkeurstaal = serializers.ChoiceField(source="preferred_language", choices=Language.values, required=False)
    communicatievoorkeur = VeraCodeField(source="contact_preference", names=dict(ContactPreference.choices))
    hoofdhuurder = serializers.BooleanField(source="is_main_tenant", required=False)


class HuurovereenkomstSerializer(VeraSerializer):
    huishouden = ref("household.id_extern", required=True)
    eenheid = ref("unit.id_extern", required=True)
    begindatum = serializers.DateField(source="start_date")
    einddatum = serializers.DateField(source="end_date", allow_null=True, required=False)


class ZaakSerializer(VeraSerializer):
    zaaktype = VeraCodeField(source="case_type", names=dict(CaseType.choices), required=True)
    detailSoort = VeraCodeField(source="detail_type", names={c.code: c.naam for c in vera.codes("ZAAKTYPEDETAILSOORT")})
    status = VeraCodeField(names={code: STATUS_NAMES[code] for code in sorted(set(REPAIR_STATUSES + CASE_STATUSES))})
    omschrijving = text("description", 5000, required=True)
    registratiedatum = serializers.DateField(source="registered_on")
    streefdatum = serializers.DateField(source="target_date", allow_null=True, required=False)
    afgeslotenOp = serializers.DateField(source="closed_on", allow_null=True, required=False)
    huishouden = ref("household.id_extern")
    eenheid = ref("unit.id_extern", help_text="Mag leeg als het huishouden een eenheid heeft.")


class ContactmomentSerializer(VeraSerializer):
    """VERA Contactmoment, met Frontlijns deel 'verder dan het proces'."""

    kanaal = VeraCodeField(source="channel", names=dict(CHANNEL_CHOICES), required=True)
    richting = VeraCodeField(source="direction", names=dict(Direction.choices))
    datum = BoundedDateTimeField(source="occurred_at")
    duur = serializers.IntegerField(
        source="duration_minutes", min_value=DURATION.minimum, max_value=DURATION.maximum, help_text="Minuten"
    )
    onderwerp = text("subject", 200)
    omschrijving = text("process_note", 10000, help_text="Wat is afgehandeld")
    verderDanHetProces = serializers.CharField(
        source="beyond_note",
        max_length=10000,
        allow_blank=True,
        allow_null=True,
        required=False,
        help_text="Alleen zichtbaar voor wie dit deel mag lezen; anders null.",
    )
    labels = serializers.ListField(
        source="beyond_tags",
        child=serializers.ChoiceField(BeyondTag.values),
        required=False,
        max_length=len(BeyondTag.values),
    )
    medewerker = serializers.CharField(
        source="staff.username",
        max_length=150,
        required=False,
        help_text="Gebruikersnaam; standaard de token-eigenaar.",
    )
    huishouden = ref("household.id_extern")
    eenheid = ref("unit.id_extern")
    zaak = ref("case.id_extern")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context.get("user")
        if user is not None and not scoping.can_read_beyond_note(user, instance):
            data["verderDanHetProces"] = None
            data["labels"] = []
        return data


SERIALIZERS: dict[str, type[VeraSerializer]] = {
    "wijken": WijkSerializer,
    "buurten": BuurtSerializer,
    "clusters": ClusterSerializer,
    "eenheden": EenheidSerializer,
    "huishoudens": HuishoudenSerializer,
    "relaties": RelatieSerializer,
    "huurovereenkomsten": HuurovereenkomstSerializer,
    "zaken": ZaakSerializer,
    "contactmomenten": ContactmomentSerializer,
}
assert set(SERIALIZERS) == set(KINDS)

RELATED: dict[str, tuple[str, ...]] = {
    "buurten": ("wijk",),
    "clusters": ("buurt",),
    "eenheden": ("buurt", "complex"),
    "huishoudens": ("unit",),
    "relaties": ("household",),
    "huurovereenkomsten": ("household", "unit"),
    "zaken": ("household", "unit"),
    "contactmomenten": ("staff", "household", "unit", "case"),
}


def export_queryset(kind: Kind):
    return kind.model._default_manager.select_related(*RELATED.get(kind.name, ())).order_by("pk")


class SyncQuerySerializer(serializers.Serializer):
    """The query string of every list: ``updated_since`` must be a real moment (a 400 otherwise)."""

    updated_since = serializers.DateTimeField(
        required=False,
        error_messages={"invalid": _("Verwacht datum en tijd in ISO 8601, bijvoorbeeld 2024-03-01T00:00:00Z.")},
    )

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except OverflowError as exc:  # a moment that does not exist in the association's time zone
            raise serializers.ValidationError(
                {"updated_since": [self.fields["updated_since"].error_messages["invalid"]]}
            ) from exc

    def validate_updated_since(self, value):
        from frontlijn.lib.query import MAX_YEAR, MIN_YEAR

        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise serializers.ValidationError(
                _("Kies een moment tussen de jaren %(min)s en %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return value
