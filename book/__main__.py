"""``python -m book`` (``make site``): execute the notebooks, build the site into build/site/."""

import argparse
import json
import sys
from pathlib import Path

from book.build import ROOT, build


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m book", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "book")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once")
    parser.add_argument("--json", action="store_true", help="print the timings as JSON last")
    args = parser.parse_args(argv)
    timings = build(args.out, args.work, jobs=args.jobs)
    if args.json:
        print(json.dumps(timings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
