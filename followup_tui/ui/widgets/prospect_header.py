"""Who is on the line: name, title, company, phone, their local time, touch count."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widget import Widget

from followup_tui.domain.display import meeting_text, touch_count_text
from followup_tui.domain.local_time import their_time, zone_of
from followup_tui.domain.models import PhoneNumber, Prospect, ProspectFile, Touch
from followup_tui.domain.outcomes import Status
from followup_tui.domain.phones import format_phone
from followup_tui.domain.signals import is_sales_ready
from followup_tui.ui.text import line

WIDE_HEADER = 70  # narrower than this, the zone's city is left out
WRONG_NUMBER_HINT = "wrong number: E edits it"
WIDE_NUMBERS = 100  # narrower than this, a prospect's other numbers are only counted


def phone_marked_wrong(prospect: Prospect, home_region: str, words: str) -> Content:
    """A number the rep marked wrong: struck through, with `words` saying so, so it
    never reads as dialable (the header and find both show it this way)."""
    phone = format_phone(prospect.phone_e164, prospect.phone_ext, home_region)
    return line((phone or prospect.phone_raw or "—", "strike $text-error"), "  ",
                (words, "$text-warning"))  # fmt: skip


def zone_city(zone: str) -> str:
    """'America/Los_Angeles' -> 'Los Angeles'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


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

    def __init__(self, *, id: str | None = None, home_region: str = "US") -> None:
        super().__init__(id=id)
        self.home_region = home_region
        self.rep_zone = "UTC"  # a booked meeting shows in the rep's zone and theirs
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
        prospect = self.file.prospect
        role = ", ".join(x for x in (prospect.title, prospect.company) if x)
        who = line((prospect.name, "bold"), ("  ·  " if role else "", "$text-muted"), role)
        phone_line = self._phone_and_time()
        badges: list[Content | tuple[str, str] | str] = [
            (self.cadence or touch_count_text(prospect.touch_count), "bold"),
        ]
        if is_sales_ready([s.kind for s in self.file.signals]):
            badges += ["  ", (" SALES-READY ", "bold $success-muted on $success")]
        if prospect.do_not_call:
            badges += ["  ", (" DO NOT CALL ", "bold $text-error on $error-muted")]
        elif (meeting := booked_meeting(self.file.touches)) is not None:
            at = meeting_text(meeting, self.rep_zone, zone_of(prospect))
            badges += ["  ", (f" meeting {at} ", "bold $success-muted on $success")]
        elif prospect.status != Status.ACTIVE:
            badges += ["  ", (f" {prospect.status.replace('_', ' ')} ", "$text-warning")]
        research = self.file.research
        if self.complete and not (research and research.reason_to_call.strip()):
            badges += ["  ", ("no reason to call yet (e)", "$text-warning")]
        return Content("\n").join(
            [
                who,
                phone_line,
                line(*badges),
            ]
        )

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
            extra = f" (+{more} zone{'s' if more > 1 else ''})" if more > 0 else ""
            city = f" ({zone_city(zone)}{extra})" if self.size.width >= WIDE_HEADER else extra
            when = (f"their time {local.format('ddd HH:mm zz')}{city}", "")
        if len(self.numbers) < 2:
            return line("☎ ", phone_part, "  ", when)
        first, *others = self.numbers
        listed: list[Content | tuple[str, str] | str] = ["☎ ", self._number(first, "bold $accent")]
        if self.size.width < WIDE_NUMBERS:  # the others are counted; N lists them
            good = sum(1 for n in others if n.good)
            return line(*listed, (f" +{good} (N)" if good else "", "$text-muted"), "  ", when)
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
