"""Data-subject rights (AVG art. 15 and 17): export everything about a resident; erase on request.

Other apps add their data about a household with :func:`register_exporter` and
:func:`register_eraser` (in ``AppConfig.ready``). Erasure pseudonymises: counts, durations,
dates, channels and areas stay (so statistics stay correct); names, texts and the link to the
person go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db import transaction

from frontlijn.cases.models import Case
from frontlijn.contacts.models import ContactMoment, Promise
from frontlijn.lib import clock
from frontlijn.privacy import audit
from frontlijn.privacy.models import AuditAction
from frontlijn.register.models import HomeSeeker, Household, Resident

if TYPE_CHECKING:
    from frontlijn.teams.models import User

ERASED = "[verwijderd]"
Exporter = Callable[[Any], dict[str, list[dict]]]  # household -> {section: rows}
Eraser = Callable[[Any], dict[str, int]]  # household -> {what: count}
_exporters: list[Exporter] = []
_erasers: list[Eraser] = []


def register_exporter(fn: Exporter) -> None:
    if fn not in _exporters:
        _exporters.append(fn)


def register_eraser(fn: Eraser) -> None:
    if fn not in _erasers:
        _erasers.append(fn)


def _dt(value) -> str | None:
    return value.isoformat() if value else None


def resident_export(*, resident) -> dict:
    """Everything Frontlijn holds about a resident and their household, as JSON-ready data."""
    household = resident.household
    data: dict[str, Any] = {
        "exported_at": clock.now().isoformat(),
        "bewoner": {
            "id": resident.pk,
            "voornaam": resident.first_name,
            "tussenvoegsels": resident.prefix,
            "achternaam": resident.last_name,
            "geboortejaar": resident.birth_year,
            "telefoon": resident.phone,
            "email": resident.email,
            "voorkeurstaal": resident.preferred_language,
            "communicatievoorkeur": resident.contact_preference,
            "hoofdhuurder": resident.is_main_tenant,
        },
        "huishouden": {
            "id": household.pk,
            "naam": household.name,
            "adres": household.unit.address if household.unit_id else None,
            "laatste_contact": _dt(household.last_contact_at),
        },
        "huurovereenkomsten": [
            {"eenheid": t.unit.address, "ingangsdatum": _dt(t.start_date), "einddatum": _dt(t.end_date)}
            for t in household.tenancies.select_related("unit")
        ],
        "contactmomenten": [
            {
                "datum": _dt(c.occurred_at),
                "kanaal": c.get_channel_display(),
                "richting": c.get_direction_display(),
                "duur_minuten": c.duration_minutes,
                "onderwerp": c.subject,
                "afgehandeld": c.process_note,
                "verder_dan_het_proces": c.beyond_note,
                "labels": c.beyond_tag_labels(),
                "medewerker": str(c.staff),
            }
            for c in household.contact_moments.select_related("staff").order_by("occurred_at")
        ],
        "zaken": [
            {
                "id": c.pk,
                "soort": c.get_case_type_display(),
                "status": c.status_name,
                "omschrijving": c.description,
                "registratiedatum": _dt(c.registered_on),
                "afgesloten": _dt(c.closed_on),
            }
            for c in household.cases.order_by("registered_on")
        ],
        "afspraken": [
            {"omschrijving": p.description, "uiterlijk": _dt(p.due_date), "status": p.get_status_display()}
            for p in household.promises.order_by("due_date")
        ],
        "woningzoekende": [
            {"inschrijfnummer": h.registration_number, "naam": str(h), "ingeschreven": _dt(h.registered_on)}
            for h in household.home_seekers.all()
        ],
    }
    for exporter in _exporters:
        data.update(exporter(household))
    return data


def resident_export_pdf(*, resident) -> bytes:
    """The same export as a readable PDF (fpdf2, DejaVu Sans from :mod:`frontlijn.lib.pdf`)."""
    from frontlijn.lib.pdf import FAMILY, new_pdf

    data = resident_export(resident=resident)

    def text(value) -> str:
        return str(value if value not in (None, "") else "—")

    pdf = new_pdf()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.multi_cell(0, 10, text("Inzage persoonsgegevens - Frontlijn"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.multi_cell(0, 6, text(f"Opgesteld op {data['exported_at'][:16]}"), new_x="LMARGIN", new_y="NEXT")
    for section, content in data.items():
        if section == "exported_at":
            continue
        pdf.ln(3)
        pdf.set_font(FAMILY, "B", 12)
        pdf.multi_cell(0, 8, text(section.replace("_", " ").capitalize()), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 10)
        rows = content if isinstance(content, list) else [content]
        if not rows:
            pdf.multi_cell(0, 6, text("Geen gegevens."), new_x="LMARGIN", new_y="NEXT")
        for row in rows:
            for key, value in row.items():
                if isinstance(value, list):
                    value = ", ".join(str(v) for v in value)
                pdf.multi_cell(0, 6, text(f"{key.replace('_', ' ')}: {text(value)}"), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


@transaction.atomic
def resident_erase(*, user: User, resident, reason: str) -> dict[str, int]:
    """Pseudonymise a resident. When no other resident remains in the household, erase the
    household's texts too: contact moments, cases and promises keep their counts, durations,
    dates and unit (for statistics) but lose their texts and the link to the household."""
    household = Household.objects.select_for_update().get(pk=resident.household_id)
    counts: dict[str, int] = {}
    counts["bewoners"] = Resident.objects.filter(pk=resident.pk).update(
        first_name="", prefix="", last_name=ERASED, birth_year=None, phone="", phone_key="", email="", id_extern=None
    )
    remaining = household.residents.exclude(last_name=ERASED).exists()
    if not remaining:
        counts["contactmomenten"] = ContactMoment.objects.filter(household=household).update(
            household=None, subject="", process_note="", beyond_note="", beyond_tags=[], updated_at=clock.now()
        )
        counts["zaken"] = Case.objects.filter(household=household).update(
            household=None, description=ERASED, updated_at=clock.now()
        )
        counts["afspraken"] = Promise.objects.filter(household=household).update(
            household=None, description=ERASED, updated_at=clock.now()
        )
        counts["woningzoekenden"] = HomeSeeker.objects.filter(household=household).update(
            first_name="", prefix="", last_name=ERASED, phone="", email="", birth_year=None, household=None
        )
        for eraser in _erasers:
            counts.update(eraser(household))
        household.name = f"{ERASED} #{household.pk}"
        household.id_extern = None
        household.save(update_fields=["name", "id_extern", "updated_at"])
    audit.record(
        user=user,
        action=AuditAction.ERASE,
        object_type="register.resident",
        object_id=resident.pk,
        household_id=household.pk,
        reason=reason,
        detail=counts,
    )
    return counts


# Built-in exporters and erasers for the apps that hold data about a household next to the
# register: person-level signals and opted-in resident feedback. Registered in GdprConfig.ready.


def signals_export(household) -> dict[str, list[dict]]:
    from frontlijn.signals.models import Signal

    return {
        "signalen": [
            {
                "datum": _dt(s.created_at),
                "wat_viel_op": s.text,
                "themas": [str(t) for t in s.themes.all()],
                "status": s.get_status_display(),
                "terugkoppeling": s.feedback,
            }
            for s in Signal.objects.filter(household=household).prefetch_related("themes").order_by("created_at")
        ]
    }


def signals_erase(household) -> dict[str, int]:
    """Person-level signals keep their place, themes and dates (area statistics) but lose the text,
    photos and the link to the household. Every copy of the text goes too: the staff corrections
    kept as training data and the classifier versions trained on them (retired; retrained)."""
    from frontlijn.signals.models import Signal, SignalPhoto
    from frontlijn.signals.services import classifier_forget

    ids_texts = list(Signal.objects.filter(household=household).values_list("pk", "text"))
    forgotten = classifier_forget(signal_ids=[pk for pk, _t in ids_texts], texts=[t for _pk, t in ids_texts])
    photos = SignalPhoto.objects.filter(signal__household=household)
    for photo in photos:
        photo.image.delete(save=False)
    photo_count, _ = photos.delete()
    count = Signal.objects.filter(household=household).update(
        household=None, text=ERASED, feedback="", park_reason="", updated_at=clock.now()
    )
    return {"signalen": count, "fotos": photo_count, **forgotten}


def feedback_export(household) -> dict[str, list[dict]]:
    from frontlijn.feedback.models import FeedbackResponse

    return {
        "reacties": [
            {"maand": _dt(r.period), "cijfer": r.grade, "gehoord": r.get_heard_display(), "toelichting": r.comment}
            for r in FeedbackResponse.objects.filter(household=household).order_by("period")
        ]
    }


def feedback_erase(household) -> dict[str, int]:
    """Answers stay anonymous in the figures; the comment and the link to the household go."""
    from frontlijn.feedback.models import FeedbackInvitation, FeedbackResponse

    count = FeedbackResponse.objects.filter(household=household).update(
        household=None, comment="", contact_opt_in=False
    )
    FeedbackInvitation.objects.filter(household=household).update(household=None, contact_moment=None)
    return {"reacties": count}


def register_builtin() -> None:
    from django.apps import apps

    if apps.is_installed("frontlijn.signals"):
        register_exporter(signals_export)
        register_eraser(signals_erase)
    if apps.is_installed("frontlijn.feedback"):
        register_exporter(feedback_export)
        register_eraser(feedback_erase)
