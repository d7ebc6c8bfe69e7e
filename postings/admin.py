from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .models import (
    BusinessUnit,
    DegreeLevel,
    InfoSession,
    Location,
    Posting,
    Program,
    RoleCategory,
    Skill,
    UnitMembership,
)


@admin.register(Program)
class ProgramAdmin(TranslationAdmin):
    list_display = ["name", "track", "graduation_start", "graduation_end", "applications_open", "applications_close"]
    list_filter = ["track", "review"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(BusinessUnit)
class BusinessUnitAdmin(TranslationAdmin):
    list_display = ["name", "slug", "is_demo", "posting_count"]
    list_filter = ["is_demo"]
    search_fields = ["name_en", "name_zh_hans", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(posting_count=Count("postings"))

    @admin.display(description=_("postings"), ordering="posting_count")
    def posting_count(self, unit):
        return unit.posting_count


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["name", "country", "country_code", "in_mainland_china"]
    list_filter = ["in_mainland_china"]
    search_fields = ["name_en", "name_zh_hans", "country_en", "country_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(RoleCategory)
class RoleCategoryAdmin(TranslationAdmin):
    list_display = ["name", "is_ai", "slug"]
    list_filter = ["is_ai"]
    search_fields = ["name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Skill)
class SkillAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_zh_hans"]
    prepopulated_fields = {"slug": ["name_en"]}


class PostingForm(forms.ModelForm):
    degree_levels = forms.MultipleChoiceField(
        label=_("Accepted degree levels"), choices=DegreeLevel.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Posting
        fields = [
            "program",
            "unit",
            "category",
            "title",
            "description",
            "requirements",
            "skills",
            "locations",
            "headcount",
            "degree_levels",
            "status",
            "published_at",
            "closes_at",
        ]


@admin.register(Posting)
class PostingAdmin(TranslationAdmin):
    form = PostingForm
    list_display = ["title", "unit", "category", "status", "published_at", "closes_at", "headcount"]
    list_filter = ["status", "program", "category__is_ai", "category", "unit", "locations"]
    list_select_related = ["unit", "category"]
    search_fields = [
        "title_en",
        "title_zh_hans",
        "description_en",
        "description_zh_hans",
        "unit__name_en",
        "unit__name_zh_hans",
        "skills__name_en",
        "skills__name_zh_hans",
    ]
    autocomplete_fields = ["skills"]
    filter_horizontal = ["locations"]
    date_hierarchy = "published_at"
    actions = ["publish_postings", "close_postings"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["program", "unit", "category", "title", "headcount"]}),
        (_("The role"), {"fields": ["description", "requirements", "skills", "locations", "degree_levels"]}),
        (_("Publishing"), {"fields": ["status", "published_at", "closes_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Publishing and closing are for those with the publish permission.
        if self.has_publish_permission(request):
            return []
        return ["status", "published_at"]

    def has_publish_permission(self, request):
        return request.user.has_perm("postings.publish_posting")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_search_text()

    @admin.action(description=_("Publish selected postings"), permissions=["publish"])
    def publish_postings(self, request, queryset):
        published = sum(posting.publish() for posting in queryset)
        self.message_user(
            request,
            ngettext("%(n)d posting published.", "%(n)d postings published.", published) % {"n": published},
            messages.SUCCESS,
        )

    @admin.action(description=_("Close selected postings"), permissions=["publish"])
    def close_postings(self, request, queryset):
        closed = sum(posting.close() for posting in queryset)
        self.message_user(
            request,
            ngettext("%(n)d posting closed.", "%(n)d postings closed.", closed) % {"n": closed},
            messages.SUCCESS,
        )


@admin.register(UnitMembership)
class UnitMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "created_at"]
    list_filter = ["role", "unit"]
    list_select_related = ["user", "unit"]
    search_fields = ["user__email", "user__name", "unit__name_en", "unit__name_zh_hans"]
    autocomplete_fields = ["user", "unit"]


@admin.register(InfoSession)
class InfoSessionAdmin(TranslationAdmin):
    list_display = ["university", "city", "starts_at", "program"]
    list_filter = ["program", "city"]
    search_fields = ["university_en", "university_zh_hans", "city_en", "city_zh_hans", "venue_en", "venue_zh_hans"]
    filter_horizontal = ["units"]
    date_hierarchy = "starts_at"
