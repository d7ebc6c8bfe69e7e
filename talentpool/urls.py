"""/recruit/pool/: the talent pool as the recruiter's units see it (mounted before /recruit/)."""

from django.urls import path

from . import views

app_name = "pool"

urlpatterns = [
    path("", views.home, name="home"),
    path("candidates/<int:entry_pk>/", views.profile, name="profile"),
    path("postings/<int:posting_pk>/", views.posting, name="posting"),
    path("postings/<int:posting_pk>/suggestions/<int:suggestion_pk>/dismiss/", views.dismiss, name="dismiss"),
]
