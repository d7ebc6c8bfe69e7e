from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notification
from .services import notifications_send_again


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The outbox, to watch delivery. Rows are written by the portal, never here.

    The bodies are left out on purpose: account emails carry sign-in and
    password-reset links, which staff must not be able to use. Attachments
    are named, not shown.
    """

    list_display = ["email", "event", "status", "created_at", "sent_at"]
    list_filter = ["status", "event", "topic"]
    search_fields = ["email", "subject"]
    date_hierarchy = "created_at"
    fields = [
        "recipient",
        "email",
        "event",
        "topic",
        "key",
        "subject",
        "link",
        "attachment_names",
        "message_id",
        "holds_secret",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "claimed_at",
        "sent_at",
        "read_at",
    ]
    readonly_fields = fields
    raw_id_fields = ["recipient"]
    actions = ["send_again"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_list()

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("attachments"))
    def attachment_names(self, notification) -> str:
        return ", ".join(attachment["filename"] for attachment in notification.attachments) or "—"

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request, queryset):
        count = notifications_send_again(notification_ids=queryset.values_list("pk", flat=True))
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d failed notification will be sent again.",
                    "%(count)d failed notifications will be sent again.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("Only failed notifications are sent again."), messages.WARNING)
