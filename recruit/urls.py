from functools import wraps

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.template.response import TemplateResponse
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from postings.sitemaps import PageSitemap, PostingSitemap

from .accounts.languages import language_set
from .accounts.views import time_zone_set
from .health import healthz
from .notifications.views import unsubscribe_view
from .pages import privacy_notice, robots_txt


def admins_only(view):
    """A signed-in user who is not staff gets the site's page saying the administration is for admins
    (templates/admin_only.html, status 403), with a way back to their workspace or applications, rather than
    Django's sign-in form for another account or allauth's bare "403 Forbidden"."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (user.is_active and user.is_staff):
            return TemplateResponse(request, "admin_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


# The admin signs in through allauth (its rate limits, one sign-in page).
admin.site.login = admins_only(secure_admin_login(admin.site.login))
# Every other admin page too: they would send a signed-in non-staff user to the admin's sign-in first.
_admin_view = admin.site.admin_view
admin.site.admin_view = lambda view, cacheable=False: admins_only(_admin_view(view, cacheable))
admin.site.site_header = _("Campus Recruitment administration")
admin.site.site_title = _("Campus Recruitment")

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("me/notifications/", include("recruit.notifications.urls")),
    path("me/pool/", include("talentpool.candidate_urls")),
    path("me/star/", include("star.apply_urls")),
    path("me/", include("applicants.urls")),
    path("recruit/pool/invite/", include("talentpool.invite_urls")),
    path("recruit/pool/figures/", include("talentpool.figures_urls")),
    path("recruit/pool/", include("talentpool.urls")),
    path("recruit/star/", include("star.committee_urls")),
    path("recruit/sessions/", include("infosessions.workspace_urls")),
    path("recruit/", include("applicants.workspace.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("time-zone/", time_zone_set, name="time_zone"),
    path("language/", language_set, name="set_language"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"postings": PostingSitemap, "pages": PageSitemap}},
        name="sitemap",
    ),
]
# The public pages, once per language: English unprefixed, Chinese under /zh-hans/ (recruit/accounts/languages.py).
urlpatterns += i18n_patterns(
    path("", include("postings.urls")),
    path("sessions/", include("infosessions.urls")),
    path("privacy/", privacy_notice, name="privacy_notice"),
    # A non-essential email's one-click unsubscribe, in the language it was written in.
    path("unsubscribe/<str:token>/", unsubscribe_view, name="unsubscribe"),
    path("star/", include("star.urls")),
    prefix_default_language=False,
)
