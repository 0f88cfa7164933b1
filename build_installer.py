"""Build the standalone kiosk for schools: PyInstaller one-folder app, proven by its own --selftest, packaged.

    python build_installer.py              # one-folder build, selftest, .tar.xz, .deb (Linux), .iss (always)
    python build_installer.py --onefile    # a single self-unpacking executable instead (slower start)
    python build_installer.py --no-packages
    KIOSK_BUILD_DEBUG=1 python build_installer.py   # console + PyInstaller debug output

Everything lands in dist/. The build fails if the frozen app's --selftest, run from outside the source tree
with a clean environment, exits non-zero or writes anything unexpected to stderr.
"""

from __future__ import annotations

import argparse
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
NAME = "campaign-kiosk"
DISPLAY_NAME = "Campaign Kiosk"
PACKAGING = ROOT / "packaging"
POLICY_CONFFILE = f"/etc/{NAME}/policy.toml"  # kiosk.core.policy.LINUX_POLICY; a dpkg conffile


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


# --- build -------------------------------------------------------------------------------------------------


def compile_resources() -> None:
    sys.path.insert(0, str(ROOT))
    from setup import compile_resources as rcc

    rcc(ROOT / "kiosk" / "ui" / "resources_rc.py")


# --- QML compiled ahead of time (issue 20, start-up) -----------------------------------------------------------

QML_CACHE_DIR = ROOT / "build" / "qmlcache"  # the spec bundles it as `qmlcache/`; kiosk.ui.app points Qt at it
QML_PREFIX = "/qt/qml/Kiosk"


def qml_resources(qrc: Path = ROOT / "resources.qrc") -> dict[str, Path]:
    """Every QML file of the Kiosk module in resources.qrc: its path in the resources (":/qt/qml/Kiosk/X.qml",
    as QML loads it) -> the source file."""
    import xml.etree.ElementTree as ET

    found: dict[str, Path] = {}
    for group in ET.parse(qrc).getroot().iter("qresource"):
        if group.get("prefix") != QML_PREFIX:
            continue
        for entry in group.iter("file"):
            name = entry.get("alias") or entry.text or ""
            if name.endswith((".qml", ".js", ".mjs")):
                found[f":{QML_PREFIX}/{name}"] = ROOT / (entry.text or "")
    return found


def qml_cache_name(resource_path: str) -> str:
    """The file name under which Qt's QML engine looks for a document's compiled form in QML_DISK_CACHE_PATH:
    the SHA-1 of the document's path, its suffix + "c" (QV4::CompiledData::CompilationUnit::localCacheFilePath)."""
    import hashlib

    suffix = resource_path.rsplit(".", 1)[1] + "c"
    return f"{hashlib.sha1(resource_path.encode()).hexdigest()}.{suffix}"


def compile_qml(out: Path = QML_CACHE_DIR) -> list[Path]:
    """Every QML document of the kiosk compiled to byte code with Qt's qmlcachegen (PySide6 ships it), named
    as the engine looks for it, so the frozen kiosk never parses or compiles QML at start, not even the first
    time. qmlcachegen's units carry no source time stamp: they stay valid whatever times an installer gives
    the files; they are only used by the Qt version that made them (the bundled one)."""
    code = "from PySide6.scripts.pyside_tool import qmlcachegen; qmlcachegen()"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    written = []
    for resource_path, source in sorted(qml_resources().items()):
        target = out / qml_cache_name(resource_path)
        command = [sys.executable, "-c", code, "--only-bytecode", "--resource-path", resource_path[1:]]
        subprocess.run([*command, "-o", str(target), str(source)], check=True, capture_output=True)
        written.append(target)
    for stray in out.glob("*.aotstats"):  # qmlcachegen's statistics, not needed by the engine
        stray.unlink()
    return written


# --- PySide6's signature support as byte code (issue 20, start-up) ---------------------------------------------

SHIBOKEN_FILES_DIR = ROOT / "build" / "shiboken-files.dir"  # the spec bundles it as shiboken6/files.dir

