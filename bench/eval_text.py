"""Sentence and token accuracy of the text layer against Universal Dependencies treebanks
(prints; not a test — the treebanks are not part of the project).

Reads the CoNLL-U files in ``--ud-dir`` (default ``../shared/ud-dev`` next to the project, see
its README): every document's sentences are joined with a space (a line break at a new
paragraph) into running text whose sentence boundaries and orthographic tokens (the FORM of a
multi-word range line ``3-4``, else of the word line; empty nodes ``3.1`` skipped) the
annotators drew. Scored as the CoNLL 2018 shared task does: spans over the text with its
whitespace removed, a system span counts when gold has exactly the same span; precision,
recall and F1 over all documents of a treebank.

Systems compared per treebank:

* ``pipeline``: what a corpus goes through — ``clean_text`` → ``split_sentences`` →
  ``tokenize`` on the cleaned text;
* ``raw``: ``split_sentences`` and ``tokenize`` on the text as given (no cleaning);
* ``naive split``: a sentence ends at every ``. ! ?`` run followed by a space (and at a line
  break) — the floor a splitter must beat;
* ``hebrew_tokenizer`` 2.3.0 tokens (the library reference; it drops some characters, which
  then count as missed tokens).

Usage: ``.venv/bin/python bench/eval_text.py [--ud-dir DIR] [--errors N]`` (``make eval-text``);
``--errors N`` prints up to N missed/extra sentence boundaries and tokens of the pipeline.
Tune on these dev files only; accuracy claims come from the held-out test files.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.text.clean import clean_text  # noqa: E402
from helpers.text.segment import split_sentences  # noqa: E402
from helpers.text.tokenize import tokenize  # noqa: E402

__all__ = ["Document", "read_conllu", "score", "evaluate", "main"]

DEFAULT_UD_DIR = ROOT.parent / "shared" / "ud-dev"
TREEBANKS = {
    "he_htb-ud-dev.conllu": "Hebrew news (HTB)",
    "he_iahltwiki-ud-dev.conllu": "Hebrew Wikipedia (IAHLTwiki)",
}
GOALS = {  # (sentence F1, token F1) of issue 13
    "he_htb-ud-dev.conllu": (0.998, 0.998),
    "he_iahltwiki-ud-dev.conllu": (0.985, 0.995),
}

Spans = set[tuple[int, int]]


@dataclass
class Document:
    """One treebank document as running text with its gold sentence and token spans
    (character offsets into ``text``)."""

    doc_id: str
    text: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)


def _sentence_blocks(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(comment lines, token lines) of every sentence of a CoNLL-U file."""
    comments: list[str] = []
    rows: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield comments, rows
                comments, rows = [], []
            elif line.startswith("#"):
                comments.append(line)
            else:
                rows.append(line)
    if rows:
        yield comments, rows


def _orthographic_forms(rows: list[str]) -> list[str]:
    """FORMs at the orthographic level: a range line's form, its parts skipped."""
    forms: list[str] = []
    covered_to = 0
    for row in rows:
        cols = row.split("\t")
        ident = cols[0]
        if "." in ident:
            continue
        if "-" in ident:
            first, last = (int(x) for x in ident.split("-"))
            forms.append(cols[1])
            covered_to = last
            continue
        if int(ident) <= covered_to:
            continue
        forms.append(cols[1])
    return forms


def read_conllu(path: Path) -> list[Document]:
    """The documents of a CoNLL-U file (one document when it has no ``# newdoc``)."""
    docs: list[Document] = []
    for comments, rows in _sentence_blocks(path):
        meta = {}
        for c in comments:
            key, _, value = c[1:].strip().partition("=")
            meta[key.strip()] = value.strip()
        if "newdoc id" in meta or "newdoc" in meta or not docs:
            docs.append(Document(meta.get("newdoc id", path.stem)))
        doc = docs[-1]
        text = meta["text"]
        if doc.text:
            doc.text += "\n" if "newpar" in meta or "newpar id" in meta else " "
        start = len(doc.text)
        doc.text += text
        doc.sentences.append((start, len(doc.text)))
        pos = start
        for form in _orthographic_forms(rows):
            at = doc.text.index(form, pos)
            if doc.text[pos:at].strip():
                raise ValueError(f"{path.name}: form {form!r} not found where expected")
            doc.tokens.append((at, at + len(form)))
            pos = at + len(form)
    return docs


