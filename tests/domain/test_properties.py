"""Properties over random clocks (daylight-saving changes included), zones,
cadences and outcome sequences: the callable queue never holds a prospect
outside its calling window, never a do-not-call one, and no planned touch
ever breaks a cap."""

from __future__ import annotations

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from followup_tui.domain.cadence import Cadence, Step
from followup_tui.domain.calling_hours import is_open, load_rules, next_opening
from followup_tui.domain.caps import ASKED_FOR, Caps, TouchTime, cap_hold
from followup_tui.domain.local_time import zone_of, zones_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import Outcome, Status, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import Candidate, build_queue
from followup_tui.domain.scheduler import earliest_allowed

RULES = load_rules()
# Numbers with one zone, several zones, state rules and weekday rules.
PHONES = [
    ("+13125550142", ("America/Chicago",)),
    ("+13055550100", ("America/New_York",)),  # Florida
    ("+14055550111", ("America/Chicago",)),  # Oklahoma
    ("+18085550123", ("Pacific/Honolulu",)),
    ("+19075550111", ("America/Adak", "America/Anchorage")),
    ("+442079460123", ("Europe/London",)),
    ("+61255501234", ("Australia/Sydney",)),  # never on Sunday
    ("+61855501234", ("Australia/Adelaide", "Australia/Perth")),
]
# 2026-2027, with the DST changes of the US, the UK and Australia inside.
moments = st.integers(
    min_value=int(pendulum.datetime(2026, 1, 1, tz="UTC").timestamp()),
    max_value=int(pendulum.datetime(2027, 12, 31, tz="UTC").timestamp()),
).map(lambda s: pendulum.from_timestamp(s, tz="UTC"))
caps = st.builds(Caps, st.integers(1, 4), st.integers(1, 2))
steps = st.builds(
    Step, st.sampled_from(["call", "call_vm", "email", "linkedin", "letter"]), st.integers(0, 7)
)
cadences = st.lists(steps, min_size=1, max_size=14).map(lambda s: Cadence("random", tuple(s)))


@st.composite
def prospects(draw, now, pid):
    phone, zones = draw(st.sampled_from(PHONES))
    dnc = draw(st.booleans())
    return Prospect(
        id=pid,
        name="x",
        phone_e164=phone,
        phone_zones=zones,
        do_not_call=dnc,
        status="do_not_call" if dnc else draw(st.sampled_from(["active", "active", "not_now"])),
        next_touch_at=now.subtract(hours=draw(st.integers(-48, 24 * 30))),
        revisit_at=now.subtract(days=draw(st.integers(-30, 30))),
        next_touch_is_callback=draw(st.booleans()),
        cadence_step=draw(st.integers(0, 13)),
    )


@st.composite
def queues(draw):
    now = draw(moments)
    candidates = []
    for pid in range(1, draw(st.integers(2, 9))):
        prospect = draw(prospects(now, pid))
        hours_ago = draw(st.lists(st.integers(1, 24 * 8), max_size=4))
        recent = tuple(TouchTime(now.subtract(hours=h), draw(st.booleans())) for h in hours_ago)
        candidates.append(Candidate(prospect, (), recent))
    policy = Policy(caps=draw(caps))
    return now, candidates, policy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queues())
def test_the_callable_queue_is_always_callable(case):
    now, candidates, policy = case
    queue = build_queue(candidates, now, policy)
    by_id = {c.prospect.id: c for c in candidates}
    for entry in queue.ready:
        prospect = entry.prospect
        assert not prospect.do_not_call
        if entry.step is None or entry.step.is_call:
            assert is_open(now, zones_of(prospect), RULES.hours_for(prospect.phone_e164))
        rule = RULES.rule_for(prospect.phone_e164)
        # A callback they asked for keeps only the legal limit (caps.ASKED_FOR).
        caps = ASKED_FOR if entry.callback else policy.caps
        assert cap_hold(now, by_id[prospect.id].recent, caps, zone=zone_of(prospect),
                        is_call=entry.step is None or entry.step.is_call,
                        calls_per_24h=rule.max_calls_per_24h if rule else None) is None  # fmt: skip
    assert not any(e.prospect.do_not_call for e in queue.held)


@settings(max_examples=200, deadline=None)
@given(moments, st.sampled_from(PHONES), caps, st.booleans(),
       st.lists(st.integers(0, 24 * 7), max_size=6))  # fmt: skip
def test_the_scheduler_never_plans_past_a_cap_or_outside_hours(start, phone, cap, is_call, ago):
    e164, zones = phone
    history = [TouchTime(start.subtract(hours=h), True) for h in ago]
    rule = RULES.rule_for(e164)
    limit = rule.max_calls_per_24h if rule else None
    hours = RULES.hours_for(e164)
    planned = earliest_allowed(start, history=history, caps=cap, zones=zones, hours=hours,
                               is_call=is_call, calls_per_24h=limit)  # fmt: skip
    assert planned >= start
    assert cap_hold(planned, history, cap, zone=zones[0], is_call=is_call,
                    calls_per_24h=limit) is None  # fmt: skip
    assert is_open(planned, zones, hours)
    assert next_opening(planned, zones, hours) == planned


@settings(max_examples=60, deadline=None)
@given(moments, st.sampled_from(PHONES), cadences, caps,
       st.lists(st.sampled_from([o for o in Outcome if o != Outcome.DO_NOT_CALL]),
                min_size=1, max_size=20))  # fmt: skip
def test_outcome_sequences_never_break_a_cap(start, phone, cadence, cap, outcomes):
    e164, zones = phone
    policy = Policy(cadences={"random": cadence, "persistent": cadence}, caps=cap)
    prospect = Prospect(id=1, name="x", phone_e164=e164, phone_zones=zones, cadence="random",
                        next_touch_at=start)  # fmt: skip
    history: list[TouchTime] = []
    now = start
    rule = RULES.rule_for(e164)
    for outcome in outcomes:
        history.append(TouchTime(now, outcome != Outcome.SENT))
        plan = plan_after(prospect, outcome, now, policy, history=history)
        if plan.next_touch_at is None:
            assert plan.status != Status.ACTIVE
            break
        assert plan.next_touch_at > now
        assert cap_hold(plan.next_touch_at, history, cap, zone=zones[0], is_call=True,
                        calls_per_24h=rule.max_calls_per_24h if rule else None) is None  # fmt: skip
        prospect = replace(
            prospect,
            status=plan.status,
            cadence_step=plan.cadence_step,
            next_touch_at=plan.next_touch_at,
            phone_bad=plan.phone_bad,
        )
        now = plan.next_touch_at
