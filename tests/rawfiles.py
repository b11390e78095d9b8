"""Helpers for tests that break a copy of a data folder on purpose."""
from analysis.corpus import read_checksums, sha256


def rewrite_raw(data_dir, name, data: bytes):
    """Replace a raw file and record its new checksum, so only the problem under test remains."""
    target = data_dir / "raw" / name
    target.write_bytes(data)
    sums = read_checksums(data_dir / "raw" / "SHA256SUMS")
    sums[name] = sha256(target)
    (data_dir / "raw" / "SHA256SUMS").write_text("".join(f"{d}  {n}\n" for n, d in sorted(sums.items())))
