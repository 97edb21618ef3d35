"""The strategic plan: the course per theme and year, the SDGs chosen on the plan, the pages
that show and edit them, and their bad input."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisation.sdgs import COLOURS, contrast, text_colour
from plans import services
from plans.models import Item, Theme, ThemeCourse
from tests.factories import ItemFactory, SdgFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sdgs(db):
    names = {
        3: "Sundhed og trivsel",
        4: "Kvalitetsuddannelse",
        13: "Klimaindsats",
        17: "Partnerskaber for handling",
        14: "Livet i havet",
    }
    return {number: SdgFactory(number=number, name=name) for number, name in names.items()}


@pytest.fixture
def chosen(plan, sdgs, administrator):
    services.plan_choose_sdgs(
        plan=plan, sdgs=[sdgs[3], sdgs[13], sdgs[17]], expected=[], user=administrator
    )
    return plan


@pytest.fixture
def strategic(chosen, theme, item, administrator, sdgs):
    item.themes.add(theme)
    Item.objects.filter(pk=item.pk).update(coordination="Jobcentret koordinerer med HR.")
    theme = services.theme_update(
        theme=theme,
        fields={"strategy_link": "Det blå og det grønne."},
        sdgs=[sdgs[13]],
        expected_version=theme.version,
        user=administrator,
    )
    services.theme_course_set(
        theme=theme,
        year=2025,
        text="Budget i balance i 2025.",
        expected_version=0,
        user=administrator,
    )
    services.theme_course_set(
        theme=theme,
        year=2026,
        text="Varige tilpasninger i 2026.",
        expected_version=0,
        user=administrator,
    )
    return theme


# --- Services --------------------------------------------------------------------------------


def test_a_theme_has_one_course_per_year_with_history(strategic, administrator):
    courses = dict(strategic.courses.values_list("year", "text"))
    assert courses == {2025: "Budget i balance i 2025.", 2026: "Varige tilpasninger i 2026."}

    course = ThemeCourse.objects.get(theme=strategic, year=2026)
    services.theme_course_set(
        theme=strategic, year=2026, text="Ny kurs.", expected_version=1, user=administrator
    )
    history = list(course.history.order_by("history_date").values_list("text", flat=True))
    assert history == ["Varige tilpasninger i 2026.", "Ny kurs."]
    assert course.history.first().history_user == administrator


def test_a_course_written_over_a_newer_one_is_refused(strategic, administrator):
    with pytest.raises(services.StaleEdit):
        services.theme_course_set(
            theme=strategic, year=2026, text="Gammel side.", expected_version=0, user=administrator
        )
    assert ThemeCourse.objects.get(theme=strategic, year=2026).text == "Varige tilpasninger i 2026."


def test_a_course_outside_the_plans_years_is_refused(strategic, administrator):
    with pytest.raises(ValidationError) as error:
        services.theme_course_set(
            theme=strategic, year=2031, text="x", expected_version=0, user=administrator
        )
    assert "ligger ikke i planens periode 2025-2028" in str(error.value)


def test_an_empty_course_removes_that_years_course(strategic, administrator):
    services.theme_course_set(
        theme=strategic, year=2025, text="  ", expected_version=1, user=administrator
    )
    assert list(strategic.courses.values_list("year", flat=True)) == [2026]


def test_theme_update_is_refused_when_someone_saved_it_since(strategic, administrator, sdgs):
    stale = strategic.version - 1
    with pytest.raises(services.StaleEdit):
        services.theme_update(
            theme=strategic,
            fields={"name": "Andet"},
            sdgs=[],
            expected_version=stale,
            user=administrator,
        )
    assert Theme.objects.get(pk=strategic.pk).name == "Økonomi og budget i balance"


def test_a_theme_is_tied_only_to_the_plans_chosen_sdgs(strategic, administrator, sdgs):
    theme = services.theme_update(
        theme=strategic,
        fields={},
        sdgs=[sdgs[13], sdgs[14]],
        expected_version=strategic.version,
        user=administrator,
    )
    assert [s.number for s in theme.sdgs.all()] == [13]


def test_choosing_the_plans_sdgs_is_recorded_and_refused_over_a_newer_choice(
    chosen, sdgs, administrator, strategic
):
    assert sorted(chosen.chosen_sdgs.values_list("number", flat=True)) == [3, 13, 17]
    with pytest.raises(services.StaleEdit):
        services.plan_choose_sdgs(plan=chosen, sdgs=[sdgs[4]], expected=[], user=administrator)

    services.plan_choose_sdgs(
        plan=chosen, sdgs=[sdgs[3], sdgs[17]], expected=[3, 13, 17], user=administrator
    )
    record = chosen.history.first()
    assert record.history_user == administrator
    assert sorted(r.sdg.number for r in record.chosen_sdgs.all()) == [3, 17]
    # A theme loses its tie to a goal no longer chosen.
    assert list(Theme.objects.get(pk=strategic.pk).sdgs.all()) == []


def test_every_sdg_badge_colour_has_readable_text():
    for number, colour in COLOURS.items():
        assert contrast(colour, text_colour(colour)) >= 4.5, number


# --- The strategic plan page ------------------------------------------------------------------


def test_strategic_plan_shows_each_themes_course_of_the_chosen_year_items_kkc_and_sdgs(
    reader_client, plan, strategic, item
):
    url = reverse("plans:strategy", args=[plan.pk])
    page = reader_client.get(url + "?aar=2026").content.decode()

    assert "Økonomi og budget i balance" in page
    assert "Kursen for 2026" in page and "Varige tilpasninger i 2026." in page
    assert "Budget i balance i 2025." not in page
    assert "Det blå og det grønne." in page
    assert "Jobcentret koordinerer med HR." in page
    assert item.title in page and "I gang" in page
    assert "Klimaindsats" in page and "Udvalgt" in page
    assert "Redigér temaet" not in page  # a reader reads, edits nothing

    page = reader_client.get(url + "?aar=2025").content.decode()
    assert "Budget i balance i 2025." in page


def test_strategic_plan_says_when_a_years_course_is_not_written(reader_client, plan, strategic):
    page = reader_client.get(reverse("plans:strategy", args=[plan.pk]) + "?aar=2027")
    assert "Kursen for 2027 er ikke skrevet endnu." in page.content.decode()


@pytest.mark.parametrize("year", ["abc", "2031", "99999999999999999999", "-1"])
def test_a_year_outside_the_plan_is_a_danish_error_not_a_500(reader_client, plan, strategic, year):
    response = reader_client.get(reverse("plans:strategy", args=[plan.pk]), {"aar": year})
    assert response.status_code == 400
    assert "Vælg et af planens år (2025-2028)." in response.content.decode()


def test_the_administrator_writes_a_course_on_kursens_own_page(admin_client_, plan, strategic):
    url = reverse("plans:course_edit", args=[strategic.pk, 2027])
    assert admin_client_.get(url).status_code == 200
    response = admin_client_.post(url, {"text": "Kursen for 2027 er lagt.", "version": "0"})
    assert response.status_code == 302
    page = admin_client_.get(response.url).content.decode()
    assert "Kursen for 2027 er lagt." in page


def test_a_stale_course_form_is_refused_and_shows_the_saved_text(admin_client_, strategic):
    url = reverse("plans:course_edit", args=[strategic.pk, 2026])
    response = admin_client_.post(url, {"text": "Min tekst", "version": "0"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nogen har gemt årets kurs, mens du skrev" in page
    assert "Varige tilpasninger i 2026." in page


@pytest.mark.parametrize(
    "data", [{"text": "x"}, {"text": "x", "version": "abc"}, {"text": "x" * 5001, "version": "1"}]
)
def test_bad_course_input_is_a_danish_error(admin_client_, strategic, data):
    response = admin_client_.post(reverse("plans:course_edit", args=[strategic.pk, 2026]), data)
    assert response.status_code == 400
    assert "Kursen er ikke gemt" in response.content.decode()


def test_a_course_for_a_year_outside_the_plan_is_not_found(admin_client_, strategic):
    assert (
        admin_client_.get(reverse("plans:course_edit", args=[strategic.pk, 2040])).status_code
        == 404
    )


def test_theme_edit_and_create_with_bad_input_show_danish_errors(admin_client_, plan, strategic):
    url = reverse("plans:theme_edit", args=[strategic.pk])
    response = admin_client_.post(url, {"name": "", "position": "x", "version": strategic.version})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Temaet er ikke gemt" in page and "Angiv et helt tal" in page

    other = ThemeFactory(plan=plan, name="Klima")
    response = admin_client_.post(
        reverse("plans:theme_create", args=[plan.pk]), {"name": other.name, "position": "1"}
    )
    assert response.status_code == 400


def test_the_administrator_edits_a_theme_and_a_stale_form_is_refused(
    admin_client_, strategic, sdgs
):
    url = reverse("plans:theme_edit", args=[strategic.pk])
    data = {
        "name": "Økonomi i balance",
        "description": "Ny",
        "strategy_link": "Bybåndet",
        "sdgs": [sdgs[17].pk],
        "position": "0",
        "version": strategic.version,
    }
    assert admin_client_.post(url, data).status_code == 302
    theme = Theme.objects.get(pk=strategic.pk)
    assert (theme.name, [s.number for s in theme.sdgs.all()]) == ("Økonomi i balance", [17])
    assert theme.history.first().history_user.username == "admin"

    response = admin_client_.post(url, data)  # the same, older version again
    assert response.status_code == 409
    assert "Nogen har gemt temaet" in response.content.decode()


def test_editors_and_readers_may_not_edit_themes_courses_or_the_sdg_choice(
    editor_client, reader_client, plan, strategic
):
    urls = [
        reverse("plans:theme_edit", args=[strategic.pk]),
        reverse("plans:course_edit", args=[strategic.pk, 2026]),
        reverse("plans:theme_create", args=[plan.pk]),
        reverse("plans:plan_sdgs", args=[plan.pk]),
    ]
    for client in (editor_client, reader_client):
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"text": "x", "version": "1"}).status_code == 403, url
    assert ThemeCourse.objects.get(theme=strategic, year=2026).text == "Varige tilpasninger i 2026."


def test_the_administrator_chooses_the_plans_sdgs_on_kursens_page(admin_client_, chosen, sdgs):
    url = reverse("plans:plan_sdgs", args=[chosen.pk])
    page = admin_client_.get(url).content.decode()
    assert "Livet i havet" in page
    response = admin_client_.post(url, {"sdgs": [sdgs[4].pk, sdgs[14].pk], "based_on": "3,13,17"})
    assert response.status_code == 302
    assert sorted(chosen.chosen_sdgs.values_list("number", flat=True)) == [4, 14]

    stale = admin_client_.post(url, {"sdgs": [sdgs[3].pk], "based_on": "3,13,17"})
    assert stale.status_code == 409
    assert "Nogen har ændret planens verdensmål" in stale.content.decode()
    assert sorted(chosen.chosen_sdgs.values_list("number", flat=True)) == [4, 14]


@pytest.mark.parametrize(
    "data",
    [
        {"sdgs": ["abc"], "based_on": "3,13,17"},
        {"sdgs": ["999999"], "based_on": "3,13,17"},
        {"based_on": "tre"},
    ],
)
def test_bad_sdg_choices_are_danish_errors(admin_client_, chosen, data):
    response = admin_client_.post(reverse("plans:plan_sdgs", args=[chosen.pk]), data)
    assert response.status_code == 400
    assert "Valget er ikke gemt" in response.content.decode()


def test_plan_page_counts_items_per_sdg_marks_the_chosen_and_filters(
    reader_client, chosen, au, sdgs
):
    for n in range(3):
        ItemFactory(plan=chosen, committee=au, code=f"K-{n}", title=f"Klimaindsats {n}").sdgs.add(
            sdgs[13]
        )
    ItemFactory(plan=chosen, committee=au, code="H-1", title="Havindsats").sdgs.add(sdgs[14])
    page = reader_client.get(chosen.get_absolute_url()).content.decode()
    counts = page[page.index('id="sdg-counts-heading"') :]
    assert 'Klimaindsats</span><span class="sdg__chosen">Udvalgt' in counts
    assert 'Livet i havet</span><span class="sdg__count">(1)' in counts
    assert "(3)" in counts

    filtered = reader_client.get(chosen.get_absolute_url(), {"sdg": sdgs[14].pk}).content.decode()
    assert "Havindsats" in filtered and "K-1" not in filtered


def test_item_page_shows_its_sdgs_as_badges_with_the_chosen_marked(
    reader_client, chosen, item, sdgs
):
    item.sdgs.set([sdgs[13], sdgs[14]])
    page = reader_client.get(item.get_absolute_url()).content.decode()
    assert "sdg__number--13" in page and "sdg__number--14" in page
    assert page.count('class="sdg sdg--chosen"') == 1


def test_strategic_plan_queries_do_not_grow_with_themes_courses_and_items(
    reader_client, chosen, au, buu, sdgs, administrator
):
    """A plan has a handful of themes but each gathers dozens of items from every committee;
    the page must not query per theme or item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("plans:strategy", args=[chosen.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert reader_client.get(url).status_code == 200
        return len(captured)

    def add_theme(n: int, items: int) -> None:
        theme = ThemeFactory(plan=chosen, name=f"Tema {n}", position=n)
        theme.sdgs.set([sdgs[3], sdgs[13]])
        for year in (2025, 2026):
            ThemeCourse.objects.create(theme=theme, year=year, text=f"Kurs {n} {year}")
        for i in range(items):
            item = ItemFactory(plan=chosen, committee=au if i % 2 else buu, code=f"{n}-{i}")
            item.themes.add(theme)
            item.sdgs.add(sdgs[17])

    add_theme(0, 1)
    few = queries()
    for n in range(1, 6):
        add_theme(n, 12)
    assert queries() == few


def test_the_item_form_marks_the_plans_chosen_sdgs(editor_client, chosen, item):
    page = editor_client.get(reverse("plans:item_edit", args=[item.pk])).content.decode()
    assert "13. Klimaindsats (udvalgt af kommunen)" in page
    assert "14. Livet i havet (udvalgt" not in page


def test_an_older_export_with_one_course_column_imports_it_as_the_first_years(plan):
    from plans.excel import _course_years

    assert _course_years(["Årets kurs"], plan) == [2025]
    assert _course_years(["Kursen for 2026", "Kursen for 2031", "Noter"], plan) == [
        2026,
        None,
        None,
    ]
