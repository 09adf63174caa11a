import pendulum

from followup_tui.domain.models import NewProspect, Research
from followup_tui.domain.policy import Policy
from followup_tui.store import prospects as store
from followup_tui.store.db import write_transaction

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")


def _add(db, name, due_hours_ago, **fields):
    with write_transaction(db):
        return store.insert_prospect(
            db,
            NewProspect(name=name, next_touch_at=NOW.subtract(hours=due_hours_ago), **fields),
            NOW,
        )


CHICAGO = dict(phone_e164="+13125550142", phone_zones=("America/Chicago",))


def test_queue_is_most_overdue_first_and_never_do_not_call(db):
    later = _add(db, "Later", 1, **CHICAGO)
    first = _add(db, "First", 48, **CHICAGO)
    _add(db, "Future", -5, **CHICAGO)
    _add(db, "Blocked", 100, do_not_call=True, **CHICAGO)
    _add(db, "Parked", 100, status="not_now", **CHICAGO)  # no revisit date: stays parked
    queue = store.queue_now(db, NOW, Policy())
    assert [e.prospect.id for e in queue.ready] == [first, later]
    assert queue.held == []
    assert [c.prospect.id for c in store.queue_candidates(db, NOW, limit=1)] == [first]
    assert store.next_due_at(db, NOW) == NOW.add(hours=5)


def test_parked_prospects_come_back_on_their_revisit_date(db):
    back = _add(db, "Back", 0, status="not_now", revisit_at=NOW.subtract(days=1), **CHICAGO)
    _add(db, "Later", 0, status="not_interested", revisit_at=NOW.add(days=9), **CHICAGO)
    queue = store.queue_now(db, NOW, Policy())
    assert [(e.prospect.id, e.revisit) for e in queue.ready] == [(back, True)]
    assert [p.name for p in store.parked(db)] == ["Back", "Later"]


def test_find_by_name_company_email_or_phone_digits(db):
    dana = _add(
        db, "Dana Whitfield", 1, company="Brightline [Logistics]", email="dana@bright.example",
        phone_raw="(312) 555-0142", phone_e164="+13125550142",
    )  # fmt: skip
    other = _add(db, "Lee Park", 1, company="Harbor 100% Co", phone_raw="020 7946 0123")
    assert [p.id for p in store.find_prospects(db, "whit")] == [dana]
    assert [p.id for p in store.find_prospects(db, "[Logistics]")] == [dana]
    assert [p.id for p in store.find_prospects(db, "bright.example")] == [dana]
    assert [p.id for p in store.find_prospects(db, "555-0142")] == [dana]
    assert [p.id for p in store.find_prospects(db, "3125550142")] == [dana]
    assert [p.id for p in store.find_prospects(db, "100%")] == [other]
    assert [p.id for p in store.find_prospects(db, "79460123")] == [other]
    assert store.find_prospects(db, "  ") == []


def test_reschedule_marks_a_callback_only_when_promised(db):
    pid = _add(db, "Dana", 1)
    store.reschedule(db, pid, NOW.add(days=3), NOW)
    prospect = store.get_prospect(db, pid)
    assert prospect.next_touch_at == NOW.add(days=3)
    assert not prospect.next_touch_is_callback
    store.reschedule(db, pid, NOW.add(days=1), NOW, promised=True)
    assert store.get_prospect(db, pid).next_touch_is_callback


def test_research_round_trip(db):
    pid = _add(db, "Dana", 1)
    assert store.get_research(db, pid) is None
    store.save_research(db, Research(pid, reason_to_call="New COO [since April]"), NOW)
    store.save_research(db, Research(pid, reason_to_call="Edited", notes="n"), NOW)
    research = store.get_research(db, pid)
    assert (research.reason_to_call, research.notes) == ("Edited", "n")
    assert db["research"].count == 1


