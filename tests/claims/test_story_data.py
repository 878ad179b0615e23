"""Everything story-specific is codebook data: frames, actor kinds (speaker precedence), title
and language labels come from the YAML, and ``helpers`` names no story."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pandas as pd
import yaml
from conftest import codebook_from_yaml

from helpers.claims.annotate import annotate
from helpers.claims.codebook import DEFAULT_ACTOR_KINDS, Frame

STORY = """\
codebook: mini-story
version: 1
languages: [he]
{extra}
actors:
  PUTIN: {{en: Putin, kind: person, he: [פוטין]}}
  RU: {{en: Russia, kind: state, he: [רוסיה]}}
speech_verbs: {{he: [אמר]}}
claims:
  - id: LOYAL
    en: loyal partner
    frame: {frame}
    he: [שותפה אמינה]
"""

SENTENCE = "אמר נשיא רוסיה פוטין כי מוסקבה היא שותפה אמינה."


def _codebook(tmp_path: Path, extra: str = "", frame: str = "closeness"):
    return codebook_from_yaml(tmp_path, STORY.format(extra=extra, frame=frame))


def _speaker(codebook) -> str:
    documents = pd.DataFrame({"doc_id": ["d"], "lang": ["he"], "text": [SENTENCE]})
    sentences = pd.DataFrame(
        {"doc_id": ["d"], "sent_idx": [0], "start": [0], "end": [len(SENTENCE)]}
    )
    mentions = annotate(documents, sentences, codebook)
    assert list(mentions["claim_id"]) == ["LOYAL"]
    return str(mentions["speaker"].iloc[0])


def test_defaults_without_story_sections(tmp_path: Path) -> None:
    cb = _codebook(tmp_path)
    assert cb.title == "mini-story"
    assert cb.frames == (Frame("closeness", "closeness", None),)
    assert cb.actor_kinds == DEFAULT_ACTOR_KINDS
    assert cb.language_labels == {}


def test_declared_frames_title_and_labels(tmp_path: Path) -> None:
    extra = textwrap.dedent(
        """\
        title: A small story
        language_labels: {he: Hebrew press}
        frames:
          - {id: distance, label: Keeping distance}
          - {id: closeness, label: Close ties, colour: "#123456"}
        """
    )
    cb = _codebook(tmp_path, extra)
    assert cb.title == "A small story"
    assert cb.language_labels == {"he": "Hebrew press"}
    assert [f.id for f in cb.frames] == ["distance", "closeness"]  # declared order, not use order
    assert cb.frame_labels == {"distance": "Keeping distance", "closeness": "Close ties"}
    assert cb.frame_colours == {"closeness": "#123456"}


def test_speaker_precedence_follows_actor_kinds(tmp_path: Path) -> None:
    # "אמר נשיא רוסיה פוטין כי ..." — both Russia (state) and Putin (person) follow the verb.
    assert _speaker(_codebook(tmp_path)) == "PUTIN"  # default: person before state
    state_first = _codebook(tmp_path, "actor_kinds: [state, person, media]")
    assert state_first.kind_rank == {"state": 0, "person": 1, "media": 2}
    assert _speaker(state_first) == "RU"


def test_helpers_name_no_story(project_root: Path) -> None:
    """No claim id, actor id or frame of the Russia–Iran codebook that the Gaza codebook does
    not share appears as a word anywhere in helpers/ (code, docstrings, data files)."""

    def names(path: Path) -> set[str]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        claims = data["claims"]
        return (
            set(data.get("actors") or {}) | {c["id"] for c in claims} | {c["frame"] for c in claims}
        )

    first = names(project_root / "codebook" / "russia_iran.yaml")
    second = names(project_root / "codebook" / "gaza_ceasefire.yaml")
    story_only = sorted(first - second)
    assert len(story_only) > 20  # the check has something to look for
    word = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, story_only)) + r")(?![\w-])")
    found = []
    for path in sorted((project_root / "helpers").rglob("*")):
        if path.suffix in {".py", ".yaml", ".mplstyle"}:
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                found += [f"{path.relative_to(project_root)}:{n}: {m}" for m in word.findall(line)]
    assert not found, "\n".join(found)
