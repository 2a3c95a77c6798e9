"""Command-line entry point: `lantu COMMAND`, Django's management commands plus Lantu's own."""

import os
import sys


def main() -> None:
    """Run a management command; `api-token` and `api_token` name the same command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "lantu"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
