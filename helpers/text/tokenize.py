"""Orthographic word tokenization of Hebrew and Arabic news text, per call and for a corpus.

Every non-space character of the text belongs to exactly one token; tokens never contain
whitespace. A token is one of:

* a **word**: a run of letters, combining marks and digits (Unicode categories L, M, N), so
  Arabic words keep their tanween/kasra (``أيضاً``) and digits glued to letters stay together
  (``ل20``, ``20th``), with these joins inside it:

  - **numbers with separators**: digits ``. , : / ٫ ٬ - –`` digits, repeated — ``1,000,000``,
    ``3.5``, ``21.3.2026``, ``07:20``, ``11/2024`` and the ranges ``2-12``, ``2012–2017`` are
    one token (as in UD Hebrew);
  - **Hebrew gershayim / geresh**: ``״`` and ``׳`` between Hebrew letters always join
    (``ארה״ב``, ``ג׳ורנל``), a trailing ``׳`` belongs to its word (``דק׳``, ``שעת׳``). ASCII
    ``"`` ``'`` (and ``” ’``) count as these marks exactly where ``clean_text`` makes them the
    marks (:func:`helpers.text.clean.normalize_gershayim_he`, which reads the whole line,
    through the niqqud and invisible characters clean_text drops: :func:`gershayim_as_cleaned`):
    ``ארה"ב``, ``ש"ח``, ``ג'יי``, ``שעת'``, ``פִישקֶ'ה`` are one token in raw text as in cleaned
    text, while
    an opening quotation mark after one to three prefix letters is not: ``ב"תקיפות עזות"`` →
    ``ב`` ``"`` ``תקיפות`` ``עזות`` ``"``;
* a **Hebrew initial** with its period: one Hebrew letter (optionally with ``׳``) standing as
  a word, then ``.``, then more text on the same line (``א. ב. יהושע`` → ``א.`` ``ב.``
  ``יהושע``); at the end of a line, and where :mod:`helpers.text.segment` ends the sentence
  after the letter (``אל נקמות ה. עכשיו`` → ``ה`` ``.`` ``עכשיו``: the next word can never be
  part of a name), the period is a full stop of its own;
* a **run of two or more periods** (``..``, ``...``: one token, as in UD);
* any other non-space character on its own: punctuation and symbols are one character per
  token, like camel-tools (``S-300`` → ``S`` ``-`` ``300``; a hyphen after a letter is never
  a minus sign: ``ב-2024`` → ``ב`` ``-`` ``2024``; ``₪``, ``–``, maqaf ``־`` are tokens).

Hebrew prefixes are not split (orthographic tokens as in UD's raw tokens and hebrew_tokenizer).
The rules are the same for ``"he"`` and ``"ar"``.

Differences from the reference tokenizers (tests/text/test_tokenize.py checks them on the seeds):

* camel-tools ``simple_word_tokenize`` splits every punctuation character, also inside numbers
  (``21.3.2026`` → 5 tokens, ``07:20`` → 3) and dot runs (``..`` → 2): we keep numbers with
  separators and dot runs whole. Nothing else differs on the Arabic seeds.
* hebrew_tokenizer 2.3.0 silently DROPS ``–``, ``₪``, ``...`` and other runs of 3+ ``. - _ *``,
  letters of other scripts (Arabic inside Hebrew text), the BOM, and any token with a character
  repeated 4+ times (``10000``, ``!!!!``); it does not know the Hebrew ``״``/``׳`` characters
  (``ארה״ב`` → ``ארה`` ``ב``, ``דק׳`` → ``דק``: the mark is dropped); it reads a hyphen before a
  number as a minus sign (``ב-2024`` → ``ב`` ``-2024``), splits ``1,000,000``, and glues a
  quotation mark after a prefix letter into the word (``ב"תקיפות``). We fix all of these.

Implementation: ONE compiled regular expression (:func:`token_pattern`) over the text with
its gershayim made canonical (a 1:1 replacement, so offsets are the text's). Its character classes
are spelled out as explicit code-point ranges computed from Python's ``unicodedata``, so the
same pattern runs identically in Python's ``re`` (:func:`tokenize`) and in Rust's ``regex``
through Polars (:func:`tokens_table`, the vectorised corpus path: one ``str.extract_all`` over
the whole text column where every match is the whitespace run before a token plus the token,
so offsets are a cumulative sum of match lengths). Rust's ``regex`` has no look-around, so the
initial rule and the gershayim reading are Python-only: the few documents where either can
apply (found with a vectorised test) go through :func:`tokenize` instead. ``tokenize`` uses the
same trick with ``re.findall`` and builds the tokens with C-level iterators (no per-match Python
code).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from itertools import accumulate, chain, groupby, repeat
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

from helpers.text.charsets import (
    BIDI_CONTROLS_CLASS,
    HEBREW_BASE_LETTERS_CLASS,
    HEBREW_LETTER_RANGES,
    HEBREW_MARKS,
    INVISIBLE_CHARS_CLASS,
    LINE_BREAKS,
    OPENING_QUOTES_AND_BRACKETS,
)
from helpers.text.clean import check_lang, normalize_gershayim_he
from helpers.text.fold import MATCH_TABLE
from helpers.text.segment import SENTENCE_AFTER_INITIAL_PATTERN

__all__ = [
    "Token",
    "tokenize",
    "tokens_table",
    "TOKEN_PATTERN",
    "token_pattern",
    "gershayim_as_cleaned",
]


class Token(NamedTuple):
    """A token: code-point offsets ``[start, end)`` and its text ``form == text[start:end]``."""

    start: int
    end: int
    form: str


# --------------------------------------------------------------------------- character classes


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _singles(cps: Iterable[int]) -> list[tuple[int, int]]:
    return _merge((cp, cp) for cp in cps)


def _build_classes() -> dict[str, list[tuple[int, int]]]:
    """Code-point ranges of the token classes, from this Python's Unicode database.

    One pass over all code points grouped into runs of equal general category (~0.2 s).
    """
    cats = list(map(unicodedata.category, map(chr, range(sys.maxunicode + 1))))
    runs: list[tuple[int, int, str]] = []
    lo = 0
    for cat, grp in groupby(range(len(cats)), cats.__getitem__):
        n = sum(1 for _ in grp)
        runs.append((lo, lo + n - 1, cat))
        lo += n
    heb = {cp for lo, hi in HEBREW_LETTER_RANGES for cp in range(lo, hi + 1)}
    heb_marks = {ord(c) for c in HEBREW_MARKS}
    bmp, astral = (0, 0xFFFF), (0x10000, sys.maxunicode)
    word = _merge((a, b) for a, b, cat in runs if cat[0] in "LMN")
    word_bmp = [(a, min(b, 0xFFFF)) for a, b in word if a <= 0xFFFF]
    word_astral = [(max(a, 0x10000), b) for a, b in word if b >= 0x10000]
    digits = [(a, min(b, 0xFFFF)) for a, b, cat in runs if cat == "Nd" and a <= 0xFFFF]
    space = _singles(cp for cp in range(0x3001) if chr(cp).isspace())
    hebrew = heb | heb_marks
    return {
        "D": digits,
        "S": space,
        "H": _singles(heb),
        "HM": _singles(hebrew),
        "WX_BMP": _complement(_merge(digits + _singles(hebrew)), word_bmp),
        "WX_ASTRAL": word_astral,
        "OTHER_BMP": _complement(_merge(space + word_bmp), [bmp]),
        "OTHER_ASTRAL": _complement(word_astral, [astral]),
        "ASTRAL": [astral],
        "W_BMP": word_bmp,
    }


def _complement(
    remove: list[tuple[int, int]], within: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Code points of ``within`` that are not in ``remove`` (both sorted, merged range lists)."""
    out: list[tuple[int, int]] = []
    for lo, hi in within:
        cur = lo
        for a, b in remove:
            if b < cur or a > hi:
                continue
            if a > cur:
                out.append((cur, a - 1))
            cur = max(cur, b + 1)
        if cur <= hi:
            out.append((cur, hi))
    return out


