"""The register of the families a clinic serves: where it lives, and how it is opened.

One SQLite file by default (in the user's data folder; WAL, so the desk can read while it
writes; readable by its owner only), or a PostgreSQL database given its URL, for a province
that runs one register for many clinics.  :func:`open_register` returns a
:class:`~rumah.desk.register.families.Register`; every database error it meets (missing,
locked, damaged, from a newer rumah) becomes a :class:`RegisterError` that names the register.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import URL, Engine, make_url

from ...i18n import tr
from .tables import RegisterError, foreign, prepare

#: The register's file name in the user's data folder.
FILE_NAME = "register.sqlite"
#: How long a writer waits for another to finish before the register is "locked". [ms]
BUSY_TIMEOUT = 5000
_SQLITE_HEADER = b"SQLite format 3\x00"


def default_location() -> Path:
    """``register.sqlite`` in the user's data folder (``$XDG_DATA_HOME/rumah`` on Linux,
    ``~/.local/share/rumah`` by default; the platform's own folder elsewhere)."""
    import platformdirs
    return platformdirs.user_data_path("rumah", appauthor=False) / FILE_NAME


class Location:
    """Where a register is: a SQLite file (``path``) or a server (``url``), and how to name it in
    a message (a URL's password hidden)."""

    def __init__(self, given: str | Path | None):
        self.path: Path | None = None
        self.url: URL | None = None
        if given is None:
            self.path = default_location()
            self.default = True
            return
        self.default = False
        text = str(given)
        if "://" in text:
            try:
                url = make_url(text)
            except exc.ArgumentError:
                raise RegisterError(tr("{text}: expected a file name or a database URL such as "
                                       "postgresql://user@host/rumah", text=text)) from None
            if url.get_backend_name() == "sqlite":
                if not url.database:
                    raise RegisterError(tr("{text}: expected a file name after sqlite:///", text=text))
                self.path = Path(url.database)
            elif url.get_backend_name() == "postgresql":
                self.shown = url.render_as_string(hide_password=True)
                self.url = url.set(drivername="postgresql+psycopg")
            else:
                raise RegisterError(tr("{url}: expected a SQLite file or a postgresql:// URL, found a {kind} URL",
                                       url=url.render_as_string(hide_password=True), kind=url.get_backend_name()))
        else:
            self.path = Path(text)

    def __str__(self) -> str:
        if self.path is not None:
            return str(self.path)
        return self.shown


