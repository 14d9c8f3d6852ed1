"""Prompt files: NAME.txt with str.format placeholders and an optional system/user split."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import PromptError

USER_SEPARATOR = "---user---"
_NAME = re.compile(r"[a-z0-9_]+\Z")
_PACKAGE_DIR = Path(__file__).resolve().parent


def prompt_dirs() -> list[Path]:
    """Return the folders searched for prompt files, in order."""
    return [_PACKAGE_DIR / "_prompts", _PACKAGE_DIR.parent / "prompts"]


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt template: an optional system part and a user part."""

    name: str
    path: Path
    system: str | None
    user: str
    placeholders: frozenset[str]

    def _fill(self, template: str, values: dict[str, object]) -> str:
        """Format one part after checking the values match the placeholders exactly."""
        missing = sorted(self.placeholders - values.keys())
        unknown = sorted(values.keys() - self.placeholders)
        if missing or unknown:
            raise PromptError(f"prompt {self.path}: missing values {missing}, unexpected values {unknown}")
        return template.format(**values)

    def render(self, **values: object) -> str:
        """Return the whole prompt as one text (system part, blank line, user part)."""
        parts = [self.system, self.user] if self.system is not None else [self.user]
        return "\n\n".join(self._fill(part, values) for part in parts)

    def messages(self, **values: object) -> list[dict[str, str]]:
        """Return chat messages: a system message (if the file has one) and a user message."""
        out = [{"role": "system", "content": self._fill(self.system, values)}] if self.system is not None else []
        return out + [{"role": "user", "content": self._fill(self.user, values)}]


def _find(name: str) -> Path:
    """Return the path of NAME.txt in the first prompt folder that has it."""
    if not _NAME.match(name):
        raise PromptError(f"invalid prompt name {name!r}: use lowercase letters, digits and _")
    for folder in prompt_dirs():
        path = folder / f"{name}.txt"
        if path.is_file():
            return path
    raise PromptError(f"prompt file {name}.txt not found in {', '.join(str(d) for d in prompt_dirs())}")


def _split(text: str) -> tuple[str | None, str]:
    """Split a prompt file at its `---user---` line into (system, user)."""
    lines = text.splitlines()
    cuts = [i for i, line in enumerate(lines) if line.strip() == USER_SEPARATOR]
    if not cuts:
        return None, text.strip("\n")
    if len(cuts) > 1:
        raise ValueError(f"more than one {USER_SEPARATOR} line")
    return "\n".join(lines[: cuts[0]]).strip("\n"), "\n".join(lines[cuts[0] + 1 :]).strip("\n")


def placeholders(template: str) -> set[str]:
    """Return the named placeholders of a str.format template (ValueError on anything but plain {name})."""
    found: set[str] = set()
    for _literal, field, spec, conversion in string.Formatter().parse(template):
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise ValueError(f"placeholder {{{field}}} must be a plain {{name}} (double literal braces)")
        found.add(field)
    return found


@lru_cache(maxsize=64)
def _load(name: str, required: frozenset[str]) -> Prompt:
    """Read, split and check one prompt file (cached per name and placeholder set)."""
    path = _find(name)
    try:
        system, user = _split(path.read_text(encoding="utf-8"))
        found = placeholders(user) | (placeholders(system) if system is not None else set())
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise PromptError(f"prompt file {path}: {err}") from None
    missing, unknown = sorted(required - found), sorted(found - required)
    if missing or unknown:
        raise PromptError(f"prompt file {path}: missing placeholders {missing}, unknown placeholders {unknown}; expected exactly {sorted(required)}")
    return Prompt(name=name, path=path, system=system, user=user, placeholders=frozenset(found))


def load_prompt(name: str, required: set[str]) -> Prompt:
    """Load prompt NAME whose placeholders must be exactly `required` (PromptError otherwise)."""
    return _load(name, frozenset(required))
