"""Which language a request is answered in, and the language switch.

- A public page has one address per language: English at the unprefixed
  address (`/jobs/`), Chinese under `/zh-hans/` (`/zh-hans/jobs/`), so search
  engines index both and a shared link shows what its sender saw.
- A first visit to a public page's English address from a browser that
  prefers Chinese (and no choice made yet) is sent to the Chinese address.
- The private pages (/me/, /accounts/, /recruit/, /admin/) have one address:
  they follow the signed-in user's stored language, else the choice made on
  this browser (the language cookie), else the browser's Accept-Language.
- The switch on every page is a POST to `language_set`, which keeps the
  choice in the cookie and, for a signed-in user, on their account, so their
  emails and notifications follow it on any device.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from recruit.middleware import PRIVATE_PREFIXES

CHINESE = "zh-hans"


def is_private(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIXES)


def address_in(path: str, language: str) -> str:
    """`path` (with its query) in `language`: a public page's address in that language, any other unchanged."""
    # Resolved in the path's own language: a /zh-hans/ address only resolves while Chinese is active.
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(path, language)


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with private pages following the visitor and a first visit the browser."""

    def process_request(self, request):
        if is_private(request.path_info):
            # One address: the choice made on this browser, else its Accept-Language.
            translation.activate(translation.get_language_from_request(request, check_path=False))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        super().process_request(request)
        if (
            request.method in ("GET", "HEAD")
            and request.LANGUAGE_CODE != CHINESE
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and not translation.get_language_from_path(request.path_info)
            and translation.get_language_from_request(request, check_path=False) == CHINESE
        ):
            chinese = address_in(request.get_full_path(), CHINESE)
            if chinese != request.get_full_path():
                redirect = HttpResponseRedirect(chinese)
                patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                return redirect
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if not translation.get_language_from_path(request.path_info):
            # The unprefixed address answers by the cookie (a first visit) or by the user (private pages).
            patch_vary_headers(response, ("Cookie",))
        return response


class UserLanguageMiddleware:
    """On the private pages, a signed-in user's stored language wins over this browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_private(request.path_info) and request.user.is_authenticated and request.user.language:
            translation.activate(request.user.language)
            request.LANGUAGE_CODE = request.user.language
        return self.get_response(request)


def _same_site(request) -> bool:
    """The form was sent from one of this site's pages: its Origin (or, without one, its Referer) is this host.

    The switch sits in pages shared by every visitor from the cache, so it
    carries no CSRF token; this standard-header check stands in for it.
    """
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER") or ""
    return bool(origin) and urlsplit(origin).netloc == request.get_host()


@csrf_exempt
@require_POST
def language_set(request):
    """Switch the language: back to the same page in the other language, the choice kept (cookie and account)."""
    if not _same_site(request):
        return HttpResponseForbidden(gettext("The language can only be changed from this site's pages."))
    # Django's view translates `next` in the active language: make it the language `next` is in.
    next_path = request.POST.get("next", "")
    translation.activate(translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE)
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and isinstance(response, HttpResponseRedirect):
        request.user.set_language(code)
    return response
