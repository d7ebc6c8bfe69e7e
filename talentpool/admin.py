"""Admin views of the talent pool, for support: entries change only through the pool's services and the events
that keep them current; the view log is never edited."""

from django.contrib import admin

from .models import Invitation, PoolEntry, PoolView, Suggestion, Turndown


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TurndownInline(admin.TabularInline):
    model = Turndown
    fields = ["unit", "category", "allows_resurfacing", "stage_reached", "turned_down_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PoolEntry)
class PoolEntryAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "status", "available_since", "expires_at", "highest_stage_reached", "updated_at"]
    list_filter = ["status", "highest_stage_reached"]
    list_select_related = ["candidate"]
    search_fields = ["candidate__email", "candidate__name"]
    # Never the resume text: it is the candidate's, shown to units only through the pool's pages.
    fields = [
        "candidate",
        "status",
        "unavailable_reasons",
        "consent_version",
        "consent_at",
        "available_since",
        "expires_at",
        "reminded_at",
        "highest_stage_reached",
        "highest_stage_unit",
        "skills",
        "resume_uploaded_at",
        "left_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [TurndownInline]


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin):
    list_display = ["entry", "posting", "score", "state", "created_at"]
    list_filter = ["state", "posting__unit"]
    list_select_related = ["entry__candidate", "posting"]
    search_fields = ["entry__candidate__email", "posting__title"]
    fields = ["entry", "posting", "score", "reasons", "state", "created_at", "updated_at"]
    readonly_fields = fields


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["entry", "posting", "recruiter", "state", "created_at", "answered_at"]
    list_filter = ["state", "posting__unit"]
    list_select_related = ["entry__candidate", "posting", "recruiter"]
    search_fields = ["entry__candidate__email", "posting__title", "recruiter__email"]
    fields = ["entry", "posting", "recruiter", "message", "state", "created_at", "answered_at", "application"]
    readonly_fields = fields


@admin.register(PoolView)
class PoolViewAdmin(ReadOnlyAdmin):
    """The log of which unit viewed which pool profile: read-only, never deleted here."""

    list_display = ["entry", "unit", "viewer", "viewed_at"]
    list_filter = ["unit"]
    list_select_related = ["entry__candidate", "unit", "viewer"]
    search_fields = ["entry__candidate__email", "viewer__email"]
    date_hierarchy = "viewed_at"
    fields = ["entry", "unit", "viewer", "viewed_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False
