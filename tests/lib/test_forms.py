from django import forms
from django.core.exceptions import ValidationError

from frontlijn.lib.forms import add_service_error, service_errors


class _Form(forms.Form):
    title = forms.CharField(required=False)


def _bound():
    form = _Form({"title": "x"})
    assert form.is_valid()
    return form


def test_field_messages_go_on_the_field_the_rest_above_the_form():
    form = _bound()
    add_service_error(form, ValidationError({"title": ["Te lang."], "unknown": ["Anders."], "__all__": ["Fout."]}))
    assert form.errors["title"] == ["Te lang."]
    assert form.non_field_errors() == ["Anders.", "Fout."]
    assert "title" not in form.cleaned_data


def test_plain_messages_are_non_field_errors():
    form = _bound()
    add_service_error(form, ValidationError(["Een.", "Twee."]))
    assert form.non_field_errors() == ["Een.", "Twee."]
    assert service_errors(ValidationError("Drie.")) == {"__all__": ["Drie."]}
