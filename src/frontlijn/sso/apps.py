from django.apps import AppConfig


class SsoConfig(AppConfig):
    """Single sign-on through OpenID Connect (off unless OIDC_ENABLED; see docs/sso.md)."""

    name = "frontlijn.sso"
    label = "sso"
