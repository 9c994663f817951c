import pytest

from frontlijn.lib import phone


@pytest.mark.parametrize(
    "written",
    [
        "06-12345678",
        "+31 6 1234 5678",
        "0031612345678",
        "0612345678",
        "06 12 34 56 78",
        "+31 (0)6 12345678",
        "31612345678",
        "(06) 1234-5678",
    ],
)
def test_every_writing_of_a_dutch_number_has_one_key(written):
    assert phone.phone_key(written) == "612345678"


def test_landline_and_foreign_numbers():
    assert phone.phone_key("020 - 123 45 67") == "201234567"
    assert phone.phone_key("+32 470 12 34 56") == "0032470123456"
    assert phone.phone_key("") == ""


def test_a_fragment_is_not_a_whole_number():
    assert not phone.is_whole_number(phone.phone_key("06-1234567"))
    assert phone.is_whole_number(phone.phone_key("06-12345678"))


def test_looks_like_phone_leaves_postcodes_and_names_alone():
    assert phone.looks_like_phone("06 1234 5678")
    assert not phone.looks_like_phone("1234 AB 12")
    assert not phone.looks_like_phone("12")
    assert not phone.looks_like_phone("Jansen")


def test_keyed_hash_and_mask_do_not_contain_the_number():
    digest = phone.keyed_hash("telefoon", "612345678")
    assert "612345678" not in digest and digest == phone.keyed_hash("telefoon", "612345678")
    assert digest != phone.keyed_hash("telefoon", "612345679")
    assert phone.mask("612345678") == "•••••••78"
