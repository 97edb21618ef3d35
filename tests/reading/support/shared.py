"""The real published meetings in ../shared/corpus (see its README.md), read at test time.

They are not copied into the repository; where the folder is absent, the tests that need it
skip and say why."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"
FIRSTAGENDA = CORPUS / "greve-firstagenda"
SBSYS = CORPUS / "sbsys"


def need(folder: Path) -> Path:
    if not folder.is_dir():
        pytest.skip(f"the real corpus is not here ({folder}); see shared/corpus/README.md")
    return folder


def firstagenda_files() -> list[Path]:
    return sorted(FIRSTAGENDA.glob("*.json")) if FIRSTAGENDA.is_dir() else []


def sbsys_files() -> list[Path]:
    return sorted(SBSYS.glob("*.zip")) if SBSYS.is_dir() else []


def record(name: str) -> Path:
    return need(FIRSTAGENDA) / f"{name}.json"


def each(files: list[Path]) -> list:
    """Parameters for a test run once per file; one skipped parameter when there are none."""
    if files:
        return [pytest.param(path, id=path.name) for path in files]
    return [pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus at {CORPUS}"))]
