#!/usr/bin/env python3
"""Generate sample_data/prospects.json: invented prospects for followup-tui.

Deterministic: every random choice comes from ``random.Random(20261122)``,
so running this script again produces a byte-identical file.

    python sample_data/make_sample.py

Everything is invented: people, companies, research notes.  E-mail domains
end in ``.example`` (RFC 2606) and phone numbers use ranges reserved for
fiction/drama (NANP 555-0100..0199, Ofcom 020 7946 0xxx / 0161 496 0xxx /
0131 496 0xxx, ACMA 0x 5550 xxxx).  Only the standard library is used to
generate; ``phonenumbers`` is used by the self-check at the end.
"""
from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

SEED = 20261122
N_PROSPECTS = 220
OUT = Path(__file__).resolve().parent / "prospects.json"

SIGNAL_KINDS = (
    "ebook_download", "whitepaper_download", "webinar", "booth_visit",
    "newsletter_click", "website_chat", "rfp", "inbound_email",
    "linkedin_connection", "linkedin_profile_view", "existing_client",
)

rng = random.Random(SEED)

# --------------------------------------------------------------------------
# Places and phone ranges reserved for fiction
# --------------------------------------------------------------------------
# kind "nanp": (AAA) 555-01XX, kind "gb": national prefix + XXX, kind "au": prefix + XXXX
LOCATIONS = {
    "nyc": dict(country="US", kind="nanp", pool="212", city="New York", region="the Northeast",
                places=["Brooklyn", "Long Island", "northern New Jersey", "Westchester", "Albany"]),
    "bos": dict(country="US", kind="nanp", pool="617", city="Boston", region="New England",
                places=["Worcester", "Providence", "Cambridge", "southern New Hampshire", "Springfield"]),
    "mia": dict(country="US", kind="nanp", pool="305", city="Miami", region="South Florida",
                places=["Fort Lauderdale", "Doral", "Orlando", "Tampa", "West Palm Beach"]),
    "chi": dict(country="US", kind="nanp", pool="312", city="Chicago", region="the Midwest",
                places=["Joliet", "Milwaukee", "Indianapolis", "Rockford", "Naperville"]),
    "okc": dict(country="US", kind="nanp", pool="405", city="Oklahoma City", region="Oklahoma",
                places=["Tulsa", "Norman", "Wichita", "Dallas", "Stillwater"]),
    "den": dict(country="US", kind="nanp", pool="303", city="Denver", region="the Front Range",
                places=["Aurora", "Colorado Springs", "Boulder", "Salt Lake City", "Fort Collins"]),
    "phx": dict(country="US", kind="nanp", pool="602", city="Phoenix", region="Arizona",
                places=["Tempe", "Mesa", "Tucson", "Las Vegas", "Scottsdale"]),
    "sea": dict(country="US", kind="nanp", pool="206", city="Seattle", region="the Pacific Northwest",
                places=["Tacoma", "Portland", "Spokane", "Bellevue", "Everett"]),
    "sfo": dict(country="US", kind="nanp", pool="415", city="San Francisco", region="the Bay Area",
                places=["Oakland", "San Jose", "Sacramento", "Fresno", "Stockton"]),
    "hnl": dict(country="US", kind="nanp", pool="808", city="Honolulu", region="Hawaii",
                places=["Maui", "Kona", "Hilo", "Kauai", "Kapolei"]),
    "anc": dict(country="US", kind="nanp", pool="907", city="Anchorage", region="Alaska",
                places=["Fairbanks", "Juneau", "Wasilla", "the Kenai Peninsula", "Kodiak"]),
    "tor": dict(country="CA", kind="nanp", pool="416", city="Toronto", region="Ontario",
                places=["Mississauga", "Hamilton", "Ottawa", "Kitchener-Waterloo", "Barrie"]),
    "van": dict(country="CA", kind="nanp", pool="604", city="Vancouver", region="British Columbia",
                places=["Surrey", "Burnaby", "Victoria", "Kelowna", "Abbotsford"]),
    "ldn": dict(country="GB", kind="gb", pool="20 7946 0", city="London", region="the South East",
                places=["Croydon", "Reading", "Milton Keynes", "Kent", "Guildford"]),
    "man": dict(country="GB", kind="gb", pool="161 496 0", city="Manchester", region="the North West",
                places=["Salford", "Stockport", "Leeds", "Warrington", "Bolton"]),
    "edi": dict(country="GB", kind="gb", pool="131 496 0", city="Edinburgh", region="Scotland",
                places=["Glasgow", "Livingston", "Dundee", "Fife", "Stirling"]),
    "syd": dict(country="AU", kind="au", pool="2 5550", city="Sydney", region="New South Wales",
                places=["Parramatta", "Newcastle", "Wollongong", "Canberra", "Penrith"]),
    "bne": dict(country="AU", kind="au", pool="7 5550", city="Brisbane", region="Queensland",
                places=["the Gold Coast", "Toowoomba", "the Sunshine Coast", "Cairns", "Ipswich"]),
    "adl": dict(country="AU", kind="au", pool="8 5550", city="Adelaide", region="South Australia",
                places=["Mount Gambier", "Port Adelaide", "the Barossa", "Whyalla", "Murray Bridge"]),
    "per": dict(country="AU", kind="au", pool="8 5550", city="Perth", region="Western Australia",
                places=["Fremantle", "Joondalup", "Bunbury", "Kalgoorlie", "Mandurah"]),
}

# How many of the 214 non-special rows go to each location (~60/8/18/14 % with the specials).
REST_LOCATIONS = {
    "nyc": 17, "bos": 12, "mia": 14, "chi": 18, "okc": 10, "den": 12, "phx": 10,
    "sea": 10, "sfo": 16, "hnl": 4, "anc": 4,              # US 127 (+5 specials)
    "tor": 11, "van": 7,                                    # CA 18
    "ldn": 23, "man": 10, "edi": 6,                         # GB 39 (+1 special)
    "syd": 14, "bne": 8, "adl": 4, "per": 4,                # AU 30
}

DNC_REGISTRY = {"US": "the National Do Not Call Registry", "CA": "the National DNCL",
                "GB": "the TPS list", "AU": "the Do Not Call Register"}

_used_numbers: dict[str, list[int]] = {}


def draw_number(loc: dict, forced: int | None = None) -> int:
    """Pick an unused subscriber suffix within the fiction range of this location."""
    pool = loc["pool"]
    size = {"nanp": 100, "gb": 1000, "au": 10000}[loc["kind"]]
    used = _used_numbers.setdefault(pool, [])
    if forced is not None:
        assert forced not in used
        value = forced
    else:
        value = rng.randrange(size)
        while value in used:
            value = rng.randrange(size)
    used.append(value)
    return value


NANP_FORMATS = [
    ("({a}) 555-01{x}", 30), ("{a}.555.01{x}", 12), ("+1 {a} 555 01{x}", 14), ("{a}55501{x}", 10),
    ("{a}-555-01{x}", 14), ("1-{a}-555-01{x}", 5), ("+1 ({a}) 555-01{x}", 5), ("{a} 555 01{x}", 6),
]
GB_FORMATS = [("0{a} {b} {c}", 45), ("+44 {a} {b} {c}", 25), ("+44 (0){a} {b} {c}", 8),
              ("0{a}{b}{c}", 8), ("(0{a}) {b} {c}", 8), ("0{a}-{b}-{c}", 6)]
AU_FORMATS = [("0{a} {b} {c}", 45), ("+61 {a} {b} {c}", 25), ("(0{a}) {b} {c}", 12),
              ("0{a}{b}{c}", 10), ("0{a}-{b}-{c}", 8)]


def wchoice(pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights)[0]


