"""The `kiosk` command: run the kiosk, check a pack, render pages to PNG.

Every flag's value is checked here, at the edge, against kiosk.core.limits (an argparse error, exit 2, one
line naming the flag and its range). Every other error is one line on stderr and exit 1; a closed output pipe
(`kiosk render ... | head -1`) ends quietly; an unexpected error says where the log with its details is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kiosk import __version__
from kiosk.core import limits, paths
from kiosk.core.files import FileProblem
from kiosk.core.pack import Pack, validate

if TYPE_CHECKING:
    from kiosk.core.signing import PublicKey

log = logging.getLogger(__name__)

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command whose reader went away


class CliError(Exception):
    """An error the user can act on: printed as one line, exit 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, but an error is one line (the usage is one `--help` away), never a screenful."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _in_range(limit: limits.Range, kind: Callable[[str], float] = float) -> Callable[[str], float]:
    """An argparse type: a number within `limit`, else an error naming the range and unit."""

    def parse(text: str) -> float:
        try:
            value = kind(text.strip())
        except (ValueError, OverflowError):
            whole = " whole" if kind is int else ""
            unit = f" of {limit.unit}" if limit.unit.isalpha() else f" {limit.unit}"
            raise argparse.ArgumentTypeError(f"{text!r} is not a{whole} number{unit}") from None
        problem = limit.problem(value)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return value

    parse.__name__ = limit.name
    return parse


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
PATH_MAX_CHARS = 4096


