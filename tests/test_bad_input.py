"""Bad input is a CorpusError naming the file, the problem and a fix that works: never a traceback, a hang or a
silent misreading. Each case runs on a throw-away copy of data/; where the fix is a command, the test runs it."""
import codecs
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys

import pandas as pd
import pytest
from rawfiles import rewrite_raw

import analysis
from analysis.corpus import MAX_ARTICLE_BYTES, MAX_MANIFEST_BYTES, read_checksums
from analysis.errors import diagnose_bytes

NAME = "001_fbd1b2ad52eca990.txt"




def _error(data_dir) -> analysis.CorpusError:
    with pytest.raises(analysis.CorpusError) as info:
        analysis.load_corpus(data_dir)
    return info.value


def _run_fix(error: analysis.CorpusError, cwd):
    """Run every command the fix gives (between backticks), in order, as a user would paste them."""
    commands = re.findall(r"`([^`]+)`", error.fix)
    assert commands, error.fix
    script = " && ".join(c.replace("python3 -c", f"{shlex.quote(sys.executable)} -c") for c in commands)
    result = subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, (script, result.stderr)


def _articles_text(data_dir) -> str:
    return (data_dir / "articles.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reference():
    """The project's corpus table, loaded as it is (no parse: fast)."""
    return analysis.load_corpus()


# --- articles.csv ---------------------------------------------------------------------------------------------------
def test_semicolon_separated_articles_csv_is_named_and_the_conversion_works(data_copy, reference):
    meta = pd.read_csv(data_copy / "articles.csv", dtype=str, keep_default_na=False)
    meta.to_csv(data_copy / "articles.csv", sep=";", index=False)
    error = _error(data_copy)
    assert error.path == data_copy / "articles.csv"
    assert error.problem == "the columns are separated by ';', not by commas"
    _run_fix(error, data_copy)
    pd.testing.assert_frame_equal(analysis.load_corpus(data_copy), reference)


def test_row_with_too_many_fields_names_its_line(data_copy):
    lines = _articles_text(data_copy).splitlines(keepends=True)
    assert lines[3].startswith("002,")
    lines[3] = lines[3].rstrip("\n") + ",an unquoted, extra value\n"
    (data_copy / "articles.csv").write_text("".join(lines), encoding="utf-8")
    error = _error(data_copy)
    assert error.problem == "line 4 has 13 fields but the header has 11 (first field '002')"
    assert "put double quotes around every value that contains a comma" in error.fix


def test_row_with_too_few_fields_names_its_line(data_copy):
    text = _articles_text(data_copy) + "005,005_new.txt,2025-08-07\n"
    (data_copy / "articles.csv").write_text(text, encoding="utf-8")
    assert _error(data_copy).problem == "line 7 has 3 fields but the header has 11 (first field '005')"


def test_latin1_articles_csv_is_named_and_iconv_converts_it(data_copy, reference):
    text = _articles_text(data_copy).replace("\u2013", "-")  # Latin-1 has no en dash
    (data_copy / "articles.csv").write_bytes(text.encode("latin-1"))
    error = _error(data_copy)
    assert error.path == data_copy / "articles.csv"
    assert re.fullmatch(r"the text is not UTF-8 \(first invalid byte 0x[0-9A-F]{2} at line \d+\); "
                        r"it looks like Latin-1 \(ISO-8859-1\)", error.problem)
    assert "iconv -f ISO-8859-1 -t UTF-8 articles.csv > new.csv" in error.fix
    _run_fix(error, data_copy)
    loaded = analysis.load_corpus(data_copy)
    pd.testing.assert_frame_equal(loaded.drop(columns="date_basis"), reference.drop(columns="date_basis"))


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \r\n"])
def test_empty_articles_csv(data_copy, content):
    (data_copy / "articles.csv").write_bytes(content)
    error = _error(data_copy)
    assert error.problem == "the file is empty"
    assert error.fix.startswith("write the header row (article_id, file, published, date_basis, period, title")


@pytest.mark.parametrize("value,meaning", [("20250807", "2025-08-07"), ("2025-W32-4", "2025-08-07"),
                                           ("2025-8-7", None), ("07/08/2025", None)])
def test_only_iso_calendar_dates_are_accepted(data_copy, value, meaning):
    meta = pd.read_csv(data_copy / "articles.csv", dtype=str, keep_default_na=False)
    meta.loc[meta["article_id"] == "002", "published"] = value
    meta.to_csv(data_copy / "articles.csv", index=False)
    error = _error(data_copy)
    said = f" (that is {meaning})" if meaning else ""
    assert error.problem == (f"article 002 has {value!r}{said}: `published` must be an ISO calendar date written "
                             "YYYY-MM-DD (the only form accepted)")
    assert error.fix.startswith("write the date as ISO YYYY-MM-DD, e.g. 2025-08-07")


# --- SHA256SUMS -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["0123abc  001_fbd1b2ad52eca990.txt",
                                  "SHA256 (001_fbd1b2ad52eca990.txt) = " + "0" * 64,
                                  "0" * 64 + "001_fbd1b2ad52eca990.txt"])
