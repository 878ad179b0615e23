"""Sentence segmentation of cleaned Hebrew and Arabic news text.

Rules (``split_sentences``):

* A line break ends a sentence (headlines, captions and bylines are lines of their own).
  Line breaks are ``\\n`` and, in uncleaned text, ``\\r``, VT, FF, U+001C–E, U+0085, U+2028/9.
* Within a line a run of ``. ! ? ؟ … ۔`` ends a sentence when it is followed by whitespace or the
  end of the line. Closing quotes and brackets right after the run (``" ״ ” » › ’ ' ) ] }``)
  stay with the sentence: ``... טהרן".`` and ``... كارثية”.`` end after the last mark.
* Arabic ``؛`` is a semicolon and never ends a sentence; ``,`` ``:`` never do either.
* No boundary:

  - inside numbers and dates (``21.3.2026``, ``3.5``: the period is not followed by a space);
  - after a run of periods or ``…`` other than one period (``..``, ``...``, ``…``): Arabic
    headlines use ``..`` as a separator (``الخليج.. ما القصة؟`` is one sentence) and Hebrew
    and Arabic prose an ellipsis inside a sentence (``מפותח ... ובעיקר``, ``تحت نار
    "إسرائيل"... والأيادي``); the UD Hebrew dev treebanks never end a sentence at one inside a
    line. At the end of a line the line break ends it;
  - after ``!`` when the sentence so far holds a colon: an exclamation inside speech the colon
    introduces (``אמר לי: "אלי! אם תשמע יריות תתכופף".``, ``לכל ילדי ישראל: אל תפחדו! סעו
    לירושלים``) — UD HTB keeps these whole;
  - after an initial: a single Hebrew letter (optionally with geresh) or a single capital Latin
    letter before ``.`` (``א. ב. יהושע``, ``J. D. Vance``), or a Hebrew spelling of a Latin
    letter name (``ג׳יי. די. ואנס``, see :data:`HEBREW_LETTER_NAMES`) — unless what follows
    cannot continue a name: an opening quotation mark, or one of
    :data:`HEBREW_SENTENCE_OPENERS` (``כמו קרן גון מ. שנית, הם``, ``אל נקמות ה. עכשיו עת
    להרוג``: UD HTB ends both sentences there; see :data:`SENTENCE_AFTER_INITIAL_PATTERN`).
    Reason: a one-letter Hebrew word cannot stand alone (ב ה ו כ ל מ ש are prefixes written
    on the next word), so a letter with a period is always an abbreviation, and whether the
    sentence goes on depends on the next word only. An initial is followed by another initial
    or a name, and a name is never a pronoun, a preposition or a sentence adverb;
  - after an Arabic initial: a single Arabic letter before ``.`` (``د. عباس الحاج حسن``,
    ``سيليست أ. والاندر``, ``ف. تايمز``: the Arabic development news has these and no
    sentence ending in a one-letter word — the one-letter Arabic words و ب ل ك ف س are
    prefixes), with the same exception before :data:`ARABIC_SENTENCE_OPENERS` or a quotation
    mark, and not after a number, where the letter is an era or unit (``632 م.`` ends a
    sentence as any word does);
  - after a Latin abbreviation: dotted letters (``U.S.``, ``e.g.``) or one of
    :data:`LATIN_ABBREVIATIONS` (``Dr.``, ``Mr.`` …), or a Hebrew one of
    :data:`HEBREW_ABBREVIATIONS` (``פרופ.``; not ``מס.``, which is the word "tax" —
    "number" is written ``מס׳``);
  - when the next non-space character on the line continues the sentence: a lower-case Latin
    letter or ``, ; : ؛ ،``.

  (A "word" of 40 or more characters before a period is never an abbreviation; this bound and
  matching each terminator run once keep segmentation linear on hostile input.)

* Gershayim acronyms: a period after an acronym (``כטב״מים.``, ``ארה״ב.``) IS a full stop.
  Reason: in Hebrew the gershayim itself is the abbreviation mark, and newspaper orthography
  never adds an abbreviation period to a gershayim acronym, so a period after one is a full
  stop; a sentence that continues after ``ארה״ב`` has no period there. (Hebrew has no letter
  case, so a "next word is lower-case" test is not available.) The continuation rule above
  still applies (``ארה״ב., ו...`` does not split).

Spans are trimmed of surrounding whitespace; every non-space character of the text lies in
exactly one span; spans are in text order and never overlap.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd
import pyarrow as pa

from helpers.text.charsets import (
    ARABIC_CORE_LETTERS_CLASS,
    GERESH,
    GERSHAYIM,
    HEBREW_BASE_LETTERS_CLASS,
    HEBREW_MARKS,
    LINE_BREAKS,
    OPENING_QUOTES_AND_BRACKETS,
    ZERO_WIDTH_AND_DIRECTION_CLASS,
)
from helpers.text.clean import check_lang

__all__ = [
    "Span",
    "split_sentences",
    "sentences_table",
    "HEBREW_LETTER_NAMES",
    "LATIN_ABBREVIATIONS",
    "HEBREW_ABBREVIATIONS",
    "HEBREW_SENTENCE_OPENERS",
    "ARABIC_SENTENCE_OPENERS",
    "SENTENCE_AFTER_INITIAL_PATTERN",
]


class Span(NamedTuple):
    """A sentence: code-point offsets ``[start, end)`` into the segmented text."""

    start: int
    end: int


#: Hebrew spellings of Latin letter names used as initials (``ג׳יי. די. ואנס``); geresh in
#: both forms.
HEBREW_LETTER_NAMES: frozenset[str] = frozenset(
    name.replace("'", q)
    for name in (
        "איי",
        "בי",
        "סי",
        "די",
        "אי",
        "אף",
        "ג'י",
        "ג'יי",
        "אייץ'",
        "קיי",
        "אל",
        "אם",
        "אן",
        "או",
        "פי",
        "קיו",
        "אר",
        "אס",
        "טי",
        "יו",
        "וי",
        "אקס",
        "וואי",
        "זי",
        "זד",
    )
    for q in ("'", "\u05f3")
)
#: Latin abbreviations that take a period without ending a sentence (compared case-sensitively).
LATIN_ABBREVIATIONS: frozenset[str] = frozenset(
    "Dr Mr Mrs Ms Prof St Jr Sr vs Gen Col Lt Sgt Gov Sen Rep Inc Ltd Co Corp Mt No Jan Feb "
    "Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec approx cf".split()
)
#: Hebrew abbreviations written with a period.
HEBREW_ABBREVIATIONS: frozenset[str] = frozenset("פרופ רח עמ גב".split())

#: Hebrew words that often open a sentence and are never a (sur)name: pronouns,
#: prepositions, connectives, sentence adverbs, question words and a few verbs of saying.
#: After an initial (a letter with a period) one of these — alone or after the conjunction ו
#: (``ועכשיו``) — shows that the letter was the last word of a sentence, not the start of a
#: name. Written by hand rather than taken from a stop-word list: those lists (spaCy's,
#: stopwords-iso) also hold words that ARE names or initials here (``אלה`` Ella, ``מתי``
#: Matti, ``שני`` Shani, and ``אם`` ``או`` ``אל`` ``אף``, the letters M O L F of
#: :data:`HEBREW_LETTER_NAMES`); none of those is listed.
HEBREW_SENTENCE_OPENERS: frozenset[str] = frozenset(
    # pronouns and demonstratives
    "אני אתה את אתם אתן הוא היא הם הן אנחנו אנו זה זו זאת אלו "
    # connectives, sentence and time adverbs
    "אבל אך אולם אלא לכן לפיכך כך כן לא גם רק עוד אז עכשיו עתה כעת כיום היום אתמול מחר "
    "הערב הבוקר השבוע השנה מאז תמיד לעולם ראשית שנית שלישית רביעית לבסוף בנוסף כלומר "
    "למשל אגב אמנם אכן אולי כנראה בעצם אפילו מכאן לדבריו לדבריה "
    # prepositions and subordinators
    "על עם בין אצל מול נגד לפי עד ללא בלי של לפני אחרי לאחר בזמן בעוד למרות בגלל כדי "
    "מפני כמו כאשר כי "
    # question words, quantifiers, existentials, verbs of saying, deictics
    "מה מי איך כיצד למה מדוע איפה היכן האם כל כולם יש אין היה הייתה היו יהיה אמר אמרה "
    "אמרו הוסיף הוסיפה כאן פה שם הנה".split()
)
#: The same for Arabic (after ``د.`` ``م.`` ``أ.``), alone or after the conjunction و or ف
#: (``وقال``, ``فقد``). Not listed, being names too: ``هنا`` (Hana), ``علي`` (Ali, and ``على``
#: as Egyptian spelling writes it); nor ``في`` ``أو`` ``إن``, also the letter names V O N.
ARABIC_SENTENCE_OPENERS: frozenset[str] = frozenset(
    # pronouns and demonstratives
    "هو هي هم هن نحن أنا أنت هذا هذه ذلك تلك هناك "
    # particles, connectives and adverbs
    "لكن لكنه لكنها إنه إنها أن أنه كما ثم قد لقد لم لن لا ما كان كانت يكون أما إذا لو بل "
    "حتى كل بعض أيضا كذلك الآن اليوم أمس غدا ربما هل ماذا لماذا كيف متى أين "
    # prepositions
    "من على إلى عن مع بعد قبل منذ حيث خلال بين عند أمام وفق وفقا "
    # verbs of saying
    "قال قالت أضاف أضافت أكد أكدت أوضح أوضحت تابع تابعت أشار أشارت يذكر يشار".split()
)


def _sentence_after_initial_pattern() -> str:
    """Regex source of :data:`SENTENCE_AFTER_INITIAL_PATTERN` (see there)."""
    marks = f"[{HEBREW_MARKS}]*"
    words = sorted(HEBREW_SENTENCE_OPENERS, key=lambda w: (-len(w), w))
    pointed = "|".join("".join(f"{letter}{marks}" for letter in word) for word in words)
    arabic = "|".join(sorted(ARABIC_SENTENCE_OPENERS, key=lambda w: (-len(w), w)))
    quotes = re.escape("".join(q for q in OPENING_QUOTES_AND_BRACKETS if q not in "([{"))
    # the word ends there: no letter, geresh or gershayim (or an ASCII one, raw) goes on, nor
    # a hyphen or maqaf (a compound name: ``ש. שם-טוב``)
    word_end = f"(?![\\w{GERESH}{GERSHAYIM}\\-\u05be]|[\"'\u2019\u201d]\\w)"
    return (
        f"[{ZERO_WIDTH_AND_DIRECTION_CLASS}]*(?:[{quotes}]|\u05d5?{marks}(?:{pointed}){word_end}"
        f"|[\u0648\u0641]?(?:{arabic}){word_end})"
    )


#: What, right after an initial's period and the spaces after it, starts a new sentence: an
#: opening quotation mark, or one of :data:`HEBREW_SENTENCE_OPENERS` (with an optional ו
#: before it) or :data:`ARABIC_SENTENCE_OPENERS` (with an optional و or ف) as a whole word. Niqqud between the letters and invisible direction marks
#: before the word are allowed, so raw text reads as its cleaned form does
#: (helpers.text.tokenize uses this pattern to cut the initial's token the same way).
SENTENCE_AFTER_INITIAL_PATTERN: str = _sentence_after_initial_pattern()

_LINE_RE = re.compile(f"[^{LINE_BREAKS}]+")
# A terminator run is matched only from its first character (look-behind) and possessively, so
# a long run of dots is scanned once (linear time on hostile input).
_TERMINATOR_RE = re.compile(
    r"(?<![.!?\u061f\u2026\u06d4])([.!?\u061f\u2026\u06d4]++)"
    r"[\"'\u05f4\u201d\u00bb\u203a\u2019)\]}]*+(?=\s|$)"
)
# A terminator run starts with one of these: _TERMINATOR_RE is only tried where this finds one.
_TERMINATOR_START_RE = re.compile(r"[.!?\u061f\u2026\u06d4]")
_WORD_BEFORE_RE = re.compile(r"(\S*)$")
_MAX_WORD = 40
_OPENERS = OPENING_QUOTES_AND_BRACKETS
_HEB_INITIAL_RE = re.compile(f"[{HEBREW_BASE_LETTERS_CLASS}][\u05f3']?")
# ... or after an opener inside the word (``0(א.``), as helpers.text.tokenize cuts it: the
# opener is a token of its own there, unless it is a gershayim within a word (``ארה״ב.``, raw
# ``ארה"ב.``: a quote between Hebrew letters with one letter after it is always a gershayim)
_HEB_INITIAL_TAIL_RE = re.compile(
    f"(?<=[{re.escape(OPENING_QUOTES_AND_BRACKETS)}])"
    f"(?<![{HEBREW_BASE_LETTERS_CLASS}{HEBREW_MARKS}][{GERSHAYIM}\"'\u201d\u2019])"
    f"[{HEBREW_BASE_LETTERS_CLASS}][\u05f3']?$"
)
_OPENER_SET = frozenset(OPENING_QUOTES_AND_BRACKETS)
_LATIN_INITIAL_RE = re.compile("[A-Z]")
_AR_INITIAL_RE = re.compile(f"[{ARABIC_CORE_LETTERS_CLASS}]")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_CHAR_RE = re.compile(r"\s*(\S)")
_ELLIPSIS_RE = re.compile("[.\u2026]+")
_CONTINUATION = frozenset(",;:\u061b\u060c")
_SENTENCE_AFTER_INITIAL_RE = re.compile(f"\\s*{SENTENCE_AFTER_INITIAL_PATTERN}")


def _word_before(text: str, start: int, end: int) -> str:
    """``_WORD_BEFORE_RE.search(text, start, end).group(1)``: the non-space characters
    right before ``end`` (back to ``start``), without the regex's scan of the window. Like
    ``$``, a final ``"\n"`` of the window is looked through."""
    piece = text[start:end]
    if piece.endswith("\n"):
        piece = piece[:-1]
    if not piece or piece[-1].isspace():
        return ""
    return piece.rsplit(None, 1)[-1]


def _is_boundary(
    text: str, piece_start: int, run_start: int, run: str, match_end: int, line_end: int
) -> bool:
    if run != "." and _ELLIPSIS_RE.fullmatch(run):
        return False  # ".." "..." "…" inside a line: the sentence goes on
    if run == "!" and text.find(":", piece_start, run_start) != -1:
        return False  # an exclamation in speech introduced by a colon
    nxt = _NEXT_CHAR_RE.match(text, match_end, line_end)
    if nxt is not None:
        ch = nxt.group(1)
        if ch in _CONTINUATION or ("a" <= ch <= "z"):
            return False
    if run != ".":
        return True
    # the word before the period, looked for in a bounded window (linear time overall); a word
    # longer than the window is no initial or abbreviation (only its tail may be: ``0(א.``)
    window_start = max(0, run_start - _MAX_WORD)
    whole = _word_before(text, window_start, run_start)
    word = whole.lstrip(_OPENERS) if len(whole) < _MAX_WORD else ""
    # (the length and opener tests only skip regex calls that cannot match)
    if (
        word in HEBREW_LETTER_NAMES
        or (
            len(word) <= 2
            and (_HEB_INITIAL_RE.fullmatch(word) or _LATIN_INITIAL_RE.fullmatch(word))
        )
        or (not _OPENER_SET.isdisjoint(whole[-3:-1]) and _HEB_INITIAL_TAIL_RE.search(whole))
    ):
        # an initial, unless the next word cannot continue a name
        return _SENTENCE_AFTER_INITIAL_RE.match(text, match_end, line_end) is not None
    if not word:
        return True
    if len(word) == 1 and _AR_INITIAL_RE.match(word):
        # an Arabic initial, unless an era or unit after a number ("632 م.") or before a word
        # that cannot continue a name
        before = text[max(piece_start, run_start - 10) : run_start - 1].rstrip()
        if before[-1:].isdigit():
            return True
        return _SENTENCE_AFTER_INITIAL_RE.match(text, match_end, line_end) is not None
    if word in HEBREW_ABBREVIATIONS or word in LATIN_ABBREVIATIONS:
        return False
    return "." not in word or _DOTTED_RE.fullmatch(word) is None


_new_span = tuple.__new__  # Span(a, b) = _new_span(Span, (a, b)), without Span.__new__'s frame


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    rest = piece.lstrip()
    if not rest:
        return None
    # = (start + lead, start + lead + len(piece.strip())), one string copy fewer
    return _new_span(Span, (start + len(piece) - len(rest), end - (len(rest) - len(rest.rstrip()))))


def split_sentences(text: str, lang: str) -> list[Span]:
    """Split cleaned ``text`` into sentences (rules in the module docstring).

    Returns spans trimmed of whitespace, in order; every non-space character of ``text`` lies
    in exactly one span. ``lang`` is ``"he"`` or ``"ar"`` (``ValueError`` otherwise).
    """
    check_lang(lang)
    spans: list[Span] = []
    # The terminator characters of the whole text, found in one scan; each line takes its own
    # in turn, and _TERMINATOR_RE (whose leading look-behind keeps the regex engine from
    # skipping ahead) is tried at each of them outside a match already made: its matches in
    # the line, leftmost first and non-overlapping, as finditer would give them.
    cands = [c.start() for c in _TERMINATOR_START_RE.finditer(text)]
    n_cands = len(cands)
    k = 0
    for line in _LINE_RE.finditer(text):
        line_start, line_end = line.span()
        piece_start = pos = line_start
        while k < n_cands and cands[k] < line_end:
            cand = cands[k]
            k += 1
            if cand < pos:
                continue
            m = _TERMINATOR_RE.match(text, cand, line_end)
            if m is None:
                continue
            pos = m.end()
            run_start = m.start(1)
            if _is_boundary(text, piece_start, run_start, m.group(1), pos, line_end):
                span = _trimmed(text, piece_start, pos)
                if span is not None:
                    spans.append(span)
                piece_start = pos
        span = _trimmed(text, piece_start, line_end)
        if span is not None:
            spans.append(span)
    return spans


def sentences_table(documents: pd.DataFrame) -> pd.DataFrame:
    """The ``sentences`` table: ``doc_id, sent_idx, start, end, text`` for every sentence of
    every document (offsets into ``documents.text``).

    ``documents`` needs columns ``doc_id, lang, text``. Rows are in ``documents`` row order,
    then ``sent_idx`` (0-based within the document). ``doc_id`` and ``text`` are
    pyarrow-backed strings, ``sent_idx`` int32, ``start``/``end`` int64.
    """
    missing = {"doc_id", "lang", "text"} - set(documents.columns)
    if missing:
        raise ValueError(f"documents is missing columns {sorted(missing)}")
    doc_ids: list[str] = []
    idxs: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    for doc_id, lang, text in zip(
        documents["doc_id"].tolist(), documents["lang"].tolist(), documents["text"].tolist()
    ):  # (lists: iterating the pyarrow-backed columns item by item is slower)
        for i, (s, e) in enumerate(split_sentences(text, lang)):
            doc_ids.append(doc_id)
            idxs.append(i)
            starts.append(s)
            ends.append(e)
            texts.append(text[s:e])
    return pd.DataFrame(
        {
            "doc_id": pd.Series(doc_ids, dtype="str"),
            "sent_idx": pd.Series(idxs, dtype="int32"),
            "start": pd.Series(starts, dtype="int64"),
            "end": pd.Series(ends, dtype="int64"),
            "text": _str_series(texts),
        }
    )


def _str_series(values: list[str]) -> pd.Series:
    """``pd.Series(values, dtype="str")`` for a list of str, built through ``pyarrow.array``
    (the same large_string-backed column, without pandas' per-item checks)."""
    return pd.Series(pd.array(pa.array(values, type=pa.large_string()), dtype="str"))
