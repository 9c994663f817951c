from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import SimpleRouter

from frontlijn.api.docs import RedocDocsView, SchemaView, SwaggerDocsView
from frontlijn.api.front import FRONT_VIEWSETS
from frontlijn.api.views import VIEWSETS

app_name = "api"

router = SimpleRouter(trailing_slash=True)
for kind, viewset in {**VIEWSETS, **FRONT_VIEWSETS}.items():
    router.register(kind, viewset, basename=kind)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocDocsView.as_view(url_name="api:schema"), name="redoc"),
]


def _without_session_login(patterns) -> None:
    """The API answers to its own tokens (frontlijn.api.auth), not to the login page:
    Django's LoginRequiredMiddleware lets every API view through and the view authenticates."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _without_session_login(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)


_without_session_login(urlpatterns)