def _pack_arg(text: str) -> str:
    """A pack name or folder: not empty, and no control or line-break character (it ends up in paths and logs)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("must be a pack name or folder, not empty")
    if len(text) > PATH_MAX_CHARS:
        raise argparse.ArgumentTypeError(f"must be at most {PATH_MAX_CHARS:,} characters, not {len(text):,}")
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            raise argparse.ArgumentTypeError(
                f"must be a pack name or folder; it has the control character U+{ord(ch):04X}"
            )
    return text


def _language_arg(text: str) -> str:
    if not _LANGUAGE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"must be a language code like en, cy or pt-BR, not {limits.shown(text)}")
    return text


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080") from None
    if limits.SCREEN_SIDE.problem(w) or limits.SCREEN_SIDE.problem(h):
        side = limits.SCREEN_SIDE
        raise argparse.ArgumentTypeError(
            f"{text!r}: width and height must be {side.low:g} to {side.high:g} {side.unit}"
        )
    return w, h


def cmd_check(args: argparse.Namespace) -> int:
    """Validation problems as before, then the checks before a pack ships (kiosk.core.checks) and, unless
    --no-layout, the layout fit (kiosk.ui.fit): an error in any exits 1; warnings leave the exit status alone."""
    from kiosk.core.checks import Severity, check_pack

    status = 0
    sources = Path(args.sources) if args.sources else None
    if sources is not None and not sources.is_dir():
        raise CliError(f"--sources {sources}: no such folder")
    for target in args.packs:
        root = paths.resolve_pack(target)
        pack, problems = validate(root)
        for problem in problems:
            print(problem)
        if pack is None:
            status = 1
            print(f"{target}: {len(problems)} problem(s)", file=sys.stderr)
            continue
        findings = check_pack(pack, root, today=dt.date.today(), sources=sources)
        if not args.no_layout:  # the layout fit: laid out by the real QML, so Qt is loaded only here
            from kiosk.ui.fit import fit_findings

            findings += fit_findings(pack, pack.root)
        for finding in findings:
            print(finding)
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        warnings = len(findings) - errors
        if errors:
            status = 1
            print(f"{target}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        else:
            also = f"; {warnings} warning(s)" if warnings else ""
            print(f"{target}: OK ({pack.name}, {len(pack.pages)} pages){also}", file=sys.stderr)
    return status


def cmd_new(args: argparse.Namespace) -> int:
    """`kiosk new FOLDER [--from PACK|blank]`: a complete, valid pack to edit, every field explained."""
    from kiosk.core.pack_new import NewPackError, new_pack

    try:
        toml = new_pack(Path(args.folder), args.template)
    except NewPackError as error:
        raise CliError(str(error)) from None
    print(toml)
    print(f"{args.folder}: a new pack from {args.template}; edit {toml.name}, then: kiosk check {args.folder}")
    return 0


def _sizes(text: str) -> tuple[tuple[int, int], ...]:
    """`--sizes 1920x1080,1080x1920`: one to six sizes, each as --size takes it."""
    sizes = tuple(_size(part.strip()) for part in text.split(",") if part.strip())
    if not 1 <= len(sizes) <= 6:
        raise argparse.ArgumentTypeError(f"{text!r}: give one to six sizes like 1920x1080,1080x1920")
    return sizes


def cmd_studio(args: argparse.Namespace) -> int:
    """`kiosk studio FOLDER`: the pack at several sizes, live while it is edited (kiosk/ui/studio.py)."""
    folder = Path(args.folder)
    if not folder.is_dir():
        raise CliError(f"{args.folder}: no such pack folder")
    from kiosk.ui.studio import run_studio

    sources = Path(args.sources) if args.sources else None
    return run_studio(folder, args.sizes, sources=sources, exit_after_first_frame=args.exit_after_first_frame)


def valid_pack_or_report(name_or_path: str) -> Pack | None:
    """The pack, or None after printing every problem (render and handout never use the fallback pack)."""
    pack, problems = validate(paths.resolve_pack(name_or_path))
    for problem in problems:
        print(problem)
    return pack


def cmd_render(args: argparse.Namespace) -> int:
    from kiosk.ui.render import render_pack

    pack = valid_pack_or_report(args.pack)
    if pack is None:
        return 1
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CliError(f"--out {out}: is a file; give a folder for the PNG files")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"--out {out}: cannot make this folder: {error.strerror}") from None
    if not os.access(out, os.W_OK):
        raise CliError(f"--out {out}: no permission to write in this folder")
    written = render_pack(
        pack,
        args.size,
        out,
        audience=args.audience,
        language=args.lang or pack.language,
        high_contrast=args.high_contrast,
        text_scale=args.text_size / 100,
    )
    for path in written:
        print(path)
    return 0


def _settings_pack() -> str:
    """The pack this kiosk shows (settings.toml), read without touching the file; else the built-in default."""
    from kiosk.core.files import read_text
    from kiosk.core.settings import parse_settings, settings_path

    try:
        source = read_text(settings_path(), limits.SETTINGS_FILE_MAX_BYTES)
    except OSError:  # missing, not a regular file, too big, not UTF-8: the kiosk would use the default too
        return paths.DEFAULT_PACK
    return parse_settings(source, str(settings_path()))[0].pack


def cmd_handout(args: argparse.Namespace) -> int:
    from kiosk.ui.handout import HandoutError, make_handout

    pack = valid_pack_or_report(args.pack or _settings_pack())
    if pack is None:
        return 1
    try:
        pages = make_handout(pack, Path(args.out), audience=args.audience)
    except HandoutError as error:
        print(f"kiosk handout: {error}", file=sys.stderr)
        return 1
    print(f"{args.out}: {pages} page(s), A4")
    return 0


def cmd_stats_export(args: argparse.Namespace) -> int:
    """`kiosk stats export --out FILE.csv`: the anonymous counts per day, for the safeguarding lead's report."""
    import io
    import sqlite3

    from kiosk.core.files import atomic_write
    from kiosk.core.stats import CSV_HEADER, DB_NAME, StatsFileError, open_for_export, write_csv

    source = Path(args.db) if args.db else paths.data_dir() / DB_NAME
    out = None if args.out == "-" else _writable_file(Path(args.out))
    text = io.StringIO()
    if not os.path.lexists(source):  # nothing is created: an export only reads
        print(f"kiosk: no counts yet ({source} does not exist); the CSV has only its header", file=sys.stderr)
        text.write(",".join(CSV_HEADER) + "\n")
        rows = 0
    else:
        try:
            db = open_for_export(source)
        except StatsFileError as error:
            raise CliError(str(error)) from None
        try:
            rows = write_csv(db, text)
        except sqlite3.DatabaseError as error:
            raise CliError(f"{source}: is damaged ({error}); it is left as it is") from None
        finally:
            db.close()
    if out is None:
        _write_stdout(text.getvalue())
    else:
        try:
            atomic_write(out, text.getvalue())  # the whole CSV or, on a full disk, none of it
        except FileProblem:
            raise
        except OSError as error:
            raise CliError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"{rows} row(s) from {source}", file=sys.stderr)
    return 0


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-12-01") from None


