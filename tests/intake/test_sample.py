import phonenumbers

from followup_tui.intake.sample import load_sample
from followup_tui.store import prospects as store
from tests.conftest import NOW


def test_sample_has_200_plus_prospects_in_6_zones_and_3_countries(sample_db):
    rows = list(sample_db.query("SELECT phone_e164, phone_zones, timezone FROM prospects"))
    assert len(rows) >= 200
    assert all(row["phone_e164"] for row in rows)
    countries = {
        phonenumbers.region_code_for_number(phonenumbers.parse(r["phone_e164"])) for r in rows
    }
    assert len(countries) >= 3
    zones = {r["timezone"] or r["phone_zones"].split()[0] for r in rows}
    assert len(zones) >= 6


def test_sample_has_history_research_and_signals(sample_db):
    assert sample_db["touches"].count > 200
    assert sample_db["research"].count > 150
    assert sample_db["signals"].count > 100
    counts = [c.prospect.touch_count for c in store.queue_candidates(sample_db, NOW)]
    assert max(counts) >= 7 and min(counts) == 0


def test_sample_is_anchored_to_the_clock(db, frozen):
    load_sample(db, frozen.now())
    due = [c.prospect for c in store.queue_candidates(db, frozen.now())]
    assert due and all(p.next_touch_at <= frozen.now() for p in due if p.status == "active")
    assert not any(p.do_not_call for p in due)
    newest = db.execute("SELECT max(started_at) FROM touches").fetchone()[0]
    assert newest < "2026-11-23T14:30:00Z"
