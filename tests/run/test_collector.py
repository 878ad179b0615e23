"""The cyclic garbage collector is paused while the annotate stage runs, and always restored."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from helpers.core.collector import collector_paused
from helpers.run import pipeline

CODEBOOK = PROJECT_ROOT / "codebook" / "russia_iran.yaml"


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    """Each test starts with the collector enabled and leaves it as the process had it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_nested_pauses_restore_only_at_the_outermost_end() -> None:
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()  # the inner end must not re-enable it
    assert gc.isenabled()


def test_restored_after_an_exception() -> None:
    with pytest.raises(KeyError):
        with collector_paused():
            raise KeyError("x")
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads() -> None:
    """Thread A pauses, B pauses, A ends (B still running: the collector stays off), B ends:
    on again — what a Dask worker running two annotate tasks at once does."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def a() -> None:
        with collector_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def b() -> None:
        a_in.wait(5)
        with collector_paused():
            b_in.set()
            a_out.wait(5)
            seen["after A ended"] = gc.isenabled()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after A ended": False}
    assert gc.isenabled()


def test_annotate_stage_tags_with_the_collector_paused(monkeypatch) -> None:
    """The stage's tagging runs paused (the point of the module) and the stage restores it."""
    seen: list[bool] = []

    def fake_annotate(documents, sentences, codebook, *, tagger):
        seen.append(gc.isenabled())
        return pd.DataFrame()

    monkeypatch.setattr(pipeline, "annotate", fake_annotate)
    docs = pd.DataFrame({"doc_id": ["a"], "lang": ["he"], "text": ["x"]})
    sents = pd.DataFrame({"doc_id": ["a"], "sent_idx": [0], "start": [0], "end": [1]})
    pipeline.annotate_stage(docs, sents, CODEBOOK)
    assert seen == [False]
    assert gc.isenabled()
