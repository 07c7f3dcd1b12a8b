"""``make font-check``: is the Chinese edition's font installed? (``make lab`` runs it.)

python -m tools.check_font zh-CN    # exit 1 with the package to install if it is missing
python -m tools.check_font en       # only a note when it is missing: English needs no CJK font
"""

import sys

from nbs_utils.language import LANGUAGES, ensure_cjk_font


def main(edition="en"):
    if edition not in LANGUAGES:
        print(f"LANG_EDITION must be one of {LANGUAGES}, got {edition!r}", file=sys.stderr)
        return 2
    try:
        ensure_cjk_font()
    except RuntimeError as err:
        if edition == "zh-CN":
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"note (only the Chinese edition needs it): {err}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
