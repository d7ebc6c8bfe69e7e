"""/recruit/pool/figures/ (namespace "pool_figures", mounted in recruit/urls.py): the pool's figures and their CSV
file, ?unit=<slug> for one of the user's units."""

from django.urls import path

from .figures_views import pool_figures, pool_figures_csv

app_name = "pool_figures"

urlpatterns = [
    path("", pool_figures, name="home"),
    path("talent-pool.csv", pool_figures_csv, name="csv"),
]
