from django.urls import path

from frontlijn.signals import pattern_views, views

app_name = "signals"
urlpatterns = [
    path("", views.signal_list, name="list"),
    path("nieuw/", views.signal_create, name="create"),
    path("suggesties/", views.signal_suggest, name="suggest"),
    path("niet-opgepakt/", views.signal_unpicked, name="unpicked"),
    path("gebied/", views.signal_area, name="area"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/oppakken/", views.signal_pick_up, name="pick-up"),
    path("<int:pk>/themas/", views.signal_themes, name="themes"),
    path("classificatie/", views.classifier_page, name="classifier"),
    path("classificatie/hertrainen/", views.classifier_retrain, name="classifier-retrain"),
    path("classificatie/terugzetten/", views.classifier_rollback, name="classifier-rollback"),
    path("foto/<int:pk>/", views.signal_photo, name="photo"),
    path("patronen/", pattern_views.pattern_list, name="patterns"),
    path("patronen/<int:pk>/", pattern_views.pattern_detail, name="pattern"),
]
