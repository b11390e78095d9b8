"""Raw data is read-only: every byte is checked against the manifest."""
import hashlib
import subprocess

import pytest

import analysis
from analysis import paths
from analysis.corpus import read_checksums


def test_manifest_lists_exactly_the_five_raw_articles():
    assert sorted(read_checksums(paths.CHECKSUMS)) == sorted(p.name for p in paths.RAW_DIR.glob("*.txt"))
    assert len(read_checksums(paths.CHECKSUMS)) == 5


@pytest.mark.parametrize("name", sorted(p.name for p in paths.RAW_DIR.glob("*.txt")))
def test_raw_file_matches_its_checksum(name):
    digest = hashlib.sha256((paths.RAW_DIR / name).read_bytes()).hexdigest()
    assert digest == read_checksums(paths.CHECKSUMS)[name], f"data/raw/{name} changed: raw data is read-only"


def test_verify_checksums_reports_a_changed_byte(data_copy):
    target = data_copy / "raw" / "002_b38e9bd0a2cac8ca.txt"
    data = bytearray(target.read_bytes())
    data[100] ^= 0x01
    target.write_bytes(bytes(data))
    checks = analysis.verify_checksums(data_copy).set_index("file")["ok"]
    assert not checks["002_b38e9bd0a2cac8ca.txt"]
    assert checks.drop("002_b38e9bd0a2cac8ca.txt").all()


def test_loader_refuses_a_changed_raw_file(data_copy):
    target = data_copy / "raw" / "000_6120cd35d94417e6.txt"
    target.write_bytes(target.read_bytes().replace(b"Kremlin", b"Kremlim", 1))
    with pytest.raises(analysis.CorpusError, match=r"000_6120cd35d94417e6\.txt.*differs from its checksum.*Fix: restore"):
        analysis.load_corpus(data_copy)


def test_a_changed_raw_file_is_told_both_ways_out_and_recording_a_corrected_copy_works(data_copy):
    """A file replaced on purpose (here: a Latin-1 original converted to UTF-8) has a new checksum to record."""
    name = "002_b38e9bd0a2cac8ca.txt"
    target = data_copy / "raw" / name
    original = target.read_bytes()
    target.write_bytes(original.replace(b"\n", b"\r\n"))  # a corrected copy: same text, other bytes
    with pytest.raises(analysis.CorpusError) as info:
        analysis.load_corpus(data_copy)
    error = info.value
    assert error.path == target
    assert error.problem == "the file differs from its checksum in SHA256SUMS (raw data is read-only)"
    assert error.fix.startswith(f"restore the original bytes if the change was an accident (e.g. `git checkout -- {target}`")
    record = (f"cd {data_copy / 'raw'} && {{ grep -v '  {name}$' SHA256SUMS; sha256sum {name}; }} > SHA256SUMS.new "
              "&& mv SHA256SUMS.new SHA256SUMS")
    assert f"if you deliberately replaced it with a corrected copy (e.g. converted to UTF-8), record its new checksum: `{record}`" in error.fix
    before = read_checksums(data_copy / "raw" / "SHA256SUMS")
    subprocess.run(["bash", "-c", record], check=True)
    after = read_checksums(data_copy / "raw" / "SHA256SUMS")
    assert after == {**before, name: hashlib.sha256(target.read_bytes()).hexdigest()}  # only that line changed
    assert analysis.load_corpus(data_copy).set_index("article_id").loc["002", "raw_text"] == original.decode("utf-8")


def test_missing_manifest_stops_the_loader(data_copy):
    (data_copy / "raw" / "SHA256SUMS").unlink()
    with pytest.raises(analysis.CorpusError, match=r"raw/SHA256SUMS: the checksum manifest raw/SHA256SUMS is missing.*"
                                                   r"Fix: .*`cd .*/raw && sha256sum \*\.txt > SHA256SUMS`"):
        analysis.load_corpus(data_copy)


def test_loading_never_writes_to_raw(data_copy):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (data_copy / "raw").iterdir()}
    analysis.load_corpus(data_copy)
    analysis.cleaning_log(data_copy)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (data_copy / "raw").iterdir()}
    assert before == after
