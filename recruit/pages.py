"""The site's own pages: robots.txt and the privacy notice."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from applicants.models import CROSS_BORDER_CONSENT_VERSION, POOL_CONSENT_VERSION


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """What crawlers may read: the public catalogue, not the candidates', recruiters' or account pages."""
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_safe
def privacy_notice(request):
    """What the portal holds about a candidate, why, for how long, who sees it, and how to take it back."""
    context = {
        "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        "pool_consent_version": POOL_CONSENT_VERSION,
        "cross_border_consent_version": CROSS_BORDER_CONSENT_VERSION,
    }
    return render(request, "privacy_notice.html", context)
