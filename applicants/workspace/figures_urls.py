"""Workspace routes of this part (included by applicants/workspace/urls.py, namespace "workspace"): the unit
dashboard, the program overview (admins) and a unit's own figures (its members), with their CSV tables."""

from django.urls import path

from .figures import overview, overview_csv, unit_dashboard, unit_figures, unit_figures_csv

urlpatterns = [
    path("units/<slug:slug>/", unit_dashboard, name="unit_dashboard"),
    path("units/<slug:slug>/figures/", unit_figures, name="unit_figures"),
    path("units/<slug:slug>/figures/<slug:table>.csv", unit_figures_csv, name="unit_figures_csv"),
    path("overview/", overview, name="overview"),
    path("overview/<slug:table>.csv", overview_csv, name="overview_csv"),
]
