"""`kursen read-document FILE`: print what the reader reads in an agenda or minutes file."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from reading.reader import ReadError, read_file


class Command(BaseCommand):
    help = "Læser en dagsorden, et referat eller en sag (.txt, .pdf, .html) og skriver JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="filen, der skal læses")

    def handle(self, *args, **options):
        try:
            document = read_file(options["file"])
        except ReadError as error:
            self.stderr.write(error.message)
            raise SystemExit(1) from None
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
