"""Reading exports as tables: encodings, delimiters, quoting, line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup_tui.intake.csv_read import IntakeError, decode, read_table, sniff_delimiter

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "intake"


def _table(tmp_path: Path, data: bytes, name: str = "in.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    table = read_table(path)
    return table, [(row.line, row.cells) for row in table.rows()]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("hubspot.csv", "UTF-8", ","),
        ("salesforce.csv", "UTF-8 with BOM", ","),
        ("pipedrive.csv", "UTF-8", ";"),
        ("close.tsv", "UTF-8", "\t"),
        ("apollo.csv", "Windows-1252", ","),
        ("messy.csv", "UTF-8 with some Windows-1252", ","),
    ],
)
def test_fixtures_read_with_their_encoding_and_delimiter(name, encoding, delimiter):
    table = read_table(FIXTURES / name)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    rows = [r for r in table.rows() if "".join(r.cells)]
    widths = {len(r.cells) for r in rows}
    # messy.csv has one row that runs past its header, on purpose
    assert widths == {len(table.header)} or (name == "messy.csv" and len(widths) == 2)


def test_bom_is_not_part_of_the_first_header(tmp_path):
    table, _ = _table(tmp_path, b"\xef\xbb\xbfFirst Name,Email\r\nAna,a@x.example\r\n")
    assert table.header == ["First Name", "Email"]


def test_cp1252_accents_are_read_as_written(tmp_path):
    table, rows = _table(tmp_path, "Name,Company\nJosé Müller,Société\n".encode("cp1252"))
    assert table.encoding == "Windows-1252"
    assert rows[0][1] == ["José Müller", "Société"]


def test_utf8_file_with_a_pasted_cp1252_row_keeps_both(tmp_path):
    data = "Name\nZoë Brontë\n".encode() + "José\n".encode("cp1252")
    _, rows = _table(tmp_path, b"\xef\xbb\xbf" + data)
    assert [cells for _, cells in rows] == [["Zoë Brontë"], ["José"]]


def test_utf16_excel_unicode_text(tmp_path):
    table, rows = _table(tmp_path, "Name\tEmail\nÅsa\tasa@x.example\n".encode("utf-16"))
    assert (table.encoding, table.delimiter) == ("UTF-16", "\t")
    assert rows[0][1] == ["Åsa", "asa@x.example"]


def test_quoted_newlines_and_crlf_stay_in_one_cell(tmp_path):
    data = b'Name,Notes\r\nAna,"one\r\ntwo, three"\r\nBo,plain\r\n'
    _, rows = _table(tmp_path, data)
    assert rows == [(3, ["Ana", "one\r\ntwo, three"]), (4, ["Bo", "plain"])]


def test_delimiter_is_sniffed_from_the_header_not_the_data():
    assert sniff_delimiter("a;b;c\n1,5;2;3\n") == ";"
    assert sniff_delimiter('"Last, First"\tEmail\nx\ty\n') == "\t"
    assert sniff_delimiter("\n\nEmail\nann@x.example, bob@x.example\n") == ","
    assert sniff_delimiter("Email\n") == ","


def test_excel_sep_line_names_the_delimiter(tmp_path):
    table, rows = _table(tmp_path, b"sep=;\r\nName;Email\r\nAna;a@x.example\r\n")
    assert table.delimiter == ";" and table.header == ["Name", "Email"]
    assert rows[0][1] == ["Ana", "a@x.example"]


def test_blank_header_cells_get_a_name(tmp_path):
    table, _ = _table(tmp_path, b"Name,,Email\nA,,a@x.example\n")
    assert table.header == ["Name", "Column 2", "Email"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\r\n \r\n", "is empty"),
        (b"PK\x03\x04rest of a zip", "is a workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "old Excel workbook"),
        (b"Name\x00,Email\n", "binary"),
    ],
)
def test_files_that_are_not_tables_get_a_clear_message(tmp_path, data, message):
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    with pytest.raises(IntakeError, match=message):
        read_table(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(IntakeError, match="no such file"):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(IntakeError, match="is a folder"):
        read_table(tmp_path)


def test_json_export_reads_as_a_table(tmp_path):
    data = b'[{"Full Name": "Ana", "Do Not Call": true, "Touch Count": 3, "Revisit": null}]'
    table, rows = _table(tmp_path, data, "people.json")
    assert table.header == ["Full Name", "Do Not Call", "Touch Count", "Revisit"]
    assert rows == [(1, ["Ana", "yes", "3", ""])]


def test_decode_never_fails_and_keeps_every_byte():
    every_byte = bytes(range(256))
    text, encoding = decode(every_byte)
    assert encoding == "Windows-1252"
    assert len(text) == 256
