from django.urls import path

from frontlijn.sso import views

# The names are mozilla-django-oidc's, which it reverses itself (redirect_uri, callback).
urlpatterns = [
    path("authenticate/", views.SsoLoginView.as_view(), name="oidc_authentication_init"),
    path("callback/", views.SsoCallbackView.as_view(), name="oidc_authentication_callback"),
]