def _nonspace_index(text: str) -> list[int]:
    """For every offset of ``text`` (and its end), the number of non-space characters before it."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        if not ch.isspace():
            n += 1
    out[len(text)] = n
    return out


def _to_nonspace(spans: Iterable[tuple[int, int]], text: str) -> Spans:
    idx = _nonspace_index(text)
    return {(idx[s], idx[e]) for s, e in spans if idx[e] > idx[s]}


def _align(raw: str, out: str) -> tuple[list[int], list[int]]:
    """Maps of the non-space characters of ``out`` (a cleaned copy of ``raw``) to those of
    ``raw``: start offset and end offset of each ``out`` character in ``raw``'s non-space
    index. Cleaning deletes characters (niqqud, bidi marks) or replaces one by one (quotes by
    gershayim); a deleted combining mark belongs to the character before it."""
    a = "".join(raw.split())
    b = "".join(out.split())
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    for ch in b:
        while i < len(a) and a[i] != ch and _deleted(a[i]):
            i += 1
        starts.append(i)
        i += 1
        while i < len(a) and a[i] != ch and unicodedata.category(a[i])[0] == "M":
            i += 1
        ends.append(i)
    return starts, ends


def _deleted(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "MC"


def _system_spans(spans: Iterable[tuple[int, int]], out: str, raw: str) -> Spans:
    """``spans`` over ``out`` as spans over ``raw``'s non-space characters."""
    if out == raw:
        return _to_nonspace(spans, raw)
    starts, ends = _align(raw, out)
    idx = _nonspace_index(out)
    return {(starts[idx[s]], ends[idx[e] - 1]) for s, e in spans if idx[e] > idx[s]}


