"""The facts of one invented case: who, where, when, which offences, and each person's details."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from pipeline.evaluation.corpus import identifiers as ids
from pipeline.evaluation.corpus.people import Cast, build_cast
from pipeline.evaluation.corpus.places import PRISONS, TOWNS
from pipeline.evaluation.corpus.sentences import Facts

SFO_OFFENCES = (
    "murder", "manslaughter", "attempted murder", "rape", "wounding with intent to cause grievous bodily harm",
    "arson with intent to endanger life", "kidnapping", "causing grievous bodily harm with intent",
)  # fmt: skip
PREVIOUS_OFFENCES = (
    "assault occasioning actual bodily harm", "common assault", "criminal damage", "possession of a bladed article",
    "robbery", "burglary", "harassment", "breach of a restraining order", "controlling or coercive behaviour",
    "affray", "possession with intent to supply class A drugs",
)  # fmt: skip
DIAGNOSES = (
    "paranoid schizophrenia", "emotionally unstable personality disorder", "post-traumatic stress disorder",
    "bipolar affective disorder", "depression and anxiety", "ADHD", "antisocial personality disorder",
    "psychosis",
)  # fmt: skip
MEDICATIONS = (
    "sertraline 100mg", "olanzapine 10mg", "mirtazapine 30mg", "methadone 60ml daily", "buprenorphine 8mg",
    "quetiapine 200mg", "aripiprazole 15mg", "diazepam 5mg", "pregabalin 150mg twice daily", "fluoxetine 20mg",
)  # fmt: skip
ADMISSIONS = (
    "detained under section 2 of the Mental Health Act", "admitted to a psychiatric ward for three weeks",
    "admitted to hospital with a head injury", "treated in hospital for an overdose",
)  # fmt: skip
CONDITIONS = ("type 1 diabetes", "epilepsy", "hepatitis C", "an acquired brain injury", "asthma", "HIV")
STAFF_HEALTH = ("work-related stress", "a back injury", "long COVID", "anxiety", "a broken wrist")


@dataclass
class CaseFacts:
    """Everything a case's documents are written from."""

    case_id: str
    cast: Cast
    facts: Facts
    date_of_birth: dt.date


def build_case(rng: random.Random) -> CaseFacts:
    """Draw one case: the cast, its identifiers and medical facts, places and dates."""
    case_id = f"SFO6{rng.randrange(10**4):04d}"
    cast = build_cast(rng)
    town = rng.choice(TOWNS)
    sfo_date = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000))
    release_date = sfo_date - dt.timedelta(days=rng.randrange(120, 540))
    sentence_date = release_date - dt.timedelta(days=rng.randrange(200, 900))
    dob, dob_forms = ids.date_of_birth(rng, 1965, 2001)
    prev_year = max(dob.year + 17, sentence_date.year - rng.randrange(1, 8))
    prisons = tuple(rng.sample(PRISONS, 2))
    facts = Facts(
        town=town,
        offence=rng.choice(SFO_OFFENCES),
        prev_offence=rng.choice(PREVIOUS_OFFENCES),
        prev_year=prev_year,
        prisons=prisons,
        sentence_date=sentence_date,
        release_date=release_date,
        sfo_date=sfo_date,
        mappa_level=rng.choice((1, 1, 2, 2, 3)),
        case_id=case_id,
    )
    si = cast.people["si"]
    pnc_long, pnc_short = ids.pnc(rng, prev_year)
    si.details.update(
        pnc=(pnc_long,),
        pnc_short=(pnc_short,),
        crn=ids.crn(rng),
        prison_no=ids.prison_number(rng),
        cro=ids.cro(rng, prev_year),
        nhs=ids.nhs_number(rng),
        ni=ids.ni_number(rng),
        dob=dob_forms,
        address=ids.address(rng, town),
        phone=ids.mobile(rng),
        email=ids.email(rng, si.first, si.last, staff=False),
        diagnosis=(rng.choice(DIAGNOSES),),
        medication=(rng.choice(MEDICATIONS),),
        admission=(rng.choice(ADMISSIONS),),
        condition=(rng.choice(CONDITIONS),),
    )
    for person in cast.all():
        if person.role == "staff":
            person.details.update(
                email=ids.email(rng, person.first, person.last, staff=True),
                phone=ids.landline(rng, town),
                health=(rng.choice(STAFF_HEALTH),),
            )
        elif person.id != "si":
            person.details.update(address=ids.address(rng, town), phone=ids.mobile(rng))
            if person.gender == "f" and person.id in ("victim", "partner") and rng.random() < 0.5:
                person.details["pregnancy"] = (f"{rng.randrange(8, 34)} weeks pregnant",)
    return CaseFacts(case_id=case_id, cast=cast, facts=facts, date_of_birth=dob)
