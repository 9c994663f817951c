import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from frontlijn.lib import validators


@pytest.mark.parametrize(("raw", "expected"), [("1234ab", "1234 AB"), ("1234 AB", "1234 AB"), (" 9999zz ", "9999 ZZ")])
def test_postcode_is_normalised(raw, expected):
    assert validators.normalise_postcode(raw) == expected


@pytest.mark.parametrize("raw", ["0123 AB", "123 AB", "12345", "1234 A", "1234 SS", "1234 SA", "ABCD 12", ""])
def test_wrong_postcode_gets_a_dutch_message(raw):
    with pytest.raises(ValidationError) as exc:
        validators.normalise_postcode(raw)
    assert "geen geldige postcode" in exc.value.messages[0]


@given(
    st.integers(min_value=1000, max_value=9999),
    st.sampled_from("ABCDEFGHJKLMNPRTUVWXYZ"),
    st.sampled_from("ABCDEFGHJKLMNPRTUVWXYZ"),
)
def test_every_well_formed_postcode_round_trips(number, a, b):
    assert validators.normalise_postcode(f"{number}{a}{b}".lower()) == f"{number} {a}{b}"


@pytest.mark.parametrize("value", [0, -1, 100000])
def test_house_number_out_of_range(value):
    with pytest.raises(ValidationError):
        validators.validate_house_number(value)


def test_house_number_addition_rules():
    validators.validate_house_number_addition("III")
    validators.validate_house_number_addition("2")
    with pytest.raises(ValidationError):
        validators.validate_house_number_addition("2-hoog")


def test_bag_id_needs_sixteen_digits_with_object_type_01():
    validators.validate_bag_id("0363010000123456")
    for wrong in ("036301000012345", "0363020000123456", "03630100001234ab"):
        with pytest.raises(ValidationError):
            validators.validate_bag_id(wrong)


def test_text_with_a_bsn_is_refused():
    # 111222333 passes the elfproef; 123456789 does not.
    assert validators.is_bsn("111222333")
    assert not validators.is_bsn("123456788")
    with pytest.raises(ValidationError) as exc:
        validators.validate_no_bsn("Haar BSN is 111222333, zei ze.")
    assert "BSN" in exc.value.messages[0]
    validators.validate_no_bsn("Klantnummer 123456788 en telefoon 0612345678")
