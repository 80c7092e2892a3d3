"""``sec16 preview``: a draft or ownership XML as the printed form, an HTML page or plain text."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands.common import ExitCode, existing
from generator.support.errors import UsageError

if TYPE_CHECKING:
    from generator.model.filing import Filing


def preview(
    file: str,
    *,
    output: str | None = None,
    text: bool = False,
    open_page: bool = False,
    force: bool = False,
) -> int:
    """Write the page of ``file`` (default: beside it, with .html), or print it as ``text``;
    ``open_page`` shows the page in a browser."""
    from generator.formats.preview import html_page
    from generator.support.files import write_atomic

    if text and (output or open_page):
        raise UsageError("--text prints the preview to the terminal; leave out -o and --open")
    [path] = existing([file])
    loaded = load(path)
    for note in loaded.notes:
        print(f"{path}: note: {note}", file=sys.stderr)
    if text:
        from generator.formats.preview_text import text_view

        sys.stdout.write(text_view(loaded.filing))
        return ExitCode.OK
    target = output_path(path, output)
    write_atomic(target, html_page(loaded.filing, source=path.name), force=force)
    print(f"{target}: preview of Form {loaded.filing.form.value}")
    if open_page and not open_in_browser(target):
        print(f"no browser display here; open {target.resolve().as_uri()} to see it")
    return ExitCode.OK


@dataclass(frozen=True)
class Loaded:
    """A filing read for preview: from a draft, or imported from ownership XML."""

    filing: Filing
    notes: tuple[str, ...] = ()


def load(path: Path) -> Loaded:
    """A draft (.yaml/.yml) or any ownership XML the importer reads (.xml, submission .txt)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        from generator.formats.draft import load_draft

        return Loaded(load_draft(path))
    from generator.formats.importer import import_file

    imported = import_file(path)
    return Loaded(imported.filing, notes=tuple(imported.notes))


def output_path(path: Path, output: str | None) -> Path:
    """Where the page goes: ``-o`` (a file, or a folder to put FILE.html in), else beside FILE."""
    target = Path(output) if output else path.with_suffix(".html")
    if target.is_dir():
        target = target / path.with_suffix(".html").name
    if target.resolve() == path.resolve():
        raise UsageError(f"-o {output}: that is the input itself; name an .html file")
    return target


def display_plausible() -> bool:
    """Whether a graphical browser could open here (macOS, Windows, or X11/Wayland running)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_in_browser(path: Path) -> bool:
    """Open the page in the user's browser; False when there is no display to open it on."""
    if not display_plausible():
        return False
    import webbrowser

    return webbrowser.open(path.resolve().as_uri())
