#!/usr/bin/env python
import os
import sys

# Commands that only read the code (models, strings), never serve, send or store:
# they run without the secrets that DEBUG off requires (SECRET_KEY, SITE_URL).
OFFLINE_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruit.settings")
    if sys.argv[1:2] and sys.argv[1] in OFFLINE_COMMANDS:
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
