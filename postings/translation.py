"""The catalogue's text in Chinese and English (django-modeltranslation).

Each field named here gets a column per language (`name_en`,
`name_zh_hans`); reading `unit.name` gives the current language's text, or
the other language's when it is empty (MODELTRANSLATION_FALLBACK_LANGUAGES),
and queries on `name` use the current language's column. The admin shows the
two side by side. The `text_lang` template filter
(recruit/accounts/templatetags/languages.py) marks text shown in the other
language with its `lang`.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import BusinessUnit, Competency, InfoSession, Location, Posting, Program, RoleCategory, Skill


@register(Program)
class ProgramText(TranslationOptions):
    fields = ("name", "summary")


@register(BusinessUnit)
class BusinessUnitText(TranslationOptions):
    fields = ("name", "summary")


@register(Location)
class LocationText(TranslationOptions):
    fields = ("name", "country")


@register(RoleCategory)
class RoleCategoryText(TranslationOptions):
    fields = ("name", "summary")


@register(Skill)
class SkillText(TranslationOptions):
    fields = ("name",)


@register(Posting)
class PostingText(TranslationOptions):
    fields = ("title", "description", "requirements")


@register(InfoSession)
class InfoSessionText(TranslationOptions):
    fields = ("university", "city", "venue", "summary")


@register(Competency)
class CompetencyText(TranslationOptions):
    fields = ("name",)
