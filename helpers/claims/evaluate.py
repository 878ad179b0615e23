"""Evaluate the tagger against the gold set (``codebook/gold/seeds.jsonl``).

``resolve_gold(gold_path, documents, sentences)`` locates every gold quote in its document:
the line's ``source`` selects the document (exact ``documents.source`` or its file name), the
quote is cleaned with :func:`helpers.text.clean.clean_text` (as the document was) and searched in
``documents.text`` — exactly first, then on the ``norm`` form (length-preserving, so offsets
are shared), then with whitespace runs made flexible. The sentence(s) overlapping the quote
give ``sent_idx`` (the first) and ``sent_idx_last``. A quote that cannot be found, an unknown
source, or a malformed line is an error: :class:`GoldError` lists EVERY such line — never a
silent drop.

``score(mentions, gold)`` compares at the sentence × claim level, only over the sentences the
gold set judged (a sentence outside the gold set is unknown, not negative): a gold claim is a
true positive when the tagger reported that claim in one of the quote's sentences; a tagger
mention in a judged sentence whose claim the gold line lacks is a false positive. Rows: one per
claim id seen in either, plus ``ALL`` (micro-averaged). Speaker, hedged and negated accuracy
are computed on true positives.

``score_by_language(mentions, gold)`` is :func:`score` per document language (``lang`` of the
resolved gold, from ``documents.lang``) plus ``lang == "all"``: a tagger can be good in one
language and poor in the other, and a pooled figure hides it.

``article_false_positives(mentions, gold)`` counts false positives in whole
articles, not only inside the judged sentences. Every gold line carries ``scope``: which
sentences of its document were judged. With ``scope == "every sentence"``
(:data:`WHOLE_DOCUMENT_SCOPE`) every sentence of the document is in scope, so a tagger mention
in a sentence without a gold line is a false positive too (``fp_unjudged``; the gold set's
contract is that such a sentence carries no claim — in practice it also catches sentence
boundaries that moved since the gold was made). With any other scope (``"sentences naming
<an actor>"``, or none as in ``seeds.jsonl``) a sentence without a line is unknown: its mentions
are counted (``unknown``) but never scored. Per language: the gold documents, the tagger's
mentions in them, false positives inside and outside the judged sentences, the articles with
at least one false positive, and the whole-article precision ``tp / (tp + fp_judged +
fp_unjudged)``.

CLI (:mod:`helpers.claims.__main__`): ``python -m helpers.claims --fill codebook/gold/seeds.jsonl`` ingests ``seeds/`` and
writes ``doc_id, sent_idx, sent_idx_last, start, end, text_sha256`` back into every line
(atomic rewrite; other fields untouched).
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import regex

from helpers.core.errors import CrosspressError
from helpers.core.io import atomic_write_text, read_json_lines, text_sha256

__all__ = [
    "GOLD_COLUMNS",
    "GoldError",
    "read_gold",
    "resolve_gold",
    "score",
    "score_by_language",
    "document_counts",
    "micro_interval",
    "article_false_positives",
    "WHOLE_DOCUMENT_SCOPE",
    "fill_gold",
    "GoldEvaluation",
    "evaluate_against_gold",
]

_WS_RUN_RE = regex.compile(r"\s+")
GOLD_COLUMNS = (
    "line",
    "source",
    "quote",
    "claims",
    "doc_id",
    "sent_idx",
    "sent_idx_last",
    "start",
    "end",
    "text_sha256",
    "lang",
    "split",
    "scope",
)
#: The ``scope`` value of a gold line whose document was judged sentence by sentence, whole.
WHOLE_DOCUMENT_SCOPE = "every sentence"


class GoldError(CrosspressError, ValueError):
    """Gold lines that cannot be used; the message lists every one of them."""


def read_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a gold ``.jsonl`` file (blank lines skipped), each with its 1-based
    ``line`` number. Raises :class:`GoldError` listing every malformed line."""
    path = Path(gold_path)
    records, problems = [], []
    for no, obj, bad_json in read_json_lines(path):
        if bad_json is not None:
            problems.append(f"line {no}: {bad_json}")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {no}: not a JSON object")
            continue
        missing = [k for k in ("source", "quote", "claims") if k not in obj]
        if missing:
            problems.append(f"line {no}: missing {', '.join(missing)}")
            continue
        if not isinstance(obj["claims"], list) or not all(
            isinstance(c, dict) and isinstance(c.get("claim_id"), str) for c in obj["claims"]
        ):
            problems.append(f"line {no}: claims must be a list of objects with claim_id")
            continue
        obj["line"] = no
        records.append(obj)
    if problems:
        raise GoldError(f"{path.name}: {len(problems)} bad line(s):\n  " + "\n  ".join(problems))
    return records


