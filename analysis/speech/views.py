"""Views of the statement table: voices per article and speaker, an article highlighted as HTML."""
from __future__ import annotations

import html

import pandas as pd

from ..spans import words_inside
from .record import STATEMENT_KINDS


def voices(quote_table: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Per article, speaker and speaker_camp: statements by kind (direct, fragment, indirect), their total
    (statements) and the words quoted (quoted_words: the words of `tokens`, as in the corpus's `n_words`, inside
    direct quotes and fragments)."""
    q = quote_table.assign(speaker=quote_table["speaker"].fillna("(unattributed)"),
                           speaker_camp=quote_table["speaker_camp"].fillna("unknown"),
                           words=words_inside(tokens, quote_table))
    counts = q.pivot_table(index=["article_id", "speaker", "speaker_camp"], columns="statement_kind", values="quote_id",
                           aggfunc="count", fill_value=0).reindex(columns=list(STATEMENT_KINDS), fill_value=0)
    quoted = q[q["statement_kind"] != "indirect"].groupby(["article_id", "speaker", "speaker_camp"])["words"].sum()
    out = counts.assign(statements=counts.sum(axis=1), quoted_words=quoted).fillna({"quoted_words": 0})
    out["quoted_words"] = out["quoted_words"].astype(int)
    return out.reset_index().rename_axis(columns=None)


def highlight_quotes(text: str, quote_table: pd.DataFrame) -> str:
    """The article as HTML with each statement highlighted and labelled with its speaker (text escaped)."""
    colours = {"direct": "#ffe08a", "fragment": "#cde8ff", "indirect": "#e3f5d8"}
    rows = quote_table.sort_values(["start_char", "end_char"], ascending=[True, False])
    events: list[tuple[int, int, str]] = []
    for r in rows.itertuples():
        speaker = r.speaker if isinstance(r.speaker, str) and r.speaker else None  # None, NaN and "" alike
        label = f"{speaker or 'speaker unknown'} · {r.statement_kind}" + ("" if r.closed else " · never closed")
        colour = colours[r.statement_kind]
        events.append((r.start_char, 1, f'<mark title="{html.escape(label)}" style="background-color:{colour};'
                                       f'padding:0 1px">'))
        events.append((r.end_char, 0, f'</mark><sup style="font-size:70%;color:#555">[{html.escape(speaker or "?")}'
                                      f']</sup>'))
    out, pos = [], 0
    for char, _, tag in sorted(events, key=lambda e: (e[0], e[1])):
        out.append(html.escape(text[pos:char]))
        out.append(tag)
        pos = char
    out.append(html.escape(text[pos:]))
    body = "".join(out).replace("\n\n", "</p><p>")
    legend = " ".join(f'<mark style="background-color:{c}">{k}</mark>' for k, c in colours.items())
    return f'<div style="font:14px/1.6 Georgia,serif;max-width:48rem"><p>{legend}</p><p>{body}</p></div>'
