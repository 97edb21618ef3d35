import datetime

import pytest

from cycle import services
from cycle.models import Event
from meetings import generated
from organisation.models import Body
from tests.factories import BodyFactory, StandingItemFactory


@pytest.fixture
def board(db):
    return BodyFactory(name="Direktionen", abbreviation="DIR", kind=Body.Kind.EXECUTIVE_BOARD)


@pytest.fixture
def status_maker():
    """A small stand-in for the strategic plan's status document (h-strategy registers the
    real one): a PDF naming the plan."""
    previous = generated._makers.get(services.STRATEGIC_PLAN_STATUS)

    def make(*, obj_id, access, **context):
        from documents.pdf import note_pdf

        make.asked_for.append(context)
        return "strategisk-status.pdf", note_pdf(
            title="Status på den strategiske udmøntningsplan",
            context="Direktionen",
            text=f"Plan {obj_id} STATUSMARKØR",
        )

    make.asked_for = []  # the context of each call: the meeting's date (for_date)
    generated.register(services.STRATEGIC_PLAN_STATUS, make)
    yield make
    if previous is None:
        generated._makers.pop(services.STRATEGIC_PLAN_STATUS, None)
    else:
        generated.register(services.STRATEGIC_PLAN_STATUS, previous)


@pytest.fixture
def review(board, plan, theme):
    """The board's strategic review, twice a year (May and November), as its own item."""
    return services.event_create(
        fields={
            "title": "Strategisk opfølgning på udmøntningsplanen",
            "kind": Event.Kind.STRATEGIC_REVIEW,
            "start": datetime.date(2026, 5, 1),
            "rule": "FREQ=YEARLY;BYMONTH=5,11;BYMONTHDAY=1",
            "plan": plan,
            "theme": theme,
            "on_meeting": True,
            "own_item": True,
            "topic_title": "Status på den strategiske udmøntningsplan",
            "topic_text": "Direktionen drøfter status på de strategiske temaer.",
            "window_days": 31,
            "responsible": "Kommunaldirektøren",
        },
        bodies=[board],
    )


@pytest.fixture
def board_template(board):
    StandingItemFactory(body=board, number=1, title="Godkendelse af dagsorden")
    StandingItemFactory(body=board, number=2, title="Eventuelt", kind="forward_plan")
