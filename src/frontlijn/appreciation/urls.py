app_name = "appreciation"
urlpatterns: list = []
