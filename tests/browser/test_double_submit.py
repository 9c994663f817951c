"""Nothing twice in the browser: a double click on "Opslaan" and a re-sent form store one contact."""

import pytest

from frontlijn.contacts.models import ContactMoment
from tests.browser.helpers import open_more
from tests.factories import HouseholdFactory, staff_in


# Two requests at the same moment need two database connections: the live server shares one
# in-memory SQLite connection between its threads (a test-only setup), so this runs on PostgreSQL
# (CI stage 6). On SQLite the re-POST is covered by tests/core/test_idempotency.py.
@pytest.mark.postgresql_only
def test_a_double_click_and_a_resubmit_store_one_contact(phone_page, live_server, login):
    household = HouseholdFactory()
    user = staff_in(household.unit.buurt, username="dubbelklik")
    user.set_password("twee-keer-klikken-1")
    user.save()
    page = phone_page
    login(page, "dubbelklik", "twee-keer-klikken-1")
    page.goto(f"/huishoudens/{household.pk}/contact/")
    key = page.locator("input[name=idempotency_key]").input_value()
    open_more(page)  # duration and subject fold out under "Meer" (doorstep form)
    page.get_by_label("Duur in minuten").fill("5")
    page.get_by_label("Onderwerp").fill("Dubbel geklikt")
    # Send the same form twice at once, as a double click on a slow connection does.
    page.evaluate(
        """async () => {
            const form = document.querySelector('form[data-offline]');
            const send = () => fetch(form.action || location.href, {method: 'POST', body: new FormData(form)});
            await Promise.all([send(), send()]);
        }"""
    )
    page.get_by_role("button", name="Opslaan").dblclick()
    page.wait_for_url(f"**/huishoudens/{household.pk}/")
    assert ContactMoment.objects.filter(subject="Dubbel geklikt").count() == 1
    # The form opened again gets a new key: a second contact is a new record.
    page.goto(f"/huishoudens/{household.pk}/contact/")
    assert page.locator("input[name=idempotency_key]").input_value() != key