def test_malformed_manifest_line(data_copy, line):
    manifest = data_copy / "raw" / "SHA256SUMS"
    manifest.write_text(manifest.read_text() + line + "\n")
    error = _error(data_copy)
    assert error.path == manifest
    assert error.problem == f"line 6 is not `<64 hex digits>  <file name>` as sha256sum writes it: {line!r}"
    assert "restore the manifest" in error.fix


def test_missing_manifest_is_an_error_and_its_fix_records_the_files(data_copy, reference):
    (data_copy / "raw" / "SHA256SUMS").unlink()
    error = _error(data_copy)
    assert error.path == data_copy / "raw" / "SHA256SUMS"
    assert "is missing, so edited raw files would go unnoticed" in error.problem
    assert error.fix.endswith(f"`cd {data_copy / 'raw'} && sha256sum *.txt > SHA256SUMS`")
    _run_fix(error, data_copy)
    assert read_checksums(data_copy / "raw" / "SHA256SUMS") == read_checksums(analysis.paths.CHECKSUMS)
    pd.testing.assert_frame_equal(analysis.load_corpus(data_copy), reference)


# --- raw/: what is not a regular file inside raw/ is never opened ---------------------------------------------------
@pytest.fixture()
def no_hang():
    """Fail, rather than hang, if the loader blocks (opening a FIFO blocks until a writer comes)."""
    def timeout(signum, frame):
        raise TimeoutError("the loader blocked")
    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _replace_with(data_dir, make):
    target = data_dir / "raw" / NAME
    target.unlink()
    make(target)
    return target


def test_dangling_symlink(data_copy, tmp_path, no_hang):
    target = _replace_with(data_copy, lambda p: p.symlink_to(tmp_path / "elsewhere" / NAME))
    error = _error(data_copy)
    assert error.path == target
    assert error.problem == f"this is a symbolic link to {tmp_path / 'elsewhere' / NAME}, which does not exist"
    assert "copy the article's file here in place of the link" in error.fix


@pytest.mark.parametrize("outside,kind", [("/etc/passwd", "a regular file"), ("/dev/zero", "a character device")])
def test_symlink_outside_raw_is_refused(data_copy, no_hang, outside, kind):
    if not os.path.exists(outside):
        pytest.skip(f"{outside} does not exist here")
    target = _replace_with(data_copy, lambda p: p.symlink_to(outside))
    error = _error(data_copy)
    assert error.path == target
    assert error.problem.startswith(f"this is a symbolic link to {outside} ({kind}), outside raw/: the loader reads "
                                    "only files inside raw/")
    assert ("copy it here in place of the link" in error.fix) == (kind == "a regular file")
    with pytest.raises(analysis.CorpusError, match="outside raw/"):
        analysis.verify_checksums(data_copy)


def test_symlink_inside_raw_to_a_regular_file_is_read(data_copy, reference):
    (data_copy / "raw" / NAME).rename(data_copy / "raw" / "original.bin")
    (data_copy / "raw" / NAME).symlink_to("original.bin")
    pd.testing.assert_frame_equal(analysis.load_corpus(data_copy), reference)


def test_fifo_is_refused_without_being_opened(data_copy, no_hang):
    target = _replace_with(data_copy, os.mkfifo)
    error = _error(data_copy)
    assert error.path == target
    assert error.problem == "this is a named pipe (FIFO), not a regular file (the loader does not open it)"
    with pytest.raises(analysis.CorpusError, match="named pipe"):
        analysis.verify_checksums(data_copy)


def test_a_directory_named_like_an_article(data_copy):
    target = _replace_with(data_copy, os.mkdir)
    assert _error(data_copy).problem == "this is a directory, not a regular file (the loader does not open it)"
    assert target.is_dir()


def test_oversized_file_is_refused_before_it_is_read(data_copy):
    target = data_copy / "raw" / NAME
    with open(target, "r+b") as fh:  # 50 MB, sparse: nothing to read before the size is checked
        fh.truncate(50_000_000)
    error = _error(data_copy)
    assert error.path == target
    assert error.problem.startswith(f"the file is 50,000,000 bytes, over the limit of {MAX_ARTICLE_BYTES:,} bytes")
    assert "replace it with the article's text alone" in error.fix


def test_a_file_at_the_limit_is_accepted_by_the_size_check(data_copy):
    rewrite_raw(data_copy, NAME, (data_copy / "raw" / NAME).read_bytes().ljust(MAX_ARTICLE_BYTES, b" "))
    analysis.load_corpus(data_copy)


