"""The authentication backends, loading each request's user with their personal version in one query."""

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_user_model

from .models import PersonalVersion
from .personal import TOKEN_ATTRIBUTE


class PersonalVersionMixin:
    def get_user(self, user_id):
        """The user with `personal_token` set: pages cache what they show of them under it.

        Every signed-in request asks this: plain SQL, as building the ORM query
        (a join on the personal version) costs three times what the database
        takes to answer it.
        """
        user_model = get_user_model()
        users, versions = user_model._meta.db_table, PersonalVersion._meta.db_table
        try:
            found = list(
                user_model._default_manager.raw(
                    f"SELECT u.*, v.token AS {TOKEN_ATTRIBUTE} FROM {users} u "  # noqa: S608 (the models' own tables)
                    f"LEFT JOIN {versions} v ON v.user_id = u.id WHERE u.id = %s",
                    [int(user_id)],
                )
            )
        except (TypeError, ValueError, OverflowError):
            return None
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(PersonalVersionMixin, django_backends.ModelBackend):
    """Django's backend (the admin's password check), with the personal version."""


class AuthenticationBackend(PersonalVersionMixin, allauth_backends.AuthenticationBackend):
    """allauth's backend (sign-in by email), with the personal version."""
