"""crosspress benchmark: every speed and memory figure of the project in one run (prints; not a test).

``make bench`` runs ``python bench/run_all.py --size-mb 50``; ``--quick`` is a ~1-2 minute
version (smaller corpora). All corpora are SYNTHETIC, built from the five seed articles
(the output says so):

1. Tokenizers (``bench/bench_tokenize.py``'s ``run``): MB/s per core of hebrew_tokenizer,
   camel ``simple_word_tokenize``, our ``tokenize()`` and our corpus ``tokens_table``; plus,
   per language, our tokens table against the reference: Hebrew docs vs hebrew_tokenizer,
   Arabic docs vs camel ``simple_word_tokenize`` + ``dediac_ar`` (our table carries the
   normalised form of every token too).
2. Tagger (``bench/bench_tagger.py``'s ``run``): sentences/s of the Aho–Corasick tagger vs the
   naive every-pattern loop, and whether both found identical mentions.
3. End to end — raw ``.txt`` files → ingest (read, clean, boilerplate, metadata) → segment →
   tokenize → annotate → the four tables — single process vs Dask with ``--workers`` (2)
   worker processes, each measurement in a fresh subprocess so its peak memory
   (``VmHWM``) is its own. On Dask :func:`helpers.run.engine.run_corpus` has each worker
   ingest groups of the corpus' files, then run the stages on one doc_id range of the
   documents at a time (the client loads the codebook meanwhile and concatenates the ranges'
   tables); cluster start-up is reported, not timed.
4. Scaling: single-process time and peak memory at 1×, 4× and 16× a base size
   (16× = ``--size-mb``).
5. Memory of the ``sentences`` table (``memory_usage(deep=True)``) vs the UTF-8 size of its
   text.

A final table lists each target of the issue and whether it is met. "Per core" figures are per
CPU-second of the measuring process (single-threaded: Polars is limited to one thread) or, for
Dask, wall-clock MB/s divided by the number of workers. The machine's load average is printed:
other processes competing for the cores lower the wall-clock figures (Dask speed-up first).
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # per-core figures (before Polars loads)

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for _p in (str(ROOT), str(BENCH)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

__all__ = ["build_raw_corpus", "measure", "main"]

CODEBOOK = ROOT / "codebook" / "russia_iran.yaml"
SEED_LANG = {"000": "he", "001": "ar", "002": "he", "003": "ar", "004": "he"}


# --------------------------------------------------------------------------- synthetic corpus


def _seed_lines() -> dict[str, list[str]]:
    """Non-empty raw lines of the seed files, per language (uncleaned, as scraped)."""
    pools: dict[str, list[str]] = {"he": [], "ar": []}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lang = SEED_LANG[path.name[:3]]
        pools[lang].extend(
            line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        )
    return pools


def build_raw_corpus(folder: Path, size_mb: float, shards: int, seed: int = 2026) -> dict:
    """Write a synthetic corpus of ``.txt`` articles totalling ``size_mb`` MB (10^6 bytes) into
    ``folder/shard-K/``: each article is 6–14 raw seed lines of one language, drawn at random
    (so articles differ and every ingest step — language, cleaning, boilerplate, metadata —
    runs as on real files). Returns ``{"files", "bytes", "shards"}``."""
    rng = random.Random(seed)
    pools = _seed_lines()
    dirs = [folder / f"shard-{k:02d}" for k in range(shards)]
    for d in dirs:
        d.mkdir(parents=True, exist_ok=True)
    target = int(size_mb * 1e6)
    total = n = 0
    while total < target:
        lang = "he" if n % 5 in (0, 2, 4) else "ar"  # the seeds' 3:2 mix
        pool = pools[lang]
        text = "\n\n".join(rng.choice(pool) for _ in range(rng.randint(6, 14))) + "\n"
        data = text.encode("utf-8")
        (dirs[n % shards] / f"doc-{n:07d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    return {"files": n, "bytes": total, "shards": [str(d) for d in dirs]}


# --------------------------------------------------------------------------- measurements


def _maxrss_mb() -> float:
    """Peak resident memory of this process in MiB.

    Read from ``VmHWM`` in ``/proc/self/status``: Linux's ``ru_maxrss`` also counts the peak of
    the image replaced by ``exec`` — here the forked copy of the (large) parent bench process —
    while ``VmHWM`` belongs to this program alone. ``ru_maxrss`` elsewhere.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _table_memory(sentences) -> dict[str, float]:
    import pyarrow as pa
    import pyarrow.compute as pc

    mem = int(sentences.memory_usage(deep=True, index=False).sum())
    text_bytes = int(pc.sum(pc.binary_length(pa.array(sentences["text"]))).as_py() or 0)
    return {
        "sentences_mem_bytes": mem,
        "sentences_text_utf8_bytes": text_bytes,
        "sentences_mem_ratio": round(mem / max(text_bytes, 1), 3),
    }


