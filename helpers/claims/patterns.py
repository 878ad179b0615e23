"""Compile analyst patterns (the codebook's pattern syntax) into regexes with anchors.

``compile_pattern(pattern, lang)`` turns the analyst syntax into a regex (``regex`` module)
over the ``norm`` form of :func:`helpers.text.clean.normalize_for_match`:

* ``word word`` — a phrase; words are separated by any run of whitespace. Each word may carry
  the language's proclitics: Hebrew up to three of ``ו ה ב כ ל מ ש`` (``וכש``, ``שב``, ``ומה``),
  optionally followed by a maqaf/hyphen (``ב-``); a Hebrew word written with the article
  ``ה`` (4+ letters) also matches with the ``ה`` elided after ``ב כ ל`` (``התקשורת`` →
  ``בתקשורת``); Arabic ``و``/``ف``, then ``ب``/``ل``/``ك``,
  then the article ``ال`` (``لل`` after ``ل``): ``وبال``, ``فال``, ``لل``. An Arabic word written
  with ``ال`` keeps the article mandatory (it may still take ``و ف ب ك ل`` before it).
  Speech verbs are compiled with ``verb=True``: only the proclitics of a finite verb
  (Hebrew ``ו ש כש``, Arabic ``و ف``), so ``המסר`` "the message" is not ``מסר`` "handed over".
* ``word*`` — the word may continue with more letters.
* ``a ~N b`` — up to N other words between ``a`` and ``b``.
* ``re:<regex>`` — raw regex over the normalised text, used as written.

A phrase pattern (not ``re:``) also carries its words as a
:class:`~helpers.claims.word_sequence.WordSequence`: :meth:`CompiledPattern.search_span` and
:meth:`CompiledPattern.spans` answer from them — the regex's matches, without compiling it —
for the first :data:`SEQUENCE_SEARCHES` searches, and from the regex after that.

Word boundaries: a match never starts or ends inside a longer word (a boundary is any
non-letter: the characters around the match are not letters or combining marks).

Every :class:`CompiledPattern` carries ``anchors``: literal strings (normalised) guaranteed
to occur in any match, longest first (each word stem of a phrase), with the context each
needs (how many proclitic letters may precede it, whether letters may follow it). The tagger
feeds one anchor per pattern (the one fewest patterns share) to its Aho–Corasick automaton
and runs the regex only when that anchor occurs in a possible context. A raw regex gets the longest
literal run found at the top level of its parse tree (Unicode property escapes such as
``\\p{L}`` read as character classes), or no anchor (then it is run on every sentence of its
language).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex
from regex import Match as RegexMatch
from regex import Pattern as RegexPattern

from helpers.claims.regex_safety import check_raw_regex
from helpers.claims.word_sequence import AMBIGUOUS, WordSequence
from helpers.text.charsets import HEBREW_PREFIX_LETTERS, MAQAF

__all__ = [
    "KNOWN_LANGS",
    "AR_PROCLITIC_LETTERS",
    "AR_PROCLITIC_CHAINS",
    "MAX_PROCLITIC_LETTERS",
    "SEQUENCE_SEARCHES",
    "CompiledPattern",
    "compile_pattern",
    "proclitic_chains",
]

#: Languages patterns can be compiled for.
KNOWN_LANGS: frozenset[str] = frozenset({"he", "ar"})
_GAP_RE = re.compile(r"~(\d{1,2})")
_PLAIN_WORD_RE = re.compile("[\u05d0-\u05ea\u0621-\u063a\u0641-\u064aA-Za-z0-9\"'.-]+")
_LETTER_RE = regex.compile(r"[\p{L}\p{N}]")
_LETTERS_RE = regex.compile(r"\p{L}+")

#: The Hebrew proclitic letters (ו ה ב כ ל מ ש) as a regex class, and the hyphens after them.
_HE = "[" + "".join(sorted(HEBREW_PREFIX_LETTERS)) + "]"
_HYPHEN = f"[-{MAQAF}]"
HE_PREFIX = f"(?:{_HE}{{1,3}}{_HYPHEN}?)?"
#: Arabic proclitics: conjunction و/ف, then preposition ب/ك/ل, or the article ال (لل after ل).
AR_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
#: The letters Arabic proclitic chains are made of.
AR_PROCLITIC_LETTERS: frozenset[str] = frozenset("وفبكلا")
#: A Hebrew word written with the article ה: the ה stays, or is elided after ב כ ל.
HE_PREFIX_ARTICLE = f"(?:{_HE}{{0,2}}[בכל]{_HYPHEN}?|(?:{_HE}{{1,3}}{_HYPHEN}?)?ה)"
#: Proclitics a finite verb can take (``verb=True``): Hebrew conjunction/relative ו ש כש,
#: Arabic conjunctions و ف — not the article or prepositions (``המסר`` is a noun).
HE_VERB_PREFIX = "(?:[וש]{0,2}|וכש|כש)"
AR_VERB_PREFIX = "(?:[وف]?)"
AR_PREFIX_ARTICLE = "(?:[وف]?(?:[بك]?ال|لل))"
#: Most letters a proclitic chain of any of the above has (Hebrew ``וכשה``, Arabic ``وبال``).
MAX_PROCLITIC_LETTERS = 4
_LB = r"(?<![\p{L}\p{M}\p{N}])"
_RB = r"(?![\p{L}\p{M}\p{N}])"
_SUFFIX = r"[\p{L}\p{M}]*"
_WS = r"\s+"
#: Searches a phrase pattern answers from its words (:class:`WordSequence`) before its regex
#: is compiled. A compile (``regex`` parses in Python) took ~0.6 ms and a word-by-word search
#: ~5 µs more than the compiled regex's (dev-news sentences holding the first stem, 300
#: patterns): after about this many searches the regex has paid for itself, and a pattern
#: searched rarely never needs it.
SEQUENCE_SEARCHES = 100


@functools.cache
def proclitic_chains(prefix: str, letters: frozenset[str]) -> tuple[str, ...]:
    """Every chain of at most :data:`MAX_PROCLITIC_LETTERS` of ``letters`` that the proclitic
    regex ``prefix`` (``HE_PREFIX``, ``AR_PREFIX`` …) matches in full, the empty chain
    included when it may be absent — longest first, then in code-point order. Found by
    running the regex on every chain, so it agrees with the patterns by construction."""
    rx = regex.compile(prefix)
    alphabet = sorted(letters)
    found = [
        chain
        for n in range(MAX_PROCLITIC_LETTERS, -1, -1)
        for chain in map("".join, itertools.product(alphabet, repeat=n))
        if rx.fullmatch(chain)
    ]
    return tuple(found)


#: Every Arabic proclitic chain a pattern word may carry (``و``, ``بال``, ``فلل`` …), longest
#: first — what :func:`compile_pattern` accepts before an Arabic word.
AR_PROCLITIC_CHAINS: tuple[str, ...] = tuple(
    c for c in proclitic_chains(AR_PREFIX, AR_PROCLITIC_LETTERS) if c
)


@dataclass(frozen=True)
class CompiledPattern:
    """One analyst pattern compiled for one language. Its regex is compiled on first use
    (:attr:`regex`): a codebook holds thousands of patterns and compiling them all is most
    of the time it takes to load, while a corpus may never need most of them."""

    source: str
    lang: str
    #: the regex (``regex`` module syntax) over the ``norm`` form
    expression: str
    anchors: tuple[str, ...]
    #: Necessary context of each anchor in any match, for cheap candidate filtering:
    #: (max letters directly before it, the letters allowed there, may letters follow it);
    #: ``None`` for raw regexes (no constraint known). Aligned with ``anchors``.
    anchor_contexts: tuple[tuple[int, frozenset[str], bool] | None, ...] = ()
    #: The anchor of the pattern's first word (every match starts with its proclitics and
    #: then this stem); ``None`` for raw regexes.
    first_anchor: str | None = None
    #: For a pattern of ONE word whose stem is letters only: the regex of the proclitics its
    #: match may start with (``HE_PREFIX`` …). Such a match is the whole run of letters,
    #: marks and digits holding the stem — proclitics, stem, the rest of the run (``word*``) —
    #: so the tagger can read it off the anchor hits instead of running the regex
    #: (:mod:`helpers.claims.pattern_index`). ``None`` otherwise.
    word_prefix: str | None = None
    #: the regex, when it was compiled up front (raw regexes, checked when they are loaded)
    compiled: RegexPattern[str] | None = field(default=None, repr=False, compare=False)
    #: For a phrase pattern: its words, matched without the regex (:meth:`search_span`);
    #: ``None`` for raw regexes.
    sequence: WordSequence | None = field(default=None, repr=False, compare=False)
    #: how many searches :attr:`sequence` has answered (mutable: one counter per pattern)
    _searched: list[int] = field(default_factory=lambda: [0], repr=False, compare=False)

    @functools.cached_property
    def regex(self) -> RegexPattern[str]:
        """The compiled regex (compiled once, on first use)."""
        return self.compiled if self.compiled is not None else regex.compile(self.expression)

    def finditer(self, norm: str) -> Iterator[RegexMatch[str]]:
        """Iterate over the regex matches in ``norm``."""
        return self.regex.finditer(norm)

    def _by_words(self) -> bool:
        """Answer the next search from the words (no regex compiled yet, and fewer than
        :data:`SEQUENCE_SEARCHES` searches so far) rather than with the regex?"""
        if self.sequence is None or "regex" in self.__dict__:
            return False
        self._searched[0] += 1
        return self._searched[0] <= SEQUENCE_SEARCHES

    def search_span(self, norm: str, pos: int = 0) -> tuple[int, int] | None:
        """The span of ``self.regex.search(norm, pos)`` (``None``: no match); read off the
        words while the regex is not compiled (:class:`WordSequence`), so a pattern searched
        only a few times is never compiled."""
        if self._by_words():
            assert self.sequence is not None
            span = self.sequence.search(norm, pos)
            if span != AMBIGUOUS:
                return span
        m = self.regex.search(norm, pos)
        return None if m is None else m.span()

    def spans(self, norm: str, pos: int = 0) -> Iterator[tuple[int, int]]:
        """The spans of ``self.regex.finditer(norm, pos)``, in order (see
        :meth:`search_span`)."""
        while self._by_words():
            assert self.sequence is not None
            span = self.sequence.search(norm, pos)
            if span is None:
                return
            if span == AMBIGUOUS:
                break
            yield span
            pos = span[1]  # a phrase match is never empty: the next search starts at its end
        for m in self.regex.finditer(norm, pos):
            yield m.span()


def _normalize_word(word: str, lang: str) -> str:
    from helpers.text.clean import clean_text, normalize_for_match  # lazy: sibling module

    if _PLAIN_WORD_RE.fullmatch(word):  # nothing for clean_text to change but quote marks,
        return normalize_for_match(word, lang)  # which normalize_for_match folds anyway
    return normalize_for_match(clean_text(word, lang), lang)


def _compile_word(
    word: str, lang: str, verb: bool = False
) -> tuple[str, str, tuple[int, frozenset[str], bool], str]:
    """Regex, anchor, anchor context (see :class:`CompiledPattern`) and the regex of the
    proclitics for one bare word (with optional trailing ``*``)."""
    star = word.endswith("*")
    stem = word[:-1] if star else word
    if "*" in stem:
        raise ValueError(f"'*' only at the end of a word: {word!r}")
    if not stem:
        raise ValueError("empty word before '*'")
    norm = _normalize_word(stem, lang)
    if not _LETTER_RE.search(norm):
        raise ValueError(f"word {word!r} has no letters or digits")
    if verb:
        prefix = HE_VERB_PREFIX if lang == "he" else AR_VERB_PREFIX
        context = (3, frozenset("ושכ"), star) if lang == "he" else (1, frozenset("وف"), star)
    elif lang == "he":
        prefix = HE_PREFIX
        context = (3, HEBREW_PREFIX_LETTERS, star)
        if norm.startswith("ה") and len(norm) > 3:
            # the article ה is elided after ב כ ל: התקשורת → בתקשורת, לקרמלין
            prefix, norm = HE_PREFIX_ARTICLE, norm[1:]
            context = (4, HEBREW_PREFIX_LETTERS, star)
    else:
        context = (4, AR_PROCLITIC_LETTERS, star)
        if norm.startswith("ال") and len(norm) > 3:
            prefix, norm = AR_PREFIX_ARTICLE, norm[2:]
        else:
            prefix = AR_PREFIX
    body = prefix + regex.escape(norm) + (_SUFFIX if star else "")
    return body, norm, context, prefix


@functools.cache
def compile_pattern(pattern: str, lang: str, *, verb: bool = False) -> CompiledPattern:
    """Compile one analyst pattern (see the module docstring) for ``lang`` (``he``/``ar``).

    ``verb=True`` (used for speech verbs) allows only the proclitics of a finite verb:
    Hebrew ``ו ש כש`` (``ואמר``, ``שאמר``, ``כשאמר`` but not ``המסר``), Arabic ``و ف``.

    Raises ``ValueError`` with the reason for an empty or malformed pattern, an invalid regex
    or one that can backtrack catastrophically. Results are cached (the loader validates and
    the tagger reuses the same compiled patterns).
    """
    if lang not in KNOWN_LANGS:
        raise ValueError(f"unsupported lang {lang!r}")
    if not isinstance(pattern, str):
        raise ValueError(f"pattern must be a string, got {type(pattern).__name__}")
    if pattern.startswith("re:"):
        body = pattern[3:]
        if not body.strip():
            raise ValueError("empty regex after 're:'")
        compiled, anchor = check_raw_regex(body)
        if not anchor:
            return CompiledPattern(pattern, lang, body, (), (), compiled=compiled)
        return CompiledPattern(pattern, lang, body, (anchor,), (None,), compiled=compiled)
    tokens = pattern.split()
    if not tokens:
        raise ValueError("empty pattern")
    parts: list[str] = []
    anchors: list[str] = []
    words: list[tuple[str, str, bool, int]] = []  # (proclitic regex, stem, star, gap)
    contexts: dict[str, tuple[int, frozenset[str], bool]] = {}
    gap: int | None = None
    prefix = ""
    for i, tok in enumerate(tokens):
        m = _GAP_RE.fullmatch(tok)
        if m:
            if i == 0 or i == len(tokens) - 1 or gap is not None:
                raise ValueError(f"gap {tok!r} must stand between two words")
            gap = int(m.group(1))
            continue
        if tok.startswith("~"):
            raise ValueError(f"bad gap {tok!r}: write ~N with N a number")
        body, anchor, context, prefix = _compile_word(tok, lang, verb)
        if anchor in contexts:  # same stem twice: keep the most permissive context
            old = contexts[anchor]
            context = (max(old[0], context[0]), old[1] | context[1], old[2] or context[2])
        contexts[anchor] = context
        if parts:
            parts.append(_WS + (rf"(?:\S+\s+){{0,{gap}}}" if gap else ""))
        words.append((prefix, anchor, tok.endswith("*"), gap or 0))
        gap = None
        parts.append(body)
        anchors.append(anchor)
    # escaped words joined by fixed fragments: always a valid regex, compiled on first use
    expression = _LB + "".join(parts) + (_RB if not tokens[-1].endswith("*") else "")
    ordered = tuple(sorted(dict.fromkeys(anchors), key=lambda a: (-len(a), anchors.index(a))))
    one_word = len(anchors) == 1 and _LETTERS_RE.fullmatch(anchors[0]) is not None
    try:
        sequence: WordSequence | None = WordSequence(words)
    except ValueError:  # a stem holding whitespace: only the regex can match it
        sequence = None
    return CompiledPattern(
        pattern,
        lang,
        expression,
        ordered,
        tuple(contexts[a] for a in ordered),
        anchors[0],
        word_prefix=prefix if one_word else None,
        sequence=sequence,
    )
