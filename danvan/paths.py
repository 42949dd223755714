"""Where things are: the repository's folders, and paths given by a user."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO_ROOT / "notebooks"
FIGURES = REPO_ROOT / "figures"
REPORT = REPO_ROOT / "report"
SEEDS = REPO_ROOT / "seeds"


def resolve(path: str | Path) -> Path:
    """``path`` as given if absolute, else relative to the current folder; from the notebooks folder (where
    Jupyter runs the notebooks) relative to the repository root, so that "seeds" is the seed corpus."""
    path = Path(path)
    if path.is_absolute():
        return path
    return (REPO_ROOT if Path.cwd().resolve() == NOTEBOOKS.resolve() else Path.cwd()) / path
