"""bench/eval_text.py: reading CoNLL-U into running text and CoNLL 2018 span scoring, on a
hand-made two-sentence file (the UD dev files themselves are not part of the project)."""

from __future__ import annotations

import sys

from conftest import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
try:
    from eval_text import Counts, evaluate, naive_sentences, read_conllu
finally:
    sys.path.remove(str(PROJECT_ROOT / "bench"))

CONLLU = """# newdoc id = d1
# newpar
# text = הוא אמר: "אלי! בוא".
1\tהוא\t_\t_\t_\t_\t_\t_\t_\t_
2\tאמר\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
3\t:\t_\t_\t_\t_\t_\t_\t_\t_
4-5\t"אלי\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
4\t"\t_\t_\t_\t_\t_\t_\t_\t_
5\tאלי\t_\t_\t_\t_\t_\t_\t_\t_
6\t!\t_\t_\t_\t_\t_\t_\t_\t_
7\tבוא\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
8\t"\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
8.1\tx\t_\t_\t_\t_\t_\t_\t_\t_
9\t.\t_\t_\t_\t_\t_\t_\t_\t_

# newpar
# text = 500 ש"ח.
1\t500\t_\t_\t_\t_\t_\t_\t_\t_
2\tש"ח\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
3\t.\t_\t_\t_\t_\t_\t_\t_\t_

"""


def test_read_conllu_builds_running_text_with_gold_spans(tmp_path) -> None:
    path = tmp_path / "x.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    [doc] = read_conllu(path)
    assert doc.text == 'הוא אמר: "אלי! בוא".\n500 ש"ח.'
    assert [doc.text[s:e] for s, e in doc.sentences] == ['הוא אמר: "אלי! בוא".', '500 ש"ח.']
    forms = [doc.text[s:e] for s, e in doc.tokens]
    # the range line's form, not its parts; the empty node 8.1 skipped
    assert forms == ["הוא", "אמר", ":", '"אלי', "!", "בוא", '"', ".", "500", 'ש"ח', "."]


def test_spans_are_scored_on_the_text_without_spaces(tmp_path) -> None:
    path = tmp_path / "x.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    docs = read_conllu(path)
    sent, tok, _ = evaluate(docs, lambda text: (text, [(0, len(text))], [(0, 3)]))
    assert (sent.correct, sent.system, sent.gold) == (0, 1, 2)
    assert (tok.correct, tok.system, tok.gold) == (1, 1, 11)
    # a system that changes spacing is scored on the same non-space characters
    sent, tok, _ = evaluate(docs, lambda text: ("  " + text, [(2, 22), (23, 31)], [(2, 5), (6, 9)]))
    assert (sent.correct, tok.correct) == (2, 2)
    assert Counts(1, 2, 4).prf() == (0.5, 0.25, 1 / 3)


def test_naive_split_cuts_at_every_full_stop() -> None:
    text = "א. ב! ג\nד"
    assert [text[s:e] for s, e in naive_sentences(text)] == ["א.", "ב!", "ג", "ד"]
