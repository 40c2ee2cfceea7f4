"""Render the multi-project golden comment to HTML as GitHub would (cmark-gfm) and screenshot it.

Run from the repository root, with the test extras installed and Chromium on the PATH:
    python docs/comment_screenshot.py
It writes docs/comment-multi-project.html and docs/comment-multi-project.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.report.gfm import to_html  # noqa: E402

GOLDEN = ROOT / "tests" / "report" / "golden" / "multi-project.md"
HTML = ROOT / "docs" / "comment-multi-project.html"
PNG = ROOT / "docs" / "comment-multi-project.png"

# Close to GitHub's comment styles (system font, 14px, table borders), enough to judge the layout.
STYLE = """
body { font-family: -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif, "Noto Color Emoji";
       font-size: 14px; line-height: 1.5; color: #1f2328; margin: 0; background: #f6f8fa; }
.comment { width: 860px; margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e; }
.body { padding: 0 16px 8px; }
h3 { font-size: 1.25em; } h4 { font-size: 1em; margin: 18px 0 8px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { background: #eff1f3; padding: .2em .4em; border-radius: 6px; font-size: 85%; }
details { margin: 8px 0; } summary { cursor: pointer; }
sub { color: #59636e; }
"""


def main() -> None:
    body = to_html(GOLDEN.read_text(encoding="utf-8"))
    HTML.write_text(
        f'<!doctype html><meta charset="utf-8"><style>{STYLE}</style>'
        f'<div class="comment"><div class="header"><b>costgate</b> bot commented</div>'
        f'<div class="body">{body}</div></div>\n',
        encoding="utf-8",
    )
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--window-size=900,1500",
            f"--screenshot={PNG}",
            HTML.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    print(f"wrote {HTML.relative_to(ROOT)} and {PNG.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
