"""The contact form reuses the HTML of its fixed fields while empty: the output must not change."""

import pytest
from django import forms
from django.utils import translation

from frontlijn.contacts.forms import ContactMomentForm, UnboundHtmlCache
from tests.factories import CaseFactory, HouseholdFactory


class PlainForm(ContactMomentForm):
    """The same form rendering every field itself."""

    bound_field_class = forms.BoundField


def render_all(form) -> list[str]:
    # The idempotency key is a fresh UUID per form by design (never cached): compared apart.
    fields = [name for name in form.fields if name != "idempotency_key"]
    return [str(form[name].as_field_group()) + str(form[name]) + str(form[name].errors) for name in fields]


@pytest.fixture(autouse=True)
def empty_cache():
    UnboundHtmlCache._html.clear()
    yield
    UnboundHtmlCache._html.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_cached_html_equals_freshly_rendered_html_in_each_language(language):
    case = CaseFactory(household=HouseholdFactory())
    with translation.override(language):
        first = render_all(ContactMomentForm(cases=[case]))
        again = render_all(ContactMomentForm(cases=[case]))
        plain = render_all(PlainForm(cases=[case]))
    assert first == again == plain
    assert UnboundHtmlCache._html  # the fixed fields were kept


def test_each_language_gets_its_own_html():
    with translation.override("nl"):
        dutch = str(ContactMomentForm()["channel"].as_field_group())
    with translation.override("en"):
        english = str(ContactMomentForm()["channel"].as_field_group())
    assert "Kanaal" in dutch
    assert "Channel" in english


def test_a_bound_form_shows_what_was_typed_and_its_errors_not_the_cached_empty_field():
    ContactMomentForm()["duration_minutes"].as_field_group()  # fills the cache
    form = ContactMomentForm({"duration_minutes": "abc", "subject": "Lekkage"})
    assert not form.is_valid()
    html = str(form["duration_minutes"].as_field_group())
    assert 'value="abc"' in html
    assert "Vul de duur in als een heel getal minuten." in html
    assert 'value="Lekkage"' in str(form["subject"])


def test_fields_with_per_request_content_are_never_reused():
    first = ContactMomentForm(cases=[])
    str(first["case"].as_field_group())
    str(first["occurred_at"].as_field_group())
    assert not any(key[1] in ("case", "occurred_at") for key in UnboundHtmlCache._html)


def test_an_initial_value_given_by_the_caller_is_rendered_not_the_cached_default():
    str(ContactMomentForm()["channel"])
    assert 'value="BEZ" selected' in str(ContactMomentForm(initial={"channel": "BEZ"})["channel"])