def _sqlite_file(path: Path, create: bool, default: bool) -> None:
    """Check (or create, private to its owner) the register's file before SQLite opens it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if not create:
            raise RegisterError(tr("{path}: no register here (expected a register file made by rumah; "
                                   "`rumah register add` or the desk makes one)", path=path)) from None
        folder = path.parent
        if default:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not folder.is_dir():
            raise RegisterError(tr("{path}: folder {folder!r} does not exist", path=path,
                                   folder=str(folder))) from None
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))
        except FileExistsError:
            pass                                  # made by another process meanwhile
        except OSError as error:
            raise RegisterError(tr("{path}: cannot create the register ({reason})", path=path,
                                   reason=error.strerror or error)) from None
        return
    except OSError as error:
        raise RegisterError(tr("{path}: cannot be read ({reason})", path=path,
                               reason=error.strerror or error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise RegisterError(tr("{path}: is a folder, expected a register file", path=path))
    if not stat.S_ISREG(info.st_mode):
        raise RegisterError(tr("{path}: is not a regular file (a device or a pipe); expected a register file",
                               path=path))
    if info.st_size == 0 and not create:
        raise RegisterError(tr("{path}: an empty file, expected a register made by rumah", path=path))
    if info.st_size:
        try:
            with open(path, "rb") as stream:
                head = stream.read(len(_SQLITE_HEADER))
        except OSError as error:
            raise RegisterError(tr("{path}: cannot be read ({reason})", path=path,
                                   reason=error.strerror or error)) from None
        if head != _SQLITE_HEADER:
            raise RegisterError(tr("{path}: not a rumah register (expected an SQLite database, found a file "
                                   "beginning {head!r})", path=path, head=head[:12]))
        _not_foreign(path)
    # The register holds families' names, money and visits: its owner's only.
    if info.st_mode & 0o077 and info.st_uid == os.getuid():
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)


def _not_foreign(path: Path) -> None:
    """Refuse another program's SQLite database before anything touches it: opened as a register,
    its journal would be switched to WAL and its mode to 0600 before the missing ``meta`` table
    refused it.  Read only; a database that cannot be read so is left to the register's own
    opening, which explains it."""
    try:
        reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT / 1000)
        try:
            names = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            reader.close()
    except sqlite3.Error:
        return
    if names and "meta" not in names:
        raise RegisterError(f"{path}: {foreign(names)}")


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record):
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL: readers never wait for the writer; NORMAL is safe with WAL (a power cut may lose
        # the last commits, never damage the file).
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return engine


def explain(error: BaseException, where: str) -> RegisterError:
    """A database error in words, naming the register."""
    original = getattr(error, "orig", error)
    message = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return RegisterError(tr("{where}: the register is locked by another program (a backup, or another desk "
                                "writing) for more than {seconds} s; try again", where=where,
                                seconds=format(BUSY_TIMEOUT / 1000, "g")))
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return RegisterError(tr("{where}: the register is damaged (expected an SQLite database, found: {message}); "
                                "restore it from a backup (README: rumah register backup)", where=where,
                                message=message))
    if "readonly" in lowered or "read-only" in lowered:
        return RegisterError(tr("{where}: the register cannot be written (read-only: {message})", where=where,
                                message=message))
    if "unable to open" in lowered:
        return RegisterError(tr("{where}: the register cannot be opened ({message})", where=where, message=message))
    if isinstance(original, OSError) or "connection" in lowered or "could not" in lowered:
        return RegisterError(tr("{where}: cannot reach the register ({message})", where=where, message=message))
    return RegisterError(tr("{where}: database error ({message})", where=where, message=message))


def guarded(method):
    """Turn database errors met by a register method into :class:`RegisterError`."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (exc.DBAPIError, sqlite3.Error) as error:
            raise explain(error, str(self.location)) from None
    return wrapper


def connect(given: str | Path | None = None, *, create: bool = True) -> tuple[Location, Engine]:
    """The register's location and an engine on it, its schema created or migrated."""
    location = Location(given)
    if location.path is not None:
        _sqlite_file(location.path, create, location.default)
        engine = _sqlite_engine(location.path)
    else:
        engine = create_engine(location.url, pool_pre_ping=True)
    try:
        prepare(engine, create)
    except RegisterError as error:
        engine.dispose()
        raise RegisterError(f"{location}: {error}") from None
    except (exc.DBAPIError, sqlite3.Error) as error:
        engine.dispose()
        raise explain(error, str(location)) from None
    return location, engine


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy a live SQLite register to ``target`` with SQLite's online backup (a consistent copy
    while the desk keeps working), private to its owner, put in place whole or not at all."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise RegisterError(tr("{path}: folder {folder!r} does not exist", path=target, folder=str(folder)))
    if target.exists():
        for kept in (source, Path(f"{source}-wal"), Path(f"{source}-shm")):
            if kept.exists() and os.path.samefile(kept, target):
                raise RegisterError(tr("{target}: is the register itself; write the backup to another file",
                                       target=target))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    try:
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            copy = sqlite3.connect(temporary)
            try:
                origin.backup(copy)
            finally:
                copy.close()
        finally:
            origin.close()
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, sqlite3.Error):
            raise explain(error, str(source)) from None
        if isinstance(error, OSError):
            raise RegisterError(tr("{target}: cannot write the backup ({reason})", target=target,
                                   reason=error.strerror or error)) from None
        raise
