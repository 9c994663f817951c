"""The browsable API docs (Swagger UI, Redoc), served from the sidecar package: no CDN.

The app's CSP forbids inline scripts and styles; these two vendor pages need them (Redoc also
starts a worker from a blob). They get their own policy, still limited to this server.
"""

from __future__ import annotations

import re

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class _DocsPolicy:
    """Open to anyone (``permission_classes`` on each view), with the docs' own CSP."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class SwaggerDocsView(_DocsPolicy, SpectacularSwaggerView):
    permission_classes = [AllowAny]


class RedocDocsView(_DocsPolicy, SpectacularRedocView):
    permission_classes = [AllowAny]
    template_name = "api/redoc.html"


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema. ``?version=`` ends up in a response header: only a short, plain
    version name is taken (anything else is ignored, as an unknown version is)."""

    permission_classes = [AllowAny]

    def _get_version_parameter(self, request):
        version = request.GET.get("version") or ""
        return version if re.fullmatch(r"[A-Za-z0-9._-]{1,20}", version) else None
