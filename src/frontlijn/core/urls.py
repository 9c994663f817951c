from django.urls import path

from frontlijn.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/gelezen/", views.inbox_mark_all_read, name="inbox-read"),
]