def _found_spans(text: str, pieces: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``pieces`` looked up in order in ``text`` (pieces not found are skipped: a
    tokenizer that drops characters)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        at = text.find(piece, pos)
        if at == -1 or text[pos:at].strip() and len(text[pos:at].strip()) > 20:
            continue
        spans.append((at, at + len(piece)))
        pos = at + len(piece)
    return spans


@dataclass
class Counts:
    """Matched, system and gold span counts."""

    correct: int = 0
    system: int = 0
    gold: int = 0

    def add(self, system: Spans, gold: Spans) -> None:
        self.correct += len(system & gold)
        self.system += len(system)
        self.gold += len(gold)

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.system if self.system else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_NAIVE_RE = re.compile(r"[.!?]+(?=\s)|\n")


def naive_sentences(text: str) -> list[tuple[int, int]]:
    """Split at every ``. ! ?`` run followed by whitespace and at every line break."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _NAIVE_RE.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip()))
        for s, e in spans
        if text[s:e].strip()
    ]


def _pipeline(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    cleaned = clean_text(text, "he")
    sents = [(s, e) for s, e in split_sentences(cleaned, "he")]
    toks = [(t.start, t.end) for t in tokenize(cleaned, "he")]
    return cleaned, sents, toks


def _raw(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    sents = [(s, e) for s, e in split_sentences(text, "he")]
    toks = [(t.start, t.end) for t in tokenize(text, "he")]
    return text, sents, toks


def _examples(
    kind: str, doc: Document, system: Spans, gold: Spans, shown: list[str], limit: int
) -> None:
    """Append up to ``limit`` readable errors: tokens missed/extra, sentence boundaries
    missed/extra (shown at ``‖`` in the text without spaces)."""
    stripped = "".join(doc.text.split())
    if kind == "sentence":
        system = {(e, e) for _, e in system}
        gold = {(e, e) for _, e in gold}
    for label, spans in (("missed", gold - system), ("extra", system - gold)):
        for s, e in sorted(spans):
            if len(shown) >= limit:
                return
            if kind == "sentence":
                shown.append(
                    f"  boundary {label}: {stripped[max(0, e - 30) : e]}‖{stripped[e : e + 20]}"
                )
            else:
                context = (
                    stripped[max(0, s - 15) : s] + "[" + stripped[s:e] + "]" + stripped[e : e + 15]
                )
                shown.append(f"  token {label}: {stripped[s:e]}   {context}")


def evaluate(
    docs: list[Document],
    system: Callable[[str], tuple[str, list[tuple[int, int]], list[tuple[int, int]]]],
    errors: int = 0,
) -> tuple[Counts, Counts, list[str]]:
    """Sentence and token counts of ``system`` (text → (its text, sentence spans, token
    spans)) over ``docs``, and up to ``errors`` error examples of each kind."""
    sent, tok = Counts(), Counts()
    sent_err: list[str] = []
    tok_err: list[str] = []
    for doc in docs:
        out_text, sents, toks = system(doc.text)
        gold_s, gold_t = _to_nonspace(doc.sentences, doc.text), _to_nonspace(doc.tokens, doc.text)
        sys_s = _system_spans(sents, out_text, doc.text)
        sys_t = _system_spans(toks, out_text, doc.text)
        sent.add(sys_s, gold_s)
        tok.add(sys_t, gold_t)
        if errors:
            _examples("sentence", doc, sys_s, gold_s, sent_err, errors)
            _examples("token", doc, sys_t, gold_t, tok_err, errors)
    return sent, tok, sent_err + tok_err


def score(docs: list[Document]) -> dict[str, tuple[float, float, float] | None]:
    """P/R/F1 of every system row printed by :func:`main` (for one treebank)."""
    rows: dict[str, tuple[float, float, float] | None] = {}
    for name, system in (("pipeline", _pipeline), ("raw", _raw)):
        sent, tok, _ = evaluate(docs, system)
        rows[f"{name} sentences"] = sent.prf()
        rows[f"{name} tokens"] = tok.prf()
    naive = Counts()
    for doc in docs:
        naive.add(
            _to_nonspace(naive_sentences(doc.text), doc.text),
            _to_nonspace(doc.sentences, doc.text),
        )
    rows["naive split sentences"] = naive.prf()
    try:
        from bench._hebrew_tokenizer import hebrew_tokenizer_forms
    except ImportError:
        rows["hebrew_tokenizer tokens"] = None
    else:
        ht = Counts()
        for doc in docs:
            spans = _found_spans(doc.text, hebrew_tokenizer_forms(doc.text))
            ht.add(_to_nonspace(spans, doc.text), _to_nonspace(doc.tokens, doc.text))
        rows["hebrew_tokenizer tokens"] = ht.prf()
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line: one table per treebank found, then goals met / not met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ud-dir", type=Path, default=DEFAULT_UD_DIR)
    parser.add_argument("--errors", type=int, default=0, help="print N error examples")
    args = parser.parse_args(argv)
    found = [name for name in TREEBANKS if (args.ud_dir / name).exists()]
    if not found:
        print(f"eval_text: no UD dev files in {args.ud_dir} — nothing to evaluate")
        return 0
    verdicts: list[str] = []
    for name in found:
        docs = read_conllu(args.ud_dir / name)
        n_sent = sum(len(d.sentences) for d in docs)
        n_tok = sum(len(d.tokens) for d in docs)
        print(
            f"\n== {TREEBANKS[name]} — {name}: {len(docs)} documents, {n_sent} sentences, "
            f"{n_tok} orthographic tokens"
        )
        print(f"  {'system':28s} {'P':>7s} {'R':>7s} {'F1':>7s}")
        rows = score(docs)
        for label, prf in rows.items():
            shown = "  (not installed)" if prf is None else " ".join(f"{x:7.4f}" for x in prf)
            print(f"  {label:28s} {shown}")
        if args.errors:
            for line in evaluate(docs, _pipeline, args.errors)[2]:
                print(line)
        goal_s, goal_t = GOALS[name]
        f_s = rows["pipeline sentences"][2]  # type: ignore[index]
        f_t = rows["pipeline tokens"][2]  # type: ignore[index]
        for what, value, goal in (("sentence", f_s, goal_s), ("token", f_t, goal_t)):
            met = "met" if value >= goal else "NOT met"
            verdicts.append(f"  {TREEBANKS[name]:30s} {what:8s} F1 {value:.4f}  ≥ {goal}  {met}")
    print("\n== goals (pipeline, dev files)")
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
