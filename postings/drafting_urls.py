"""Workspace routes of this part (included by applicants/workspace/urls.py, namespace "workspace"): a unit's
postings, drafts, submitting, and the admins' approvals (views in postings/drafting.py)."""

from django.urls import path

from . import drafting

urlpatterns = [
    path("units/<slug:slug>/postings/", drafting.posting_list, name="posting_list"),
    path("units/<slug:slug>/postings/new/", drafting.posting_new, name="posting_new"),
    path("postings/<int:pk>/", drafting.posting_detail, name="posting_detail"),
    path("postings/<int:pk>/edit/", drafting.posting_edit, name="posting_edit"),
    path("postings/<int:pk>/submit/", drafting.posting_submit, name="posting_submit"),
    path("approvals/", drafting.approvals, name="approvals"),
    path("postings/<int:pk>/approve/", drafting.posting_approve, name="posting_approve"),
    path("postings/<int:pk>/return/", drafting.posting_return, name="posting_return"),
    path("postings/<int:pk>/close/", drafting.posting_close, name="posting_close"),
]
