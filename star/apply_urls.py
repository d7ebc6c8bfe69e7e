"""/me/star/: applying to a research posting (namespace "star_apply", mounted before "me/")."""

from django.urls import path

from . import views

app_name = "star_apply"

urlpatterns = [
    path("apply/<int:posting_pk>/", views.apply, name="apply"),
]
