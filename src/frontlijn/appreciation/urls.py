from django.urls import path

from frontlijn.appreciation import views

app_name = "appreciation"
urlpatterns = [
    path("", views.impact, name="impact"),
    path("compliment/", views.compliment_create, name="compliment"),
    path("puls/", views.pulse, name="pulse"),
    path("puls/uitslag/", views.pulse_results, name="pulse-results"),
    path("puls/uitslag/<int:team_pk>/<str:period>/actie/", views.pulse_action, name="pulse-action"),
]