def format_phone(loc: dict, value: int, fmt: str | None = None, ext: str = "") -> str:
    if loc["kind"] == "nanp":
        fmt = fmt or wchoice(NANP_FORMATS)
        text = fmt.format(a=loc["pool"], x=f"{value:02d}")
    elif loc["kind"] == "gb":
        area, b, c0 = loc["pool"].split()          # "20", "7946", "0"
        fmt = fmt or wchoice(GB_FORMATS)
        text = fmt.format(a=area, b=b, c=f"{c0}{value:03d}")
    else:
        area, b = loc["pool"].split()              # "2", "5550"
        fmt = fmt or wchoice(AU_FORMATS)
        text = fmt.format(a=area, b=b, c=f"{value:04d}")
    return text + ext


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------
FIRST_COMMON = [
    "Dana", "Marcus", "Priya", "Elena", "Sofia", "Omar", "Hannah", "Daniel", "Grace", "Sam",
    "Alex", "Nina", "Kenji", "Aisha", "Tomasz", "Ingrid", "Mateo", "Chloe", "Sanjay", "Amara",
    "Leah", "Ben", "Rosa", "Yusuf", "Claire", "Victor", "Maya", "Paul", "Irene", "Arjun",
]
FIRST_BY_COUNTRY = {
    "US": ["Tyler", "Keisha", "Brandon", "Ashley", "Kevin", "Lauren", "Derek", "Monica", "Trevor",
           "Tanya", "Greg", "Alicia", "Jamal", "Megan", "Ryan", "Carla", "Heather", "Luis", "Rachel",
           "Andre", "Kristen", "Darnell", "Nicole", "Shawn", "Erin", "Mei", "Hector", "Brooke",
           "Cody", "Janelle", "Travis", "Lena", "Stacy", "Wes", "Marisol", "Kalani", "Dwayne"],
    "CA": ["Mathieu", "Geneviève", "Connor", "Avery", "Harpreet", "Logan", "Mackenzie", "Jasmine",
           "Étienne", "Kyle", "Tessa", "Gurdeep"],
    "GB": ["Callum", "Niamh", "Rhys", "Gemma", "Hamish", "Kirsty", "Owen", "Harriet", "Rory",
           "Imogen", "Declan", "Zara", "Alistair", "Fiona", "Gareth", "Bethan", "Nadia", "Euan",
           "Lottie", "Ravi", "Graham", "Shona"],
    "AU": ["Lachlan", "Bronwyn", "Mitchell", "Tegan", "Brodie", "Kylie", "Jarrah", "Shane", "Jess",
           "Nathan", "Mia", "Cooper", "Hayley", "Liam", "Kirra", "Darcy"],
}
LAST_COMMON = [
    "Whitfield", "Okafor", "Delgado", "Nakamura", "Brennan", "Kowalski", "Patel", "Hughes",
    "Lindqvist", "Ferreira", "Moreau", "Castillo", "Haddad", "Nguyen", "Sorensen", "Adeyemi",
    "Romano", "Fischer", "Chen", "Abbott", "Kaur", "Marsh", "Vance", "Pereira", "Ibrahim",
    "Holloway", "Tanaka", "Quinn", "Bishop", "Rahman", "Costa", "Greer", "Hale", "Yilmaz",
]
LAST_BY_COUNTRY = {
    "US": ["Whitaker", "Dawson", "Ramirez", "Coleman", "Sutton", "Jefferson", "Kim", "Alvarez",
           "Pruitt", "McCall", "Gallagher", "Harlan", "Brooks", "Ortega", "Lowery", "Kekumu",
           "Tillman", "Washburn", "Becker", "Mendoza", "Hollis", "Strickland", "Yazzie", "Park"],
    "CA": ["Tremblay", "Gagnon", "MacLeod", "Sandhu", "Bouchard", "Fraser", "Leblanc", "Grewal",
           "Campbell", "Pelletier"],
    "GB": ["Ashworth", "Pembroke", "McAllister", "Thornton", "Fairweather", "Bannerman", "Gill",
           "Pritchard", "Llewellyn", "Hargreaves", "Okonkwo", "Rennie", "Baird", "Cartwright",
           "Mistry", "Sinclair"],
    "AU": ["Kowalczyk", "Hendry", "McGrath", "Tran", "Papadopoulos", "Doyle", "Farrugia",
           "Wilkes", "Nguyen-Tran", "Bellamy", "Ryan", "Stavros"],
}
GATEKEEPERS = ["Linda", "Sharon", "Kev", "Priyanka", "Tom", "Marisol", "Gary", "Helen", "Aroha",
               "Dev", "Bev", "Joanne", "Ray", "Mel", "Fiona", "Carlos", "Deb", "Yasmin"]

