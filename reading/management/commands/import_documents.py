"""`kursen import-documents PATH|URL...`: read published agendas and minutes into Kursen.

A URL is a FirstAgenda publication service; its meetings are fetched (only here, run on
purpose) and read like files."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from reading.importer import FileSummary
from reading.publications import fetch
from reading.reader import ReadError, read_bytes, read_file
from reading.services import document_import_store

SUFFIXES = {".txt", ".pdf", ".html", ".htm", ".json", ".zip"}


def document_paths(paths: list[str]) -> list[Path]:
    """The files named, and the readable files inside the folders named, in name order."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"Findes ikke: {name}")
    return found


class Command(BaseCommand):
    help = (
        "Indlæser udgivne dagsordener og referater (.txt, .pdf, .html; filer eller mapper) som "
        "udvalg, møder, sager, dagsordenspunkter, beslutninger og bilag. Samme dokument to gange "
        "ændrer intet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="+",
            metavar="STI",
            help="filer eller mapper, eller adressen på en FirstAgenda-udgivelse (https://…)",
        )
        parser.add_argument(
            "--siden",
            metavar="ÅÅÅÅ-MM-DD",
            help="fra en adresse: kun møder på eller efter denne dato",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="vis hvad der ville ændres, uden at gemme"
        )
        parser.add_argument(
            "--user",
            metavar="BRUGERNAVN",
            help="registrér ændringerne på denne bruger, med brugerens rettigheder",
        )

    def handle(self, *args, paths, dry_run=False, user=None, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Ukendt bruger: {user}")
        addresses = [name for name in paths if fetch.is_address(name)]
        files = document_paths([name for name in paths if not fetch.is_address(name)])
        if not files and not addresses:
            raise CommandError("Ingen dagsordener eller referater fundet (.txt, .pdf, .html).")
        summaries: list[FileSummary] = []
        sources = [(path.name, path) for path in files]
        for address in addresses:
            try:
                sources += list(fetch.meetings(address, since=options.get("siden")))
            except ReadError as error:
                raise CommandError(error.message) from None
        progress = tqdm(sources, desc="Indlæser", unit=" filer", disable=None, file=self.stderr)
        for name, source in progress:
            try:
                if isinstance(source, ReadError):
                    raise source
                parsed = (
                    read_bytes(source, name) if isinstance(source, bytes) else read_file(source)
                )
            except ReadError as error:
                summary = FileSummary(source=name, error=error.message, dry_run=dry_run)
            else:
                # With --user, that user's rights apply, as on the review page.
                summary = document_import_store(parsed=parsed, user=actor, dry_run=dry_run)
            summaries.append(summary)
        progress.close()

        for summary in summaries:
            self.stdout.write(summary.line())
            for warning in summary.warnings:
                self.stdout.write(f"    advarsel: {warning}")
            if options["verbosity"] > 1:
                for change in summary.changes:
                    self.stdout.write(f"    {change}")
        failed = [s for s in summaries if s.error]
        changed = [s for s in summaries if s.changed]
        heading = "Prøvekørsel – intet er gemt. " if dry_run else ""
        self.stdout.write(
            f"{heading}{len(summaries)} filer: {len(changed)} med ændringer, "
            f"{len(summaries) - len(changed) - len(failed)} uden ændringer, {len(failed)} med fejl."
        )
        if failed:
            raise CommandError(f"{len(failed)} filer kunne ikke indlæses; de øvrige er indlæst.")
