from django.urls import path

from frontlijn.teams import views

app_name = "teams"
urlpatterns = [
    path("", views.team_list, name="list"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/instellingen/", views.team_settings, name="settings"),
    path("<int:pk>/contacttijd/", views.contact_time, name="contact-time"),
    path("<int:pk>/rondes/", views.round_list, name="rounds"),
    path("<int:pk>/rondes/nieuw/", views.round_create, name="round-create"),
    path("rondes/<int:pk>/", views.round_detail, name="round"),
    path("rondes/<int:pk>/verdelen/", views.round_divide, name="round-divide"),
    path("bezoeken/<int:pk>/", views.visit_record, name="visit"),
    path("zaken/<int:case_pk>/oppakken/", views.case_take, name="case-take"),
    path("zaken/<int:case_pk>/overdragen/", views.case_hand_over, name="case-hand-over"),
    path("afwezigheid/", views.absence, name="absence"),
    path("afwezigheid/<int:pk>/verwijderen/", views.absence_delete, name="absence-delete"),
]
