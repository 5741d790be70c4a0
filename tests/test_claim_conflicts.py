"""Name and status discrepancies on labelled report pairs.

Each case is two short reports of one event and what a news editor would say of
them: the sources name different people for one role, or put one
act at different stages, or they are consistent.
"""

from __future__ import annotations

from datetime import date

import pytest
from reports import report

from pelican.plugins.explainer.analyse.compare import compare


def kinds(a: list[str], b: list[str]) -> list[tuple[str, dict[str, str]]]:
    c = compare([report("a", *a), report("b", *b)], {}, None, date(2026, 5, 12))
    return [(d.kind, d.values) for d in c.discrepancies]


DIFFER = [
    (
        "two holders of one title",
        ["Interior Minister Katya Brodin flew over the flooded basin by helicopter."],
        ["Interior Minister Aurel Stanek said the army had sent soldiers to the basin."],
        "name",
    ),
    (
        "one role described after each name, without an article",
        [
            "Mara Lind, general secretary of the dockers' union (DWU), said the union would "
            "strike from Monday."
        ],
        [
            "The dockers' union's general secretary, Tomas Okafor, said members would strike "
            "from Monday."
        ],
        "name",
    ),
    (
        "fined against only facing a fine",
        ["The transport ministry fined Harbor Tankers 12 million marks on Monday for the spill."],
        ["Harbor Tankers faces a fine of up to 12 million marks for the spill, officials said."],
        "status",
    ),
    (
        "opened against still deciding whether to open",
        ["Prosecutors in Ardent have opened a criminal investigation into the collapse."],
        ["Prosecutors in Ardent are still deciding whether to open a criminal investigation."],
        "status",
    ),
    (
        "lodged an appeal against will appeal",
        ["Strand's lawyers lodged an appeal against the verdict within hours, a spokesman said."],
        ["Strand's lawyer said his client will appeal against the verdict."],
        "status",
    ),
    (
        "found nothing against found something",
        ["Engineers inspected the Skarven dam overnight and found no damage, the authority said."],
        ["Engineers who inspected the Skarven dam overnight found cracks in its spillway."],
        "negation",
    ),
    (
        "signed against only initialled",
        ["Solvane and Kelvoria signed a fisheries treaty in Tirsa on Thursday."],
        [
            "The two governments initialled the fisheries treaty in Tirsa on Thursday, and "
            "ministers are expected to sign it in September."
        ],
        "status",
    ),
    (
        "sent off against not sent off (an irregular verb)",
        ["Castlebay defender Ruben Salas was sent off in the 74th minute."],
        [
            "The referee showed the defender Ruben Salas only a yellow card and did not send "
            "him off in the 74th minute."
        ],
        "negation",
    ),
    (
        "passed against did not pass, in sentences that only share a topic",
        [
            "Brenholt said in a statement that the towers had passed a routine inspection in "
            "January and that it was cooperating with investigators."
        ],
        [
            "According to records seen by the paper, the towers did not pass their inspection in January."
        ],
        "negation",
    ),
    (
        "ordered against considering an order",
        ["The health board ordered the dairy to shut its cooling towers on Monday."],
        ["The health board is considering an order to shut the dairy's cooling towers."],
        "status",
    ),
    (
        "approved against only recommended for approval",
        ["Pellarnia's medicines regulator has approved Velmira, a new cholesterol injection."],
        [
            "Advisers to Pellarnia's medicines regulator recommended on Wednesday that Velmira, "
            "a cholesterol injection, be approved."
        ],
        "status",
    ),
    (
        "a local time given twice against another local time",
        ["The authority began releases from the dam at 03:00 local time (01:00 GMT) on Saturday."],
        ["The authority opened the gates of the dam since 5 o'clock in the morning on Saturday."],
        "time",
    ),
]

CONSISTENT = [
    (
        "a ministry is not a person holding the minister's title",
        ["Foreign Minister Aksel Varn greeted the freed men at the crossing on Wednesday."],
        [
            "The freed men crossed at the bridge on Wednesday, communicated the Ministry of the "
            "Foreign Affairs."
        ],
    ),
    (
        "one quotation, one speaker",
        ['"We acted as soon as the pattern was clear," Chief Executive Marten Kaldor said.'],
        ['"We acted as soon as the pattern was clear," said Marten Kaldor, the chief executive.'],
    ),
    (
        "one signing time in two zones",
        ["The ministers signed the treaty at 11:30 local time in Tirsa on Thursday."],
        [
            "The ministers signed the treaty at 9.30 hours by Greenwich, 11.30 of Tirsa, on Thursday."
        ],
    ),
    (
        "a state now and a state to come",
        ["The museum is closed, and staff are listing the damage."],
        ["The museum will remain closed until Saturday while the gallery is repaired."],
    ),
    (
        "ratified as a condition, and still to be ratified",
        [
            "The treaty is due to enter into force in January, once both parliaments have ratified it."
        ],
        ["The treaty must still be ratified by both parliaments before it enters into force."],
    ),
    (
        "advised to rebook, and told to rebook",
        ["Airlines have advised passengers to rebook or travel via other airports."],
        ["Passengers will have to rebook or travel via other airports, airlines said."],
    ),
    (
        "to be signed, as said before the visit, and signed during it",
        [
            "On Saturday, the deputy prime minister said about 40 agreements would be signed "
            "during the visit."
        ],
        ["During the visit, the two leaders signed around 40 agreements."],
    ),
    (
        "one deal told at two tenses",
        ["Kestrel has agreed to buy the ferry operator Halvorsen for $2 billion."],
        ["Kestrel will take over the ferry operator Halvorsen for $2 billion."],
    ),
    (
        "closed now and for two weeks",
        ["The municipal baths will be closed for two weeks as a precaution."],
        ["The municipal baths closed on Tuesday as a precaution."],
    ),
]


@pytest.mark.parametrize(("why", "a", "b", "kind"), DIFFER, ids=[c[0] for c in DIFFER])
def test_sources_that_differ_on_who_or_how_far(why, a, b, kind):
    assert kind in [k for k, _ in kinds(a, b)], why


@pytest.mark.parametrize(("why", "a", "b"), CONSISTENT, ids=[c[0] for c in CONSISTENT])
def test_consistent_sources_show_no_name_status_or_time_difference(why, a, b):
    assert not [k for k, _ in kinds(a, b) if k in ("name", "status", "time")], why
