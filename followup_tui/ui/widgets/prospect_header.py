"""Who is on the line: name, title, company, phone, their local time, touch count."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
WRONG_NUMBER_HINTS = (WRONG_NUMBER_HINT, "wrong number (E)", "wrong number")
UNKNOWN_ZONE = ("their time unknown: Z sets the zone", "their time unknown (Z)", "zone unknown (Z)")
WIDE_NUMBERS = 100  # narrower than this, a prospect's other numbers are only counted
# The warning when no reason to call is written, from the longest to the shortest.
NO_REASON = ("no reason to call yet (e)", "no reason to call (e)", "no reason (e)")
ROLE_GAP = "  ·  "  # between the name (and its badges) and title, company
MIN_ROLE = 8  # fewer cells than this left for title and company: they are left out
NEXT = "next: "  # how the cadence's next step starts, left out when the room is short
THEIR_TIME = " their time"  # after a callback's time, left out when the room is short
# What gives way on the phone line when it does not fit, the least needed first: each
# name takes that piece one form shorter (see ProspectHeader._phone_and_time).
PHONE_LINE_GIVES_WAY = (
    "their",  # 'their time' (the rep's own clock is on the status line)
    "city",  # the zone's city in the aside, '(London, +2 zones)'
    "list",  # the other numbers listed after the time: counted instead
    "label",  # 'direct' before the number: N lists every number with its label
    "count",  # '+1 more (N)' -> '+1 more'
    "aside",  # '(+2 zones)', the other zones the number may ring in
    "their",  # an unknown zone's warning in its shortest words
    "hint",  # a wrong number's words shorter, an unusable number's left out
    "count",  # no count
    "hint",
    "number",  # last of all, the number cut after a whole group: '+61 2 5550 1234…'
)


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


def cut_number(number: str, room: int) -> str:
    """`number` in at most `room` cells: its first groups with an ellipsis
    ('+61 2 5550 1234…'), never ending on 'ext.'; one group longer than the room is
    cut inside it."""
    if cells(number) <= room:
        return number
    groups = number.split(" ")
    for end in range(len(groups) - 1, 0, -1):
        kept = " ".join(groups[:end]).removesuffix(" ext.")
        if cells(kept) + 1 <= room:
            return kept + ELLIPSIS
    return cut(number, room)


def give_way(
    drawn: Callable[[dict[str, int]], Content],
    sizes: dict[str, int],
    order: Sequence[str],
    width: int,
) -> Content:
    """The line `drawn` makes from a form of each piece (0 its longest of `sizes`
    forms), in `width` cells: one at a time, in `order` (the least needed first), a
    piece takes its next shorter form until the line fits; then the pieces that gave
    way come back, the most needed (the last to go) first, wherever they fit again.
    The last of `order` gives way only when all else has: the others stay as short
    beside it (it may take the room they leave, as a number cut to fit does)."""
    form = dict.fromkeys(sizes, 0)
    shown = drawn(form)
    gone: list[str] = []
    for piece in order:
        if shown.cell_length <= width:
            break
        if form[piece] + 1 < sizes[piece]:
            form[piece] += 1
            gone.append(piece)
            shown = drawn(form)
    if shown.cell_length > width or (gone and gone[-1] == order[-1]):
        return shown
    for piece in reversed(gone):
        form[piece] -= 1
        back = drawn(form)
        if back.cell_length <= width:
            shown = back
        else:
            form[piece] += 1
    return shown


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
    never reads as dialable (find and the contact editor show it this way; the header
    too, in shorter words where its room is short)."""
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
        """The number (the others counted or listed) and their local time, in the
        header's width: pieces give way in PHONE_LINE_GIVES_WAY's order until the line
        fits, then come back, the most needed first, wherever they fit again. The day,
        time and zone stay whole: never "(…", "their ti…" or "02:…"."""
        assert self.file is not None and self.now is not None
        prospect, width = self.file.prospect, self.size.width
        local = their_time(prospect, self.now)
        city = zones = at = ""
        their: tuple[str, ...] = UNKNOWN_ZONE
        if local is not None:
            their, at = ("their time ", ""), local.format("ddd HH:mm zz")
            more = len(prospect.phone_zones) - 1 if not prospect.timezone else 0
            zones = f"+{more} zone{'s' if more > 1 else ''}" if more > 0 else ""
            city = zone_city(zone_of(prospect) or "") if width >= WIDE_HEADER else ""
        label, main, hints = self._main_number()
        counts, listed = self._others(width)
        sizes = {
            "their": len(their), "city": 1 + bool(city), "aside": 1 + bool(zones),
            "label": 1 + bool(label), "list": 1 + bool(listed), "count": len(counts),
            "hint": len(hints), "number": 2,
        }  # fmt: skip

        def drawn(form: dict[str, int]) -> Content:
            said = [x for x, piece in ((city, "city"), (zones, "aside")) if x and not form[piece]]
            aside = f" ({', '.join(said)})" if said else ""  # "(London, +2 zones)"
            if local is None:
                when = (their[form["their"]], "$text-warning")
            else:
                when = (f"{their[form['their']]}{at}{aside}", "")
            head = [(f"{label} ", "$text-muted")] if label and not form["label"] else []
            after = listed if not form["list"] else []
            count = "" if after else counts[form["count"]]
            rest = [hints[form["hint"]], (count, "$text-muted"), "  ", when, *after]
            number = main[0]
            if form["number"]:  # the last to give way: cut to the room beside all else at
                # its shortest, so it never shrinks to let back what went before it
                least = {piece: size - 1 for piece, size in sizes.items()} | {"number": 0}
                number = cut_number(number, width - drawn(least).cell_length + cells(number))
            return line("☎ ", *head, (number, main[1]), *rest)

        return give_way(drawn, sizes, PHONE_LINE_GIVES_WAY, width)

    def _main_number(self) -> tuple[str, tuple[str, str], list[Content]]:
        """The label (with several numbers), the number `d` dials with its style, and
        the forms of the words after it (a wrong or unusable number's), longest first."""
        assert self.file is not None
        prospect = self.file.prospect
        if len(self.numbers) >= 2:
            first = self.numbers[0]
            return first.label, self._shown_number(first, "bold $accent"), [Content("")]
        phone = format_phone(prospect.phone_e164, prospect.phone_ext, self.home_region)
        if prospect.phone_bad:  # as phone_marked_wrong shows it, in words that fit
            hints = [line("  ", (words, "$text-warning")) for words in WRONG_NUMBER_HINTS]
            return "", (phone or prospect.phone_raw or "—", "strike $text-error"), hints
        if phone:
            return "", (phone, "bold $accent"), [Content("")]
        problem = line((f" ({prospect.phone_problem or 'no phone'})", "$text-error"))
        # The text typed stays before its problem's words (line 3 says why it is held).
        hints = [problem, Content("")] if prospect.phone_raw else [problem]
        return "", (prospect.phone_raw or "—", "$text-error"), hints

    def _others(self, width: int) -> tuple[list[str], list[Part]]:
        """The other numbers counted (its forms, longest first) and, on a wide header,
        listed after their time."""
        if len(self.numbers) < 2:
            return [""], []
        others = self.numbers[1:]
        good = sum(1 for n in others if n.good)
        # "+1 (N)" read as part of the number (a country code): the count keeps "more".
        counts = [f" +{good} more (N)", f" +{good} more", ""] if good else [""]
        listed: list[Part] = []
        if width >= WIDE_NUMBERS:  # narrower, the others are counted; N lists them
            for number in others:
                listed += ["  · ", self._number(number, "")]
        return counts, listed

    def _number(self, number: PhoneNumber, style: str) -> Content:
        """'mobile (415) 555-0101'; struck through when marked wrong."""
        return line((f"{number.label} ", "$text-muted"), self._shown_number(number, style))

    def _shown_number(self, number: PhoneNumber, style: str) -> tuple[str, str]:
        """The number as read, in `style` unless marked wrong or not dialable."""
        shown = format_phone(number.e164, number.ext, self.home_region) or number.raw or "—"
        if number.bad:
            return shown, "strike $text-error"
        if number.e164 is None:
            return shown, "$text-error"
        return shown, style
