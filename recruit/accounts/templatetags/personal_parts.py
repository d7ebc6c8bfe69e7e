"""`{% personal %}`: the part of a cached page that is rendered for each request.

    {% load personal_parts %}
    {% personal %}{% partialdef messages inline %}…{% endpartialdef %}{% endpersonal %}
    {% personal per_user %}{% partialdef site-nav inline %}…{% endpartialdef %}{% endpersonal %}

Rendered normally, it is just its inline partial. While a page's shared
shell is rendered for the cache (`request.personal_later`, set by
postings.cache.cached_page), it leaves a marker naming the partial instead;
`fill_personal` renders each marked partial for the request that gets the
shell. So the markup of a personal part is written once, where it belongs.

`per_user`: for a signed-in user the part's HTML is kept under their personal
version (recruit/accounts/personal.py), by language and view, so it is
rendered once until something of theirs changes; it may hold a CSRF token
(put in for each request) but nothing else that changes from one request to
the next (not the messages), and it may depend on the path only through the
view (the navigation marks the page it links to, so a posting page's
navigation is the same for every posting).
"""

import re

from django import template
from django.middleware.csrf import get_token
from django.template.defaulttags import PartialDefNode
from django.template.loader import render_to_string
from django.utils import translation

from ..personal import personal_cached

register = template.Library()

MARKER = "<!--personal:{}:{}-->"
# Template names and partial names only: page text is escaped and can never forge one.
MARKER_PATTERN = re.compile(r"<!--personal:(shared|per_user):([\w./-]+#[\w-]+)-->")
# Stands for the request's CSRF token in a part kept per user.
TOKEN_STAND_IN = "personal-part-csrf-token"  # noqa: S105 (not a secret)


class PersonalNode(template.Node):
    def __init__(self, partial: PartialDefNode, template_name: str, scope: str):
        self.partial = partial
        self.reference = f"{template_name}#{partial.partial_name}"
        self.scope = scope

    def render(self, context):
        request = context.get("request")
        if getattr(request, "personal_later", False):
            return MARKER.format(self.scope, self.reference)
        return self.partial.nodelist.render(context)


@register.tag
def personal(parser, token):
    match token.split_contents():
        case ["personal"]:
            scope = "shared"
        case ["personal", "per_user"]:
            scope = "per_user"
        case _:
            raise template.TemplateSyntaxError("{% personal %} takes no argument but per_user.")
    nodelist = parser.parse(("endpersonal",))
    parser.delete_first_token()
    partials = [node for node in nodelist if isinstance(node, PartialDefNode)]
    others = [node for node in nodelist if not isinstance(node, PartialDefNode)]
    if (
        len(partials) != 1
        or not partials[0].inline
        or any(not isinstance(node, template.base.TextNode) or node.s.strip() for node in others)
    ):
        raise template.TemplateSyntaxError("{% personal %} holds exactly one {% partialdef NAME inline %}.")
    return PersonalNode(partials[0], parser.origin.template_name, scope)


def fill_personal(html: str, request, context: dict | None = None) -> str:
    """A shell with each `{% personal %}` marker replaced by its partial rendered for `request`."""

    def part(match) -> str:
        scope, reference = match[1], match[2]
        if scope == "shared" or not request.user.is_authenticated:
            return render_to_string(reference, context, request)
        view = request.resolver_match.view_name if request.resolver_match else request.path
        language = translation.get_language()
        html = personal_cached(
            request.user,
            f"part:{reference}:{language}:{view}",
            lambda: render_to_string(reference, {**(context or {}), "csrf_token": TOKEN_STAND_IN}, request),
        )
        return html.replace(TOKEN_STAND_IN, get_token(request)) if TOKEN_STAND_IN in html else html

    return MARKER_PATTERN.sub(part, html)
