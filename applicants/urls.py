from django.urls import path

from . import views

app_name = "applicants"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("profile/eligibility/", views.eligibility_preview, name="eligibility_preview"),
    path("resumes/", views.resume_list, name="resumes"),
    path("resumes/<int:pk>/download/", views.resume_download, name="resume_download"),
    path("resumes/<int:pk>/current/", views.resume_make_current, name="resume_make_current"),
    path("resumes/<int:pk>/delete/", views.resume_delete, name="resume_delete"),
    path("apply/<int:posting_pk>/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/reorder/", views.application_reorder, name="application_reorder"),
    path("privacy/", views.privacy_home, name="privacy"),
    path("privacy/export/", views.privacy_export, name="privacy_export"),
    path("privacy/delete/", views.account_delete, name="account_delete"),
    path("privacy/talent-pool/", views.pool_consent, name="pool_consent"),
]
