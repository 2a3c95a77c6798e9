"""Content-Security-Policy: scripts only from Lantu's own files, and no template keeps an inline script."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.IGNORECASE)


def test_pages_forbid_inline_and_foreign_scripts(login, world):
    policy = login("planner").get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["frame-ancestors"] == "'none'"


def test_no_template_has_an_inline_script_or_event_handler():
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("lantu/**/templates/**/*.html")]
    offenders = [
        str(path.relative_to(ROOT))
        for path in templates
        if INLINE_HANDLER.search(path.read_text()) or INLINE_SCRIPT.search(path.read_text())
    ]
    assert templates and not offenders
