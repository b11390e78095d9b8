"""The one error type for bad input: it names the file and says how to fix it."""
from __future__ import annotations

from pathlib import Path


class CorpusError(ValueError):
    """Bad corpus input. The message names the file, the problem and the fix."""

    def __init__(self, path: Path | str, problem: str, fix: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem}. Fix: {fix}")
