"""The housing register: wijk > buurt > complex > unit (eenheid) > household > residents.

Names follow VERA: a complex is a Cluster of soort "complex"; wijk and buurt carry CBS codes
where known; a unit is an Eenheid; a resident is a Relatie (NatuurlijkPersoon); a tenancy is a
Huurovereenkomst. No BSN is ever stored.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from frontlijn.lib import validators, vera
from frontlijn.lib.models import VeraModel
from frontlijn.lib.phone import phone_key
from frontlijn.lib.text import search_key


class SearchKeyQuerySet(models.QuerySet):
    """Fills ``search_key`` on bulk_create too (which skips ``save()``)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.fill_keys()
        return super().bulk_create(objs, *args, **kwargs)


class SearchKeyMixin(models.Model):
    search_key = models.CharField(_("zoeksleutel"), max_length=255, blank=True, editable=False, db_index=True)

    objects = SearchKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        filled = self.fill_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *filled}
        super().save(*args, **kwargs)

    def make_search_key(self) -> str:
        raise NotImplementedError

    def fill_keys(self) -> tuple[str, ...]:
        """Set the derived lookup fields; returns their names."""
        self.search_key = self.make_search_key()
        return ("search_key",)


class Wijk(VeraModel):
    code = models.CharField(_("CBS-wijkcode"), max_length=16, blank=True)
    name = models.CharField(_("naam"), max_length=120)
    place = models.CharField(_("woonplaats"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self) -> str:
        return self.name


class Buurt(VeraModel):
    code = models.CharField(_("CBS-buurtcode"), max_length=16, blank=True)
    name = models.CharField(_("naam"), max_length=120)
    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="buurten", verbose_name=_("wijk"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")

    def __str__(self) -> str:
        return self.name


class Complex(VeraModel):
    """A complex: VERA Cluster with soort complex; lies in one buurt."""

    code = models.CharField(_("complexnummer"), max_length=32)
    name = models.CharField(_("naam"), max_length=120)
    buurt = models.ForeignKey(Buurt, on_delete=models.PROTECT, related_name="complexes", verbose_name=_("buurt"))
    construction_year = models.PositiveSmallIntegerField(_("bouwjaar"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("complex")
        verbose_name_plural = _("complexen")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


UNIT_KIND_CHOICES = [(c.code, c.label) for c in vera.codes("EENHEIDSOORT")]
UNIT_DETAIL_CHOICES = [
    (c.code, c.label)
    for c in vera.codes("EENHEIDDETAILSOORT")
    if c.code in {"BEN", "BOV", "COR", "EIN", "GAL", "HAL", "HOE", "KAM", "MAI", "POF", "POW", "TUS", "VRI"}
]
UNIT_STATUS_CHOICES = [(c.code, c.label) for c in vera.codes("EENHEIDSTATUS")]


class Unit(VeraModel):
    """A rentable unit (VERA Eenheid) with its Dutch address."""

    complex = models.ForeignKey(
        Complex, on_delete=models.PROTECT, null=True, blank=True, related_name="units", verbose_name=_("complex")
    )
    buurt = models.ForeignKey(Buurt, on_delete=models.PROTECT, related_name="units", verbose_name=_("buurt"))
    street = models.CharField(_("straat"), max_length=120)
    house_number = models.PositiveIntegerField(_("huisnummer"), validators=[validators.validate_house_number])
    house_letter = models.CharField(
        _("huisletter"), max_length=1, blank=True, validators=[validators.validate_house_letter]
    )
    house_number_addition = models.CharField(
        _("toevoeging"), max_length=4, blank=True, validators=[validators.validate_house_number_addition]
    )
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validators.validate_postcode])
    place = models.CharField(_("woonplaats"), max_length=80)
    kind = models.CharField(_("soort"), max_length=3, choices=UNIT_KIND_CHOICES, default="WOO")
    detail_kind = models.CharField(_("type woning"), max_length=3, choices=UNIT_DETAIL_CHOICES, blank=True)
    status = models.CharField(_("status"), max_length=3, choices=UNIT_STATUS_CHOICES, default="VEH")
    bag_id = models.CharField(
        _("BAG-id"), max_length=16, blank=True, validators=[validators.validate_bag_id], db_index=True
    )
    construction_year = models.PositiveSmallIntegerField(_("bouwjaar"), null=True, blank=True)

    class Meta:
        ordering = ["postcode", "house_number", "house_letter", "house_number_addition"]
        verbose_name = _("eenheid")
        verbose_name_plural = _("eenheden")
        indexes = [
            models.Index(fields=["postcode", "house_number"], name="unit_postcode_number"),
            models.Index(fields=["street", "house_number"], name="unit_street_number"),
        ]

    def __str__(self) -> str:
        return self.address

    @property
    def house_number_full(self) -> str:
        suffix = self.house_letter
        if self.house_number_addition:
            suffix += f"-{self.house_number_addition}"
        return f"{self.house_number}{suffix}"

    @property
    def address(self) -> str:
        return f"{self.street} {self.house_number_full}, {self.postcode} {self.place}"

    def clean(self) -> None:
        if self.postcode:
            with contextlib.suppress(ValidationError):  # the field validator reports it
                self.postcode = validators.normalise_postcode(self.postcode)
        if self.complex_id and not self.buurt_id and (unit_complex := self.complex) is not None:
            self.buurt_id = unit_complex.buurt_id


class Household(SearchKeyMixin, VeraModel):
    """A household (VERA Relatie of soort huishouden) living in a unit."""

    name = models.CharField(_("naam"), max_length=160)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("huidige eenheid"),
    )
    last_contact_at = models.DateTimeField(_("laatste contact"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.name

    def make_search_key(self) -> str:
        return search_key(self.name)


class Language(models.TextChoices):
    NL = "nl", _("Nederlands")
    EN = "en", _("Engels")
    TR = "tr", _("Turks")
    AR = "ar", _("Arabisch")
    PL = "pl", _("Pools")
    OTHER = "other", _("Anders")


class ContactPreference(models.TextChoices):
    PHONE = "TEL", _("Telefoon")
    EMAIL = "EMA", _("E-mail")
    LETTER = "BRI", _("Brief")
    VISIT = "BEZ", _("Huisbezoek")
    WHATSAPP = "APP", _("WhatsApp")


class Resident(SearchKeyMixin, VeraModel):
    """A resident (VERA Relatie / NatuurlijkPersoon). Only a birth year is kept; never a BSN."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="residents", verbose_name=_("huishouden")
    )
    first_name = models.CharField(_("voornaam"), max_length=80)
    prefix = models.CharField(_("tussenvoegsels"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validators.validate_phone])
    # The number in one lookup form (frontlijn.lib.phone.phone_key), filled on every save.
    phone_key = models.CharField(_("telefoonsleutel"), max_length=20, blank=True, editable=False, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=8, choices=Language.choices, default=Language.NL
    )
    contact_preference = models.CharField(
        _("communicatievoorkeur"), max_length=3, choices=ContactPreference.choices, blank=True
    )
    is_main_tenant = models.BooleanField(_("hoofdhuurder"), default=False)

    class Meta:
        ordering = ["-is_main_tenant", "last_name", "first_name"]
        verbose_name = _("bewoner")
        verbose_name_plural = _("bewoners")
        indexes = [
            models.Index(fields=["last_name"], name="resident_last_name"),
            models.Index(Lower("email"), name="resident_email_lower"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def fill_keys(self) -> tuple[str, ...]:
        self.phone_key = phone_key(self.phone)
        return (*super().fill_keys(), "phone_key")

    @property
    def initials_or_first_name(self) -> str:
        """What a search result shows of a resident: the first name, else the initial."""
        return self.first_name or (f"{self.last_name[:1]}." if self.last_name else "")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.prefix, self.last_name) if p)

    def make_search_key(self) -> str:
        return search_key(self.first_name, self.prefix, self.last_name)


class Tenancy(VeraModel):
    """A tenancy (VERA Huurovereenkomst): which household lives in which unit since when."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="tenancies", verbose_name=_("huishouden")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="tenancies", verbose_name=_("eenheid"))
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("huurovereenkomst")
        verbose_name_plural = _("huurovereenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="tenancy_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.household} – {self.unit} ({self.start_date})"


class HomeSeeker(SearchKeyMixin, VeraModel):
    """A home seeker (woningzoekende) registered with the association."""

    registration_number = models.CharField(_("inschrijfnummer"), max_length=32, unique=True)
    first_name = models.CharField(_("voornaam"), max_length=80)
    prefix = models.CharField(_("tussenvoegsels"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=120)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    phone = models.CharField(_("telefoon"), max_length=20, blank=True, validators=[validators.validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    registered_on = models.DateField(_("ingeschreven op"))
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="home_seekers",
        verbose_name=_("huidig huishouden (doorstromer)"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("woningzoekende")
        verbose_name_plural = _("woningzoekenden")

    def __str__(self) -> str:
        return " ".join(p for p in (self.first_name, self.prefix, self.last_name) if p)

    def make_search_key(self) -> str:
        return search_key(self.first_name, self.prefix, self.last_name)
