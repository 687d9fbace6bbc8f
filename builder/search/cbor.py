"""CBOR bytes <-> Python values: the subset Pagefind writes into its index files.

Pagefind stores its metadata, filter and word indexes as CBOR (RFC 8949) behind a signature;
:mod:`builder.search.bundle` decodes two kinds of them, puts their entries in a fixed order (or
empties them) and encodes them again, and lists the files a metadata file names. Only the types Pagefind uses are supported: unsigned and negative integers, byte and
text strings, arrays and maps (definite lengths). Encoding is minimal (the shortest head for
every argument), as Pagefind's own encoder writes it, so a value decoded and encoded again gives
the same bytes.

In: bytes (:func:`decode`) or a value of ``int``, ``bytes``, ``str``, ``list`` or ``dict``
(:func:`encode`). Out: the other one. Malformed CBOR is a ``ValueError``, a value of another type a ``TypeError``.
"""

from __future__ import annotations

from typing import Any

_UINT, _NEGINT, _BYTES, _TEXT, _ARRAY, _MAP = range(6)


def decode(data: bytes) -> Any:
    """The one CBOR item that ``data`` holds, whole."""
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes after the CBOR item")
    return value


def encode(value: Any) -> bytes:
    """``value`` as minimal CBOR."""
    out = bytearray()
    _write(out, value)
    return bytes(out)


def _item(data: bytes, pos: int) -> tuple[Any, int]:
    if pos >= len(data):
        raise ValueError("CBOR item cut short")
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        if pos + size > len(data):
            raise ValueError("CBOR item cut short")
        argument = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR item {initial:#04x} at byte {pos - 1}")
    if major == _UINT:
        return argument, pos
    if major == _NEGINT:
        return -1 - argument, pos
    if major in (_BYTES, _TEXT):
        if pos + argument > len(data):
            raise ValueError("CBOR string cut short")
        raw = data[pos:pos + argument]
        return (bytes(raw) if major == _BYTES else raw.decode("utf-8")), pos + argument
    if major == _ARRAY:
        items = []
        for _ in range(argument):
            item, pos = _item(data, pos)
            items.append(item)
        return items, pos
    if major == _MAP:
        mapping: dict[Any, Any] = {}
        for _ in range(argument):
            key, pos = _item(data, pos)
            mapping[key], pos = _item(data, pos)
        return mapping, pos
    raise ValueError(f"unsupported CBOR item {initial:#04x} at byte {pos - 1}")


def _head(out: bytearray, major: int, argument: int) -> None:
    if argument < 24:
        out.append(major << 5 | argument)
        return
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            out.append(major << 5 | info)
            out += argument.to_bytes(size, "big")
            return
    raise ValueError(f"integer {argument} does not fit in CBOR")


def _write(out: bytearray, value: Any) -> None:
    if isinstance(value, bool):  # a bool is an int in Python, but not one Pagefind writes
        raise TypeError("booleans are not supported")
    if isinstance(value, int):
        _head(out, *((_UINT, value) if value >= 0 else (_NEGINT, -1 - value)))
    elif isinstance(value, bytes):
        _head(out, _BYTES, len(value))
        out += value
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        _head(out, _TEXT, len(raw))
        out += raw
    elif isinstance(value, list):
        _head(out, _ARRAY, len(value))
        for item in value:
            _write(out, item)
    elif isinstance(value, dict):
        _head(out, _MAP, len(value))
        for key, item in value.items():
            _write(out, key)
            _write(out, item)
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as CBOR")
