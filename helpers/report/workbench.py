"""Codebook workbench: the three views an analyst uses to write or extend a codebook.

* :func:`concordance` — keyword in context (KWIC) of an actor, medium, claim or any pattern
  across both languages: each match with its left/right context, the normalised form the
  tagger matches on, the clitic-stripped word, and the document (URL or source file).
* :func:`cue_candidates` — n-grams that co-occur with an actor pair (sentences mentioning
  both) far more often than in the background, per language, scored with the log-odds ratio
  with an informative Dirichlet prior (:func:`helpers.stance.log_odds.log_odds_dirichlet`).
  The background is the rest of the run's corpus, or ``wordfreq``'s Hebrew / Arabic
  frequency list at the corpus's size. Each candidate comes with an example sentence.
* :func:`dry_run` — a claim as it is being edited (a YAML mapping, a claim id, or one bare
  pattern) run through the real tagger on the corpus: its mentions (count, sentences with the
  span) and, where a gold file covers the corpus, precision / recall / F1 — before the YAML is
  saved. The edited claim is validated by the codebook loader itself.

Every function returns a plain table (the notebook writes each to the run folder) and none
writes the codebook. :func:`kwic_html` and :func:`matches_html` render tables as escaped,
right-to-left HTML.

This module sits in ``helpers.report`` because it combines the claims layer (codebook,
tagger, gold) with the stance layer's log-odds: the import arrows run one way.
"""

from __future__ import annotations

import dataclasses
import html
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers.claims.codebook import Actor, Codebook, CodebookError, Medium, load_codebook
from helpers.claims.patterns import AR_PROCLITIC_CHAINS, compile_pattern
from helpers.core.errors import CrosspressError
from helpers.core.io import load_yaml_safely
from helpers.report.display import TABLE_CSS, html_table
from helpers.text.charsets import HEBREW_PREFIX_LETTERS, MAQAF
from helpers.text.clean import normalize_for_match

__all__ = [
    "WorkbenchError",
    "CONCORDANCE_COLUMNS",
    "CUE_COLUMNS",
    "MATCH_COLUMNS",
    "SUMMARY_COLUMNS",
    "term_patterns",
    "strip_clitics",
    "concordance",
    "cue_candidates",
    "dry_run",
    "kwic_html",
    "matches_html",
    "WorkbenchStep",
    "CUE_SHOWN_COLUMNS",
    "cue_step",
    "dry_run_step",
]

CONCORDANCE_COLUMNS = (
    "term",
    "lang",
    "doc_id",
    "source",
    "link",
    "outlet",
    "sent_idx",
    "start",
    "end",
    "left",
    "match",
    "right",
    "norm",
    "word",
    "pattern",
)
CUE_COLUMNS = (
    "pair",
    "lang",
    "background",
    "ngram",
    "n",
    "count_pair",
    "count_background",
    "delta",
    "z",
    "n_pair_sentences",
    "example",
    "example_doc_id",
    "example_sent_idx",
)
MATCH_COLUMNS = (
    "variant",
    "claim_id",
    "lang",
    "doc_id",
    "source",
    "sent_idx",
    "start",
    "end",
    "cue",
    "speaker",
    "hedged",
    "negated",
    "sentence",
    "span_start",
    "span_end",
    "gold",
)
SUMMARY_COLUMNS = (
    "variant",
    "claim_id",
    "lang",
    "n_mentions",
    "n_sentences",
    "n_documents",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "f1",
)

#: Arabic proclitic chains, longest first: conjunction و/ف, preposition ب/ك/ل, article ال
#: (لل after ل) — the chains the tagger's patterns accept.
_AR_PREFIXES = AR_PROCLITIC_CHAINS
#: A remainder counts as a word when wordfreq gives it at least this Zipf frequency ...
_KNOWN_ZIPF = 3.0
#: ... and it is not much rarer than the whole word (``משטר`` is not ``מ`` + ``שטר``) — in Zipf
#: units; a chain ending in the article (Hebrew ה, Arabic ال / لل) gets more slack, since
#: "the X" is often commoner than "X" (``הממשלה`` → ``ממשלה``).
_ZIPF_SLACK = 0.3
_ZIPF_SLACK_ARTICLE = 1.0
_MIN_STEM = 3
#: Pseudo n-gram holding the rest of the wordfreq background's mass (never reported).
_OTHER = "\x00other"


