from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import kinds
from .forms import NotificationSettingsForm
from .models import Notification
from .preferences import (
    BadUnsubscribeLink,
    StaleUnsubscribeLink,
    preferences_of,
    preferences_set,
    topic_enabled,
    unsubscribe_target,
)
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 20
# RFC 8058: what a mail program POSTs to the List-Unsubscribe link (the confirmation page's form posts it too).
ONE_CLICK = ("List-Unsubscribe", "One-Click")


@login_required
def notification_list(request):
    """The signed-in user's notifications, newest first, unread ones marked."""
    notifications = Notification.objects.visible_to(request.user).for_list()
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@login_required
def notification_read(request, pk):
    """Mark one notification read and open what it is about."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user).for_list(), pk=pk)
    notification_mark_read(notification=notification, user=request.user)
    return redirect(notification.local_link or "notifications:list")


@require_POST
@login_required
def notification_read_all(request):
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    """The topics the user may turn off, each with a checkbox, and what is always sent."""
    topics = kinds.topics_for(request.user)
    # Bound on any POST: unticking every box posts no field of the form at all.
    data = request.POST if request.method == "POST" else None
    form = NotificationSettingsForm(data, topics=topics, preferences=preferences_of(request.user))
    if form.is_valid():
        preferences_set(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/notification_settings.html",
        {"form": form, "topics": topics, "essentials": kinds.essential_labels()},
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token):
    """The link in a non-essential email: GET asks to confirm, POST (the page's button, or a mail program's
    one-click unsubscribe, RFC 8058) turns the topic off. No session needed: the signed link is the permission,
    so no CSRF token either (a forged request would need the link, and could only turn an email off)."""
    try:
        user, topic = unsubscribe_target(token)
    except BadUnsubscribeLink:
        return render(request, "notifications/unsubscribe.html", {"state": "bad"}, status=400)
    except StaleUnsubscribeLink:
        return render(request, "notifications/unsubscribe.html", {"state": "stale"}, status=404)
    if request.method == "POST":
        if request.POST.get(ONE_CLICK[0]) != ONE_CLICK[1]:
            return render(request, "notifications/unsubscribe.html", {"state": "bad"}, status=400)
        preferences_set(user=user, choices={topic.slug: False})
        return render(request, "notifications/unsubscribe.html", {"state": "done", "topic": topic})
    state = "confirm" if topic_enabled(user=user, topic=topic.slug) else "done"
    return render(request, "notifications/unsubscribe.html", {"state": state, "topic": topic, "one_click": ONE_CLICK})
