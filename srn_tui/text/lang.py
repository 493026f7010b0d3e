"""Which language to speak (from the locale environment variables), and the placeholders a sentence needs."""

from __future__ import annotations

import os
import string
from collections.abc import Mapping

LANGUAGES = ("en", "zh")


def detect_lang(environ: Mapping[str, str] = os.environ) -> str:
    """ "zh" when the locale in force is Chinese (zh_CN.UTF-8, zh_TW, zh ...), else "en".

    POSIX precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG; the first non-empty one decides.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
    return lang


def placeholders(template: str) -> set[str]:
    """The {named} values a template needs."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fill(what: str, template: str, values: Mapping[str, object]) -> str:
    """`template` with its {named} `values` filled in; `what` names it when one is missing."""
    missing = placeholders(template) - set(values)
    if missing:
        raise ValueError(f"{what}: missing value for {sorted(missing)[0]!r}")
    return template.format(**values)


def fill_table(
    tables: Mapping[str, Mapping[str, str]], kind: str, lang: str, key: str, values: Mapping[str, object]
) -> str:
    """The template `key` of `tables[lang]` with `values` filled in (already formatted by the caller);
    ValueError naming the `kind` of words and the first missing value."""
    return fill(f"{kind} {key!r}", tables[check_lang(lang)][key], values)
