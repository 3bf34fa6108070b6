"""Writing output files so that a failed run never leaves a half-written file, and no run ever
replaces one of its own inputs.

Every file a command reads through :func:`note_input` (the YAML loader and the batch reader do)
is remembered for the run; :func:`write_atomic` refuses to replace any of them, whatever path
names it (a symbolic or hard link, ``./``, an absolute path).  :func:`check_outputs` refuses,
before any work, outputs that are inputs, that coincide with one another, or whose folder is
missing.  A device or a pipe (``/dev/stdout``) given as an output is written to, not replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

from .errors import RumahError
from .i18n import tr
from .schema import BIDI_CONTROLS


class OutputError(RumahError, OSError):
    """An output file cannot be written."""


#: (device, inode) -> path of every file this process has read as an input.
_INPUTS: dict[tuple[int, int], str] = {}


def note_input(path: str | Path) -> None:
    """Remember ``path`` as an input of the run: no output may replace it."""
    with contextlib.suppress(OSError):
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode):
            _INPUTS[(info.st_dev, info.st_ino)] = str(path)


def release_input(path: str | Path) -> None:
    """Let the run replace ``path`` after all: a consultation reopened with ``--from`` saves its
    answers back into the very file it read."""
    key = _identity(Path(path))
    if key is not None:
        _INPUTS.pop(key, None)


def forget_inputs() -> None:
    """Start a new run (each command of the command line is one)."""
    _INPUTS.clear()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _input_named(path: Path) -> str | None:
    key = _identity(path)
    return _INPUTS.get(key) if key is not None else None


def is_special(path: str | Path) -> bool:
    """A device, pipe or socket (``/dev/stdout``, ``/dev/null``): written to, never replaced.

    So is a link to a process's open file, whatever it leads to: ``/dev/stdout`` of a command whose
    output goes to a file is that regular file, and replacing it would replace the machine's
    /dev/stdout link, not write to the command's output (which is appended to, ``>>`` or not)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return True
    # A link to a process's open file (/dev/stdout -> /proc/self/fd/1) anywhere along the way.
    current = os.path.abspath(path)
    for _ in range(40):
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.abspath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return False


def check_outputs(outputs: Mapping[str, str | Path | None], inputs: Iterable[str | Path] = ()) -> None:
    """Before any work: each output (option name -> path) must be writable where it is (its
    folder exists, it is not a folder), none may be an input, and no two may be the same file."""
    seen: dict[str, str] = {}
    probed: set[str] = set()
    named = {}
    for item in inputs:
        key = _identity(Path(item))
        if key is not None:
            named[key] = str(item)
    for option, raw in outputs.items():
        if raw is None:
            continue
        text = str(raw)
        path = Path(text)
        if is_special(path):
            continue
        _check_place(text, path)
        _probe(path.parent if str(path.parent) else Path("."), text, probed)
        key = _identity(path)
        clash = named.get(key) if key is not None else None
        if clash is None and key is not None:
            clash = _INPUTS.get(key)
        if clash is not None:
            raise OutputError(tr("{file}: {option} would replace the input {input}; write to another file", file=text,
                                 option=option, input=clash))
        real = os.path.realpath(path)
        if real in seen:
            raise OutputError(tr("{file}: {option} is the same file as {other}; give each output its own name",
                                 file=text, option=option, other=seen[real]))
        seen[real] = f"{option} {text}" if option.startswith("-") else f"{option} ({text})"


def check_folder(folder: str | Path) -> None:
    """Before any work: files can be written in ``folder`` (one is made there and removed)."""
    _probe(Path(folder), str(folder), set())


def _probe(folder: Path, text: str, probed: set[str]) -> None:
    """Make and remove a file in ``folder``: a read-only disk, a folder without write permission or
    /proc is found before the work, not after hours of it."""
    real = os.path.realpath(folder)
    if real in probed:
        return
    probed.add(real)
    import tempfile  # only when a file is to be written (see _temporary)
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".rumah-", suffix=".probe")
    except OSError as exc:
        raise OutputError(tr("{file}: cannot write in folder {folder!r} ({reason})", file=text, folder=str(folder),
                             reason=exc.strerror or exc)) from None
    os.close(handle)
    with contextlib.suppress(OSError):
        os.unlink(name)


