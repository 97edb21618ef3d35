"""Where the reading tests find their material: the four real seed documents (copied from
shared/seeds so a clean clone has them) and the schema the reader's output follows."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parent / "seeds"
SCHEMA = ROOT / "reading" / "parsed-document.schema.json"


def seed(number: str) -> Path:
    """The seed file whose name starts with this number, e.g. seed("004")."""
    return next(SEEDS.glob(f"{number}_*.txt"))
