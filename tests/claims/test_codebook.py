"""helpers.claims.codebook: validation errors (file + entry + reason), pattern compilation and
proclitic matching in Hebrew and Arabic."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import codebook_from_yaml

from helpers.claims.codebook import CodebookError, load_codebook
from helpers.claims.patterns import compile_pattern
from helpers.text.clean import normalize_for_match

VALID = """\
codebook: mini
version: 2
languages: [he, ar]
frames:
  - {id: alliance-strong, label: Strong alliance, colour: "#0072B2"}
actors:
  RU: {en: Russia, qid: Q159, kind: state, he: [רוסיה, מוסקבה], ar: [روسيا, موسكو]}
  IR: {en: Iran, qid: null, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}
media:
  POLITICO: {en: Politico, he: [פוליטיקו], ar: [بوليتيكو]}
speech_verbs: {he: [אמר], ar: [قال]}
attribution: {he: [לפי], ar: [بحسب]}
hedges: {he: [ככל הנראה], ar: [ربما]}
negators: {he: [לא], ar: [لا]}
claims:
  - id: RU_LOYAL_PARTNER
    en: loyal partner
    frame: alliance-strong
    requires: [[RU], [IR]]
    he: [שותפה אמינה]
    ar: [شريك موثوق]
"""


def test_valid_codebook_loads(tmp_path: Path) -> None:
    cb = codebook_from_yaml(tmp_path, VALID)
    assert cb.name == "mini" and cb.version == 2 and cb.languages == ("he", "ar")
    assert set(cb.actors) == {"RU", "IR"} and cb.actors["RU"].qid == "Q159"
    assert cb.actors["IR"].qid is None
    assert cb.media["POLITICO"].patterns["ar"] == ("بوليتيكو",)
    claim = cb.claims[0]
    assert claim.id == "RU_LOYAL_PARTNER" and claim.frame == "alliance-strong"
    assert claim.requires == (("RU",), ("IR",))
    assert claim.patterns == {"he": ("שותפה אמינה",), "ar": ("شريك موثوق",)}
    assert cb.negators == {"he": ("לא",), "ar": ("لا",)}
    assert len(cb.sha256) == 64 and cb.path == str(tmp_path / "cb.yaml")


def test_codebook_is_frozen(tmp_path: Path) -> None:
    cb = codebook_from_yaml(tmp_path, VALID)
    with pytest.raises(AttributeError):
        cb.version = 3


def test_project_codebook_loads(project_root: Path) -> None:
    cb = load_codebook(project_root / "codebook" / "russia_iran.yaml")  # tracked: must exist
    assert cb.name == "russia-iran" and cb.claims
    assert len(set(cb.claim_ids)) == len(cb.claims)


# Each case: (replace this, with this) in VALID, expected entry, expected words of the reason.
BAD_CASES = {
    "unknown top key": (
        "languages: [he, ar]\n",
        "languages: [he, ar]\nlangauges: [he]\n",
        "top level",
        "unknown key(s) langauges",
    ),
    "unknown actor key": (
        "kind: state, he: [רוסיה",
        "kind: state, hebrew: [x], he: [רוסיה",
        "actors.RU",
        "unknown key(s) hebrew",
    ),
    "unknown claim key": (
        "    requires: [[RU], [IR]]\n",
        "    requries: [[RU], [IR]]\n",
        "claims[0] (RU_LOYAL_PARTNER)",
        "unknown key(s) requries",
    ),
    "unknown cue-list key": (
        "hedges: {he:",
        "hedges: {fa: [x], he:",
        "hedges",
        "unknown key(s) fa",
    ),
    "missing frame": (
        "    frame: alliance-strong\n",
        "",
        "claims[0] (RU_LOYAL_PARTNER)",
        "missing required key(s) frame",
    ),
    "missing version": ("version: 2\n", "", "top level", "missing required key(s) version"),
    "bad claim id": (
        "  - id: RU_LOYAL_PARTNER",
        "  - id: ru-loyal",
        "claims[0] (ru-loyal)",
        "bad id",
    ),
    "bad actor id": ("  IR: {en: Iran", "  Iran: {en: Iran", "actors.Iran", "bad id"),
    "unknown frame": (
        "frame: alliance-strong",
        "frame: friendship",
        "claims[0] (RU_LOYAL_PARTNER)",
        "unknown frame 'friendship'",
    ),
    "unknown actor in requires": (
        "requires: [[RU], [IR]]",
        "requires: [[RU], [IRAN]]",
        "claims[0] (RU_LOYAL_PARTNER)",
        "unknown actor 'IRAN' in requires",
    ),
    "empty pattern list": (
        "    he: [שותפה אמינה]\n",
        "    he: []\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "empty pattern list",
    ),
    "empty pattern": (
        "    he: [שותפה אמינה]\n",
        "    he: ['']\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "empty or non-string pattern",
    ),
    "invalid regex": (
        "    he: [שותפה אמינה]\n",
        "    he: ['re:שותפ(ה']\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "invalid regex",
    ),
    "nested quantifier": (
        "    he: [שותפה אמינה]\n",
        "    he: ['re:(ש+)+ת']\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "nested quantifiers",
    ),
    "overlapping alternation": (
        "    he: [שותפה אמינה]\n",
        "    he: ['re:(ש|ש)*ת']\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "repeated alternation",
    ),
    "dot-star nested": (
        "    ar: [شريك موثوق]\n",
        "    ar: ['re:(.*)*x']\n",
        "claims[0] (RU_LOYAL_PARTNER).ar",
        "nested quantifiers",
    ),
    "slow on probe": (
        "    he: [שותפה אמינה]\n",
        "    he: ['re:(?:[^!]*a){8}z']\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "adversarial probe",
    ),
    "bad kind": (
        "kind: state, he: [רוסיה",
        "kind: country, he: [רוסיה",
        "actors.RU",
        "unknown kind 'country'",
    ),
    "bad qid": ("qid: Q159", "qid: 159", "actors.RU", "bad qid"),
    "bad version": ("version: 2", "version: two", "version", "positive integer"),
    "bad language": ("languages: [he, ar]", "languages: [he, fa]", "languages", "he, ar"),
    "actor without patterns": (
        "IR: {en: Iran, qid: null, kind: state, he: [איראן, טהרן], ar: [إيران, طهران]}",
        "IR: {en: Iran, qid: null, kind: state}",
        "actors.IR",
        "no patterns",
    ),
    "bad media lang": (
        "POLITICO: {en: Politico,",
        "POLITICO: {lang: English, en: Politico,",
        "media.POLITICO",
        "lang must be an ISO 639 code",
    ),
    "gap at the end": (
        "    he: [שותפה אמינה]\n",
        "    he: [שותפה ~2]\n",
        "claims[0] (RU_LOYAL_PARTNER).he",
        "must stand between two words",
    ),
    "bad frame colour": (
        'colour: "#0072B2"',
        "colour: blue",
        "frames[0] (alliance-strong)",
        "bad colour 'blue': expected #RRGGBB",
    ),
    "frame without label": (
        "label: Strong alliance, ",
        "",
        "frames[0] (alliance-strong)",
        "missing required key(s) label",
    ),
    "bad frame id": (
        "{id: alliance-strong, label",
        "{id: Alliance Strong, label",
        "frames[0] (Alliance Strong)",
        "bad frame id",
    ),
    "duplicate frame": (
        "frames:\n",
        "frames:\n  - {id: alliance-strong, label: again}\n",
        "frames[1] (alliance-strong)",
        "duplicate frame id alliance-strong",
    ),
    "actor kinds without media": (
        "frames:\n",
        "actor_kinds: [person, state]\nframes:\n",
        "actor_kinds",
        "must include 'media'",
    ),
    "actor kind not declared": (
        "frames:\n",
        "actor_kinds: [person, media]\nframes:\n",
        "actors.RU",
        "unknown kind 'state' (allowed: person)",
    ),
    "label for a language the codebook lacks": (
        "frames:\n",
        "language_labels: {fa: Persian press}\nframes:\n",
        "language_labels",
        "'fa' is not one of the languages he, ar",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_validation_error_names_file_entry_reason(tmp_path: Path, case: str) -> None:
    old, new, entry, reason = BAD_CASES[case]
    assert old in VALID, case
    with pytest.raises(CodebookError) as info:
        codebook_from_yaml(tmp_path, VALID.replace(old, new, 1), "broken.yaml")
    message = str(info.value)
    assert message.startswith(f"broken.yaml: {entry}: "), message
    assert reason in message, message


def test_duplicate_claim_id(tmp_path: Path) -> None:
    dup = VALID + textwrap.indent(
        "- id: RU_LOYAL_PARTNER\n  en: again\n  frame: alliance-strong\n  he: [ידידה נאמנה]\n",
        "  ",
    )
    with pytest.raises(
        CodebookError, match=r"^cb\.yaml: claims\[1\] \(RU_LOYAL_PARTNER\): duplicate claim id"
    ):
        codebook_from_yaml(tmp_path, dup)


def test_duplicate_actor_id(tmp_path: Path) -> None:
    dup = VALID.replace("media:\n", "  RU: {en: Russia again, kind: state, he: [רוסיה]}\nmedia:\n")
    with pytest.raises(
        CodebookError, match=r"^cb\.yaml: actors\.RU: duplicate key RU \(line \d+\)"
    ):
        codebook_from_yaml(tmp_path, dup)


def test_not_yaml_and_not_mapping(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match=r"^bad\.yaml: file: not valid YAML at line \d+"):
        codebook_from_yaml(tmp_path, "codebook: [unclosed\n", "bad.yaml")
    with pytest.raises(CodebookError, match=r"^list\.yaml: file: top level must be a mapping"):
        codebook_from_yaml(tmp_path, "- a\n- b\n", "list.yaml")
    with pytest.raises(CodebookError, match=r"^missing\.yaml: file: cannot read"):
        load_codebook(tmp_path / "missing.yaml")


def test_yaml_tags_are_not_executed(tmp_path: Path) -> None:
    evil = "codebook: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(CodebookError, match="not valid YAML"):
        codebook_from_yaml(tmp_path, evil)


# ----------------------------------------------------------------------------- compilation


def matches(pattern: str, lang: str, text: str) -> list[str]:
    compiled = compile_pattern(pattern, lang)
    norm = normalize_for_match(text, lang)
    assert len(norm) == len(text)
    return [text[m.start() : m.end()] for m in compiled.finditer(norm)]


def test_hebrew_proclitics() -> None:
    # 000: מוסקבה נותרה "ידידה נאמנה ושותפה אמינה" של טהרן
    assert matches("שותפה", "he", 'נותרה "ידידה נאמנה ושותפה אמינה"') == ["ושותפה"]
    assert matches("מוסקבה", "he", "והבטיח שמוסקבה היא") == ["שמוסקבה"]
    assert matches("מוסקבה", "he", "בין טהרן למוסקבה, ההסכם") == ["למוסקבה"]
    assert matches("אמר", "he", "וכשאמר זאת") == ["וכשאמר"]
    # 004: ב-6 באוקטובר; a prefix with a hyphen
    assert matches("X", "he", "בפוסט ב-X כי") == ["ב-X"]
    # the article ה elided after ב: התקשורת → בתקשורת (000)
    assert matches("התקשורת האמריקנית", "he", "לפי דיווחים בתקשורת האמריקנית, רוסיה") == [
        "בתקשורת האמריקנית"
    ]


def test_arabic_proclitics() -> None:
    assert matches("شراكة", "ar", "على متانة الشراكة الروسية") == ["الشراكة"]
    assert matches("شراكة", "ar", "والشراكة بالشراكة للشراكة وشراكة") == [
        "والشراكة",
        "بالشراكة",
        "للشراكة",
        "وشراكة",
    ]
    # written with ال: the article is required, proclitics before it allowed
    assert matches("الكرملين", "ar", "وقال الكرملين في بيان، للكرملين وكرملين") == [
        "الكرملين",
        "للكرملين",
    ]
    # normalisation: ة/ه and أ/ا folded on both sides
    assert matches("أوكرانيا", "ar", "الحرب ضد اوكرانيا") == ["اوكرانيا"]


def test_word_inside_longer_word_does_not_match() -> None:
    assert matches("אמר", "he", "מאמרים רבים") == []
    assert matches("איראן", "he", "גורמים איראניים") == []
    assert matches("איראני*", "he", "גורמים איראניים") == ["איראניים"]
    assert matches("روس", "ar", "دراسة مدروسة") == []
    assert matches("مصر", "ar", "مصرف مصري") == []
    assert matches("مصر*", "ar", "مصرف") == ["مصرف"]


def test_gap_and_suffix() -> None:
    assert matches("ידידה ~2 נאמנה", "he", "ידידה מאוד מאוד נאמנה") == ["ידידה מאוד מאוד נאמנה"]
    assert matches("ידידה ~1 נאמנה", "he", "ידידה מאוד מאוד נאמנה") == []
    assert matches("شراك*", "ar", "تثمن شراكتها الوثيقة") == ["شراكتها"]


def test_speech_verbs_take_only_verb_proclitics() -> None:
    verb = compile_pattern("מסר", "he", verb=True)
    assert [m.group() for m in verb.finditer("ואז מסר הקרמלין ושמסר")] == ["מסר", "ושמסר"]
    assert list(verb.finditer("את המסר")) == []  # "the message" is a noun


def test_anchors_are_literal_stems() -> None:
    assert compile_pattern("שותפה אמינה", "he").anchors == ("שותפה", "אמינה")
    assert compile_pattern("الشراكة", "ar").anchors == ("شراكه",)
    assert compile_pattern("re:\\bקרמלין", "he").anchors == ("קרמלין",)
    assert compile_pattern("re:(?:a|b)c", "he").anchors == ("c",)
    assert compile_pattern("re:a|b", "he").anchors == ()


def test_first_anchor_is_the_first_words_stem() -> None:
    # the tagger searches a pattern only from just before the hits of its first word's stem
    assert compile_pattern("שותפה אמינה", "he").first_anchor == "שותפה"
    assert compile_pattern("ידידה ~2 נאמנ*", "he").first_anchor == "ידידה"
    assert compile_pattern("התקשורת האמריקנית", "he").first_anchor == "תקשורת"  # ה elidable
    assert compile_pattern("الشراكة الاستراتيجية", "ar").first_anchor == "شراكه"
    assert compile_pattern("re:קרמלין", "he").first_anchor is None


def test_raw_regex_with_unicode_properties_gets_its_literal_anchor() -> None:
    # the stdlib parser refuses \p{..}; the property is read as a class, never a literal, so
    # the literal run between the boundaries is the anchor (the regex is run only where it is)
    word = compile_pattern(r"re:(?<![\p{L}\p{M}])[وف]?رئيسي(?![\p{L}\p{M}])", "ar")
    assert word.anchors == ("رئيسي",)
    channel = compile_pattern(r"re:(?<![\p{L}])(?:ال)?قناه\s*\(?12\)?", "ar")
    assert channel.anchors == ("قناه",)
    assert compile_pattern(r"re:\pLxyz\PN", "he").anchors == ("xyz",)
    assert compile_pattern(r"re:\\p{L}", "he").anchors == ("\\p{L}",)  # escaped backslash
    assert compile_pattern(r"re:(?i)\p{L}abc", "he").anchors == ()  # case-folded: no literal
    assert compile_pattern(r"re:\p{L}a|b", "he").anchors == ()  # top-level alternation
    # the regex itself is unchanged
    assert [m.group() for m in word.finditer("الرئيسي ورئيسي رئيسيه")] == ["ورئيسي"]


def test_raw_regex_without_a_top_level_literal_is_anchored_on_a_required_one() -> None:
    # "did not help": every branch of the verb's alternation ends in the stem סייע, so every
    # match holds it — the regex need not run on sentences without it
    did_not_help = compile_pattern(
        r"re:(?<![\p{L}\p{M}])ו?(?:לא|טרם)\s+(?:[וש]?סייע|\S+\s+[וש]?סייע)(?![\p{L}\p{M}])", "he"
    )
    assert did_not_help.anchors == ("סייע",)
    assert [m.group() for m in did_not_help.finditer("רוסיה לא ממש סייעה לה")] == []
    assert [m.group() for m in did_not_help.finditer("רוסיה לא ממש סייע")] == ["לא ממש סייע"]
    # the longest piece common to all branches; a repeat of at least one keeps its literal
    assert compile_pattern("re:x?(?:abc|zbcd)e?", "he").anchors == ("bc",)
    assert compile_pattern("re:x?(?:abc)+", "he").anchors == ("abc",)
    # optional parts, lookarounds and branches with nothing in common give no anchor
    assert compile_pattern("re:x?(?:abc)*", "he").anchors == ()
    assert compile_pattern("re:(?=abc)x?", "he").anchors == ()
    assert compile_pattern("re:x?(?:ab|cd)", "he").anchors == ()
    assert compile_pattern("re:x?(?i:abc)", "he").anchors == ()  # case-folded
    # syntax the stdlib parser reads otherwise than ``regex``: no anchor rather than a wrong one
    assert compile_pattern("re:(?:abc){e<=1}", "he").anchors == ()  # fuzzy: "abd" matches
    assert compile_pattern("re:[[:alpha:]]x?", "he").anchors == ()  # POSIX class, no "]"
    assert compile_pattern(r"re:ab\{2\}", "he").anchors == ("ab{2}",)  # escaped: literal


def test_alias_bomb_is_cheap(tmp_path: Path) -> None:
    # shared YAML aliases are visited once by the duplicate-key check (no exponential walk)
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    with pytest.raises(CodebookError, match=r"^bomb\.yaml: top level: unknown key\(s\) a0"):
        codebook_from_yaml(tmp_path, "\n".join(lines) + "\n", "bomb.yaml")


def test_pattern_regex_is_compiled_on_first_use() -> None:
    # loading a codebook validates every pattern but compiles an analyst pattern's regex only
    # when a sentence needs it; raw regexes are compiled (and probed) when loaded
    pattern = compile_pattern("זברה ~1 סגול*", "he")  # used by no other test (cached)
    assert "regex" not in vars(pattern)
    assert [m.group() for m in pattern.finditer("זברה לא סגולה, וזברה סגולות, זברהה סגולה")] == [
        "זברה לא סגולה",
        "וזברה סגולות",
    ]
    assert "regex" in vars(pattern) and pattern.regex is pattern.regex  # compiled once
    raw = compile_pattern(r"re:קרמלין\s+אמר", "he")
    assert raw.compiled is not None and raw.regex is raw.compiled
