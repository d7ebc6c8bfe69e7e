from django import template
from django.conf import settings

from recruit.accounts.timezones import COOKIE_NAME, event_times, visitor_time_zone

register = template.Library()


def viewer_time_zone(request) -> str | None:
    """The zone to show a viewer's own time in: the one on their account, else their browser's; a signed-in
    user who has neither reads the portal's (settings.TIME_ZONE), which their account stands for until they
    choose, unless they chose "none" (an empty cookie). A visitor we know nothing of sees the session's time
    alone (their browser reports its zone, see static/js/time_zone.js), rather than a "your time" that may not
    be theirs."""
    if request is None:
        return None
    zone = visitor_time_zone(request)
    if zone is None and request.user.is_authenticated and COOKIE_NAME not in request.COOKIES:
        return settings.TIME_ZONE
    return zone


@register.simple_tag(takes_context=True)
def session_times(context, session):
    """`{% session_times session as when %}`: `when.own` in the session's zone, `when.local` in the viewer's
    (None when their clock says the same)."""
    return event_times(session.starts_at, session.ends_at, session.time_zone, viewer_time_zone(context.get("request")))


@register.filter
def duration_text(minutes: int) -> str:
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
    return ngettext("%(minutes)d minute", "%(minutes)d minutes", rest) % {"minutes": rest}
