"""The ``danvan`` command: ``parse`` a folder of articles into tables, ``build`` the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from danvan.paths import REPO_ROOT


def _add_parse_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="cache folder (default: $DANVAN_CACHE_DIR, else the user cache)",
    )
    parser.add_argument("--no-cache", action="store_true", help="re-parse everything, write no cache")
    parser.add_argument("--max-mb", type=float, default=5.0, help="largest article file accepted (MB)")
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local", help="where per-file work runs"
    )
    parser.add_argument("--scheduler", default=None, help="address of a running dask scheduler")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="danvan", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    parse = sub.add_parser("parse", help="parse a folder of articles into CSV/Parquet tables")
    parse.add_argument("corpus", type=Path, help="folder of .txt / .html articles")
    parse.add_argument("--out", type=Path, required=True, help="folder for the tables")
    _add_parse_options(parse)
    build = sub.add_parser("build", help="parse, execute the notebooks and render the HTML report")
    build.add_argument("--corpus", type=Path, default=REPO_ROOT / "seeds", help="folder of articles")
    build.add_argument("--out", type=Path, default=REPO_ROOT / "report", help="report folder")
    build.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell")
    _add_parse_options(build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    # Imported here, after the arguments are read, so that ``--help`` answers at once.
    from danvan.run.options import ParseOptions
    from danvan.run.pipeline import parse_corpus

    options = ParseOptions(
        jobs=args.jobs,
        cache_dir=args.cache,
        use_cache=not args.no_cache,
        max_mb=args.max_mb,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=not args.quiet,
    )
    try:
        if args.command == "parse":
            summary = parse_corpus(args.corpus, args.out, options)
        else:
            from danvan.report.build import BuildError, build_report

            try:
                summary = build_report(args.corpus, args.out, options, timeout=args.timeout)
            except BuildError as err:
                print(f"danvan build failed: {err}", file=sys.stderr)
                return 1
    except (NotADirectoryError, FileNotFoundError) as err:
        print(f"danvan: {err}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line, file=sys.stderr)
    if summary.parsed == 0:
        print("danvan: no usable article in the corpus", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
