"""Home-page panel ("Mijn dag") for whoever logs contacts: the search box, open promises and cases
in one list, most urgent first, and the person's own latest contacts."""

from __future__ import annotations

from django.db.models import F

from frontlijn.cases.selectors import case_list_for_user
from frontlijn.contacts.selectors import contact_moment_list, promise_list_open_for
from frontlijn.lib import clock
from frontlijn.privacy import scoping


def my_day_urgent(*, promises, cases, today) -> list[dict]:
    """ "Mijn dag": open promises and cases in one list, most urgent first — the latest overdue
    at the top, then what is due today, then by date; cases without a target date last."""
    items = [{"kind": "promise", "obj": p, "day": p.due_date} for p in promises]
    items += [{"kind": "case", "obj": c, "day": c.target_date} for c in cases]
    items.sort(key=lambda i: (i["day"] is None, i["day"] or today, i["kind"] != "promise", i["obj"].pk))
    return items


def my_day(request):
    user = request.user
    if not scoping.can_log_contacts(user):
        return None
    today = clock.today()
    promises = list(promise_list_open_for(user=user)[:10])
    # Only the rows the lists show: a case's address, a contact's household.
    cases = list(
        case_list_for_user(user=user)
        .select_related(None)
        .select_related("unit")
        .order_by(F("target_date").asc(nulls_last=True), "id")[:10]
    )
    recent_contacts = list(
        contact_moment_list(user=user)
        .select_related(None)
        .select_related("household")
        .filter(staff=user)
        .order_by("-occurred_at")[:5]
    )
    return "contacts/_my_day_panel.html", {
        "today": today,
        "overdue_count": sum(1 for p in promises if p.due_date < today),
        "urgent": my_day_urgent(promises=promises, cases=cases, today=today),
        "recent_contacts": recent_contacts,
    }
