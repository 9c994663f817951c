from django.urls import path

from frontlijn.register import views

app_name = "register"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("zoeken/beller/", views.caller, name="caller"),
    path("huishoudens/<int:pk>/", views.household_detail, name="household"),
    path("huishoudens/<int:pk>/tijdlijn/", views.household_timeline_more, name="household-timeline"),
    path("eenheden/<int:pk>/", views.unit_detail, name="unit"),
    path("woningzoekenden/", views.home_seeker_search, name="home-seekers"),
    path("woningzoekenden/<int:pk>/", views.home_seeker_detail, name="home-seeker"),
]
