"""Reading a spreadsheet export as rows of text, whatever tool wrote it.

CRM exports arrive as UTF-8 with or without a byte-order mark, as Windows-1252
from Excel, now and then as UTF-16 ("Unicode text"), separated by commas,
semicolons (European Excel) or tabs, with quoted line breaks and CRLF endings.
Our own JSON export reads as a table too. Rows are handed out one at a time
with the physical line they end on, so a reject can say where it came from.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from msgspec import Struct

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
FIELD_LIMIT = 16 * 1024 * 1024  # a CRM note can be long; the csv default (128 KiB) is not enough

csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))


class IntakeError(ValueError):
    """A file (or an option) the importer cannot use at all; the message is for the rep."""


class Row(NamedTuple):
    line: int  # the physical line the row ends on (1 is the header)
    cells: list[str]


class Table(Struct):
    """A file's header and its rows, read lazily; `size` and `position()` drive progress."""

    path: Path
    encoding: str
    delimiter: str
    header: list[str]  # cells with spaces tidied; a blank one named "Column N"
    text: str
    _rows: Iterator[Row]
    _stream: io.StringIO | None = None
    raw_header: list[str] | None = None  # as written, for the rejects file

    @property
    def header_as_written(self) -> list[str]:
        return self.raw_header if self.raw_header is not None else self.header

    @property
    def size(self) -> int:
        return len(self.text)

    @property
    def estimated_rows(self) -> int:
        """Line breaks in the file: rows, give or take quoted line breaks."""
        return self.text.count("\n")

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    def position(self) -> int:
        """How many characters have been read so far."""
        return self._stream.tell() if self._stream is not None else self.size

    def rows(self) -> Iterator[Row]:
        return self._rows


def read_table(path: Path) -> Table:
    """Open `path` as a table of text; IntakeError says why when it cannot be one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise IntakeError(f"{path}: no such file") from err
    except IsADirectoryError as err:
        raise IntakeError(f"{path} is a folder, not a file") from err
    except OSError as err:
        raise IntakeError(f"cannot read {path}: {err.strerror or err}") from err
    return table_from_bytes(path, data)


def table_from_bytes(path: Path, data: bytes) -> Table:
    _refuse_binary(path, data)
    text, encoding = decode(data)
    if "\x00" in text:
        raise IntakeError(f"{path} holds binary data, not text: save it as CSV (UTF-8) first")
    if not text.strip():
        raise IntakeError(f"{path} is empty")
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{"):
        json_table = _json_table(path, text, encoding)
        if json_table is not None:
            return json_table
    text, forced = _strip_separator_hint(text)
    delimiter = forced or sniff_delimiter(text)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    written: list[str] | None = None
    for cells in reader:
        if any(cell.strip() for cell in cells):
            written = cells
            break
    if written is None:
        raise IntakeError(f"{path} has no header row")
    header = [_header_cell(cell, i) for i, cell in enumerate(written)]

    def rows() -> Iterator[Row]:
        for cells in reader:
            yield Row(reader.line_num, cells)

    return Table(path, encoding, delimiter, header, text, rows(), stream, written)


def _refuse_binary(path: Path, data: bytes) -> None:
    if data[:4] == b"PK\x03\x04":
        raise IntakeError(
            f"{path} is a workbook (.xlsx), not CSV: in Excel use File > Save As > CSV UTF-8"
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IntakeError(f"{path} is an old Excel workbook (.xls), not CSV: save it as CSV first")


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the name of the encoding it was read with.

    UTF-8 (with or without BOM) first, UTF-16 when it starts with its BOM, else
    Windows-1252, which Excel writes. A file that is mostly UTF-8 with a few
    Windows-1252 bytes (rows pasted in from another export) keeps both: each
    byte that is not UTF-8 is read as Windows-1252. Bytes cp1252 leaves
    undefined read as Latin-1, so decoding never fails and drops nothing.
    """
    bom = data.startswith(_UTF8_BOM)
    if bom:
        data = data[len(_UTF8_BOM) :]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8 with BOM" if bom else "UTF-8"
    except UnicodeDecodeError:
        pass
    utf8_sequences = len(_UTF8_SEQUENCE.findall(data))
    if bom or utf8_sequences > len(_HIGH_BYTE.findall(data)) // 4:
        return data.decode("utf-8", errors=_CP1252_BYTES), "UTF-8 with some Windows-1252"
    return data.decode("cp1252", errors=_CP1252_BYTES), "Windows-1252"


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_CP1252_BYTES = "followup-cp1252-bytes"


def _as_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the offending bytes as Windows-1252 (else Latin-1)."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start : err.end]
    text = "".join(
        bytes([b]).decode("cp1252") if b not in _CP1252_UNDEFINED else chr(b) for b in chunk
    )
    return text, err.end


_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})
codecs.register_error(_CP1252_BYTES, _as_cp1252)


_SEPARATOR_HINT = re.compile(r"\Asep=(.)\r?\n", re.IGNORECASE)


def _strip_separator_hint(text: str) -> tuple[str, str | None]:
    """Excel's `sep=;` first line names the delimiter; it is not the header."""
    match = _SEPARATOR_HINT.match(text)
    if match:
        return text[match.end() :], match.group(1)
    return text, None


def sniff_delimiter(text: str) -> str:
    """The delimiter used most in the first line that is not blank (outside quotes);
    comma on a tie or when there is none (a one-column file)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = started = False
    for ch in text[:65536]:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            if ch in "\r\n":
                if started:
                    break
                continue
            if ch in counts:
                counts[ch] += 1
        started = started or not ch.isspace()
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_cell(cell: str, index: int) -> str:
    name = " ".join(cell.split())
    return name or f"Column {index + 1}"


def _json_table(path: Path, text: str, encoding: str) -> Table | None:
    """A JSON list of objects (our own export) as a table; None if it is not one."""
    try:
        records = json.loads(text)
    except ValueError:
        return None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise IntakeError(f"{path}: JSON import needs a list of objects, like `followup export`")
    header: list[str] = []
    seen: set[str] = set()
    for record in records:
        for key in record:
            if key not in seen:
                seen.add(key)
                header.append(str(key))
    if not header:
        raise IntakeError(f"{path} has no records")

    def rows() -> Iterator[Row]:
        for number, record in enumerate(records, start=1):
            yield Row(number, [_json_cell(record.get(key)) for key in header])

    return Table(path, encoding, ",", header, text, rows(), None)


def _json_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