def _check_place(text: str, path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if text.endswith(("/", os.sep)):
            if path.is_dir():
                raise OutputError(tr("{file}: is a folder, expected a file name", file=text))
            raise OutputError(tr("{file}: folder does not exist (a name ending in / is a folder)", file=text))
        if not folder.is_dir():
            raise OutputError(tr("{path}: folder {folder!r} does not exist", path=text, folder=str(folder)))
        if path.is_dir():
            raise OutputError(tr("{file}: is a folder, expected a file name", file=text))
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(tr("{file}: cannot be written ({reason})", file=text, reason=exc.strerror or exc)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary(path: Path, payload: bytes, private: bool = False) -> str:
    """Write ``payload`` to a new temporary file beside ``path``; its name.  ``private``: readable
    by its owner only (0600), as the register it comes from."""
    # Here, not at the top: tempfile brings shutil, random and the compressors, and most runs
    # (an estimate or a plan on standard output) write no file.
    import tempfile
    folder = path.parent if str(path.parent) else Path(".")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        if not private:
            os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        return temporary
    except BaseException as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(tr("{file}: cannot write in folder {folder!r} ({reason})", file=path, folder=str(folder),
                                 reason=exc.strerror or exc)) from None
        raise


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    Readers see either the old file or the complete new one, never a partial write.  A device or
    pipe is written to directly.
    """
    write_all_atomic([(path, data)])


def write_all_atomic(items: list[tuple[str | Path, str | bytes]], stale: Iterable[Path] = (),
                     private: bool = False) -> None:
    """Write several files as one: every one to its temporary file first, then all renamed into
    place, so that a set (the DXF plans of every step) is replaced whole or not at all: should a
    rename fail part way, the files already replaced get their earlier contents back.  ``stale``:
    files of an earlier set that the new one does not have, removed once it is in place;
    ``private``: files readable by their owner only (what the families' register holds)."""
    prepared = []
    kept: list[tuple[Path, str | None]] = []    # (replaced file, its earlier contents' copy or None)
    current, several = None, len(items) > 1
    try:
        for raw, data in items:
            text = str(raw)
            path = Path(text)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            if is_special(path):
                prepared.append((path, None, payload))
                continue
            _check_place(text, path)
            clash = _input_named(path)
            if clash is not None:
                raise OutputError(tr("{file}: would replace the input {input}; write to another file", file=text,
                                     input=clash))
            prepared.append((path, _temporary(path, payload, private), payload))
        for path, temporary, payload in prepared:
            if temporary is None:
                _write_device(path, payload)
        several = sum(temporary is not None for _, temporary, _ in prepared) > 1
        for path, temporary, _ in prepared:
            if temporary is not None:
                current = path
                # One file alone is replaced or not; of a set, each earlier file is kept aside
                # until all are in place.
                aside = _set_aside(path) if several else None
                try:
                    os.replace(temporary, path)
                except OSError:
                    if aside is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(aside)
                    raise
                kept.append((path, aside))
        current = None
        for path in stale:
            with contextlib.suppress(OSError):
                os.unlink(path)
    except BaseException as exc:
        for _, temporary, _ in prepared:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        restored = _put_back(kept)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(tr("{file}: cannot be written ({reason}); no file of the set was changed",
                                 file=current or "", reason=exc.strerror or exc)
                              if several and restored else tr("{file}: cannot be written ({reason})",
                                                              file=current or "", reason=exc.strerror or exc)) from None
        raise
    for _, aside in kept:
        if aside is not None:
            with contextlib.suppress(OSError):
                os.unlink(aside)


def _set_aside(path: Path) -> str | None:
    """A copy of ``path``'s present contents beside it (None if it does not exist), to put back
    should the set it belongs to not be written whole."""
    if not path.exists():
        return None
    import shutil
    copy = _temporary(path, b"")
    try:
        shutil.copyfile(path, copy)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(copy)
        raise
    return copy


def _put_back(kept: list[tuple[Path, str | None]]) -> bool:
    """Undo the renames of a set written in part: earlier contents back, new files gone.  Whether
    every file is as it was."""
    restored = True
    for path, aside in reversed(kept):
        try:
            if aside is None:
                os.unlink(path)
            else:
                os.replace(aside, path)
        except OSError:
            restored = False
    return restored


def copy_into(path: str | Path, source: str | Path) -> None:
    """Stream the file ``source`` into the device or pipe ``path`` (a batch's results may be
    larger than memory)."""
    import shutil
    try:
        # Appending: /dev/stdout of a command run with ">> file" is that file, which "wb" would empty.
        with open(source, "rb") as reading, open(path, "ab") as writing:
            shutil.copyfileobj(reading, writing, 1 << 20)
    except OSError as exc:
        raise OutputError(tr("{file}: cannot be written ({reason})", file=path, reason=exc.strerror or exc)) from None


def _write_device(path: Path, payload: bytes) -> None:
    try:
        # Appending: /dev/stdout of a command run with ">> file" is that file, which "wb" would empty.
        with open(path, "ab") as stream:
            stream.write(payload)
    except OSError as exc:
        raise OutputError(tr("{file}: cannot be written ({reason})", file=path, reason=exc.strerror or exc)) from None


def terminal_safe(text: str) -> str:
    """``text`` without control characters (but newlines and tabs) and bidirectional controls,
    for a terminal: a name cannot move the cursor, clear the screen or reverse a line."""
    import unicodedata
    return "".join(ch for ch in text if ch in "\n\t" or (ch not in BIDI_CONTROLS and unicodedata.category(ch) != "Cc"))
