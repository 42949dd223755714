"""The danvan command: fetch pages into a corpus folder, parse a folder of articles into tables, or build
the HTML report from it.

Exit codes: 0 done; 1 nothing usable in the corpus, a notebook failed, or no page fetched (or the corpus
could not be written); 2 a usage error (a folder that does not exist, a file where a folder is needed);
3 an unexpected error (run again with --debug for the traceback); 130 stopped (Ctrl-C).
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import signal
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

from danvan import __version__

EXIT_NOTHING, EXIT_USAGE, EXIT_BUG = 1, 2, 3
FILTERS = ("PROVINCES", "REGION", "YEARS", "MIN_CONFIDENCE")  # the notebooks' filter parameters
PARAMETERS = (*FILTERS, "GROUP_BY", "THEME")  # what -p may set: the filters, the grouping, the mapped theme


class UsageError(Exception):
    """A mistake on the command line: one line for the user, exit code 2."""


def _add_parse_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=None, help="worker processes; None: all cores")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="cache folder; None: $DANVAN_CACHE_DIR, else the user cache",
    )
    parser.add_argument("--no-cache", action="store_true", help="re-parse everything, write no cache")
    parser.add_argument("--max-mb", type=float, default=5.0, help="largest article file accepted, in MB")
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="where per-file work runs"
    )
    parser.add_argument("--scheduler", default=None, help="address of a running dask scheduler")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument(
        "--raw-csv",
        action="store_true",
        help="write CSV text as extracted: no apostrophe before = + - @ (for programs, not spreadsheets)",
    )
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")


def make_parser() -> argparse.ArgumentParser:
    formatter = argparse.ArgumentDefaultsHelpFormatter
    parser = argparse.ArgumentParser(
        prog="danvan",
        description="Parse Vietnamese 'Dân vận khéo' news articles into tables and an HTML report.",
        epilog=__doc__.split("\n\n", 1)[1].replace("\n", " "),
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"danvan {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{fetch,parse,build}")
    _add_fetch_parser(sub, formatter)
    parse = sub.add_parser(
        "parse", help="parse a folder of articles into CSV and Parquet tables", formatter_class=formatter
    )
    parse.add_argument("corpus", type=Path, help="folder of .txt / .html articles (relative to here)")
    parse.add_argument("--out", type=Path, required=True, help="folder for the tables (relative to here)")
    _add_parse_options(parse)
    build = sub.add_parser(
        "build", help="parse, execute the notebooks and render the HTML report", formatter_class=formatter
    )
    build.add_argument(
        "corpus", type=Path, nargs="?", default=Path("seeds"), help="folder of articles (relative to here)"
    )
    build.add_argument("--corpus", dest="corpus_option", type=Path, default=None, help=argparse.SUPPRESS)
    build.add_argument("--out", type=Path, default=Path("report"), help="report folder (relative to here)")
    build.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell")
    build.add_argument("--provinces", default="", help="keep only these provinces, comma-separated")
    build.add_argument("--region", default="", help='keep only this region, e.g. "Mekong Delta"')
    build.add_argument("--years", default="", help="keep articles published in these years, e.g. 2018-2024")
    build.add_argument(
        "--min-confidence",
        choices=("low", "medium", "high"),
        default="",
        help="trust a province placement only from this confidence; weaker ones count as unplaced",
    )
    build.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help=f"a notebook parameter, as papermill takes it ({', '.join(PARAMETERS)})",
    )
    _add_parse_options(build)
    return parser


def _add_fetch_parser(sub: argparse._SubParsersAction, formatter: type) -> None:
    fetch = sub.add_parser(
        "fetch",
        help="fetch the pages a list of links, a sitemap or a feed names into a corpus folder",
        description="Fetch every page SOURCES list into a corpus folder: NAME.html as the server sent it and "
        "NAME.meta.json (URL, final URL, status, time, content type); fetch_log.csv says what came of every "
        "URL. Polite (robots.txt, a delay per host) and resumable: a re-run fetches only what is missing.",
        formatter_class=formatter,
    )
    fetch.add_argument(
        "sources", nargs="+", help="text file of URLs, sitemap (index) or RSS/Atom feed: file or URL"
    )
    fetch.add_argument(
        "--out", type=Path, required=True, help="corpus folder to fetch into (relative to here)"
    )
    fetch.add_argument("--match", default=None, help="keep only page URLs this regular expression finds")
    fetch.add_argument(
        "--since", default=None, help="skip pages a sitemap or feed dates before DATE (YYYY-MM-DD)"
    )
    fetch.add_argument(
        "--refresh", action="store_true", help="ask again for pages already fetched (ETag, date)"
    )
    fetch.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to one host (min 1)"
    )
    fetch.add_argument("--concurrency", type=int, default=4, help="requests in flight over all hosts")
    fetch.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a server")
    fetch.add_argument(
        "--retries", type=int, default=3, help="more attempts after a 429, 5xx or network error"
    )
    fetch.add_argument("--max-mb", type=float, default=5.0, help="largest page kept (MB)")
    fetch.add_argument("--user-agent", default=None, help="User-Agent (say who you are and how to reach you)")
    fetch.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    fetch.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")


def _fetch(args: argparse.Namespace) -> int:
    from danvan.fetch.client import USER_AGENT, FetchOptions
    from danvan.fetch.crawl import fetch_corpus
    from danvan.fetch.store import CorpusRefused

    try:
        match = re.compile(args.match) if args.match else None
    except re.error as err:
        raise UsageError(f"--match {args.match}: {err}") from None
    try:
        since = date.fromisoformat(args.since) if args.since else None
    except ValueError:
        raise UsageError(f"--since {args.since}: give a date as YYYY-MM-DD") from None
    if args.delay < 1.0:
        print(
            "danvan: --delay raised to 1 s, the least danvan waits between requests to one host",
            file=sys.stderr,
        )
    options = FetchOptions(
        delay=max(1.0, args.delay),
        concurrency=max(1, args.concurrency),
        timeout=args.timeout,
        retries=max(0, args.retries),
        max_bytes=int(args.max_mb * 1024 * 1024),
        user_agent=args.user_agent or USER_AGENT,
    )
    out = _out(args)
    try:
        summary = fetch_corpus(
            args.sources,
            out,
            options,
            match=match,
            since=since,
            refresh=args.refresh,
            progress=not args.quiet,
        )
    except (FileNotFoundError, CorpusRefused) as err:
        raise UsageError(str(err)) from None
    except KeyboardInterrupt:  # before any page was asked for: while the sources were read
        print("danvan: stopped while reading the sources; no page was fetched", file=sys.stderr)
        return 130
    except OSError as err:  # the corpus folder cannot be written (permissions, a full disk)
        print(f"danvan: cannot write the corpus: {err}", file=sys.stderr)
        return EXIT_NOTHING
    for line in summary.lines():
        print(line, file=sys.stderr)
    if summary.interrupted:
        return 130
    if summary.kept == 0:
        print("danvan: no page fetched (see fetch_log.csv)", file=sys.stderr)
        return EXIT_NOTHING
    print(
        f"danvan: corpus in {out}; next: danvan build {args.out}",
        file=sys.stderr,
    )
    return 0


def _corpus(args: argparse.Namespace) -> Path:
    """The corpus folder, from the current folder; a file or a missing folder is a usage error."""
    given = getattr(args, "corpus_option", None) or args.corpus
    corpus = Path.cwd() / given
    if corpus.is_file():
        raise UsageError(f"{given} is a file; give the folder that holds the articles (a corpus is a folder)")
    if not corpus.is_dir():
        raise UsageError(f"corpus folder not found: {given} (looked in {Path.cwd()})")
    return corpus


def _out(args: argparse.Namespace) -> Path:
    out = Path.cwd() / args.out
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {args.out} is a file; give a folder for the output")
    return out


def _parameters(args: argparse.Namespace) -> dict[str, Any]:
    """The notebooks' filter parameters from --provinces/--region/--years and -p NAME VALUE."""
    params: dict[str, Any] = {}
    if args.provinces:
        params["PROVINCES"] = [p.strip() for p in args.provinces.split(",") if p.strip()]
    if args.region:
        params["REGION"] = args.region
    if args.years:
        years = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", args.years)
        if not years:
            raise UsageError(f"--years {args.years}: give a year or a span, e.g. 2018-2024")
        params["YEARS"] = [int(years.group(1)), int(years.group(2) or years.group(1))]
    if args.min_confidence:
        params["MIN_CONFIDENCE"] = args.min_confidence
    for name, value in args.parameter:
        if name not in PARAMETERS:
            raise UsageError(f"-p {name}: the notebooks take {', '.join(PARAMETERS)}")
        try:
            params[name] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[name] = value  # a bare word is a string, as papermill reads it
    if "GROUP_BY" in params:
        from danvan.report.groups import check_grouping

        try:
            check_grouping(params["GROUP_BY"])
        except ValueError as error:
            raise UsageError(f"-p GROUP_BY: {error}") from None
    return params


