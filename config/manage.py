"""The `kursen` console command: Django's manage.py under the product's name."""

import os
import sys

# Commands spelled with a hyphen on the console; a Python module name cannot have one.
ALIASES = {"read-document": "read_document", "import-documents": "import_documents"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