def cmd_report(args: argparse.Namespace) -> int:
    """`kiosk report DIR --out report.html [--csv FILE]`: every kiosk's outbox files merged into one report."""
    import csv
    import io

    from kiosk.core import report, report_html
    from kiosk.core.files import atomic_write

    root = Path(args.folder)
    if not root.is_dir():
        raise CliError(f"{root}: {'is not a folder' if root.exists() else 'does not exist'}")
    out = _writable_file(Path(args.out))
    csv_out = _writable_file(Path(args.csv)) if args.csv else None
    if args.start and args.end and args.start > args.end:
        raise CliError(f"--from {args.start} is after --to {args.end}")
    period = report.choose_period(root, args.start, args.end)
    if period is None:
        raise CliError(f"{root}: holds no day files (YYYY-MM-DD.json); give --to to make an empty report")
    figures = report.figures(report.merge(root, period), int(args.min_count))
    writes = [(out, report_html.render(figures))]
    if csv_out is not None:
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(("view", "row", "column", "value"))
        writer.writerows(report.csv_rows(figures))
        writes.append((csv_out, text.getvalue()))
    for path, data in writes:
        try:
            atomic_write(path, data)
        except FileProblem:
            raise
        except OSError as error:
            raise CliError(f"cannot write {path}: {error.strerror or error}") from None
    bad = f", {len(figures.bad)} file(s) left out (listed in the report)" if figures.bad else ""
    print(
        f"{out}: {figures.files_read} day file(s) from {figures.kiosks} kiosk(s), {period.start} to {period.end}{bad}",
        file=sys.stderr,
    )
    return 0


def _add_report_command(sub: Any) -> None:
    report = sub.add_parser("report", help="merge the kiosks' outbox folders into one HTML report (and CSV)")
    report.add_argument("folder", metavar="DIR", help="the outbox folder: every kiosk's day files in it and below")
    report.add_argument(
        "--out",
        required=True,
        metavar="FILE.html",
        help="the HTML file to write (self-contained: opens from a USB stick)",
    )
    report.add_argument(
        "--csv", default=None, metavar="FILE.csv", help="also write the report's figures (small numbers hidden) as CSV"
    )
    report.add_argument(
        "--from", dest="start", type=_date_arg, default=None, metavar="DATE", help="first day (default: 13 weeks back)"
    )
    report.add_argument(
        "--to", dest="end", type=_date_arg, default=None, metavar="DATE", help="last day (default: the newest counts)"
    )
    low = limits.REPORT_MIN_COUNT
    report.add_argument(
        "--min-count",
        type=_in_range(low, int),
        default=int(low.default),
        metavar="N",
        help=f"counts below this read 'fewer than N' (default {low.default:g}, never below {low.low:g})",
    )
    report.set_defaults(func=cmd_report)


def _writable_file(out: Path) -> Path:
    """`--out FILE`: refused before any work when it could not be written as a regular file in a folder."""
    from kiosk.core.files import check_replaceable

    folder = out.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise CliError(f"cannot write {out}: {folder} {what}")
    check_replaceable(out)  # a folder, link, FIFO or device is never replaced
    if not os.access(folder, os.W_OK):
        raise CliError(f"cannot write {out}: no permission to write in {folder}")
    return out


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.core import timeline
    from kiosk.ui import splash

    # The first page's kept picture goes on screen before the QML engine and the kiosk's Qt side are imported.
    handover = splash.start(args)
    if handover is None:
        return 0  # another kiosk already shows on this screen
    if timeline.enabled():  # the Qt modules' own cost, apart from the kiosk's (bench/startup_timeline.py)
        import PySide6.QtQuick  # noqa: F401

        timeline.mark("PySide6 imported")
    from kiosk.ui.run import run_kiosk

    timeline.mark("kiosk.ui.run imported")
    return run_kiosk(args, handover)


def _heartbeat_limit(text: str) -> float:
    seconds = _in_range(limits.HEARTBEAT_LIMIT)(text) if not _below(text, limits.HEARTBEAT_LIMIT.low) else None
    if seconds is None:  # the kiosk beats every 5 s: a shorter limit would kill a healthy kiosk under load
        low = limits.HEARTBEAT_LIMIT.low
        raise argparse.ArgumentTypeError(f"must be at least {low:g} seconds (the kiosk beats every 5 s), not {text}")
    return seconds


def _below(text: str, low: float) -> bool:
    try:
        return float(text) < low
    except ValueError:
        return False


