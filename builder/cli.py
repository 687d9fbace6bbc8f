"""The ``digest`` command: argument parsing only, then one call into the pipeline.

    digest build [--strict] [--verbose] [--explain] [--output DIR] [--no-search] [--future]
                 [--report-json FILE]
    digest serve [--host 127.0.0.1] [--port 8000]
    digest ingest PATH... [--force] [--dry-run]
    digest i18n extract|update|status|pair [--accept N...]
    digest check [--site DIR] [--strict]
    digest new --lang LANG (--translation-of KEY | TITLE [--date YYYY-MM-DD] [--outlet KEY])
    digest topics
    digest outlets

Every command works on the project found from the current folder upwards (the folder holding
``digest.toml``), or the one given with ``--project``. For a contributor: each command is a
call to the module that does the work, whose result is printed here with its exit code.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from builder.config import CONFIG_FILE, SiteConfig, load_config
from builder.diagnostics import BuildError, Report, environment_error
from builder.util import memory
from builder.util.interrupt import end_interrupted, interrupted


def find_project(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return start


def _port(text: str) -> int:
    """A TCP port number, as argparse reads one: a usage error, not a traceback, when it is not."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def _host(text: str) -> str:
    """An address to listen on; an empty one (an unset ``$HOST``) would mean every interface."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give an address, such as 127.0.0.1 (this machine "
                                         "only) or 0.0.0.0 (the network too)")
    return text.strip()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=None,
                        help=f"project folder (default: the nearest folder with {CONFIG_FILE})")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="ingest new sources and build the site into site/")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--verbose", "-v", action="store_true",
                       help="list every source and page with its fate, not only the news")
    build.add_argument("--output", type=Path, help="write the site here instead of site/")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind index")
    build.add_argument("--future", action="store_true",
                       help="include the items dated after today, marked as scheduled (they "
                            "are held until a build on or after their date otherwise)")
    build.add_argument("--explain", action="store_true",
                       help="say why each page was rendered again (the others were unchanged)")
    build.add_argument("--report-json", type=Path, metavar="FILE",
                       help="also write the report as JSON to FILE, for CI: every source and "
                            "page with its fate, every diagnostic with its path and line, the "
                            "counts and the time of each stage; written whatever the exit "
                            "code, and when nothing changed")

    serve = commands.add_parser("serve", help="live preview that rebuilds and reloads on save")
    serve.add_argument("--host", default="127.0.0.1", type=_host,
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for the network "
                            "too); requests naming another host are refused")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0: any free)")

    ingest = commands.add_parser("ingest", help="convert raw sources into Markdown pages")
    ingest.add_argument("paths", nargs="+", type=Path, help="source files or folders")
    ingest.add_argument("--force", action="store_true",
                        help="overwrite pages that already exist for these sources")
    ingest.add_argument("--dry-run", action="store_true",
                        help="show what would be written for each source (front matter, start "
                             "of the body, dropped furniture, new fragments, warnings); write "
                             "nothing")
    i18n = commands.add_parser("i18n", help="maintain the translation catalogs in locales/")
    i18n.add_argument("action", choices=("extract", "update", "status", "pair"),
                      help="extract: write locales/messages.pot from templates and code; "
                           "update: extract, then merge into every messages.po; "
                           "status: coverage per language; "
                           "pair: suggest links between English and Russian versions of a story")
    i18n.add_argument("--accept", type=int, nargs="+", metavar="N",
                      help="with pair: link the suggestions numbered N (as pair printed them)")
    i18n.add_argument("--list", action="store_true", dest="listed",
                      help="with status: name the items each language lacks, has as a draft "
                           "or scheduled, or has outdated")

    check = commands.add_parser("check", help="validate a built site: links, anchors, images, "
                                              "feeds, sitemap, hreflang, titles, headings")
    check.add_argument("--site", type=Path, help="the built site to check (default: site/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    new = commands.add_parser("new", help="start a page: a translation of an item, or a new item")
    new.add_argument("title", nargs="?", help="the new item's title (not with --translation-of)")
    new.add_argument("--lang", required=True, help="the page's language, one of digest.toml's")
    new.add_argument("--translation-of", metavar="KEY",
                     help="translate the item with this translation_key into --lang")
    new.add_argument("--date", help="the new item's news date, YYYY-MM-DD (default: today, "
                                    "in digest.toml's time zone)")
    new.add_argument("--outlet", help="the new item's outlet, a key of content/outlets.yaml")

    commands.add_parser("topics", help="every topic with its items per language; exit code 1 "
                                       "when a label is missing")
    commands.add_parser("outlets", help="every outlet with its items per language; exit code 1 "
                                        "when a name is missing")
    return parser


def run(interrupted_silently: Callable[[], bool] = lambda: False) -> None:
    """The ``digest`` command (and ``python -m builder``): :func:`main`, then the exit.

    What the command made (at 10,000 pages, the site's data) is set aside from the garbage
    collector first: its last collection would go over all of it for nothing (0.2 s a build).
    Output read by a command that stops reading early (``digest build --explain | head``) ends
    the command quietly, with the status of a process ended by SIGPIPE, as other Unix tools do;
    Ctrl-C ends it with one line and the status of SIGINT (a build cut short loses nothing:
    ``site/`` stays the last complete build), and is ignored once the work is done.
    """
    try:
        status = main()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # else the shutdown lets it kill us, silently
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush
        status = 128 + signal.SIGPIPE
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, end_interrupted)  # first, and straight into C: see there
        end_interrupted()
    except Exception as exc:  # one a Ctrl-C caused ends the same, any other is shown whole
        if interrupted(exc):
            end_interrupted()
        raise
    if interrupted_silently():  # a Ctrl-C Python swallowed: ends it the same, the work done
        end_interrupted()
    memory.skip_final_collection()
    raise SystemExit(status)


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` asks for; its exit code. A fault of the project as a whole (its
    configuration, a catalog, the cache folder) or of the machine (a full disk, a read-only
    folder) is one line naming the file, exit code 2, whatever the command."""
    from builder.write import unsafe_cache

    args = _parser().parse_args(argv)
    project = (args.project or find_project(Path.cwd())).resolve()
    try:
        config = load_config(project)
        if refusal := unsafe_cache(config):
            raise BuildError(refusal)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        if args.command == "build" and args.report_json:  # CI reads one whatever happened
            _write_report(Report((), (exc.diagnostic,), 0, 0, False), args.report_json, None,
                          project, project / "site")
        return 2
    try:
        return _command(config, args)
    except BrokenPipeError:
        raise  # the reader has gone (`| head`): run() ends quietly, as other Unix tools do
    except (BuildError, OSError) as exc:
        if interrupted(exc):  # raised as Ctrl-C unwound the command: run() ends it as one
            raise
        print(exc if isinstance(exc, BuildError) else environment_error(exc, config.relative),
              file=sys.stderr)
    return 2


def _command(config: SiteConfig, args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(config, args)
    if args.command == "serve":
        from builder.serve import serve

        if _refused(config):
            return 2
        serve(config, host=args.host, port=args.port)
        return 0
    if args.command == "i18n":
        return _i18n(config, args.action, args.accept, args.listed)
    if args.command == "check":
        return _check(config, args.site, args.strict)
    if args.command == "new":
        return _new(config, args)
    if args.command in ("topics", "outlets"):
        return _inventory(config, args.command)
    return _ingest(config, args)


def _i18n(config: SiteConfig, action: str, accept: list[int] | None = None,
          listed: bool = False) -> int:
    from builder import i18n

    if action == "pair":
        from builder.pairing import pair_command

        return pair_command(config, accept, sys.stdout)
    if action == "extract":
        catalog = i18n.extract_messages(config)
        i18n.write_catalog(i18n.template_path(config), catalog, config.scratch_dir)
        print(f"{config.relative(i18n.template_path(config))}: {len(catalog)} strings")
    elif action == "update":
        from builder.pairing.catalogs import update_command

        return update_command(config, sys.stdout, sys.stderr)
    else:
        from builder.pairing.status import status_command

        return status_command(config, listed, sys.stdout)
    return 0


def _check(config: SiteConfig, site: Path | None, strict: bool) -> int:
    """Exit code 0 when the built site is clean, 1 on errors (or warnings, with ``strict``),
    2 when there is no site a build wrote to check (check reads every file: never ``/``)."""
    from builder.check import check
    from builder.write import SITE_MARKER, has_site_marker

    site_dir = (site or config.site_dir).resolve()
    missing = ("no built site here; run 'digest build' first" if not site_dir.is_dir() else
               None if has_site_marker(site_dir) else f"not a site a digest build wrote (it has "
               f"no {SITE_MARKER}); give the folder 'digest build' wrote")
    if missing:
        print(f"{config.relative(site_dir)}: error: {missing} [site-missing]", file=sys.stderr)
        return 2
    report = check(site_dir, config.relative(site_dir), config.base_url, config.languages)
    print(report.render_text())
    return report.exit_code(strict=strict)


def _build(config: SiteConfig, args: argparse.Namespace) -> int:
    from builder.session import build

    if args.output or args.no_search:  # the folder as given: a link in it is not followed
        config = config.with_output(Path(os.path.abspath(args.output)) if args.output
                                    else config.site_dir, search=False if args.no_search else None)
    if args.future:
        config = replace(config, future=True)
    if _refused(config, args.report_json):
        return 2
    progress = _progress_display()
    report = build(config, progress=progress, explain=args.explain,
                   waiting=lambda line: print(f"digest build: {line}", file=sys.stderr, flush=True))
    if progress:
        progress("")
    for line in report.changes:
        print(line)
    for output, reason in report.explanations:
        print(f"rendered {output}: {reason}")
    print(report.render_text(every_file=args.verbose, strict=args.strict))
    code = report.exit_code(strict=args.strict)
    if args.report_json:
        code = max(code, _write_report(report, args.report_json, config.scratch_dir))
    return code


def _refused(config: SiteConfig, report_json: Path | None = None) -> bool:
    """Whether the output folder (:func:`builder.write.unsafe_output`) or the report's file
    (:func:`builder.write.unsafe_report`) may not be written: then the one line saying why is
    printed (and written as the JSON report, if it may be), and nothing is touched."""
    from builder.state import known_trees, load_state
    from builder.write import unsafe_output, unsafe_report

    report_refusal = (unsafe_report(config.root, config.site_dir, report_json) if report_json
                      else None)
    refusal = report_refusal or unsafe_output(
        config, lambda: known_trees(load_state(config).state))
    if refusal is None:
        return False
    print(refusal, file=sys.stderr)
    if report_json and not report_refusal:
        _write_report(Report((), (refusal,), 0, 0, False), report_json, config.scratch_dir)
    return True


def _write_report(report: Report, target: Path, scratch: Path | None,
                  root: Path | None = None, site_dir: Path | None = None) -> int:
    """``report`` as JSON into ``target``, atomically (through ``scratch``, else beside it):
    0, or 1 (said on stderr) when it cannot be written, so that CI never reads a report of an
    earlier build as this one's. Given the project's ``root`` and ``site_dir``, first checks
    that the file may be written (:func:`builder.write.unsafe_report`)."""
    from builder.util.files import write_atomically
    from builder.write import unsafe_report

    if root and site_dir and (refusal := unsafe_report(root, site_dir, target)):
        print(refusal, file=sys.stderr)
        return 1
    target = Path(os.path.abspath(target))
    try:
        write_atomically(target, report.json_document(), scratch or target.parent)
    except OSError as exc:
        print(f"digest build: cannot write the report to {target}: {exc}", file=sys.stderr)
        return 1
    return 0


def _progress_display() -> Callable[[str], None] | None:
    """One self-replacing status line on a terminal; nothing in CI logs or pipes."""
    if not sys.stderr.isatty() or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return None
    started = time.monotonic()

    def show(message: str) -> None:
        line = f"{time.monotonic() - started:5.1f}s  {message}"
        sys.stderr.write(f"\r\x1b[K{line}" if message else "\r\x1b[K")
        sys.stderr.flush()

    return show


def _ingest(config: SiteConfig, args: argparse.Namespace) -> int:
    """Exit code 1 when a source failed (or, with ``--dry-run``, would fail)."""
    from builder.ingest.run import ingest_sources

    # Absolute, but links not followed: a link in content/sources/ that leads out is refused.
    result = ingest_sources(config, [Path(os.path.abspath(path)) for path in args.paths],
                            force=args.force, dry_run=args.dry_run, today=config.today())
    report = result.render_dry_run() if args.dry_run else result.render_text()
    if report:
        print(report)
    return 1 if result.failed else 0


def _new(config: SiteConfig, args: argparse.Namespace) -> int:
    """Write the page :mod:`builder.scaffold` makes and print its path; on bad input, one line
    on stderr, exit code 1, and nothing written. An existing file is never replaced."""
    from builder import scaffold
    from builder.read import read_articles
    from builder.util.files import write_atomically

    try:
        if args.translation_of is not None and (args.title, args.date, args.outlet) != (None,) * 3:
            raise scaffold.ScaffoldError("a translation takes its title, date and outlet from "
                                         "the original: give --translation-of alone")
        if args.translation_of is None and args.title is None:
            raise scaffold.ScaffoldError("give the new item's title, or --translation-of KEY")
        read = read_articles(config, {})
        if args.translation_of is not None:
            page = scaffold.translation(args.translation_of, args.lang, read, config)
        else:
            date = scaffold.parse_date(args.date) if args.date else config.today()
            page = scaffold.new_item(args.title, args.lang, date, args.outlet, read, config)
    except scaffold.ScaffoldError as exc:
        print(f"digest new: error: {exc}", file=sys.stderr)
        return 1
    target = config.articles_dir / page.path
    try:
        write_atomically(target, page.text.encode("utf-8"), config.scratch_dir, replace=False)
    except FileExistsError:
        print(f"digest new: error: {config.relative(target)} exists; it is left as it is",
              file=sys.stderr)
        return 1
    print(config.relative(target))
    return 0


def _inventory(config: SiteConfig, command: str) -> int:
    """Print ``digest topics`` or ``digest outlets``; exit code 1 when a label is missing."""
    from builder import inventory
    from builder.formats.frontmatter import FrontMatterError, parse
    from builder.formats.pages import page_text
    from builder.read import read_articles

    articles = read_articles(config, {}).articles
    if command == "outlets":
        listing = inventory.outlets(config, articles)
    else:
        named = {}
        for article in articles:  # the read stage drops topics it does not know: ask the page
            try:
                front = parse(page_text((config.root / article.path).read_bytes())).data
            except (OSError, UnicodeDecodeError, FrontMatterError):
                continue  # changed since it was read; its known topics are counted all the same
            named[article.path] = inventory.named_topics(front)
        listing = inventory.topics(config, articles, named)
    for line in listing.lines():
        print(line)
    if command == "outlets" and (unknown := [row.key for row in listing.rows if not row.known]):
        print("\nTo add to content/outlets.yaml (check the names):")
        for lines in inventory.outlet_suggestions(config, articles, unknown):
            print(lines)
    return 0 if listing.complete else 1
