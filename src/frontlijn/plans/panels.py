"""Home-page panel: rounds waiting for this person's input, and (for plan owners) inputs
waiting for their answer."""

from __future__ import annotations

from frontlijn.plans import selectors


def at_the_table(request):
    user = request.user
    if not user.is_authenticated:
        return None
    invitations = list(selectors.open_invitations_for(user=user)[:5])
    to_answer = list(selectors.plans_with_unanswered_inputs(user=user)[:5])
    if not invitations and not to_answer:
        return None
    return "plans/_home_panel.html", {"invitations": invitations, "to_answer": to_answer}