def cmd_supervise(args: argparse.Namespace) -> int:
    from kiosk.core.supervise import Policy, supervise
    from kiosk.logsetup import setup_logging

    setup_logging(verbose=args.verbose, to_file=True, name="supervise.log")
    return supervise(args.kiosk_args, Policy(heartbeat_limit=args.heartbeat_limit))


def cmd_install_autostart(args: argparse.Namespace) -> int:
    from kiosk.core import autostart

    path = autostart.install(supervise=args.supervise, kiosk_args=args.kiosk_args)
    print(f"autostart: {path}")
    return 0


def cmd_remove_autostart(args: argparse.Namespace) -> int:
    from kiosk.core import autostart

    path = autostart.remove()
    print(f"autostart removed: {path}" if path else "autostart: nothing to remove")
    return 0


# --- keys and bundles (issue 17: signed packs that travel) ----------------------------------------------------


def _read_passphrase(path: str) -> str:
    """The first line of a passphrase file (its newline is not part of the passphrase)."""
    from kiosk.core.files import read_text

    try:
        text = read_text(Path(path), limits.KEY_FILE_MAX_BYTES)
    except FileNotFoundError:
        raise CliError(f"--passphrase-file {path}: no such file") from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise CliError(f"--passphrase-file {path}: the first line is empty; it holds the passphrase")
    return lines[0]


def _ask_passphrase(confirm: bool) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise CliError("no passphrase: give --passphrase-file FILE (or, for a new key, --no-passphrase)")
    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise CliError("the two passphrases differ; nothing was written")
    return first


def cmd_keys_new(args: argparse.Namespace) -> int:
    """`kiosk keys new --out DIR`: a publisher's minisign key pair."""
    from kiosk.core.signing import PublicKey, SignatureError, generate_keypair

    if args.no_passphrase:
        passphrase = None
    elif args.passphrase_file:
        passphrase = _read_passphrase(args.passphrase_file)
    else:
        passphrase = _ask_passphrase(confirm=True)
    try:
        secret, public = generate_keypair(Path(args.out), passphrase)
    except SignatureError as error:
        raise CliError(str(error)) from None
    key = PublicKey.parse(public.read_text(encoding="utf-8"))
    print(f"secret key: {secret} (keep it secret and backed up{'' if passphrase else '; it has no passphrase'})")
    print(f"public key: {public} (key {key.key_id}; give it to every kiosk's policy as trusted_keys)")
    print(key.line)
    return 0


def cmd_bundle_build(args: argparse.Namespace) -> int:
    """`kiosk bundle build FOLDER --out NAME.kioskpack`."""
    from kiosk.core.bundle import BundleError, build_bundle

    folder = paths.resolve_pack(args.folder)
    if valid_pack_or_report(str(folder)) is None:  # every problem, as `kiosk check` lists them
        raise CliError(f"{args.folder}: the pack has problems (listed above); no bundle was built")
    out = _writable_file(Path(args.out))
    try:
        manifest = build_bundle(folder, out)
    except BundleError as error:
        raise CliError(str(error)) from None
    until = manifest.valid_until.isoformat() if manifest.valid_until else "no end date"
    print(
        f"{out}: {manifest.pack} version {manifest.version}, {len(manifest.files)} files, valid "
        f"{manifest.valid_from.isoformat()} to {until}"
    )
    if os.path.lexists(f"{out}.minisig"):
        print(f"kiosk: {out}.minisig is the signature of the bundle this replaced: sign it again", file=sys.stderr)
    return 0


def cmd_bundle_sign(args: argparse.Namespace) -> int:
    """`kiosk bundle sign BUNDLE --key SECRET`: the detached signature BUNDLE.minisig."""
    from kiosk.core.bundle import BundleError, read_manifest
    from kiosk.core.signing import SignatureError, secret_key_is_encrypted, sign_file

    try:
        manifest = read_manifest(Path(args.bundle))  # only a bundle is signed: not a typo'd pack.toml
        passphrase = None
        if args.passphrase_file:
            passphrase = _read_passphrase(args.passphrase_file)
        elif secret_key_is_encrypted(Path(args.key)):
            passphrase = _ask_passphrase(confirm=False)
        signature = sign_file(Path(args.bundle), Path(args.key), passphrase)
    except (BundleError, SignatureError) as error:
        raise CliError(str(error)) from None
    print(f"{signature}: signed {manifest.pack} version {manifest.version}")
    return 0