def _fmt_cp(cp: int, engine: str) -> str:
    if engine == "rust":
        return f"\\x{{{cp:X}}}"
    return f"\\U{cp:08X}" if cp > 0xFFFF else f"\\u{cp:04X}"


def _cls(ranges: list[tuple[int, int]], engine: str) -> str:
    body = "".join(
        _fmt_cp(a, engine) if a == b else f"{_fmt_cp(a, engine)}-{_fmt_cp(b, engine)}"
        for a, b in ranges
    )
    return f"[{body}]"


_CLASSES = _build_classes()
_NUM_SEPARATORS = ".,:/\u066b\u066c-\u2013"
#: Characters a Hebrew initial may follow (as in helpers.text.segment): start, space, opener.
_INITIAL_OPENERS = OPENING_QUOTES_AND_BRACKETS
_LINE_BREAKS = LINE_BREAKS
#: A Hebrew initial with its period (``א. ב. יהושע``): one Hebrew letter (with a geresh) that
#: stands as a word, a period, and more text on the same line after a space — text that can
#: continue a name: where helpers.text.segment ends the sentence after the letter (the next
#: word is one of its HEBREW_SENTENCE_OPENERS, or a quotation opens), the period is a full
#: stop of its own (``קרן גון מ. שנית,`` → ``מ`` ``.``).
INITIAL_PATTERN: str = (
    f"(?<![^\\s{re.escape(_INITIAL_OPENERS)}])[{HEBREW_BASE_LETTERS_CLASS}]\u05f3?\\."
    f"(?=[^\\S{re.escape(_LINE_BREAKS)}]+(?!{SENTENCE_AFTER_INITIAL_PATTERN})\\S)"
)
_CANONICAL_JOINERS = "\u05f3\u05f4"


