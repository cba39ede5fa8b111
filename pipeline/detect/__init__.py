"""Detection: run every recognizer over every text unit of a document.

spaCy runs once per document over all its units (`nlp.pipe` through Presidio's
`process_batch`), and the recognizers then run on those precomputed NLP artifacts instead
of re-parsing each unit. Text in capitals is title-cased for the statistical model only
(same length, so offsets hold); patterns still see the original text.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Iterable

from pipeline.case import Case
from pipeline.detect.engine import Engine
from pipeline.detect.layout import labelled_cells
from pipeline.model import Detection, Document, TextUnit

logger = logging.getLogger("sfo_redact")

CASE_FILE = "CaseFile"


def detect(document: Document, engine: Engine, case: Case | None = None) -> list[Detection]:
    """Every span any recognizer found, in unit order, with the recognizer and its reason."""
    started = time.perf_counter()
    units = [u for u in document.units.values() if u.text.strip()]
    detections: list[Detection] = []
    ner_texts = [_for_ner(u.text) for u in units]
    artifacts = engine.nlp_engine.process_batch(ner_texts, language="en", batch_size=engine.config.batch_size)
    for unit, (_, nlp_artifacts) in zip(units, artifacts, strict=True):
        results = engine.analyzer.analyze(
            text=unit.text,
            language="en",
            entities=engine.entities,
            nlp_artifacts=nlp_artifacts,
            return_decision_process=True,
            score_threshold=engine.config.score_threshold,
        )
        for r in results:
            detections.append(_detection(unit, r))
    detections.extend(labelled_cells(document))
    if case is not None:
        detections.extend(case_detections(units, case))
    logger.debug(
        "detect: %d units, %d detections, %.2fs", len(units), len(detections), time.perf_counter() - started
    )
    return detections


def _for_ner(text: str) -> str:
    """Title-case text written in capitals, so the model sees names as names."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        titled = text.title()
        if len(titled) == len(text):
            return titled
    return text


def _detection(unit: TextUnit, result) -> Detection:  # result: presidio RecognizerResult
    exp = result.analysis_explanation
    recognizer = (result.recognition_metadata or {}).get("recognizer_name") or (exp.recognizer if exp else "unknown")
    return Detection(
        unit_id=unit.id,
        start=result.start,
        end=result.end,
        entity=result.entity_type,
        score=round(float(result.score), 3),
        recognizer=recognizer,
        explanation=explain(exp),
        text=unit.text[result.start : result.end],
    )


def explain(exp) -> str:
    """A reason a person can read, from Presidio's decision process (no document text)."""
    if exp is None:
        return ""
    parts = []
    if getattr(exp, "pattern_name", None):
        parts.append(f"pattern {exp.pattern_name}")
    text = getattr(exp, "textual_explanation", None) or ""
    # Presidio's first line ("Detected by `X` using pattern `Y`") repeats the pattern name;
    # the lines recognizers add after it say why (cue, list section).
    parts.extend(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("Detected by"))
    word = getattr(exp, "supportive_context_word", None)
    if word:
        parts.append(f"context word '{word}'")
    validation = getattr(exp, "validation_result", None)
    if validation is True:
        parts.append("checksum valid")
    return "; ".join(parts)


# ---------------------------------------------------------------- case file


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in name.split()]
    body = r"[\s\u00a0]+".join(words)
    # A name is a whole word: not inside a longer word or a hyphenated name.
    return re.compile(rf"(?<![\w'’\-]){body}(?![\w\-])", re.IGNORECASE)


def date_forms(d: dt.date) -> list[str]:
    """The ways a date of birth is commonly written (detection and `sfo-redact verify` share them)."""
    months = d.strftime("%B")
    short = d.strftime("%b")
    return [
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        d.isoformat(),
        f"{d.day} {months} {d.year}",
        f"{d.day} {short} {d.year}",
        f"{months} {d.day}, {d.year}",
    ]


def case_detections(units: Iterable[TextUnit], case: Case) -> list[Detection]:
    """Every occurrence of a name, alias or identifier the case file gives."""
    targets: list[tuple[re.Pattern[str], str, str]] = []
    people = []
    if case.supervised_individual:
        people.append((case.supervised_individual, "supervised individual"))
    people += [(p, "victim") for p in case.victims]
    people += [(p, f"staff ({p.role})") for p in case.staff]
    people += [(p, f"third party ({p.relationship or 'unspecified'})") for p in case.third_parties]
    for person, role in people:
        for name in (person.name, *person.aliases):
            targets.append((_name_pattern(name), "PERSON", f"named in the case file as {role}"))
    si = case.supervised_individual
    if si is not None:
        for value, entity in ((si.crn, "UK_CRN"), (si.pnc, "UK_PNC"), (si.prison_number, "UK_PRISON_NUMBER")):
            if value:
                targets.append((re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE), entity, "identifier given in the case file"))
        if si.date_of_birth:
            for form in date_forms(si.date_of_birth):
                targets.append(
                    (re.compile(rf"(?<![\w/.\-]){re.escape(form)}(?![\w/\-]|\.\d)", re.IGNORECASE), "DATE_OF_BIRTH", "date of birth given in the case file")
                )
    out = []
    for unit in units:
        for pattern, entity, why in targets:
            for m in pattern.finditer(unit.text):
                out.append(
                    Detection(unit.id, m.start(), m.end(), entity, 1.0, CASE_FILE, why, m.group(0))
                )
    return out
