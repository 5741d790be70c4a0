"""``python -m checks output/``: run every quality gate over a built site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import CHECK_NAMES, run_checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checks", description="Validate a built site: HTML, accessibility, "
        "links and anchors, the Atom feed, the JSON exports and the sitemap."
    )  # fmt: skip
    parser.add_argument("site", type=Path, help="the built output directory")
    parser.add_argument(
        "--only", default=",".join(CHECK_NAMES),
        help=f"comma-separated checks to run (default: all of {','.join(CHECK_NAMES)})",
    )  # fmt: skip
    parser.add_argument(
        "--site-url", default="", help="a publish build's SITEURL, so absolute links are checked"
    )
    parser.add_argument("--max-problems", type=int, default=50, help="problems shown per check")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(CHECK_NAMES))
    if unknown:
        parser.error(f"unknown check(s): {', '.join(unknown)}")
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}: not a built site (no index.html); build it first")
        return 2

    started = time.perf_counter()
    results = run_checks(args.site, names, args.site_url)
    failed = 0
    for result in results:
        print(result.summary())
        for problem in result.problems[: args.max_problems]:
            print(f"    {problem}")
        if len(result.problems) > args.max_problems:
            print(f"    … and {len(result.problems) - args.max_problems} more")
        failed += not result.ok
    elapsed = time.perf_counter() - started
    print(f"{len(results) - failed}/{len(results)} checks passed in {elapsed:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