def _find_quote(text: str, norm: str, quote: str, lang: str) -> tuple[int, int] | None:
    from helpers.text.clean import clean_text, normalize_for_match  # lazy: sibling module

    cleaned = clean_text(quote, lang).strip()
    if not cleaned:
        return None
    pos = text.find(cleaned)
    if pos >= 0:
        return pos, pos + len(cleaned)
    q_norm = normalize_for_match(cleaned, lang)
    pos = norm.find(q_norm)
    if pos >= 0:
        return pos, pos + len(q_norm)
    parts = [regex.escape(p) for p in _WS_RUN_RE.split(q_norm) if p]
    m = regex.search(r"\s+".join(parts), norm)
    if m:
        return m.start(), m.end()
    return None


def resolve_gold(
    gold_path: str | Path, documents: pd.DataFrame, sentences: pd.DataFrame
) -> pd.DataFrame:
    """Locate every gold quote (see the module docstring); one row per gold line with
    :data:`GOLD_COLUMNS`. Raises :class:`GoldError` listing every quote not found."""
    from helpers.text.clean import normalize_for_match  # lazy: sibling module

    records = read_gold(gold_path)
    by_source: dict[str, Any] = {}
    for row in documents.itertuples(index=False):
        by_source[str(row.source)] = row
        by_source.setdefault(Path(str(row.source)).name, row)
    sent_by_doc = {d: g.sort_values("sent_idx") for d, g in sentences.groupby("doc_id", sort=False)}
    norms: dict[str, str] = {}
    rows, problems = [], []
    for rec in records:
        doc = by_source.get(str(rec["source"])) or by_source.get(Path(str(rec["source"])).name)
        if doc is None:
            problems.append(f"line {rec['line']}: unknown source {rec['source']!r}")
            continue
        text = doc.text
        if doc.doc_id not in norms:
            norms[doc.doc_id] = normalize_for_match(text, doc.lang)
        span = _find_quote(text, norms[doc.doc_id], str(rec["quote"]), doc.lang)
        if span is None:
            problems.append(
                f"line {rec['line']}: quote not found in {rec['source']}: {rec['quote'][:60]!r}"
            )
            continue
        start, end = span
        sents = sent_by_doc.get(doc.doc_id)
        hit = (
            sents[(sents["start"] < end) & (sents["end"] > start)]
            if sents is not None
            else pd.DataFrame()
        )
        if hit.empty:
            problems.append(f"line {rec['line']}: quote found but no sentence overlaps it")
            continue
        rows.append(
            {
                "line": rec["line"],
                "source": str(rec["source"]),
                "quote": rec["quote"],
                "claims": rec["claims"],
                "doc_id": str(doc.doc_id),
                "sent_idx": int(hit["sent_idx"].min()),
                "sent_idx_last": int(hit["sent_idx"].max()),
                "start": start,
                "end": end,
                "text_sha256": text_sha256(text),
                "lang": str(doc.lang),
                "split": str(rec.get("split", "")),
                "scope": str(rec.get("scope", "")),
            }
        )
    if problems:
        raise GoldError(
            f"{Path(gold_path).name}: {len(problems)} gold line(s) not resolved:\n  "
            + "\n  ".join(problems)
        )
    return pd.DataFrame(rows, columns=list(GOLD_COLUMNS))


def _ratio(num: float, den: float) -> float:
    return float(num) / den if den else float("nan")


def _judged_units(
    gold: pd.DataFrame,
) -> tuple[dict[tuple[str, int], int], dict[int, dict[str, dict[str, Any]]]]:
    """The units :func:`score` judges: ``(doc_id, sent_idx) -> unit`` and each unit's gold claims
    by claim id. A unit is a gold line's sentence(s); lines that share a sentence (a fragment
    the segmenter has since joined to its headline, a quote spanning two sentences another line
    also covers) form ONE unit carrying the union of their claims — otherwise the later line
    would hide the earlier one's claims and one tagger mention would count as a miss and a false
    positive at once. The units are the connected components of the graph linking lines that
    share a sentence (:func:`scipy.sparse.csgraph.connected_components`); the first line's
    attributes win for a claim two lines of a unit both carry."""
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    first_row: dict[tuple[str, int], int] = {}
    links: list[tuple[int, int]] = []
    row: Any  # an itertuples row: its columns are dynamically typed
    rows = list(gold.itertuples(index=False))
    for i, row in enumerate(rows):
        for s in range(int(row.sent_idx), int(row.sent_idx_last) + 1):
            links.append((i, first_row.setdefault((str(row.doc_id), s), i)))
    if rows:
        a, b = np.array(links, dtype=np.int64).reshape(-1, 2).T
        graph = coo_array((np.ones(len(a), dtype=np.int8), (a, b)), shape=(len(rows), len(rows)))
        unit_of = connected_components(graph, directed=False)[1]
    else:
        unit_of = np.zeros(0, dtype=np.int64)
    judged = {key: int(unit_of[i]) for key, i in first_row.items()}
    gold_claims: dict[int, dict[str, dict[str, Any]]] = {}
    for i, row in enumerate(rows):
        unit = gold_claims.setdefault(int(unit_of[i]), {})
        for claim in row.claims:
            unit.setdefault(claim["claim_id"], claim)
    return judged, gold_claims