def _trusted_key(text: str) -> PublicKey:
    """--trust: a .pub file, or its base64 key line."""
    from kiosk.core.files import read_text
    from kiosk.core.signing import PublicKey

    source = text
    if not text.startswith("RW") or os.path.exists(text):
        try:
            source = read_text(Path(text), limits.KEY_FILE_MAX_BYTES)
        except FileNotFoundError:
            raise CliError(f"--trust {text}: no such public key file (or key line starting RW)") from None
    try:
        return PublicKey.parse(source)
    except ValueError as error:
        raise CliError(f"--trust {limits.shown(text)}: {error}") from None


def cmd_bundle_verify(args: argparse.Namespace) -> int:
    """`kiosk bundle verify BUNDLE --trust PUBKEY`: everything a kiosk checks before showing it, and the
    pack itself as `kiosk check` does."""
    import tempfile
    from datetime import date

    from kiosk.core.bundle import BundleError, unpack_bundle, verify_bundle

    keys = [_trusted_key(text) for text in args.trust]
    bundle = Path(args.bundle)
    try:
        manifest = verify_bundle(bundle, keys, date.today())
        with tempfile.TemporaryDirectory(prefix="kiosk-verify-") as temp:
            unpacked = unpack_bundle(bundle, manifest, Path(temp) / "pack")
            pack, problems = validate(unpacked)
    except BundleError as error:
        raise CliError(str(error)) from None
    if pack is None:
        raise CliError(f"{bundle}: the pack inside has {len(problems)} problem(s); first: {problems[0]}")
    until = manifest.valid_until.isoformat() if manifest.valid_until else "no end date"
    print(f"{bundle}: OK")
    print(f"pack: {manifest.pack} ({pack.name})")
    print(f"version: {manifest.version}")
    print(f"publisher: {manifest.publisher}")
    print(f"valid: {manifest.valid_from.isoformat()} to {until}")
    print(f"pages: {len(pack.pages)}")
    return 0


