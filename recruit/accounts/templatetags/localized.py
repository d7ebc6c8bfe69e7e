"""Text that follows the page's language: lists in running text, catalogue text marked with its language, and
the zone a time is told in.

    {% load localized %}
    {{ posting.degree_level_labels|join_list }}    Bachelor's, Master's / 本科、硕士
    {{ session.units.all|join_list:"name" }}       each unit's name, marked `lang` where it shows in the other
                                                   language
    {{ location|catalogue_text:"name" }}           the same for one object's field
    {{ posting.deadline|zone_name }}               Shanghai time (CST) / 北京时间 (recruit.accounts.timezones)

Lists are joined with the language's separator (recruit/wording.py).
"""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from recruit.wording import list_separator

from ..timezones import zone_label
from .languages import text_lang

register = template.Library()


@register.filter
def catalogue_text(obj, field: str) -> SafeString:
    """`obj.<field>`, escaped, in a `<span lang>` where it shows in the other language (its text in the
    page's language is empty), for catalogue text inside a sentence."""
    lang = text_lang(obj, field)
    text = getattr(obj, field)
    return format_html("<span{}>{}</span>", lang, text) if lang else conditional_escape(text)


@register.filter(needs_autoescape=True)
def join_list(items, field: str = "", autoescape: bool = True) -> SafeString:
    """`items` joined in the active language, escaped; with `field`, each item's `field` as `catalogue_text`
    gives it (`units|join_list:"name"`)."""
    escape = conditional_escape if autoescape else str
    parts = [catalogue_text(item, field) if field else escape(item) for item in items]
    return mark_safe(escape(list_separator()).join(parts))  # noqa: S308 (every part is escaped)


@register.filter
def zone_name(value) -> str:
    """The zone the page tells `value` (a datetime) in, named as the information sessions name theirs:
    "Shanghai time (CST)", 北京时间."""
    if not value:
        return ""
    return zone_label(timezone.get_current_timezone_name(), (value,))


# A language's name as the language switch shows it: the part a phone's narrow header leaves out (still read
# out, so the button's name stays the whole name) and the part always shown.
_SWITCH_NAMES = {"zh-hans": ("简体", "中文")}


@register.filter
def switch_name(language: dict) -> SafeString:
    """The name on the switch to `language` (an item of `other_languages`): 简体中文, 中文 on a phone."""
    optional, shown = _SWITCH_NAMES.get(language["code"], ("", language["name"]))
    if optional:
        return format_html('<span class="language-switch__more">{}</span>{}', optional, shown)
    return conditional_escape(shown)