def _comparable(documents, rejects, sentences, tokens, mentions) -> dict:
    """The five tables the two engines must produce identically."""
    return {
        "documents": documents,
        "rejects": rejects,
        "sentences": sentences,
        "tokens": tokens,
        "mentions": mentions,
    }


def _measure_single(spec: dict) -> dict:
    from table_hashes import table_hashes

    from helpers.ingest.corpus import ingest_corpus
    from helpers.run.engine import run_annotate_stage, run_text_stage

    laps: dict[str, float] = {}
    cpu, wall = time.process_time(), time.perf_counter()
    mark = cpu
    result = ingest_corpus(spec["corpus"], progress=False)
    laps["ingest_cpu"], mark = time.process_time() - mark, time.process_time()
    sentences, tokens = run_text_stage(result.documents)
    laps["segment_tokenize_cpu"], mark = time.process_time() - mark, time.process_time()
    mentions = run_annotate_stage(result.documents, sentences, CODEBOOK)
    laps["annotate_cpu"] = time.process_time() - mark  # includes loading the codebook
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    maxrss = _maxrss_mb()  # before hashing (which needs memory of its own)
    hashes = table_hashes(
        _comparable(result.documents, result.rejects, sentences, tokens, mentions)
    )
    out = {
        "mb": spec["mb"],
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "load_avg": round(os.getloadavg()[0], 2),
        **{k: round(v, 2) for k, v in laps.items()},
        "documents": len(result.documents),
        "rejects": len(result.rejects),
        "sentences": len(sentences),
        "tokens": len(tokens),
        "mentions": len(mentions),
        "maxrss_mb": round(maxrss, 1),
        "table_hashes": hashes,
    }
    out.update(_table_memory(sentences))
    return out


def _warm_worker() -> None:
    import helpers.ingest.corpus
    import helpers.run.pipeline  # noqa: F401


def _measure_dask(spec: dict) -> dict:
    from table_hashes import table_hashes

    from helpers.run.cluster import dask_client
    from helpers.run.engine import run_corpus

    t0 = time.perf_counter()
    with dask_client(None, n_workers=spec["workers"]) as client:
        client.run(_warm_worker)
        startup = time.perf_counter() - t0
        wall = time.perf_counter()
        # the workers ingest groups of the corpus' files and run the stages per doc_id
        # range; sources are relative to the corpus root, as in the single process
        run = run_corpus(
            spec["corpus"],
            CODEBOOK,
            engine="dask",
            scheduler=client,
            partition_bytes=spec["partition_bytes"],
        )
        wall = time.perf_counter() - wall
        workers = client.run(_maxrss_mb)
    client_maxrss = _maxrss_mb()
    hashes = table_hashes(
        _comparable(run.documents, run.rejects, run.sentences, run.tokens, run.mentions)
    )
    return {
        "mb": spec["mb"],
        "workers": spec["workers"],
        "wall_seconds": round(wall, 3),
        "load_avg": round(os.getloadavg()[0], 2),
        "startup_seconds": round(startup, 2),
        "documents": len(run.documents),
        "sentences": len(run.sentences),
        "tokens": len(run.tokens),
        "mentions": len(run.mentions),
        "client_maxrss_mb": round(client_maxrss, 1),
        "worker_maxrss_mb": round(max(workers.values()), 1),
        "table_hashes": hashes,
    }


def measure(spec: dict) -> dict:
    """Run one measurement in a fresh subprocess (own peak memory); returns its JSON result."""
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"measurement {spec['kind']} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- tokenizers per language


def _each(func: Callable[[str], object], texts: list[str]) -> None:
    for text in texts:
        func(text)


