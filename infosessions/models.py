"""Registrations for information sessions (postings.InfoSession): who comes, who waits, who came."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from postings.models import InfoSession

from . import codes


class RegistrationQuerySet(models.QuerySet):
    def holding_seats(self):
        """Registrations that take a seat: registered, or already checked in."""
        return self.filter(state__in=Registration.SEATED)

    def live(self):
        """Not cancelled: at most one per person and session."""
        return self.exclude(state=Registration.State.CANCELLED)

    def waitlist(self):
        """The waitlist, first come first."""
        return self.filter(state=Registration.State.WAITLISTED).order_by("created_at", "pk")


class Registration(models.Model):
    """A person's place at an information session: a seat, a place on the waitlist, cancelled, or attended."""

    class State(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Attended")

    SEATED = (State.REGISTERED, State.ATTENDED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="session_registrations", verbose_name=_("person")
    )
    session = models.ForeignKey(InfoSession, models.CASCADE, related_name="registrations", verbose_name=_("session"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.REGISTERED)
    check_in_code = models.CharField(_("check-in code"), max_length=codes.LENGTH, default=codes.new_code)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    promoted_at = models.DateTimeField(_("promoted from the waitlist"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    # The reminders wait here, not in the broker: a beat task sends what is due (services.session_reminders_send).
    reminded_24h_at = models.DateTimeField(_("reminded a day before"), null=True, blank=True)
    reminded_1h_at = models.DateTimeField(_("reminded an hour before"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=~Q(state="cancelled"),
                name="registration_one_live_per_person",
                violation_error_message=_("You are already registered for this session."),
            ),
            models.UniqueConstraint(fields=["session", "check_in_code"], name="registration_code_unique_in_session"),
            models.CheckConstraint(
                condition=Q(state__in=["registered", "waitlisted", "cancelled", "attended"]),
                name="registration_state_known",
            ),
            models.CheckConstraint(
                condition=~Q(state="attended") | Q(attended_at__isnull=False), name="registration_attended_has_time"
            ),
        ]
        indexes = [models.Index(fields=["session", "state", "created_at"], name="registration_session_state")]

    def __str__(self):
        return f"{self.user} — {self.session} ({self.get_state_display()})"

    @property
    def is_live(self) -> bool:
        return self.state != self.State.CANCELLED

    @property
    def check_in_code_grouped(self) -> str:
        return codes.grouped(self.check_in_code)
