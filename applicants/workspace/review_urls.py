"""Workspace routes of this part (included by applicants/workspace/urls.py, namespace "workspace")."""

from django.urls import path

from . import review

urlpatterns = [
    path("applications/<int:pk>/", review.application_detail, name="application_detail"),
    path("applications/<int:pk>/review/", review.application_review, name="application_review"),
    path("applications/<int:pk>/reject/", review.application_reject, name="application_reject"),
    path("applications/<int:pk>/resume/", review.application_resume, name="application_resume"),
    path("applications/<int:pk>/interviews/new/", review.interview_new, name="interview_new"),
    path("interviews/<int:pk>/edit/", review.interview_edit, name="interview_edit"),
    path("interviews/<int:pk>/cancel/", review.interview_cancel, name="interview_cancel"),
]
