"""The ``frontlijn`` console command: a thin wrapper around Django's management commands.

``frontlijn demo``, ``frontlijn migrate``, ``frontlijn serve`` and every other management
command of the project are available as ``frontlijn <command>``.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontlijn.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["frontlijn", *sys.argv[1:]])


if __name__ == "__main__":
    main()
