"""builder.incremental.store: a stored value comes back only to the builder that wrote it."""

from __future__ import annotations

from builder.incremental import store


def test_a_value_comes_back_under_its_key_and_under_no_other(tmp_path):
    path = tmp_path / "state.pickle"
    store.save(path, {"pages": (1, 2)}, key="k")
    assert store.load(path, key="k").value == {"pages": (1, 2)}
    assert store.load(path, key="other") == store.Loaded()  # silently: another key's
    assert store.load(tmp_path / "absent.pickle") == store.Loaded()


def test_a_file_of_another_builder_is_not_unpickled_and_a_corrupt_one_is_reported(tmp_path):
    import os
    import pickle

    path = tmp_path / "state.pickle"
    path.write_bytes(store.MAGIC + b" 1 0123456789abcdef \n" + pickle.dumps([1]))
    assert store.load(path) == store.Loaded()  # another version's: passed over, silently
    path.write_bytes(pickle.dumps([1], protocol=pickle.HIGHEST_PROTOCOL))
    assert store.load(path) == store.Loaded()  # from before headers: the same
    path.write_bytes(b"cos\nsystem\n(S'exit 1'\ntR.")  # a pickle that would run a command
    loaded = store.load(path)
    assert loaded.value is None and loaded.problem == "not a file the builder writes"
    path.write_bytes(b"R" + os.urandom(1 << 20).replace(b"\n", b" "))  # random, no line end
    assert store.load(path).problem == "not a file the builder writes"
    store.save(path, list(range(1000)))
    path.write_bytes(path.read_bytes()[:200])
    loaded = store.load(path)
    assert loaded.value is None and loaded.problem  # UnpicklingError, EOFError…


def test_a_save_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "deep" / "state.pickle"
    store.save(path, "first")
    store.save(path, "second")
    assert store.load(path).value == "second"
    assert [p.name for p in path.parent.iterdir()] == ["state.pickle"]


class _RunsCode:
    """What an attacker's pickle holds: loading it calls a function of the attacker's choice."""

    def __init__(self, call, *args):
        self.call, self.args = call, args

    def __reduce__(self):
        return self.call, self.args


def test_a_crafted_file_with_this_builders_header_runs_nothing(tmp_path):
    """A cache restored from a build cache someone else's build wrote keeps the header line and
    carries a pickle that calls what it likes: it is refused as corrupt before any call."""
    import builtins
    import os
    import pickle

    from builder import state

    marker = tmp_path / "ran"
    crafted = [
        _RunsCode(os.system, f"touch {marker}"),
        _RunsCode(builtins.exec, f"open({str(marker)!r}, 'w')"),
        _RunsCode(state.save_state, None, None, None),  # a function of the builder's own
        _RunsCode(__import__, "builder.__main__"),  # importing it runs the command
    ]
    path = tmp_path / "state.pickle"
    for payload in crafted:
        path.write_bytes(store.header() + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        loaded = store.load(path)
        assert loaded.value is None and loaded.problem == "UnpicklingError"
    path.write_bytes(store.header() + b"cbuilder.__main__\nrun\n)R.")  # by name, protocol 0
    assert store.load(path).problem == "UnpicklingError"
    # a library's dataclass that a builder module imports is no value the builder stores
    path.write_bytes(store.header() + b"cbuilder.serve.watch\nFileSystemEvent\n(S'x'\ntR.")
    assert store.load(path).problem == "UnpicklingError"
    assert not marker.exists()


def test_values_the_builder_stores_come_back_whole(tmp_path):
    import datetime as dt

    from builder.diagnostics import Fate

    value = {"dates": (dt.date(2020, 4, 1), dt.datetime(2020, 4, 1, 10, tzinfo=dt.timezone(
        dt.timedelta(hours=3)))), "sets": (frozenset({1}), {2}), "fate": Fate.KEPT}
    path = tmp_path / "state.pickle"
    store.save(path, value)
    assert store.load(path).value == value