# Rows that exercise escaping and Unicode (names go to random non-special rows).
EXTRA_NAMES = [
    "José Núñez", "Zoë Müller", "François Lefèvre", "Siobhán O'Connell", "Renée D'Souza",
    "Björn Åkesson", "Łukasz Wójcik", "Chloé Nguyen", "Liam O'Keefe", "Jordan Reyes [interim]",
    "Priya Shah [via Ravi]",
]
EXTRA_RESEARCH_NOTES = [
    "Asked about [pricing] tier on the website chat.",
    "Old CRM tag: [VIP][/VIP] (imported, ignore).",
    "Email signature says [b]Head of Ops[/b]; title on file may be out of date.",
    "Wants [red]no[/red] auto-renew clause in any contract.",
    "Called their current setup a [link=https://example.com]disaster[/link] in a LinkedIn post.",
]
EXTRA_TOUCH_NOTES = [
    "Said to quote in [USD] not local currency.",
    "Gatekeeper: {gk}, said try mornings. [Ask for {first} by name]",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

SENIOR_WORDS = ("Chief", "CEO", "CFO", "COO", "CTO", "President", "Owner", "Founder", "Managing",
                "Partner", "VP", "Vice President", "Director", "Head of", "Principal", "Bursar",
                "General Manager")


def is_senior(title: str) -> bool:
    return any(w in title for w in SENIOR_WORDS)


# --------------------------------------------------------------------------
# Industries: company name parts, titles and research fragments
# Template mini-language: {n:A-B} or {n:A-B:STEP} random int, {p:a|b|c} pick one,
# {name} from the prospect context (city, region, place, place2, cur, month, q, ...).
# --------------------------------------------------------------------------
COIN_A = ["Amber", "Brack", "Cobalt", "Tamber", "Fern", "Gable", "Harrow", "Juniper", "Kestrel",
          "Lark", "Marrow", "Quarry", "Raven", "Saffron", "Umber", "Vell", "Wren", "Yarrow",
          "Bramble", "Cinder", "Drift", "Ember", "Flint", "Heron", "Keel", "Linden", "Nettle",
          "Otter", "Pebble", "Rook", "Sable", "Thistle", "Calder", "Dunmore", "Tillery", "Corran"]
COIN_B = ["crest", "gate", "line", "stone", "brook", "ridge", "haven", "mark", "well", "ford",
          "bank", "moor", "wick", "vale", "point", "hollow", "run", "side", "mere", "fold"]
TECH_A = ["Quill", "Tally", "Ledger", "Sprocket", "Parcel", "Orbit", "Pylon", "Cadence", "Relay",
          "Lumen", "Hatch", "Kiln", "Loom", "Cobble", "Trellis", "Mosaic", "Gantry", "Fathom"]
TECH_B = ["stack", "forge", "ly", "wise", "hub", "desk", "base", "flow", "grid", "works", "loop"]
SAINTS = ["Brigid", "Aidan", "Columba", "Hilda", "Anselm", "Cuthbert", "Winifred", "Bede"]
SURNAMES_FIRMS = ["Harrow", "Finch", "Pemberton", "Okafor", "Whitcombe", "Langley", "Achebe",
                  "Delacroix", "Marlow", "Stroud", "Kettering", "Vasquez", "Ferris", "Tolland",
                  "Braddock", "Ainsley", "Hartigan", "Mercer", "Quayle", "Ravensworth"]


def coin() -> str:
    while True:
        word = rng.choice(COIN_A) + rng.choice(COIN_B)
        if not re.search(r"(.)\1\1", word.lower()):
            return word


def surname_pair() -> tuple[str, str]:
    a, b = rng.sample(SURNAMES_FIRMS, 2)
    return a, b


INDUSTRIES = {
    "logistics": dict(
        label="logistics",
        names=lambda c: f"{coin()} {rng.choice(['Logistics', 'Freight', 'Transport', 'Distribution', 'Freight Lines', 'Carriers', 'Cold Chain'] + (['Haulage'] if c in ('GB', 'AU') else []))}",
        titles=["VP Operations", "Director of Transportation", "Fleet Manager", "Operations Director",
                "COO", "Head of Logistics", "Dispatch Manager", "Warehouse Manager", "CFO", "Owner"],
        facts=[
            "{p:Second|Third}-generation family business; runs {n:3-9} cross-dock sites around {city}.",
            "Runs {n:60-300:10} tractors and ~{n:150-900:10} trailers, mostly regional LTL out of {city}.",
            "Cold-chain specialist: {n:2-6} temperature-controlled warehouses and {n:30-120:5} reefer units.",
            "Last-mile contractor for two national retailers; ~{n:80-400:10} drivers incl. owner-operators.",
        ],
        news=[
            "Opened {n:2-5} new depots in {region} this year; fleet of ~{n:40-260:10} trucks.",
            "New distribution centre near {place} went live in {month}.",
            "Acquired a smaller carrier in {place} last year; still running two dispatch systems side by side.",
            "~{n:15-60}% of revenue comes from one grocery account; that contract renews in {q}.",
        ],
        pains=["fuel costs", "driver turnover", "empty miles", "detention time at docks",
               "manual dispatch on whiteboards", "late POD paperwork slowing invoicing",
               "insurance premiums after two claims", "peak-season overtime"],
        goals=["cut empty miles {n:8-20}% by {q}", "get invoices out within 48h of delivery",
               "bring driver turnover under {n:30-60}%", "have one dispatch view across all depots",
               "onboard new drivers in under a week", "win the {place} retail contract",
               "move off {competitor} before renewal"],
        triggers=["Posted {n:3-12} driver and dispatcher openings in the last two weeks.",
                  "Announced a new depot in {place}; expansion usually means dispatch pain.",
                  "New COO started in {month}; new execs tend to review vendors in their first 90 days.",
                  "Their {competitor} contract is up for renewal in {q}.",
                  "Local press covered a big regional grocery contract win.",
                  "Peak season is coming and last year they complained about overtime."],
        notes=["Dispatch runs on {competitor} plus spreadsheets.",
               "Owner's son {p:Mike|Danny|Chris} is pushing for new tech; dad is skeptical.",
               "Depots in {city} and {place}; HQ calls go to the {city} switchboard.",
               "Drivers at the {place} site are unionised; ops changes go through the shop steward.",
               "{first} is in the yard from 06:00; desk calls after 10:00 work best.",
               "Older depots still dispatch from a home-grown Access database."],
        competitors=["RouteMaster TMS", "FleetLedger", "Truckwell", "DispatchBoard"],
        busy=["peak season", "a depot move", "a safety audit", "year-end contract renewals"],
        topics=["empty-mile reporting", "driver onboarding", "dispatch visibility"],
        ebooks=["The Freight Cost Playbook", "Cutting Empty Miles: A Field Guide", "Driver Retention in 2026"],
        whitepapers=["Dispatch Automation Benchmarks 2026", "The Real Cost of Detention Time"],
        webinars=["Q3 Ops Roundtable", "Peak Season Planning for Regional Carriers", "Fuel Cost Strategies Panel"],
        shows=["LogiExpo 2026", "Regional Freight Summit 2026", "ColdChain Connect 2026"],
    ),
    "manufacturing": dict(
        label="manufacturing",
        names=lambda c: f"{coin()} {rng.choice(['Precision', 'Fabrication', 'Plastics', 'Components', 'Manufacturing', 'Metalworks', 'Packaging', 'Tooling'])}",
        titles=["Plant Manager", "VP Operations", "Director of Manufacturing", "Head of Procurement",
                "Purchasing Manager", "Maintenance Manager", "COO", "CFO", "Quality Manager", "General Manager"],
        facts=[
            "Contract manufacturer of {p:injection-moulded parts|sheet-metal enclosures|food-grade packaging|hydraulic fittings|precision-machined components}; {n:2-4} plants, ~{n:120-800:10} staff.",
            "ISO 9001 and {p:AS9100|IATF 16949|ISO 13485} certified; ~{n:30-70}% of output goes to {p:automotive|aerospace|medical device|agricultural} customers.",
            "About {n:40-140} CNC and press machines; maintenance logged on paper cards.",
        ],
        news=[
            "Runs {n:2-3} shifts, {n:5-6} days a week at the {city} plant.",
            "Bought a second plant in {place} in {p:2024|2025}; still integrating the ERP.",
            "Exports ~{n:10-45}% of volume; biggest overseas customer is in {p:Germany|Mexico|Japan|Canada}.",
        ],
        pains=["unplanned downtime", "scrap on the {p:night|weekend} shift", "supplier lead times",
               "raw material price swings", "paper-based maintenance logs", "audit prep eating whole weeks",
               "hiring skilled machinists", "energy bills"],
        goals=["lift OEE from ~{n:55-64}% to {n:70-80}%", "cut scrap {n:10-30}% by {q}",
               "pass the next customer audit with zero findings", "get spare-parts inventory under control",
               "move maintenance into a CMMS before {q}", "dual-source their top {n:5-15} components"],
        triggers=["Hiring a Continuous Improvement Manager (job ad posted {p:last week|this month}).",
                  "Announced a {cur}{n:2-20}m expansion at the {place} site.",
                  "Lost a day of production to a compressor failure in {month} (mentioned on LinkedIn).",
                  "New Head of Procurement came from a company that already uses us.",
                  "Their ERP vendor ends support for their version next year.",
                  "Won a new {p:automotive|defence|medical} contract; volume ramps in {q}."],
        notes=["Plant tours only on Tuesdays; {first} likes to show the floor.",
               "Maintenance requests go through {competitor}.",
               "Purchases over {cur}{n:25-100:5}k go to the group board.",
               "Shift change at 14:00 - don't call 13:45-14:30.",
               "ERP is an old AS/400 system nobody wants to touch."],
        competitors=["FixTrack CMMS", "PlantPulse", "Shopfloorly", "MaintainIQ"],
        busy=["a customer audit", "the annual shutdown", "a line changeover", "budget season"],
        topics=["downtime tracking", "maintenance scheduling", "supplier scorecards"],
        ebooks=["The Downtime Dollar: What an Idle Line Really Costs", "Maintenance Without Paper",
                "OEE for Busy Plant Managers"],
        whitepapers=["Predictive Maintenance on a Mid-Size Budget", "Supplier Risk Benchmarks 2026"],
        webinars=["Plant Managers Roundtable: Scrap & Rework", "From Paper to CMMS in 90 Days", "Q3 Ops Roundtable"],
        shows=["MakerOps Expo 2026", "Precision Parts Fair 2026", "Factory Floor Forum 2026"],
    ),
    "healthcare": dict(
        label="healthcare clinics",
        names=lambda c: (f"St. {rng.choice(SAINTS)}'s Medical Group" if rng.random() < 0.1 else
                         f"{coin()} {rng.choice(['Family Clinics', 'Medical Group', 'Health Partners', 'Physio Group', 'Dental Group', 'Urgent Care', 'Community Health'])}"),
        titles=["Practice Manager", "Director of Operations", "Clinic Manager", "CFO", "Medical Director",
                "Head of Patient Services", "Office Manager", "IT Manager", "COO"],
        facts=[
            "Group of {n:4-18} clinics across {region}; HQ and the largest site in {city}.",
            "~{n:20-120} clinicians and {n:60-400:10} staff in total; {n:200-1500:50} patient visits a day.",
        ],
        news=[
            "Opened a new clinic in {place} in {month}; another planned for {p:spring|autumn|next year}.",
            "Private-equity backed since {p:2023|2024|2025} and rolling up smaller practices.",
            "Front desk still phones patients for reminders; no-show rate ~{n:8-20}%.",
            "Moved to {competitor} for scheduling last year; unhappy with the reporting.",
        ],
        pains=["patient no-shows", "front-desk turnover", "phone queues at 8am", "billing backlogs",
               "credentialing new clinicians", "staff scheduling across sites", "compliance paperwork"],
        goals=["cut no-shows below {n:5-8}%", "centralise scheduling for all sites",
               "get hold times under {n:2-4} minutes", "open {n:2-4} more clinics without adding admin staff",
               "bring billing turnaround under {n:10-20} days"],
        triggers=["Opened a new site in {place}; more locations means more scheduling headaches.",
                  "Job ads for {n:3-8} receptionists across sites - turnover problem?",
                  "New COO joined from a hospital group in {month}.",
                  "Online reviews mention long phone waits at the {city} clinic.",
                  "Acquired {n:2-3} independent practices this year."],
        notes=["Clinicians are off-limits; everything goes through {first}.",
               "Mornings are the patient rush - call after 13:00.",
               "Any vendor needs their security questionnaire first (ask for the template).",
               "Board meets {p:monthly|quarterly}; next one is in {month}.",
               "Two sites still book appointments in paper diaries."],
        competitors=["ClinicDesk", "PatientPath", "BookingBay", "CareRota"],
        busy=["flu season", "a compliance inspection", "opening the new clinic", "the EHR upgrade"],
        topics=["no-show reduction", "multi-site scheduling", "patient reminders"],
        ebooks=["The No-Show Handbook for Multi-Site Clinics", "Front Desk Survival Guide"],
        whitepapers=["Patient Access Benchmarks 2026", "Scheduling at Scale: 10+ Clinic Groups"],
        webinars=["Clinic Ops Roundtable", "Reducing No-Shows with Two-Way Reminders"],
        shows=["Practice Management Summit 2026", "ClinicOps Live 2026"],
    ),
    "saas": dict(
        label="SaaS",
        names=lambda c: f"{rng.choice(TECH_A)}{rng.choice(TECH_B)}{rng.choice(['', '', ' Software', ' Labs', ' HQ'])}",
        titles=["VP Customer Success", "Head of RevOps", "Director of IT", "CFO", "COO", "VP Sales",
                "Head of Support", "Director of Finance", "CTO"],
        facts=[
            "Series {p:A|B|C} {p:fintech|HR tech|martech|proptech|edtech} company; ~{n:40-450:10} employees, {n:30-70}% remote.",
            "ARR roughly {cur}{n:5-60}m per the last funding announcement.",
            "Sells to mid-market; ~{n:300-3000:50} customers, mostly in {region}.",
        ],
        news=[
            "Raised a {cur}{n:8-60}m round in {month}; hiring across sales and support.",
            "Support team of {n:8-60} handling ~{n:2000-15000:500} tickets a month.",
            "Moved HQ to {city} last year; satellite team in {place}.",
        ],
        pains=["churn in the SMB tier", "slow onboarding", "ticket backlog", "too many tools in the stack",
               "forecast accuracy", "SOC 2 evidence collection", "renewals slipping through the cracks"],
        goals=["cut onboarding time to {n:14-30} days", "keep net revenue retention above {n:105-120}%",
               "consolidate {n:3-6} tools into one", "get first-response time under {n:1-4}h",
               "get SOC 2 Type II done by {q}"],
        triggers=["Just raised a round - budget for ops tooling usually follows.",
                  "Hiring a Head of RevOps (posted {p:this week|last week}).",
                  "CEO posted about churn on LinkedIn last week.",
                  "They use {competitor}, which just announced a price increase.",
                  "Review sites mention slow support response."],
        notes=["Stack: {competitor}, Slack, a CRM they hate.",
               "Everything goes through a procurement portal; expect a security review.",
               "{first} prefers short recorded videos over calls.",
               "Fiscal year ends in {month}."],
        competitors=["Deskwise", "TicketNest", "HelpHarbor", "SupportLoop"],
        busy=["a product launch", "their SOC 2 audit", "end-of-quarter close", "a board meeting"],
        topics=["onboarding automation", "renewal tracking", "support tooling"],
        ebooks=["The Churn Autopsy Playbook", "RevOps for Series B"],
        whitepapers=["SaaS Support Benchmarks 2026", "Onboarding Time vs. Retention"],
        webinars=["RevOps Roundtable: Q3 Forecasting", "Scaling Support Without Headcount"],
        shows=["SaaS Ops Summit 2026", "CloudScale Conf 2026"],
    ),
    "construction": dict(
        label="construction",
        names=lambda c: rng.choice([
            f"{coin()} {rng.choice(['Construction', 'Builders', 'Civil', 'Contracting', 'Homes'])}",
            "{} & {} Builders".format(*surname_pair())]),
        titles=["Operations Manager", "Project Director", "CFO", "Owner", "Head of Procurement",
                "Office Manager", "VP Operations", "Estimating Manager", "Safety Manager"],
        facts=[
            "General contractor, mostly {p:commercial fit-outs|multifamily|schools and public works|light industrial|healthcare builds}; ~{n:40-400:10} staff.",
            "Revenue ~{cur}{n:20-250:5}m; backlog is strong into next year.",
            "Self-performs concrete and framing; subs out MEP.",
        ],
        news=[
            "{n:8-35} active job sites across {region} right now.",
            "Won the {place} {p:school|hospital wing|warehouse|mixed-use} project, ~{cur}{n:8-60}m.",
            "Equipment yard in {place} with ~{n:30-200:10} pieces of heavy equipment.",
        ],
        pains=["change orders lost in email", "late timesheets from site", "equipment sitting idle",
               "subcontractor compliance docs", "slow pay applications", "safety incident reporting"],
        goals=["get site timesheets in by Monday noon", "track equipment utilisation per site",
               "close out projects {n:2-4} weeks faster", "go paperless on daily reports by {q}"],
        triggers=["Won a large {place} project - they'll be staffing up.",
                  "Posted for a Project Controls Manager.",
                  "Had a safety citation in {month} (public record).",
                  "Their estimator mentioned wanting to move off {competitor}."],
        notes=["Field staff start at 06:30; office reachable 09:00-15:00.",
               "{first} is on site most days - mobile beats the office line.",
               "Owner signs anything over {cur}{n:10-50:5}k.",
               "Scheduling lives in {competitor}.",
               "Site comms run on WhatsApp groups; office hates it."],
        competitors=["SiteLedger", "BuildBoard", "CrewClock", "ProjectYard"],
        busy=["a big pour", "tender season", "year-end close", "a project handover"],
        topics=["timesheets from site", "equipment tracking", "daily reports"],
        ebooks=["Change Orders Without Chaos", "The Site Timesheet Playbook"],
        whitepapers=["Equipment Utilisation Benchmarks 2026", "Digital Daily Reports: A Contractor's Guide"],
        webinars=["Contractor Ops Roundtable", "Getting Paid Faster on Pay Apps"],
        shows=["BuildTech Expo 2026", "Contractors Forum 2026"],
    ),
    "retail": dict(
        label="retail",
        names=lambda c: f"{coin()} {rng.choice(['Home & Garden', 'Outdoor', 'Pet Supplies', 'Hardware', 'Pharmacy', 'Bike Co.', 'Furniture', 'Grocers', 'Kitchenware'])}",
        titles=["Head of Store Operations", "VP Operations", "Director of IT", "CFO", "Regional Manager",
                "Head of Procurement", "Loss Prevention Manager", "COO", "HR Director"],
        facts=[
            "{n:12-140} stores across {region}; flagship in {city}.",
            "Family-owned specialty retailer with ~{n:200-2500:50} staff and a strong trade-customer base.",
        ],
        news=[
            "Opened {n:3-12} stores this year, mostly around {place} and {place2}.",
            "E-commerce is ~{n:10-35}% of sales; click-and-collect launched in {month}.",
            "Franchise model: ~{n:20-80}% of stores are franchisee-owned.",
            "One distribution centre in {place} serves every store.",
        ],
        pains=["staff scheduling across stores", "shrink", "seasonal hiring", "stockouts on top sellers",
               "store audits on paper", "head-office visibility into stores"],
        goals=["cut shrink by {n:10-25}%", "roll out digital store audits to every {p:region|district}",
               "hire {n:100-600:50} seasonal staff in three weeks", "see store KPIs the same day"],
        triggers=["Announced {n:5-15} new store openings for next year.",
                  "Holiday hiring push has started - {n:40-200:10} roles posted.",
                  "New Head of Store Ops came from a much larger chain.",
                  "Local press covered a shrink problem at the {city} stores."],
        notes=["District managers meet Mondays; {first} is free after 15:00 that day.",
               "Vendor decisions go through the {p:quarterly|monthly} ops committee.",
               "Stores close for stocktake the first week of {month}.",
               "Rotas are done in {competitor}.",
               "Store audits are a paper checklist binder faxed to head office."],
        competitors=["ShiftKettle", "RotaRight", "StoreCheck", "AisleIQ"],
        busy=["holiday trading", "stocktake", "new store openings", "a POS migration"],
        topics=["store audits", "rota planning", "store KPI visibility"],
        ebooks=["Store Ops Playbook for Multi-Site Retailers", "Shrink: The Silent Margin Killer"],
        whitepapers=["Retail Staffing Benchmarks 2026", "Digital Store Audits: Before & After"],
        webinars=["Retail Ops Roundtable", "Holiday Hiring in 21 Days"],
        shows=["RetailOps Live 2026", "Store Systems Expo 2026"],
    ),
    "legal": dict(
        label="law firms",
        names=lambda c: rng.choice([
            "{} {} LLP".format(*surname_pair()),
            "{}, {} & {}".format(*rng.sample(SURNAMES_FIRMS, 3)),
            f"{rng.choice(SURNAMES_FIRMS)} Legal"]),
        titles=["Managing Partner", "Practice Manager", "Director of IT", "COO", "Office Manager",
                "Head of Finance", "Legal Operations Manager", "Partner"],
        facts=[
            "{n:15-180} lawyers across {n:1-4} offices; main office in {city}.",
            "Focus on {p:employment|commercial property|family law|personal injury|corporate M&A|immigration} work.",
        ],
        news=[
            "Merged with a {place} boutique in {p:2024|2025}; still on two practice management systems.",
            "Bills mostly hourly; exploring fixed fees for {p:conveyancing|wills|employment advice}.",
            "Support staff of ~{n:20-120}; high turnover among paralegals.",
        ],
        pains=["time entry lag", "write-offs on unbilled hours", "document version chaos",
               "intake calls going to voicemail", "conflict checks taking days", "client onboarding and ID checks"],
        goals=["lift realisation to {n:85-95}%", "run conflict checks same-day",
               "answer every intake call within {n:3-5} rings", "be on one practice management system by {q}"],
        triggers=["Merger announced in {month} - systems consolidation is coming.",
                  "Hiring a Legal Ops Manager.",
                  "New Managing Partner elected this year.",
                  "Opened a {place} office."],
        notes=["Partners meet Monday mornings - avoid.",
               "Decisions need the management committee; it meets {p:monthly|quarterly}.",
               "IT is outsourced to a local MSP; {first} leans on them for anything technical.",
               "Matters are tracked in {competitor}.",
               "Billing still runs on an on-prem system from 2009."],
        competitors=["CaseCraft", "LexFile", "MatterMill", "DocketDesk"],
        busy=["a big trial", "the merger", "year-end billing", "a file migration"],
        topics=["time capture", "intake handling", "matter management"],
        ebooks=["Realisation Rate Rescue", "The Intake Call Playbook for Law Firms"],
        whitepapers=["Law Firm Ops Benchmarks 2026", "Fixed-Fee Pricing: A Practical Guide"],
        webinars=["Legal Ops Roundtable", "Capturing Every Billable Minute"],
        shows=["LegalTech Forum 2026", "Law Firm Management Expo 2026"],
    ),
    "hospitality": dict(
        label="hospitality",
        names=lambda c: rng.choice([
            f"{coin()} {rng.choice(['Hotels', 'Hospitality Group', 'Resorts', 'Inns', 'Dining Group'])}",
            f"The {coin()} Group"]),
        titles=["General Manager", "Director of Operations", "Head of Procurement", "CFO",
                "Revenue Manager", "HR Director", "COO", "Owner"],
        facts=[
            "{n:3-24} venues across {region}; head office in {city}.",
            "~{n:150-2000:50} rooms in total; occupancy around {n:60-85}%.",
        ],
        news=[
            "Refurbished the {city} property in {p:2024|2025}; the {place} site is next.",
            "Seasonal business: headcount roughly doubles in {p:summer|winter}.",
            "Runs a central kitchen in {place} that supplies every site.",
        ],
        pains=["staff turnover", "agency staff costs", "last-minute rota changes", "food waste",
               "maintenance requests falling through the cracks", "review scores at one site"],
        goals=["cut agency spend {n:20-40}%", "raise review scores to {p:4.5|4.6|4.7} stars",
               "cut food waste {n:10-25}%", "centralise purchasing across sites"],
        triggers=["Bought {n:2-3} more properties this year.",
                  "Recruiting {n:30-150:10} seasonal staff right now.",
                  "New Ops Director came over from a big hotel group.",
                  "Reviews at the {place} site dipped last quarter."],
        notes=["Don't call during lunch service, 11:30-14:30.",
               "{first} works {p:Tue-Sat|Wed-Sun}; Mondays off.",
               "Procurement is pooled with a buying group.",
               "Rotas live in {competitor}.",
               "Kitchen rotas are still on a whiteboard."],
        competitors=["RotaChef", "GuestFlow", "HotelDesk", "ShiftServe"],
        busy=["the summer season", "a refurb", "Christmas bookings", "a wedding weekend"],
        topics=["rota planning", "maintenance requests", "purchasing across sites"],
        ebooks=["Hospitality Staffing Playbook", "Food Waste by the Numbers"],
        whitepapers=["Hotel Ops Benchmarks 2026", "Agency Staff Costs: 2026 Survey"],
        webinars=["Hospitality Ops Roundtable", "Beating Seasonal Turnover"],
        shows=["HospitalityTech 2026", "Hotel & Venue Ops Show 2026"],
    ),
    "education": dict(
        label="education",
        names=lambda c: (f"St. {rng.choice(SAINTS)}'s School" if rng.random() < 0.15 else
                         f"{coin()} {rng.choice(['Academy', 'College', 'Schools'] + (['Learning Trust'] if c == 'GB' else []))}"),
        titles=["Business Manager", "Director of IT", "Head of Finance", "Bursar", "Facilities Manager",
                "COO", "Director of Operations", "Head of Procurement"],
        facts=[
            "Independent {p:day school|boarding school|K-12 school|sixth-form college} with ~{n:400-2500:50} students.",
            "Group of {n:3-12} schools run from a central office in {city}.",
            "Vocational college; ~{n:60-300:10} teaching staff, heavy on trades programmes.",
        ],
        news=[
            "Runs {n:2-4} campuses; the newest opened in {place} in {p:2024|2025}.",
            "Budget year starts in {p:July|September|January}; spend is approved by the board.",
            "IT team of {n:2-10} supporting ~{n:1000-6000:250} devices.",
        ],
        pains=["device management", "facilities requests by email", "supply teacher costs",
               "parent communication", "enrolment admin", "procurement rules that slow everything down"],
        goals=["have one helpdesk for IT and facilities", "cut supply/substitute costs {n:10-20}%",
               "get enrolment online before the next intake", "replace {n:400-1500:100} laptops without the usual chaos"],
        triggers=["Published a tender for IT services in {month}.",
                  "New Business Manager started this term.",
                  "Building a new {p:science block|sports hall|library}; facilities workload is up.",
                  "Enrolment is up {n:8-20}% this year."],
        notes=["Only reachable outside teaching time: before 08:30 or after 15:30.",
               "Purchases over {cur}{n:20-50:5}k need three quotes.",
               "School holidays in {month} - nobody in the office.",
               "Helpdesk tickets live in {competitor}.",
               "Facilities requests arrive in a shared inbox nobody owns."],
        competitors=["CampusDesk", "SchoolBase", "TermTrack", "EduTrack"],
        busy=["exam season", "the start of term", "an inspection", "enrolment week"],
        topics=["the IT and facilities helpdesk", "enrolment admin", "the device rollout"],
        ebooks=["The School Business Manager's Toolkit", "Helpdesk Basics for Schools"],
        whitepapers=["Education Ops Benchmarks 2026", "Device Rollouts Without Tears"],
        webinars=["Education Ops Roundtable", "Facilities Requests: From Inbox to Dashboard"],
        shows=["EdOps Expo 2026", "Schools Business Show 2026"],
    ),
    "food": dict(
        label="food distribution",
        names=lambda c: f"{coin()} {rng.choice(['Foods', 'Provisions', 'Fresh', 'Food Service', 'Produce'])}",
        titles=["Operations Director", "Warehouse Manager", "Head of Procurement", "CFO", "Fleet Manager",
                "Owner", "VP Operations", "Customer Service Manager"],
        facts=[
            "Foodservice distributor supplying ~{n:400-3000:50} restaurants and cafés in {region}.",
            "{n:20-90} refrigerated vans out of one DC in {place}.",
            "Mostly {p:fresh produce|dairy|seafood|bakery|chilled} lines with a {n:2-9}-day shelf life.",
        ],
        news=[
            "Orders still arrive by phone and fax; ~{n:30-60}% come in after 20:00.",
            "Family business since the {p:1970s|1980s|1990s}; {first}'s father still chairs the board.",
        ],
        pains=["order entry errors", "spoilage", "late-night order cut-offs", "route planning",
               "credit control", "driver shortages"],
        goals=["move {n:50-80}% of orders online", "cut spoilage {n:10-30}%",
               "offer next-day delivery to {place}", "get DSO under {n:30-45} days"],
        triggers=["Expanding into {place}; a new depot is planned.",
                  "Hiring a Customer Service Manager - order desk overwhelmed?",
                  "Lost a big hotel account in {month}.",
                  "Posted on LinkedIn about their fax machine dying (really)."],
        notes=["Early starters - office from 05:00, best before 10:00.",
               "Orders are keyed into {competitor}.",
               "{first} also runs purchasing.",
               "Fridays are chaos with weekend orders."],
        competitors=["FreshOrder", "OrderPad", "CrateCount", "DistribuPro"],
        busy=["the Christmas peak", "a warehouse move", "stocktake", "a food safety audit"],
        topics=["online ordering", "route planning", "spoilage tracking"],
        ebooks=["From Fax to Online Ordering", "The Spoilage Playbook"],
        whitepapers=["Foodservice Distribution Benchmarks 2026", "Cold Chain Visibility Guide"],
        webinars=["Food Distribution Roundtable", "Online Ordering for Wholesalers"],
        shows=["FreshSupply Expo 2026", "Foodservice Distribution Show 2026"],
    ),
    "property": dict(
        label="property management",
        names=lambda c: f"{coin()} {rng.choice(['Property Management', 'Residential', 'Estates', 'Realty Services', 'Lettings'])}",
        titles=["Director of Property Management", "VP Operations", "Maintenance Director", "CFO",
                "Portfolio Manager", "Office Manager", "COO", "Owner"],
        facts=[
            "Manages ~{n:1500-12000:250} residential units across {region}.",
            "Mix of {p:HOAs|student housing|build-to-rent|strata|commercial office} and multifamily.",
            "Owner-managed, with {n:3-8} regional offices.",
        ],
        news=[
            "{n:20-120} maintenance techs; work orders tracked in {competitor}.",
            "Took over a {n:400-2000:100}-unit portfolio in {place} this year.",
        ],
        pains=["maintenance backlog", "tenant turnover", "after-hours call handling", "vendor invoices",
               "inspections on paper", "owner reporting"],
        goals=["close work orders within {n:48-96:24}h", "cut turnover days to {n:10-20}",
               "do every inspection digitally by {q}", "get owner reports out by the 5th of each month"],
        triggers=["Won a large {place} portfolio - onboarding crunch ahead.",
                  "Hiring {n:5-15} maintenance techs.",
                  "Tenant reviews complain about slow repairs.",
                  "New COO joined in {month}."],
        notes=["{first} does site visits Tuesdays and Thursdays.",
               "Work orders are in {competitor}.",
               "Any contract needs sign-off from the owners' group.",
               "After-hours line goes to an answering service."],
        competitors=["Keyhold", "RentDesk", "Fixlist", "LeaseLoop"],
        busy=["lease-up season", "annual inspections", "year-end owner reports", "a portfolio handover"],
        topics=["work-order tracking", "inspections", "owner reporting"],
        ebooks=["The Maintenance Backlog Playbook", "Turnover Days: A Property Manager's Guide"],
        whitepapers=["Property Ops Benchmarks 2026", "Digital Inspections ROI"],
        webinars=["Property Ops Roundtable", "After-Hours Maintenance Without Burnout"],
        shows=["PropTech Live 2026", "Property Management Expo 2026"],
    ),
    "accounting": dict(
        label="accounting firms",
        names=lambda c: rng.choice([
            "{} & {} {}".format(*surname_pair(), "CPAs" if c == "US" else "Chartered Accountants"),
            f"{coin()} Advisory"]),
        titles=["Managing Partner", "Practice Manager", "COO", "Director of IT", "Office Manager",
                "Partner", "Head of Operations"],
        facts=[
            "{n:20-200:5} staff across {n:1-5} offices; strongest in {p:audit|tax|outsourced bookkeeping|payroll|advisory}.",
            "~{n:400-4000:100} small-business clients, mostly in {region}.",
        ],
        news=[
            "Merged with a {place} firm in {p:2024|2025}.",
            "Tax season doubles the workload from {p:January to April|February to May|July to October}.",
        ],
        pains=["the tax-season crunch", "chasing client documents", "capacity planning", "staff burnout",
               "billing write-offs"],
        goals=["halve the time spent chasing documents", "grow advisory to {n:20-40}% of revenue",
               "onboard new clients in under {n:3-7} days"],
        triggers=["Merger announced - systems consolidation ahead.",
                  "Hiring {n:3-10} seniors ahead of tax season.",
                  "New Practice Manager started in {month}.",
                  "Launched an outsourced-CFO service."],
        notes=["Do NOT call during the tax crunch; email only.",
               "Workflow is tracked in {competitor}.",
               "Partners decide by consensus - slow.",
               "{first} is the real decision maker, not the partners.",
               "Job tracking is a shared Excel file with {n:20-60} tabs."],
        competitors=["PracticeFlow", "TaxTrack", "Duedesk", "LedgerDesk"],
        busy=["tax season", "year-end", "the merger", "audit season"],
        topics=["client document collection", "workflow tracking", "capacity planning"],
        ebooks=["Surviving Tax Season", "The Client Onboarding Checklist"],
        whitepapers=["Accounting Firm Benchmarks 2026", "Advisory Growth Playbook"],
        webinars=["Accounting Ops Roundtable", "Document Chasing on Autopilot"],
        shows=["Practice Growth Summit 2026", "Firm Ops Expo 2026"],
    ),
}
INDUSTRY_KEYS = list(INDUSTRIES)

GENERIC_NOTES = [
    "Prefers email before a call.",
    "Gatekeeper {gk} screens calls; direct line usually goes to voicemail.",
    "Budget planning starts in {month}.",
    "Used us at a previous company.",
    "Mobile only; doesn't pick up withheld numbers.",
    "Out on leave until {month}; the {other_title} is covering.",
    "Met at a local chamber event; knows our {city} team.",
]

LEGAL_SUFFIX = {"US": ["", "", "", "Inc.", "LLC", "Co."], "CA": ["", "", "Inc.", "Ltd."],
                "GB": ["", "", "Ltd", "Ltd"], "AU": ["", "Pty Ltd", "Pty Ltd"]}
LEGAL_WORDS = {"inc", "llc", "co", "ltd", "pty", "llp", "plc"}

TOKEN = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


def fill(template: str, ctx: dict) -> str:
    def rep(m: re.Match) -> str:
        name, arg = m.group(1), m.group(2)
        if name == "n":
            rng_part, _, step = arg.partition(":")
            lo, hi = (int(v) for v in rng_part.split("-"))
            return f"{rng.randrange(lo, hi + 1, int(step or 1)):,}"
        if name == "p":
            return rng.choice(arg.split("|"))
        return ctx[name]
    return TOKEN.sub(rep, template)


ASCII_EXTRA = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "Ae", "æ": "ae", "Đ": "D", "đ": "d"})


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(ASCII_EXTRA))
    return text.encode("ascii", "ignore").decode("ascii")


