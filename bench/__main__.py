"""Run every benchmark on a fresh database and print the table: ``python -m bench``."""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
PARTS = (
    "pages",
    "excel",
    "documents",
    "agenda",
    "portal",
    "reading",
    "search",
    "workplan",
    "cycle",
    "followup",
    "mail",
)
POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()

    from bench.environment import django_environment

    with django_environment(args.database_url) as machine:
        from bench import data, documents, excel, pages, report

        print(f"Database ready ({machine['Database']}); loading the demo data ...", flush=True)
        admin = data.reference_data()
        page_results, excel_result, document_results = [], None, []
        if "pages" in args.only:
            print(f"Plan page and admin changelist at {_sizes(args.sizes)} items ...", flush=True)
            page_results = pages.run(admin=admin, sizes=args.sizes, repeat=args.repeat)
        if "excel" in args.only:
            print("Excel export and import ...", flush=True)
            excel_result = excel.run(admin=admin, repeat=args.repeat_documents)
        if "documents" in args.only:
            print("Committee extract as .docx and PDF ...", flush=True)
            document_results = documents.run(repeat=args.repeat_documents)
        sections, extra_targets = [], []
        if "agenda" in args.only:
            from bench import agenda

            print("Agenda of 30 items as .docx and PDF, and LibreOffice's PDF ...", flush=True)
            agenda_results = agenda.run(admin=admin, repeat=args.repeat_documents)
            sections.append(agenda.table(agenda_results))
            extra_targets += agenda.targets(agenda_results)
        if "portal" in args.only:
            from bench import portal

            print(f"Public meeting page under load on {args.portal_database_url} ...", flush=True)
            portal_result = portal.run(database_url=args.portal_database_url)
            sections.append(portal.table(portal_result))
            extra_targets += [report.Target(*row) for row in portal.targets(portal_result)]
        if "reading" in args.only:
            from bench import reading

            print("Reading and importing a generated corpus of agendas and minutes ...", flush=True)
            reading_result = reading.run(postgres_url=args.portal_database_url)
            sections.append(reading.table(reading_result))
            extra_targets += reading.targets(reading_result)
        if "search" in args.only:
            from bench import search

            print("Search over 100,000 agenda items against a substring scan ...", flush=True)
            search_result = search.run(postgres_url=args.portal_database_url)
            sections.append(search.table(search_result))
            extra_targets += search.targets(search_result)
        if "workplan" in args.only:
            from bench import workplan

            print("Committee work plan at Aarhus scale ...", flush=True)
            workplan_result = workplan.run(admin=admin, repeat=args.repeat)
            sections.append(workplan.table(workplan_result))
            extra_targets += workplan.targets(workplan_result)
        if "cycle" in args.only:
            from bench import cycle

            print("The annual cycle's wheel at Aarhus scale ...", flush=True)
            cycle_result = cycle.run(admin=admin, repeat=args.repeat)
            sections.append(cycle.table(cycle_result))
            extra_targets += cycle.targets(cycle_result)
        if "followup" in args.only:
            from bench import followup

            print("Status round on 1,500 items and 200 people ...", flush=True)
            followup_results = followup.run(admin=admin, repeat=args.repeat)
            sections.append(followup.table(followup_results))
            extra_targets += followup.targets(followup_results)
        if "mail" in args.only:
            from bench import mail

            print("200 reminder mails through an SMTP server on loopback ...", flush=True)
            mail_result = mail.run(repeat=args.repeat_documents)
            sections.append(mail.table(mail_result))
            extra_targets += mail.targets(mail_result)
        options: dict[str, object] = {
            "Repeats": f"{args.repeat} (pages), {args.repeat_documents} (Excel, documents)"
        }
        table = report.render(
            machine=machine,
            options=options,
            pages=page_results,
            excel=excel_result,
            documents=document_results,
            elapsed=time.perf_counter() - started,
            sections=sections,
            extra_targets=extra_targets,
        )
        if args.profile:
            from bench.profiling import plan_page_profile

            table += "\n" + plan_page_profile(admin=admin, items=args.profile)

    print()
    print(table, end="")
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{datetime.datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(table, encoding="utf-8")
        print(f"\nSaved to {path}")
    return 0


def _sizes(sizes: tuple[int, ...]) -> str:
    return ", ".join(f"{size:,}" for size in sizes)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Kursen's benchmarks on a fresh temporary database. Prints a table of "
        "medians beside the targets; asserts nothing.",
    )
    parser.add_argument(
        "--database-url",
        help="run on this database instead of a temporary SQLite file, e.g. "
        "postgres://user:pw@host/kursen (a test_ database is created beside it and dropped)",
    )
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per page (default: 15)")
    parser.add_argument(
        "--repeat-documents",
        type=int,
        default=5,
        help="timed runs per Excel and extract operation (default: 5)",
    )
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(n) for n in text.split(",")),
        default=(200, 2_000, 20_000),
        help="plan sizes for the page benchmark, comma-separated (default: 200,2000,20000)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=PARTS,
        default=list(PARTS),
        help="run only these benchmarks (default: all)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="ITEMS",
        nargs="?",
        const=2_000,
        help="also profile the plan page at ITEMS items (default 2000) and print the top calls",
    )
    parser.add_argument(
        "--portal-database-url",
        default=POSTGRES,
        help=f"PostgreSQL server for the portal under load (default: {POSTGRES}); a database "
        "of its own is created there and dropped",
    )
    parser.add_argument(
        "--no-save", action="store_true", help="do not write the table to bench/results/"
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
