"""The public feedback page under /r/: no account, works on a cheap phone, no JavaScript."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from frontlijn.feedback import services
from frontlijn.feedback.forms import FeedbackForm
from frontlijn.lib.forms import add_service_error

UNAVAILABLE_STATUS = {"unknown": 404, "used": 410, "expired": 410}


def _no_referrer(response):
    # The token is in the URL: never send it to another site (same-origin keeps the Origin header CSRF needs).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _unavailable(request, reason: str):
    response = render(request, "feedback/unavailable.html", {"reason": reason}, status=UNAVAILABLE_STATUS[reason])
    return _no_referrer(response)


@login_not_required
@never_cache
@csrf_protect
def answer(request, token: str):
    if request.user.is_authenticated:
        # Staff may not fill in or collect answers for residents (sector validation rule).
        return _no_referrer(render(request, "feedback/staff_refused.html", status=403))
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnavailable as exc:
        return _unavailable(request, exc.reason)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feedback_submit(
                token=token,
                grade=data["grade"],
                heard=data["heard"],
                promise_kept=data["promise_kept"],
                comment=data["comment"],
                pass_compliment=data["pass_compliment"],
                contact_opt_in=data["contact_opt_in"],
            )
        except services.InvitationUnavailable as exc:
            return _unavailable(request, exc.reason)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            return redirect("feedback:thanks")
    has_staff = invitation.staff_id is not None
    context = {"form": form, "has_staff": has_staff, "about": services.invitation_about(invitation)}
    return _no_referrer(render(request, "feedback/answer.html", context))


@login_not_required
def thanks(request):
    return _no_referrer(render(request, "feedback/thanks.html"))