_UNPACK_SHIBOKEN_SUPPORT = r"""
import importlib.util, pathlib, sys
import shiboken6
loader = sys.modules["shibokensupport.signature.loader"].__loader__
zfile = getattr(loader, "zfile", None)
if zfile is None:
    raise SystemExit("shibokensupport is not embedded here (a files.dir beside shiboken6?): nothing to unpack")
out = pathlib.Path(sys.argv[1])
for name in zfile.namelist():
    if name.endswith(".py"):
        code = compile(zfile.read(name), name, "exec", dont_inherit=True)
        target = out / (name + "c")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(importlib._bootstrap_external._code_to_timestamp_pyc(code, 0, 0))
"""


def precompile_shiboken_support(out: Path = SHIBOKEN_FILES_DIR) -> list[Path]:
    """shiboken6 keeps its Python support code (shibokensupport: the signature parser, pyi generator, ...) as
    source in a zip inside its library and compiles all of it at every start of every PySide6 program, unless a
    `files.dir` folder beside shiboken6 holds the files. The frozen build brings them there as byte code (.pyc,
    no source), which its importer loads without compiling (bench/README.md: start-up, frozen)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    subprocess.run([sys.executable, "-c", _UNPACK_SHIBOKEN_SUPPORT, str(out)], check=True)
    return sorted(out.rglob("*.pyc"))


ICON_DIR = ROOT / "build" / "icon"


def render_icon() -> None:
    """packaging/kiosk-icon.svg as a 256 px PNG (Linux menus) and an ICO (Windows exe, installer, uninstall)."""
    code = (
        "import sys; from PySide6.QtGui import QGuiApplication, QImage, QPainter; "
        "from PySide6.QtSvg import QSvgRenderer; app = QGuiApplication(['icon']); "
        "img = QImage(256, 256, QImage.Format.Format_ARGB32); img.fill(0); p = QPainter(img); "
        "QSvgRenderer(sys.argv[1]).render(p); p.end(); "
        "sys.exit(0 if img.save(sys.argv[2] + '/kiosk.png') and img.save(sys.argv[2] + '/kiosk.ico') else 1)"
    )
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", code, str(PACKAGING / "kiosk-icon.svg"), str(ICON_DIR)], check=True, env=env)


# --- the Python archive read without decompressing (issue 20, start-up) ------------------------------------------

PYZ_ZLIB_LEVEL = "0"


def startup_archive_env(onefile: bool) -> dict[str, str]:
    """PyInstaller's archive of Python modules (the PYZ, inside the executable) stored, not zlib-compressed: the
    kiosk inflated every module it imported at every start (perf: zlib ~5 % of a frozen start's CPU). The
    one-folder build grows by ~5.6 MB (9.8 MB of byte code instead of 4.2 MB); the .tar.xz and .deb do not, as xz
    compresses byte code better than zlib's output. The one-file build keeps PyInstaller's default: its archive
    also holds every library. PYINSTALLER_ZLIB_COMPRESSION_LEVEL set by the caller wins (to measure the change)."""
    if onefile or "PYINSTALLER_ZLIB_COMPRESSION_LEVEL" in os.environ:
        return {}
    return {"PYINSTALLER_ZLIB_COMPRESSION_LEVEL": PYZ_ZLIB_LEVEL}


def run_pyinstaller(onefile: bool, trim: bool = True) -> None:
    env = dict(os.environ, KIOSK_ONEFILE="1" if onefile else "0", KIOSK_NO_TRIM="0" if trim else "1")
    env.update(startup_archive_env(onefile))
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(PACKAGING / f"{NAME}.spec"),
        "--noconfirm",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
    ]
    command += ["--log-level", "DEBUG" if env.get("KIOSK_BUILD_DEBUG") == "1" else "WARN"]
    subprocess.run(command, check=True, env=env, cwd=ROOT)


def needed_libraries(binary: Path) -> list[str]:
    """The shared libraries an ELF file asks for (readelf -d), or [] when it is not ELF."""
    result = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True)
    return [line.split("[", 1)[1].split("]", 1)[0] for line in result.stdout.splitlines() if "(NEEDED)" in line]


def prune_orphan_libraries(app: Path) -> list[Path]:
    """Drop bundled shared libraries that nothing left in the bundle needs any more.

    PyInstaller collected them for plugins the spec then removed (GTK, Wayland, EGL...); filtering the spec's
    lists does not remove their dependencies. Roots are the executable, Python extension modules and the
    Qt/QML plugins that stay; everything reachable from them through NEEDED entries is kept.
    """
    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        return []
    # every name a library is known by (the file, and symlinks such as libfoo.so.6 -> libfoo.so.6.11.3)
    by_name = {p.name: p.resolve() for p in app.rglob("*.so*") if p.exists()}
    files = {p.resolve() for p in app.rglob("*.so*") if p.is_file() and not p.is_symlink()}
    # Python extension modules (QtCore.abi3.so, _struct.cpython-311-...so) are not named lib*; plugins are
    # loaded by path; libpython by the bootloader.
    roots = [app / NAME] + [
        p
        for p in files
        if not p.name.startswith("lib") or "/plugins/" in str(p) or "/qml/" in str(p) or p.name.startswith("libpython")
    ]
    keep: set[Path] = {r.resolve() for r in roots}
    queue = list(roots)
    while queue:
        item = queue.pop()
        for name in needed_libraries(item):
            target = by_name.get(name)
            if target is not None and target not in keep:
                keep.add(target)
                queue.append(target)
    removed = []
    for path in sorted(files - keep):
        path.unlink()
        removed.append(path)
    for link in [p for p in app.rglob("*.so*") if p.is_symlink() and not p.exists()]:
        link.unlink()
    return removed


# --- size: what the folder build leaves out (issue 20; docs/installer.md has what each saves) -----------------

# Libraries every Linux desktop with X has, which Qt's xcb platform needs and the .deb depends on (file name
# prefix: Debian package, or alternatives, as in scripts/system-deps.sh). PyInstaller copies the build machine's;
# the kiosk uses the system's instead, as it already does for OpenGL. Their own dependencies only they needed
# (libsystemd and libgcrypt under libdbus, Kerberos under libgssapi_krb5) go with them (prune_orphan_libraries).
SYSTEM_LIBRARIES = {
    "libX11.so.": "libx11-6",
    "libX11-xcb.so.": "libx11-xcb1",
    "libxcb.so.": "libxcb1",
    "libxcb-cursor.so.": "libxcb-cursor0",
    "libxcb-glx.so.": "libxcb-glx0",
    "libxcb-icccm.so.": "libxcb-icccm4",
    "libxcb-image.so.": "libxcb-image0",
    "libxcb-keysyms.so.": "libxcb-keysyms1",
    "libxcb-randr.so.": "libxcb-randr0",
    "libxcb-render.so.": "libxcb-render0",
    "libxcb-render-util.so.": "libxcb-render-util0",
    "libxcb-shape.so.": "libxcb-shape0",
    "libxcb-shm.so.": "libxcb-shm0",
    "libxcb-sync.so.": "libxcb-sync1",
    "libxcb-util.so.": "libxcb-util1",
    "libxcb-xfixes.so.": "libxcb-xfixes0",
    "libxcb-xkb.so.": "libxcb-xkb1",
    "libxkbcommon.so.": "libxkbcommon0",
    "libxkbcommon-x11.so.": "libxkbcommon-x11-0",
    "libfontconfig.so.": "libfontconfig1",
    "libfreetype.so.": "libfreetype6",
    "libpng16.so.": "libpng16-16 | libpng16-16t64",  # Ubuntu 24.04 renamed it (64-bit time_t)
    "libdbus-1.so.": "libdbus-1-3",
    "libgssapi_krb5.so.": "libgssapi-krb5-2",
    # the C++ runtime and GLib: a system's Mesa OpenGL driver needs a libstdc++ at least as new as its own, which
    # a bundled older copy would break; the wheels need only what any glibc 2.28 system has
    "libstdc++.so.": "libstdc++6",
    "libgcc_s.so.": "libgcc-s1",
    "libglib-2.0.so.": "libglib2.0-0 | libglib2.0-0t64",
    "libgthread-2.0.so.": "libglib2.0-0 | libglib2.0-0t64",
}


def app_icons(platform: str = sys.platform) -> tuple[str, ...]:
    """The icons the one folder carries: the PNG for Linux menus, the ICO (0.27 MB) only where the Windows
    installer and uninstaller show it."""
    return ("kiosk.png", "kiosk.ico") if platform == "win32" else ("kiosk.png",)


def drop_system_libraries(app: Path) -> list[Path]:
    """Remove the bundled copies of SYSTEM_LIBRARIES (Linux only); returns what was removed."""
    if not sys.platform.startswith("linux"):
        return []
    removed = []
    for path in sorted(app.rglob("*.so*")):
        if path.name.startswith(tuple(SYSTEM_LIBRARIES)) and (path.is_file() or path.is_symlink()):
            path.unlink()
            removed.append(path)
    return removed


def trim_icu_data(app: Path) -> tuple[int, int] | None:
    """Replace PySide6's 32 MB ICU data library by one with only what Qt can ask of it in English and Welsh
    (packaging/icu_data.py). None when there is nothing to trim or no gcc/readelf here (the build stays whole)."""
    libraries = [p for p in app.rglob("libicudata.so.*") if p.is_file() and not p.is_symlink()]
    if not sys.platform.startswith("linux") or not libraries or not (shutil.which("gcc") and shutil.which("readelf")):
        return None
    sys.path.insert(0, str(PACKAGING))
    import icu_data

    before = after = 0
    for library in libraries:
        trimmed = library.with_name(library.name + ".trimmed")
        items = icu_data.trim(library, trimmed)
        before += library.stat().st_size
        after += trimmed.stat().st_size
        trimmed.replace(library)
        print(f"build: {library.name}: {items[1]} of {items[0]} ICU data items kept")
    return before, after


# --- prove it ----------------------------------------------------------------------------------------------


def selftest(executable: Path) -> float:
    """Run the frozen --selftest from an empty folder with a minimal environment; return seconds taken."""
    with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as tmp:
        env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "KIOSK_HOME": tmp, "QT_QPA_PLATFORM": "offscreen"}
        if sys.platform == "win32":
            env = dict(os.environ, KIOSK_HOME=tmp, QT_QPA_PLATFORM="offscreen")
        started = time.monotonic()
        result = subprocess.run(
            [str(executable), "--selftest"], cwd=tmp, env=env, capture_output=True, text=True, timeout=300
        )
        took = time.monotonic() - started
    print(result.stdout, end="")
    unexpected = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 0 or unexpected:
        print(result.stderr, file=sys.stderr)
        raise SystemExit(
            f"build: the frozen --selftest failed (exit {result.returncode}, {len(unexpected)} unexpected stderr lines)"
        )
    return took


# --- packages ----------------------------------------------------------------------------------------------


def desktop_entry(exec_path: str) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={DISPLAY_NAME}\n"
        "Comment=Police child-safety campaign kiosk for schools\n"
        f"Exec={exec_path}\n"
        f"Icon={NAME}\n"
        "Terminal=false\n"
        "Categories=Education;\n"
    )


def write_tarball(app: Path, ver: str) -> Path:
    stage = Path(tempfile.mkdtemp(prefix="kiosk-tar-")) / f"{NAME}-{ver}"
    shutil.copytree(app, stage / NAME, symlinks=True)
    shutil.copy(PACKAGING / "install.sh", stage / "install.sh")
    shutil.copy(PACKAGING / "uninstall.sh", stage / "uninstall.sh")
    (stage / "VERSION").write_text(ver + "\n")
    (stage / f"{NAME}.desktop").write_text(desktop_entry(f"/usr/local/bin/{NAME}"))
    shutil.copy(app / "kiosk.png", stage / f"{NAME}.png")
    out = DIST / f"{NAME}-{ver}-linux-{os.uname().machine}.tar.xz"
    with lzma.LZMAFile(out, "w", format=lzma.FORMAT_XZ, filters=tarball_filters()) as packed:
        with tarfile.open(fileobj=packed, mode="w") as tar:
            tar.add(stage, arcname=stage.name)
    shutil.rmtree(stage.parent)
    return out


# --- size: how the archives are compressed (issue 20; docs/installer.md, bench/README.md "size, round 2") -----


def tarball_filters(machine: str | None = None) -> list[dict[str, int]]:
    """The .tar.xz's xz filter chain: the x86 branch filter before LZMA2 where the build is x86 machine code
    (8 % smaller: 26.9 -> 24.7 MB; every xz reads it, `tar xf` as ever), then LZMA2 at preset 9. Preset 9
    "extreme" made no smaller archive (within 0.1 %) for more time, and a larger dictionary than 9's 64 MiB
    saved 20 kB: both measured on the build folder. One thread: two would split the stream in blocks (1 %
    larger), and the .deb is compressed at the same time on the other core (write_packages)."""
    machine = machine or os.uname().machine
    chain: list[dict[str, int]] = []
    if machine in ("x86_64", "i686", "i386", "AMD64"):
        chain.append({"id": lzma.FILTER_X86})
    chain.append({"id": lzma.FILTER_LZMA2, "preset": 9})
    return chain


def write_packages(app: Path, ver: str) -> tuple[Path, Path | None]:
    """The .tar.xz and the .deb at the same time (each compressor uses one core; liblzma releases the GIL
    while it compresses, dpkg-deb is a process of its own): the packaging takes as long as the longer of the
    two, not both. Returns (tarball, deb or None)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        deb_job = pool.submit(write_deb, app, ver)
        tarball = write_tarball(app, ver)
        print(f"build: {tarball.name}: {mb(tarball.stat().st_size)} ({time.monotonic() - started:.0f} s)")
        deb = deb_job.result()
        if deb:
            print(f"build: {deb.name}: {mb(deb.stat().st_size)} ({time.monotonic() - started:.0f} s from the start)")
    return tarball, deb


def write_deb(app: Path, ver: str) -> Path | None:
    if shutil.which("dpkg-deb") is None:
        print("build: dpkg-deb not found; no .deb")
        return None
    arch = {"x86_64": "amd64", "aarch64": "arm64"}.get(os.uname().machine, os.uname().machine)
    stage = Path(tempfile.mkdtemp(prefix="kiosk-deb-"))
    target = stage / "opt" / NAME / "package"  # postinst copies it to versions/VERSION after its selftest
    shutil.copytree(app, target, symlinks=True)
    (stage / "usr" / "share" / "applications").mkdir(parents=True)
    (stage / "usr" / "share" / "applications" / f"{NAME}.desktop").write_text(desktop_entry(f"/usr/bin/{NAME}"))
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
    icons.mkdir(parents=True)
    shutil.copy(app / "kiosk.png", icons / f"{NAME}.png")
    (stage / "usr" / "bin").mkdir(parents=True)
    launcher = stage / "usr" / "bin" / NAME
    launcher.write_text(f'#!/bin/sh\nexec /opt/{NAME}/current/{NAME} "$@"\n')
    launcher.chmod(0o755)
    add_policy_template(stage)
    debian = stage / "DEBIAN"
    debian.mkdir()
    # a configuration file: an upgrade never overwrites the policy the school's IT wrote into it
    (debian / "conffiles").write_text(POLICY_CONFFILE + "\n")
    size_kb = folder_size(stage)[0] // 1024
    (debian / "control").write_text(control_file(ver, arch, size_kb))
    for script in ("postinst", "prerm"):
        path = debian / script
        path.write_text((PACKAGING / f"deb-{script}").read_text().replace("@VERSION@", ver))
        path.chmod(0o755)
    out = DIST / f"{NAME}_{ver}_{arch}.deb"
    # xz -9 (dpkg-deb has no x86 filter): "-Sextreme" made it 9 kB larger and 3 % slower (bench/README.md)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build", str(stage), str(out)],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(stage)
    return out


def add_policy_template(stage: Path) -> Path:
    """The commented policy template (packaging/policy.toml) at /etc/campaign-kiosk/policy.toml under `stage`:
    root's, readable by all, writable by root only (the kiosk trusts nothing else)."""
    target = stage / POLICY_CONFFILE.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.parent.chmod(0o755)
    shutil.copy(PACKAGING / "policy.toml", target)
    target.chmod(0o644)
    return target


def deb_depends() -> list[str]:
    """The packages the .deb needs: OpenGL/EGL, and the system libraries the build leaves out."""
    return sorted({"libgl1", "libegl1", *SYSTEM_LIBRARIES.values()})


def control_file(ver: str, arch: str, size_kb: int) -> str:
    return (
        f"Package: {NAME}\n"
        f"Version: {ver}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Campaign Kiosk developers <kiosk@invalid>\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(deb_depends())}\n"
        "Section: education\n"
        "Priority: optional\n"
        "Description: Police child-safety campaign kiosk for schools\n"
        " A full-screen, offline kiosk for foyer touchscreens, assembly projectors and parents' evenings.\n"
        " Each version installs beside the last and becomes current only after its self-test passes.\n"
    )


def inno_script(ver: str) -> str:
    """The Windows installer script (Inno Setup 6). Compiled by ISCC where it exists (not on Linux)."""
    template = (PACKAGING / "campaign-kiosk.iss.in").read_text()
    return template.replace("@VERSION@", ver).replace("@NAME@", NAME).replace("@DISPLAY_NAME@", DISPLAY_NAME)


def write_inno(ver: str) -> Path:
    out = DIST / f"{NAME}.iss"
    out.write_text(inno_script(ver))
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if iscc:
        subprocess.run([iscc, str(out)], check=True)
    else:
        print(f"build: no ISCC here; wrote {out.name} (compile it on Windows with Inno Setup 6)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="one self-unpacking executable (slower to start)")
    parser.add_argument("--no-packages", action="store_true", help="skip .tar.xz, .deb and .iss")
    parser.add_argument("--no-selftest", action="store_true", help="skip running the frozen --selftest")
    parser.add_argument("--no-trim", action="store_true", help="keep every Qt module and plugin (to measure the trims)")
    args = parser.parse_args(argv)
    ver = version()
    started = time.monotonic()
    compile_resources()
    print(f"build: {len(compile_qml())} QML documents compiled ahead of time into {QML_CACHE_DIR.relative_to(ROOT)}")
    print(f"build: {len(precompile_shiboken_support())} shibokensupport modules precompiled")
    render_icon()
    run_pyinstaller(args.onefile, trim=not args.no_trim)
    app = DIST / NAME
    if not args.onefile:  # beside the executable, where the installers and menus look for it
        for icon in app_icons():
            shutil.copy(ICON_DIR / icon, app / icon)
    executable = (DIST / (NAME + (".exe" if sys.platform == "win32" else ""))) if args.onefile else app / NAME
    if not args.onefile:
        before = folder_size(app)[0]
        if not args.no_trim:
            system = drop_system_libraries(app)
            print(f"build: left out {len(system)} system libraries ({mb(before - folder_size(app)[0])})")
            icu = trim_icu_data(app)
            if icu:
                print(f"build: ICU data {mb(icu[0])} -> {mb(icu[1])}")
            before = folder_size(app)[0]
        removed = [] if args.no_trim else prune_orphan_libraries(app)
        size, count = folder_size(app)
        print(f"build: pruned {len(removed)} orphan libraries ({mb(before - size)})")
        print(f"build: {app.relative_to(ROOT)}: {mb(size)} in {count} files")
    print(f"build: PyInstaller done in {time.monotonic() - started:.0f} s")
    if not args.no_selftest:
        took = selftest(executable)
        print(f"build: frozen --selftest passed in {took:.1f} s")
    if not args.no_packages and not args.onefile:
        if sys.platform.startswith("linux"):
            write_packages(app, ver)
        write_inno(ver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
