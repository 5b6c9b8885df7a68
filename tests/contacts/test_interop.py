"""vCard and CSV files shaped like the big clients' exports (RFC 2426 / 6350 and their known quirks)."""

from __future__ import annotations

import pytest

from partnerdesk.interop import csv_io, vcard
from partnerdesk.interop.records import ContactRecord

OUTLOOK_21 = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;LANGUAGE=pt-br;CHARSET=Windows-1252:Concei\xe7\xe3o;Jo\xe3o\r\n"
    "FN;CHARSET=Windows-1252:Jo\xe3o Concei\xe7\xe3o\r\n"
    "ORG:Loja Azul Ltda.\r\nTITLE:Gerente de Parcerias\r\n"
    "TEL;WORK;VOICE:+55 11 3333-4444\r\nTEL;CELL;VOICE:+55 11 91234-5678\r\n"
    "EMAIL;PREF;INTERNET:joao@lojaazul.com.br\r\nEND:VCARD\r\n"
).encode("cp1252")

ANDROID_QP = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=CE=A0=CE=B1=CF=80=CE=B1=CE=B4=CF=8C=CF=80=CE=BF=CF=85=CE=BB=CE=BF=CF=82;"
    b"=CE=93=CE=B9=CF=8E=CF=81=CE=B3=CE=BF=CF=82;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=CE=93=CE=B9=CF=8E=CF=81=CE=B3=CE=BF=CF=82 "
    b"=CE=A0=CE=B1=CF=80=CE=B1=CE=B4=CF=8C=CF=80=CE=BF=CF=85=CE=BB=CE=BF=CF=82\r\n"
    b"TEL;CELL:+30 69 1234 5678\r\nTEL;HOME:+30 21 0123 4567\r\nEND:VCARD\r\n"
)

GMAIL_30 = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:taro@example.jp\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:yamada@shop.example.jp\r\n"
    "item1.TEL:+81 3-1234-5678\r\nitem1.X-ABLabel:Office\r\n"
    "ORG:日本語株式会社\r\nNOTE:長いメモはここで折り返される。長いメモはここで折り返される。長いメ\r\n"
    " モはここで折り返される。\r\nCATEGORIES:myContacts,Partners\r\nEND:VCARD\r\n"
).encode()

IPHONE_30 = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    b"N:Rossi;Giulia;;;\r\nFN:Giulia Rossi\r\nORG:Moda Italiana S.p.A.;\r\nTITLE:Responsabile e-commerce\r\n"
    b"item1.EMAIL;type=INTERNET;type=pref:giulia@moda.it\r\n"
    b"TEL;type=CELL;type=VOICE;type=pref:+39 333 123 4567\r\n"
    b"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a\r\n"
    b"  HBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2Q==\r\nEND:VCARD\r\n"
)

THUNDERBIRD_40 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:أحمد المنصور\r\nN:المنصور;أحمد;;;\r\n"
    "EMAIL;PREF=1:ahmed@souq.example.ae\r\nTEL;TYPE=work;VALUE=TEXT:+971 4 123 4567\r\n"
    "TITLE:مدير الشراكات\r\nPHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ\r\n"
    " AAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\r\nEND:VCARD\r\n"
).encode()


def test_outlook_windows_1252_file_with_bare_type_parameters() -> None:
    result = vcard.read_vcards(OUTLOOK_21)
    assert result.errors == []
    (r,) = result.records
    assert (r.given_name, r.family_name, r.display_name) == ("João", "Conceição", "João Conceição")
    assert r.organization == "Loja Azul Ltda." and r.role == "Gerente de Parcerias"
    assert [p["type"] for p in r.phones] == ["work", "mobile"]
    assert r.emails == [{"value": "joao@lojaazul.com.br", "type": "work"}]


def test_android_quoted_printable_greek_name() -> None:
    (r,) = vcard.read_vcards(ANDROID_QP).records
    assert r.display_name == "Γιώργος Παπαδόπουλος"
    assert r.family_name == "Παπαδόπουλος"
    assert {p["type"] for p in r.phones} == {"mobile", "home"}


