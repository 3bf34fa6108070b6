"""The desk's safety: loopback by default, a login elsewhere, CSRF on every form, the session
cookie's flags, the key and the users kept private, and the command line's refusals."""

from __future__ import annotations

import re
import stat

import pytest
from click.testing import CliRunner

pytest.importorskip("flask")
pytest.importorskip("flask_wtf")
pytest.importorskip("sqlalchemy")

import cli  # noqa: E402
from rumah.desk.web.app import Settings, create_app, is_loopback  # noqa: E402
from rumah.desk.web.home import Home  # noqa: E402


def app_on(tmp_path, host: str):
    app = create_app(Settings(register=str(tmp_path / "klinik.sqlite"), host=host))
    return app


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True),
                                            ("[::1]", True), ("localhost", True), ("0.0.0.0", False),
                                            ("192.168.1.20", False), ("::", False), ("desk.klinik", False)])
def test_only_this_machine_counts_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_on_loopback_no_login_but_a_foreign_host_header_is_refused(tmp_path):
    app = app_on(tmp_path, "127.0.0.1")
    client = app.test_client()
    assert client.get("/keluarga").status_code == 200
    # A page elsewhere pointing a name of its own at 127.0.0.1 (DNS rebinding) is refused.
    assert client.get("/keluarga", headers={"Host": "evil.example:8765"}).status_code == 400
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_a_post_without_the_csrf_token_is_refused(tmp_path):
    app = app_on(tmp_path, "127.0.0.1")
    client = app.test_client()
    refused = client.post("/konsultasi")
    assert refused.status_code == 400 and "Formulir sudah kedaluwarsa" in refused.text
    assert not any((Home(app.extensions["rumah"].home.folder).folder / "konsultasi").iterdir())
    forged = client.post("/konsultasi", data={"csrf_token": "forged"})
    assert forged.status_code == 400
    page = client.get("/keluarga")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert client.post("/konsultasi", data={"csrf_token": csrf}).status_code == 303
    # Every form of every page carries the token.
    for form in re.findall(r"<form method=\"post\".*?</form>", page.text, re.S):
        assert 'name="csrf_token"' in form


def test_beyond_loopback_every_page_asks_for_a_login(tmp_path):
    app = app_on(tmp_path, "0.0.0.0")
    home = app.extensions["rumah"].home
    home.add_user("siti", "kata-sandi-panjang")
    client = app.test_client()
    base = "https://desk.klinik"

    def get(path):
        return client.get(path, base_url=base)

    def post(path, **data):
        # Over HTTPS the token is checked with the page it came from (the Referer, same origin).
        return client.post(path, data=data, base_url=base, headers={"Referer": base + "/masuk"})

    for path in ("/keluarga", "/laporan", "/keluarga/1", "/konsultasi/" + "0" * 32):
        found = get(path)
        assert found.status_code == 302 and found.headers["Location"].startswith("/masuk")
    login = get("/masuk")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    wrong = post("/masuk", **{"csrf_token": csrf, "name": "siti", "password": "salah-sekali"})
    assert wrong.status_code == 401 and "Nama atau kata sandi salah." in wrong.text
    nobody = post("/masuk", **{"csrf_token": csrf, "name": "budi", "password": "kata-sandi-panjang"})
    assert nobody.status_code == 401
    right = post("/masuk?next=//evil.example/", **{"csrf_token": csrf, "name": "siti",
                                                             "password": "kata-sandi-panjang"})
    assert right.status_code == 303 and right.headers["Location"] == "/keluarga"     # never to another site
    cookie = right.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert get("/keluarga").status_code == 200
    assert "Keluar (siti)" in get("/keluarga").text
    # Without the token the logout is refused too; with it the session ends.
    assert post("/keluar").status_code == 400
    page = get("/keluarga")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert post("/keluar", **{"csrf_token": csrf}).status_code == 303
    assert get("/keluarga").status_code == 302
    # From another site, even with a token, a form is refused.
    login = get("/masuk")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    elsewhere = client.post("/masuk", data={"csrf_token": csrf, "name": "siti", "password": "kata-sandi-panjang"},
                            base_url=base, headers={"Referer": "https://evil.example/"})
    assert elsewhere.status_code == 400


def test_the_key_and_the_users_are_private_and_passwords_hashed(tmp_path):
    app = app_on(tmp_path, "127.0.0.1")
    home = app.extensions["rumah"].home
    assert home.folder == tmp_path / "klinik.desk"
    assert stat.S_IMODE(home.folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((home.folder / "secret").stat().st_mode) == 0o600
    assert re.fullmatch(r"[0-9a-f]{64}", app.config["SECRET_KEY"])
    home.add_user("siti", "kata-sandi-panjang")
    users = home.folder / "users"
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    assert "kata-sandi-panjang" not in users.read_text() and users.read_text().count("scrypt:") == 1
    assert home.check_user("siti", "kata-sandi-panjang") and not home.check_user("siti", "kata-sandi-pendek")
    with pytest.raises(ValueError, match="too short"):
        home.add_user("budi", "pendek")
    with pytest.raises(ValueError, match="expected letters"):
        home.add_user("../budi", "kata-sandi-panjang")


def test_drafts_and_downloads_are_found_only_by_their_own_names(tmp_path):
    app = app_on(tmp_path, "127.0.0.1")
    client = app.test_client()
    assert client.get("/konsultasi/..%2f..%2fsecret").status_code == 404
    assert client.get("/konsultasi/" + "a" * 32).status_code == 404
    assert client.get("/keluarga/1/penawaran/RS-X/..%2f..%2fsecret").status_code == 404
    assert client.get("/keluarga/1/penawaran/..%2f..%2f/quote.pdf").status_code == 404


def test_the_command_line_refuses_another_address_without_tls(tmp_path):
    result = CliRunner().invoke(cli.main, ["desk", "--db", str(tmp_path / "r.sqlite"), "--host", "0.0.0.0",
                                           "--no-browser"])
    assert result.exit_code == 2 and "--cert and --key" in result.output


def test_the_command_line_adds_a_user_asking_for_the_password(tmp_path):
    db = str(tmp_path / "r.sqlite")
    result = CliRunner().invoke(cli.main, ["desk", "user", "add", "siti", "--db", db],
                                input="kata-sandi-panjang\nkata-sandi-panjang\n")
    assert result.exit_code == 0, result.output
    assert "kata-sandi-panjang" not in result.output
    assert Home(tmp_path / "r.desk").check_user("siti", "kata-sandi-panjang")
    short = CliRunner().invoke(cli.main, ["desk", "user", "add", "budi", "--db", db], input="pendek\npendek\n")
    assert short.exit_code == 1 and "too short" in short.output and "Traceback" not in short.output
