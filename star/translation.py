"""The research areas' names and descriptions in Chinese and English, like the catalogue (postings/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import ResearchArea


@register(ResearchArea)
class ResearchAreaText(TranslationOptions):
    fields = ("name", "description")
