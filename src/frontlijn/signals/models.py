"""Signals (signalen): what front staff notice, placed on an area, themed, and always answered.

Lifecycle: nieuw -> opgepakt -> one of {actie ondernomen, meegenomen in plan, geparkeerd} ->
teruggekoppeld. A signal reaches "teruggekoppeld" only together with a feedback message to the
person who raised it (see ``services.signal_close``).

Not to be confused with VERA's Signalering (a flag on a person); themes map to VERA codes
(ZAAKTYPEDETAILSOORT, SIGNALERINGSOORT) where one fits.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from frontlijn.lib.models import VeraModel


class Theme(models.Model):
    """A configurable theme; the default taxonomy is created by a data migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("naam"), max_length=120)
    vera_soort = models.CharField(_("VERA-lijst"), max_length=40, blank=True)
    vera_code = models.CharField(_("VERA-code"), max_length=8, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["order", "label"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The label in the user's language: the default themes are in the gettext catalog; a
        theme an association added itself shows as it was typed."""
        return theme_name(self.label)


def theme_name(label: str) -> str:
    return gettext(label) if label else label


class Status(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    PICKED_UP = "opgepakt", _("Opgepakt")
    ACTION = "actie", _("Actie ondernomen")
    PLAN = "plan", _("Meegenomen in plan")
    PARKED = "geparkeerd", _("Geparkeerd")
    ANSWERED = "teruggekoppeld", _("Teruggekoppeld")


OUTCOMES = (Status.ACTION, Status.PLAN, Status.PARKED)
OPEN_STATUSES = (Status.NEW, Status.PICKED_UP)


class Urgency(models.TextChoices):
    LOW = "laag", _("Kan wachten")
    NORMAL = "normaal", _("Normaal")
    HIGH = "hoog", _("Snel oppakken")


class Sensitivity(models.TextChoices):
    PLACE = "plek", _("Over een plek")
    PERSON = "persoon", _("Over een persoon of huishouden")


class Signal(VeraModel):
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signals_raised", verbose_name=_("gemeld door")
    )
    contact_moment = models.ForeignKey(
        "contacts.ContactMoment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("contactmoment"),
    )
    household = models.ForeignKey(
        "register.Household",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("huishouden"),
    )
    # Placement: the most precise of unit / complex / buurt / wijk; buurt and wijk are derived
    # from it and drive scoping and aggregation.
    unit = models.ForeignKey(
        "register.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("eenheid"),
    )
    complex = models.ForeignKey(
        "register.Complex",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("complex"),
    )
    buurt = models.ForeignKey(
        "register.Buurt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("buurt"),
    )
    wijk = models.ForeignKey("register.Wijk", on_delete=models.PROTECT, related_name="signals", verbose_name=_("wijk"))
    text = models.TextField(_("wat viel op"))
    themes = models.ManyToManyField(Theme, related_name="signals", verbose_name=_("thema's"))
    urgency = models.CharField(_("urgentie"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    sensitivity = models.CharField(
        _("gevoeligheid"), max_length=8, choices=Sensitivity.choices, default=Sensitivity.PLACE
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    outcome = models.CharField(_("uitkomst"), max_length=16, choices=[(s.value, s.label) for s in OUTCOMES], blank=True)
    park_reason = models.TextField(_("reden om te parkeren"), blank=True)
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals_picked_up",
        verbose_name=_("opgepakt door"),
    )
    picked_up_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    # What the handler wrote to the raiser when picking the signal up (their own words, see feedback.py).
    picked_up_note = models.TextField(_("bericht bij oppakken"), blank=True)
    plan_title = models.CharField(_("plan"), max_length=200, blank=True)
    plan_url = models.CharField(_("link naar plan"), max_length=300, blank=True)
    # The plan the signal was taken into ("meegenomen in plan"): its decision reaches the raiser.
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="taken_signals",
        verbose_name=_("plan"),
    )
    feedback = models.TextField(_("terugkoppeling"), blank=True)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals_answered",
        verbose_name=_("teruggekoppeld door"),
    )
    feedback_at = models.DateTimeField(_("teruggekoppeld op"), null=True, blank=True)
    suggested = models.JSONField(_("voorgestelde thema's"), default=list, blank=True)
    classifier_version = models.PositiveIntegerField(_("modelversie"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["buurt", "status"], name="signal_buurt_status"),
            models.Index(fields=["wijk", "created_at"], name="signal_wijk_created"),
            models.Index(fields=["status", "created_at"], name="signal_status_created"),
            models.Index(fields=["raised_by", "-created_at"], name="signal_raiser_created"),
            # The dashboard's month figures: signals raised and answered per month.
            models.Index(fields=["created_at"], name="signal_created"),
            models.Index(fields=["feedback_at"], name="signal_feedback_at"),
        ]

    def __str__(self) -> str:
        return f"{_('Signaal')} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_person_level(self) -> bool:
        return self.sensitivity == Sensitivity.PERSON

    @property
    def place_label(self) -> str:
        if self.unit is not None:
            return self.unit.address
        if self.complex_id:
            return str(self.complex)
        if self.buurt_id:
            return str(self.buurt)
        return str(self.wijk)


def photo_upload_to(instance, filename: str) -> str:
    # The name never carries what the user called the file (it may hold a name or address).
    import uuid

    return f"signals/{instance.signal_id or 'new'}/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


class SignalPhoto(models.Model):
    """A photo with a signal: re-encoded without EXIF/GPS; served only through a scoped view."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="photos", verbose_name=_("signaal"))
    image = models.FileField(_("foto"), upload_to=photo_upload_to)
    content_type = models.CharField(_("type"), max_length=40)
    width = models.PositiveIntegerField(_("breedte"))
    height = models.PositiveIntegerField(_("hoogte"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")

    def __str__(self) -> str:
        return f"{_('Foto')} #{self.pk}"


class StaffCorrection(models.Model):
    """A staff member chose other themes than the classifier's best guess: training data."""

    signal = models.ForeignKey(
        Signal, on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections", verbose_name=_("signaal")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("medewerker")
    )
    text = models.TextField(_("tekst"))
    suggested_code = models.CharField(_("voorgesteld thema"), max_length=40, blank=True)
    chosen_code = models.CharField(_("gekozen thema"), max_length=40)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")

    def __str__(self) -> str:
        return f"{self.suggested_code} -> {self.chosen_code}"


class ClassifierModel(models.Model):
    """A trained theme classifier: version, the evaluation it passed, and the model itself."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    active = models.BooleanField(_("actief"), default=False)
    metrics = models.JSONField(_("evaluatie"), default=dict)
    n_train = models.PositiveIntegerField(_("aantal trainingsteksten"), default=0)
    n_corrections = models.PositiveIntegerField(_("aantal correcties"), default=0)
    blob = models.BinaryField(_("model"))
    # Set when a text it was trained on was erased (AVG art. 17): the model is emptied and never used.
    retired_at = models.DateTimeField(_("buiten gebruik sinds"), null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("classificatiemodel")
        verbose_name_plural = _("classificatiemodellen")

    def __str__(self) -> str:
        return f"v{self.version}"


from frontlijn.signals.models_patterns import (  # noqa: E402, F401  (models split over modules)
    Pattern,
    PatternLevel,
    PatternOutcome,
    PatternSignal,
    PatternStatus,
)