class WorkbenchError(CrosspressError, ValueError):
    """A bad workbench input; the message names the parameter and the reason."""


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def _prefix_candidates(word: str, lang: str) -> list[str]:
    """Proclitic chains ``word`` may start with, longest first."""
    if lang == "he":
        out = []
        for k in (3, 2, 1):
            head = word[:k]
            # a real chain: proclitic letters, none twice, the article ה only last (וכש, שב, וה)
            if (
                len(word) > k
                and all(ch in HEBREW_PREFIX_LETTERS for ch in head)
                and len(set(head)) == k
                and "ה" not in head[:-1]
            ):
                out.append(head)
        return out
    if lang == "ar":
        return [p for p in _AR_PREFIXES if word.startswith(p) and len(word) > len(p)]
    return []


def strip_clitics(word: str, lang: str, vocabulary: Iterable[str] = ()) -> str:
    """``word`` without its proclitics (Hebrew ו ה ב כ ל מ ש chains; Arabic و ف + ب ك ل +
    ال / لل), or ``word`` unchanged when no split is plausible.

    Hebrew and Arabic prefixes are ambiguous (``מבצע`` "operation" is not ``מ`` + ``בצע``), so
    a split is kept only when the remainder has at least three letters and is a known word —
    in ``vocabulary`` (e.g. the corpus's own words) or in wordfreq's list for ``lang`` at
    Zipf ≥ 3 — and is not much rarer than the whole word. The longest such split wins
    (``והחטופים`` → ``חטופים``, ``للوسطاء`` → ``وسطاء``).
    """
    vocab = vocabulary if isinstance(vocabulary, (set, frozenset)) else set(vocabulary)
    whole = _zipf(word, lang)
    for prefix in _prefix_candidates(word, lang):
        rest = word[len(prefix) :]
        if len(rest) < _MIN_STEM:
            continue
        z = _zipf(rest, lang)
        article = prefix.endswith("ה") if lang == "he" else prefix.endswith(("ال", "لل"))
        slack = _ZIPF_SLACK_ARTICLE if article else _ZIPF_SLACK
        if (z >= _KNOWN_ZIPF or rest in vocab) and z >= whole - slack:
            return rest
    return word


def _anchor_strip(word_norm: str, anchors: Iterable[str], lang: str) -> str | None:
    """The stem of a matched word when one of the pattern's anchors explains its prefix."""
    for anchor in sorted(anchors, key=len, reverse=True):
        i = word_norm.find(anchor)
        if i < 0:
            continue
        head = word_norm[:i]
        if not head:
            return word_norm[i:]
        if (
            lang == "he"
            and len(head) <= 4
            and set(head.strip("-" + MAQAF)) <= HEBREW_PREFIX_LETTERS
        ):
            return word_norm[i:]
        if lang == "ar" and (head in _AR_PREFIXES or head == ""):
            return word_norm[i:]
    return None


def term_patterns(
    term: str, codebook: Codebook | None, languages: Iterable[str] = ("he", "ar")
) -> tuple[str, dict[str, tuple[str, ...]]]:
    """``(label, {lang: patterns})`` for ``term``: an actor, medium or claim id of the codebook
    (its own patterns), or else one pattern in the analyst syntax, tried in every language.

    Raises :class:`WorkbenchError` for an empty term or a pattern that does not compile.
    """
    if not isinstance(term, str) or not term.strip():
        raise WorkbenchError("parameter 'term': empty; give an actor/medium/claim id or a pattern")
    term = term.strip()
    if codebook is not None:
        for kind, table in (
            ("actor", codebook.actors),
            ("medium", codebook.media),
            ("claim", {c.id: c for c in codebook.claims}),
        ):
            if term in table:
                return f"{kind} {term}", dict(table[term].patterns)
        languages = codebook.languages
    patterns: dict[str, tuple[str, ...]] = {}
    for lang in languages:
        try:
            compile_pattern(term, lang)
        except ValueError as exc:
            raise WorkbenchError(f"parameter 'term': pattern {term!r}: {exc}") from None
        patterns[lang] = (term,)
    return f"pattern {term}", patterns


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """``frame.itertuples(index=False)``, typed loosely: the rows' columns are dynamic."""
    return iter(frame.itertuples(index=False))


