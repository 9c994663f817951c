from django.urls import include, path
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
