"""What the desk keeps beside its register: the session key, the users, the consultations under
way and the documents of the quotes issued.

For a register ``klinik-kendal.sqlite`` the desk keeps ``klinik-kendal.desk/`` beside it (for a
PostgreSQL register, ``desk-<database>/`` in the user's data folder), readable by its owner only
(folders 0700, files 0600):

- ``secret``: the key that signs the session cookies, made once;
- ``users``: the desk's users and their password hashes (werkzeug.security: salted scrypt);
- ``konsultasi/<id>/``: a consultation under way, as the terminal keeps one: ``household.yaml``
  (saved after every answer) and ``answers.json`` (the answers as typed, in order);
- ``keluarga/<family>/<quote number>/``: each quote issued, ``quote.pdf`` and the DXF plans.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import stat
from pathlib import Path

from ...errors import DataError, RumahError
from ...output import write_atomic

#: Names of the desk's users: letters, digits, dot, dash and underscore.
USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
#: A consultation's folder name: 32 hexadecimal digits, chosen at random.
DRAFT_ID = re.compile(r"[0-9a-f]{32}")
#: A quote's number as rumah makes it (RS-KENDAL-1A2B3C4D).
QUOTE_NUMBER = re.compile(r"RS-[A-Z0-9_-]{1,60}")
MIN_PASSWORD = 10


class DeskError(RumahError, OSError):
    """The desk's own files cannot be made or read."""


def home_for(location) -> Path:
    """The desk's folder for a register (rumah.desk.register.store.Location)."""
    if location.path is not None:
        path = Path(location.path)
        return path.with_name(path.stem + ".desk")
    from ..register.store import default_location
    database = (location.url.database or "rumah") if location.url is not None else "rumah"
    return default_location().parent / f"desk-{re.sub(r'[^A-Za-z0-9_-]', '_', database)}"


def _private_folder(path: Path) -> Path:
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o700)
    except OSError as error:
        raise DeskError(f"{path}: cannot make the desk's folder ({error.strerror or error})") from None
    return path


def _read_secret(path: Path) -> str:
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, 0o600)
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise DeskError(f"{path}: cannot read the desk's key ({error})") from None
    if not re.fullmatch(r"[0-9a-f]{64}", key):
        raise DeskError(f"{path}: expected the desk's key (64 hexadecimal digits); remove the file to make a new "
                        "one (everyone logs in again)")
    return key


class Home:
    """The desk's folder (see the module's description)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def prepare(self) -> Home:
        _private_folder(self.folder)
        _private_folder(self.folder / "konsultasi")
        _private_folder(self.folder / "keluarga")
        return self

    # -- the session key ---------------------------------------------------------------------

    def secret(self) -> str:
        """The key that signs session cookies: made once (0600), then read."""
        path = self.folder / "secret"
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return _read_secret(path)
        except OSError as error:
            raise DeskError(f"{path}: cannot make the desk's key ({error.strerror or error})") from None
        key = secrets.token_hex(32)
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(key + "\n")
        return key

    # -- users -------------------------------------------------------------------------------

    def users(self) -> dict[str, str]:
        path = self.folder / "users"
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DeskError(f"{path}: cannot read the desk's users ({error})") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise DeskError(f"{path}: expected the desk's users (name: password hash)")
        return data

    def add_user(self, name: str, password: str) -> bool:
        """Add a user, or change the password of one; True when the user is new."""
        from werkzeug.security import generate_password_hash
        if not USER_NAME.fullmatch(name):
            raise DataError(f"user {name!r}: expected letters, digits, '.', '-' or '_' (at most 40), beginning "
                            "with a letter or digit")
        if len(password) < MIN_PASSWORD:
            raise DataError(f"user {name}: the password is too short (at least {MIN_PASSWORD} characters)")
        users = self.users()
        new = name not in users
        users[name] = generate_password_hash(password)
        self.prepare()
        write_atomic(self.folder / "users", json.dumps(users, indent=1, sort_keys=True) + "\n")
        os.chmod(self.folder / "users", 0o600)
        return new

    def check_user(self, name: str, password: str) -> bool:
        from werkzeug.security import check_password_hash, generate_password_hash
        found = self.users().get(name)
        if found is None:
            # The same work as for a real user, so that the time taken does not say who exists.
            check_password_hash(generate_password_hash("x"), password)
            return False
        return check_password_hash(found, password)

    # -- consultations under way ------------------------------------------------------------

    def new_draft(self) -> Draft:
        return Draft(_private_folder(self.folder / "konsultasi" / secrets.token_hex(16)))

    def unfinished(self, limit: int = 20) -> list[tuple[Draft, str, float]]:
        """Consultations begun and not yet saved in the register, newest first: each draft, the
        family's name as far as it was answered (empty before), and when it was last answered
        (a time stamp).  A tab closed mid-consultation loses nothing: the desk lists it."""
        found = []
        folder = self.folder / "konsultasi"
        for place in folder.iterdir() if folder.is_dir() else ():
            draft = Draft(place)
            answers = place / "answers.json"
            try:
                state = draft.state()
                when = answers.stat().st_mtime
            except (DeskError, OSError):
                continue
            if not state.get("typed") or state.get("saved_digest") and self._as_saved(draft, state):
                continue                    # nothing answered yet (a quote's draft), or saved as it is
            name = ""
            with contextlib.suppress(RumahError, OSError):
                name = str(draft.saved().get("name") or "")
            found.append((draft, name, when))
        return sorted(found, key=lambda entry: -entry[2])[:limit]

    @staticmethod
    def _as_saved(draft: Draft, state: dict) -> bool:
        """Whether the draft's household file is the one last saved in the register (an answer
        changed after the save makes it unfinished again)."""
        if "saved_file" not in state:
            return True                     # (saved by a desk before the file's digest was kept)
        try:
            text = draft.household_path.read_bytes()
        except OSError:
            return True
        return hashlib.sha256(text).hexdigest() == state["saved_file"]

    def draft(self, draft_id: str) -> Draft | None:
        if not DRAFT_ID.fullmatch(draft_id):
            return None
        folder = self.folder / "konsultasi" / draft_id
        return Draft(folder) if folder.is_dir() else None

    # -- documents of quotes issued ---------------------------------------------------------

    def quote_folder(self, household_id: int, number: str) -> Path:
        if not QUOTE_NUMBER.fullmatch(number):
            raise DataError(f"quote number {number!r}: not a number rumah makes")
        return self.folder / "keluarga" / str(int(household_id)) / number


class Draft:
    """A consultation under way: its household file so far and the answers typed, in order."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.id = folder.name

    @property
    def household_path(self) -> Path:
        return self.folder / "household.yaml"

    def state(self) -> dict:
        path = self.folder / "answers.json"
        if not path.exists():
            return {"typed": [], "household_id": None, "version": None}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise DeskError(f"{path}: cannot read the consultation ({error})") from None
        typed = data.get("typed")
        if not isinstance(typed, list) or not all(isinstance(p, list) and len(p) == 2 and
                                                  all(isinstance(s, str) for s in p) for p in typed):
            raise DeskError(f"{path}: typed: expected a list of [question, answer] pairs")
        return data

    def save_state(self, state: dict) -> None:
        write_atomic(self.folder / "answers.json", json.dumps(state, ensure_ascii=False, indent=1) + "\n")

    def saved(self) -> dict:
        """The household file so far, as konsultasi reads a saved one (answers of a wrong shape
        dropped)."""
        if not self.household_path.exists():
            return {}
        from ..konsultasi import load_saved
        return load_saved(self.household_path)

    def save_household(self, text: str) -> None:
        write_atomic(self.household_path, text)
