"""builder.util.fingerprints: what the builder's own identity covers, wherever it is asked.

A state left by another builder must be another version's: the code fingerprint covers every
module of the package (not only the folder of the module that computes it, which moved once),
and the versions of the libraries that shape output, read as importlib finds them.
"""

from __future__ import annotations

from pathlib import Path

from builder.util import fingerprints

REPO = Path(__file__).resolve().parent.parent


def test_the_code_fingerprint_covers_every_module_of_the_package():
    package = REPO / "builder"
    assert fingerprints.PACKAGE == package
    assert set(fingerprints.code_files()) == set(package.rglob("*.py"))
    assert {path.parent.name for path in fingerprints.code_files()} >= {
        "builder", "util", "incremental", "read", "search", "serve"}


def test_a_change_to_any_module_changes_the_code_fingerprint(tmp_path, monkeypatch):
    copy = tmp_path / "builder"
    for path in fingerprints.code_files():
        target = copy / path.relative_to(fingerprints.PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    monkeypatch.setattr(fingerprints, "PACKAGE", copy)

    def fingerprint() -> str:
        return fingerprints.files_fingerprint(copy, fingerprints.code_files())

    before = fingerprint()
    deep = copy / "incremental" / "changes.py"
    deep.write_text(deep.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint() != before


def test_the_libraries_versions_in_the_code_fingerprint_are_the_installed_ones():
    from importlib import metadata

    assert fingerprints.installed_versions(fingerprints.PACKAGES) == tuple(
        f"{name}=={metadata.version(name)}" for name in fingerprints.PACKAGES)


def test_library_versions_are_read_as_importlib_finds_them(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in ("Digest_Test.Lib-2.0.dist-info", "digest_test_egg-1.5-py3.11.egg-info",
                   "digest_test_develop.egg-info"):
        (first / folder).mkdir(parents=True)
    (second / "digest_test_lib-1.0.dist-info").mkdir(parents=True)  # later on the path: hidden
    (first / "digest_test_develop.egg-info" / "PKG-INFO").write_text(
        "Metadata-Version: 2.1\nName: digest-test-develop\nVersion: 0.9\n")
    monkeypatch.setattr("sys.path", [str(tmp_path / "missing"), str(first), str(second)])
    names = ("digest-test-lib", "digest_test_egg", "digest-test-develop", "digest-test-absent")
    assert fingerprints.installed_versions(names) == (
        "digest-test-lib==2.0", "digest_test_egg==1.5", "digest-test-develop==0.9",
        "digest-test-absent==absent")