def test_gmail_folded_japanese_note_groups_and_labels() -> None:
    (r,) = vcard.read_vcards(GMAIL_30).records
    assert r.display_name == "山田 太郎"
    assert [e["type"] for e in r.emails] == ["home", "work"]
    assert r.phones == [{"value": "+81 3-1234-5678", "type": "office"}]
    assert r.notes.endswith("長いメモはここで折り返される。") and "\n" not in r.notes
    assert "Partners" in r.tags


def test_iphone_embedded_photo_and_pref() -> None:
    (r,) = vcard.read_vcards(IPHONE_30).records
    assert r.photo is not None and r.photo.startswith(b"\xff\xd8")
    assert r.photo_mime == "image/jpeg"
    assert r.organization == "Moda Italiana S.p.A."


def test_thunderbird_v4_data_uri_photo_and_arabic() -> None:
    (r,) = vcard.read_vcards(THUNDERBIRD_40).records
    assert r.display_name == "أحمد المنصور" and r.role == "مدير الشراكات"
    assert r.photo is not None and r.photo.startswith(b"\x89PNG") and r.photo_mime == "image/png"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_round_trip_keeps_every_field(version: str) -> None:
    originals = vcard.read_vcards(OUTLOOK_21 + ANDROID_QP + GMAIL_30 + IPHONE_30 + THUNDERBIRD_40).records
    assert len(originals) == 5
    again = vcard.read_vcards(vcard.write_vcards(originals, version)).records
    fields = ("display_name", "given_name", "family_name", "organization", "role", "emails", "phones", "notes",
              "tags", "photo", "photo_mime")
    for a, b in zip(originals, again, strict=True):
        assert {f: getattr(a, f) for f in fields} == {f: getattr(b, f) for f in fields}


def test_export_folds_long_lines_without_splitting_characters() -> None:
    data = vcard.write_vcards([ContactRecord(display_name="名" * 100)]).decode("utf-8")
    assert all(len(line.encode("utf-8")) <= 75 for line in data.split("\r\n"))


def test_broken_card_is_named_by_number_and_line() -> None:
    data = GMAIL_30 + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\n"
    result = vcard.read_vcards(data)
    assert len(result.records) == 1
    (err,) = result.errors
    assert (err.number, err.line) == (2, 14)


CSV_ROWS = [["Name", "E-mail Address", "Company", "Mobile Phone"],
            ["Σοφία Κωνσταντίνου", "sofia@example.gr", "Ακρόπολη", "+30 69 0000 0000"],
            ["Conceição Ferreira", "c@example.pt", "Lisboa Lda", ""],
            ["佐藤 花子", "hanako@example.jp", "株式会社", ""]]


def _csv(encoding: str, bom: bytes = b"", rows: list[list[str]] | None = None) -> bytes:
    text = "\r\n".join(",".join(r) for r in (rows or CSV_ROWS)) + "\r\n"
    return bom + text.encode(encoding)


@pytest.mark.parametrize("data", [_csv("utf-8"), _csv("utf-8", b"\xef\xbb\xbf"), _csv("utf-16")],
                         ids=["utf8", "utf8-bom", "utf16"])
def test_csv_encodings_are_detected(data: bytes) -> None:
    result = csv_io.read_csv(data)
    assert result.errors == []
    assert [r.display_name for r in result.records] == [r[0] for r in CSV_ROWS[1:]]
    assert result.records[0].phones == [{"value": "+30 69 0000 0000", "type": "mobile"}]


def test_csv_windows_1252() -> None:
    rows = [["Nome", "Email", "Empresa"], ["Conceição Ferreira", "c@example.pt", "Açores Lda"],
            ["Niccolò Bianchi", "n@example.it", "Caffè Srl"], ["José Ângelo", "j@example.br", "Pão"]]
    result = csv_io.read_csv(_csv("cp1252", rows=rows))
    assert [r.display_name for r in result.records] == ["Conceição Ferreira", "Niccolò Bianchi", "José Ângelo"]
    assert result.records[1].organization == "Caffè Srl"