def _per_language_tokenizers(size_mb: float) -> list[dict]:
    """Our tokens table vs the reference tokenizer of each language, on that language's docs."""
    from bench_tokenize import _time, build_corpus
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar

    from bench._hebrew_tokenizer import load_hebrew_tokenizer
    from helpers.text.segment import sentences_table
    from helpers.text.tokenize import tokens_table

    docs = build_corpus(size_mb)
    ht = load_hebrew_tokenizer()
    refs: dict[str, tuple[str, Callable[[str], object]]] = {
        "he": ("hebrew_tokenizer", lambda t: list(ht.tokenize(t))),
        "ar": (
            "camel simple_word_tokenize + dediac_ar",
            lambda t: [dediac_ar(w) for w in simple_word_tokenize(t)],
        ),
    }
    rows = []
    for lang, (ref_name, ref) in refs.items():
        part = docs[docs["lang"] == lang].reset_index(drop=True)
        mb = sum(len(t.encode("utf-8")) for t in part["text"]) / 1e6
        texts = part["text"].tolist()
        ref(texts[0])
        ref_cpu, _ = _time(partial(_each, ref, texts), 3)  # fastest of 3 runs
        sentences = sentences_table(part)
        tokens_table(part.iloc[:2], sentences[sentences["doc_id"].isin(part["doc_id"].iloc[:2])])
        our_cpu, _ = _time(partial(tokens_table, part, sentences), 3)
        rows.append(
            {
                "lang": lang,
                "mb": round(mb, 2),
                "reference": ref_name,
                "ref_mb_per_s": round(mb / ref_cpu, 2),
                "ours_mb_per_s": round(mb / our_cpu, 2),
                "ratio": round(ref_cpu / our_cpu, 2),
            }
        )
    return rows


# --------------------------------------------------------------------------- report


def _print_rows(title: str, rows: list[dict]) -> None:
    print(f"\n== {title}")
    for row in rows:
        print("  " + "  ".join(f"{k}={v}" for k, v in row.items()))


