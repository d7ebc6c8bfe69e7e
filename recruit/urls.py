from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from postings.sitemaps import PageSitemap, PostingSitemap

from .accounts.views import time_zone_set
from .health import healthz
from .pages import privacy_notice, robots_txt

# The admin signs in through allauth (its rate limits, one sign-in page).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Campus Recruitment administration"
admin.site.site_title = "Campus Recruitment"

urlpatterns = [
    path("", include("postings.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/notifications/", include("recruit.notifications.urls")),
    path("me/", include("applicants.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("time-zone/", time_zone_set, name="time_zone"),
    path("privacy/", privacy_notice, name="privacy_notice"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"postings": PostingSitemap, "pages": PageSitemap}},
        name="sitemap",
    ),
]
