from django.urls import path

from frontlijn.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list_view, name="list"),
    path("nieuw/", views.plan_create_view, name="create"),
    path("overzicht/", views.overview_view, name="overview"),
    path("<int:pk>/", views.plan_detail_view, name="detail"),
    path("<int:pk>/wijzigen/", views.plan_edit_view, name="edit"),
    path("<int:pk>/fase/", views.plan_phase_view, name="phase"),
    path("<int:pk>/ronde/nieuw/", views.round_create_view, name="round_create"),
    path("<int:pk>/briefing/", views.briefing_view, name="briefing"),
    path("<int:pk>/briefing.pdf", views.briefing_pdf_view, name="briefing_pdf"),
    path("ronde/<int:pk>/", views.round_detail_view, name="round"),
    path("inbreng/<int:pk>/antwoord/", views.input_answer_view, name="answer"),
]
