"""`Digests`: the keys a warm worker tells changed pages by."""

from __future__ import annotations

from dataclasses import dataclass

from lilith.site.serve.keys import Digests


@dataclass(frozen=True)
class Entry:
    url: str
    title: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Holder:  # frozen but not hashable: it holds a list
    items: list


def test_equal_values_give_equal_digests_and_any_change_another():
    digest = Digests()
    a = digest("x", [Entry("a/", "A", ("rag",))], {"n": 1})
    assert digest("x", [Entry("a/", "A", ("rag",))], {"n": 1}) == a  # equal values, new objects
    assert digest("x", [Entry("a/", "B", ("rag",))], {"n": 1}) != a
    assert digest("x", [Entry("a/", "A", ("evals",))], {"n": 1}) != a
    assert digest("x", [Entry("a/", "A", ("rag",))], {"n": 2}) != a
    assert digest("y", [Entry("a/", "A", ("rag",))], {"n": 1}) != a


def test_parts_are_not_run_together():
    digest = Digests()
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(["a", "b"]) != digest(["ab"])
    assert digest("1") != digest(1)
    assert digest(b"a") != digest("a")
    assert digest(None) != digest("None")


def test_frozen_values_that_cannot_be_hashed_are_digested_by_their_fields():
    digest = Digests()
    assert digest(Holder([1, 2])) == digest(Holder([1, 2]))
    assert digest(Holder([1, 2])) != digest(Holder([1, 3]))


def test_a_value_is_digested_as_it_is_after_runs_forget_it():
    digest = Digests()
    entry = Entry("a/", "A")
    first = digest.of(entry)
    digest.next_run()
    digest.next_run()  # two runs without it: forgotten, digested again
    assert digest.of(Entry("a/", "A")) == first
    assert digest.of(Entry("a/", "Other")) != first
