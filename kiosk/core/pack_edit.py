"""Change one text of a pack in place, keeping everything else the author wrote.

The studio's click-to-edit writes an author's change back to pack.toml. The file is the author's document: their
comments, the order of fields, blank lines and quoting style must survive, so the file is edited with tomlkit
(a style-preserving TOML library) and only the one value is rewritten; every other byte stays as it was. The new
value is checked with the pack's own rules (kiosk.core.pack) before anything is written, and the file is replaced
atomically, so a refused or failed edit leaves the author's file untouched.
"""

from __future__ import annotations

import logging
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import String, StringType

from kiosk.core.files import atomic_write, read_text
from kiosk.core.limits import PACK_FILE_MAX_BYTES, shown
from kiosk.core.pack import PACK_FILE, FieldPath, Problem, _field_name, _validate, text_problem

log = logging.getLogger(__name__)


class PackEditError(ValueError):
    """An edit that was not made; the message names the file and the field and says why."""

    def __init__(self, file: Path | str, field: FieldPath, message: str) -> None:
        self.file = str(file)
        self.field = _field_name(field)
        self.reason = message
        super().__init__(f"{self.file}: {self.field}: {message}")


def set_text(toml_path: Path, field: FieldPath, value: str) -> None:
    """Set the text at `field` (like ("pages", 3, "tips", 1, "text")) in `toml_path` to `value`.

    Only that value's characters change in the file. Raises PackEditError (nothing written) when the file cannot
    be read or parsed, the field is not there or is not text, or the value breaks the field's rule; OSError when
    the write itself fails (the old file is then still whole).
    """
    toml_path = Path(toml_path)
    if not field:
        raise PackEditError(toml_path, field, "no field named")
    if not isinstance(value, str):
        raise PackEditError(toml_path, field, f"the new value must be text, not {shown(value)}")
    try:
        source = read_text(toml_path, PACK_FILE_MAX_BYTES)
    except OSError as error:
        raise PackEditError(toml_path, field, f"cannot be read: {error}") from None
    try:
        doc = tomlkit.parse(source)
        before = tomllib.loads(source)
    except (TOMLKitError, tomllib.TOMLDecodeError) as error:
        raise PackEditError(toml_path, field, f"the file is not valid TOML ({error}); fix it first") from None
    container, key, old = _locate(doc, toml_path, field)
    if not isinstance(old, str):
        raise PackEditError(toml_path, field, f"is not text (it holds {shown(_plain(old))}); only a text is edited")
    if value == str(old):
        return
    # A multiline field may hold a line break; any other field is refused one (and other controls) by the rules.
    bad = text_problem(value, multiline="\n" in str(old) or _is_multiline(old))
    if bad and toml_path.name != PACK_FILE:
        raise PackEditError(toml_path, field, bad)
    new_source = _rewrite(doc, container, key, old, value, toml_path, field)
    if toml_path.name == PACK_FILE:
        _check_rules(toml_path, field, source, before, new_source)
    _write(toml_path, field, source, new_source)
    log.info("pack_edit: %s: %s changed", toml_path, _field_name(field))


def _locate(doc: Any, file: Path, field: FieldPath) -> tuple[Any, str | int, Any]:
    """The container holding the field, the field's key in it, and its current item."""
    node: Any = doc
    for depth, part in enumerate(field):
        here = field[: depth + 1]
        if isinstance(part, int) and not isinstance(part, bool):
            if not isinstance(node, list) or not 0 <= part < len(node):
                count = len(node) if isinstance(node, list) else 0
                raise PackEditError(file, here, f"is not there (the list has {count} entries)")
        elif isinstance(part, str):
            if not isinstance(node, dict) or part not in node:
                raise PackEditError(file, here, "is not there")
        else:
            raise PackEditError(file, field, f"a field path holds names and numbers, not {shown(part)}")
        if depth == len(field) - 1:
            return node, part, node[part]
        node = node[part]
    raise AssertionError("unreachable")  # pragma: no cover - field is not empty


def _plain(item: Any) -> Any:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if callable(unwrap) else item


def _is_multiline(item: Any) -> bool:
    return isinstance(item, String) and item.type in (StringType.MLB, StringType.MLL)


def _styled(old: Any, value: str) -> list[String]:
    """Ways to write `value`, the old item's quoting style first; each is checked after writing."""
    kind = old.type if isinstance(old, String) else StringType.SLB
    literal = kind in (StringType.SLL, StringType.MLL)
    multiline = kind in (StringType.MLB, StringType.MLL) or "\n" in value
    candidates: list[String] = []
    if literal and "'" not in value and ("\n" not in value or multiline):
        candidates.append(tomlkit.string(value, literal=True, multiline=multiline))
    candidates.append(tomlkit.string(value, multiline=multiline))
    candidates.append(tomlkit.string(value))  # one line, every special character escaped: always right
    return candidates


def _rewrite(doc: Any, container: Any, key: str | int, old: Any, value: str, file: Path, field: FieldPath) -> str:
    """The file's text with the one value replaced, in the old value's style when that can hold the new text."""
    for item in _styled(old, value):
        try:
            container[key] = item
            text: str = doc.as_string()
            if _value_at(tomllib.loads(text), field) == value:
                return text
        except (TOMLKitError, tomllib.TOMLDecodeError, ValueError, KeyError, IndexError, TypeError) as error:
            log.debug("pack_edit: %s: %s: style %r failed: %r", file, _field_name(field), item.type, error)
    raise PackEditError(file, field, f"{shown(value)} could not be written as TOML text")


def _value_at(data: Any, field: FieldPath) -> Any:
    for part in field:
        data = data[part]
    return data


def _check_rules(file: Path, field: FieldPath, source: str, before: dict[str, Any], new_source: str) -> None:
    """Refuse the edit when it adds a problem the pack's own validation finds (the field's length, characters,
    an id used twice ...). Problems the pack already had are not the edit's and do not stop it."""
    root = file.parent

    def problems(text: str, raw: dict[str, Any]) -> set[tuple[str, str]]:
        try:
            _, found = _validate(root, str(file), text, raw)
        except Exception:  # validation itself failing must not let a bad value in, nor crash the studio
            log.exception("pack_edit: checking %s failed", file)
            return {("(check)", "could not be checked")}
        return {_key(p) for p in found}

    after = problems(new_source, tomllib.loads(new_source))
    added = after - problems(source, before) if after else after  # a clean result needs no second look
    if added:
        name = _field_name(field)
        mine = sorted(message for where, message in added if where == name)
        parent = _field_name(field[:-1])
        mine += sorted(message for where, message in added if where == parent and isinstance(field[-1], int))
        message = "; ".join(mine) if mine else "; ".join(f"{where}: {message}" for where, message in sorted(added))
        raise PackEditError(file, field, message)


def _key(problem: Problem) -> tuple[str, str]:
    return problem.field, problem.message


def _write(file: Path, field: FieldPath, source: str, new_source: str) -> None:
    """Replace the file atomically, unless someone else saved it since it was read (their save wins), keeping its
    permissions (a temporary file is created private)."""
    try:
        now = read_text(file, PACK_FILE_MAX_BYTES)
    except OSError as error:
        raise PackEditError(file, field, f"cannot be read again before writing: {error}") from None
    if now != source:
        raise PackEditError(file, field, "the file was changed by another program while editing; nothing was written")
    mode = stat.S_IMODE(os.stat(file).st_mode)
    atomic_write(file, new_source.encode("utf-8"))
    try:
        os.chmod(file, mode)
    except OSError as error:  # the edit is made; the permissions are a courtesy
        log.warning("pack_edit: could not keep the permissions of %s: %s", file, error)