def strip_brackets(text: str) -> str:
    return re.sub(r"\s*\[[^\]]*\]", "", text).strip()


def domain_for(company: str) -> str:
    words = re.findall(r"[a-z0-9]+", ascii_fold(company).lower().replace("'", ""))
    while words and words[-1] in LEGAL_WORDS:
        words.pop()
    words = [w for w in words if w not in ("and", "the")] or ["company"]
    return "-".join(words[:3]) + ".example"


def email_for(name: str, domain: str) -> str:
    parts = [re.sub(r"[^a-z]", "", ascii_fold(p).lower()) for p in strip_brackets(name).split()]
    first, last = parts[0], parts[-1]
    style = wchoice([("dot", 70), ("initial", 15), ("first", 8), ("under", 7)])
    local = {"dot": f"{first}.{last}", "initial": f"{first[0]}{last}", "first": first,
             "under": f"{first}_{last}"}[style]
    return f"{local}@{domain}"


# --------------------------------------------------------------------------
# Touches
# --------------------------------------------------------------------------
CONNECTED_DM = [
    "Spoke with {first}, busy with {busy}; call back after the {day_ord}.",
    "Connected with {first} (~{mins} min). Interested in {topic}; wants pricing by email first.",
    "{first} picked up between meetings. Send a one-pager on {topic}, try again next week.",
    "Good call with {first}: currently on {competitor}, contract up in {month}. Send the comparison sheet.",
    "{first} open to a demo, but not until {busy} is done.",
    "Talked through {pain}. {first} keen, but the {other_title} has to be on the next call.",
    "{first} asked for references in {industry_label}; sent two.",
    "Short call - {first} was driving. Said ring back {weekday} morning.",
    "{first} confirmed there is budget in {q}; wants to see {topic} live.",
    "Spoke with {first}; looked at us two years ago and went with {competitor}. Open to another look.",
]
CONNECTED_GK = [
    "Reached {gk} (assistant). {first} is in {place} until Thursday.",
    "Front desk ({gk}) took a message; says {first} is best reached before 9.",
    "Spoke to {gk} in {p:accounts|reception|IT}; not the right person. Suggested emailing {first} directly.",
    "Got {first}'s colleague {gk}; {first} is on leave until the {day_ord}.",
]
NO_ANSWER_NOTES = ["Rang out.", "Straight to voicemail, didn't leave one.", "Auto attendant, no dial-by-name.",
                   "Gatekeeper: {gk}, said try mornings.", "Gatekeeper: {gk}, said {first} is in meetings until {p:11|2|3}.",
                   "Switchboard put me through to the wrong department.", "Voicemail box full."]
