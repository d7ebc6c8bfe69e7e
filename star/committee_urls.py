"""/recruit/star/: the research committees' pages (namespace "star_committee", mounted before "recruit/")."""

from django.urls import path

from . import views

app_name = "star_committee"

urlpatterns = [
    path("", views.committee_home, name="home"),
    path("<slug:area_slug>/", views.committee_area, name="area"),
    path("<slug:area_slug>/<int:pk>/review/", views.review, name="review"),
]
