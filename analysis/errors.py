"""Bad input: the one error type (it names the file and says how to fix it), every message as data, and what
bytes meant as UTF-8 text turn out to be (`diagnose_bytes`, pure: no file is opened here)."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path


class CorpusError(ValueError):
    """Bad corpus input. The message names the file, the problem and the fix."""

    def __init__(self, path: Path | str, problem: str, fix: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem}. Fix: {fix}")

    def __reduce__(self):
        """Raised in a worker process (a parse worker, a Dask task), it reaches the caller whole."""
        return type(self), (self.path, self.problem, self.fix)


# The command that records a raw file's new checksum in place of its old one (the rest of the manifest untouched).
RECORD_CHECKSUM = "cd {raw} && {{ grep -v '  {name}$' SHA256SUMS; sha256sum {name}; }} > SHA256SUMS.new " \
                  "&& mv SHA256SUMS.new SHA256SUMS"
# Converts only the bytes that are not UTF-8 (decoded as {codec}), leaving the valid UTF-8 untouched.
MIXED_ONE_LINER = ('python3 -c "import codecs, sys; codecs.register_error(\'legacy\', lambda e: '
                   '(e.object[e.start:e.end].decode(\'{codec}\'), e.end)); sys.stdout.buffer.write('
                   'open(sys.argv[1], \'rb\').read().decode(\'utf-8\', \'legacy\').encode())" {name} > {out}')
# Re-writes a CSV file separated by {sep} with commas (quoting what needs it).
RESEPARATE_ONE_LINER = ('python3 -c "import csv; rows = list(csv.reader(open(\'{name}\', encoding=\'utf-8\'), '
                        'delimiter={sep!r})); csv.writer(open(\'{out}\', \'w\', encoding=\'utf-8\', newline=\'\'), '
                        'lineterminator=\'\\n\').writerows(rows)"')

# key: (problem, fix), str.format templates, filled by `corpus_error`. Given for every file (`file_fields`): {path},
# {name}, {raw} (the raw/ folder), {cd} ("cd <its folder> && "), {out} (a converted copy's name), {then} (what to do
# with that copy), {save_as}, {fill} (what an empty file should hold), {regular_fix}; the rest by the caller.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- any text file: raw article, articles.csv, periods.csv ---------------------------------------------------
    "empty": ("the file is empty", "{fill}"),
    "magic": ("this is {kind}, not a text file", "{save_as}"),
    "binary": ("this looks like a binary file, not text (it contains NUL or control bytes)", "{save_as}"),
    "wide": ("the text is not UTF-8: it is {encoding} ({evidence})",
             "convert it: `{cd}iconv -f {iconv} -t UTF-8 {name} > {out}`, then {then}"),
    "legacy": ("the text is not UTF-8 (first invalid byte 0x{byte:02X} at line {line}); it looks like {guess}",
               "convert it: `{cd}iconv -f {iconv} -t UTF-8 {name} > {out}`, then {then}"),
    "mixed": ("the text mixes encodings: {n_utf8} character(s) in valid UTF-8 (e.g. {example!r} at line "
              "{utf8_line}) and {n_bad} byte(s) that are not UTF-8 (first 0x{byte:02X} at line {line}; they look "
              "like {guess}); converting the whole file (e.g. with iconv) would corrupt the UTF-8 part",
              "re-export the page as UTF-8, or convert only the invalid bytes: `{cd}" + MIXED_ONE_LINER + "`; check "
              "{out}, then {then}"),
    # --- raw/ ----------------------------------------------------------------------------------------------------
    "no_raw_dir": ("the raw/ folder is missing", "create it and copy the articles' files into it, unchanged"),
    "dangling": ("this is a symbolic link to {target}, which does not exist",
                 "raw/ holds the articles' files themselves: copy the article's file here in place of the link "
                 "(`cp --remove-destination <the original> {raw}/{name}`), or remove the link and its row in "
                 "articles.csv"),
    "outside": ("this is a symbolic link to {target} ({kind}), outside raw/: the loader reads only files inside raw/",
                "raw/ holds the articles' files themselves: if {target} is the article, copy it here in place of "
                "the link (`cp --remove-destination {target} {raw}/{name}`), else remove the link and its row in "
                "articles.csv"),
    "outside_special": ("this is a symbolic link to {target} ({kind}), outside raw/: the loader reads only files "
                        "inside raw/, and never opens anything but a regular file",
                        "remove the link and put the article's text file in its place (or remove its row in "
                        "articles.csv too)"),
    "not_regular": ("this is {kind}, not a regular file (the loader does not open it)", "{regular_fix}"),
    "too_large": ("the file is {size:,} bytes, over the limit of {limit:,} bytes per article (a news article is "
                  "a few kilobytes; spaCy refuses texts over 1,000,000 characters)",
                  "check that it holds one article's text, not a whole page dump, a log or a binary file, and "
                  "replace it with the article's text alone"),
    "manifest_too_large": ("the checksum manifest is {size:,} bytes, over the limit of {limit:,} bytes (one line of "
                           "about 80 bytes per raw file)",
                           "check that it is the `sha256sum` output for the files of raw/, and regenerate it with "
                           "`cd raw && sha256sum *.txt > SHA256SUMS`"),
    "too_long_text": ("the cleaned text is {length:,} characters, over spaCy's limit of {limit:,}",
                      "check that the file holds one article's text, and replace it with the article alone"),
    "duplicate_text": ("same text as {other} (a duplicate article)",
                       "remove one of the two files and its row in articles.csv"),
    "header_date": ("its header says date {header} but articles.csv says {published}",
                    "correct `published` in articles.csv"),
    "no_body": ("no body text is left after cleaning",
                "check that the file holds the article, not only page furniture"),
    "no_row": ("this raw file has no row in articles.csv",
               "add a row for it to {csv} (see 'How to add an article' in README.md)"),
    "no_file": ("article {article_id} names the file {file!r}, which is not in {raw}",
                "copy the file into raw/ or fix the `file` column"),
    # --- SHA256SUMS ----------------------------------------------------------------------------------------------
    "no_manifest": ("the checksum manifest raw/SHA256SUMS is missing, so edited raw files would go unnoticed",
                    "after checking that the raw files are the originals, record them: "
                    "`cd {raw} && sha256sum *.txt > SHA256SUMS`"),
    "bad_manifest_line": ("line {line} is not `<64 hex digits>  <file name>` as sha256sum writes it: {text!r}",
                          "restore the manifest (e.g. `git checkout -- {path}`) or correct that line; a raw file's "
                          "line is written by `cd {raw} && sha256sum <file name>`"),
    "not_in_manifest": ("this raw file is not in SHA256SUMS",
                        "record it: `cd {raw} && sha256sum {name} >> SHA256SUMS`"),
    "checksum": ("the file differs from its checksum in SHA256SUMS (raw data is read-only)",
                 "restore the original bytes if the change was an accident (e.g. `git checkout -- {path}`, or copy "
                 "it again from the shared corpus); if you deliberately replaced it with a corrected copy (e.g. "
                 "converted to UTF-8), record its new checksum: `" + RECORD_CHECKSUM + "`. Corrections of the "
                 "text itself belong in the cleaning rules, never in raw/"),
    # --- CSV files -----------------------------------------------------------------------------------------------
    "no_metadata": ("the metadata file is missing",
                    "create it with one row per raw file (columns: {columns})"),
    "separator": ("the columns are separated by {sep!r}, not by commas",
                  "save it as comma-separated CSV (a spreadsheet's 'CSV, UTF-8, comma' export), or convert it: `{cd}"
                  + RESEPARATE_ONE_LINER + "`, then {then}"),
    "field_count": ("line {line} has {n} fields but the header has {expected} (first field {first!r})",
                    "put double quotes around every value that contains a comma (\"like, this\") and give every "
                    "row exactly {expected} fields"),
    "csv_syntax": ("it cannot be read as CSV ({detail})",
                   "export it again as comma-separated CSV (UTF-8) from a spreadsheet"),
    "columns": ("columns missing: {missing}", "{columns_fix}"),
    "duplicate": ("duplicate {column}: {values}", "give each row its own {column}"),
    # --- articles.csv --------------------------------------------------------------------------------------------
    "date": ("{articles}: `published` must be an ISO calendar date written YYYY-MM-DD (the only form accepted)",
             "write the date as ISO YYYY-MM-DD, e.g. 2025-08-07 for 7 August 2025"),
    "outside_periods": ("{n} article(s) published outside every period of {periods}: {articles}",
                        "add a period covering {dates} to {target}, or remove the article(s) (file and row)"),
    "period_mismatch": ("{articles}", "empty the `period` cell(s) (the loader derives the period from `published`), "
                                      "or, if the periods are wrong, change {target}"),
    "events_date": ("a date is not ISO YYYY-MM-DD ({detail})", "write dates as 2025-08-07"),
    # --- periods.csv ---------------------------------------------------------------------------------------------
    "no_periods": ("the periods file is missing",
                   "create it with columns period,start,end,description (ISO dates, both ends inclusive), "
                   "e.g. by copying the project's data/periods.csv"),
    "no_period_rows": ("no period is defined", "add one row per study period: period,start,end,description"),
    "period_date": ("period {period!r}: `{column}` is {value!r}, not an ISO date written YYYY-MM-DD",
                    "write the date as YYYY-MM-DD, e.g. 2025-08-01"),
    "period_order": ("period {period!r} ends ({end}) before it starts ({start})",
                     "correct the dates: both ends are inclusive, `start` comes first"),
    "period_overlap": ("periods {first!r} ({first_start} to {first_end}) and {second!r} ({second_start} to "
                       "{second_end}) overlap", "make them disjoint: a date falls in one period only (both ends "
                                                "are inclusive)"),
    "period_name": ("a period has an empty name (line {line})", "name every period (a short word, e.g. august)"),
}


def corpus_error(key: str, path: Path | str, raw_file: bool = False, **fields) -> CorpusError:
    """The CorpusError of MESSAGES[key] for `path` (`raw_file`: an article in raw/), its templates filled with
    `fields` and with what every message about the file may use (`file_fields`)."""
    problem, fix = MESSAGES[key]
    fields = {**file_fields(Path(path), raw_file), **fields}
    return CorpusError(path, problem.format(**fields), fix.format(**fields))


def file_fields(path: Path, raw_file: bool) -> dict:
    """A file's name and folder, and what to do with a converted copy of it (a raw file's checksum is recorded)."""
    folder = Path(os.path.abspath(path.parent))
    out = f"new{path.suffix}"
    fields = {"path": path, "name": path.name, "raw": folder if raw_file else folder / "raw", "out": out,
              "cd": f"cd {folder} && "}
    if raw_file:
        record = RECORD_CHECKSUM.format(raw=folder, name=path.name)
        return {**fields, "fill": "put the article's text in it, or remove the file and its row in articles.csv",
                "save_as": "save the article as plain UTF-8 text (.txt) and replace the file",
                "regular_fix": "put the article's text file here in its place, or remove it and its row in "
                               "articles.csv",
                "then": f"replace the file with it (`mv {out} {path.name}`) and record its new checksum: `{record}`"}
    return {**fields, "save_as": "export the table as comma-separated CSV (UTF-8) and replace the file",
            "regular_fix": f"put the {path.name} file itself here (a plain UTF-8, comma-separated CSV file)",
            "fill": "write its header row and one row per item",
            "then": f"replace the file with it (`mv {out} {path.name}`)"}


# --- what bytes meant as UTF-8 text are -------------------------------------------------------------------------
_MAGIC = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"PK\x03\x04": "a ZIP archive (a .docx, .xlsx or .odt file?)", b"GIF8": "a GIF image",
          b"{\\rtf": "an RTF document"}
# Byte-order marks → (iconv name, label); UTF-32's first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = {b"\xff\xfe\x00\x00": ("UTF-32", "UTF-32 LE"), b"\x00\x00\xfe\xff": ("UTF-32", "UTF-32 BE"),
         b"\xff\xfe": ("UTF-16", "UTF-16 LE"), b"\xfe\xff": ("UTF-16", "UTF-16 BE")}
# Legacy encodings French text comes in: label → (iconv name, Python codec).
_LEGACY = {"Windows-1252 (Western European)": ("WINDOWS-1252", "cp1252"),
           "Latin-1 (ISO-8859-1)": ("ISO-8859-1", "latin-1"), "Mac Roman": ("MACINTOSH", "mac_roman")}
# What valid UTF-8 in French text decodes to (accented letters, œ, typographic punctuation, €, a BOM): seen next to
# bytes that are not UTF-8, it means a file of mixed encodings.
_UTF8_EVIDENCE = re.compile("[\u00a0-\u017f\u2010-\u206f\u20ac\ufeff]")


def diagnose_bytes(data: bytes) -> tuple[str, dict] | None:
    """What is wrong with bytes meant to be UTF-8 text: (message key, its fields), or None."""
    if not data.strip():
        return "empty", {}
    kind = next((kind for magic, kind in _MAGIC.items() if data.startswith(magic)), None)
    if kind:
        return "magic", {"kind": kind}
    wide = _wide_encoding(data)
    if wide:
        return "wide", wide
    if b"\x00" in data[:4096] or _control_share(data) > 0.05:
        return "binary", {}
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _not_utf8(data)
    return None


def _wide_encoding(data: bytes) -> dict | None:
    """UTF-16 or UTF-32, by byte-order mark or, without one, by where the NUL bytes fall."""
    for bom, (iconv, label) in _BOMS.items():
        if data.startswith(bom):
            return {"encoding": label, "iconv": iconv, "evidence": f"it starts with a {label} byte-order mark"}
    units = len(data[:4096]) // 4
    if units < 2:
        return None
    nul = [data[k:units * 4:4].count(0) / units for k in range(4)]  # share of NUL bytes at each position mod 4
    if sum(share > 0.8 for share in nul) == 3 and min(nul[0], nul[3]) < 0.5:
        order = "LE" if nul[0] < 0.5 else "BE"
        return {"encoding": f"UTF-32 {order}", "iconv": f"UTF-32{order}",
                "evidence": "three bytes in four are NUL, as in UTF-32 text without a byte-order mark"}
    even, odd = (nul[0] + nul[2]) / 2, (nul[1] + nul[3]) / 2
    if max(even, odd) > 0.8 and min(even, odd) < 0.2:
        order = "LE" if odd > even else "BE"
        return {"encoding": f"UTF-16 {order}", "iconv": f"UTF-16{order}",
                "evidence": "every other byte is NUL, as in UTF-16 text without a byte-order mark"}
    return None


def _control_share(data: bytes) -> float:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def _not_utf8(data: bytes) -> tuple[str, dict]:
    """Bytes that are not all UTF-8: a legacy encoding, or a mix of valid UTF-8 and legacy bytes."""
    text = data.decode("utf-8", "surrogateescape")  # each invalid byte → U+DC80..U+DCFF; valid UTF-8 decoded
    invalid = [i for i, char in enumerate(text) if "\udc80" <= char <= "\udcff"]
    bad = bytes(ord(text[i]) - 0xDC00 for i in invalid)
    guess = _guess_encoding(bad)
    fields = {"byte": bad[0], "line": text.count("\n", 0, invalid[0]) + 1, "guess": guess,
              "iconv": _LEGACY[guess][0], "codec": _LEGACY[guess][1]}
    utf8 = _UTF8_EVIDENCE.findall(text)
    if not utf8:
        return "legacy", fields
    first = _UTF8_EVIDENCE.search(text)
    return "mixed", {**fields, "n_utf8": len(utf8), "n_bad": len(bad), "example": first.group(),
                     "utf8_line": text.count("\n", 0, first.start()) + 1}


def _guess_encoding(data: bytes) -> str:
    """A best guess among the legacy encodings French text is found in."""
    if any(0x80 <= b <= 0x9F for b in data):
        try:
            data.decode("cp1252")
            return "Windows-1252 (Western European)"
        except UnicodeDecodeError:
            return "Mac Roman"
    return "Latin-1 (ISO-8859-1)"


def command_status(action, *, prefix: str = "error") -> int:
    """Run a command-line action: 0 when it succeeds, 2 with the CorpusError on stderr (never a traceback)."""
    try:
        action()
    except CorpusError as exc:
        print(f"{prefix}: {exc}", file=sys.stderr)
        return 2
    return 0
