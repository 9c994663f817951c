"""The one check for every ``next`` redirect: only to this site, never off-site (open redirect)."""

from __future__ import annotations

from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, url: str | None, default: str) -> str:
    """``url`` when it points to this site (same host, http(s) only), else ``default`` resolved.

    ``default`` may be a URL or a URL name, as for :func:`django.shortcuts.redirect`.
    """
    if (
        url
        and url.startswith(("/", "http://", "https://"))  # a path or a URL: never a URL name ("0")
        and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    ):
        return url
    return resolve_url(default)


def next_param(request, field: str = "next") -> str | None:
    """The ``next`` of the POST data, else of the query string (unchecked: pass it to safe_next)."""
    return request.POST.get(field) or request.GET.get(field)


def redirect_next(request, default: str, *, field: str = "next"):
    """Redirect to the ``next`` of the POST (or GET) data when it is safe, else to ``default``."""
    return redirect(safe_next(request, next_param(request, field), default))
