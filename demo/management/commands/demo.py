from django.core.management.base import BaseCommand

from demo.loader import PLAN_NAME, demo_load
from demo.norddjurs import USERS


class Command(BaseCommand):
    help = "Indlæser demokommunen (idempotent): udvalg, direktører, verdensmål, brugere og en plan."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Kun hvis databasen mangler planer eller møder."
        )

    def handle(self, *args, if_empty: bool = False, **options):
        from meetings.models import Meeting
        from plans.models import Plan

        if if_empty and Plan.objects.exists() and Meeting.objects.exists():
            self.stdout.write("Databasen har allerede data; demodata springes over.")
        else:
            result = demo_load()
            self.stdout.write(
                f"{PLAN_NAME}: {result['items_created']} indsatser oprettet, "
                f"{result['items_total']} i alt; "
                f"{result.get('meetings_created', 0)} møder oprettet."
            )
        self.stdout.write("Demo-logins (brugernavn / adgangskode / rolle):")
        for username, password, _first, _last, role, _b, _d in USERS:
            self.stdout.write(f"  {username} / {password} / {role}")
