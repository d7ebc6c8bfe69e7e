"""/sessions/: the public information sessions (in both languages, see recruit/urls.py)."""

from django.urls import path

from . import views

app_name = "infosessions"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("<int:pk>/", views.session_detail, name="detail"),
    path("<int:pk>/register/", views.session_register, name="register"),
    path("<int:pk>/calendar.ics", views.session_calendar, name="calendar"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
]
