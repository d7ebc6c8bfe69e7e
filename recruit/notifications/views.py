from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Notification
from .services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 20


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
