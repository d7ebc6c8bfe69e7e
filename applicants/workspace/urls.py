"""/recruit/: the recruiter workspace, one namespace ("workspace") over the modules that make it up."""

from django.urls import include, path

from .frame import home, unit_switch

app_name = "workspace"

urlpatterns = [
    path("", home, name="home"),
    path("units/switch/", unit_switch, name="unit_switch"),
    path("", include("applicants.workspace.figures_urls")),
    path("", include("applicants.workspace.pipeline_urls")),
    path("", include("applicants.workspace.review_urls")),
    path("", include("postings.drafting_urls")),
]