def _add_bundle_commands(sub: Any) -> None:
    """`kiosk keys new` and `kiosk bundle build|sign|verify`."""
    keys = sub.add_parser("keys", help="a publisher's signing keys (minisign format)")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True)
    new = keys_sub.add_parser("new", help="make a key pair: minisign.key (secret) and minisign.pub")
    new.add_argument("--out", required=True, help="the folder for the two key files (never overwritten)")
    secret = new.add_mutually_exclusive_group()
    secret.add_argument("--passphrase-file", default=None, help="protect the secret key with this file's first line")
    secret.add_argument("--no-passphrase", action="store_true", help="leave the secret key unprotected")
    new.set_defaults(func=cmd_keys_new)

    bundle = sub.add_parser("bundle", help="signed pack bundles (.kioskpack) that kiosks pick up from a folder")
    bundle_sub = bundle.add_subparsers(dest="bundle_command", required=True)
    build = bundle_sub.add_parser("build", help="write a pack folder as one .kioskpack file")
    build.add_argument("folder", type=_pack_arg, metavar="FOLDER", help="pack folder or built-in pack name")
    build.add_argument("--out", required=True, help="the bundle to write, NAME.kioskpack")
    build.set_defaults(func=cmd_bundle_build)
    sign = bundle_sub.add_parser("sign", help="sign a bundle: writes BUNDLE.minisig beside it")
    sign.add_argument("bundle", metavar="BUNDLE")
    sign.add_argument("--key", required=True, help="the secret key file (minisign.key)")
    sign.add_argument("--passphrase-file", default=None, help="a file whose first line is the key's passphrase")
    sign.set_defaults(func=cmd_bundle_sign)
    verify = bundle_sub.add_parser("verify", help="check a bundle as a kiosk would, and say what it holds")
    verify.add_argument("bundle", metavar="BUNDLE")
    verify.add_argument(
        "--trust", required=True, action="append", help="a trusted public key: a .pub file or its key line (repeatable)"
    )
    verify.set_defaults(func=cmd_bundle_verify)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk", description="A campaign kiosk for school foyers, assemblies and parents' evenings.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--pack",
        type=_pack_arg,
        default=None,
        help=f"built-in pack name or pack folder (default: settings, else {paths.DEFAULT_PACK})",
    )
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen (development)")
    parser.add_argument("--size", type=_size, default=None, help="window size WxH with --windowed")
    parser.add_argument(
        "--idle-timeout",
        type=_in_range(limits.IDLE_TIMEOUT),
        default=None,
        help=f"seconds before returning to the loop, {limits.IDLE_TIMEOUT.low:g} to {limits.IDLE_TIMEOUT.high:g} "
        "(overrides the pack)",
    )
    parser.add_argument(
        "--screen",
        type=_in_range(limits.SCREEN_INDEX, int),
        default=None,
        help="which screen to fill (0 = first; default: primary)",
    )
    parser.add_argument(
        "--mode",
        choices=("foyer", "assembly", "parents"),
        default=None,
        help="foyer touchscreen, assembly presenter with a clicker, or the parents' evening loop "
        "(default: settings.toml and its schedule, else foyer)",
    )
    parser.add_argument("--reduced-motion", action="store_true", help="cuts instead of slides and fades")
    parser.add_argument("--high-contrast", action="store_true", help="black on white, no tints")
    parser.add_argument("--text-size", type=int, choices=limits.TEXT_SIZES, default=None, help="text size in percent")
    parser.add_argument(
        "--lang",
        type=_language_arg,
        default=None,
        help="interface language: en, cy (Cymraeg) or one a school added (default: the pack's)",
    )
    parser.add_argument(
        "--selftest", action="store_true", help="render every built-in page offscreen, decode its QR codes, exit 0 or 1"
    )
    parser.add_argument(
        "--no-stats", action="store_true", help="count nothing: no page, visit or feedback counts, no question asked"
    )
    parser.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser("check", help="validate packs and list every problem as file:line: field: message")
    check.add_argument("packs", nargs="+", type=_pack_arg, metavar="PATH", help="pack folder or built-in pack name")
    check.add_argument(
        "--sources",
        metavar="DIR",
        default=None,
        help="folder of the campaign's source texts (*.txt): every phone number, web address and quote must be in them",
    )
    check.add_argument(
        "--no-layout",
        action="store_true",
        help="skip the layout fit (every text laid out at every size, each QR code read where it is drawn)",
    )
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="start a pack to edit, from a built-in one or blank, every field explained")
    new.add_argument("folder", type=_pack_arg, metavar="FOLDER", help="the new pack's folder (missing or empty)")
    new.add_argument(
        "--from",
        dest="template",
        choices=[*paths.builtin_pack_names(), "blank"],
        default="blank",
        help="what to start from: a built-in pack's texts and art, or blank (placeholders; the default)",
    )
    new.set_defaults(func=cmd_new)

    studio = sub.add_parser("studio", help="show a pack folder live at several sizes while you edit it")
    studio.add_argument("folder", type=_pack_arg, metavar="FOLDER", help="the pack folder")
    studio.add_argument(
        "--sizes",
        type=_sizes,
        default=limits.STUDIO_SIZES,
        help="previews, WxH,WxH... (default: 1920x1080,1080x1920,1024x768)",
    )
    studio.add_argument("--sources", metavar="DIR", default=None, help="campaign source texts for the checks")
    studio.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)  # frozen build's test
    studio.set_defaults(func=cmd_studio)

    render = sub.add_parser("render", help="write every page as PNG, with no window shown")
    render.add_argument("--pack", type=_pack_arg, default=paths.DEFAULT_PACK)
    render.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    render.add_argument("--out", required=True, help="folder for the PNG files")
    render.add_argument("--audience", choices=("students", "parents", "all"), default="all")
    render.add_argument(
        "--lang", type=_language_arg, default=None, help="interface language of the pictures (default: the pack's)"
    )
    render.add_argument("--high-contrast", action="store_true", help="the high-contrast theme")
    render.add_argument("--text-size", type=int, choices=limits.TEXT_SIZES, default=100, help="text size in percent")
    render.set_defaults(func=cmd_render)

    handout = sub.add_parser("handout", help="write the pack's key messages, tips and QR codes as an A4 PDF")
    handout.add_argument(
        "--pack",
        type=_pack_arg,
        default=None,
        help=f"built-in pack name or pack folder (default: settings, else {paths.DEFAULT_PACK})",
    )
    handout.add_argument("--out", required=True, help="the PDF file to write")
    handout.add_argument("--audience", choices=("parents", "students"), default="parents")
    handout.set_defaults(func=cmd_handout)

    stats = sub.add_parser("stats", help="the anonymous counts (see README: What the kiosk counts)")
    stats_sub = stats.add_subparsers(dest="stats_command", required=True)
    export = stats_sub.add_parser("export", help="write the counts per day as CSV")
    export.add_argument("--out", required=True, help="the CSV file to write, or - for standard output")
    export.add_argument("--db", default=None, help=argparse.SUPPRESS)  # another kiosk's stats.db (tests, IT)
    export.set_defaults(func=cmd_stats_export)

    supervise = sub.add_parser(
        "supervise", help="run the kiosk and restart it if it crashes or hangs (for unattended screens)"
    )
    supervise.add_argument(
        "--heartbeat-limit",
        type=_heartbeat_limit,
        default=30.0,
        help="seconds of silence before a hung kiosk is restarted (at least 15: it beats every 5 s)",
    )
    # Any other option after `supervise` is the kiosk's own (main() passes them on), e.g. --pack NAME.
    supervise.set_defaults(func=cmd_supervise, kiosk_args=[])

    install_autostart = sub.add_parser("install-autostart", help="start the kiosk when this user logs in")
    install_autostart.add_argument("--supervise", action="store_true", help="start it under `kiosk supervise`")
    install_autostart.set_defaults(func=cmd_install_autostart, kiosk_args=[])  # then kiosk options, as above
    remove_autostart = sub.add_parser("remove-autostart", help="undo install-autostart")
    remove_autostart.set_defaults(func=cmd_remove_autostart)
    _add_bundle_commands(sub)
    _add_report_command(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; every error ends as one line on stderr and an exit status, never a traceback."""
    try:
        status = _main(argv)
        _flush_stdout()  # a full disk or closed pipe behind stdout is found here, not at interpreter exit
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except CliError as error:
        _say(str(error))
    except OSError as error:  # FileProblem included: a file that cannot be used, named in the message
        if not isinstance(error, FileProblem):  # where it came from, for whoever reads the log
            from kiosk.logsetup import log_exception

            log_exception(error)
        _say(_describe(error))
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a bug: the user gets one line, the log gets the traceback
        from kiosk.logsetup import log_exception

        where = log_exception(error)
        found = f"the details are in {where}" if where else "no log file could be written"
        _say(f"unexpected error ({type(error).__name__}: {limits.shown(str(error), 120)}); {found}")
    return 1


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise CliError(f"cannot write to standard output: {error.strerror or error}") from None
    _flush_stdout()


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise CliError(f"cannot write to standard output: {error.strerror or error}") from None


def _say(message: str) -> None:
    """One line on stderr, whatever the message holds."""
    line = " ".join(message.split()) or "failed"
    try:
        print(f"kiosk: {line}", file=sys.stderr)
    except OSError:  # stderr itself is gone: nothing more can be said
        pass


def _describe(error: OSError) -> str:
    if isinstance(error, FileProblem):
        return str(error)
    if error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return error.strerror or str(error)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so Python's own flush at exit stays quiet (the standard
    recipe from the `signal` module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _check_kiosk_args(parser: argparse.ArgumentParser, extra: list[str]) -> None:
    """Options passed on to a supervised or autostarted kiosk are checked now, once: a bad value would
    otherwise make the kiosk exit at every restart, and the foyer screen stay dark."""
    kiosk_args = parser.parse_args(extra)  # exits 2 with the usual one-line error
    if kiosk_args.command is not None:
        parser.error(f"only kiosk options may follow, not the command {kiosk_args.command!r}")


def _main(argv: Sequence[str] | None) -> int:
    from kiosk.logsetup import setup_logging

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not hasattr(args, "kiosk_args"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:  # `kiosk supervise --pack NAME`: options for the kiosk that the supervisor starts
        _check_kiosk_args(parser, extra)
        args.kiosk_args = [*args.kiosk_args, *extra]
    command = getattr(args, "func", None)
    if command is not None or args.selftest:
        from kiosk.core import startgc

        startgc.release()  # only the kiosk itself waits for its first frame (kiosk/core/startgc.py)
    if args.selftest:
        from kiosk.selftest import run_selftest

        setup_logging(verbose=args.verbose, to_file=False)
        return run_selftest()
    setup_logging(verbose=args.verbose, to_file=command is None)
    if command is None:
        return cmd_run(args)
    return int(command(args))


if __name__ == "__main__":
    sys.exit(main())