def test_the_manifest_of_a_large_corpus_is_not_held_to_an_article_s_size(data_copy):
    """24,000 files make a manifest of some 2 MB: it is read."""
    manifest = data_copy / "raw" / "SHA256SUMS"
    lines = "".join(f"{i:064x}  {i:05d}_review.txt\n" for i in range(24_000))
    manifest.write_bytes(manifest.read_bytes() + lines.encode())
    assert manifest.stat().st_size > MAX_ARTICLE_BYTES
    assert len(read_checksums(manifest)) == 24_005


def test_a_manifest_beyond_its_own_limit_is_refused_before_it_is_read(data_copy):
    manifest = data_copy / "raw" / "SHA256SUMS"
    with open(manifest, "r+b") as fh:
        fh.truncate(MAX_MANIFEST_BYTES + 1)
    with pytest.raises(analysis.CorpusError, match=f"the checksum manifest is {MAX_MANIFEST_BYTES + 1:,} bytes"):
        read_checksums(manifest)


# --- encodings ------------------------------------------------------------------------------------------------------
LATIN1_LINE = "Le président a évoqué « très bientôt » une rencontre… à l’été.\n"


def test_mixed_encodings_are_named_and_only_the_invalid_bytes_are_converted(data_copy, reference):
    original = (data_copy / "raw" / NAME).read_bytes()
    assert "é".encode() in original  # valid UTF-8 accents, which iconv -f WINDOWS-1252 would turn into Ã©
    rewrite_raw(data_copy, NAME, original + b"\n" + LATIN1_LINE.encode("cp1252"))
    error = _error(data_copy)
    assert error.path == data_copy / "raw" / NAME
    assert error.problem.startswith("the text mixes encodings: ")
    assert "12 byte(s) that are not UTF-8 (first 0xE9 at line 11;" in error.problem
    assert "they look like Windows-1252" in error.problem
    assert "iconv" not in error.fix and "re-export the page as UTF-8" in error.fix
    _run_fix(error, data_copy / "raw")
    raw_text = analysis.load_corpus(data_copy).set_index("article_id").loc["001", "raw_text"]
    assert raw_text == original.decode("utf-8") + "\n" + LATIN1_LINE
    assert "Ã" not in raw_text


def test_a_latin1_file_is_not_called_mixed(data_copy):
    rewrite_raw(data_copy, NAME, (data_copy / "raw" / NAME).read_bytes().decode("utf-8")
             .replace("\u2019", "'").replace("\u2013", "-").replace("\u202f", " ").replace("\u2026", "...")
             .encode("latin-1", "replace"))
    error = _error(data_copy)
    assert "it looks like Latin-1" in error.problem and "mixes" not in error.problem


ICONV = shutil.which("iconv")


@pytest.mark.parametrize("encoding,bom,label,iconv", [
    ("utf-16-le", b"", "UTF-16 LE", "UTF-16LE"),
    ("utf-16-be", b"", "UTF-16 BE", "UTF-16BE"),
    ("utf-32-le", b"", "UTF-32 LE", "UTF-32LE"),
    ("utf-32-be", b"", "UTF-32 BE", "UTF-32BE"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32 LE", "UTF-32"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32 BE", "UTF-32"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16 BE", "UTF-16"),
])
def test_wide_encodings_are_recognised_and_iconv_converts_them(data_copy, reference, encoding, bom, label, iconv):
    original = (data_copy / "raw" / NAME).read_bytes()
    rewrite_raw(data_copy, NAME, bom + original.decode("utf-8").encode(encoding))
    error = _error(data_copy)
    assert error.problem.startswith(f"the text is not UTF-8: it is {label} (")
    assert f"iconv -f {iconv} -t UTF-8 {NAME} > new.txt" in error.fix
    if ICONV is None:
        pytest.skip("iconv is not installed here")
    _run_fix(error, data_copy / "raw")
    assert (data_copy / "raw" / NAME).read_bytes() == original
    pd.testing.assert_frame_equal(analysis.load_corpus(data_copy), reference)


def test_ascii_text_is_not_mistaken_for_utf16(data_copy):
    assert diagnose_bytes(b"Le Kremlin a dit\n" * 50) is None


def test_a_fifo_in_place_of_articles_csv_or_the_manifest_is_never_opened(data_copy, no_hang):
    for target in (data_copy / "articles.csv", data_copy / "raw" / "SHA256SUMS"):
        saved = target.read_bytes()
        target.unlink()
        os.mkfifo(target)
        error = _error(data_copy)
        assert (error.path, error.problem) == (target, "this is a named pipe (FIFO), not a regular file (the loader "
                                                       "does not open it)")
        target.unlink()
        target.write_bytes(saved)


def test_verify_checksums_reads_nothing_outside_raw(data_copy):
    manifest = data_copy / "raw" / "SHA256SUMS"
    manifest.write_text(manifest.read_text() + "0" * 64 + "  ../articles.csv\n")
    checks = analysis.verify_checksums(data_copy).set_index("file")
    assert pd.isna(checks.loc["../articles.csv", "actual"]) and not checks.loc["../articles.csv", "ok"]
    assert checks.drop("../articles.csv")["ok"].all()
