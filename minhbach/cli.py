"""The `minhbach` console command: Django's management commands under the project's name."""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. `minhbach migrate` or `minhbach rules due C2 2026-02-10`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["minhbach", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
