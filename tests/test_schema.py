"""The column contract: every public table has exactly its columns with their types; the README shows it."""
import re

import pandas as pd
import pytest

import analysis
from analysis import paths, schema
from analysis import textometry as X


def _table(name, layers):
    sources = {
        "paragraphs": lambda: analysis.paragraphs(),
        "checksums": lambda: analysis.verify_checksums(),
        "voices": lambda: analysis.voices(layers.statements, layers.tokens),
        "specificities": lambda: X.specificities(layers.tokens, by="article_id"),
        "repeated_segments": lambda: X.repeated_segments(layers.tokens),
        "cooccurrences": lambda: X.cooccurrences(layers.tokens, "sommet", threshold=0),
        "cooccurrence_edges": lambda: X.cooccurrence_edges(layers.tokens),
        "progression": lambda: X.progression(layers.tokens, ["sommet"], corpus=layers.corpus),
        "dispersion": lambda: X.dispersion(layers.tokens),
        "concordance": lambda: X.concordance(layers.tokens, "sommet"),
    }
    return sources[name]() if name in sources else getattr(layers, name)


@pytest.mark.parametrize("name", list(schema.TABLES))
def test_public_table_follows_the_contract(name, layers):
    assert schema.check(name, _table(name, layers)) == []


@pytest.mark.parametrize("name", ["corpus", "sentences", "tokens", "mentions", "statements", "times", "hedging"])
def test_held_out_layers_follow_the_contract_too(name, heldout_layers):
    assert schema.check(name, getattr(heldout_layers, name)) == []


def test_check_names_what_is_wrong():
    bad = pd.DataFrame({"article_id": ["a"], "kind": ["direct"], "start_char": ["0"]})
    problems = schema.check("statements", bad)
    assert "statements: not in the contract ['kind']" in problems
    assert "statements.start_char: expected int, found str" in problems
    assert any(p.startswith("statements: missing ['quote_id', 'statement_kind'") for p in problems)


def test_one_meaning_per_name_and_no_bare_kind():
    assert "kind" not in schema.COLUMNS
    assert all(c == col.name for c, col in schema.COLUMNS.items())
    with pytest.raises(ValueError, match="defined twice"):
        schema._columns(("x", "int", "one"), ("x", "str", "another"))


def test_readme_data_dictionaries_come_from_the_contract():
    readme = paths.PROJECT_ROOT.joinpath("README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- columns:start -->\n(.*)<!-- columns:end -->", readme, flags=re.S)
    assert found, "README.md needs the generated section between <!-- columns:start --> and <!-- columns:end -->"
    assert found.group(1).strip() == schema.markdown().strip(), "regenerate it: python -m analysis.schema"
