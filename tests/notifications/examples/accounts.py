"""recruit.accounts: allauth's account emails, as the adapter (recruit/accounts/adapter.py `send_mail`) renders
them: allauth's context with its links moved onto SITE_URL, plus the address and the name."""

EXAMPLE_SITE = "https://careers.example.com"


def _account(**links):
    return lambda: {"email": "li.mei@example.com", "name": "李梅", **links}


EXAMPLES = {
    "email_confirmation": _account(activate_url=f"{EXAMPLE_SITE}/accounts/confirm-email/MQ:key/"),
    "email_confirmation_signup": _account(activate_url=f"{EXAMPLE_SITE}/accounts/confirm-email/MQ:key/"),
    "password_reset_key": _account(password_reset_url=f"{EXAMPLE_SITE}/accounts/password/reset/key/1-set/"),
    "unknown_account": _account(signup_url=f"{EXAMPLE_SITE}/accounts/signup/"),
    "account_already_exists": _account(password_reset_url=f"{EXAMPLE_SITE}/accounts/password/reset/"),
}
