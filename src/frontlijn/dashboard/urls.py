from django.urls import path

from frontlijn.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.index, name="index"),
    path("vergelijken/", views.compare, name="compare"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("maandrapport.pdf", views.report_pdf, name="report_pdf"),
    path("terugbelverzoeken/", views.contact_requests, name="contact_requests"),
]