def score(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision / recall / F1 per claim and overall (``claim_id == "ALL"``, micro), at the
    sentence × claim level over the gold-judged sentences, with speaker / hedged / negated
    accuracy on true positives. Columns: ``claim_id, tp, fp, fn, precision, recall, f1,
    speaker_acc, hedged_acc, negated_acc``."""
    judged, gold_claims = _judged_units(gold)
    predicted: dict[int, dict[str, dict[str, Any]]] = {}
    m: Any
    for m in mentions.itertuples(index=False):
        gi = judged.get((str(m.doc_id), int(m.sent_idx)))
        if gi is None:
            continue
        predicted.setdefault(gi, {}).setdefault(
            str(m.claim_id),
            {"speaker": m.speaker, "hedged": bool(m.hedged), "negated": bool(m.negated)},
        )
    stats: dict[str, dict[str, int]] = {}

    def bump(cid: str, key: str, by: int = 1) -> None:
        stats.setdefault(cid, {k: 0 for k in ("tp", "fp", "fn", "sp", "hd", "ng")})[key] += by

    for gi in gold_claims:
        g, p = gold_claims[gi], predicted.get(gi, {})
        for cid in g.keys() | p.keys():
            if cid in g and cid in p:
                bump(cid, "tp")
                bump(cid, "sp", int(str(g[cid].get("speaker")) == str(p[cid]["speaker"])))
                bump(cid, "hd", int(bool(g[cid].get("hedged", False)) == p[cid]["hedged"]))
                bump(cid, "ng", int(bool(g[cid].get("negated", False)) == p[cid]["negated"]))
            elif cid in g:
                bump(cid, "fn")
            else:
                bump(cid, "fp")
    rows = []
    totals = {k: 0 for k in ("tp", "fp", "fn", "sp", "hd", "ng")}
    for cid in sorted(stats):
        counts = stats[cid]
        for k in totals:
            totals[k] += counts[k]
        rows.append(_score_row(cid, counts))
    rows.append(_score_row("ALL", totals))
    return pd.DataFrame(rows)


def score_by_language(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """:func:`score` separately for each language of the gold documents (``gold.lang``), then
    over all of them (``lang == "all"``). Columns: ``lang`` then those of :func:`score`. Only
    mentions in the gold's documents of that language can count."""
    if "lang" not in gold.columns:
        raise ValueError("gold lacks a lang column: resolve it with resolve_gold")
    parts = []
    groups = [(str(lang), g) for lang, g in gold.groupby("lang", sort=True)] + [("all", gold)]
    for lang, part in groups:
        docs = set(part["doc_id"].astype(str))
        table = score(mentions[mentions["doc_id"].astype(str).isin(docs)], part)
        table.insert(0, "lang", lang)
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


def document_counts(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Micro counts per gold document: columns ``doc_id, lang, tp, fp, fn`` (the ``ALL`` row of
    :func:`score` on that document's gold lines and mentions). The unit a resample draws in
    :func:`micro_interval`: sentences of one article are not independent of each other."""
    if "lang" not in gold.columns:
        raise ValueError("gold lacks a lang column: resolve it with resolve_gold")
    rows = []
    doc_ids = mentions["doc_id"].astype(str)
    for doc_id, part in gold.groupby(gold["doc_id"].astype(str), sort=True):
        total = score(mentions[doc_ids == doc_id], part).iloc[-1]
        rows.append(
            {
                "doc_id": doc_id,
                "lang": str(part["lang"].iloc[0]),
                "tp": int(total.tp),
                "fp": int(total.fp),
                "fn": int(total.fn),
            }
        )
    return pd.DataFrame(rows, columns=["doc_id", "lang", "tp", "fp", "fn"])


def micro_interval(
    counts: pd.DataFrame, confidence: float = 0.95, n_resamples: int = 2000, seed: int = 20261124
) -> dict[str, float]:
    """Percentile bootstrap intervals of micro precision, recall and F1, resampling whole
    documents (rows of :func:`document_counts`) with :func:`scipy.stats.bootstrap` (paired, so a
    document's tp / fp / fn stay together; seeded). Keys ``P_lo, P_hi, R_lo, R_hi, F1_lo,
    F1_hi``; NaN with fewer than two documents or when a statistic is undefined in a resample."""
    keys = ("P_lo", "P_hi", "R_lo", "R_hi", "F1_lo", "F1_hi")
    if len(counts) < 2 or not counts[["tp", "fp", "fn"]].to_numpy().any():
        return dict.fromkeys(keys, float("nan"))

    def micro(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray, axis: int = -1) -> np.ndarray:
        t, f_p, f_n = tp.sum(axis=axis), fp.sum(axis=axis), fn.sum(axis=axis)
        with np.errstate(divide="ignore", invalid="ignore"):
            precision = t / (t + f_p)
            recall = t / (t + f_n)
            f1 = np.where(t > 0, 2 * t / (2 * t + f_p + f_n), 0.0)
        return np.stack([precision, recall, f1])

    from scipy.stats import DegenerateDataWarning, bootstrap  # lazy: scipy is heavy to import

    with warnings.catch_warnings():  # a statistic undefined in some resample: its bounds are NaN
        warnings.simplefilter("ignore", DegenerateDataWarning)
        result = bootstrap(
            tuple(counts[c].to_numpy(dtype=float) for c in ("tp", "fp", "fn")),
            micro,
            paired=True,
            vectorized=True,
            confidence_level=confidence,
            n_resamples=n_resamples,
            method="percentile",
            rng=np.random.default_rng(seed),
        )
    low, high = result.confidence_interval
    return dict(zip(keys, (float(v) for pair in zip(low, high) for v in pair), strict=True))


def article_false_positives(mentions: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """False positives over whole gold articles (rules in the module docstring), per language
    and ``"all"``. Columns: ``lang, documents, mentions, tp, fp_judged, fp_unjudged, unknown,
    articles_with_fp, precision_article``."""
    judged: dict[tuple[str, int], set[str]] = {}
    whole: set[str] = set()
    lang_of: dict[str, str] = {}
    row: Any  # an itertuples row
    for row in gold.itertuples(index=False):
        doc = str(row.doc_id)
        lang_of[doc] = str(getattr(row, "lang", ""))
        if str(getattr(row, "scope", "")) == WHOLE_DOCUMENT_SCOPE:
            whole.add(doc)
        claims = {str(c["claim_id"]) for c in row.claims}
        for s in range(int(row.sent_idx), int(row.sent_idx_last) + 1):
            judged.setdefault((doc, s), set()).update(claims)
    keys = ("mentions", "tp", "fp_judged", "fp_unjudged", "unknown")
    counts: dict[str, dict[str, int]] = {}
    fp_docs: dict[str, set[str]] = {}
    seen: set[tuple[str, int, str]] = set()
    m: Any  # an itertuples row: its columns are dynamically typed
    for m in mentions.itertuples(index=False):
        doc = str(m.doc_id)
        if doc not in lang_of:
            continue
        key = (doc, int(m.sent_idx), str(m.claim_id))
        if key in seen:  # one decision per sentence x claim, as score() counts
            continue
        seen.add(key)
        lang = lang_of[doc]
        c = counts.setdefault(lang, dict.fromkeys(keys, 0))
        c["mentions"] += 1
        gold_claims = judged.get((doc, int(m.sent_idx)))
        if gold_claims is not None:
            if str(m.claim_id) in gold_claims:
                c["tp"] += 1
                continue
            c["fp_judged"] += 1
        elif doc in whole:
            c["fp_unjudged"] += 1
        else:
            c["unknown"] += 1
            continue
        fp_docs.setdefault(lang, set()).add(doc)
    rows = []
    langs = sorted(set(lang_of.values()))
    for lang in [*langs, "all"]:
        in_lang = [d for d, lg in lang_of.items() if lang in (lg, "all")]
        c = dict.fromkeys(keys, 0)
        for lg in langs if lang == "all" else [lang]:
            for k, v in counts.get(lg, {}).items():
                c[k] += v
        n_fp_docs = sum(len(fp_docs.get(lg, ())) for lg in (langs if lang == "all" else [lang]))
        rows.append(
            {
                "lang": lang,
                "documents": len(in_lang),
                **c,
                "articles_with_fp": n_fp_docs,
                "precision_article": _ratio(c["tp"], c["tp"] + c["fp_judged"] + c["fp_unjudged"]),
            }
        )
    return pd.DataFrame(rows)


def _score_row(cid: str, s: dict[str, int]) -> dict[str, Any]:
    precision = _ratio(s["tp"], s["tp"] + s["fp"])
    recall = _ratio(s["tp"], s["tp"] + s["fn"])
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision + recall > 0
        else (0.0 if s["tp"] + s["fp"] + s["fn"] else np.nan)
    )
    return {
        "claim_id": cid,
        "tp": s["tp"],
        "fp": s["fp"],
        "fn": s["fn"],
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_acc": _ratio(s["sp"], s["tp"]),
        "hedged_acc": _ratio(s["hd"], s["tp"]),
        "negated_acc": _ratio(s["ng"], s["tp"]),
    }


def fill_gold(gold_path: str | Path, documents: pd.DataFrame, sentences: pd.DataFrame) -> Path:
    """Write ``doc_id, sent_idx, sent_idx_last, start, end, text_sha256`` into every line of
    the gold file (atomic rewrite; other fields and their order kept). Returns the path."""
    path = Path(gold_path)
    resolved = resolve_gold(path, documents, sentences).set_index("line")
    out_lines = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        obj = json.loads(raw)
        row = resolved.loc[no]
        for key in ("doc_id", "sent_idx", "sent_idx_last", "start", "end", "text_sha256"):
            value = row[key]
            obj[key] = int(value) if isinstance(value, (int, np.integer)) else str(value)
        out_lines.append(json.dumps(obj, ensure_ascii=False))
    return atomic_write_text(path, "\n".join(out_lines) + "\n")


@dataclass(frozen=True)
class GoldEvaluation:
    """Notebook 02's evaluation step: the plain ``message`` it prints, and — when gold lines
    of this run's documents were judged — the ``evaluation`` table (:func:`score_by_language`
    of the tagger's mentions), its number of ``judged`` sentences and the
    ``false_positives`` over whole articles (:func:`article_false_positives`)."""

    message: str
    evaluation: pd.DataFrame | None = None
    false_positives: pd.DataFrame | None = None
    judged: int = 0

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Run tables the step writes: ``evaluation`` when there was one, else none."""
        return {} if self.evaluation is None else {"evaluation": self.evaluation}


def evaluate_against_gold(
    gold_path: str | Path | None,
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    gold_name: str | None = None,
) -> GoldEvaluation:
    """Score the tagger's mentions (``method == "rule"``; reviewers' labels are left out)
    against the gold file at ``gold_path``, per language.

    ``gold_path`` None: no evaluation was asked for. A gold file none of whose documents
    (``source``) is in ``documents``: skipped, saying so with ``gold_name`` (the parameter as
    the analyst wrote it; default the file's name). Otherwise the message gives precision,
    recall and F1 of every language (the ``claim_id == "ALL"`` rows), with a 95 % interval of
    F1 from a bootstrap over whole articles (:func:`micro_interval`) where there are two or more.
    """
    if gold_path is None:
        return GoldEvaluation("gold = '': no evaluation requested")
    gold_sources = {str(rec["source"]) for rec in read_gold(gold_path)}
    if not gold_sources & set(documents["source"].astype(str)):
        name = gold_name or Path(gold_path).name
        return GoldEvaluation(
            f"evaluation skipped: none of the {len(gold_sources)} documents of {name} "
            "is in this run"
        )
    gold_table = resolve_gold(gold_path, documents, sentences)
    rule_mentions = mentions[mentions["method"] == "rule"]
    evaluation = score_by_language(rule_mentions, gold_table)
    per_document = document_counts(rule_mentions, gold_table)
    lines = [f"tagger vs gold ({len(gold_table)} judged sentences):"]
    for row in evaluation[evaluation["claim_id"] == "ALL"].to_dict("records"):
        docs = (
            per_document
            if row["lang"] == "all"
            else per_document[per_document["lang"] == row["lang"]]
        )
        interval = micro_interval(docs)
        spread = (
            ""
            if np.isnan(interval["F1_lo"])
            else f", 95% interval {interval['F1_lo']:.3f}–{interval['F1_hi']:.3f}"
        )
        articles = f"{len(docs)} article" + ("" if len(docs) == 1 else "s")
        lines.append(
            f"  {row['lang']:>3}: precision {row['precision']:.3f}, recall {row['recall']:.3f}, "
            f"F1 {row['f1']:.3f}{spread} ({row['tp'] + row['fn']} gold claims in {articles})"
        )
    return GoldEvaluation(
        "\n".join(lines),
        evaluation,
        article_false_positives(rule_mentions, gold_table),
        len(gold_table),
    )
