"""Seeded mutations of the fixture files (truncation, byte flips, byte-order marks, NUL bytes, huge fields, deep
nesting, garbage) through every importer and the workspace opener: a clean, translated error or a success —
never another exception — and a failed run leaves every byte of the workspace as it was."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.interop import csv_io, vcard
from partnerdesk.interop.records import decode
from partnerdesk.services.contacts import ContactService
from partnerdesk.services.event_import import EventImportService
from partnerdesk.store.workspace import open_workspace

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
ICAL = HERE.parent / "ical" / "fixtures"
CSV_SEED = ("Name,E-mail Address,Company,Mobile Phone,Time Zone,Notes\r\n"
            "Σοφία Κωνσταντίνου,sofia@example.gr,Ακρόπολη,+30 69 0000 0000,Europe/Athens,\r\n"
            "Conceição Ferreira,c@example.pt,Lisboa Lda,,Europe,\"multi\r\nline\"\r\n"
            "佐藤 花子,hanako@example.jp,株式会社,,Asia/Tokyo,\r\n").encode()


def _mutations(data: bytes, rng: random.Random, begin: bytes) -> Iterator[tuple[str, bytes]]:
    n = len(data)
    yield "truncated", data[:rng.randrange(1, max(2, n))]
    flipped = bytearray(data)
    for _ in range(rng.randrange(1, 12)):
        flipped[rng.randrange(n)] = rng.randrange(256)
    yield "byte flips", bytes(flipped)
    yield "utf-16 bom on utf-8", b"\xff\xfe" + data
    yield "utf-8 bom", b"\xef\xbb\xbf" + data
    yield "big-endian bom", b"\xfe\xff" + data[: n - n % 2]
    at = rng.randrange(n)
    yield "nul bytes", data[:at] + b"\x00" * rng.randrange(1, 64) + data[at:]
    yield "huge field", data[:at] + b"x" * 140_000 + data[at:]
    yield "deep nesting", begin * 300 + data
    yield "garbage", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2048)))
    yield "utf-16", data.decode("utf-8", "replace").encode("utf-16")
    yield "cut in a character", data[:at] + "ç".encode()[:1] + data[at:]
    yield "line ends", data.replace(b"\r\n", b"\r")


def _cases(files: list[Path], begin: bytes, seed: int, rounds: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    cases = [("empty", b""), ("only a bom", b"\xef\xbb\xbf")]
    for file in files:
        data = file.read_bytes() if isinstance(file, Path) else file
        for _ in range(rounds):
            cases += [(f"{file.name}: {name}", mutated) for name, mutated in _mutations(data, rng, begin)]
    return cases


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "pristine.pdk"
    from partnerdesk.services.partners import PartnerService

    with open_workspace(path) as ws:
        from partnerdesk.domain.enums import PartnerKind

        PartnerService(ws).create(name="Existing Partner", kind=PartnerKind.MARKETPLACE)
    return path


def _state(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")) if not p.name.endswith(".lock")}


def _run_on_copy(pristine: Path, tmp_path: Path, work: Callable[[object], object]) -> tuple[bool, str]:
    """Run ``work(workspace)`` on a fresh copy; (succeeded, error message). A failure must change nothing."""
    path = tmp_path / "w.pdk"
    shutil.copy(pristine, path)
    before = _state(path)
    try:
        with open_workspace(path, create=False) as ws:
            work(ws)
    except PartnerDeskError as exc:
        assert exc.message and "Traceback" not in exc.message
        assert _state(path) == before, "a failed import changed the workspace"
        return False, exc.message
    return True, ""


def _import_contacts(name: str, data: bytes) -> Callable[[object], object]:
    def work(ws) -> object:  # type: ignore[no-untyped-def]
        if name.endswith(".csv") or b"BEGIN:VCARD" not in data[:4096].upper():
            result = csv_io.read_csv(data, name=name)
        else:
            result = vcard.read_vcards(data)
        svc = ContactService(ws)
        return svc.apply_import(svc.plan_import(result.records, result.errors))
    return work


CONTACT_FILES = sorted(FIXTURES.glob("*.vcf"))


def test_contact_importers_never_raise_anything_but_a_translated_error(pristine: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "seed.csv"
    csv_file.write_bytes(CSV_SEED)
    cases = _cases([*CONTACT_FILES, csv_file], b"BEGIN:VCARD\r\n", seed=12, rounds=2)
    outcomes = {True: 0, False: 0}
    for name, data in cases:
        ok, _message = _run_on_copy(pristine, tmp_path, _import_contacts(name, data))
        outcomes[ok] += 1
    assert outcomes[True] and outcomes[False]  # both paths were exercised


def test_event_importer_never_raises_anything_but_a_translated_error(pristine: Path, tmp_path: Path) -> None:
    files = sorted(ICAL.glob("*.ics")) + sorted(FIXTURES.glob("*.ics"))
    cases = _cases(files, b"BEGIN:VEVENT\r\n", seed=5, rounds=1)
    outcomes = {True: 0, False: 0}
    for _name, data in cases:
        ok, _message = _run_on_copy(pristine, tmp_path, lambda ws, d=data: EventImportService(ws).import_file(
            d, default_zone="Europe/Lisbon"))
        outcomes[ok] += 1
    assert outcomes[True] and outcomes[False]


def test_decoding_never_raises() -> None:
    rng = random.Random(3)
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
        for prefix in (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
            text, encoding = decode(prefix + data)
            assert isinstance(text, str) and encoding


def test_workspace_opener_refuses_damaged_files_untouched(pristine: Path, tmp_path: Path) -> None:
    rng = random.Random(21)
    data = pristine.read_bytes()
    page = 4096
    damaged: list[tuple[str, bytes]] = [("empty", b""), ("header only", data[:100]), ("half", data[:len(data) // 2]),
                                        ("zeroed header", b"\x00" * 100 + data[100:]),
                                        ("text", b"name,email\nAna,ana@example.com\n")]
    for _ in range(25):
        mutated = bytearray(data)
        start = rng.randrange(0, len(data) - 64)
        for i in range(start, min(len(data), start + rng.randrange(1, page))):
            mutated[i] = rng.randrange(256)
        damaged.append(("flipped", bytes(mutated)))
        damaged.append(("truncated", data[:rng.randrange(16, len(data))]))
    opened = refused = 0
    for i, (_name, content) in enumerate(damaged):
        path = tmp_path / f"d{i}.pdk"
        path.write_bytes(content)
        try:
            with open_workspace(path) as ws, ws.session() as s:
                s.connection().exec_driver_sql("SELECT count(*) FROM partners").scalar()
            opened += 1
        except PartnerDeskError as exc:
            assert exc.message
            assert path.read_bytes() == content
            assert sorted(p.name for p in tmp_path.glob(f"d{i}.pdk*")) == [path.name]  # nothing beside it
            refused += 1
        except sqlite3.DatabaseError:
            # Damage the quick check cannot see surfaces on first read; the background integrity check and the
            # restore offer handle it in the app. It is still never a file we wrote over.
            assert path.stat().st_size > 0
            opened += 1
    assert refused >= 20
