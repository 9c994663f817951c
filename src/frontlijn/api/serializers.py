"""The API's JSON shapes, in VERA's terms. Used for output and for the OpenAPI schema.

Writes are parsed by :mod:`frontlijn.api.exchange.kinds` (the same rules as the import); these
serializers say what the JSON looks like. A code-list field is VERA's ``{code, naam}``; a
reference to another record is that record's ``idExtern``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from frontlijn.api.exchange.kinds import KINDS, Kind
from frontlijn.cases.models import CASE_STATUSES, REPAIR_STATUSES, STATUS_NAMES, CaseType
from frontlijn.contacts.models import CHANNEL_CHOICES, BeyondTag, Direction
from frontlijn.lib import clock, vera
from frontlijn.privacy import scoping
from frontlijn.register.models import (
    UNIT_DETAIL_CHOICES,
    UNIT_KIND_CHOICES,
    UNIT_STATUS_CHOICES,
    ContactPreference,
    Language,
)


class VeraCodeField(serializers.Field):
    """A code-list value as ``{"code": "TEL", "naam": "Telefoon"}``; input may omit ``naam``."""

    def __init__(self, *, names: dict[str, str], **kwargs) -> None:
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


def ref(source: str, *, required: bool = False, help_text: str = "") -> serializers.CharField:
    """A reference: the ``idExtern`` of the related record.

    Always nullable in responses: a record made in Frontlijn itself has no ``idExtern``.
    """
    return serializers.CharField(source=source, required=required, allow_null=True, max_length=64, help_text=help_text)


def text(source: str | None, max_length: int, *, required: bool = False, **kwargs) -> serializers.CharField:
    """A text field; ``source=None`` when the model field has the same name."""
    if source:
        kwargs["source"] = source
    return serializers.CharField(max_length=max_length, required=required, allow_blank=not required, **kwargs)


class VeraSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="Id in Frontlijn.")
    idExtern = serializers.CharField(
        source="id_extern",
        max_length=64,
        allow_null=True,
        required=False,
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
    straatnaam = text("street", 120, required=True)
    huisnummer = serializers.IntegerField(source="house_number", min_value=1, max_value=99999)
    huisletter = text("house_letter", 1)
    huisnummertoevoeging = text("house_number_addition", 4)
    postcode = text(None, 7, required=True)
    woonplaats = text("place", 80, required=True)


class EenheidSerializer(VeraSerializer):
    soort = VeraCodeField(source="kind", names=dict(UNIT_KIND_CHOICES))
    detailSoort = VeraCodeField(source="detail_kind", names=dict(UNIT_DETAIL_CHOICES))
    status = VeraCodeField(names=dict(UNIT_STATUS_CHOICES))
    adres = AdresSerializer(source="*")
    bagId = text("bag_id", 16, help_text="BAG-id van het verblijfsobject (16 cijfers)")
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
    telefoonnummer = text("phone", 20)
    emailadres = text("email", 254)
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
    datum = WallClockDateTimeField(source="occurred_at")
    duur = serializers.IntegerField(source="duration_minutes", min_value=1, max_value=480, help_text="Minuten")
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
