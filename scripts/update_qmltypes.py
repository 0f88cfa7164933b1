"""Describe the Python objects QML reaches to Qt's tooling: writes kiosk/qml/Kiosk/kiosk.qmltypes.

    python scripts/update_qmltypes.py [--check]

kiosk/ui/app.py registers QML_SINGLETONS (Controller, Admin, Stats, ArtCache, Icons) in the Kiosk module at run
time. qmllint and qmlls cannot run Python, so they learn those types from a .qmltypes file named in the
module's qmldir (`typeinfo kiosk.qmltypes`). PySide's own pipeline makes it: pyside6-metaobjectdump reads the
classes' Property/Signal/Slot declarations, and pyside6-qmltyperegistrar turns them into .qmltypes. The classes
carry no QML decorators (the registration is in app.py, one table), so this script adds the class infos a
@QmlNamedElement + @QmlSingleton would have given. Run it after changing a property, signal or slot QML uses;
tests/system/test_qml_types.py fails while the committed file is out of date. The file is for tooling only: the
running kiosk never reads it.
"""

from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "kiosk" / "qml" / "Kiosk" / "kiosk.qmltypes"
# metaobjectdump writes Python's type names where Qt's metatype names are meant
QT_TYPES = {"QObject": "QObject*", "list": "QVariantList", "dict": "QVariantMap", "float": "double"}


def _qt_tool(name: str) -> list[str]:
    return [sys.executable, "-c", f"from PySide6.scripts.pyside_tool import {name}; {name}()"]


def _fix_types(entry: dict[str, object]) -> None:
    for key in ("type", "returnType"):
        value = entry.get(key)
        if isinstance(value, str):
            entry[key] = QT_TYPES.get(value, value)
    for argument in entry.get("arguments", []) or []:  # type: ignore[attr-defined]
        _fix_types(argument)


def metatypes(singletons: dict[str, type], work: Path) -> list[dict[str, object]]:
    """moc-style JSON of the singletons' classes, marked as singletons of the module under their QML names."""
    qml_name = {cls.__name__: name for name, cls in singletons.items()}
    by_name = {cls.__name__: cls for cls in singletons.values()}
    sources = sorted({Path(inspect.getfile(cls)).relative_to(ROOT).as_posix() for cls in singletons.values()})
    dump = work / "dump.json"
    subprocess.run([*_qt_tool("metaobjectdump"), "-o", str(dump), *sources], cwd=ROOT, check=True)
    files = json.loads(dump.read_text())
    for file in files:
        file["inputFile"] = Path(file["inputFile"]).resolve().relative_to(ROOT).as_posix()
        file["classes"] = [c for c in file["classes"] if c["className"] in qml_name]
        for cls in file["classes"]:
            cls["classInfos"] = [
                {"name": "QML.Element", "value": qml_name[cls["className"]]},
                {"name": "QML.Singleton", "value": "true"},
                {"name": "QML.Creatable", "value": "false"},
                {"name": "QML.UncreatableReason", "value": "made by the kiosk in Python (kiosk/ui/app.py)"},
            ]
            for kind in ("properties", "signals", "slots", "methods"):
                for entry in cls.get(kind, []):
                    _fix_types(entry)
            meta = by_name[cls["className"]].staticMetaObject  # type: ignore[attr-defined]
            for prop in cls.get("properties", []):  # metaobjectdump reads `notify=` but not `constant=True`
                index = meta.indexOfProperty(prop["name"])
                if index >= 0 and meta.property(index).isConstant():
                    prop["constant"] = True
    return [file for file in files if file["classes"]]


def modules() -> dict[str, tuple[dict[str, type], Path]]:
    """Each QML module with Python singletons: its singletons and its .qmltypes file (kiosk studio has its own)."""
    from kiosk.ui.app import QML_MODULE, QML_SINGLETONS
    from kiosk.ui.studio import QML_MODULE as STUDIO_MODULE
    from kiosk.ui.studio import StudioController

    return {
        QML_MODULE: (dict(QML_SINGLETONS), TARGET),
        STUDIO_MODULE: ({"Studio": StudioController}, TARGET.parent.parent / "Studio" / "studio.qmltypes"),
    }


def generate(module: str = "", singletons: dict[str, type] | None = None) -> str:
    from PySide6.QtCore import QLibraryInfo

    from kiosk.ui.app import QML_MODULE, QML_SINGLETONS

    QML_MODULE = module or QML_MODULE  # noqa: N806 - the module's name, as app.py spells it
    QML_SINGLETONS = singletons if singletons is not None else QML_SINGLETONS  # noqa: N806
    metatypes_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.ArchDataPath)) / "metatypes"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "kiosk_metatypes.json").write_text(json.dumps(metatypes(QML_SINGLETONS, work), indent=1))
        subprocess.run(
            [
                *_qt_tool("qmltyperegistrar"),
                f"--generate-qmltypes={work / 'kiosk.qmltypes'}",
                f"--import-name={QML_MODULE}",
                "--major-version=1",
                "--minor-version=0",
                f"--foreign-types={metatypes_dir / 'qt6core_metatypes.json'}",
                "-o",
                str(work / "registrations.cpp"),
                str(work / "kiosk_metatypes.json"),
            ],
            check=True,
        )
        return (work / "kiosk.qmltypes").read_text()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is out of date")
    args = parser.parse_args()
    stale = []
    for module, (singletons, target) in modules().items():
        text = generate(module, singletons)
        if args.check:
            current = target.read_text() if target.exists() else ""
            if current != text:
                stale.append(target)
            continue
        target.write_text(text)
        print(f"wrote {target.relative_to(ROOT)}")
    for target in stale:
        print(f"{target.relative_to(ROOT)} is out of date: run python scripts/update_qmltypes.py")
    if stale:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
