"""Pages with personal data are never stored by a browser or a proxy."""

from django.utils.cache import patch_cache_control

# Everything under these paths shows someone's own data: the candidate area
# (notifications included), the account pages, the recruiter workspace, the
# admin. Public pages are left to their views (the board is cacheable).
PRIVATE_PREFIXES = ("/me/", "/accounts/", "/recruit/", "/admin/")


class PrivatePagesNoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response under PRIVATE_PREFIXES.

    Without it, the back button or a shared computer's cache shows the
    previous user's applications after sign-out, and a misconfigured proxy
    could hand one candidate's page to another.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            patch_cache_control(response, no_store=True, private=True)
        return response