def _target(rows: list, name: str, value: float | None, goal: float, unit: str) -> None:
    met = "n/a" if value is None else ("met" if value >= goal else "NOT met")
    shown = "n/a" if value is None else f"{value:.2f}{unit}"
    rows.append((name, f"≥ {goal:g}{unit}", shown, met))


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size-mb", type=float, default=50.0, help="end-to-end corpus size in MB (default 50)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small corpora (≈1-2 minutes): 8 MB end to end, 2 MB tokenizers",
    )
    parser.add_argument("--workers", type=int, default=2, help="Dask workers (default 2)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:  # child process: one measurement, one JSON line
        spec = json.loads(args.measure)
        result = (_measure_dask if spec["kind"] == "dask" else _measure_single)(spec)
        print(json.dumps(result))
        return 0

    import bench_tagger
    import bench_tokenize

    size_mb = min(args.size_mb, 8.0) if args.quick else args.size_mb
    tok_mb = 2.0 if args.quick else min(20.0, size_mb)
    n_sentences = 5000 if args.quick else 20000
    started = time.perf_counter()
    print(
        "crosspress bench — SYNTHETIC corpora built from the 5 seed articles "
        f"(python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}{', --quick' if args.quick else ''})"
    )

    tok_rows = bench_tokenize.run(tok_mb)
    _print_rows(f"tokenizers, all seeds repeated to {tok_mb:g} MB (MB/s per CPU-second)", tok_rows)
    lang_rows = _per_language_tokenizers(tok_mb)
    _print_rows("tokens table per language vs the reference (MB/s per CPU-second)", lang_rows)

    tag_rows = bench_tagger.run(n_sentences)
    _print_rows(f"tagger, ≥{n_sentences} synthetic sentences", tag_rows)

    with tempfile.TemporaryDirectory(prefix="crosspress-bench-") as tmp:
        base = size_mb / 16
        scale_rows = []
        for factor in (1, 4, 16):
            folder = Path(tmp) / f"x{factor}"
            info = build_raw_corpus(folder, base * factor, shards=4 * args.workers)
            single_corpus = str(folder)  # the last one (16×) is the end-to-end corpus
            spec = {"kind": "single", "corpus": single_corpus, "mb": round(info["bytes"] / 1e6, 2)}
            res = measure(spec)
            res["factor"] = factor
            res["files"] = info["files"]
            scale_rows.append(res)
        single = scale_rows[-1]
        dask = measure(
            {
                "kind": "dask",
                "corpus": single_corpus,
                "workers": args.workers,
                "mb": single["mb"],
                "partition_bytes": 1_000_000,
            }
        )
    single["mb_per_s_per_core"] = round(single["mb"] / single["cpu_seconds"], 2)
    single["mb_per_s_wall"] = round(single["mb"] / single["wall_seconds"], 2)
    dask["mb_per_s_wall"] = round(dask["mb"] / dask["wall_seconds"], 2)
    dask["mb_per_s_per_core"] = round(dask["mb_per_s_wall"] / args.workers, 2)
    speedup = single["wall_seconds"] / dask["wall_seconds"]
    _print_rows(
        f"end to end (raw .txt → 4 tables), {single['mb']} MB, {single['files']} files",
        [
            {
                "engine": "single process",
                **{
                    k: single[k]
                    for k in (
                        "wall_seconds",
                        "cpu_seconds",
                        "mb_per_s_wall",
                        "mb_per_s_per_core",
                        "load_avg",
                        "ingest_cpu",
                        "segment_tokenize_cpu",
                        "annotate_cpu",
                        "maxrss_mb",
                        "documents",
                        "sentences",
                        "tokens",
                        "mentions",
                    )
                },
            },
            {
                "engine": f"dask {args.workers} workers",
                **{k: v for k, v in dask.items() if k != "table_hashes"},
            },
            {"speedup_wall": round(speedup, 2)},
        ],
    )
    print("  table hashes (rows in order):")
    for name, digest in single["table_hashes"].items():
        other = dask["table_hashes"].get(name)
        print(
            f"    {name:10s} single {digest}   dask {other}   {'same' if other == digest else 'DIFFERENT'}"
        )
    _print_rows(
        "scaling, single process",
        [
            {
                k: r[k]
                for k in (
                    "factor",
                    "mb",
                    "files",
                    "wall_seconds",
                    "cpu_seconds",
                    "maxrss_mb",
                    "sentences",
                    "mentions",
                )
            }
            for r in scale_rows
        ],
    )
    _print_rows(
        "sentences table memory vs its UTF-8 text",
        [
            {
                k: single[k]
                for k in (
                    "sentences",
                    "sentences_mem_bytes",
                    "sentences_text_utf8_bytes",
                    "sentences_mem_ratio",
                )
            }
        ],
    )

    table_row = next((r for r in tok_rows if "tokens_table" in r["tool"]), None)
    targets: list[tuple[str, str, str, str]] = []
    _target(
        targets,
        "tokens table vs hebrew_tokenizer (per core)",
        table_row and table_row["x_hebrew_tokenizer"],
        4,
        "×",
    )
    _target(targets, "tokens table vs camel (per core)", table_row and table_row["x_camel"], 6, "×")
    he = next(r for r in lang_rows if r["lang"] == "he")
    ar = next(r for r in lang_rows if r["lang"] == "ar")
    _target(targets, "  Hebrew docs: tokens table vs hebrew_tokenizer", he["ratio"], 4, "×")
    _target(targets, "  Arabic docs: tokens table vs camel + dediac_ar", ar["ratio"], 6, "×")
    for corpus in dict.fromkeys(r.get("corpus", "") for r in tag_rows):
        rows_c = {r["name"]: r for r in tag_rows if r.get("corpus", "") == corpus}
        auto, naive = rows_c.get("tagger_automaton"), rows_c.get("tagger_naive")
        speed = rows_c.get("tagger_speedup")
        label = f" [{corpus}]" if corpus else ""
        if auto and naive and auto.get("cpu_seconds") and naive.get("cpu_seconds"):
            tag_ratio = naive["cpu_seconds"] / auto["cpu_seconds"]  # per CPU-second
        else:
            tag_ratio = speed and speed["ratio"]
        tag_rate = auto and auto.get("sentences_per_cpu_s", auto.get("sentences_per_s"))
        _target(targets, f"tagger vs naive loop (per core){label}", tag_ratio, 50, "×")
        _target(
            targets, f"tagger sentences/s per core{label}", tag_rate and tag_rate / 1000, 40, "k"
        )
        identical = bool(speed and speed.get("identical_mentions"))
        targets.append(
            (
                f"tagger = naive loop: identical mentions{label}",
                "yes",
                "yes" if identical else "no",
                "met" if identical else "NOT met",
            )
        )
    _target(targets, "end to end MB/s per core", single["mb_per_s_per_core"], 4, " MB/s")
    _target(targets, f"Dask {args.workers} workers vs one process (wall)", speedup, 1.6, "×")
    same = single["table_hashes"] == dask["table_hashes"]
    targets.append(
        (
            "Dask tables = single-process tables (hashes)",
            "yes",
            "yes" if same else "no",
            "met" if same else "NOT met",
        )
    )
    mem = single["sentences_mem_ratio"]
    targets.append(
        (
            "sentences table memory / UTF-8 text",
            "≤ 1.5×",
            f"{mem:.2f}×",
            "met" if mem <= 1.5 else "NOT met",
        )
    )
    print("\n== targets")
    width = max(len(t[0]) for t in targets)
    for name, goal, value, met in targets:
        print(f"  {name:<{width}}  {goal:>10}  {value:>12}  {met}")
    busy = max(single["load_avg"], dask["load_avg"])
    if busy > 1.0:
        print(
            f"  note: load average {busy:.1f} during the end-to-end runs on {os.cpu_count()} "
            "CPUs — other processes competed for the cores, so the wall-clock figures (Dask "
            "speed-up first) understate what an idle machine gives."
        )
    print(
        f"\ntotal bench time {time.perf_counter() - started:.0f} s; "
        f"load average now {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
