from django.urls import path

from frontlijn.gdpr import views

# Mounted under /privacy/ next to frontlijn.privacy.urls: the paths are the privacy officer's.
app_name = "gdpr"
urlpatterns = [
    path("reden/<int:household_pk>/", views.reason, name="reason"),
    path("reden/<int:household_pk>/notities/", views.beyond_reason, name="beyond-reason"),
    path("betrokkenen/", views.subjects, name="subjects"),
    path("betrokkenen/<int:pk>/", views.subject_detail, name="subject"),
    path("betrokkenen/<int:pk>/inzage.json", views.subject_json, name="subject-json"),
    path("betrokkenen/<int:pk>/inzage.pdf", views.subject_pdf, name="subject-pdf"),
    path("betrokkenen/<int:pk>/wissen/", views.subject_erase, name="subject-erase"),
    path("bewaartermijnen/", views.retention_report, name="retention"),
]
