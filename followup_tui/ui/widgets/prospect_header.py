"""Who is on the line: name, title, company, phone, their local time, touch count."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widget import Widget

from followup_tui.domain.display import (
    day_and_time,
    meeting_text,
    touch_count_text,
    when_text,
    zone_city,
)
from followup_tui.domain.local_time import their_time, zone_of
from followup_tui.domain.models import PhoneNumber, Prospect, ProspectFile, Touch
from followup_tui.domain.outcomes import Status
from followup_tui.domain.phones import format_phone
from followup_tui.domain.queue import is_due_again
from followup_tui.domain.signals import is_sales_ready
from followup_tui.domain.standing import out_of_cadence
from followup_tui.terminal_text import ELLIPSIS, cells, cut, safe
from followup_tui.ui.text import Part, line

WIDE_HEADER = 70  # narrower than this, the zone's city is left out
WRONG_NUMBER_HINT = "wrong number: E edits it"
WIDE_NUMBERS = 100  # narrower than this, a prospect's other numbers are only counted
# The warning when no reason to call is written, from the longest to the shortest.
NO_REASON = ("no reason to call yet (e)", "no reason to call (e)", "no reason (e)")
ROLE_GAP = "  ·  "  # between the name (and its badges) and title, company
MIN_ROLE = 8  # fewer cells than this left for title and company: they are left out
NEXT = "next: "  # how the cadence's next step starts, left out when the room is short
THEIR_TIME = " their time"  # after a callback's time, left out when the room is short


def cut_at_word(text: str, room: int) -> str:
    """`text` in at most `room` cells, cut after a whole word with an ellipsis
    ('Owner, Junipercrest Carriers Inc.' -> 'Owner, Junipercrest…'); a single word
    longer than the room is cut inside it."""
    text = safe(text)
    if cells(text) <= room:
        return text
    kept = cut(text, room)[:-1]
    if not text[len(kept) :].startswith(" "):  # the cut falls inside a word: drop it
        head, space, _ = kept.rpartition(" ")
        kept = head if space and head.strip() else kept
    kept = kept.rstrip(" ,·:;")
    return cut(kept + ELLIPSIS, room) if room > 0 else ""


def shorter_cadences(cadence: str) -> list[str]:
    """The header's cadence words from the longest to the shortest: '9 touches · step
    10 of 12 · next: call now', without its touch count, without its step too, then
    without 'next: ' (and a callback's 'their time'): the step and what comes next
    say most."""
    parts = cadence.split(" · ")
    forms = [" · ".join(parts[i:]) for i in range(len(parts))]
    if forms[-1].startswith(NEXT):
        forms.append(forms[-1].removeprefix(NEXT))
    if forms[-1].endswith(THEIR_TIME):  # the line above says whose clock it is
        forms.append(forms[-1].removesuffix(THEIR_TIME))
    return forms


def phone_marked_wrong(prospect: Prospect, home_region: str, words: str) -> Content:
    """A number the rep marked wrong: struck through, with `words` saying so, so it
    never reads as dialable (the header and find both show it this way)."""
    phone = format_phone(prospect.phone_e164, prospect.phone_ext, home_region)
    return line((phone or prospect.phone_raw or "—", "strike $text-error"), "  ",
                (words, "$text-warning"))  # fmt: skip


def booked_meeting(touches: list[Touch]) -> DateTime | None:
    """The time of the newest meeting booked (touches come newest first)."""
    return next((t.meeting_at for t in touches if t.meeting_at is not None), None)


class ProspectHeader(Widget):
    """Three lines about the selected prospect; receives data, opens nothing. Its
    height never changes, so a new prospect repaints it without a new layout."""

    DEFAULT_CSS = """
    ProspectHeader {
        height: 3; padding: 0 1; background: $boost;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, rep_zone: str, *, id: str | None = None, home_region: str = "US") -> None:
        super().__init__(id=id)
        self.home_region = home_region
        self.rep_zone = rep_zone  # a booked meeting shows in the rep's zone and theirs
        self.file: ProspectFile | None = None
        self.now: DateTime | None = None
        self.cadence = ""
        self.complete = True
        self.empty = "Reading the queue…"  # what shows with nobody to show
        self.numbers: tuple[PhoneNumber, ...] = ()

    def show(
        self,
        file: ProspectFile | None,
        now: DateTime,
        cadence: str = "",
        complete: bool = True,
        numbers: tuple[PhoneNumber, ...] = (),
    ) -> None:
        """`cadence` says where the prospect stands: 'touch 4 of 12 · next: email Thu'.
        `complete` False: only what the queue knew; the research is still being read.
        `numbers`: all of theirs, the one `d` dials now first (listed when several)."""
        self.file, self.now, self.cadence, self.complete = file, now, cadence, complete
        self.numbers = numbers
        self.refresh()

    def tick(self, now: DateTime) -> None:
        self.now = now
        if self.file is not None:
            self.refresh()

    def render(self) -> Content:
        return self._content()

    def _content(self) -> Content:
        if self.file is None or self.now is None:
            return line((self.empty, "italic $text-muted"))
        return Content("\n").join([self._who(), self._phone_and_time(), self._standing()])

    def _who(self) -> Content:
        """Name, the badges that decide whether to call now (SALES-READY, DO NOT CALL,
        a status such as not now), then title and company in the room left: they
        give way first."""
        assert self.file is not None
        prospect = self.file.prospect
        badges: list[Part] = []
        if is_sales_ready([s.kind for s in self.file.signals]):
            badges += ["  ", (" SALES-READY ", "bold $success-muted on $success")]
        if prospect.do_not_call:
            badges += ["  ", (" DO NOT CALL ", "bold $text-error on $error-muted")]
        elif prospect.status != Status.ACTIVE and booked_meeting(self.file.touches) is None:
            words = prospect.status.replace("_", " ")
            if self.now is not None and is_due_again(prospect, self.now):
                words += ", due again"  # in the due list, as a revisit
            badges += ["  ", (f" {words} ", "$text-warning")]
        head = line((prospect.name, "bold"), *badges)
        role = ", ".join(x for x in (prospect.title, prospect.company) if x)
        gap = "  " if badges else ROLE_GAP  # a badge's colour already sets the name apart
        room = self.size.width - head.cell_length - len(gap)
        if not role or room < MIN_ROLE:
            return head
        return line(head, (gap, "$text-muted"), cut_at_word(role, room))

    def _standing(self) -> Content:
        """Where they stand in the cadence, a booked meeting, and the
        warning when no reason to call is written. The warning and the badge stay
        whole; the cadence gives way first (its touch count, then its step, then
        the words 'next:'), then the badge and warning take their short words, and
        only then is the cadence cut, at a word."""
        assert self.file is not None
        width = self.size.width
        cadence = self.cadence or touch_count_text(self.file.prospect.touch_count)
        forms = shorter_cadences(cadence)
        for level in range(len(NO_REASON)):  # each tail made only when the last did not fit
            tail = self._tail(level)
            for shown in forms:
                if cells(shown) + tail.cell_length <= width:
                    return line((shown, "bold"), tail)
        return line((cut_at_word(forms[-1], width - tail.cell_length), "bold"), tail)

    def _tail(self, level: int) -> Content:
        """A booked meeting and the missing-reason warning, after the cadence, in
        shorter words at each `level` (the meeting keeps the rep's zone: without it,
        under 'their time … GMT', 09:00 read as theirs)."""
        assert self.file is not None
        prospect = self.file.prospect
        parts: list[Part] = []
        meeting = None if prospect.do_not_call else booked_meeting(self.file.touches)
        if meeting is not None:
            mine = meeting.in_tz(self.rep_zone)
            if not level:
                at = meeting_text(meeting, self.rep_zone, zone_of(prospect))
            else:  # then 'Tue 09:30 EST', within the week
                day = day_and_time(mine) if level == 1 else when_text(mine, self.now)
                at = f"{day} {mine.format('zz')}"
            parts += ["  ", (f" meeting {at} ", "bold $success-muted on $success")]
        research = self.file.research
        wanted = not out_of_cadence(prospect)  # a reason to call, for a call to come
        if wanted and self.complete and not (research and research.reason_to_call.strip()):
            words = NO_REASON[level]
            parts += ["  ", (words, "$text-warning")]
        return line(*parts)

    def _phone_and_time(self) -> Content:
        assert self.file is not None and self.now is not None
        prospect = self.file.prospect
        if prospect.phone_bad:
            phone_part = phone_marked_wrong(prospect, self.home_region, WRONG_NUMBER_HINT)
        elif prospect.phone_e164:
            phone = format_phone(prospect.phone_e164, prospect.phone_ext, self.home_region)
            phone_part = line((phone, "bold $accent"))
        else:
            problem = prospect.phone_problem or "no phone"
            phone_part = line((f"{prospect.phone_raw or '—'} ({problem})", "$text-error"))
        local = their_time(prospect, self.now)
        if local is None:
            when: tuple[str, str] = ("their time unknown: Z sets the zone", "$text-warning")
        else:
            zone = zone_of(prospect) or ""
            more = len(prospect.phone_zones) - 1 if not prospect.timezone else 0
            said = [f"+{more} zone{'s' if more > 1 else ''}"] if more > 0 else []
            if self.size.width >= WIDE_HEADER:
                said.insert(0, zone_city(zone))
            aside = f" ({', '.join(said)})" if said else ""  # "(London, +2 zones)"
            at = local.format("ddd HH:mm zz")
            # Where it does not fit, 'their time' gives way before the other zones a
            # number may ring in (the rep's own clock is on the status line), then the
            # aside goes whole: never cut to "(…", "their ti…" or "02:…".
            forms = [f"their time {at}{aside}", f"{at}{aside}", f"their time {at}", at]
            for form in dict.fromkeys(forms):
                shown = self._numbers_and(phone_part, (form, ""))
                if shown.cell_length <= self.size.width:
                    return shown
            when = (at, "")
        return self._numbers_and(phone_part, when)

    def _numbers_and(self, phone_part: Content, when: tuple[str, str]) -> Content:
        """The numbers (the main one, the others listed or counted), then their time."""
        if len(self.numbers) < 2:
            return line("☎ ", phone_part, "  ", when)
        first, *others = self.numbers
        listed: list[Content | tuple[str, str] | str] = ["☎ ", self._number(first, "bold $accent")]
        if self.size.width < WIDE_NUMBERS:  # the others are counted; N lists them
            good = sum(1 for n in others if n.good)
            counted = f" +{good} more (N)" if good else ""  # "+1 (N)" alone read as a code
            return line(*listed, (counted, "$text-muted"), "  ", when)
        listed += ["  ", when]
        for number in others:
            listed += ["  · ", self._number(number, "")]
        return line(*listed)

    def _number(self, number: PhoneNumber, style: str) -> Content:
        """'mobile (415) 555-0101'; struck through when marked wrong."""
        shown = format_phone(number.e164, number.ext, self.home_region) or number.raw or "—"
        if number.bad:
            return line((f"{number.label} ", "$text-muted"), (shown, "strike $text-error"))
        if number.e164 is None:
            return line((f"{number.label} ", "$text-muted"), (shown, "$text-error"))
        return line((f"{number.label} ", "$text-muted"), (shown, style))
