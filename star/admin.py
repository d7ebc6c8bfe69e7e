"""Admin: the research areas (both languages), which areas each research posting works in, the committees.

Star applications and reviews are read-only here (they change through the apply form and the committee pages).
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import CommitteeMembership, PostingArea, Publication, ResearchArea, StarApplication, StarReview


class CommitteeInline(admin.TabularInline):
    model = CommitteeMembership
    fields = ["user"]
    autocomplete_fields = ["user"]
    extra = 1


@admin.register(ResearchArea)
class ResearchAreaAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [CommitteeInline]


@admin.register(PostingArea)
class PostingAreaAdmin(admin.ModelAdmin):
    list_display = ["posting", "area"]
    list_filter = ["area"]
    list_select_related = ["posting", "area"]
    autocomplete_fields = ["posting"]
    search_fields = ["posting__title_en", "posting__title_zh_hans"]


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "area", "created_at"]
    list_filter = ["area"]
    list_select_related = ["user", "area"]
    autocomplete_fields = ["user"]
    search_fields = ["user__email", "user__name"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PublicationInline(ReadOnlyInline):
    model = Publication
    fields = ["title", "venue", "year", "link", "author_position"]
    readonly_fields = fields


class StarReviewInline(ReadOnlyInline):
    model = StarReview
    fields = ["reviewer", "research_quality", "impact", "fit", "comment", "updated_at"]
    readonly_fields = fields


@admin.register(StarApplication)
class StarApplicationAdmin(admin.ModelAdmin):
    list_display = ["application", "expected_degree", "created_at"]
    list_filter = ["areas", "expected_degree"]
    list_select_related = ["application__candidate", "application__posting"]
    fields = ["application", "areas", "expected_degree", "advisor_name", "advisor_institution", "statement"]
    readonly_fields = fields
    inlines = [PublicationInline, StarReviewInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
