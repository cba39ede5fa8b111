"""The structure of an SFO review (Annex D) and its action plan (Annex E), as blocks of spans."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from pipeline.evaluation.corpus import templates as tpl
from pipeline.evaluation.corpus.case_facts import CaseFacts
from pipeline.evaluation.corpus.model import Block, Comment, Inline, Para, Revision, Span, TableBlock, Written
from pipeline.evaluation.corpus.sentences import KEEP_KINDS, Renderer, capitalise, long_date

NOT_FOR_DISCLOSURE_HEADINGS = (
    "Not for disclosure",
    "Information not for disclosure",
    "NOT FOR DISCLOSURE (removed before sharing)",
)


def compose_review(case: CaseFacts, rng: random.Random, pages: int) -> Written:
    """A whole review sized to roughly `pages` A4 pages."""
    return _ReviewComposer(case, rng, pages).compose()


class _ReviewComposer:
    def __init__(self, case: CaseFacts, rng: random.Random, pages: int) -> None:
        self.case = case
        self.rng = rng
        self.pages = pages
        self.r = Renderer(rng, case.cast, case.facts)
        self.blocks: list[Block] = []
        self.section = 0
        self.used: set[str] = set()  # templates already written, drawn again only when needed
        # Narrative paragraphs per section and chronology rows both grow with length; the
        # factors were measured on the PDF output (about 1.5 pages are fixed matter).
        scale = max(0.5, pages - 1.5) * 2.45
        self.paras = max(1, round(scale * 0.4))
        self.rows = max(4, round(scale * 3.9))

    # ------------------------------------------------------------------ helpers

    def heading(self, text: str | Inline, level: int = 1) -> None:
        spans = [Span(text)] if isinstance(text, str) else text
        if level == 1:
            self.section += 1
            spans = [Span(f"{self.section}. ")] + spans
        self.blocks.append(Para("heading1" if level == 1 else "heading2", spans))

    def para(self, templates: Sequence[str], sentences: tuple[int, int] = (3, 5)) -> None:
        spans = self.r.paragraph(templates, self.rng.randint(*sentences), self.used)
        if spans:
            self.blocks.append(Para("body", spans))

    def paras_of(self, templates: Sequence[str], scale: float = 1.0) -> None:
        for _ in range(max(1, round(self.paras * scale))):
            self.para(templates)

    def items(self, style: str, templates: Sequence[str], count: int) -> None:
        order = list(templates)
        self.rng.shuffle(order)
        made = 0
        for template in order:
            if made == count:
                break
            spans = self.r.pick([template])
            if spans:
                self.blocks.append(Para(style, spans))
                made += 1

    # ------------------------------------------------------------------ sections

    def compose(self) -> Written:
        case, r, rng = self.case, self.r, self.rng
        facts = case.facts
        si = case.cast.people["si"]
        self.blocks.append(
            Para(
                "title",
                [
                    Span(
                        rng.choice(
                            ("Serious Further Offence Review", "SFO Review", "Serious Further Offence (SFO) Review")
                        )
                    )
                ],
            )
        )
        self.blocks.append(Para("body", [Span(f"Case reference: {case.case_id}")]))
        self.details_table()
        self.heading(rng.choice(("Summary", "Summary of the case", "Introduction and summary")))
        r.set_window(facts.release_date, facts.sfo_date)
        opener = r.sentence(rng.choice(tpl.SUMMARY_OPENERS))
        self.blocks.append(Para("body", opener + [Span(" ")] + r.paragraph(tpl.SUMMARY, 2, self.used)))
        self.paras_of(tpl.SUMMARY, 0.4)
        self.staff_interviewed()
        self.heading("Background")
        r.set_window(facts.sentence_date - dt.timedelta(days=900), facts.release_date)
        self.heading(rng.choice(("Previous offending", "Offending history")), 2)
        self.paras_of(tpl.BACKGROUND_HISTORY, 0.6)
        self.heading(r.pick(tpl.HEADINGS_NAMED[1:3], sentence=False) or [Span("Relationships")], 2)
        self.paras_of(tpl.BACKGROUND_RELATIONSHIPS, 0.6)
        self.heading(rng.choice(("Health", "Mental and physical health", "Health and wellbeing")), 2)
        self.paras_of(tpl.BACKGROUND_HEALTH, 0.3)
        r.set_window(facts.release_date - dt.timedelta(days=60), facts.release_date + dt.timedelta(days=60))
        self.heading(rng.choice(("Assessment", "Assessment of risk", "Assessment of risk and need")))
        self.paras_of(tpl.ASSESSMENT)
        self.heading(rng.choice(("Planning", "Planning to manage risk", "Sentence and risk management planning")))
        self.paras_of(tpl.PLANNING, 0.8)
        r.set_window(facts.release_date, facts.sfo_date)
        self.heading(rng.choice(("Implementation and delivery", "Implementation / delivery", "Delivery of the plan")))
        self.heading(r.pick([tpl.HEADINGS_NAMED[0], tpl.HEADINGS_NAMED[3]], sentence=False), 2)
        self.paras_of(tpl.IMPLEMENTATION, 1.2)
        self.heading(rng.choice(("Reviewing", "Reviewing of the case", "Review of risk")))
        self.paras_of(tpl.REVIEWING, 0.7)
        self.chronology()
        self.heading(rng.choice(("Findings and learning", "Key findings", "Conclusions and learning")))
        self.para(tpl.FINDINGS, (3, 4))
        self.items("bullet", tpl.FINDINGS, min(len(tpl.FINDINGS), 3 + self.pages // 5))
        self.heading(rng.choice(("Actions", "Action plan", "Recommendations and actions")))
        self.items("number", tpl.ACTIONS, min(len(tpl.ACTIONS), 3 + self.pages // 6))
        self.sign_off()
        self.hidden_content()
        header: list[Inline] = [[Span("OFFICIAL-SENSITIVE")]]
        if rng.random() < 0.5:
            header.append([Span(f"{case.case_id} - SFO Review: "), Span(si.full, category="name", person="si")])
        else:
            header.append([Span(f"SFO reference {case.case_id}")])
        footer: list[Inline] = [[Span(f"OFFICIAL-SENSITIVE | {case.case_id} | Annex D")]]
        rm = case.cast.people["rm"]
        return Written("review", "SFO Review", self.blocks, header, footer, rm.full, case.case_id)

    def details_table(self) -> None:
        si = self.case.cast.people["si"]
        rows: list[list[Inline]] = [
            [[Span("Name of supervised individual")], self.r.person(si, "full")],
            [[Span("CRN")], self.r.person(si, "crn")],
            [[Span("PNC number")], self.r.person(si, "pnc")],
            [[Span("Date of birth")], self.r.person(si, "dob")],
        ]
        if self.rng.random() < 0.7:
            rows.append([[Span("Prison number")], self.r.person(si, "prison_no")])
        rows.append([[Span("PDU")], [Span(self.case.facts.town.name, keep=KEEP_KINDS["town"])]])
        rows.append([[Span("Reviewing manager")], capitalise(self.r.person(self.case.cast.people["rm"], "intro"))])
        self.blocks.append(TableBlock(["Details", ""], rows, widths=(1, 2)))

    def staff_interviewed(self) -> None:
        self.blocks.append(
            Para(
                "body",
                [
                    Span(
                        self.rng.choice(("The following staff were interviewed:", "Staff interviewed for this review:"))
                    )
                ],
            )
        )
        for person in self.case.cast.all():
            if person.role == "staff" and person.staff_role != "RM":
                self.blocks.append(Para("bullet", self.r.person(person, "intro")))

    def chronology(self) -> None:
        facts = self.case.facts
        self.heading(self.rng.choice(("Chronology", "Chronology of key events", "Chronology and analysis")))
        self.blocks.append(
            Para("body", [Span("The table below sets out the key events and contacts during the period under review.")])
        )
        span_days = (facts.sfo_date - facts.release_date).days
        days = sorted(self.rng.choices(range(1, span_days), k=self.rows - 2))  # busy days have several rows
        days = [0] + days + [span_days]
        style = self.rng.choice(("%d/%m/%Y", "long", "%d.%m.%y"))
        rows: list[list[Inline]] = []
        for offset in days:
            day = facts.release_date + dt.timedelta(days=offset)
            text = long_date(day) if style == "long" else day.strftime(style)
            if offset == days[0]:
                event = self.r.pick([tpl.CHRONO_RELEASE])
            elif offset == days[-1]:
                event = self.r.pick([tpl.CHRONO_CHARGE])
            else:
                event = self.r.pick(tpl.CHRONO_EVENTS)
            analysis = self.r.pick(tpl.CHRONO_ANALYSIS)
            removed = self.r.pick(tpl.CHRONO_NOT_FOR_DISCLOSURE) if self.rng.random() < 0.35 else []
            rows.append([[Span(text, keep=KEEP_KINDS["date"])], event, analysis, removed])
        heading = self.rng.choice(NOT_FOR_DISCLOSURE_HEADINGS)
        self.blocks.append(
            TableBlock(
                ["Date", "Event / contact", "Analysis", heading], rows, removed_column=3, widths=(1.1, 3, 2.4, 2)
            )
        )

    def sign_off(self) -> None:
        cast = self.case.cast.people
        self.blocks.append(Para("body", [Span("Reviewing manager: ")] + self.r.person(cast["rm"], "full")))
        signer = cast.get("hopdu") or cast.get("spo")
        if signer is not None:
            self.blocks.append(Para("body", [Span("Countersigned by: ")] + self.r.person(signer, "intro")))
        done = self.case.facts.sfo_date + dt.timedelta(days=self.rng.randrange(60, 120))
        self.blocks.append(Para("body", [Span("Date completed: "), Span(long_date(done), keep=KEEP_KINDS["date"])]))

    def hidden_content(self) -> None:
        """Two comments and two tracked changes on body paragraphs, holding personal data."""
        rm = self.case.cast.people["rm"]
        body = [b for b in self.blocks if isinstance(b, Para) and b.style == "body" and len(b.spans) > 3]
        if len(body) < 4:
            return
        chosen = self.rng.sample(body, 4)
        stamp = (self.case.facts.sfo_date + dt.timedelta(days=40)).isoformat() + "T10:15:00Z"
        for para in chosen[:2]:
            text = self.r.pick(tpl.COMMENTS)
            if text:
                para.comment = Comment(tuple(text), rm.full, rm.initials)
        deleted = self.r.pick(tpl.DELETIONS)
        if deleted:
            chosen[2].revisions.append(Revision("del", tuple([Span(" ")] + deleted), rm.full, stamp))
        inserted = self.r.pick(tpl.INSERTIONS, sentence=False)
        if inserted:
            chosen[3].revisions.append(Revision("ins", tuple(inserted), rm.full, stamp))


def compose_action_plan(case: CaseFacts, rng: random.Random) -> Written:
    """The Annex E action plan: a table of actions with named owners and progress."""
    r = Renderer(rng, case.cast, case.facts)
    cast = case.cast.people
    r.set_window(case.facts.sfo_date, case.facts.sfo_date + dt.timedelta(days=200))
    blocks: list[Block] = [
        Para("title", [Span("SFO Action Plan")]),
        Para("body", [Span(f"Case reference: {case.case_id}")]),
        Para("body", [Span("Supervised individual: ")] + r.person(cast["si"], "full")),
        Para("heading1", [Span("Actions arising from the review")]),
        Para("body", r.paragraph(tpl.FINDINGS, 2)),
    ]
    owners = [p for p in case.cast.all() if p.role == "staff"]
    rows: list[list[Inline]] = []
    actions = list(tpl.ACTIONS)
    rng.shuffle(actions)
    for number, template in enumerate(actions[: rng.randint(4, 7)], start=1):
        action = r.pick([template])
        if not action:
            continue
        owner = rng.choice(owners)
        progress = r.pick(("Completed on {date}.", "In progress; due by {month}.", "Training attended by {pp.full} on {date}.",
                           "{spo.title} to confirm completion.", "Not yet started."))  # fmt: skip
        rows.append(
            [
                [Span(str(number))],
                action,
                r.person(owner, rng.choice(("intro", "full"))),
                [Span(long_date(r.next_date()), keep=KEEP_KINDS["date"])],
                progress,
            ]
        )
    blocks.append(TableBlock(["No.", "Action", "Owner", "Target date", "Progress"], rows, widths=(0.5, 4, 2, 1.5, 2)))
    blocks.append(Para("body", [Span("Agreed by: ")] + r.person(cast["rm"], "intro")))
    header: list[Inline] = [[Span("OFFICIAL-SENSITIVE")], [Span(f"{case.case_id} - Annex E Action Plan")]]
    footer: list[Inline] = [[Span(f"OFFICIAL-SENSITIVE | {case.case_id} | Annex E")]]
    return Written("action plan", "SFO Action Plan", blocks, header, footer, cast["rm"].full, case.case_id)