def _sentence_frame(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences with their document's language, source, link and outlet, in corpus order."""
    cols = ["doc_id", "lang", "source", "text"]
    extra = [c for c in ("url", "outlet") if c in documents]
    docs = documents[cols + extra].rename(columns={"text": "doc_text"})
    merged = sentences[["doc_id", "sent_idx", "start", "end"]].merge(docs, on="doc_id", how="inner")
    return merged.sort_values(["source", "sent_idx"], kind="mergesort").reset_index(drop=True)


def _link(row: Any) -> str:
    url = getattr(row, "url", None)
    if isinstance(url, str) and url.strip():
        return url.strip()
    return str(row.source)


def _pattern_matches(
    sentences: pd.DataFrame, patterns: Mapping[str, tuple[str, ...]]
) -> list[tuple[Any, int, int, Any]]:
    """(sentence row, start, end, compiled pattern) of every match, offsets into doc text.

    Overlapping matches of several patterns of the same term are reduced to the first,
    longest one."""
    out = []
    compiled = {lang: [compile_pattern(p, lang) for p in pats] for lang, pats in patterns.items()}
    for row in _rows(sentences):
        cps = compiled.get(row.lang)
        if not cps:
            continue
        text = row.doc_text[row.start : row.end]
        norm = normalize_for_match(text, row.lang)
        spans = []
        for cp in cps:
            for m in cp.finditer(norm):
                if m.end() > m.start():
                    spans.append((m.start(), -(m.end() - m.start()), cp))
        last_end = -1
        for start, neg_len, cp in sorted(spans, key=lambda s: (s[0], s[1], s[2].source)):
            if start < last_end:
                continue
            end = start - neg_len
            last_end = end
            out.append((row, row.start + start, row.start + end, cp))
    return out


# --------------------------------------------------------------------------- concordance


def concordance(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    term: str,
    codebook: Codebook | None = None,
    *,
    width: int = 60,
    max_rows: int | None = None,
) -> pd.DataFrame:
    """Keyword-in-context table of ``term`` (see :func:`term_patterns`) in every language.

    One row per match (:data:`CONCORDANCE_COLUMNS`): ``left`` / ``right`` are up to ``width``
    characters of the sentence before and after the match (cut at a word boundary), ``match``
    the text as published, ``norm`` its normalised matching form, ``word`` the clitic-stripped
    word(s) (the pattern's stems explain the prefixes; otherwise :func:`strip_clitics`),
    ``link`` the document's URL (or source file). ``start``/``end`` are offsets into
    ``documents.text``. Rows in corpus order (source, sentence, offset).
    """
    label, patterns = term_patterns(term, codebook)
    frame = _sentence_frame(documents, sentences)
    rows = []
    for row, start, end, cp in _pattern_matches(frame, patterns):
        text = row.doc_text
        left = text[max(row.start, start - width) : start]
        right = text[end : min(row.end, end + width)]
        if start - width > row.start and " " in left:
            left = left[left.index(" ") + 1 :]
        if end + width < row.end and " " in right:
            right = right[: right.rindex(" ")]
        norm = normalize_for_match(text[start:end], row.lang)
        words = []
        for w in norm.split():
            stem = _anchor_strip(w, cp.anchors, row.lang)
            words.append(stem if stem is not None else strip_clitics(w, row.lang))
        rows.append(
            {
                "term": label,
                "lang": row.lang,
                "doc_id": row.doc_id,
                "source": row.source,
                "link": _link(row),
                "outlet": getattr(row, "outlet", None),
                "sent_idx": int(row.sent_idx),
                "start": int(start),
                "end": int(end),
                "left": left,
                "match": text[start:end],
                "right": right,
                "norm": norm,
                "word": " ".join(words),
                "pattern": cp.source,
            }
        )
        if max_rows is not None and len(rows) >= max_rows:
            break
    return pd.DataFrame(rows, columns=list(CONCORDANCE_COLUMNS))


# --------------------------------------------------------------------------- cue phrases


def _actor_spans(
    frame: pd.DataFrame, patterns: Mapping[str, tuple[str, ...]]
) -> dict[tuple[str, int], list[tuple[int, int]]]:
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for row, start, end, _ in _pattern_matches(frame, patterns):
        spans.setdefault((row.doc_id, int(row.sent_idx)), []).append((start, end))
    return spans


def cue_candidates(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    codebook: Codebook,
    pair: Iterable[str],
    *,
    background: str = "corpus",
    max_n: int = 3,
    min_count: int = 2,
    top: int = 25,
    prior_total: float = 10.0,
) -> pd.DataFrame:
    """Candidate cue phrases for an actor pair, per language (:data:`CUE_COLUMNS`).

    The *pair sentences* are those where every actor of ``pair`` (one or two actor / medium
    ids) is matched. Their n-grams (1 to ``max_n`` clitic-stripped words; words inside an
    actor's own match are left out and break n-grams, so the actors' names are not their own
    cues) are compared with the background by the log-odds ratio with an informative
    Dirichlet prior (Monroe et al. 2008), computed separately for each n-gram length over the
    whole vocabulary of that length (prior = pooled counts scaled to ``prior_total``):

    * ``background="corpus"``: the n-grams of every other sentence of the same language;
    * ``background="wordfreq"``: wordfreq's frequency of each n-gram in ``lang`` times the
      number of n-grams of that length in the language's part of the corpus (expected counts
      of a general-language text of the same size).

    Keeps n-grams seen at least ``min_count`` times in pair sentences and ranks by ``z``;
    ``top`` rows per language, each with the first pair sentence it occurs in.
    """
    from helpers.stance.log_odds import log_odds_dirichlet

    if background not in ("corpus", "wordfreq"):
        raise WorkbenchError(
            f"parameter 'background': must be 'corpus' or 'wordfreq'; got {background!r}"
        )
    ids = [p.strip() for p in pair if p and p.strip()]
    if not 1 <= len(ids) <= 2:
        raise WorkbenchError(f"parameter 'pair': give one or two actor ids; got {ids!r}")
    known: dict[str, Actor | Medium] = {**codebook.actors, **codebook.media}
    for aid in ids:
        if aid not in known:
            raise WorkbenchError(
                f"parameter 'pair': {aid!r} is not an actor or medium of codebook "
                f"{codebook.name} (actors: {', '.join(sorted(codebook.actors))})"
            )
    if max_n < 1 or max_n > 5:
        raise WorkbenchError(f"parameter 'max_n': must be 1 to 5; got {max_n!r}")
    frame = _sentence_frame(documents, sentences)
    per_actor = [_actor_spans(frame, known[aid].patterns) for aid in ids]
    pair_keys = set(per_actor[0])
    for spans in per_actor[1:]:
        pair_keys &= set(spans)
    excluded: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for spans in per_actor:
        for key, value in spans.items():
            excluded.setdefault(key, []).extend(value)

    lang_of = dict(zip(documents["doc_id"], documents["lang"]))
    tok = tokens[["doc_id", "sent_idx", "tok_idx", "start", "end", "form", "norm"]].copy()
    tok["lang"] = tok["doc_id"].map(lang_of)
    tok = tok.dropna(subset=["lang"]).sort_values(["doc_id", "sent_idx", "tok_idx"])
    vocab = {lang: set(g["form"].astype(str)) for lang, g in tok.groupby("lang")}
    text_of = dict(zip(documents["doc_id"], documents["text"]))
    sent_span = {(r.doc_id, int(r.sent_idx)): (int(r.start), int(r.end)) for r in _rows(sentences)}
    source_of = dict(zip(documents["doc_id"], documents["source"]))

    rows: list[dict[str, Any]] = []
    label = " + ".join(ids)
    for lang_key, group in tok.groupby("lang", sort=True):
        lang = str(lang_key)
        if lang not in codebook.languages:
            continue
        pair_counts: Counter[str] = Counter()
        rest_counts: Counter[str] = Counter()
        totals_by_n: Counter[int] = Counter()
        example: dict[str, tuple[str, str, int]] = {}
        n_pair = 0
        sent_key: Any
        for sent_key, sent in group.groupby(["doc_id", "sent_idx"], sort=False):
            doc_id, sent_idx = str(sent_key[0]), int(sent_key[1])
            key = (doc_id, sent_idx)
            is_pair = key in pair_keys
            n_pair += is_pair
            blocked = excluded.get(key, [])
            runs: list[list[str]] = [[]]
            for t in _rows(sent):
                inside = any(t.start < e and t.end > s for s, e in blocked)
                letters = any(ch.isalpha() for ch in str(t.form))
                if inside or not letters:
                    runs.append([])
                    continue
                word = strip_clitics(str(t.form), lang, vocab[lang])
                runs[-1].append(normalize_for_match(word, lang))
            for run in runs:
                for n in range(1, max_n + 1):
                    for i in range(len(run) - n + 1):
                        gram = " ".join(run[i : i + n])
                        totals_by_n[n] += 1
                        if is_pair:
                            pair_counts[gram] += 1
                            if gram not in example:
                                s, e = sent_span[key]
                                example[gram] = (text_of[doc_id][s:e], doc_id, int(sent_idx))
                        else:
                            rest_counts[gram] += 1
        if not pair_counts:
            continue
        scored_parts = []
        for n in range(1, max_n + 1):
            pair_n = {g: c for g, c in pair_counts.items() if g.count(" ") + 1 == n}
            if not any(c >= min_count for c in pair_n.values()):
                continue
            if background == "corpus":
                back_n = {g: float(c) for g, c in rest_counts.items() if g.count(" ") + 1 == n}
            else:  # expected counts in a general text as long as this language's corpus part
                back_n = {g: _wordfreq_phrase(g, lang) * totals_by_n[n] for g in pair_n}
                back_n[_OTHER] = max(totals_by_n[n] - sum(back_n.values()), 0.0)
            a = pd.Series(pair_n, dtype=float)
            b = pd.Series(back_n, dtype=float)
            pooled = a.add(b, fill_value=0.0)
            scored = log_odds_dirichlet(a, b, prior_total * pooled / pooled.sum())
            scored = scored[(scored["count_a"] >= min_count) & (scored["concept"] != _OTHER)]
            scored_parts.append(scored)
        if not scored_parts:
            continue
        ranked = pd.concat(scored_parts, ignore_index=True).sort_values(
            ["z", "concept"], ascending=[False, True], kind="mergesort"
        )
        for r in _rows(ranked.head(top)):
            text, doc_id, sent_idx = example[r.concept]
            rows.append(
                {
                    "pair": label,
                    "lang": lang,
                    "background": background,
                    "ngram": r.concept,
                    "n": r.concept.count(" ") + 1,
                    "count_pair": int(r.count_a),
                    "count_background": float(r.count_b),
                    "delta": float(r.delta),
                    "z": float(r.z),
                    "n_pair_sentences": int(n_pair),
                    "example": text,
                    "example_doc_id": f"{doc_id} ({source_of.get(doc_id, '')})",
                    "example_sent_idx": sent_idx,
                }
            )
    return pd.DataFrame(rows, columns=list(CUE_COLUMNS))


def _wordfreq_phrase(gram: str, lang: str) -> float:
    from wordfreq import word_frequency

    return float(word_frequency(gram, lang))


# --------------------------------------------------------------------------- dry run


def _codebook_with_claim(codebook_path: Path, claim_yaml: Mapping[str, Any]) -> Codebook:
    """The codebook at ``codebook_path`` with ``claim_yaml`` replacing the claim of the same id
    (or added), validated by :func:`load_codebook` from a temporary copy (never written back)."""
    data = load_yaml_safely(codebook_path.read_text(encoding="utf-8"))
    claims = list(data.get("claims") or [])
    cid = claim_yaml.get("id")
    for i, entry in enumerate(claims):
        if isinstance(entry, dict) and entry.get("id") == cid:
            claims[i] = dict(claim_yaml)
            break
    else:
        claims.append(dict(claim_yaml))
    data["claims"] = claims
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{codebook_path.stem}.edited.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        try:
            return load_codebook(path)
        except CodebookError as exc:
            raise WorkbenchError(f"parameter 'claim': {exc}") from None


def _parse_claim(claim: str, codebook: Codebook, codebook_path: Path) -> tuple[str, Codebook]:
    """(claim id, codebook to run) for the ``claim`` parameter (see :func:`dry_run`)."""
    if not isinstance(claim, str) or not claim.strip():
        raise WorkbenchError("parameter 'claim': empty")
    text = claim.strip()
    if text in codebook.claim_ids:
        return text, codebook
    try:
        parsed = load_yaml_safely(text)
    except yaml.YAMLError as exc:
        raise WorkbenchError(f"parameter 'claim': not valid YAML: {exc}") from None
    if isinstance(parsed, list) and len(parsed) == 1:
        parsed = parsed[0]
    if isinstance(parsed, dict):
        if "id" not in parsed:
            raise WorkbenchError("parameter 'claim': the claim mapping has no 'id'")
        edited = _codebook_with_claim(codebook_path, parsed)
        return str(parsed["id"]), edited
    # one bare pattern: a throw-away claim in every language, first claim's frame
    label, patterns = term_patterns(text, None, codebook.languages)
    mapping = {
        "id": "DRY_RUN",
        "en": f"dry run of pattern {text}",
        "frame": codebook.claims[0].frame,
        **{lang: list(p) for lang, p in patterns.items()},
    }
    return "DRY_RUN", _codebook_with_claim(codebook_path, mapping)


def _only(codebook: Codebook, claim_id: str) -> Codebook:
    return dataclasses.replace(
        codebook, claims=tuple(c for c in codebook.claims if c.id == claim_id)
    )


def dry_run(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook_path: str | Path,
    claim: str,
    gold_path: str | Path | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run one claim through the tagger on the corpus; return ``(matches, summary)``.

    ``claim`` is a claim id of the codebook (as saved), a YAML mapping of a claim being edited
    (same keys as in the codebook file; it replaces the claim with the same id, or is added),
    or one bare pattern (tried in every language as a throw-away claim ``DRY_RUN``). An edited
    claim is validated by the codebook loader (same errors as on load); the file itself is
    never written. When it replaces a saved claim, both are run (``variant`` ``saved`` and
    ``edited``) so the effect of the edit is visible.

    ``matches`` (:data:`MATCH_COLUMNS`) has one row per mention with its sentence and the span
    inside it (``span_start``/``span_end``); with a gold file ``gold`` is ``tp``/``fp`` on
    gold-judged sentences (``""`` elsewhere). ``summary`` (:data:`SUMMARY_COLUMNS`) counts
    mentions, sentences and documents per language and overall (``lang == "all"``), and, when
    the gold file covers documents of the corpus, tp/fp/fn, precision, recall and F1 of the
    claim over the gold-judged sentences.
    """
    from helpers.claims.annotate import annotate
    from helpers.claims.evaluate import read_gold, resolve_gold, score

    codebook_path = Path(codebook_path)
    saved = load_codebook(codebook_path)
    claim_id, edited = _parse_claim(claim, saved, codebook_path)
    variants: list[tuple[str, Codebook]] = []
    if edited is saved:
        variants.append(("saved", saved))
    else:
        if claim_id in saved.claim_ids:
            variants.append(("saved", saved))
        variants.append(("edited", edited))

    gold = None
    if gold_path:
        sources = {str(r["source"]) for r in read_gold(gold_path)}
        names = set(documents["source"].astype(str)) | {
            Path(str(s)).name for s in documents["source"]
        }
        if sources & names:
            gold = resolve_gold(gold_path, documents, sentences)

    frame = _sentence_frame(documents, sentences).set_index(["doc_id", "sent_idx"])
    match_rows: list[dict[str, Any]] = []
    summary_rows: list[dict[str, Any]] = []
    for variant, cb in variants:
        mentions = annotate(documents, sentences, _only(cb, claim_id))
        judged: dict[tuple[str, int], set[str]] = {}
        if gold is not None:
            for g in _rows(gold):
                ids = {c["claim_id"] for c in g.claims}
                for s in range(int(g.sent_idx), int(g.sent_idx_last) + 1):
                    judged[(str(g.doc_id), s)] = ids
        for m in _rows(mentions):
            sent = frame.loc[(m.doc_id, int(m.sent_idx))]
            key = (str(m.doc_id), int(m.sent_idx))
            verdict = ""
            if key in judged:
                verdict = "tp" if claim_id in judged[key] else "fp"
            match_rows.append(
                {
                    "variant": variant,
                    "claim_id": claim_id,
                    "lang": sent["lang"],
                    "doc_id": m.doc_id,
                    "source": sent["source"],
                    "sent_idx": int(m.sent_idx),
                    "start": int(m.start),
                    "end": int(m.end),
                    "cue": m.cue,
                    "speaker": m.speaker,
                    "hedged": bool(m.hedged),
                    "negated": bool(m.negated),
                    "sentence": sent["doc_text"][int(sent["start"]) : int(sent["end"])],
                    "span_start": int(m.start) - int(sent["start"]),
                    "span_end": int(m.end) - int(sent["start"]),
                    "gold": verdict,
                }
            )
        with_lang = mentions.assign(
            lang=mentions["doc_id"].map(dict(zip(documents["doc_id"], documents["lang"])))
        )
        scores: dict[str, Any] = {}
        if gold is not None:
            only_claim: list[Any] = [
                [c for c in cl if c["claim_id"] == claim_id] for cl in gold["claims"]
            ]
            only_gold = gold.assign(claims=only_claim)
            table = score(with_lang, only_gold)
            row = table[table["claim_id"] == "ALL"].iloc[0]
            scores = {k: row[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")}
        for lang in [*cb.languages, "all"]:
            part = with_lang if lang == "all" else with_lang[with_lang["lang"] == lang]
            summary_rows.append(
                {
                    "variant": variant,
                    "claim_id": claim_id,
                    "lang": lang,
                    "n_mentions": len(part),
                    "n_sentences": int(part[["doc_id", "sent_idx"]].drop_duplicates().shape[0]),
                    "n_documents": int(part["doc_id"].nunique()),
                    **(
                        scores
                        if lang == "all"
                        else dict.fromkeys(("tp", "fp", "fn", "precision", "recall", "f1"))
                    ),
                }
            )
    matches = pd.DataFrame(match_rows, columns=list(MATCH_COLUMNS))
    summary = pd.DataFrame(summary_rows, columns=list(SUMMARY_COLUMNS))
    for col in ("tp", "fp", "fn"):
        summary[col] = summary[col].astype("Int64")
    for col in ("precision", "recall", "f1"):
        summary[col] = summary[col].astype(float)
    return matches, summary


# --------------------------------------------------------------------------- rendering


def _href(link: str) -> str:
    if link.startswith(("http://", "https://")):
        return f'<a href="{html.escape(link, quote=True)}">{html.escape(link[:60])}</a>'
    return html.escape(link)


def kwic_html(table: pd.DataFrame, max_rows: int = 200) -> str:
    """The concordance as HTML: one right-to-left table per language, the match in its own
    column (centred, highlighted), with the normalised form, stripped word and document link.
    All article text is escaped; only http(s) links become anchors."""
    parts = [TABLE_CSS]
    if table.empty:
        return parts[0] + "<p>No matches.</p>"
    for lang, group in table.groupby("lang", sort=True):
        direction = "rtl" if lang in ("he", "ar") else "ltr"
        parts.append(f"<h4>{html.escape(str(lang))}: {len(group)} matches</h4>")
        parts.append(
            f'<table class="cp-table" dir="{direction}"><thead><tr><th>before</th><th>match</th>'
            "<th>after</th><th>normalised</th><th>word</th><th>document</th></tr></thead><tbody>"
        )
        for r in _rows(group.head(max_rows)):
            parts.append(
                f'<tr><td dir="{direction}" style="text-align:end">{html.escape(r.left)}</td>'
                f'<td dir="{direction}" style="text-align:center"><mark>{html.escape(r.match)}</mark></td>'
                f'<td dir="{direction}" style="text-align:start">{html.escape(r.right)}</td>'
                f'<td dir="{direction}">{html.escape(r.norm)}</td>'
                f'<td dir="{direction}">{html.escape(r.word)}</td>'
                f'<td dir="ltr">{_href(str(r.link))} §{int(r.sent_idx)}</td></tr>'
            )
        parts.append("</tbody></table>")
        if len(group) > max_rows:
            parts.append(f'<p class="cp-meta">… {len(group) - max_rows} more rows</p>')
    return "".join(parts)


def matches_html(matches: pd.DataFrame, sample: int = 10, seed: int = 0) -> str:
    """A sample of dry-run matches (per variant; the same sample on every run for a given
    ``seed``) as evidence blocks with the span highlighted."""
    from helpers.report.display import evidence_html

    if matches.empty:
        return TABLE_CSS + "<p>No matches.</p>"
    parts = []
    for variant, group in matches.groupby("variant", sort=False):
        picked = group if len(group) <= sample else group.sample(sample, random_state=seed)
        items = [
            {
                "text": r.sentence,
                "spans": [(r.span_start, r.span_end)],
                "label": f"{variant} · {r.claim_id} · {r.lang} · {r.source} §{r.sent_idx} · "
                f"speaker {r.speaker} · hedged={r.hedged} negated={r.negated}"
                + (f" · gold: {r.gold}" if r.gold else ""),
            }
            for r in _rows(picked.sort_values(["source", "sent_idx"]))
        ]
        parts.append(
            f"<h4>{html.escape(str(variant))}: {len(group)} mentions, {len(picked)} shown</h4>"
        )
        parts.append(evidence_html(items))
    return "".join(parts)


# --------------------------------------------------------------------------- notebook steps


@dataclasses.dataclass(frozen=True)
class WorkbenchStep:
    """One optional step of notebook 00, done: the run ``tables`` it produced (name → table;
    none when the step was not requested), the plain line it prints and the ``markup`` it
    shows."""

    tables: dict[str, pd.DataFrame]
    message: str
    markup: str = ""


#: The columns of the cue-candidate table notebook 00 shows.
CUE_SHOWN_COLUMNS = (
    "lang",
    "ngram",
    "count_pair",
    "count_background",
    "z",
    "example",
    "example_doc_id",
)


def cue_step(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    codebook: Codebook,
    pair: str,
    *,
    background: str = "corpus",
    max_n: int = 3,
    min_count: int = 2,
    top: int = 25,
) -> WorkbenchStep:
    """Notebook 00's cue-phrase step: ``pair`` is the notebook parameter (actor ids separated
    by commas; ``""`` asks for nothing), the other arguments go to :func:`cue_candidates`.
    Produces ``wb_cue_candidates`` and its table (``top`` rows per language)."""
    pair_ids = [p.strip() for p in pair.split(",") if p.strip()]
    if not pair_ids:
        return WorkbenchStep({}, "pair = '': no cue candidates requested")
    cues = cue_candidates(
        documents,
        sentences,
        tokens,
        codebook,
        pair_ids,
        background=background,
        max_n=max_n,
        min_count=min_count,
        top=top,
    )
    return WorkbenchStep(
        {"wb_cue_candidates": cues},
        f"{len(cues)} candidates (background: {background})",
        html_table(cues, CUE_SHOWN_COLUMNS, max_rows=2 * top),
    )


def dry_run_step(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    codebook_path: str | Path,
    claim: str,
    gold_path: str | Path | None = None,
    sample: int = 10,
) -> WorkbenchStep:
    """Notebook 00's dry-run step: ``claim`` is the notebook parameter (``""`` asks for
    nothing; else see :func:`dry_run`). Produces ``wb_dry_run_matches`` and
    ``wb_dry_run_summary``, shown as the summary table and ``sample`` matches per variant."""
    if not claim.strip():
        return WorkbenchStep({}, "claim = '': no dry run requested")
    matches, summary = dry_run(documents, sentences, codebook_path, claim, gold_path)
    return WorkbenchStep(
        {"wb_dry_run_matches": matches, "wb_dry_run_summary": summary},
        f"dry run: {len(matches)} matches",
        html_table(summary) + matches_html(matches, sample=sample),
    )
