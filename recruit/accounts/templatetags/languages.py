"""The page's language in HTML terms, its other-language addresses, and the language switch."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

# BCP 47 tags for `lang` and `hreflang` (Django's codes are lower case).
TAGS = {"en": "en", "zh-hans": "zh-Hans"}


@register.filter
def language_tag(code: str) -> str:
    """`zh-hans` as HTML writes it: `zh-Hans`."""
    return TAGS.get(code, code)


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """This page's address in each language, absolute, for `<link rel="alternate" hreflang>`; none for a page with
    one address (the private pages)."""
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    addresses = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    if len(set(addresses.values())) < len(addresses):
        return []
    alternates = [
        {"hreflang": language_tag(code), "url": request.build_absolute_uri(url)} for code, url in addresses.items()
    ]
    default = addresses[settings.LANGUAGE_CODE]
    return [*alternates, {"hreflang": "x-default", "url": request.build_absolute_uri(default)}]


@register.simple_tag
def other_languages() -> list[dict]:
    """The languages to switch to: each with its code, its name in itself and its HTML tag."""
    current = translation.get_language()
    return [
        {"code": code, "name": name, "tag": language_tag(code)} for code, name in settings.LANGUAGES if code != current
    ]


@register.filter
def text_lang(obj, field: str) -> str:
    """` lang="…"` when `obj.<field>` shows in the other language (its text in the page's is empty), else "".

    For catalogue text (postings/translation.py), which falls back to the other language:
    `<h1{{ posting|text_lang:"title" }}>{{ posting.title }}</h1>`.
    """
    current = translation.get_language()
    if getattr(obj, f"{field}_{current.replace('-', '_')}", None):
        return ""
    for code, _name in settings.LANGUAGES:
        if code != current and getattr(obj, f"{field}_{code.replace('-', '_')}", None):
            return mark_safe(f' lang="{language_tag(code)}"')  # noqa: S308 (a fixed tag)
    return ""
