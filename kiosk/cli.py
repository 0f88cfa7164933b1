"""The `kiosk` command: run the kiosk, check a pack, render pages to PNG."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.core import paths
from kiosk.core.pack import Pack, validate

log = logging.getLogger(__name__)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1920x1080") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r}: width and height must be 200 to 8000 pixels")
    return w, h


def cmd_check(args: argparse.Namespace) -> int:
    status = 0
    for target in args.packs:
        pack, problems = validate(paths.resolve_pack(target))
        for problem in problems:
            print(problem)
        if pack is None:
            status = 1
            print(f"{target}: {len(problems)} problem(s)", file=sys.stderr)
        else:
            print(f"{target}: OK ({pack.name}, {len(pack.pages)} pages)", file=sys.stderr)
    return status


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
    written = render_pack(
        pack,
        args.size,
        Path(args.out),
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
    from kiosk.core.settings import parse_settings, settings_path

    try:
        source = settings_path().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
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
    from kiosk.core.stats import DB_NAME, StatsDatabase, write_csv

    source = Path(args.db) if args.db else paths.data_dir() / DB_NAME
    if not source.exists():
        print(f"kiosk: no counts yet ({source} does not exist); the CSV has only its header", file=sys.stderr)
    db = StatsDatabase(source)
    try:
        if args.out == "-":
            rows = write_csv(db, sys.stdout)
        else:
            with open(args.out, "w", encoding="utf-8", newline="") as out:
                rows = write_csv(db, out)
    finally:
        db.close()
    print(f"{rows} row(s) from {source}", file=sys.stderr)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.ui.run import run_kiosk

    return run_kiosk(args)


def _heartbeat_limit(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if seconds < 15:  # the kiosk beats every 5 s; a shorter limit would kill a healthy kiosk under load
        raise argparse.ArgumentTypeError("the heartbeat limit must be at least 15 seconds")
    return seconds


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="A campaign kiosk for school foyers, assemblies and parents' evenings."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--pack", default=None, help=f"built-in pack name or pack folder (default: settings, else {paths.DEFAULT_PACK})"
    )
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen (development)")
    parser.add_argument("--size", type=_size, default=None, help="window size WxH with --windowed")
    parser.add_argument(
        "--idle-timeout", type=float, default=None, help="seconds before returning to the loop (overrides the pack)"
    )
    parser.add_argument("--screen", type=int, default=None, help="which screen to fill (0 = first; default: primary)")
    parser.add_argument(
        "--mode",
        choices=("foyer", "assembly", "parents"),
        default=None,
        help="foyer touchscreen, assembly presenter with a clicker, or the parents' evening loop "
        "(default: settings.toml and its schedule, else foyer)",
    )
    parser.add_argument("--reduced-motion", action="store_true", help="cuts instead of slides and fades")
    parser.add_argument("--high-contrast", action="store_true", help="black on white, no tints")
    parser.add_argument("--text-size", type=int, choices=(100, 125, 150), default=None, help="text size in percent")
    parser.add_argument(
        "--lang", default=None, help="interface language: en, cy (Cymraeg) or one a school added (default: the pack's)"
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
    check.add_argument("packs", nargs="+", metavar="PATH", help="pack folder or built-in pack name")
    check.set_defaults(func=cmd_check)

    render = sub.add_parser("render", help="write every page as PNG, with no window shown")
    render.add_argument("--pack", default=paths.DEFAULT_PACK)
    render.add_argument("--size", type=_size, default=(1920, 1080), help="WxH (default 1920x1080)")
    render.add_argument("--out", required=True, help="folder for the PNG files")
    render.add_argument("--audience", choices=("students", "parents", "all"), default="all")
    render.add_argument("--lang", default=None, help="interface language of the pictures (default: the pack's)")
    render.add_argument("--high-contrast", action="store_true", help="the high-contrast theme")
    render.add_argument("--text-size", type=int, choices=(100, 125, 150), default=100, help="text size in percent")
    render.set_defaults(func=cmd_render)

    handout = sub.add_parser("handout", help="write the pack's key messages, tips and QR codes as an A4 PDF")
    handout.add_argument(
        "--pack", default=None, help=f"built-in pack name or pack folder (default: settings, else {paths.DEFAULT_PACK})"
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from kiosk.logsetup import setup_logging

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and not hasattr(args, "kiosk_args"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:  # `kiosk supervise --pack NAME`: options for the kiosk that the supervisor starts
        args.kiosk_args = [*args.kiosk_args, *extra]
    command = getattr(args, "func", None)
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
