from django.urls import path

from frontlijn.feedback import views

app_name = "feedback"
urlpatterns = [
    path("bedankt/", views.thanks, name="thanks"),
    path("<str:token>/", views.answer, name="answer"),
]
