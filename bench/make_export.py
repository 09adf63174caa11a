"""A large, messy, deterministic CRM export for the import benchmark.

    python bench/make_export.py [OUT.csv] [--rows 100000] [--seed 7]

What a real export of a few CRMs glued together looks like: a UTF-8 BOM,
Apollo-style headers, US numbers written five ways, international numbers,
extensions, several phone columns, accented and bracketed names, quoted notes
with commas and line breaks, CRLF endings, blank lines, rows that name
nobody, and about one row in twenty repeating an earlier person (email in
another case, or the phone written differently).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from pathlib import Path

HEADER = [
    "First Name",
    "Last Name",
    "Title",
    "Company",
    "Email",
    "Work Direct Phone",
    "Mobile Phone",
    "Corporate Phone",
    "Ext",
    "Lead Source",
    "Time Zone",
    "Do Not Call",
    "Notes",
    "Apollo Contact Id",
    "Industry",
]
FIRST = [
    "Maeve", "José", "Zoë", "Li", "Aarav", "Fatima", "John", "Mary", "Søren", "Chloé",
    "Kwame", "Olga", "Hiroshi", "Priya", "Liam", "Ana", "Björn", "Grace", "Tomás", "Nadia",
]  # fmt: skip
LAST = [
    "O'Brien", "Müller", "Nguyen", "García", "Smith", "Kowalski", "Dubois", "Okafor",
    "Tanaka", "Patel", "Johansson", "Rossi", "Kim", "Brown", "Fernández", "Ivanova",
]  # fmt: skip
COMPANY = [
    "Acme [Holdings]", "Globex", "Initech", "Umbrella plc", "Société Générale Services",
    "Stark & Wayne", "Hooli", "Vandelay Industries", "Wonka, Inc.", "Tyrell [EMEA]",
]  # fmt: skip
TITLE = ["CEO", "VP Sales", "Head of Procurement", "Plant Manager", "CFO", "[Interim] COO", ""]
SOURCE = ["Apollo", "Webinar", "Trade show", "Website", ""]
ZONES = ["America/Chicago", "America/New_York", "Eastern", "", "", "", "Europe/Berlin"]
AREA_CODES = [
    "212", "312", "415", "617", "713", "206", "303", "404", "512", "602", "702", "801",
    "305", "214", "646", "773", "818", "919", "971", "480",
]  # fmt: skip


def us_number(rng: random.Random) -> tuple[str, str]:
    """(digits, as written) for a US number."""
    area, exchange, line = rng.choice(AREA_CODES), rng.randint(201, 989), rng.randint(0, 9999)
    digits = f"{area}{exchange}{line:04d}"
    styles = [
        f"({area}) {exchange}-{line:04d}",
        f"{area}-{exchange}-{line:04d}",
        f"{area}.{exchange}.{line:04d}",
        f"+1 {area} {exchange} {line:04d}",
        f"1{digits}",
    ]
    return digits, rng.choice(styles)


def intl_number(rng: random.Random) -> str:
    return rng.choice(
        [
            f"+44 20 7946 {rng.randint(0, 999):04d}",
            f"+44 7700 900{rng.randint(0, 999):03d}",
            f"+49 30 {rng.randint(1000000, 9999999)}",
            f"+33 1 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00",
            f"+61 2 {rng.randint(8000, 9999)} {rng.randint(1000, 9999)}",
            f"+91 98{rng.randint(100, 999)} {rng.randint(10000, 99999)}",
        ]
    )


def rows(count: int, seed: int):
    rng = random.Random(seed)
    people: list[list[str]] = []
    for n in range(count):
        roll = rng.random()
        if people and roll < 0.05:  # someone already in the file, written differently
            again = list(rng.choice(people))
            if rng.random() < 0.5:
                again[4] = again[4].upper()
            else:
                again[4] = ""
            again[12] = rng.choice(["Called back, wants pricing", "", "Follow up in Q1"])
            yield again
            continue
        if roll < 0.055:
            yield [""] * len(HEADER)  # a blank line
            continue
        if roll < 0.06:
            yield ["", "", "", rng.choice(COMPANY)] + [""] * (len(HEADER) - 4)  # names nobody
            continue
        first, last = rng.choice(FIRST), rng.choice(LAST)
        kind = rng.random()
        direct = mobile = corporate = ext = ""
        if kind < 0.75:
            _, direct = us_number(rng)
        elif kind < 0.87:
            direct = intl_number(rng)
        elif kind < 0.92:
            _, direct = us_number(rng)
            ext = str(rng.randint(1, 9999)) if rng.random() < 0.5 else ""
            direct += "" if ext else f" x{rng.randint(1, 999)}"
        elif kind < 0.96:
            direct = rng.choice(["555-CALL", "12345", "n/a", "+999 123", "(312) 555"])
        if rng.random() < 0.3:
            _, mobile = us_number(rng)
        if rng.random() < 0.2:
            _, corporate = us_number(rng)
        email = f"{first.lower()}.{last.lower()}.{n}@example.com".replace("'", "")
        note = ""
        if rng.random() < 0.2:
            note = rng.choice(
                [
                    "Met at the booth, asked about pricing, timing, and a pilot",
                    'Said "call me next week"\r\nprefers mornings',
                    "Gatekeeper: ask for [Ops] desk",
                ]
            )
        row = [
            first,
            last,
            rng.choice(TITLE),
            rng.choice(COMPANY),
            email if rng.random() < 0.93 else "",
            direct,
            mobile,
            corporate,
            ext,
            rng.choice(SOURCE),
            rng.choice(ZONES),
            "x" if rng.random() < 0.01 else "",
            note,
            f"{rng.getrandbits(48):012x}",
            rng.choice(["Manufacturing", "Logistics", "Retail", ""]),
        ]
        people.append(row)
        yield row


def make_export(path: Path, count: int = 100_000, seed: int = 7) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows(count, seed):
        writer.writerow(row)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="bench-export.csv")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = make_export(Path(args.out), args.rows, args.seed)
    print(f"wrote {args.rows:,} rows to {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
