"""On a phone: open the feedback link from the e-mail, answer, see it counted on the dashboard;
download the XLSX and the PDF and check they open and hold the figures."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core import mail
from django.utils import timezone

from frontlijn.contacts.services import contact_moment_create
from frontlijn.teams.models import Role
from tests.factories import HouseholdFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def invitation_link(transactional_db):
    household = HouseholdFactory()
    ResidentFactory(household=household, email="bewoner@example.org")
    team = TeamFactory(name="Team Noord", buurten=[household.unit.buurt])
    staff = UserFactory(role=Role.WIJKBEHEERDER, teams=[team])
    contact_moment_create(
        staff=staff,
        channel="BEZ",
        direction="PRO",
        occurred_at=timezone.now() - dt.timedelta(minutes=10),
        duration_minutes=25,
        household=household,
        subject="Huisbezoek",
        beyond_note="Meneer zit veel alleen thuis.",
    )
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/r/" in word)
    return link.split("localhost:8000", 1)[-1]


def test_resident_answers_on_a_phone_and_the_dashboard_counts_it(
    phone_page,
    live_server,
    invitation_link,
    login,
    assert_accessible,
    tmp_path,
):
    page = phone_page
    page.goto(invitation_link)
    assert page.get_by_role("heading", level=1).inner_text() == "Hoe was uw contact met ons?"
    assert_accessible(page)
    # Submitting empty keeps the page with a Dutch message.
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    assert "Kies een cijfer van 1 tot en met 10." in page.content()
    page.get_by_label("9", exact=True).check()
    page.get_by_role("group", name="Voelde u zich gehoord?").get_by_label("Ja").check()
    page.get_by_role("group", name="Is gedaan wat is afgesproken?").get_by_label("Ja").check()
    page.get_by_label("Wilt u nog iets kwijt? (niet verplicht)").fill("Fijn dat u even langs kwam.")
    page.get_by_role("button", name="Verstuur mijn antwoord").click()
    page.wait_for_url("**/r/bedankt/")
    assert "Bedankt voor uw antwoord" in page.content()
    # The link is single use.
    page.goto(invitation_link)
    assert "Deze link werkt niet meer" in page.content()

    UserFactory(username="bestuurder", role=Role.MANAGER, password=PASSWORD)
    login(page, "bestuurder", PASSWORD)
    # The answer is of the running month: the dashboard shows it apart, never as the headline
    # (the headline is the last complete month, which has no answers); asking for the running
    # month by name gives the same page.
    for url in ("/dashboard/", f"/dashboard/?month={timezone.localdate():%Y-%m}"):
        page.goto(url)
        assert page.locator('.kpi[data-key="resident_grade"]').inner_text() == "–"
        assert "9,0" in page.locator('p.running[data-running="resident_grade"]').inner_text()
        assert "100,0%" in page.locator('p.running[data-running="heard_share"]').inner_text()
    assert page.locator('#fig-resident_grade svg[role="img"] title').count() == 1
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download Excel").click()
    xlsx = tmp_path / "dashboard.xlsx"
    download_info.value.save_as(xlsx)
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.read_bytes()))["Cijfers"].iter_rows(values_only=True))
    this_month = f"{timezone.localdate():%Y-%m}"
    grade = next(r for r in rows if r[2] == "resident_grade" and r[4] == this_month)
    assert grade[5] == 9
    assert "lopende maand" in load_workbook(io.BytesIO(xlsx.read_bytes()))["Overzicht"]["A2"].value

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Maandrapport (PDF)").click()
    pdf = tmp_path / "rapport.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Rapportcijfer van bewoners" in text and "9,0" in text
