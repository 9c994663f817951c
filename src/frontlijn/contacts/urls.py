from django.urls import path

from frontlijn.contacts import views

app_name = "contacts"
urlpatterns = [
    path("huishoudens/<int:household_pk>/contact/", views.contact_create, name="create"),
    path("huishoudens/<int:household_pk>/contact/signaal/", views.signal_offer, name="signal-offer"),
    path("contacten/<int:pk>/oordeel-qr/", views.feedback_qr, name="feedback-qr"),
    path("woningzoekenden/<int:home_seeker_pk>/contact/", views.home_seeker_contact_create, name="create-home-seeker"),
    path("beloftes/", views.promise_list, name="promises"),
    path("beloftes/<int:pk>/nagekomen/", views.promise_done, name="promise-done"),
    path("beloftes/<int:pk>/vervallen/", views.promise_cancelled, name="promise-cancel"),
]
