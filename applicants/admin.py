"""Admin views of candidates' data, for support; changes go through the candidate area and the workflow."""

from django.contrib import admin

from .models import Application, CandidateProfile, Resume, StageChange


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
