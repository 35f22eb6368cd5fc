"""The till's Thai translation: update the .ts from the code, release the .qm, check both.

    python tools/i18n.py update    # pyside6-lupdate: ui/*.py -> resources/i18n/otop_pos_th.ts
    python tools/i18n.py release   # pyside6-lrelease: otop_pos_th.ts -> otop_pos_th.qm
                                   #   and qt_th.ts (Qt's own strings) -> qt_th.qm
    python tools/i18n.py check     # non-zero exit on anything a Thai cashier would see in English

The UI is written in English (tr() / QCoreApplication.translate); Thai comes from the .qm.
`update` keeps every existing translation (lupdate merges); new strings come in marked
unfinished. `check` runs lupdate on a scratch copy of the .ts, so a string added to the code
without `update` is caught too, and then fails on: strings missing from the .ts, unfinished
or empty translations, placeholders ({amount}, %1, %n), key names (F12, Enter, Esc, ...),
line breaks or leading/trailing spaces that differ from the source, and a .qm that does not
give the .ts's translations (run `release`).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGE = "th"
TS = I18N / f"otop_pos_{LANGUAGE}.ts"
QM = I18N / f"otop_pos_{LANGUAGE}.qm"
# Qt's own strings (standard buttons, file dialog): Qt ships no Thai, so we keep them here;
# written by hand (no code of ours holds them), compiled and checked with ours
QT_TS = I18N / f"qt_{LANGUAGE}.ts"
QT_QM = I18N / f"qt_{LANGUAGE}.qm"

# every .py file of the UI; elsewhere only files that name a Qt translation function
UI_DIRS = ("ui",)
OTHER_DIRS = ("printing", "pos")
TRANSLATE_CALL = re.compile(r"QCoreApplication\.translate\(|QT_TRANSLATE_NOOP|QT_TR_NOOP")

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%(?:L?\d+|n)")
KEY_NAME = re.compile(r"\b(?:F\d{1,2}|Enter|Esc|Delete|Ctrl\+[A-Z])\b")
DEAD = ("vanished", "obsolete")


class ToolError(RuntimeError):
    """A Qt tool is missing or failed."""


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    forms: tuple[str, ...]  # the translation, or each plural form of a numerus message
    kind: str  # "" (finished), "unfinished", "vanished" or "obsolete"
    numerus: bool
    line: str  # "file:line" of its first location, for the report

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def alive(self) -> bool:
        return self.kind not in DEAD


# --- the Qt tools ---------------------------------------------------------------------------
def qt_tool(name: str) -> Path:
    """pyside6-<name> next to the running Python (the venv), else PySide6's own binary."""
    exe = ".exe" if sys.platform == "win32" else ""
    candidates = [Path(sys.executable).parent / f"pyside6-{name}{exe}"]
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        package = Path(spec.origin).parent
        candidates += [package / f"{name}{exe}", package / "Qt" / "libexec" / f"{name}{exe}"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    found = shutil.which(f"pyside6-{name}")
    if found:
        return Path(found)
    raise ToolError(f"pyside6-{name} not found (is PySide6 installed in this Python?)")


def run_tool(name: str, args: Sequence[str], *, quiet: bool = False) -> None:
    cmd = [str(qt_tool(name)), *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=quiet, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout or "").strip() if quiet else ""
        raise ToolError(f"{name} failed ({done.returncode}): {' '.join(cmd)}\n{detail}".strip())


def sources() -> list[str]:
    """The files lupdate reads, relative to the repository (as the .ts locations are)."""
    files: set[Path] = set()
    for folder in UI_DIRS:
        files.update((ROOT / folder).rglob("*.py"))
    for folder in OTHER_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            if TRANSLATE_CALL.search(path.read_text(encoding="utf-8")):
                files.add(path)
    return sorted(p.relative_to(ROOT).as_posix() for p in files)


def lupdate(ts: Path, *, no_obsolete: bool = False, quiet: bool = False) -> None:
    args = [*sources(), "-ts", str(ts)]
    if no_obsolete:
        args.insert(0, "-no-obsolete")
    if quiet:
        args.insert(0, "-silent")
    run_tool("lupdate", args, quiet=quiet)


def lrelease(ts: Path, qm: Path, *, quiet: bool = False) -> None:
    args = [str(ts), "-qm", str(qm)]
    if quiet:
        args.insert(0, "-silent")
    run_tool("lrelease", args, quiet=quiet)


# --- reading a .ts --------------------------------------------------------------------------
def read_ts(path: Path) -> list[Message]:
    messages: list[Message] = []
    for context in ET.parse(path).getroot().iter("context"):
        context_name = context.findtext("name") or ""
        for m in context.iter("message"):
            translation = m.find("translation")
            numerus = m.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ("",)
                kind = "unfinished"
            else:
                kind = translation.get("type", "")
                if numerus:
                    forms = tuple(f.text or "" for f in translation.iter("numerusform")) or ("",)
                else:
                    forms = (translation.text or "",)
            location = m.find("location")
            line = (
                f"{Path(location.get('filename', '')).name}:{location.get('line', '?')}"
                if location is not None
                else "?"
            )
            messages.append(
                Message(
                    context=context_name,
                    source=m.findtext("source") or "",
                    comment=m.findtext("comment") or "",
                    forms=forms,
                    kind=kind,
                    numerus=numerus,
                    line=line,
                )
            )
    return messages


def _edges(text: str) -> tuple[str, str]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def problems_of(message: Message) -> list[str]:
    """What is wrong with one live message's translation ([] if nothing)."""
    if message.kind == "unfinished":
        return ["unfinished"]
    found: list[str] = []
    for form in message.forms:
        if not form.strip():
            found.append("empty translation")
            continue
        if Counter(PLACEHOLDER.findall(form)) != Counter(PLACEHOLDER.findall(message.source)):
            found.append(f"placeholders differ: {form!r}")
        missing = Counter(KEY_NAME.findall(message.source)) - Counter(KEY_NAME.findall(form))
        if missing:
            found.append(f"key names missing ({', '.join(sorted(missing))}): {form!r}")
        if form.count("\n") != message.source.count("\n"):
            found.append(f"line breaks differ: {form!r}")
        if _edges(form) != _edges(message.source):
            found.append(f"leading/trailing spaces differ: {form!r}")
    return found


def qm_problems(ts_messages: Sequence[Message], qm: Path) -> list[str]:
    """Does the .qm give every finished translation of the .ts?"""
    if not qm.exists():
        return [f"{qm.name} is missing: run `python tools/i18n.py release`"]
    from PySide6.QtCore import QTranslator  # only `check` needs Qt itself

    translator = QTranslator()
    if not translator.load(str(qm)):
        return [f"{qm.name} cannot be loaded: run `python tools/i18n.py release`"]
    stale = 0
    for m in ts_messages:
        if not m.alive or m.kind == "unfinished":
            continue
        got = translator.translate(m.context, m.source, m.comment or None, 1 if m.numerus else -1)
        if got != m.forms[0]:
            stale += 1
    if stale:
        return [
            f"{qm.name} is out of date ({stale} translation(s) differ from the .ts): "
            "run `python tools/i18n.py release`"
        ]
    return []


def check(ts: Path = TS, qm: Path = QM) -> list[str]:
    """Everything wrong with the translation, one line each ([] when all is well)."""
    if not ts.exists():
        return [f"{ts} is missing: run `python tools/i18n.py update`"]
    committed = read_ts(ts)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / ts.name
        shutil.copyfile(ts, scratch)
        lupdate(scratch, quiet=True)
        current = read_ts(scratch)
    known = {m.key for m in committed if m.alive}
    report: list[str] = []
    for m in current:
        if not m.alive:
            if m.key in known:
                report.append(
                    f"{m.context}: {m.source!r} is no longer in the code "
                    "(run `python tools/i18n.py update`)"
                )
            continue
        where = f"{m.line} {m.context}: {m.source!r}"
        if m.key not in known:
            report.append(
                f"{where}: not in {ts.name} (run `python tools/i18n.py update`, then translate it)"
            )
            continue
        report.extend(f"{where}: {problem}" for problem in problems_of(m))
    report.extend(qm_problems(committed, qm))
    return report


def check_qt(ts: Path = QT_TS, qm: Path = QT_QM) -> list[str]:
    """Everything wrong with the Thai for Qt's own strings ([] when all is well); "Delete"
    there is a menu entry's word, not the key, so key names are not asked for."""
    if not ts.exists():
        return [f"{ts} is missing"]
    messages = read_ts(ts)
    report = [
        f"{m.context}: {m.source!r}: {problem}"
        for m in messages
        if m.alive
        for problem in problems_of(m)
        if not problem.startswith("key names missing")
    ]
    report.extend(qm_problems(messages, qm))
    return report


# --- command line ---------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    update = commands.add_parser("update", help="pull new strings from the code into the .ts")
    update.add_argument(
        "--no-obsolete",
        action="store_true",
        help="drop strings no longer in the code (default: keep, marked vanished)",
    )
    commands.add_parser("release", help="compile the .ts into the .qm the till loads")
    commands.add_parser("check", help="fail on untranslated strings or a stale .ts/.qm")
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            lupdate(TS, no_obsolete=args.no_obsolete)
            todo = [m for m in read_ts(TS) if m.alive and problems_of(m)]
            print(f"{TS.relative_to(ROOT)}: {len(todo)} message(s) to translate")
            return 0
        if args.command == "release":
            lrelease(TS, QM)
            lrelease(QT_TS, QT_QM)
            return 0
        report = check() + check_qt()
    except ToolError as exc:
        print(f"i18n: {exc}", file=sys.stderr)
        return 2
    for line in report:
        print(line)
    if report:
        print(f"i18n check: {len(report)} problem(s) in {TS.relative_to(ROOT)}", file=sys.stderr)
        return 1
    live = sum(1 for m in read_ts(TS) if m.alive)
    print(f"i18n check: all {live} messages translated; {QM.name} is up to date")
    print(f"i18n check: Qt's own strings translated; {QT_QM.name} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
