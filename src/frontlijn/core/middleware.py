"""Every page needs a logged-in user, except the few listed here."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# /sw.js, the manifest and /offline/ carry no personal data (the offline app, docs/offline.md).
PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/static/",
    "/i18n/",
    "/health",
    "/r/",
    "/api/",
    "/favicon",
    "/sw.js",
    "/manifest.webmanifest",
    "/offline/",
    "/oidc/",
)


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class BadQueryMiddleware:
    """A query parameter that does not fit (``frontlijn.lib.query.BadQuery``): a 400 page that says
    which one and why, instead of a server error. Works the same with and without DEBUG."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from frontlijn.lib.query import BadQuery

        if not isinstance(exception, BadQuery):
            return None
        template = "core/_bad_query.html" if getattr(request, "htmx", False) else "core/bad_query.html"
        return render(request, template, {"errors": exception.errors}, status=400)
