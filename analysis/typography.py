"""Typographic normalisation of French web text, rule by rule so every change can be logged."""
from __future__ import annotations

import re
import unicodedata

from .resources import TYPOGRAPHY_RULES


def normalise_line(line: str) -> tuple[str, list[str]]:
    """Normalise one line; return the new line and the names of the rules that changed it.

    >>> normalise_line("l’heure\u00a0»")
    ("l'heure »", ['apostrophe', 'nonbreaking_space'])
    """
    changed: list[str] = []
    nfc = unicodedata.normalize("NFC", line)
    if nfc != line:
        changed.append("unicode_nfc")
    line = nfc
    for name, pattern, replacement, _ in TYPOGRAPHY_RULES:
        new = re.sub(pattern, replacement, line)
        if new != line:
            changed.append(name)
            line = new
    return line, changed


def normalise_text(text: str) -> str:
    """Every line of a text normalised, nothing logged: the form in which cleaning compares strings."""
    return "\n".join(normalise_line(line)[0] for line in text.split("\n"))
