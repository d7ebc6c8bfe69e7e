"""/recruit/sessions/: information sessions in the recruiter workspace (namespace "sessions_workspace")."""

from django.urls import path

from . import workspace

app_name = "sessions_workspace"

urlpatterns = [
    path("", workspace.session_list, name="list"),
    path("new/", workspace.session_new, name="new"),
    path("<int:pk>/", workspace.session_detail, name="detail"),
    path("<int:pk>/edit/", workspace.session_edit, name="edit"),
    path("<int:pk>/check-in/", workspace.session_check_in, name="check_in"),
    path("<int:pk>/cancel/", workspace.session_cancel, name="cancel"),
]
