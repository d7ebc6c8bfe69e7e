from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .timezones import MAX_LENGTH, is_known_zone, validate_time_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in by email.

    One name field: first and last name do not cover name patterns around the
    globe.
    """

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can sign in to the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    time_zone = models.CharField(
        _("time zone"),
        max_length=MAX_LENGTH,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Where the user is (e.g. Europe/Berlin): event times are also shown in it. Empty: not known."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the user's pages, emails and notifications. Empty: the browser's."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email

    def set_language(self, code: str) -> bool:
        """Remember the user's language; False for a language the portal has not, or no change."""
        if code not in dict(settings.LANGUAGES) or code == self.language:
            return False
        self.language = code
        self.save(update_fields=["language"])
        return True

    def set_time_zone(self, name: str) -> bool:
        """Remember where the user is ("" forgets it); False for a name that is not a zone, or no change."""
        if (name and not is_known_zone(name)) or name == self.time_zone:
            return False
        self.time_zone = name
        self.save(update_fields=["time_zone"])
        return True


class PersonalVersion(models.Model):
    """A token that changes whenever something a page shows of its user changes (see accounts/personal.py)."""

    user_id = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("personal version")
        verbose_name_plural = _("personal versions")

    def __str__(self):
        return f"{self.user_id}: {self.token}"
