"""Build the large benchmark database: a territory a team lead would load.

    .venv/bin/python bench/make_large_db.py [OUT] [--prospects 100000] [--touches 1000000]
    .venv/bin/python bench/make_large_db.py --sample [OUT]   # the 220-prospect sample

Deterministic from --seed. 100,000 invented prospects whose numbers ring in 20+
time zones (fiction ranges where a country has one: NANP 555-01xx, Ofcom drama
ranges, ACMA 5550), about a third due at NOW_ISO, and about a million touches
over the two years before it, plus signals, research and call blocks. The schema
comes from `open_db` (so every migration applies); rows go in with plain
`executemany`, and times are made with integer arithmetic, not pendulum, so it
builds in about a minute. It writes OUT.tmp and renames it, so a reader never
sees half a file; the result is left in rollback-journal mode so that `cp` of the
one file is a complete copy. Every measurement runs with FOLLOWUP_NOW=NOW_ISO.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from followup_tui.domain.phones import ParsedPhone, parse_phone
from followup_tui.store.db import open_db

NOW_ISO = "2026-11-23T15:00:00Z"  # a Monday, 10:00 in New York
NOW_TS = 1795446000  # NOW_ISO as a Unix timestamp (checked in main)
DEFAULT_OUT = Path("/tmp/followup-bench/large.db")
DEFAULT_SAMPLE = Path("/tmp/followup-bench/sample.db")
DAY = 86_400
HISTORY_DAYS = 730

# --------------------------------------------------------------------------
# Where numbers ring. Each place: ISO region, how numbers are drawn, rough UTC
# offset in November (only to put past touches in local office hours), weight.
# --------------------------------------------------------------------------
US_AREAS = {
    -5.0: "212 718 646 917 617 857 305 786 404 678 215 267 202 703 301 410 704 919 313 248 "
    "614 216 412 973 201 518 716 813 407 904 843 803 757 502",
    -6.0: "312 773 630 847 214 972 469 713 281 832 512 210 612 651 314 816 504 615 901 414 "
    "608 405 918 316 402 501 205 601 318",
    -7.0: "303 720 719 801 385 505 406 307 208",
    -7.5: "602 480 623 520",  # Arizona: no daylight saving time
    -8.0: "415 510 408 650 213 310 323 818 619 858 714 916 206 253 425 503 971 702 541 509",
    -9.0: "907",
    -10.0: "808",
}
CA_AREAS = {-5.0: "416 647 905 613 514 438 418", -7.0: "403 587 780", -8.0: "604 778 250",
            -4.0: "902", -3.5: "709", -6.0: "204 306"}  # fmt: skip


@dataclass(frozen=True)
class Place:
    region: str
    offset_h: float
    weight: float
    # "nanp:AAA", or a template for `_draw`: {d} a digit, {n} a digit 2-9
    pattern: str
    fiction: int = 0  # how many numbers the fiction range holds (0: drawn freely)


def _places() -> list[Place]:
    places: list[Place] = []
    for region, areas, share in (("US", US_AREAS, 0.62), ("CA", CA_AREAS, 0.07)):
        count = sum(len(codes.split()) for codes in areas.values())
        for offset, codes in areas.items():
            for code in codes.split():
                places.append(Place(region, offset, share / count, f"+1 {code} 555 01{{x2}}", 100))
    places += [
        Place("GB", 0, 0.035, "+44 20 7946 0{x3}", 1000),
        Place("GB", 0, 0.01, "+44 161 496 0{x3}", 1000),
        Place("GB", 0, 0.008, "+44 113 496 0{x3}", 1000),
        Place("GB", 0, 0.007, "+44 131 496 0{x3}", 1000),
        Place("GB", 0, 0.005, "+44 28 9649 6{x3}", 1000),
        Place("AU", 11, 0.02, "+61 2 5550 {x4}", 10000),  # Sydney
        Place("AU", 11, 0.01, "+61 3 5550 {x4}", 10000),  # Melbourne
        Place("AU", 10, 0.006, "+61 7 5550 {x4}", 10000),  # Brisbane
        Place("AU", 8, 0.008, "+61 8 5550 {x4}", 10000),  # Perth / Adelaide
        Place("IE", 0, 0.012, "+353 1 {n}{d}{d} {d}{d}{d}{d}"),
        Place("DE", 1, 0.02, "+49 30 {n}{d}{d}{d}{d}{d}{d}{d}"),
        Place("DE", 1, 0.01, "+49 89 {n}{d}{d}{d}{d}{d}{d}{d}"),
        Place("FR", 1, 0.015, "+33 1 {n}{d} {d}{d} {d}{d} {d}{d}"),
        Place("ES", 1, 0.01, "+34 91{n} {d}{d}{d} {d}{d}{d}"),
        Place("NL", 1, 0.01, "+31 20 {n}{d}{d} {d}{d}{d}{d}"),
        Place("IN", 5.5, 0.01, "+91 22 {n}{d}{d}{d} {d}{d}{d}{d}"),
        Place("IN", 5.5, 0.008, "+91 80 {n}{d}{d}{d} {d}{d}{d}{d}"),
        Place("SG", 8, 0.008, "+65 6{d}{d}{d} {d}{d}{d}{d}"),
        Place("JP", 9, 0.008, "+81 3 {n}{d}{d}{d} {d}{d}{d}{d}"),
        Place("NZ", 13, 0.005, "+64 9 3{d}{d} {d}{d}{d}{d}"),
        Place("BR", -3, 0.008, "+55 11 {n}{d}{d}{d} {d}{d}{d}{d}"),
        Place("MX", -6, 0.008, "+52 55 {n}{d}{d}{d} {d}{d}{d}{d}"),
        Place("ZA", 2, 0.005, "+27 21 {n}{d}{d} {d}{d}{d}{d}"),
        Place("AE", 4, 0.005, "+971 4 3{d}{d} {d}{d}{d}{d}"),
    ]
    return places


FIRST = [
    "Dana",
    "Marcus",
    "Priya",
    "Elena",
    "Sofia",
    "Omar",
    "Hannah",
    "Daniel",
    "Grace",
    "Sam",
    "Alex",
    "Nina",
    "Kenji",
    "Aisha",
    "Tomasz",
    "Ingrid",
    "Mateo",
    "Chloe",
    "Sanjay",
    "Amara",
    "Leah",
    "Ben",
    "Rosa",
    "Yusuf",
    "Claire",
    "Victor",
    "Maya",
    "Paul",
    "Irene",
    "Arjun",
    "Tyler",
    "Keisha",
    "Brandon",
    "Ashley",
    "Kevin",
    "Lauren",
    "Derek",
    "Monica",
    "Trevor",
    "Tanya",
    "Greg",
    "Alicia",
    "Jamal",
    "Megan",
    "Ryan",
    "Carla",
    "Luis",
    "Rachel",
    "Andre",
    "Mei",
    "Hector",
    "Brooke",
    "Callum",
    "Niamh",
    "Rhys",
    "Gemma",
    "Hamish",
    "Owen",
    "Imogen",
    "Lachlan",
    "Bronwyn",
    "Mitchell",
    "Tegan",
    "Mathieu",
    "Geneviève",
    "Harpreet",
    "José",
    "Zoë",
    "François",
    "Siobhán",
    "Björn",
    "Łukasz",
    "Renée",
    "Wei",
    "Hiroshi",
    "Ananya",
    "Lars",
    "Chiara",
    "Thandi",
    "Rafael",
    "Fatima",
    "Ngaio",
    "Kwame",
    "Svetlana",
]
LAST = [
    "Whitfield",
    "Okafor",
    "Delgado",
    "Nakamura",
    "Brennan",
    "Kowalski",
    "Patel",
    "Hughes",
    "Lindqvist",
    "Ferreira",
    "Moreau",
    "Castillo",
    "Haddad",
    "Nguyen",
    "Sorensen",
    "Adeyemi",
    "Romano",
    "Fischer",
    "Chen",
    "Abbott",
    "Kaur",
    "Marsh",
    "Vance",
    "Pereira",
    "Ibrahim",
    "Holloway",
    "Tanaka",
    "Quinn",
    "Bishop",
    "Rahman",
    "Costa",
    "Greer",
    "Hale",
    "Yilmaz",
    "Whitaker",
    "Dawson",
    "Ramirez",
    "Coleman",
    "Sutton",
    "Tremblay",
    "Gagnon",
    "MacLeod",
    "Sandhu",
    "Ashworth",
    "Pembroke",
    "McAllister",
    "Thornton",
    "Hendry",
    "McGrath",
    "Tran",
    "Papadopoulos",
    "O'Connell",
    "D'Souza",
    "Müller",
    "Núñez",
    "Åkesson",
    "Wójcik",
    "Vandenberg",
    "Iyer",
    "Suzuki",
    "Dlamini",
    "Al-Mansouri",
    "Oliveira",
    "Hernández",
    "Schmidt",
    "Dubois",
    "García",
    "Jansen",
    "Ng",
    "Walker",
]
TITLES = [
    "Head of Operations", "VP Sales", "Director of IT", "Office Manager", "CFO", "COO",
    "Procurement Lead", "Facilities Manager", "Head of People", "Finance Director",
    "Operations Manager", "IT Manager", "Managing Director", "Owner", "Practice Manager",
    "Head of Customer Success", "Logistics Coordinator", "CTO", "Sales Operations Analyst",
    "Regional Manager", "Purchasing Manager", "General Manager", "",
]  # fmt: skip
COMPANY_A = [
    "Northwind",
    "Bluefin",
    "Harbor",
    "Summit",
    "Cedar",
    "Granite",
    "Lumen",
    "Redwood",
    "Keystone",
    "Pioneer",
    "Atlas",
    "Beacon",
    "Copper",
    "Meridian",
    "Orchard",
    "Silverline",
    "Tidewater",
    "Ironbridge",
    "Foxglove",
    "Brightwater",
    "Kestrel",
    "Juniper",
    "Marlow",
    "Halcyon",
    "Ridgeway",
    "Sterling",
    "Alder",
    "Obsidian",
    "Larkspur",
    "Quarry",
]
COMPANY_B = [
    "Logistics",
    "Dental",
    "Freight",
    "Analytics",
    "Builders",
    "Foods",
    "Clinics",
    "Robotics",
    "Legal",
    "Accounting",
    "Media",
    "Energy",
    "Plastics",
    "Outfitters",
    "Labs",
    "Partners",
    "Insurance",
    "Hospitality",
    "Print",
    "Motors",
    "Packaging",
    "Health",
    "Systems",
    "Interiors",
    "Brewing",
    "Staffing",
    "Realty",
    "Aviation",
    "Pharma",
    "Textiles",
]
COMPANY_C = ["Ltd", "Inc.", "GmbH", "& Co", "Group", "LLC", "Pty Ltd", "S.A.", "", "", "[Holdings]"]
SOURCES = ["csv import", "webinar list", "trade show", "referral", "website form", "linkedin",
           "purchased list", "partner", "inbound call", ""]  # fmt: skip
SIGNAL_KINDS = [
    ("ebook_download", 20), ("whitepaper_download", 12), ("webinar", 18), ("booth_visit", 8),
    ("newsletter_click", 15), ("website_chat", 6), ("rfp", 2), ("inbound_email", 5),
    ("linkedin_connection", 7), ("linkedin_profile_view", 6), ("existing_client", 1),
]  # fmt: skip
REASONS = [
    "Downloaded the onboarding ebook twice last month.",
    "New {title} started in the spring; the old vendor contract ends in Q1.",
    "Opening a second site in {city}; will need the same setup there.",
    "Asked about [pricing] tier on the website chat.",
    "Referred by a customer in the same industry.",
    "Visited the booth at the regional trade show; took a brochure.",
]
FACTS = [
    "About {n} staff, three offices. Growing 20% a year.",
    "Family-owned, {n} employees; uses spreadsheets for scheduling.",
    "Listed on the local exchange; {n} people; cost-cutting this year.",
    "Recently acquired by a larger group; procurement centralised.",
]
PAINS = [
    "Too many missed handovers between shifts.",
    "Month-end close takes two weeks.",
    "Wants fewer vendors; hates long contracts.",
    "Reporting is manual; the board wants weekly numbers.",
]

# (channel, outcome) codes for touches, and how often each happens.
KINDS = [
    ("call", "no_answer"), ("call", "voicemail"), ("call", "connected"), ("call", "meeting"),
    ("call", "not_interested"), ("call", "wrong_number"), ("email", "sent"),
    ("linkedin", "sent"), ("call", "do_not_call"),
]  # fmt: skip
KIND_WEIGHTS = [50, 22, 9, 1, 3, 1, 10, 4, 0]
KIND_TABLE = [code for code, weight in enumerate(KIND_WEIGHTS) for _ in range(weight)]
DURATIONS = {"no_answer": (18, 45), "voicemail": (30, 95), "connected": (60, 900),
             "meeting": (300, 1500), "not_interested": (25, 180), "wrong_number": (8, 40),
             "do_not_call": (15, 90)}  # fmt: skip
CONVERSATION = {"connected", "meeting", "not_interested", "do_not_call"}


class Iso:
    """UTC ISO text (the store's `to_iso` form) from Unix seconds, without pendulum."""

    def __init__(self) -> None:
        import datetime as dt

        first = NOW_TS // DAY - HISTORY_DAYS - 40
        self.days = {
            d: dt.datetime.fromtimestamp(d * DAY, dt.UTC).strftime("%Y-%m-%d")
            for d in range(first, NOW_TS // DAY + 400)
        }

    def __call__(self, ts: int) -> str:
        day, sec = divmod(ts, DAY)
        return f"{self.days[day]}T{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}Z"


class Phones:
    """Draws numbers per place; each distinct number goes through parse_phone once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.places = _places()
        self.weights = [p.weight for p in self.places]
        self.cache: dict[tuple[str, str], ParsedPhone] = {}

    def parse(self, raw: str, region: str) -> ParsedPhone:
        key = (raw, region)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = parse_phone(raw, region)
        return found

    def draw(self) -> tuple[Place, ParsedPhone]:
        place = self.rng.choices(self.places, self.weights)[0]
        for _ in range(50):
            raw = self._text(place)
            parsed = self.parse(raw, place.region)
            if parsed.valid:
                return place, parsed
        raise SystemExit(f"no valid number drawn for {place.pattern}")

    def _text(self, place: Place) -> str:
        r = self.rng
        if place.fiction:
            width = len(str(place.fiction - 1))
            value = f"{r.randrange(place.fiction):0{width}d}"
            return place.pattern.format(x2=value, x3=value, x4=value)
        out = []
        for piece in place.pattern.split("{"):
            if piece.startswith("d}"):
                out.append(str(r.randrange(10)) + piece[2:])
            elif piece.startswith("n}"):
                out.append(str(r.randrange(2, 10)) + piece[2:])
            else:
                out.append(piece)
        return "".join(out)


def national_text(place: Place, e164: str, rng: random.Random) -> str:
    """The raw text a CRM export might hold for a number (several typing styles)."""
    if place.region in ("US", "CA"):
        a, b, c = e164[2:5], e164[5:8], e164[8:]
        style = rng.randrange(6)
        return [f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}", f"{a}{b}{c}",
                f"{a}-{b}-{c}", f"1-{a}-{b}-{c}"][style]  # fmt: skip
    return ""  # the drawn international text is kept as typed


def build_large(out: Path, prospects: int, touches: int, seed: int) -> None:
    started = time.perf_counter()
    rng = random.Random(seed)
    iso = Iso()
    tmp = out.with_name(out.name + ".tmp")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
        leftover.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(tmp)
    conn: sqlite3.Connection = db.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    phones = Phones(rng)

    # ---------------- prospects ----------------
    rows = []
    plan = []  # per prospect: (offset_s, created_ts, n_touches, final_kind, final_ts, recent)
    mean = touches / prospects
    no_phone = [parse_phone(t, "US") for t in ("", "555-1234", "n/a", "ask reception", "0")]
    companies = [
        f"{a} {b} {c}".strip() for a in COMPANY_A for b in COMPANY_B for c in COMPANY_C[:3]
    ]
    n_due = n_callback = 0
    for pid in range(1, prospects + 1):
        place, phone = phones.draw()
        raw = national_text(place, phone.e164 or "", rng) or phone.raw
        ext = None
        roll = rng.random()
        if roll < 0.01:  # no usable number
            phone = no_phone[rng.randrange(len(no_phone))]
            raw, ext = phone.raw, None
        elif roll < 0.05:
            ext = str(rng.randrange(10, 9999))
            raw = f"{raw} x{ext}" if rng.random() < 0.5 else f"{raw} ext. {ext}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = rng.choice(companies)
        slug = "".join(ch for ch in company.lower() if ch.isalnum())[:20]
        email = f"{first.lower()}.{last.lower()}@{slug}.example" if rng.random() < 0.9 else ""
        email = unicodedata.normalize("NFKD", email).encode("ascii", "ignore").decode()
        email = email.replace(" ", "").replace("'", "")
        zone = None
        if phone.zones and (len(phone.zones) > 1 or rng.random() < 0.03):
            zone = phone.zones[-1] if rng.random() < 0.5 else phone.zones[0]
            if rng.random() < 0.7 and len(phone.zones) > 1:
                zone = None  # most multi-zone numbers are left for the app to decide
        offset_s = int(place.offset_h * 3600)
        created = NOW_TS - int((rng.random() ** 0.8) * HISTORY_DAYS * DAY)
        status, dnc, callback = "active", 0, 0
        next_at: int | None = None
        revisit: int | None = None
        final = None
        s = rng.random()
        if s < 0.01:
            status, dnc, final = "do_not_call", 1, 8
        elif s < 0.04:
            status, final = "meeting", 3
        elif s < 0.08:
            status, final = "not_interested", 4
            revisit = NOW_TS + rng.randint(-20, 300) * DAY
        elif s < 0.15:
            status, final = "not_now", 2
            revisit = NOW_TS + rng.randint(-25, 120) * DAY
        else:
            due = rng.random() < 0.40
            if due:
                n_due += 1
                next_at = NOW_TS - rng.randint(0, 21 * DAY)
                if rng.random() < 0.06:
                    callback, final = 1, 2
                    n_callback += 1
                    next_at = NOW_TS + rng.randint(-6 * 3600, 5 * 3600)
            else:
                next_at = NOW_TS + rng.randint(3600, 30 * DAY)
        if revisit is not None:
            revisit -= revisit % 60
        phone_bad = 1 if phone.valid and rng.random() < 0.005 else 0
        n_hist = int(rng.expovariate(1 / (mean - 0.45)) + 0.5)
        recent = 0
        if status == "active" and next_at is not None and next_at <= NOW_TS + 6 * 3600:
            recent = rng.choices((0, 1, 2, 3), (45, 35, 15, 5))[0]
        final_ts = NOW_TS - rng.randint(8, 90) * DAY if final is not None else None
        if callback:
            final_ts = NOW_TS - rng.randint(1, 6) * DAY
        plan.append((offset_s, created, n_hist, final, final_ts, recent))
        rows.append(
            (
                pid, f"{first} {last}", rng.choice(TITLES), company, email, raw, phone.e164, ext,
                phone.problem, phone_bad, zone, " ".join(phone.zones), status, dnc,
                iso(next_at) if next_at is not None else None, callback,
                iso(revisit) if revisit is not None else None, rng.choice(SOURCES),
                "persistent", rng.choices(range(12), (12, 12, 11, 10, 9, 9, 8, 8, 7, 6, 4, 4))[0],
                iso(created), iso(max(created, NOW_TS - rng.randint(1, 400) * DAY)),
            )
        )  # fmt: skip
    with conn:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO prospects (id, name, title, company, email, phone_raw, phone_e164,"
            " phone_ext, phone_problem, phone_bad, timezone, phone_zones, status, do_not_call,"
            " next_touch_at, next_touch_is_callback, revisit_at, source, cadence, cadence_step,"
            " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    print(
        f"prospects: {prospects:,} ({n_due:,} active due, {n_callback:,} callbacks),"
        f" {len(phones.cache):,} distinct numbers parsed, {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    del rows

    # ---------------- touches: packed ints, sorted by time, decoded on insert ----------------
    packed: list[int] = []
    week_ago = NOW_TS - 7 * DAY
    for pid, (offset_s, created, n_hist, final, final_ts, recent) in enumerate(plan, 1):
        end = final_ts if final_ts is not None else week_ago
        span_days = max(1, (end - created) // DAY)
        for _ in range(n_hist):
            ts = _office_time(rng, created // DAY + rng.randrange(span_days), offset_s)
            if ts >= end:
                ts = end - rng.randint(DAY, 3 * DAY)
            packed.append((ts << 24 | pid) << 4 | KIND_TABLE[rng.randrange(len(KIND_TABLE))])
        if final is not None and final_ts is not None:
            packed.append((final_ts << 24 | pid) << 4 | final)
        for _ in range(recent):
            back = rng.choices((0, 1, 2, 3, 4, 5, 6), (10, 25, 20, 15, 12, 10, 8))[0]
            ts = _office_time(rng, NOW_TS // DAY - back, offset_s)
            if ts >= NOW_TS - 1800:  # ended before NOW: no dial is left running
                ts = NOW_TS - rng.randint(1800, 3 * 3600)
            packed.append((ts << 24 | pid) << 4 | KIND_TABLE[rng.randrange(30)])
    del plan
    packed.sort()
    total = len(packed)
    print(f"touches planned: {total:,}, {time.perf_counter() - started:.1f} s", flush=True)

    def touch_rows() -> Iterator[tuple[object, ...]]:
        for key in packed:
            code = key & 15
            pid = (key >> 4) & 0xFFFFFF
            ts = key >> 28
            channel, outcome = KINDS[code]
            begun = iso(ts)
            if channel == "call":
                low, high = DURATIONS[outcome]
                seconds = rng.randint(low, high)
                duration: int | None = seconds
                ended = iso(ts + seconds)
                dm = 1 if outcome in CONVERSATION and rng.random() < 0.55 else 0
            else:
                duration, ended, dm = None, None, 0
            note = ""
            if outcome in CONVERSATION and rng.random() < 0.5:
                note = rng.choice(NOTES)
            yield (pid, channel, outcome, begun, ended, duration, note, dm, begun)

    with conn:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO touches (prospect_id, channel, outcome, started_at, ended_at,"
            " duration_s, notes, decision_maker, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            touch_rows(),
        )
    packed.clear()
    print(f"touches: {total:,}, {time.perf_counter() - started:.1f} s", flush=True)

    # ---------------- signals, research, call blocks, do-not-call log ----------------
    signals = []
    kinds, weights = zip(*SIGNAL_KINDS, strict=True)
    for _ in range(prospects // 25):
        pid = rng.randint(1, prospects)
        signals.append(
            (pid, rng.choices(kinds, weights)[0], iso(NOW_TS - rng.randint(1, 240 * DAY)))
        )
    for _ in range(prospects // 400):  # sales-ready: three kinds in the last weeks
        pid = rng.randint(1, prospects)
        for kind in rng.sample(["ebook_download", "webinar", "booth_visit", "rfp"], 3):
            signals.append((pid, kind, iso(NOW_TS - rng.randint(1, 40 * DAY))))
    researched = rng.sample(range(1, prospects + 1), int(prospects * 0.3))
    blocks = []
    for back in range(1, 36):
        day = NOW_TS // DAY - back
        if (day + 3) % 7 < 5:  # weekdays (1970-01-01 was a Thursday)
            begin = day * DAY + 14 * 3600
            blocks.append((iso(begin), iso(begin + 7200), 120, 60, "[]"))
    with conn:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO signals (prospect_id, kind, occurred_at, detail, source)"
            " VALUES (?, ?, ?, '', 'marketing')",
            signals,
        )
        conn.executemany(
            "INSERT INTO research (prospect_id, reason_to_call, company_facts, pains_goals,"
            " notes, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                (pid, rng.choice(REASONS).format(title=rng.choice(TITLES) or "manager",
                 city=rng.choice(COMPANY_A) + "ville"),
                 rng.choice(FACTS).format(n=rng.randint(12, 4000)), rng.choice(PAINS),
                 rng.choice(NOTES) if rng.random() < 0.4 else "",
                 iso(NOW_TS - rng.randint(1, 400) * DAY))
                for pid in sorted(researched)
            ),
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO call_blocks (started_at, ended_at, planned_minutes, goal_dials, pauses)"
            " VALUES (?, ?, ?, ?, ?)",
            blocks,
        )
        conn.execute(
            "UPDATE touches SET call_block_id = (SELECT b.id FROM call_blocks b"
            " WHERE touches.started_at >= b.started_at AND touches.started_at < b.ended_at)"
            " WHERE started_at >= ? AND channel = 'call'",
            [blocks[-1][0]],
        )
        conn.execute(
            "INSERT INTO dnc_log (prospect_id, action, reason, at) SELECT id, 'added',"
            " 'asked on a call', updated_at FROM prospects WHERE do_not_call = 1"
        )
        columns = {row[1] for row in conn.execute("PRAGMA table_info(prospects)")}
        if "touch_count" in columns:  # a maintained column (m004): make sure it is right
            conn.execute(
                "UPDATE prospects SET touch_count = (SELECT count(*) FROM touches t"
                " WHERE t.prospect_id = prospects.id AND t.outcome IS NOT NULL)"
            )
    print(
        f"signals: {len(signals):,}, research: {len(researched):,}, call blocks: {len(blocks)},"
        f" {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    _finish(db, tmp, out)
    print(f"wrote {out} ({out.stat().st_size / 2**20:.0f} MiB) in "
          f"{time.perf_counter() - started:.1f} s; FOLLOWUP_NOW={NOW_ISO}")  # fmt: skip


NOTES = [
    "Call back after the board meeting.", "Gatekeeper: ask for the ops desk.",
    "Said to quote in [USD] not local currency.", "Liked the demo video; wants pricing.",
    "Busy season until March.", "Uses a competitor; contract renews in June.",
    "Prefers email first, then a call.", "Spoke with the assistant; DM travels Mondays.",
]  # fmt: skip


def _office_time(rng: random.Random, day: int, offset_s: int) -> int:
    """A moment in local office hours (8:30 to 17:30, weekdays) on `day`, as UTC seconds."""
    weekday = (day + 3) % 7
    if weekday >= 5:
        day -= weekday - 4  # a weekend slides back to Friday
    return day * DAY + rng.randint(8 * 3600 + 1800, 17 * 3600 + 1800) - offset_s


def _finish(db: object, tmp: Path, out: Path) -> None:
    """Checkpoint, leave WAL for a single self-contained file, and rename into place."""
    conn: sqlite3.Connection = db.conn  # type: ignore[attr-defined]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    os.replace(tmp, out)


def build_sample(out: Path) -> None:
    import pendulum

    from followup_tui.intake.sample import load_sample

    tmp = out.with_name(out.name + ".tmp")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(tmp)
    count = load_sample(db, pendulum.parse(NOW_ISO))  # type: ignore[arg-type]
    _finish(db, tmp, out)
    print(f"wrote {out}: {count} sample prospects; FOLLOWUP_NOW={NOW_ISO}")


def main() -> None:
    import datetime as dt

    assert dt.datetime.fromtimestamp(NOW_TS, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") == NOW_ISO
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=None)
    parser.add_argument("--prospects", type=int, default=100_000)
    parser.add_argument("--touches", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--sample", nargs="?", const=DEFAULT_SAMPLE, type=Path, default=None, metavar="OUT",
        help=f"build the 220-prospect sample instead (default {DEFAULT_SAMPLE})",
    )  # fmt: skip
    args = parser.parse_args()
    print(f"NOW_ISO = {NOW_ISO}")
    if args.sample is not None:
        build_sample(args.out or args.sample)
        return
    build_large(args.out or DEFAULT_OUT, args.prospects, args.touches, args.seed)


if __name__ == "__main__":
    main()
