"""`kursen reindex`: build the search index again from everything in the database."""

from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Bygger søgeindekset forfra: indsatser, statusnoter, sager, dagsordenspunkter, "
        "beslutninger og bilagenes tekst. Søgningen følger ellers selv med; kør kommandoen "
        "efter en opgradering eller en indlæsning uden om Kursens services."
    )

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Søgeindekset har {count} poster.")