VOICEMAIL_NOTES = ["Left VM re: {topic}.", "Left VM, mentioned {competitor} renewal.", "Short VM, will follow up by email.",
                   "VM on mobile; referenced the {city} expansion.", "Left VM with direct line."]
EMAIL_NOTES = ["Intro email: {topic}.", "Sent case study ({industry_label}).", "Follow-up to voicemail.",
               "Sent the '{ebook}' ebook.", "Recap email with pricing sheet."]
LINKEDIN_NOTES = ["Connection request with a note.", "InMail re: {topic}.", "Commented on their post about {busy}."]
LETTER_NOTES = ["Mailed intro pack.", "Handwritten note + one-pager.", "Posted brochure to the {city} office."]
MEETING_NOTES = ["Booked a {p:30|45}-min demo with {first} and the {other_title} for {weekday}.",
                 "Meeting set: {first} wants a walkthrough of {topic}; invite sent for {weekday}.",
                 "{first} agreed to a discovery call {weekday} {p:10:00|14:00|15:30} local; calendar invite sent."]
NOT_INTERESTED_NOTES = ["{first}: signed a {p:2|3}-year deal with {competitor} in the spring. Not interested - close out.",
                        "{first} said {topic} isn't a priority and budget is frozen. Not interested.",
                        "{first} not interested, happy with {competitor}. Polite but firm."]