def token_pattern(engine: str = "python", with_whitespace: bool = False) -> str:
    """The token regular expression for ``engine`` ``"python"`` (``re``) or ``"rust"`` (Polars).

    Both spell the same code-point sets and match the same tokens. The Python form adds
    possessive quantifiers (semantics-preserving: each is followed by a disjoint class) and
    guards the astral-plane classes with a one-range look-ahead, because ``re`` checks non-BMP
    ranges one by one. With ``with_whitespace`` a first alternative matches whitespace runs, so
    successive matches partition the text (used by :func:`tokenize` and :func:`tokens_table`).
    """
    if engine not in ("python", "rust"):
        raise ValueError(f"engine must be 'python' or 'rust', got {engine!r}")
    c = {k: _cls(v, engine) for k, v in _CLASSES.items()}
    poss = "+" if engine == "python" else ""
    guard = f"(?={c['ASTRAL']})" if engine == "python" else ""
    esc = re.escape
    num = f"{c['D']}+{poss}(?:[{esc(_NUM_SEPARATORS)}]{c['D']}+{poss})+{poss}"
    heb = f"{c['HM']}+{poss}(?:[{_CANONICAL_JOINERS}]{c['HM']}+{poss})*{poss}\u05f3?"
    units = [
        num,
        heb,
        f"{c['D']}+{poss}",
        f"{c['WX_BMP']}+{poss}",
        f"{guard}{c['WX_ASTRAL']}",
    ]
    word = f"(?:{'|'.join(units)})+{poss}"
    other = f"{c['OTHER_BMP']}|{guard}{c['OTHER_ASTRAL']}"
    pattern = f"{word}|\\.\\.+{poss}|{other}"
    if engine == "python":
        # Fast paths for the common tokens, tried first. Each matches exactly when the general
        # rule would give the same token: a plain run that nothing can continue.
        w_or_astral = f"{c['W_BMP'][:-1]}{_CANONICAL_JOINERS}{c['ASTRAL'][1:]}"
        fast = [
            f"{c['HM']}++(?!{w_or_astral})",
            f"{c['WX_BMP']}++(?!{c['W_BMP']}|{c['ASTRAL']})",
            f"{c['D']}++(?![{esc(_NUM_SEPARATORS)}]{c['D']}|{c['W_BMP']}|{c['ASTRAL']})",
        ]
        # A Hebrew initial keeps its period (needs look-around: Python only, see tokens_table)
        pattern = "|".join([INITIAL_PATTERN, *fast, pattern])
    if with_whitespace:
        pattern = f"{c['S']}*{poss}(?:{pattern})"
    return pattern


