from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Posting


class PostingSitemap(Sitemap):
    """Every public posting, in each language, each entry naming the other language's address (hreflang)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    priority = 0.8
    limit = 5000

    def items(self):
        return Posting.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, posting):
        return posting.updated_at


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return ["postings:home", "postings:board", "infosessions:list", "privacy_notice"]

    def location(self, name):
        return reverse(name)