NOT_NOW_NOTES = ["{first}: not now - revisit after {busy}. OK to check back in {weeks} weeks.",
                 "{first} said timing is bad until {month}; asked us to call back then.",
                 "Spoke with {first}; interested but no budget until next {p:quarter|financial year}. Revisit later."]
DNC_NOTES = ["{first} asked to be removed from all call lists. Flagged DNC.",
             "Told us to stop calling; marked do-not-call per policy."]


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def touch_time() -> str:
    return hhmm(rng.randint(8 * 60, 18 * 60 + 30))


def slot_time(lo_h: int = 8, hi_min: int = 17 * 60 + 30) -> str:
    return hhmm(rng.randrange(lo_h * 60, hi_min + 1, 15))


TOUCH_COUNT_WEIGHTS = [14, 16, 15, 13, 11, 7, 5, 4, 3, 3, 2, 2, 2, 1, 1]   # 0..14


def make_touch(ctx: dict, channel: str, outcome: str, days_ago: int, notes: str = "",
               dm: bool = False) -> dict:
    if channel != "call":
        duration = None
    else:
        lo, hi = {"no_answer": (15, 40), "voicemail": (35, 70), "connected": (90, 900),
                  "meeting": (240, 900), "not_interested": (45, 300), "wrong_number": (10, 45)}[outcome]
        duration = rng.randint(lo, hi)
    return {"days_ago": days_ago, "time": touch_time(), "channel": channel, "outcome": outcome,
            "duration_s": duration, "notes": fill(notes, ctx) if notes else "", "decision_maker": dm}


def make_touches(ctx: dict, count: int, newest_days_ago: int, final: str | None,
                 dm_if_reached: bool, wrong_number_ok: bool) -> list[dict]:
    touches = []
    days = newest_days_ago
    for i in range(count):
        if i:
            days += rng.randint(2, 5)
        if i == 0 and final == "meeting":
            touches.append(make_touch(ctx, "call", "meeting", days, rng.choice(MEETING_NOTES), dm_if_reached))
            continue
        if i == 0 and final == "not_interested":
            touches.append(make_touch(ctx, "call", "not_interested", days,
                                      rng.choice(NOT_INTERESTED_NOTES), dm_if_reached))
            continue
        if i == 0 and final in ("not_now", "do_not_call"):
            pool = NOT_NOW_NOTES if final == "not_now" else DNC_NOTES
            touches.append(make_touch(ctx, "call", "connected", days, rng.choice(pool), dm_if_reached))
            continue
        if i == count - 1 and wrong_number_ok:
            touches.append(make_touch(ctx, "call", "wrong_number", days,
                                      "Number on the list was the old {city} switchboard; got a direct line from reception."))
            continue
        channel = wchoice([("call", 74), ("email", 15), ("linkedin", 8), ("letter", 3)])
        if channel != "call":
            pool = {"email": EMAIL_NOTES, "linkedin": LINKEDIN_NOTES, "letter": LETTER_NOTES}[channel]
            note = rng.choice(pool) if rng.random() < (0.7 if channel == "letter" else 0.3) else ""
            touches.append(make_touch(ctx, channel, "sent", days, note))
            continue
        outcome = wchoice([("no_answer", 60), ("voicemail", 28), ("connected", 12)])
        if outcome == "connected":
            if rng.random() < 0.3:
                touches.append(make_touch(ctx, "call", "connected", days, rng.choice(CONNECTED_GK), False))
            else:
                touches.append(make_touch(ctx, "call", "connected", days, rng.choice(CONNECTED_DM), dm_if_reached))
        elif outcome == "voicemail":
            note = rng.choice(VOICEMAIL_NOTES) if rng.random() < 0.35 else ""
            touches.append(make_touch(ctx, "call", "voicemail", days, note))
        else:
            note = rng.choice(NO_ANSWER_NOTES) if rng.random() < 0.2 else ""
            touches.append(make_touch(ctx, "call", "no_answer", days, note))
    return touches


# --------------------------------------------------------------------------
# Signals
# --------------------------------------------------------------------------
KIND_WEIGHTS = {"ebook_download": 14, "whitepaper_download": 10, "webinar": 14, "booth_visit": 8,
                "newsletter_click": 14, "website_chat": 8, "rfp": 3, "inbound_email": 6,
                "linkedin_connection": 10, "linkedin_profile_view": 12, "existing_client": 5}
SOURCE_KINDS = {"Webinar list": ["webinar"], "Trade show": ["booth_visit"],
                "Inbound": ["inbound_email", "inbound_email", "website_chat", "rfp"],
                "Website": ["ebook_download", "whitepaper_download", "website_chat"],
                "LinkedIn": ["linkedin_connection", "linkedin_profile_view"],
                "Purchased list": [], "Referral": [], "Partner list": []}
SOURCES_WITH_SIGNALS = [("Webinar list", 4), ("Trade show", 3), ("Inbound", 2), ("Website", 4),
                        ("Purchased list", 3), ("Referral", 1), ("LinkedIn", 2)]
SOURCES_NO_SIGNALS = [("Purchased list", 7), ("Referral", 2), ("Partner list", 1)]