#: The Python token pattern (no whitespace alternative).
TOKEN_PATTERN: str = token_pattern("python")
_PAIR_RE = re.compile(f"({_cls(_CLASSES['S'], 'python')}*+)({TOKEN_PATTERN})")
_RUST_PATTERN_WS = token_pattern("rust", with_whitespace=True)
_WS_STRING = "".join(chr(cp) for lo, hi in _CLASSES["S"] for cp in range(lo, hi + 1))
_tuple_new = tuple.__new__
_second = itemgetter(1)
_NORM_FROM = [chr(k) for k in MATCH_TABLE]
_NORM_TO = [chr(v) for v in MATCH_TABLE.values()]
_NORM_CLASS_RUST = _cls(_merge((k, k) for k in MATCH_TABLE), "rust")
_RUST_HEB = _cls(_CLASSES["H"], "rust")
# Necessary conditions (Rust syntax, no look-around) for INITIAL_PATTERN and for a quote
# gershayim_as_cleaned changes (between Hebrew letters, or a ' after one).
_RUST_INITIAL_CANDIDATE = (
    f"(?:^|[\\s{re.escape(_INITIAL_OPENERS)}])[\\x{{5D0}}-\\x{{5EA}}]\\x{{5F3}}?\\."
    f"[^\\S{''.join(_fmt_cp(ord(c), 'rust') for c in _LINE_BREAKS)}]+\\S"
)
# A quote can only change where it touches a Hebrew letter, or a character clean_text drops
# (marks, format and control characters) that may stand between it and a letter.
_RUST_QUOTE = "[\"'\\x{2019}\\x{201D}]"
_RUST_DROPPED = "[\\p{Mn}\\p{Cf}\\x00-\\x08\\x0E-\\x1B\\x1F\\x7F-\\x84\\x86-\\x9F]"
_RUST_QUOTE_CANDIDATE = (
    f"{_RUST_HEB}{_RUST_QUOTE}{_RUST_HEB}|{_RUST_HEB}'"
    f"|{_RUST_DROPPED}{_RUST_QUOTE}|{_RUST_QUOTE}{_RUST_DROPPED}"
)
# What clean_text drops before it reads gershayim (niqqud and cantillation, bidi controls,
# invisible characters), and a quote next to one of them.
_DROPPED = f"{HEBREW_MARKS}{BIDI_CONTROLS_CLASS}{INVISIBLE_CHARS_CLASS}"
_KEPT_RUN_RE = re.compile(f"[^{_DROPPED}]+")
#: the characters of _DROPPED (all in the BMP), for the per-quote test below
_DROPPED_SET = frozenset(filter(re.compile(f"[{_DROPPED}]").match, map(chr, range(0x10000))))
_QUOTES = "\"'\u2019\u201d"
_MARK_RE = re.compile("[\u05f3\u05f4]")


def _quote_by_dropped(text: str) -> bool:
    """Whether a character clean_text drops stands within 5 characters of a quote of
    ``text``: such a character can change how the quote is read (``פִישקֶ'ה``; ``קֶש'``, where
    the point leaves one prefix letter before the quote). The quote rules look at the letters
    right around it — at most 3 prefix letters before, 2 letters after — so a dropped
    character farther away changes nothing. A ``find`` loop over the few quotes: several
    times faster than a regex scan of the whole text."""
    for quote in _QUOTES:
        i = text.find(quote)
        while i != -1:
            if not _DROPPED_SET.isdisjoint(text[max(0, i - 5) : i + 6]):
                return True
            i = text.find(quote, i + 1)
    return False


def gershayim_as_cleaned(text: str) -> str:
    """``normalize_gershayim_he(text)`` with every quote read as ``clean_text`` reads it: after
    the niqqud, bidi controls and invisible characters clean_text drops first (in
    ``פִישקֶ'ה``, UD IAHLTwiki dev, the ``'`` follows a vowel point, and is a geresh once the
    point is gone). A 1:1 replacement of quotes, so offsets are the text's; ``text`` itself
    when nothing changes."""
    if not _quote_by_dropped(text):
        return normalize_gershayim_he(text)
    runs = [m.span() for m in _KEPT_RUN_RE.finditer(text)]
    view = "".join(text[a:b] for a, b in runs)
    canonical_view = normalize_gershayim_he(view)
    if canonical_view is view:
        return text
    offsets = list(chain.from_iterable(range(a, b) for a, b in runs))
    chars = list(text)
    for m in _MARK_RE.finditer(canonical_view):
        i = m.start()
        if view[i] != canonical_view[i]:
            chars[offsets[i]] = canonical_view[i]
    return "".join(chars)


