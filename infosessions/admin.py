from django.contrib import admin

from .models import Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: registrations change through the pages and their services (waitlist, check-in)."""

    list_display = ["user", "session", "state", "created_at", "attended_at"]
    list_filter = ["state"]
    search_fields = ["user__email", "user__name", "session__university_en"]
    list_select_related = ["user", "session"]
    raw_id_fields = ["user", "session"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