def test_csv_preview_and_mapping() -> None:
    table = csv_io.read_table(_csv("utf-8"))
    assert table.preview(2)[1][0] == "Conceição Ferreira"
    assert csv_io.guess_mapping(table.headers) == {0: "display_name", 1: "email", 2: "organization", 3: "mobile"}
    result = csv_io.records_from_table(table, {0: "notes", 1: "email"})
    assert result.records[0].display_name == "sofia@example.gr"


def test_csv_export_cannot_run_formulas_and_round_trips() -> None:
    evil = ContactRecord(display_name="=HYPERLINK(\"http://x\")", notes="@SUM(A1)",
                         phones=[{"value": "+55 11 5555", "type": "work"}], emails=[{"value": "a@b.co", "type": "work"}])
    data = csv_io.write_csv([evil])
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    back = csv_io.read_csv(data).records[0]
    assert back.display_name == evil.display_name and back.phones == evil.phones


def test_csv_bad_rows_are_listed() -> None:
    rows = CSV_ROWS + [["Bad", "not-an-email", "X", ""]]
    result = csv_io.read_csv(_csv("utf-8", rows=rows))
    assert len(result.records) == 3
    assert result.errors[0].line == 5


OUTLOOK_QP_1252 = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:M\xfcller;J\xfcrgen\r\nFN:M\xfcller, J\xfcrgen\r\n"
    b"TITLE:Leiter Logistik, DACH\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE:Ansprechpartner f=FCr Lieferungen=0D=0AZweite Zeile, sehr lang, die=\r\n"
    b" umbrochen wird\r\n"
    b"EMAIL;PREF;INTERNET:j.mueller@example.de\r\nEND:VCARD\r\n"
)

ANDROID_QP_SOFT_BREAKS = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=53=69=6C=76=61;=41=6E=61=20=43=6F=6E=63=65=69=C3=A7=C3=A3=6F;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=41=6E=61=20=43=6F=6E=63=65=69=C3=A7=C3=A3=6F=20=\r\n"
    b"=53=69=6C=76=61\r\n"
    b"TEL;CELL:(11) 91234-5678\r\n"
    b"PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a\r\n"
    b" HBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2Q==\r\n\r\nEND:VCARD\r\n"
)

MAC_LF_LABELS = (
    b"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:\nORG:Acme Trading;\n"
    b"item1.TEL:+1 555 0100\nitem1.X-ABLabel:_$!<Mobile>!$_\n"
    b"TEL;VALUE=uri;TYPE=cell:tel:+30-69-1234-5678\nEND:VCARD\n\n"
)


def test_outlook_quoted_printable_in_windows_1252_with_commas() -> None:
    result = vcard.read_vcards(OUTLOOK_QP_1252)
    assert result.errors == [] and result.encoding == "cp1252"
    (r,) = result.records
    assert r.display_name == "Müller, Jürgen"  # an unescaped comma does not cut the name
    assert r.role == "Leiter Logistik, DACH"
    assert r.notes == "Ansprechpartner für Lieferungen\nZweite Zeile, sehr lang, die umbrochen wird"


def test_android_quoted_printable_soft_line_breaks_and_base64_photo() -> None:
    result = vcard.read_vcards(ANDROID_QP_SOFT_BREAKS)
    assert result.errors == []
    (r,) = result.records
    assert r.display_name == "Ana Conceição Silva" and r.family_name == "Silva"
    assert r.photo is not None and r.photo.startswith(b"\xff\xd8") and r.photo_mime == "image/jpeg"


def test_macos_lf_endings_apple_labels_and_tel_uris() -> None:
    (r,) = vcard.read_vcards(MAC_LF_LABELS).records
    assert r.display_name == "Acme Trading"  # no name: the organisation names the card
    assert r.phones == [{"value": "+1 555 0100", "type": "mobile"}, {"value": "+30-69-1234-5678", "type": "mobile"}]
