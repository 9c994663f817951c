from django.urls import path

from frontlijn.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("nieuw/<int:household_pk>/", views.case_create_view, name="create"),
]
