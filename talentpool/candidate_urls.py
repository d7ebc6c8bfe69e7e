"""/me/pool/: the candidate's side of the talent pool (mounted before "me/" in recruit/urls.py)."""

from django.urls import path

from . import candidate_views

app_name = "my_pool"

urlpatterns = [
    path("", candidate_views.home, name="home"),
    path("leave/", candidate_views.leave, name="leave"),
    path("rejoin/", candidate_views.rejoin, name="rejoin"),
    path("invitations/<int:pk>/accept/", candidate_views.accept, name="accept"),
    path("invitations/<int:pk>/decline/", candidate_views.decline, name="decline"),
]