def signal_detail(kind: str, ind: dict, ctx: dict) -> tuple[str, str]:
    """Return (detail, short phrase for a reason_to_call)."""
    if kind == "ebook_download":
        t = rng.choice(ind["ebooks"])
        return f"Ebook: {t}", f"Downloaded the ebook '{t}'"
    if kind == "whitepaper_download":
        t = rng.choice(ind["whitepapers"])
        return f"Whitepaper: {t}", f"Read the whitepaper '{t}'"
    if kind == "webinar":
        t = rng.choice(ind["webinars"])
        extra = rng.choice(["", "", " (attended {n:20-55} min)", " (registered, did not attend)", " (asked a question in Q&A)"])
        return fill(f"Webinar: {t}{extra}", ctx), f"Signed up for the '{t}' webinar"
    if kind == "booth_visit":
        t = rng.choice(ind["shows"])
        return f"Booth scan at {t}", f"Stopped by our booth at {t}"
    if kind == "newsletter_click":
        t = fill(rng.choice(["Five ways to fix {pain}", "How a team in {region} tackled {pain}",
                             "Checklist: {topic}", "What {q} planning looks like in {industry_label}"]), ctx)
        return f"Newsletter click: '{t}'", "Clicked a newsletter article"
    if kind == "website_chat":
        t = fill(rng.choice(["pricing for {n:3-40} sites", "{topic}", "an integration with {competitor}",
                             "onboarding time"]), ctx)
        return f"Website chat: asked about {t}", f"Asked about {t} on the website chat"
    if kind == "rfp":
        t = fill(rng.choice(["{topic} across {n:2-12} sites, responses due in {n:2-4} weeks",
                             "replacement for {competitor}, shortlist by {month}"]), ctx)
        return f"RFP received: {t}", "Sent us an RFP"
    if kind == "inbound_email":
        t = fill(rng.choice(["Do you handle {topic}?", "Quote for {n:2-30} locations", "Question about your {city} customers"]), ctx)
        return f"Inbound email: '{t}'", "Emailed us directly"
    if kind == "linkedin_connection":
        t = rng.choice(["Accepted the rep's connection request", "Sent the rep a connection request"])
        return f"LinkedIn: {t.lower()}", "Connected with the rep on LinkedIn"
    if kind == "linkedin_profile_view":
        t = rng.choice(["Viewed the rep's profile", "Viewed the rep's profile twice",
                        "Viewed the company page and the rep's profile"])
        return f"LinkedIn: {t.lower()}", "Looked at the rep's LinkedIn profile"
    t = fill("Existing client: {place} {p:office|site|branch} on our {p:Standard|Pro|Enterprise} plan since {p:2023|2024|2025}", ctx)
    return t, ""


def when_phrase(days_ago: int) -> str:
    if days_ago <= 6:
        return "this week"
    if days_ago <= 13:
        return "last week"
    if days_ago <= 35:
        return "a few weeks ago"
    if days_ago <= 70:
        return "last month"
    return "a few months ago"


def make_signals(count: int, source: str, ind: dict, ctx: dict) -> list[dict]:
    kinds: list[str] = []
    implied = SOURCE_KINDS[source]
    if count and implied:
        kinds.append(rng.choice(implied))
    while len(kinds) < count:
        k = wchoice([(k, w) for k, w in KIND_WEIGHTS.items() if k not in kinds])
        kinds.append(k)
    signals = []
    for i, kind in enumerate(kinds):
        days = rng.randint(20, 120) if (i == 0 and implied) else rng.randint(1, 120)
        detail, phrase = signal_detail(kind, ind, ctx)
        signals.append({"kind": kind, "days_ago": days, "detail": detail, "_phrase": phrase})
    signals.sort(key=lambda s: s["days_ago"])
    return signals


# --------------------------------------------------------------------------
# Prospect assembly
# --------------------------------------------------------------------------
_used_names: list[str] = []
_companies: list[dict] = []      # for a few prospects that share a company


def pick_name(country: str) -> str:
    while True:
        name = f"{rng.choice(FIRST_COMMON + FIRST_BY_COUNTRY[country])} {rng.choice(LAST_COMMON + LAST_BY_COUNTRY[country])}"
        if name not in _used_names:
            _used_names.append(name)
            return name


def pick_company(ind_key: str, country: str, allow_shared: bool) -> dict:
    same = [c for c in _companies[6:] if c["industry"] == ind_key and c["country"] == country]
    if allow_shared and same and rng.random() < 0.06:
        return rng.choice(same)
    names = [c["name"] for c in _companies]
    while True:
        base = INDUSTRIES[ind_key]["names"](country)
        if ind_key not in ("legal", "accounting", "education", "healthcare") and not base.endswith("Group"):
            suffix = rng.choice(LEGAL_SUFFIX[country])
            base = f"{base} {suffix}".strip() if not base.endswith(".") or not suffix else base
        if base not in names:
            break
    company = {"name": base, "domain": domain_for(base), "industry": ind_key, "country": country}
    _companies.append(company)
    return company


def build_prospect(index: int, loc_key: str, status: str, nt_kind: str | None, n_signals: int,
                   over: dict | None = None) -> dict:
    over = over or {}
    loc = LOCATIONS[loc_key]
    country = loc["country"]
    ind_key = over.get("industry") or rng.choice(INDUSTRY_KEYS)
    ind = INDUSTRIES[ind_key]

    name = over.get("name") or pick_name(country)
    if "name" in over:
        _used_names.append(name)
    if "company" in over:
        company = {"name": over["company"], "domain": over["domain"], "industry": ind_key, "country": country}
        _companies.append(company)
    else:
        company = pick_company(ind_key, country, allow_shared=index > 6)
    title = over.get("title") or rng.choice(ind["titles"])
    email = over.get("email") or email_for(name, company["domain"])

    # Phone
    ext = over.get("ext", "")
    value = draw_number(loc, over.get("phone_value"))
    phone = format_phone(loc, value, over.get("phone_fmt"), ext)

    first = strip_brackets(name).split()[0]
    places = rng.sample(loc["places"], 2)
    other_titles = [t for t in ind["titles"] if t != title]
    ctx = {
        "first": first, "city": loc["city"], "region": loc["region"], "place": places[0],
        "place2": places[1], "cur": "£" if country == "GB" else "$", "month": rng.choice(MONTHS),
        "q": rng.choice(["Q1", "Q2", "Q3", "Q4"]), "competitor": rng.choice(ind["competitors"]),
        "busy": rng.choice(ind["busy"]), "topic": rng.choice(ind["topics"]),
        "pain": fill(rng.choice(ind["pains"]), {}), "gk": rng.choice(GATEKEEPERS),
        "other_title": rng.choice(other_titles), "weekday": rng.choice(WEEKDAYS),
        "day_ord": ordinal(rng.randint(2, 28)), "mins": str(rng.randint(3, 14)),
        "industry_label": ind["label"], "ebook": rng.choice(ind["ebooks"]),
        "weeks": str(rng.randint(3, 12)), "company": company["name"],
    }

    # Next touch / revisit
    next_touch = revisit = None
    if "next_touch" in over:
        next_touch = over["next_touch"]
    elif nt_kind == "overdue":
        next_touch = {"days": -rng.randint(1, 14), "time": slot_time()}
    elif nt_kind == "today":
        next_touch = {"days": 0, "time": slot_time(8, 18 * 60)}
    elif nt_kind == "future":
        next_touch = {"days": rng.randint(1, 21), "time": slot_time()}
    if status == "not_now":
        revisit = {"days": rng.randint(10, 90), "time": "10:00"}

    # Touches
    final = None if status == "active" else status
    count = over.get("touches", rng.choices(range(15), weights=TOUCH_COUNT_WEIGHTS)[0])
    if status == "do_not_call" and "touches" not in over:
        count = 0 if rng.random() < 0.4 else max(count, 1)       # some are registry scrubs
    elif final:
        count = max(count, 1)
    if next_touch is not None and next_touch["days"] <= 0:
        gap = wchoice([(1, 2), (2, 5), (3, 5), (4, 4), (5, 3), (7, 1), (10, 1)])
        newest = -next_touch["days"] + gap
    elif next_touch is not None:
        newest = rng.randint(1, 6)
    else:
        newest = {"not_now": (1, 20), "meeting": (1, 12), "not_interested": (2, 40),
                  "do_not_call": (3, 60)}[status]
        newest = rng.randint(*newest)
    wrong_ok = count >= 3 and rng.random() < 0.06
    is_dm = rng.random() < (0.85 if is_senior(title) else 0.45)
    touches = make_touches(ctx, count, newest, final, is_dm, wrong_ok)
    if over.get("touch_note") and touches:
        touches[-1]["notes"] = fill(over["touch_note"], ctx)

    # Signals and source
    if n_signals:
        source = over.get("source") or wchoice(SOURCES_WITH_SIGNALS)
    else:
        source = over.get("source") or wchoice(SOURCES_NO_SIGNALS)
    signals = make_signals(n_signals, source, ind, ctx)

    # Research
    research = {"reason_to_call": "", "company_facts": "", "pains_goals": "", "notes": ""}
    if not over.get("no_reason"):
        if signals and rng.random() < 0.45:
            s = signals[0]
            if s["kind"] == "existing_client":
                research["reason_to_call"] = (f"{s['detail'].split(': ', 1)[1]} - another part of the group "
                                              "is already a client; expansion opportunity.")
            else:
                research["reason_to_call"] = f"{s['_phrase']} {when_phrase(s['days_ago'])}" + rng.choice(
                    ["; follow up while it's fresh.", ". Warm - lead with that.", "; ask what prompted it."]
                    if s["days_ago"] <= 14 else
                    ["; ask what prompted it.", " - may still be researching options.", "; use it as the hook."])
        else:
            research["reason_to_call"] = fill(rng.choice(ind["triggers"]), ctx)
    if "facts" not in company:       # facts belong to the company, so shared companies agree
        facts = [fill(rng.choice(ind["facts"]), ctx)]
        if rng.random() < 0.45:
            facts.append(fill(rng.choice(ind["news"]), ctx))
        company["facts"] = " ".join(facts)
    if over.get("full_research") or rng.random() < 0.92:
        research["company_facts"] = company["facts"]
    if over.get("full_research") or rng.random() < 0.8:
        p1, p2, p3 = (fill(p, ctx) for p in rng.sample(ind["pains"], 3))
        g1, g2 = (fill(g, ctx) for g in rng.sample(ind["goals"], 2))
        research["pains_goals"] = rng.choice([
            f"Pain: {p1} and {p2}; goal: {g1}.",
            f"Pain: {p1}. Goal: {g1}.",
            f"Main headache is {p1}; wants to {g1}.",
            f"Pains: {p1}, {p2}, {p3}. Goals: {g1}; {g2}.",
        ])
    note_parts = []
    if over.get("full_research") or rng.random() < 0.62:
        note_parts.append(fill(rng.choice(ind["notes"]), ctx))
        if rng.random() < 0.35:
            note_parts.append(fill(rng.choice(GENERIC_NOTES), ctx))
    if status == "do_not_call" and not touches:
        note_parts.append(f"Number found on {DNC_REGISTRY[country]} during the list scrub - do not call.")
    if over.get("research_note"):
        note_parts.append(fill(over["research_note"], ctx))
    research["notes"] = " ".join(note_parts)

    for s in signals:
        del s["_phrase"]

    return {
        "key": f"p{index:03d}",
        "name": name,
        "title": title,
        "company": company["name"],
        "email": email,
        "phone": phone,
        "country": country,
        "timezone": over.get("timezone"),
        "status": status,
        "do_not_call": status == "do_not_call",
        "source": source,
        "next_touch": next_touch,
        "revisit": revisit,
        "research": research,
        "signals": signals,
        "touches": touches,
    }


