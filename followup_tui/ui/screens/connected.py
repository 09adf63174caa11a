"""`c`: the rep spoke to someone. A short note, who it was, and what happens next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from msgspec import Struct
from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, RadioSet, Static

from followup_tui.domain.outcomes import RETIRING, Decision, Outcome
from followup_tui.domain.when_rules import TimeReader, Verdict, for_purpose
from followup_tui.ui.screens.schedule import OverTheQueue
from followup_tui.ui.screens.when_preview import (
    OFFERED_KEY,
    FarQuestion,
    error_line,
    offered_text,
    refusal,
    when_preview,
)
from followup_tui.ui.text import line, user_text
from followup_tui.ui.widgets.fields import NOTE_CHARS, NOTE_JOINS, WHEN_CHARS, TextField
from followup_tui.ui.widgets.marks import MarkedCheckbox, MarkedRadio, MarkedRadioSet
from followup_tui.ui.widgets.phrases import Lines, Phrases

# The next steps, in full words and in the short ones of a narrow dialog (80 columns).
NEXT_STEPS = (
    (Decision.FOLLOW_UP, "Continue the cadence", "Continue the cadence"),
    (Decision.CALLBACK, "Call back at a time they gave", "Call back at their time"),
    (Decision.MEETING, "Meeting booked", "Meeting booked"),
    (Decision.NOT_NOW, "Not now: come back on a date", "Not now: back on a date"),
    (Decision.NOT_INTERESTED, "Not interested: revisit on a date", "Not interested: revisit"),
    (Decision.DO_NOT_CALL, "Asked not to be called again (do not call)",
     "Do not call: they asked"),
)  # fmt: skip
# Other words with a short form: (long, short), by the id of the widget that says them.
SHORT_WORDS = {
    "dm": ("Spoke with the decision maker", "Talked to decision maker"),
    "anyone": ("For anyone on the team (else only for me)", "For anyone on the team"),
    "on-call": ("On the call till logged · ctrl+t: hung up", "On the call · ctrl+t hung up"),
}
KEYS = ("Space picks", "Enter logs", "Esc cancels")
# Steps that need a date: the words before its field (they stay once the rep types,
# where a placeholder would go), its example, and what it starts with.
WHEN_FOR = {
    Decision.CALLBACK: ("Call back:", "e.g. thu 3pm", ""),
    Decision.MEETING: ("Meeting:", "e.g. thu 3pm", ""),
    Decision.NOT_NOW: ("Back on:", "+30d, jan 15", "+90d"),
    Decision.NOT_INTERESTED: ("Revisit:", "e.g. +90d", "+90d"),
}
OUTCOME_OF = {
    Decision.MEETING: Outcome.MEETING,
    Decision.NOT_INTERESTED: Outcome.NOT_INTERESTED,
    Decision.DO_NOT_CALL: Outcome.DO_NOT_CALL,
}


class ConnectedResult(Struct, frozen=True):
    note: str
    decision_maker: bool
    decision: Decision
    when: DateTime | None = None  # the callback or meeting time, or the revisit date
    when_text: str = ""  # as typed, to reopen the dialog as it was
    for_anyone: bool = False  # a callback any rep of the team may make (else: mine)
    focused: str = ""  # the field the rep was in, to be back in it if the dialog reopens

    @property
    def outcome(self) -> Outcome:
        return OUTCOME_OF.get(self.decision, Outcome.CONNECTED)


class ConnectedScreen(OverTheQueue[ConnectedResult | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Log it", id="dialog.save"),
        # Enter logs from any field; Space ticks the checkbox and picks the step.
        Binding("enter", "save", "Log it", id="dialog.enter", priority=True, show=False),
        Binding(OFFERED_KEY, "take_offered", "Take the allowed time", id="dialog.offered"),
        Binding("ctrl+t", "hang_up", "Hung up", id="dialog.hang_up"),
        # Tab after a step was picked: see action_next_field.
        Binding("tab", "next_field", "Next field", show=False, priority=True),
    ]

    def __init__(
        self,
        name: str,
        reader: TimeReader,
        rep_zone: str,
        draft: ConnectedResult | None = None,
        *,
        hang_up: Callable[[], None] | None = None,
        shared: bool = False,
        noted: str = "",
        keep_draft: Callable[[ConnectedResult], None] | None = None,
    ) -> None:
        """`draft`: what the rep filled in before, when the dialog opens again. `reader`
        reads and judges the callback or revisit time for this prospect. `hang_up`:
        while a dial runs, ends the call (the rep may type on). `shared`: a team's
        database, where a callback is for me (the default) or for anyone. `noted`:
        what the dial's touch says already (a note added with `a`, or kept by undo):
        shown, so that it is not typed twice. `keep_draft` gets what was filled in
        when the rep closes the dialog with Esc, to bring back on the next `c`."""
        super().__init__()
        self.prospect_name = name
        self.reader = reader
        self.rep_zone = rep_zone
        self.draft = draft
        self.hang_up = hang_up
        self.shared = shared
        self.noted = noted
        self.keep_draft = keep_draft
        self.far = FarQuestion()
        self._jumped = False  # a pick just moved the cursor to the date field

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line("Connected with ", (self.prospect_name, "bold")), classes="title")
            if self.hang_up is not None:
                yield Static(SHORT_WORDS["on-call"][0], classes="timer", id="on-call")
            yield Label("Note", classes="note-label")
            if self.noted:
                yield Static(user_text(f"Noted already: {self.noted}", "$text-muted"),
                             classes="noted")  # fmt: skip
            draft = self.draft or ConnectedResult("", False, Decision.FOLLOW_UP)
            yield TextField(
                draft.note, limit=NOTE_CHARS, joins=NOTE_JOINS, id="note",
                placeholder="What was said, in a line", compact=True, select_on_focus=False,
            )  # fmt: skip
            yield MarkedCheckbox(SHORT_WORDS["dm"][0], draft.decision_maker, id="dm", compact=True)
            yield Label("Next step")
            with MarkedRadioSet(id="next", compact=True):
                for key, label, _ in NEXT_STEPS:
                    yield MarkedRadio(label, id=key.value, value=key == draft.decision,
                                      compact=True)  # fmt: skip
            with Horizontal(id="when-row", classes="-unused"):
                yield Label("", id="when-label")
                yield TextField(limit=WHEN_CHARS, id="when", disabled=True, compact=True,
                                select_on_focus=False)  # fmt: skip
            if self.shared:
                yield MarkedCheckbox(SHORT_WORDS["anyone"][0], draft.for_anyone, id="anyone",
                                     compact=True)  # fmt: skip
            yield Phrases(between=" · ", classes="preview -unused", in_sight=True)
            # Phrases: at 80 columns 'Esc cancels' goes to a line of its own, and
            # 'Space picks' (a step) is no longer left out.
            yield Phrases([[line(keys) for keys in KEYS]], between=" · ", classes="hint", id="keys")

    def on_mount(self) -> None:
        self._show_anyone()
        if self.draft is not None and self.draft.decision in WHEN_FOR:
            self._ask_when(self.draft.decision, self.draft.when_text)
            self._show_preview()
        if self.draft is not None and self.draft.focused:
            self.query_one(f"#{self.draft.focused}").focus()

    def narrowed(self, narrow: bool) -> None:
        """Short words in a narrow dialog, so no label is cut."""
        for key, label, short in NEXT_STEPS:
            self.query_one(f"#{key.value}", MarkedRadio).label = short if narrow else label
        for widget_id, words in SHORT_WORDS.items():
            for widget in self.query(f"#{widget_id}"):
                said = words[1] if narrow else words[0]
                if isinstance(widget, Checkbox):
                    widget.label = said
                elif self.hang_up is not None:  # not "Hung up: ..."
                    self.query_one(f"#{widget_id}", Static).update(said)

    def _step(self) -> Decision:
        pressed = self.query_one(RadioSet).pressed_button
        return Decision(pressed.id) if pressed and pressed.id else Decision.FOLLOW_UP

    def _show_anyone(self) -> None:
        for box in self.query("#anyone"):
            box.display = self._step() == Decision.CALLBACK

    @on(RadioSet.Changed)
    def _step_changed(self) -> None:
        self._show_anyone()
        step = self._step()
        needs = WHEN_FOR.get(step)
        when = self._ask_when(step, needs[2] if needs else "")
        self._show_preview()
        if needs is not None and not when.value and self.query_one(RadioSet).has_focus:
            # Picked by key, and a time is needed with none offered: type it next. The
            # rep's Enter here said "Type when first." before they could.
            when.focus()
            self._jumped = True

    def _ask_when(self, step: Decision, value: str) -> Input:
        """The date field, labelled for `step`, or out of sight when it needs none."""
        when = self.query_one("#when", Input)
        needs = WHEN_FOR.get(step)
        when.disabled = needs is None
        self.query_one("#when-row").set_class(needs is None, "-unused")
        label, example, _ = needs or ("", "", "")
        self.query_one("#when-label", Label).update(label)
        when.placeholder, when.value = example, value
        self._replace_if_offered(when)
        return when

    def _replace_if_offered(self, when: Input) -> None:
        """The date offered ("+90d") is replaced by what the rep types, as in `z` and
        `x`: typed into, it read "+90djan 15". Text of the rep's own is typed on."""
        offered = WHEN_FOR.get(self._step(), ("", "", ""))[2]
        when.select_on_focus = bool(offered) and when.value == offered

    @on(Input.Changed, "#when")
    def _when_changed(self) -> None:
        self._replace_if_offered(self.query_one("#when", Input))
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.query_one(".preview", Phrases)
        needed = self._step() in WHEN_FOR
        preview.set_class(not needed, "-unused")  # its line is the note label's at 80x24
        preview.update(self._judged()[1] if needed else [])

    def _judged(self, asked: str = "") -> tuple[Verdict | None, Lines]:
        text = self.query_one("#when", Input).value
        step = self._step()
        reader = for_purpose(self.reader, "meeting" if step == Decision.MEETING else "call")
        return when_preview(reader, text, self.rep_zone, revisit=step in RETIRING, asked=asked)

    def action_next_field(self) -> None:
        """Tab, as ever, but for the first one after a pick jumped to the empty date
        field: the rep pressed it to get to that field, and typed the date into the
        note once Tab had gone on from it."""
        when = self.query_one("#when", Input)
        jumped, self._jumped = self._jumped, False
        if jumped and self.focused is when and not when.value:
            return
        self.focus_next()

    def action_take_offered(self) -> None:
        """Put the allowed time the preview offers into the field, to log with Enter."""
        verdict = self._judged()[0] if self._step() in WHEN_FOR else None
        if verdict is None or verdict.offered is None:
            self.app.bell()
            return
        self.query_one("#when", Input).value = offered_text(verdict.offered)

    def action_save(self) -> None:
        step = self._step()
        when_at = None
        if step in WHEN_FOR:
            when = self.query_one("#when", Input)
            verdict, preview = self._judged()
            shown = self.query_one(".preview", Phrases)
            if verdict is None or not verdict.ok:
                if verdict is not None:
                    shown.update(refusal(verdict, preview))
                elif not when.value.strip():
                    shown.update(error_line("Type when first."))
                when.focus()
                return
            if verdict.far and not self.far.confirmed(when.value, "Enter"):
                shown.update(self._judged(asked="Enter")[1])
                return
            when_at = verdict.when
        self.dismiss(self._filled_in(when_at))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.hang_up is not None if action == "hang_up" else True

    def action_hang_up(self) -> None:
        if self.hang_up is not None:
            self.hang_up()
            self.hang_up = None
            self.query_one(".timer", Static).update("Hung up: its length is kept.")

    def action_cancel(self) -> None:
        if self.keep_draft is not None:
            self.keep_draft(self._filled_in())
        self.dismiss(None)

    def _filled_in(self, when: DateTime | None = None) -> ConnectedResult:
        """The dialog as the rep has filled it in; `when`: the time, once judged."""
        step = self._step()
        anyone = step == Decision.CALLBACK and any(
            b.value for b in self.query("#anyone").results(Checkbox)
        )
        focused = self.focused.id if self.focused is not None and self.focused.id else ""
        return ConnectedResult(
            self.query_one("#note", Input).value.strip(), self.query_one("#dm", Checkbox).value,
            step, when, self.query_one("#when", Input).value, anyone, focused,
        )  # fmt: skip