def tokenize(text: str, lang: str) -> list[Token]:
    """Tokenize ``text`` (rules in the module docstring). ``lang`` is ``"he"`` or ``"ar"``.

    Returns tokens in text order with code-point offsets into ``text``; every non-space
    character lies in exactly one token.
    """
    check_lang(lang)
    # ASCII quotes that are gershayim / geresh (as clean_text decides, from the whole line)
    # are read as the Hebrew marks: a 1:1 replacement, so offsets are unchanged.
    canonical = gershayim_as_cleaned(text)
    # (whitespace-before, token) pairs cover the text up to the last token, so the running
    # sum of their lengths gives every offset.
    # Trailing whitespace is cut first: a whitespace run with no token after it would make
    # findall retry it from every position (quadratic on hostile input). Offsets are unchanged.
    pairs = _PAIR_RE.findall(canonical.rstrip())
    ends = list(accumulate(map(len, chain.from_iterable(pairs))))
    if canonical is text:
        forms: Iterable[str] = map(_second, pairs)
    else:
        forms = [text[e - len(tok) : e] for e, (_, tok) in zip(ends[1::2], pairs)]
    return list(map(_tuple_new, repeat(Token), zip(ends[0::2], ends[1::2], forms)))


def _python_path_docs(texts: pl.Series, values: list[str]) -> np.ndarray:
    """Rows of ``texts`` the Rust pattern cannot tokenize alone: a Hebrew initial (its rule
    needs look-around) or an ASCII quote that :func:`gershayim_as_cleaned` turns into a
    gershayim / geresh (never in cleaned text)."""
    initial = texts.str.contains(_RUST_INITIAL_CANDIDATE).fill_null(False).to_numpy()
    quote = texts.str.contains(_RUST_QUOTE_CANDIDATE).fill_null(False).to_numpy()
    changed = [i for i in np.flatnonzero(quote) if gershayim_as_cleaned(values[i]) != values[i]]
    return np.union1d(np.flatnonzero(initial), np.asarray(changed, dtype=np.int64))


def _norm_forms(forms: pl.Series) -> pl.Series:
    """``normalize_for_match`` of every form (a 1:1 character map, so it can run per token):
    only the few forms holding a mapped character go through ``replace_many``."""
    hit = np.flatnonzero(forms.str.contains(_NORM_CLASS_RUST).to_numpy())
    if not len(hit):
        return forms
    return forms.clone().scatter(hit, forms.gather(hit).str.replace_many(_NORM_FROM, _NORM_TO))


def _empty_tokens() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.Series([], dtype="str"),
            "sent_idx": pd.Series([], dtype="int32"),
            "tok_idx": pd.Series([], dtype="int32"),
            "start": pd.Series([], dtype="int64"),
            "end": pd.Series([], dtype="int64"),
            "form": pd.Series([], dtype="str"),
            "norm": pd.Series([], dtype="str"),
        }
    )


