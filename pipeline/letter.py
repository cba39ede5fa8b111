"""The senior manager's letter to the victim (guidance Appendix 3), as an editable DOCX.

The VLO sends it with the offer to meet; it goes in the pack beside the redacted documents
and is never one of them. What the pipeline knows is filled in: the case reference, the
senior manager's name and role from the sign-off, the region, and "he" or "she" for the
supervised individual (from the titles and first name the review uses; when they do not
agree, the choice is left to the VLO). What only the VLO knows (the victim's name and
address, the VLO's contact details, the family member) stays as a highlighted field in
square brackets, as in the template.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from pipeline.model import long_date
from pipeline.vocabulary import FEMALE_TITLES, MALE_TITLES, TITLES, alternation

# A field for the VLO: the template's own wording in square brackets.
_FIELD = re.compile(r"(\[[^\]]+\])")
_TITLE_BEFORE = re.compile(r"(?:^|[^\w])(" + alternation(t for t in MALE_TITLES + FEMALE_TITLES if t in TITLES) + r")\.?\s*$")
_PRONOUNS = {"m": ("he", "him", "his"), "f": ("she", "her", "her")}


def si_gender(si_names: Iterable[str], si_contexts: Iterable[str]) -> str | None:
    """'m', 'f' or None: the titles written before the SI's name, else a first name only one sex has.

    `si_contexts` are the few characters before each place the SI was named.
    """
    titles = {m.group(1) for c in si_contexts if (m := _TITLE_BEFORE.search(c))}
    by_title = {"m" if t == "Mr" else "f" for t in titles}
    if len(by_title) == 1:
        return by_title.pop()
    if by_title:
        return None  # both: leave it to the VLO
    from recognizers.name_list import load_gendered_first_names

    male, female = load_gendered_first_names()
    firsts = {n.split()[0].lower() for n in si_names if len(n.split()) >= 2}
    sexes = {"m" for f in firsts if f in male} | {"f" for f in firsts if f in female}
    return sexes.pop() if len(sexes) == 1 else None


def _paragraphs(case_id: str, signer: str, role: str, region: str, gender: str | None, today: dt.date) -> list[str]:
    he = _PRONOUNS[gender][0] if gender else "[he/she]"
    region = region if region and region != "not recorded" else "[Insert region]"
    return [
        "[Insert Victim Name]",
        "[Insert Victim Address]",
        "",
        "[Insert VLO Address]",
        "Telephone: [Insert VLO telephone]",
        "Email: [Insert VLO email]",
        "www.gov.uk",
        "",
        f"Date: {long_date(today)}",
        f"Our reference: {case_id}",
        "",
        "Dear [Insert Victim Name],",
        "I am writing further to the letter you will have recently received from the Victim Liaison Unit offering "
        "you the opportunity to participate in the Victim Contact Scheme. If you choose to participate, your allocated "
        "Victim Liaison Officer will provide you with information, advice and support throughout the offender's sentence.",
        "You may already be aware that the offender in this case was being supervised by the Probation Service when "
        f"{he} committed the offence against [you/your (state family member)]. I would like to take this opportunity to "
        "say how sorry I am that you have been affected by such a serious offence, and I apologise if any of the "
        "information in this letter causes you or your family any further distress.",
        "Most people who are being managed by the Probation Service comply with the requirements of their sentence. "
        "However, a very small number commit extremely serious further offences. When they do, the Probation Service "
        "reviews what has happened in the cases and completes a report, known as a Serious Further Offence (SFO) "
        "review. The SFO review will look at how the Probation Service worked with the offender and, if there was "
        "anything that should have been done differently, they will identify what actions need to be taken in future.",
        "As such, I am writing to inform you that a SFO Review has been completed by the Probation Service and you "
        f"are entitled to meet with myself, as a Senior Manager of the Probation Service in {region}, and a Victim "
        "Liaison Officer to discuss the findings of the review. You can choose to receive information about the "
        "offender's sentence and / or information from the SFO review. You do not have to make a final decision at "
        "this stage, and should you decide that you would not like the information at this time, you are able to "
        "request it at any point in the future.",
        f"The Probation Service in {region} is committed to protecting the public and continuous improvement is "
        "something that we take very seriously. I would like to assure you that any learning identified as part of "
        "the review will be promptly addressed. If you choose to receive information about the SFO review, I can "
        "explain this in more detail during a meeting.",
        "If you would like to meet to discuss the SFO review, I can arrange to visit you at home or, if you would "
        "prefer, I can identify an alternative venue which is suitable for you. If you respond to indicate that you "
        "would like to meet, we will contact you to discuss your preference.",
        "Please email [Insert email address] or call [Insert name and telephone number], to confirm whether you wish "
        "to meet with a Victim Liaison Officer and myself to discuss the review in more detail. If you have any "
        "questions or concerns in the meantime, please do not hesitate to contact your allocated Victim Liaison "
        "Officer, or the Victim Liaison Unit using the contact details above.",
        "Once again, I would like to apologise if this letter has caused you any further distress.",
        "Kind Regards",
        "",
        signer,
        role,
        "",
        "Cc:",
        f"Head of Serious Further Offence Unit, Probation Service ({region})",
        f"Senior Probation Officer, Victim Liaison Unit, Probation Service ({region})",
        "Victim Liaison Officer",
    ]


def write_letter(
    target: Path, *, case_id: str, signer: str, role: str, region: str, gender: str | None, today: dt.date
) -> list[str]:
    """Write the letter to `target` (the caller moves it into the pack); returns its paragraphs' text."""
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    doc.core_properties.title = "Letter to the victim (SFO review)"
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    texts = _paragraphs(case_id, signer, role, region, gender, today)
    for text in texts:
        para = doc.add_paragraph()
        for piece in _FIELD.split(text):
            if not piece:
                continue
            run = para.add_run(piece)
            if _FIELD.fullmatch(piece):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # for the VLO to fill in
    doc.save(str(target))
    return texts
