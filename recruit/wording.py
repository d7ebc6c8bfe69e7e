"""Running text put together in the active language, for templates and messages built in Python alike."""

from django.utils.translation import pgettext


def list_separator() -> str:
    """ ", " in English (Hangzhou, Beijing), "、" in Chinese (杭州、北京): a translatable string, so a new language
    brings its own."""
    return pgettext("between the items of a list in running text", ", ")


def join_words(items) -> str:
    """`items` joined in the active language ("a, b" / "a、b"), as plain text."""
    return list_separator().join(str(item) for item in items)
