from django.core.management.base import BaseCommand
from django.db import transaction

from cycle import services


class Command(BaseCommand):
    help = (
        "Place the annual cycle's events on the bodies' meetings (the forward plan's topics). "
        "A dry run that only reports, unless --commit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true", help="Store the placements.")

    def handle(self, *args, commit: bool = False, **options):
        with transaction.atomic():
            result = services.cycle_place()
            self.stdout.write(
                f"{result.placed} nye, {result.moved} flyttet, {result.removed} fjernet, "
                f"{result.awaiting} afventer dato."
            )
            if not commit:
                transaction.set_rollback(True)
                self.stdout.write("Intet er gemt (prøvekørsel). Brug --commit for at gemme.")
