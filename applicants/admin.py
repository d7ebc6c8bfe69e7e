"""Admin views of candidates' data, for support; changes go through the candidate area and the workflow."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Application, CandidateProfile, Interview, RejectionReason, Resume, Review, StageChange


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never edited here: applications move only through the workflow's services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CandidateProfile)
class CandidateProfileAdmin(ReadOnlyAdmin):
    list_display = [
        "user",
        "school",
        "degree_level",
        "major",
        "graduation_date",
        "open_to_reassignment",
        "pool_consent_at",
    ]
    list_filter = ["degree_level", "open_to_reassignment"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__name", "school", "major"]


@admin.register(Resume)
class ResumeAdmin(ReadOnlyAdmin):
    # Never the file itself: resumes have no public URL, and admins are not
    # among those who may read them (the candidate and the units applied to).
    list_display = ["original_name", "candidate", "is_current", "page_count", "size", "text_status", "uploaded_at"]
    list_filter = ["is_current", "text_status"]
    list_select_related = ["candidate"]
    search_fields = ["candidate__email", "original_name", "checksum"]
    fields = ["candidate", "original_name", "checksum", "size", "page_count", "is_current", "text_status"]
    readonly_fields = fields


class StageChangeInline(admin.TabularInline):
    model = StageChange
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["posting", "candidate", "rank", "status", "source", "created_at"]
    list_filter = ["status", "source", "posting__program", "posting__unit"]
    list_select_related = ["posting", "candidate"]
    search_fields = ["candidate__email", "candidate__name", "posting__title"]
    date_hierarchy = "created_at"
    inlines = [StageChangeInline]
    fields = [
        "candidate",
        "posting",
        "rank",
        "status",
        "source",
        "resume",
        "cross_border_consent_at",
        "created_at",
        "submitted_at",
    ]
    readonly_fields = fields


@admin.register(RejectionReason)
class RejectionReasonAdmin(TranslationAdmin):
    """The list recruiters choose from when rejecting, in both languages. A reason in use cannot be deleted
    (applications keep it): untick "offered" to stop offering it."""

    list_display = ["name", "code", "allows_resurfacing", "is_active", "position"]
    list_editable = ["is_active", "position"]
    list_filter = ["is_active", "allows_resurfacing"]
    search_fields = ["code", "name_en", "name_zh_hans"]
    prepopulated_fields = {"code": ["name_en"]}


class AppliedToMixin:
    @admin.display(description=_("application"), ordering="application__created_at")
    def applied_to(self, obj) -> str:
        return str(obj.application)


@admin.register(Review)
class ReviewAdmin(AppliedToMixin, ReadOnlyAdmin):
    """Reviews, to look at. Written only in the workspace, which keeps the application's average with them."""

    list_display = ["applied_to", "reviewer", "score", "recommendation", "updated_at"]
    list_filter = ["recommendation", "application__posting__unit"]
    list_select_related = ["application__posting", "application__candidate", "reviewer"]
    search_fields = ["reviewer__email", "reviewer__name", "application__posting__title"]
    fields = ["application", "reviewer", "scores", "score", "recommendation", "notes", "created_at", "updated_at"]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Interview)
class InterviewAdmin(AppliedToMixin, ReadOnlyAdmin):
    """Interviews, to look at. Scheduled, changed and cancelled in the workspace, which sends the invitations."""

    list_display = ["applied_to", "starts_at", "time_zone", "duration_minutes", "status", "sequence"]
    list_filter = ["status", "application__posting__unit"]
    list_select_related = ["application__posting", "application__candidate"]
    search_fields = ["application__posting__title", "application__candidate__email", "place"]
    date_hierarchy = "starts_at"
    fields = [
        "application",
        "uid",
        "starts_at",
        "time_zone",
        "duration_minutes",
        "interviewers",
        "place",
        "video_link",
        "status",
        "sequence",
        "created_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False
