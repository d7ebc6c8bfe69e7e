"""/star/ (and /zh-hans/star/): the public page of the Star research program (namespace "star")."""

from django.urls import path

from . import views

app_name = "star"

urlpatterns = [
    path("", views.program, name="program"),
]
