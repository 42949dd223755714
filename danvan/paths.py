"""Where things are, resolved from the repository root rather than the working directory."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO_ROOT / "notebooks"
FIGURES = REPO_ROOT / "figures"
REPORT = REPO_ROOT / "report"
SEEDS = REPO_ROOT / "seeds"


def resolve(path: str | Path) -> Path:
    """``path`` as given if absolute, else relative to the repository root."""
    path = Path(path)
    return path if path.is_absolute() else REPO_ROOT / path