def test_the_fast_queue_is_the_queue_of_the_candidates(sample_db, frozen):
    """queue_now reads and judges without Candidate objects; the answer must be the
    one build_queue gives from queue_candidates, and queue_head its first page."""
    from followup_tui.domain.queue import build_queue

    policy = Policy()
    for hours in (0, 3, 9, 30):
        now = frozen.now().add(hours=hours)
        fast = store.queue_now(sample_db, now, policy)
        slow = build_queue(store.queue_candidates(sample_db, now), now, policy)
        assert fast == slow
        assert fast.ready or fast.held
        for limit in (1, 5, 200):
            head = store.queue_head(sample_db, now, policy, limit=limit)
            assert head.ready == fast.ready[:limit]
            assert len(head.held) <= limit and set(head.held) <= set(fast.held)


def test_the_first_page_reads_only_the_callbacks_it_shows(db, monkeypatch):
    """A territory's thousands of due callbacks are read a chunk at a time, in the
    order promised, until the page is full: not every one before the first rows."""
    with write_transaction(db):
        ids = [
            store.insert_prospect(
                db,
                NewProspect(name=f"Callback {n}", next_touch_at=NOW.subtract(minutes=n), **CHICAGO),
                NOW,
            )
            for n in range(300, 0, -1)
        ]
        db.execute("UPDATE prospects SET next_touch_is_callback = 1")
    judged: list[str] = []
    real = store.region_key
    monkeypatch.setattr(store, "region_key", lambda e164: judged.append(e164) or real(e164))
    head = store.queue_head(db, NOW, Policy(), limit=5)
    assert [e.prospect.id for e in head.ready] == ids[:5]  # the longest promised first
    assert [e.prospect.id for e in head.ready] == [
        e.prospect.id for e in store.queue_now(db, NOW, Policy()).ready[:5]
    ]
    assert len(judged) < 100  # of 300 due


def test_rows_by_position_are_the_rows_by_name(sample_db):
    from followup_tui.store.rows import PROSPECT_COLUMNS, prospect_from_row, prospect_from_tuple

    sql = f"SELECT {PROSPECT_COLUMNS}, {store.TOUCH_COUNT} FROM prospects p ORDER BY p.id"
    by_name = [prospect_from_row(row) for row in sample_db.query(sql)]
    by_position = [prospect_from_tuple(row) for row in sample_db.execute(sql).fetchall()]
    assert by_position == by_name and len(by_name) > 100
    assert any(p.touch_count for p in by_name) and any(p.revisit_at for p in by_name)


def test_after_a_change_only_the_changed_prospect_moves(sample_db, frozen):
    policy = Policy()
    now = frozen.now()
    queue = store.queue_now(sample_db, now, policy)
    first = queue.ready[0].prospect.id
    store.reschedule(sample_db, first, now.add(days=2), now)
    after = store.queue_after_change(sample_db, queue, [first], now, policy)
    assert after == store.queue_now(sample_db, now, policy)
    assert first not in {e.prospect.id for e in after.ready + after.held}
    assert after.entry(first) is None and queue.entry(first) is queue.ready[0]
    assert all(after.entry(e.prospect.id) is e for e in after.ready + after.held)
    store.reschedule(sample_db, first, now.subtract(hours=1), now)  # due again: back in
    again = store.queue_after_change(sample_db, after, [first], now, policy)
    assert again == store.queue_now(sample_db, now, policy)
    assert again.entry(first) is not None and after.entry(first) is None


def test_the_not_now_list_is_every_parked_prospect(db):
    """Cut at a thousand, the not-now view showed 'Not now · 1000' over 11,111."""
    with write_transaction(db):
        for n in range(1005):
            store.insert_prospect(
                db,
                NewProspect(
                    name=f"Parked {n}",
                    status="not_now",
                    revisit_at=NOW.add(days=1 + n % 90),
                    **CHICAGO,
                ),
                NOW,
            )
    parked = store.parked(db)
    assert len(parked) == 1005
    assert [p.revisit_at for p in parked] == sorted(p.revisit_at for p in parked)