def tokens_table(documents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The ``tokens`` table: ``doc_id, sent_idx, tok_idx, start, end, form, norm``.

    Offsets are into ``documents.text``; ``tok_idx`` is 0-based within the sentence; ``norm``
    is ``normalize_for_match(form)``. Rows are in ``sentences`` order (documents order, then
    ``sent_idx``), then text order. Same tokens as :func:`tokenize`, computed in one vectorised
    Polars pass over the whole text column (``str.extract_all`` with whitespace runs captured,
    offsets = cumulative sum of match lengths). Every token must lie inside a sentence of
    ``sentences`` (true for :func:`helpers.text.segment.sentences_table`); ``ValueError`` otherwise.
    """
    missing = {"doc_id", "lang", "text"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents is missing columns {sorted(missing)}")
    for lang in pd.unique(documents["lang"]):
        check_lang(lang)
    if len(documents) == 0:
        return _empty_tokens()
    doc_ids = documents["doc_id"].tolist()
    if len(set(doc_ids)) != len(doc_ids):
        raise ValueError("documents.doc_id has duplicates")
    texts = pl.Series("text", pa.array(documents["text"], type=pa.large_string()))

    # 1. one regex pass; every match is (whitespace run + token) and matches are contiguous
    #    from the start of the text, so token ends are running sums of the match lengths.
    lists = texts.str.extract_all(_RUST_PATTERN_WS)
    counts = lists.list.len().fill_null(0).to_numpy().astype(np.int64)
    parts = lists.explode().drop_nulls()  # an empty text gives an empty list -> one null
    forms = parts.str.strip_chars_start(_WS_STRING)
    doc_row = np.repeat(np.arange(len(texts), dtype=np.int64), counts)
    ends = np.cumsum(parts.str.len_chars().to_numpy(), dtype=np.int64)
    first_of_doc = np.concatenate(([0], np.cumsum(counts)[:-1]))
    doc_base = np.concatenate(([0], ends))[first_of_doc]  # matched length before each doc
    end = ends - np.repeat(doc_base, counts)
    start = end - forms.str.len_chars().to_numpy()
    # 1b. the few documents the Rust pattern cannot do alone go through tokenize()
    values = documents["text"].tolist()
    python_docs = _python_path_docs(texts, values)
    if len(python_docs):
        keep = ~np.isin(doc_row, python_docs)
        langs = documents["lang"].tolist()
        extra = [(i, tokenize(values[i], langs[i])) for i in python_docs.tolist()]
        extra_row = np.concatenate([np.full(len(t), i, dtype=np.int64) for i, t in extra])
        extra_tokens = [tok for _, toks in extra for tok in toks]
        doc_row = np.concatenate((doc_row[keep], extra_row))
        start = np.concatenate((start[keep], np.array([t.start for t in extra_tokens], np.int64)))
        end = np.concatenate((end[keep], np.array([t.end for t in extra_tokens], np.int64)))
        forms = pl.concat(
            [
                forms.filter(pl.Series(keep)),
                pl.Series([t.form for t in extra_tokens], dtype=pl.String),
            ]
        )
        perm = np.lexsort((start, doc_row))
        doc_row, start, end, forms = doc_row[perm], start[perm], end[perm], forms.gather(perm)

    # 2. sentence of every token. Tokens are in (document, start) order; with the sentences
    #    in the same order, the first token of each sentence is a binary search of the
    #    sentence starts into the tokens, and each token belongs to the last sentence that
    #    starts at or before it. Checked below: same document, token inside the sentence.
    sent_doc = pd.Index(doc_ids).get_indexer(sentences["doc_id"]).astype(np.int64)
    if (sent_doc < 0).any():
        unknown = sentences["doc_id"].iloc[int(np.flatnonzero(sent_doc < 0)[0])]
        raise ValueError(f"sentences.doc_id {unknown!r} is not in documents")
    sent_start = sentences["start"].to_numpy(dtype=np.int64)
    sent_end = sentences["end"].to_numpy(dtype=np.int64)
    shift = np.int64(1) << np.int64(40)
    sent_key = sent_doc * shift + sent_start
    order = np.argsort(sent_key, kind="stable")
    n = len(start)
    first_tok = np.searchsorted(doc_row * shift + start, sent_key[order], side="left")
    per_sent = np.diff(np.append(first_tok, n))
    lead = int(first_tok[0]) if len(order) else n  # tokens before the first sentence
    sent_row = np.concatenate((np.full(lead, -1, dtype=np.int64), np.repeat(order, per_sent)))
    tok_idx = np.arange(n, dtype=np.int64) - np.concatenate(
        (np.zeros(lead, dtype=np.int64), np.repeat(first_tok, per_sent))
    )
    if len(order):
        safe = np.maximum(sent_row, 0)
        bad = (sent_row < 0) | (sent_doc[safe] != doc_row) | (end > sent_end[safe])
    else:
        bad = np.ones(n, dtype=bool)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"token {forms[i]!r} at {start[i]}–{end[i]} of document {doc_ids[doc_row[i]]!r} "
            "lies outside every sentence of `sentences`"
        )

    # 3. order: rows of `sentences` in their order, then text order
    if n > 1 and (np.diff(sent_row) < 0).any():
        perm = np.lexsort((start, sent_row))
        sent_row, doc_row, start, end = sent_row[perm], doc_row[perm], start[perm], end[perm]
        tok_idx, forms = tok_idx[perm], forms.gather(perm)

    out = pl.DataFrame(
        {
            "doc_id": pl.Series(doc_ids, dtype=pl.String).gather(doc_row),
            "sent_idx": sentences["sent_idx"].to_numpy(dtype=np.int32)[sent_row],
            "tok_idx": tok_idx.astype(np.int32),
            "start": start,
            "end": end,
            "form": forms,
            "norm": _norm_forms(forms),
        }
    )
    return out.to_pandas().astype(
        {
            "doc_id": "str",
            "sent_idx": "int32",
            "tok_idx": "int32",
            "start": "int64",
            "end": "int64",
            "form": "str",
            "norm": "str",
        }
    )
