"""Workspace routes of this part (included by applicants/workspace/urls.py, namespace "workspace")."""

urlpatterns = []
