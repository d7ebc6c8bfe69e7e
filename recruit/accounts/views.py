from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import TimeZoneForm
from .timezones import COOKIE_MAX_AGE, COOKIE_NAME


@require_POST
def time_zone_set(request):
    """Remember the visitor's zone (a cookie; and on the user when signed in), then go back where they were."""
    next_url = request.POST.get("next", "")
    # A path on this site only: anything else (another host, or a word that
    # redirect() would take for a view's name) goes back to the sessions.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("infosessions:list")
    form = TimeZoneForm(request.POST)
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        messages.error(request, form.errors["time_zone"][0])
        return response
    zone = form.cleaned_data["time_zone"]
    if request.user.is_authenticated:
        request.user.set_time_zone(zone)
    # An empty cookie forgets the zone and keeps the browser's script from sending it again.
    response.set_cookie(
        COOKIE_NAME, zone, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
    )
    return response
