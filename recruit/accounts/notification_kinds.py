"""Account emails (allauth's, written to the outbox by the adapter): account security, always sent.

The event is allauth's template name. Every email allauth can send is declared, also those it sends from its own
templates, so turning on one of allauth's notifications (a changed password, a sign-in code) never meets an
undeclared event; a test compares this list with allauth's templates.
"""

from django.utils.translation import gettext_lazy as _

from recruit.notifications.kinds import Kind

ACCOUNT = _("Your account: sign-in, address verification, password and deleting the account")

TOPICS = []
KINDS = [
    Kind(event, label=ACCOUNT)
    for event in (
        "email_confirmation",
        "email_confirmation_signup",
        "password_reset_key",
        "password_reset_code",
        "unknown_account",
        "account_already_exists",
        "login_code",
        "password_changed",
        "password_set",
        "password_reset",
        "email_changed",
        "email_confirm",
        "email_deleted",
    )
]
