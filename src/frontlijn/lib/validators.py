"""Dutch address validation: postcode, house number, addition, BAG id."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
# Letter combinations PostNL never issues.
FORBIDDEN_POSTCODE_LETTERS = {"SA", "SD", "SS"}


def normalise_postcode(value: str) -> str:
    """'1234ab' / '1234 AB' -> '1234 AB'. Raises ValidationError when it is not a Dutch postcode."""
    match = POSTCODE_RE.match((value or "").strip())
    if not match or match.group(2).upper() in FORBIDDEN_POSTCODE_LETTERS:
        raise ValidationError(
            _("Dit is geen geldige postcode. Een postcode heeft vier cijfers en twee letters, bijvoorbeeld 1234 AB."),
            code="invalid_postcode",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value: str) -> None:
    normalise_postcode(value)


def validate_house_number(value: int) -> None:
    if value is None or not 1 <= int(value) <= 99999:
        raise ValidationError(_("Een huisnummer is een getal van 1 tot en met 99999."), code="invalid_house_number")


HOUSE_LETTER_RE = re.compile(r"^[A-Za-z]$")
ADDITION_RE = re.compile(r"^[A-Za-z0-9]{1,4}$")


def validate_house_letter(value: str) -> None:
    if value and not HOUSE_LETTER_RE.match(value):
        raise ValidationError(_("Een huisletter is één letter, bijvoorbeeld A."), code="invalid_house_letter")


def validate_house_number_addition(value: str) -> None:
    if value and not ADDITION_RE.match(value):
        raise ValidationError(
            _("Een toevoeging heeft hoogstens vier letters of cijfers, bijvoorbeeld 2 of III."),
            code="invalid_addition",
        )


BAG_ID_RE = re.compile(r"^[0-9]{16}$")


def validate_bag_id(value: str) -> None:
    """A BAG verblijfsobject id has 16 digits: 4 for the municipality, '01', then 10 digits."""
    if value and (not BAG_ID_RE.match(value) or value[4:6] != "01"):
        raise ValidationError(
            _("Een BAG-id van een verblijfsobject heeft 16 cijfers, met 01 op plaats 5 en 6."), code="invalid_bag_id"
        )


PHONE_RE = re.compile(r"^\+?[0-9 ()-]{8,20}$")


def validate_phone(value: str) -> None:
    if value and not PHONE_RE.match(value):
        raise ValidationError(
            _("Dit is geen geldig telefoonnummer. Gebruik cijfers, bijvoorbeeld 06 12345678."), code="invalid_phone"
        )


# Anything that looks like a BSN (9 digits passing the elfproef) must never be stored.
_NINE_DIGITS = re.compile(r"(?<!\d)(\d{9})(?!\d)")


def is_bsn(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"


def validate_no_bsn(value: str) -> None:
    """Reject free text that contains a BSN: Frontlijn never stores one."""
    for match in _NINE_DIGITS.finditer(value or ""):
        if is_bsn(match.group(1)):
            raise ValidationError(
                _("Deze tekst lijkt een BSN te bevatten. Frontlijn slaat nooit een BSN op: haal het nummer weg."),
                code="bsn",
            )
