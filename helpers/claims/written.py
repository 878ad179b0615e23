"""Written articles as tagger input and as gold: the tables of short articles given as lists of
sentences, and the reader of a *written paraphrase set*.

A written paraphrase set (``bench/eval_written.py``) is a JSON-lines file of short news
articles that a writer composed, blind to the codebook, to say each claim of the coding manual
in several wording families, plus hard negatives; the writer coded every sentence under the
manual. It measures whether the tagger generalises to wordings no rule was written from. It is
not news: its figures are reported apart from the development gold set's.

One line per article::

    {"id": "W1-ar-001", "lang": "ar", "intended": "<claim id>" | "NEGATIVE",
     "sentences": ["headline", "sentence", ...],
     "codes": [[{"claim_id": ..., "speaker": ..., "hedged": false, "negated": false}], [], ...],
     "family": "short label of the wording family"}

``codes`` has one list per sentence (the claims that sentence carries, possibly none). The
sentences are taken as the writer drew them (the segmenter is not scored here): each article's
sentences are joined by one space and the sentence offsets are exact.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.claims.evaluate import GOLD_COLUMNS, WHOLE_DOCUMENT_SCOPE, GoldError
from helpers.core.io import read_json_lines, text_sha256

__all__ = ["article_tables", "read_written_set"]

_LANGS = ("ar", "he")


def article_tables(
    docs: Mapping[str, tuple[str, Sequence[str]]],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(documents, sentences)`` of short articles ``{doc_id: (lang, [sentence, ...])}``: each
    article's sentences joined by one space (documents: ``doc_id, lang, text, source``; the
    source is the doc id), the sentence offsets exact (sentences: ``doc_id, sent_idx, start,
    end``)."""
    doc_rows, sent_rows = [], []
    for doc_id, (lang, sentences) in docs.items():
        pos = 0
        for k, sentence in enumerate(sentences):
            sent_rows.append(
                {"doc_id": doc_id, "sent_idx": k, "start": pos, "end": pos + len(sentence)}
            )
            pos += len(sentence) + 1
        doc_rows.append(
            {"doc_id": doc_id, "lang": lang, "text": " ".join(sentences), "source": doc_id}
        )
    return pd.DataFrame(doc_rows), pd.DataFrame(sent_rows)


def _line_problem(obj: Any, claim_ids: Collection[str]) -> str | None:
    """What is wrong with one parsed line of a written set (field and reason), or ``None``."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        return "field 'id': missing or not a string"
    if obj.get("lang") not in _LANGS:
        return f"field 'lang': {obj.get('lang')!r} is not one of {', '.join(_LANGS)}"
    sentences, codes = obj.get("sentences"), obj.get("codes")
    if not isinstance(sentences, list) or not sentences:
        return "field 'sentences': missing or empty"
    if not all(isinstance(s, str) and s.strip() for s in sentences):
        return "field 'sentences': every sentence must be a non-empty string"
    if not isinstance(codes, list) or len(codes) != len(sentences):
        return "field 'codes': needs one list of claims per sentence"
    for k, sentence_codes in enumerate(codes):
        if not isinstance(sentence_codes, list):
            return f"field 'codes[{k}]': not a list"
        for claim in sentence_codes:
            if not isinstance(claim, dict) or claim.get("claim_id") not in claim_ids:
                found = claim.get("claim_id") if isinstance(claim, dict) else claim
                return f"field 'codes[{k}]': unknown claim {found!r}"
    return None


def read_written_set(
    path: str | Path, claim_ids: Collection[str]
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(documents, sentences, gold)`` of a written paraphrase set (see the module docstring).

    ``gold`` has :data:`helpers.claims.evaluate.GOLD_COLUMNS` (one row per sentence, every
    sentence judged; ``split`` holds the article's ``intended`` claim or ``NEGATIVE``) so
    :func:`helpers.claims.evaluate.score_by_language` scores it like the development gold.
    Raises :class:`helpers.claims.evaluate.GoldError` naming the file, line and field of every
    bad line, and of repeated article ids."""
    path = Path(path)
    docs: dict[str, tuple[str, list[str]]] = {}
    gold_rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, obj, bad_json in read_json_lines(path):
        if bad_json is not None:
            problems.append(f"line {number}: {bad_json}")
            continue
        problem = _line_problem(obj, claim_ids)
        if problem is None and obj["id"] in docs:
            problem = f"field 'id': {obj['id']!r} repeats an earlier article"
        if problem is not None:
            problems.append(f"line {number}: {problem}")
            continue
        doc_id, sentences = str(obj["id"]), [str(s) for s in obj["sentences"]]
        docs[doc_id] = (str(obj["lang"]), sentences)
        text = " ".join(sentences)
        pos = 0
        for k, (sentence, claims) in enumerate(zip(sentences, obj["codes"], strict=True)):
            gold_rows.append(
                {
                    "line": number,
                    "source": doc_id,
                    "quote": sentence,
                    "claims": claims,
                    "doc_id": doc_id,
                    "sent_idx": k,
                    "sent_idx_last": k,
                    "start": pos,
                    "end": pos + len(sentence),
                    "text_sha256": text_sha256(text),
                    "lang": str(obj["lang"]),
                    "split": str(obj.get("intended", "")),
                    "scope": WHOLE_DOCUMENT_SCOPE,
                }
            )
            pos += len(sentence) + 1
    if problems:
        raise GoldError(
            f"{path.name}: {len(problems)} line(s) unusable:\n  " + "\n  ".join(problems)
        )
    documents, sentences_table = article_tables(docs)
    return documents, sentences_table, pd.DataFrame(gold_rows, columns=list(GOLD_COLUMNS))
