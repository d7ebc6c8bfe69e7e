"""/recruit/pool/invite/: a recruiter invites a pool candidate to a posting (mounted before "recruit/")."""

from django.urls import path

from . import invite_views

app_name = "pool_invite"

urlpatterns = [
    path("<int:entry_pk>/<int:posting_pk>/", invite_views.invitation_form, name="form"),
]
