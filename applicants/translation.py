"""The rejection reasons' names in Chinese and English (django-modeltranslation, as postings/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from .models import RejectionReason


@register(RejectionReason)
class RejectionReasonText(TranslationOptions):
    fields = ("name",)
