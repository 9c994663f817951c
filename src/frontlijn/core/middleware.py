"""Project middleware. The login requirement is Django's own LoginRequiredMiddleware (settings.MIDDLEWARE):
public views carry ``@login_not_required``."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Unknown paths under these stay a plain 404 for anonymous callers: files, API clients, residents.
KEEP_NOT_FOUND = ("/static/", "/api/", "/r/")


class UnknownPathLoginMiddleware:
    """Django's LoginRequiredMiddleware looks at the view; a path that matches no view answers 404
    before it. An anonymous visitor gets the login redirect there too, as on every page: no 404 page
    before login (and with DEBUG no list of every URL pattern)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.resolver_match is None
            and not request.user.is_authenticated
            and not request.path.startswith(KEEP_NOT_FOUND)
        ):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return response


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
