"""Workspace routes of this part (included by applicants/workspace/urls.py, namespace "workspace")."""

from django.urls import path

from . import pipeline

urlpatterns = [
    path("postings/<int:pk>/board/", pipeline.posting_board, name="posting_board"),
    path("applications/<int:pk>/move/", pipeline.application_move, name="application_move"),
    path("units/<slug:slug>/applicants/", pipeline.applicant_list, name="applicant_list"),
    path("units/<slug:slug>/applicants/export.csv", pipeline.applicant_export, name="applicant_export"),
    path("units/<slug:slug>/applicants/bulk/", pipeline.applicant_bulk, name="applicant_bulk"),
]
