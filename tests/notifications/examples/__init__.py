"""Example contexts for every email template, one module per sending app (the notification-kinds contract).

Each module has `EXAMPLES = {"event": lambda: {...}}`: a function, called with the recipient's language active, that
returns the context the real call passes (`recruit.notifications.services.notify` adds the site's name, the
recipient, the link and the unsubscribe link). Catalogue text is written in both languages, as an admin fills it in,
so the Chinese rendering shows no English that a real Chinese email would not.
"""

import importlib
import pkgutil

from postings.models import BusinessUnit, Posting


def all_examples() -> dict:
    """event -> example function, from every module of this package."""
    examples = {}
    for module in pkgutil.iter_modules(__path__):
        examples.update(importlib.import_module(f"{__name__}.{module.name}").EXAMPLES)
    return examples


def unit() -> BusinessUnit:
    return BusinessUnit(pk=3, name="Alibaba Cloud", name_zh_hans="阿里云", slug="alibaba-cloud")


def posting(**fields) -> Posting:
    return Posting(
        pk=42,
        unit=unit(),
        title="AI Agent Engineer Intern",
        title_zh_hans="AI Agent工程师实习生",
        **fields,
    )