def _stop(signum: int, _frame: object) -> None:
    """SIGTERM as Ctrl-C: the same clean stop (workers ended, temporary folders removed, output untouched)."""
    raise KeyboardInterrupt


_quick_exit = threading.Event()  # set once a parse is done: see :func:`entry`


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("danvan: stopped; the output folder is as it was before", file=sys.stderr)
        return 130
    except UsageError as err:
        print(f"danvan: {err}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:  # one line for the user; the traceback on request
        if args.debug:
            raise
        print(f"danvan: unexpected error: {err} (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_BUG


def _run(args: argparse.Namespace) -> int:
    if args.command == "fetch":
        return _fetch(args)
    corpus, out = _corpus(args), _out(args)
    # Imported here, after the arguments are read, so that --help and usage errors answer at once.
    from danvan.run.options import ParseOptions
    from danvan.run.outfolder import UnsafeOutput
    from danvan.run.pipeline import parse_corpus

    options = ParseOptions(
        jobs=args.jobs,
        cache_dir=args.cache,
        use_cache=not args.no_cache,
        max_mb=args.max_mb,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not args.quiet,
        raw_csv=args.raw_csv,
    )
    try:
        if args.command == "parse":
            summary = parse_corpus(corpus, out, options)
            where = f"tables in {out}"
            if options.engine != "dask":  # nothing left to end but this process (workers end with it)
                _quick_exit.set()
        else:
            from danvan.report.build import BuildError, build_report

            try:
                summary = build_report(
                    corpus, out, options, timeout=args.timeout, parameters=_parameters(args)
                )
            except BuildError as err:
                print(f"danvan build failed: {err}", file=sys.stderr)
                return EXIT_NOTHING
            where = f"report in {out / 'index.html'}, tables in {out / 'data'}"
    except UnsafeOutput as err:
        raise UsageError(str(err)) from None
    for line in summary.lines():
        print(line, file=sys.stderr)
    if summary.parsed == 0:
        print("danvan: no usable article in the corpus (see the reasons above)", file=sys.stderr)
        return EXIT_NOTHING
    print(f"danvan: {where}", file=sys.stderr)
    return 0


def entry() -> None:
    """The ``danvan`` command: :func:`main`; after a local parse, whose output is written and published by
    then, the process ends without tearing the interpreter down (0.1-0.15 s of a 1 s re-run)."""
    code = main()
    if _quick_exit.is_set():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a reader gone (a closed pipe): nothing more can be said
            pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()
