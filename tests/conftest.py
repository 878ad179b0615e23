"""Shared test fixtures: project paths and the seed corpus.

Our ``tests/`` has no ``__init__.py`` on purpose: hebrew_tokenizer installs a top-level
``tests`` package into site-packages, and pytest's rootdir-based imports of these basename
modules keep ours first (tests/test_environment.py checks it).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
# the project root on sys.path whatever the runner: the tests import the benchmarks' reference
# wrappers (bench._hebrew_tokenizer), which are not part of the shipped helpers package
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from helpers.claims.codebook import Codebook, load_codebook  # noqa: E402
from helpers.claims.written import article_tables  # noqa: E402  (re-exported to the tests)

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` (e.g. "000")."""
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    assert len(matches) == 1, f"expected one seed {prefix}_*.txt, found {matches}"
    return matches[0]


def codebook_from_yaml(directory: Path, text: str, name: str = "cb.yaml") -> Codebook:
    """The codebook written as ``text`` to ``directory / name`` and loaded: the one set-up of the
    tests' small YAML codebooks. ``name`` is the file name a load error starts with
    (``bad.yaml: ...``); :class:`helpers.claims.codebook.CodebookError` propagates."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return load_codebook(path)


def tag_articles(codebook: Any, docs: dict[str, tuple[str, list[str]]]) -> Any:
    """The tagger's mentions on small written articles ``{doc_id: (lang, [sentence, ...])}``
    (:func:`article_tables`), asserting that the automaton agrees with the naive loop
    (:func:`helpers.claims.annotate.annotate_naive`)."""
    import pandas as pd

    from helpers.claims.annotate import annotate, annotate_naive

    documents, sentences_table = article_tables(docs)
    fast = annotate(documents, sentences_table, codebook)
    pd.testing.assert_frame_equal(fast, annotate_naive(documents, sentences_table, codebook))
    return fast


def last_sentence_mentions(codebook: Any, lang: str, headline: str, sentence: str) -> Any:
    """The mentions (:func:`tag_articles`) of ``sentence`` read as the last sentence of a
    one-article document, after ``headline`` when one is given (an empty headline: none)."""
    sentences = [headline, sentence] if headline else [sentence]
    mentions = tag_articles(codebook, {"d": (lang, sentences)})
    return mentions[mentions["sent_idx"] == len(sentences) - 1]


def assert_last_sentence_claims(
    codebook: Any, lang: str, headline: str, sentence: str, expected: set[str], negated: bool | None
) -> None:
    """:func:`last_sentence_mentions` carry exactly the claims ``expected``, and all of them the
    ``negated`` flag given (``None``: the flag is not checked)."""
    last = last_sentence_mentions(codebook, lang, headline, sentence)
    assert set(last["claim_id"]) == expected
    if negated is not None:
        assert set(last["negated"]) == {negated}


def prefilter_bulk(codebook: Any, lang: str, docs: list[list[str]]) -> tuple[Any, Any]:
    """The tagger and what its bulk prefilter finds (``_Bulk``: kept sentences, their
    claim-side candidates and compose rules) in small written articles (each a list of
    sentences, one language) scanned as one batch; sentences are numbered across articles."""
    import numpy as np

    from helpers.claims.annotate import Tagger
    from helpers.text.clean import normalize_for_match

    tagger = Tagger(codebook)
    text, lo, hi, first, end = "", [], [], [], []
    for sentences in docs:
        first += [len(lo)] * len(sentences)
        end += [len(lo) + len(sentences)] * len(sentences)
        for sentence in sentences:
            lo.append(len(text))
            text += sentence
            hi.append(len(text))
            text += " "
    found = tagger._index[lang].scan(normalize_for_match(text, lang), lo, hi, with_runs=True)
    return tagger, tagger._prefilter[lang](found, np.array(first), np.array(end))


def prefilter_keeps(codebook: Any, lang: str, docs: list[list[str]]) -> list[list[bool]]:
    """Which sentences of small written articles (:func:`prefilter_bulk`) the tagger's bulk
    prefilter keeps, per article."""
    keep = prefilter_bulk(codebook, lang, docs)[1].keep.tolist()
    out, at = [], 0
    for sentences in docs:
        out.append(keep[at : at + len(sentences)])
        at += len(sentences)
    return out


def found_mentions(mentions: Any, doc_id: str) -> list[tuple[int, str, str]]:
    """``(sent_idx, claim_id, rule)`` of the mentions of ``doc_id``, in table order."""
    part = mentions[mentions["doc_id"] == doc_id]
    return list(zip(part["sent_idx"], part["claim_id"], part["rule"], strict=True))


def chromium_path() -> str:
    """Debian's chromium, which the Playwright browser tests drive (Playwright's own browser
    downloads are not used): the test is skipped where it is missing, and fails under CI, where
    ``make test`` installs it (as root)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: make test installs Debian's chromium (as root)")
        pytest.skip("chromium not installed (make test installs it as root)")
    return path


def notebook_outputs(path: Path) -> str:
    """Every output of the executed notebook at ``path`` as text, one part a line: printed
    text, error tracebacks and each rich value (``text/plain``, ``text/html``, …)."""
    import nbformat

    parts: list[str] = []
    for cell in nbformat.read(str(path), as_version=4).cells:
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts.extend(output.get("traceback", []))
            parts.extend(str(value) for value in output.get("data", {}).values())
    return "\n".join(parts)
