from django import template

from ..timezones import event_times, visitor_time_zone

register = template.Library()


@register.simple_tag(takes_context=True)
def times_of(context, event):
    """`{% times_of session as when %}`: `when.own` in the event's zone, `when.local` in the visitor's (or None)."""
    request = context.get("request")
    visitor_zone = visitor_time_zone(request) if request is not None else None
    return event_times(event.starts_at, event.ends_at, event.time_zone, visitor_zone)
