"""The words that tell what an amount is in its clause (used by :mod:`.clauses`).

Each movement word maps to its direction. Verbs are listed with their forms, as text writes
them; no stemming, so a word that merely ends like one ("price", "risen" in a name) is not
taken for one.
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["up", "down"]


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _forms(direction: Direction, text: str) -> dict[str, Direction]:
    return {word: direction for word in text.split()}


# Verbs that move the thing they are said of: "sales rose 8%", "shares fell $1.64". The
# amount right after them is the change, whatever its unit.
MOVES: dict[str, Direction] = {
    **_forms("up", """rise rises rose risen rising climb climbs climbed climbing jump jumps
        jumped jumping soar soars soared soaring surge surges surged surging rally rallies
        rallied rallying advance advances advanced advancing improve improves improved
        improving rebound rebounds rebounded rebounding recover recovers recovered recovering
        grow grows grew grown growing increase increases increased increasing expand expands
        expanded expanding widen widens widened widening accelerate accelerates accelerated
        accelerating swell swells swelled swollen swelling rocket rockets rocketed rocketing
        leap leaps leapt leaped leaping spike spikes spiked spiking strengthen strengthens
        strengthened strengthening firmed firming"""),
    **_forms("down", """fall falls fell fallen falling drop drops dropped dropping decline
        declines declined declining decrease decreases decreased decreasing slip slips slipped
        slipping slide slides slid sliding sink sinks sank sunk sinking plunge plunges plunged
        plunging plummet plummets plummeted plummeting tumble tumbles tumbled tumbling shrink
        shrinks shrank shrunk shrinking dip dips dipped dipping slump slumps slumped slumping
        ease eases eased easing retreat retreats retreated retreating weaken weakens weakened
        weakening contract contracts contracted contracting narrow narrows narrowed narrowing
        crash crashes crashed crashing sag sags sagged sagging dive dives dived diving slow
        slows slowed slowing deteriorate deteriorated deteriorating"""),
}
# Verbs that move their object: "cut rates 0.25%", "lifted interest rates 0.25% to 5.5%".
# Right after them an amount is a change only when it is a share or points ("cut 3,000 jobs"
# counts jobs cut, "lost $5m" is a loss); "by", "to" and "from" make changes and levels of
# any amount ("cut its workforce by 3,000").
MOVES_OBJECT: dict[str, Direction] = {
    **_forms("up", """raise raises raised raising lift lifts lifted lifting boost boosts
        boosted boosting hike hikes hiked hiking add adds added adding gain gains gained
        gaining double doubles doubled doubling triple triples tripled tripling push pushes
        pushed pushing"""),
    **_forms("down", """cut cuts cutting reduce reduces reduced reducing lower lowers lowered
        lowering slash slashes slashed slashing trim trims trimmed trimming halve halves halved
        halving lose loses lost losing shed sheds shedding scale scaled scaling"""),
}
ANY_MOVE: dict[str, Direction] = {**MOVES, **MOVES_OBJECT}
# Nouns of a change: "a 43% rise", "an increase of 64%". Not "growth" ("GDP growth of 1.5%"
# is a rate, a level) and not "cuts" ("cuts of £35bn" are an amount of cuts).
CHANGE_NOUNS: dict[str, Direction] = {
    **_forms("up", """rise rises increase increases jump jumps surge surges gain gains hike
        hikes boost climb leap rally upturn uplift improvement increment"""),
    **_forms("down", """fall falls drop drops decline declines decrease decreases slump dip
        plunge cut reduction contraction downturn"""),
}
# Adverbs before an amount ("up 5%", "closed down 0.89 points") and after it ("12% down on
# Wednesday", "10% higher than", "£60bn more.").
ADVERBS_BEFORE: dict[str, Direction] = {"up": "up", "down": "down"}
ADVERBS_AFTER: dict[str, Direction] = {
    "up": "up", "down": "down", "higher": "up", "lower": "down", "more": "up", "less": "down",
}
# What may follow such an adverb for it to be the change's: "12% down on Wednesday", "10%
# higher than last year" (not "18% more likely": a comparison of something else).
AFTER_ADVERB = words("on than from in at compared against year over this last a the by since")
# Verbs that make "up"/"down" part of another verb: "set up 5 firms", "cut down 30 trees".
PHRASAL = words("""set sets setting pick picks picked picking take takes took taken taking make makes made
    making sign signs signed signing snap snaps snapped snapping line lined open opened shut
    turn turns turned turning show showed shown put puts putting give gives gave given break
    broke broken sum summed wind wound round rounded bring brought call called step stepped
    back backed lock locked tie tied mop mopped""")
# Words between a cue and its amount that change nothing: "rose a seasonally adjusted 0.5%",
# "by another 10,000", "from their current 4.75%", "to a record 29.4bn".
FILLERS = words("""a an the another further additional extra just only some seasonally adjusted annual
    annualised annualized record expected estimated current previous revised original initial
    net gross mere modest healthy strong sharp steep massive huge hefty slight small big
    whopping impressive respectable their its his her year-on-year year-over-year
    provisional forecast predicted targeted""")
# "an average of 3.2%", "a total of 300", "a high of 5%": the pair is skipped.
OF_FILLERS = frozenset({"average", "total", "high", "low", "peak", "maximum", "minimum"})
# Qualifiers that make an amount after a movement verb a level reached: "dipped below 20%".
LEVEL_QUALIFIERS = ("below", "above", "under", "beyond", "past")
# "went up to 5.5%": the verb before "up to" that makes it a movement, not "at most".
UP_TO_VERBS = words("""go goes went gone going move moves moved moving shot shoot shoots edge edged edging
    creep crept creeping inch inched inching tick ticked ticking climb climbed climbing jump
    jumped jumping rise rose risen rising push pushed pushing drive drove driven""")
# Verbs right before an amount of money or a share that make it a bound passed: "growth had
# topped 9%" is more than 9%. Not for counts ("topped 5 charts" is not more than 5 charts).
EXCEEDED = words("""topped exceeded exceeds exceeding surpassed surpasses surpassing""")
# Trailing qualifiers, after any amount: "80% or higher", "65 or over", "$5m or less".
TRAILING: dict[str, str] = {
    "more": "at-least", "higher": "at-least", "above": "at-least", "over": "at-least",
    "greater": "at-least", "older": "at-least", "upwards": "at-least", "longer": "at-least",
    "fewer": "at-most", "less": "at-most", "lower": "at-most", "below": "at-most",
    "under": "at-most", "younger": "at-most", "so": "about",
}
# Auxiliaries and copulas: a list of values ("by 9.4% and 8.1%") goes on only while none
# comes between ("... to 4.3% in 2004 and is expected ...").
VERBISH = words("""is are was were be been being will would shall should can could may might must has have
    had do does did said says say expected""")
