"""Raw data is read-only: every byte is checked against the manifest."""
import hashlib

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


def test_loading_never_writes_to_raw(data_copy):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (data_copy / "raw").iterdir()}
    analysis.load_corpus(data_copy)
    analysis.cleaning_log(data_copy)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (data_copy / "raw").iterdir()}
    assert before == after
