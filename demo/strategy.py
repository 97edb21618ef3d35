"""The demo's strategic plan: the themes' course for 2025 and 2026, their ties to the plan and
development strategy, and the six SDGs Norddjurs chose (seed 000: "Som afsæt for plan- og
udviklingsstrategien er 6 af FN's verdensmål udpeget"). Idempotent: only what is missing is
written, through the services."""

from __future__ import annotations

from django.contrib.auth.models import User

from demo import norddjurs as data
from organisation.models import Sdg
from plans import services
from plans.models import Plan, Theme, ThemeCourse

# The seeds name the plan and development strategy's strengths: the blue and the green, the
# town belt as the engine of growth and the coast belt as the gateway to experiences.
STRATEGY = (
    "Udmøntningen tager strategisk udgangspunkt i den politisk vedtagne plan- og "
    "udviklingsstrategi, herunder styrkepositionerne det blå og det grønne samt bybåndet som "
    "motor for udvikling og kystbåndet som porten til oplevelser."
)

# theme name -> (tie to the strategy, SDG numbers, course 2025, course 2026)
THEMES = {
    "Økonomi og budget i balance": (
        f"{STRATEGY} Et budget i balance er forudsætningen for at investere i styrkepositionerne.",
        [8, 11],
        "Råderumsforslagene implementeres, og effektiviseringsbidraget udmøntes med fokus på "
        "kloge m² og digitalisering. Budgetterne efterses på de store velfærdsområder.",
        "Eftersynet af budgetterne på det specialiserede område omsættes til varige "
        "tilpasninger, og budgetopfølgningerne viser balance i alle udvalg.",
    ),
    "Rekruttering, fastholdelse og HR": (
        "Vores Norddjurs: tillid, ordentlighed, udvikling og fællesskab. Gode arbejdsfællesskaber "
        "er en del af løsningen af kerneopgaven.",
        [3, 4, 8],
        "Fastholdelse af medarbejdere på velfærdsområderne og styrket ledelsesudvikling.",
        "Flere elever og studerende gennemfører deres uddannelse i kommunen, og sygefraværet på "
        "ældreområdet nedbringes med en fælles trivselsindsats.",
    ),
    "Klima og den grønne omstilling": (
        f"{STRATEGY} Klimahandlingsplanen (DK2020) er kommunens bidrag til det grønne.",
        [11, 13],
        "Flådestyring og energirenovering reducerer CO2-udledningen.",
        "Klimatilpasningen langs kysten planlægges med lodsejerne, og de kommunale bygninger "
        "bruger 10 pct. mindre energi end i 2024.",
    ),
    "Samarbejder og partnerskaber": (
        "Verdensmålet partnerskab for handling er et af værktøjerne til at skabe vækst og "
        "udvikling; kommunens partnerskaber er et strategisk virkemiddel i udmøntningen.",
        [8, 17],
        "Partnerskaberne omsættes til konkrete projekter i kystbåndet.",
        "Partnerskabet med Halmstad og Grenaa Havn giver to fælles projekter om det blå, og "
        "Anholt får en plan for helårsliv.",
    ),
    "Samskabelse og borgerens møde med kommunen": (
        "Lokaldemokrati i nybrud: borgerne inddrages i udviklingen af deres lokalsamfund, som "
        "plan- og udviklingsstrategien lægger op til.",
        [3, 11, 17],
        "Borgerinddragelse i lokalsamfundene og bedre digital selvbetjening.",
        "Alle lokalråd har en udviklingsplan, og borgerens møde med kommunen måles i en fælles "
        "tilfredshedsundersøgelse.",
    ),
}


def demo_strategy(*, plan: Plan, user: User) -> None:
    """Choose the six SDGs on the plan and write what its themes lack."""
    chosen = list(Sdg.objects.filter(number__in=data.CHOSEN_SDGS))
    if not plan.chosen_sdgs.exists():
        services.plan_choose_sdgs(plan=plan, sdgs=chosen, expected=[], user=user)
    by_number = {sdg.number: sdg for sdg in chosen}
    for theme in Theme.objects.filter(plan=plan, name__in=list(THEMES)):
        link, numbers, *courses = THEMES[theme.name]
        if not theme.strategy_link:
            services.theme_update(
                theme=theme,
                fields={"strategy_link": link},
                sdgs=[by_number[n] for n in numbers],
                expected_version=theme.version,
                user=user,
            )
        for year, text in zip(plan.years, courses, strict=False):
            if not ThemeCourse.objects.filter(theme=theme, year=year).exists():
                services.theme_course_set(
                    theme=theme, year=year, text=text, expected_version=0, user=user
                )
