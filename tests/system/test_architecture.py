"""The layers a tool enforces: import-linter's contracts in pyproject.toml (`[tool.importlinter]`).

kiosk.__main__ > kiosk.cli > kiosk.selftest | kiosk.logsetup > kiosk.ui > kiosk.core; the core imports no Qt;
no package's modules import each other in a cycle. A broken contract fails with import-linter's own report,
which names each offending import by file and line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
GENERATED = {"kiosk.ui.resources_rc"}


def test_the_import_contracts_are_kept() -> None:
    # In a child process: import-linter's entry point configures logging and sys.path for the whole process.
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, no_cache=True, no_logo=True))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _kiosk_imports(path: Path) -> set[tuple[str, str, int]]:
    """Every `import kiosk...` / `from kiosk... import` in a file, at any depth (inside functions too)."""
    importer = _module_name(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {(importer, alias.name, node.lineno) for alias in node.names if alias.name.startswith("kiosk")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("kiosk"):
            assert node.module is not None
            found |= {(importer, f"{node.module}.{alias.name}", node.lineno) for alias in node.names}
    return found


def test_the_contracts_see_function_local_and_type_checking_imports() -> None:
    """The cycles issue 15 found hid in function-local imports: the graph the contracts check must have every
    import the source has, wherever it is written (else a contract is kept only because it looked away)."""
    graph = grimp.build_graph("kiosk", include_external_packages=True, cache_dir=None)
    missing = []
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        if _module_name(path) in GENERATED:
            continue
        for importer, name, line in sorted(_kiosk_imports(path)):
            imported = name if name in graph.modules else name.rpartition(".")[0]  # a module, or a name in one
            details = graph.get_import_details(importer=importer, imported=imported)
            if line not in {detail["line_number"] for detail in details}:
                missing.append(f"{importer} -> {imported} (l.{line})")
    assert not missing, "imports the contracts do not see:\n" + "\n".join(missing)
