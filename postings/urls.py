from django.urls import path

from . import views

app_name = "postings"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.board, name="board"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
]
