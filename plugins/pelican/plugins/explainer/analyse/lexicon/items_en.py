"""English word lists for the reader-facing items: fact labels, timeline labels,
topic headings and open questions. General English only: no story's words.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A phrase never ends on one of these: the words that need a word after them.
DANGLING = _words(
    """
    a an the this that these those its their his her our my your some any each every no
    of to in on at by for from with into onto over under about than as and or but nor
    between among through during after before since until via per amid against toward towards
    is are was were be been being has have had do does did will would shall should can could
    may might must who whom whose which where when while whereas if whether because although
    though not very more most less least up down out off both either neither such so also
    other another said says just only even first last next past within beyond across around
    near behind below above upon like unlike despite except including
    """
)
# Joining words a name can contain ("Bank of X", "Trade and Industry").
NAME_JOINERS = _words("of and for de la le du del der von van & the")
# Words that open a new phrase: a label may stop before one of them.
PHRASE_OPENERS = _words(
    """
    of to in on at by for from with into over under about than as and or but between among
    through during after before since until via per amid against while whereas which who that
    where when because although though including according said says told
    """
)
# Numbers written as words.
CARDINALS = _words(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands million millions billion billions trillion
    dozen dozens
    """
)
# Words that are never a topic heading on their own: numbers and their modifiers.
NUMBER_WORDS = CARDINALS | _words(
    """
    half quarter third first second nearly almost about around roughly some
    several many few more most less least over under
    """
)
WEAK_HEADINGS = _words(
    """
    closing opening other details update updates more also new said says according however
    meanwhile according report reports year years month months week weeks day days time
    percent per cent figure figures number numbers total share
    """
)
# Page furniture: a publish or update stamp is never a fact or an event.
FURNITURE = re.compile(
    r"^\s*(?:(?:last\s+)?(?:updated|published|posted|modified|edited|first\s+published|"
    r"created|date)\b\s*(?:on|at)?\s*[:\-–—]?|©|copyright\b|\(c\)\s|photo\s*:|image\s*:|"
    r"reporting\s+by\b|editing\s+by\b|writing\s+by\b|read\s+more\b|share\s+this\b)",
    re.IGNORECASE,
)
# Pending and conditional wording: what is not settled yet is an open question.
PENDING = re.compile(
    r"\b(?:(?:still\s+)?(?:needs?|requires?|required|awaits?|awaiting)\s+(?:the\s+)?"
    r"(?:formal\s+|final\s+|regulatory\s+|parliamentary\s+)?"
    r"(?:approval|approvals|backing|clearance|ratification|sign-?off|consent|vote|"
    r"green\s+light|support|licen[cs]e|permission)"
    r"|(?:still\s+)?(?:has|have|had)\s+to\s+be\s+(?:ratified|approved|negotiated|signed|"
    r"agreed|confirmed|cleared|voted|finali[sz]ed)"
    r"|(?:must|will\s+need\s+to|would\s+need\s+to|needs?\s+to)\s+(?:still\s+|first\s+)?"
    r"(?:be\s+)?(?:ratif|approv|clear|negotiat|receiv|pass|win|obtain|secur)\w*"
    r"|subject\s+to\s+(?:approval|ratification|regulatory|shareholder|a\s+vote)"
    r"|(?:could|may|might|would)\b[^.;]{0,80}\bunder\s+certain\s+conditions"
    r"|(?:is|are|was|were)\s+(?:expected|due|scheduled|set)\s+to\s+(?:complete|close|finish|"
    r"be\s+completed|take\s+effect|conclude|start|begin|rise|climb|grow)"
    r"|(?:is|are|was|were|remains?)\s+(?:still\s+)?being\s+(?:assessed|investigated|"
    r"examined|evaluated|reviewed|counted|negotiated|studied|analy[sz]ed)"
    r"|(?:is|are|was|were)\s+(?:still\s+)?(?:assessing|investigating|examining|evaluating|"
    r"reviewing|analy[sz]ing|studying|checking|considering)\b"
    r"|(?:has|have|had|is|are)\s+yet\s+to\b"
    r"|(?:have|has|had)\s+not\s+yet\b"
    r"|not\s+yet\s+(?:been\s+)?(?:started|begun|decided|determined|set|known|agreed|"
    r"able|signed|approved|ratified|published|named|identified)"
    r"|(?:did|does|do|would|could)\s+not\s+(?:disclose|say|reveal|specify|give|put\s+a\s+figure)"
    r"|neither\s+[\w\s]{1,30}?\s+(?:disclosed|published|revealed|gave|would\s+put)"
    r"|(?:could|can|may|might)\s+(?:still\s+)?(?:rise|climb|grow|increase)"
    r"|(?:likely|expected)\s+to\s+(?:rise|climb|grow|increase)"
    r"|(?:will|would)\s+not\s+take\s+effect\s+until"
    r"|(?:has|have)\s+appealed|(?:figure|toll|number|count|damage|cost|bill)\s+(?:will|would)\s+(?:still\s+)?rise\b"
    r"|(?:will|would)\s+(?:publish|announce|release|disclose|give|present|decide|report)\b"
    r"[^.;]{0,60}\b(?:later|within|next|after|once|when|soon|details)\b"
    r"|\b(?:is|are)\s+due\s+(?:by|on|to|in|later)\b|\bgoes\s+to\s+(?:parliament|a\s+vote)"
    r"|\bonce\s+(?:the|a|an|it|they)\s+\w+\s+(?:picks?|approves?|agrees?|signs?|decides?|"
    r"ratif\w+|completes?|receives?)"
    r"|\bif\s+the\s+\w+\s+(?:moves?\s+forward|goes?\s+ahead|is\s+approved|passes|succeeds)"
    r"|\b(?:will|would|should|could)\s+show\s+whether|\bchecking\s+whether"
    r"|\bexpects?\s+(?:to\s+see\s+more|the\s+results|further)"
    r"|\bhave\s+not\s+(?:yet\s+)?been\s+able\s+to"
    r"|(?:has|have|had)\s+not\s+(?:ruled\s+out|put\s+a\s+figure|disclosed|said|given)"
    r"|\bnone\s+of\s+[\w\s]{1,30}?\s+(?:has|have)\s+been\s+(?:recovered|found|identified|"
    r"located|released|returned)"
    r"|\bnot\s+expected\s+(?:before|until)\b|\buntil\s+further\s+notice"
    r"|\bleft\s+(?:for|to)\s+later\b"
    r"|(?:is|are)\s+expected\s+to\s+\w+"
    r"|\bwill\s+be\s+(?:published|decided|determined|announced|set|drawn|settled|disclosed)\b)",
    re.IGNORECASE,
)

# Finite verbs a timeline label needs to tell an event: auxiliaries and modals, and the
# past forms of the most common irregular verbs ("-ed" pasts are found by their ending).
FINITE_VERBS = _words(
    """
    is are was were has have had will would shall should can could may might must did does
    said says told met went came took made gave began held left found won lost hit struck
    fell rose broke burst sent set led paid spoke sold bought saw became ran flew kept brought
    wrote drove stood shot fought built sank stole fled quit swore tore threw grew knew dies
    """
)
# Units a figure is measured in: a fact labelled with one must carry it in its value
# ("metres of snow" is not "3 days").
MEASURE_UNITS = _words(
    """
    millimetres millimeters centimetres centimeters metres meters kilometres kilometers
    miles feet inches kilograms kilos grams tonnes tons pounds litres liters gallons barrels
    hectares acres degrees knots megawatts gigawatts kilowatts percent seconds minutes hours
    days weeks months years
    """
)
# Pronouns that stand for a subject named elsewhere: a label opening with one alone
# ("It changed the total") does not say who did it.
SUBJECT_PRONOUNS = _words("it they he she this these those that we i you one")