def generate() -> list[dict]:
    prospects = []
    # ---- special rows p001..p006 (tests rely on these) ----
    specials = [
        ("chi", "active", None, 2, dict(
            name="Maeve O'Brien [CEO]", title="Chief Executive Officer", company="Acme [Holdings]",
            domain="acme-holdings.example", email="maeve.obrien@acme-holdings.example",
            industry="manufacturing", phone_value=42, phone_fmt="({a}) 555-01{x}",
            next_touch={"days": -1, "time": "09:30"}, touches=3, source="Webinar list",
            full_research=True)),
        ("nyc", "active", None, 1, dict(
            name="Theo Markup", company="[@click=app.quit]Quit Corp[/]", domain="quitcorp.example",
            email="theo.markup@quitcorp.example", industry="saas",
            next_touch={"days": -2, "time": "14:00"}, full_research=True)),
        ("ldn", "active", None, 0, dict(next_touch={"days": 0, "time": "09:00"}, touches=1,
                                         full_research=True)),
        ("hnl", "active", None, 1, dict(next_touch={"days": -1, "time": "11:15"}, full_research=True)),
        ("anc", "active", None, 0, dict(next_touch={"days": -3, "time": "10:30"}, full_research=True)),
        ("mia", "do_not_call", None, 0, dict(next_touch={"days": -5, "time": "15:45"}, touches=2)),
    ]
    for i, (loc, status, nt, nsig, over) in enumerate(specials, start=1):
        prospects.append(build_prospect(i, loc, status, nt, nsig, over))

    # ---- the other 214 rows ----
    n_rest = N_PROSPECTS - len(specials)
    locs = [k for k, n in REST_LOCATIONS.items() for _ in range(n)]
    assert len(locs) == n_rest, len(locs)
    rng.shuffle(locs)
    statuses = (["active"] * 177 + ["not_now"] * 15 + ["meeting"] * 11 + ["not_interested"] * 7
                + ["do_not_call"] * 4)
    assert len(statuses) == n_rest
    rng.shuffle(statuses)
    nt_kinds = ["overdue"] * 78 + ["today"] * 35 + ["future"] * 64
    assert len(nt_kinds) == statuses.count("active")
    rng.shuffle(nt_kinds)
    sig_counts = [0] * 64 + [1] * 70 + [2] * 54 + [3] * 17 + [4] * 9
    assert len(sig_counts) == n_rest
    rng.shuffle(sig_counts)
    no_reason = rng.sample(range(n_rest), 33)          # ~15% of 220 without reason_to_call

    # Flavour rows: odd names, markup-looking notes, extensions, explicit time zones.
    slots = list(range(n_rest))
    rng.shuffle(slots)
    extras: dict[int, dict] = {i: {} for i in range(n_rest)}
    for name in EXTRA_NAMES:
        extras[slots.pop()]["name"] = name
    for note in EXTRA_RESEARCH_NOTES:
        extras[slots.pop()]["research_note"] = note
    for note in EXTRA_TOUCH_NOTES:
        extras[slots.pop()].update(touch_note=note, touches=rng.randint(2, 6))
    for i in no_reason:
        extras[i]["no_reason"] = True

    def first_slot(pred):
        for i in range(n_rest):
            if pred(i) and not extras[i]:
                return i
        raise AssertionError("no slot")

    # A few numbers typed with an extension.
    for want_loc, ext in (("nyc", " x204"), ("sfo", " ext. 12"), ("chi", " x31"), ("tor", " ext. 7"),
                          ("ldn", " ext. 2204"), ("syd", " ext 12")):
        extras[first_slot(lambda j: locs[j] == want_loc)]["ext"] = ext
    # Three prospects whose rep set a time zone explicitly.
    i = first_slot(lambda j: locs[j] == "per" and statuses[j] == "active")
    extras[i].update(timezone="Australia/Perth",
                     research_note="Perth office; the 08 number could be Adelaide or Perth - tz set by rep.")
    i = first_slot(lambda j: locs[j] == "bne" and statuses[j] == "active")
    extras[i].update(timezone="Australia/Brisbane",
                     research_note="Queensland: no daylight saving, unlike Sydney.")
    i = first_slot(lambda j: locs[j] == "nyc" and statuses[j] == "active")
    extras[i].update(timezone="America/Chicago",
                     research_note="Relocated to the Chicago office in {month}; kept the 212 mobile.")

    for j in range(n_rest):
        status = statuses[j]
        nt = nt_kinds.pop() if status == "active" else None
        prospects.append(build_prospect(len(specials) + j + 1, locs[j], status, nt, sig_counts[j], extras[j]))
    return prospects


ABOUT = ("Invented prospects for the followup-tui demo and tests. Every person, company, email "
         "address (.example domains) and phone number (ranges reserved for fiction) is made up. "
         "next_touch.days / revisit.days / days_ago are whole days relative to the prospect's local "
         "today and times are the prospect's local wall-clock HH:MM; the loader anchors them to the "
         "clock. Regenerate with: python sample_data/make_sample.py")


def main() -> None:
    prospects = generate()
    doc = {"about": ABOUT, "prospects": prospects}
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    self_check()


# --------------------------------------------------------------------------
# Self-check (runs every time, against the file on disk)
# --------------------------------------------------------------------------
def self_check() -> None:
    import phonenumbers
    from phonenumbers import timezone as pn_tz

    raw = OUT.read_bytes()
    assert len(raw) < 1_500_000, f"file too big: {len(raw)} bytes"
    doc = json.loads(raw.decode("utf-8"))
    ps = doc["prospects"]
    assert len(ps) == N_PROSPECTS, len(ps)
    keys = [p["key"] for p in ps]
    assert len(set(keys)) == len(keys), "duplicate keys"
    assert keys[:6] == ["p001", "p002", "p003", "p004", "p005", "p006"]
    phones = [p["phone"] for p in ps]
    assert len(set(phones)) == len(phones), "duplicate phone strings"
    emails = [p["email"] for p in ps]
    assert len(set(emails)) == len(emails), "duplicate emails"
    assert all(e.endswith(".example") and e.isascii() for e in emails)

    zones: Counter = Counter()
    zone_names: list[str] = []
    e164s = []
    for p in ps:
        num = phonenumbers.parse(p["phone"], p["country"])
        assert phonenumbers.is_valid_number(num), p["phone"]
        assert phonenumbers.region_code_for_number(num) == p["country"], p["phone"]
        e164s.append(phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164))
        tzs = pn_tz.time_zones_for_number(num)
        zones[(p["country"], "/".join(tzs))] += 1
        zone_names.extend(z for z in tzs if z not in zone_names)
    assert len(set(e164s)) == len(e164s), "two rows share one number"
    assert len(zones) >= 6 and len(zone_names) >= 6, zones

    allowed = set(SIGNAL_KINDS)
    for p in ps:
        kinds = [s["kind"] for s in p["signals"]]
        assert all(k in allowed for k in kinds), kinds
        assert len(set(kinds)) == len(kinds), p["key"]
        assert all(1 <= s["days_ago"] <= 120 for s in p["signals"])
        t = p["touches"]
        assert all(x["days_ago"] > 0 for x in t), p["key"]
        assert all(a["days_ago"] < b["days_ago"] for a, b in zip(t, t[1:])), p["key"]
        if p["next_touch"] and t:
            assert t[0]["days_ago"] > -p["next_touch"]["days"], p["key"]
        assert (p["status"] == "do_not_call") == p["do_not_call"], p["key"]
        if p["status"] == "not_now":
            assert p["next_touch"] is None and p["revisit"]["days"] >= 10
        elif p["status"] == "active":
            assert p["next_touch"] is not None and p["revisit"] is None
        elif p["key"] != "p006":
            assert p["next_touch"] is None, p["key"]
        for x in t:
            assert "08:00" <= x["time"] <= "18:30"
            assert (x["duration_s"] is None) == (x["channel"] != "call")
            assert x["channel"] == "call" or x["outcome"] == "sent"
    p6 = ps[5]
    assert p6["do_not_call"] and p6["status"] == "do_not_call" and p6["next_touch"]["days"] < 0

    # Summary
    status_counts = Counter(p["status"] for p in ps)
    country_counts = Counter(p["country"] for p in ps)
    no_reason = sum(1 for p in ps if not p["research"]["reason_to_call"])
    print(f"OK: wrote {OUT} ({len(raw):,} bytes), {len(ps)} prospects")
    print("countries:", dict(sorted(country_counts.items())))
    print("zones (by phonenumbers):")
    for (c, z), n in sorted(zones.items()):
        print(f"  {c} {z}: {n}")
    print(f"distinct zone names: {len(zone_names)}")
    print("status:", dict(status_counts.most_common()))
    print(f"no reason_to_call: {no_reason}; explicit timezone: {sum(1 for p in ps if p['timezone'])}")


if __name__ == "__main__":
    main()
