# ruff: noqa: E501  -- the annotations quote whole sentences of the articles verbatim
"""Build the attribution development set's JSON files from hand-written annotations.

Each attribution is written by hand as substrings of the article (``"text"`` or
``("text", n)`` for the n-th occurrence, counting from 0, searched from the start of the
text); this script only turns them into character offsets and checks them, so no offset is
typed by hand. Run ``python tests/data/attributions/build.py`` after editing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[3] / "shared"

Ref = str | tuple[str, int] | None


def span(text: str, ref: Ref, base: int = 0) -> dict[str, Any] | None:
    """The span ``{"start", "end", "text"}`` of ``ref`` in ``text`` (None for None)."""
    if ref is None:
        return None
    needle, n = (ref, 0) if isinstance(ref, str) else ref
    # whole words only: "he" is not found inside "the"
    left = r"\b" if needle[:1].isalnum() else ""
    right = r"\b" if needle[-1:].isalnum() else ""
    found = list(re.compile(left + re.escape(needle) + right).finditer(text, base))
    if len(found) <= n:
        raise SystemExit(f"not found (occurrence {n}): {needle!r}")
    start = found[n].start()
    return {"start": start, "end": start + len(needle), "text": needle}


WIKINEWS = "CC BY 2.5"
PD_VOA = "public domain (work of the Voice of America, a US federal government entity)"
PD_DOD = "public domain (work of the US Department of Defense, American Forces Press Service)"

# (source, cue, content, kind, stance, act)
ARTICLES: list[dict[str, Any]] = [
    {
        "id": "istanbul-talks-arabnews",
        "shared_text": "seeds/istanbul-talks-arabnews.txt",
        "title": "Pakistan and Afghanistan Restart Peace Talks in Türkiye as Islamabad Seeks to "
        "End Cross-Border Attacks (seed, altered copy)",
        "url": "https://www.arabnews.com/node/",
        "licence": "not an open licence: Arab News text; not copied, referenced from ../shared",
        "attribution": "Arab News (via the project's shared seed file)",
        "published": None,
        "excerpt": False,
        "attributions": [
            (
                "government officials",
                "said",
                "Pakistan’s negotiating team is in Istanbul to begin a new round of talks with Afghanistan",
                "indirect",
                "asserts",
                "claim",
                "Pakistan’s negotiating team",
            ),
            (
                "Pakistan",
                "has repeatedly said",
                "militants are being sheltered on Afghan soil",
                "indirect",
                "asserts",
                "accusation",
                "Pakistan has repeatedly",
            ),
            (
                "Pakistan",
                "urged",
                "Kabul’s authorities not to allow their land to be used for attacks",
                "indirect",
                "asserts",
                "demand",
                "Pakistan has repeatedly",
            ),
            (
                "Afghanistan",
                "has often denied",
                "those claims",
                "indirect",
                "denies",
                "claim",
                "Afghanistan has often",
            ),
            (
                "Afghanistan",
                "saying",
                "Pakistan’s security problems are an internal matter",
                "indirect",
                "asserts",
                "claim",
                "Afghanistan has often",
            ),
            (
                "the Taliban’s spokesperson",
                "suggested",
                "Pakistan rejected Kabul’s offer to remove people Islamabad considers a threat",
                "indirect",
                "asserts",
                "claim",
            ),
            ("Pakistan’s officials", "have dismissed", "a claim", "indirect", "denies", "claim"),
            (
                "Pakistan’s defense minister",
                "told reporters",
                "The delegation left today and negotiations will start tomorrow,",
                "direct",
                "asserts",
                "claim",
            ),
            (
                "Pakistan’s defense minister",
                "told reporters",
                "Let’s hope the Afghans also act with some prudence and peace can be restored in this region.",
                "direct",
                "asserts",
                "hope",
            ),
            (
                "the minister",
                "said",
                "dialogue is for when there’s a chance of movement; otherwise it’s a waste of time",
                "indirect",
                "asserts",
                "claim",
                "Asked whether",
            ),
            (
                "He",
                "reiterated",
                "Pakistan’s single demand - the militant attacks originating from Afghan territory must stop",
                "indirect",
                "asserts",
                "demand",
            ),
            (
                "Pakistan",
                "has rejected",
                "Afghanistan’s version that Islamabad refused a proposal to hand over militants",
                "indirect",
                "denies",
                "claim",
                "Pakistan has rejected",
            ),
            (
                "Pakistan’s information ministry",
                "said",
                "terrorists in Afghanistan who threaten Pakistan should be controlled or arrested, and if they are Pakistani nationals they should be handed over through agreed border posts",
                "indirect",
                "asserts",
                "proposal",
                "Pakistan’s information ministry said",
            ),
            ("The ministry", "called", "false and misleading.", "direct", "denies", "claim"),
        ],
    },
    {
        "id": "voa-drc-rejects-rebels-talks",
        "title": "DRC Rejects Rebels' Demand for Talks",
        "url": "https://www.voanews.com/content/drc-rejects-rebels-demands-for-talks/1548792.html",
        "licence": PD_VOA,
        "attribution": "VOA News, via the VOA headlines feed archived at gopher.floodgap.com",
        "published": "2012-11-19",
        "excerpt": True,
        "attributions": [
            (
                "The Democratic Republic of Congo's government",
                "has rejected",
                "a demand for peace talks by the rebel group M23",
                "indirect",
                "denies",
                "proposal",
            ),
            (
                "Government spokesman Lambert Mende",
                "said",
                'M23 is a "fiction" created by neighboring Rwanda to "hide its criminal activities in the DRC"',
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                "The rebels",
                "demanded",
                "the government open peace talks within 24 hours or see a continuation of fighting around the eastern city",
                "indirect",
                "asserts",
                "demand",
            ),
            (
                "The rebels",
                "accused",
                "the DRC government of violating a 2009 peace deal that integrated rebel fighters into the army",
                "indirect",
                "asserts",
                "accusation",
                "The rebels also",
            ),
            (
                "Rwanda",
                "has strongly denied",
                "accusations from Congo and U.N. monitors that it supports M23",
                "indirect",
                "denies",
                "claim",
                "Rwanda has strongly",
            ),
            (
                "Congo and U.N. monitors",
                "accusations",
                "it supports M23",
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                "Uganda",
                "has also denied",
                "allegations that it helps the group",
                "indirect",
                "denies",
                "claim",
            ),
            (
                "DRC spokesman Mende",
                "said",
                "government forces are in complete control of Goma and that a rebel attempt to capture the eastern Congolese city had failed",
                "indirect",
                "asserts",
                "claim",
                "DRC spokesman Mende said",
            ),
            (
                "he",
                ("said", 2),
                "Goma is still under full control of the government of the DRC,",
                "direct",
                "asserts",
                "claim",
            ),
            (
                "he",
                ("said", 2),
                "The governor, local authorities and even the higher command of our army - they are all in Goma to defend our country.",
                "direct",
                "asserts",
                "claim",
            ),
            (
                ("Mende", 2),
                ("said", 3),
                "helicopter attacks are within the U.N. mandate to protect civilians",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                ("Mende", 2),
                "adding",
                'a rebel attack on Goma would be a "nightmare."',
                "indirect",
                "asserts",
                "warning",
            ),
            (
                ("Mende", 3),
                ("said", 4),
                "It is the duty of the U.N. force to prevent such a situation and stop them entering Goma,",
                "direct",
                "asserts",
                "demand",
            ),
            (
                ("Mende", 3),
                ("said", 4),
                "Because if they enter there, we will lose hundreds of thousands of lives.",
                "direct",
                "asserts",
                "warning",
            ),
        ],
    },
    {
        "id": "voa-m23-rejects-war-crimes-charges",
        "title": "DRC Rebel Group Rejects War Crimes Charges",
        "url": "https://blogs.voanews.com/breaking-news/2012/09/11/drc-rebel-group-rejects-war-crimes-charges",
        "licence": PD_VOA,
        "attribution": "VOA News (Breaking News blog)",
        "published": "2012-09-11",
        "excerpt": False,
        "attributions": [
            (
                "A rebel group in the eastern Democratic Republic of Congo",
                "is denying",
                "allegations it has committed widespread war crimes",
                "indirect",
                "denies",
                "claim",
            ),
            (
                "Human Rights Watch",
                "accuses",
                "the March 23 Movement of rapes, killings, torture, abductions and recruiting children to work as soldiers",
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                "The report",
                "says",
                "M23 is leaving behind a “horrific trail of atrocities” in eastern Congo",
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                "M23 spokesman Vianney Kazarama",
                "strongly rejected",
                "the accusations",
                "indirect",
                "denies",
                "claim",
            ),
            (
                "he",
                "said",
                "Frankly, it is a false information, a false report. We reject this entire report. We invited Human Rights Watch to investigate these allegations. They never accepted it,",
                "direct",
                "denies",
                "claim",
            ),
            (
                "he",
                "said",
                "We consider HRW on Kinshasa's side.",
                "direct",
                "asserts",
                "accusation",
            ),
            (
                ("Human Rights Watch", 2),
                ("says", 1),
                "M23 has executed 33 of its own fighters for trying to desert",
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                "The rights group",
                "reports",
                "15 civilians have been killed in rebel territories since June",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                "The United Nations",
                "has accused",
                "the Rwandan government of actively supporting M23",
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                ("The Rwandan government", 0),
                "has denied",
                "the accusation",
                "indirect",
                "denies",
                "claim",
            ),
        ],
    },
    {
        "id": "afps-spokesman-denies-pentagon-role",
        "title": "Spokesman Denies Pentagon Role in WikiLeaks Founder Charge",
        "url": "https://www.defense.gov/News/ (American Forces Press Service, 2010-08-23; text via terrorism-online.blogspot.com)",
        "licence": PD_DOD,
        "attribution": "Army Sgt. 1st Class Michael J. Carden, American Forces Press Service",
        "published": "2010-08-23",
        "excerpt": False,
        "attributions": [
            (
                "A Defense Department spokesman",
                'termed as "ridiculous"',
                "the notion that Pentagon officials were involved in recent rape allegations against WikiLeaks founder Julian Assange",
                "indirect",
                "denies",
                "claim",
            ),
            (
                "CNN",
                "reported",
                'Assange said the allegations were part of a "smear campaign" after his website posted tens of thousands of classified U.S. military war records',
                "indirect",
                "neutral",
                "claim",
            ),
            (
                ("Assange", 1),
                ("said", 0),
                'the allegations were part of a "smear campaign" after his website posted tens of thousands of classified U.S. military war records',
                "indirect",
                "asserts",
                "accusation",
            ),
            (
                ("Assange", 2),
                "says",
                "WikiLeaks has an additional 15,000 documents it plans to post",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                ("Assange", 3),
                ("said", 1),
                'he has ideas about who may be behind the accusations, but would not share his suspicion "without direct evidence."',
                "indirect",
                "asserts",
                "claim",
            ),
            (
                "Pentagon spokesman Bryan Whitman",
                ("said", 2),
                'Any thought that the Defense Department may be part of such a conspiracy is "absurd,"',
                "indirect",
                "denies",
                "claim",
            ),
            (("Whitman", 1), ("said", 3), "No. That's ridiculous,", "direct", "denies", "claim"),
            (
                ("Whitman", 2),
                ("said", 4),
                "the Pentagon remains firm in its demand for WikiLeaks to remove the posted documents, many of which contain the names of U.S. troops and Afghan nationals who support them",
                "indirect",
                "asserts",
                "demand",
            ),
            (
                ("Whitman", 3),
                ("said", 5),
                "I think we've made our position very clear, that this stolen property should be returned immediately,",
                "direct",
                "asserts",
                "demand",
            ),
            (
                ("Whitman", 3),
                ("said", 5),
                "The information on the Web should be taken down. There should be no further posting of any information, and the department is not interested in any sort of minimization or sanitation exercise.",
                "direct",
                "asserts",
                "demand",
            ),
            (
                ("Whitman", 4),
                "added",
                "The Pentagon is working to ensure the safety of the individuals – American and Afghan – named in the documents",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                ("he", 1),
                ("said", 6),
                "The mere existence of some of these documents and the names that are in the documents certainly do pose a threat,",
                "direct",
                "asserts",
                "warning",
            ),
            (
                ("he", 1),
                ("said", 6),
                "We have a moral and ethical obligation to take measures.",
                "direct",
                "asserts",
                "claim",
            ),
        ],
    },
    {
        "id": "voa-sudan-rebels-deny-darfur-control",
        "title": "Sudan Rebels Deny Government Claim of Control over Darfur",
        "url": "https://www.voanews.com/a/a-13-a-2004-02-10-16-sudan-67338632/382255.html",
        "licence": PD_VOA,
        "attribution": "VOA News",
        "published": "2004-02-10",
        "excerpt": True,
        "attributions": [
            (
                "One of the rebel groups in the western Darfur region of Sudan",
                "is denying",
                "Sudanese President Omar Al-Bashir's claim that government forces are in full control of the troubled province",
                "indirect",
                "denies",
                "claim",
            ),
            (
                "Sudanese President Omar Al-Bashir",
                "claim",
                "government forces are in full control of the troubled province",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                "the government in Khartoum",
                "says",
                "it will not attend talks later this week with rebels in Geneva to discuss opening a humanitarian corridor through Darfur",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                "an official with the rebel Justice and Equality Movement, Abubaka Ahmed Noor",
                "said",
                "the year-old rebellion in the Darfur region has not been defeated",
                "indirect",
                "asserts",
                "claim",
                "Speaking to VOA",
            ),
            (
                "Mr. Noor",
                "said",
                "It is not a true report,",
                "direct",
                "denies",
                "claim",
                '"It is not a true',
            ),
            (
                "Mr. Noor",
                "said",
                "He says he has crushed our rebels in Darfur. Actually, [it is] not like that. Because they are bombing the civilians, we evacuated the towns. And now, we're surrounding their military and troops in rural areas under our control.",
                "direct",
                "denies",
                "claim",
                '"It is not a true',
            ),
            (
                "He",
                "says",
                "he has crushed our rebels in Darfur",
                "indirect",
                "asserts",
                "claim",
                "He says he has",
            ),
            (
                "President Bashir",
                "declared",
                "all major military operations in western Darfur, bordering Chad, had ended",
                "indirect",
                "asserts",
                "claim",
            ),
            (
                "Mr. Bashir",
                "said",
                "he would give amnesty to all rebels who surrender their weapons to police within a month",
                "indirect",
                "asserts",
                "offer",
                "Describing the area",
            ),
            (
                "He",
                "warned",
                "government forces would fight again, if the rebels did not disarm peacefully",
                "indirect",
                "asserts",
                "warning",
                "He warned",
            ),
            (
                "Mr. Noor",
                "says",
                "while his group wants a peaceful resolution to the conflict, it will never accept a deal proposed by the Sudanese president or his government",
                "indirect",
                "denies",
                "proposal",
                "Mr. Noor, with",
            ),
            (
                "Mr. Noor",
                "asserted",
                "Anything comes through Bashir, we reject them,",
                "direct",
                "denies",
                "proposal",
                '"Anything comes',
            ),
            (
                "Mr. Noor",
                "asserted",
                "We don't believe them. Anytime [there] is a call for peace, we will be there, but we want a witness to attend and see what the government is saying and what they're doing. We will never sit alone with them, unless there is a witness.",
                "direct",
                "asserts",
                "demand",
                '"Anything comes',
            ),
        ],
    },
]


def build() -> None:
    """Write one JSON file per article next to this script."""
    for art in ARTICLES:
        if "shared_text" in art:
            text = (SHARED / art["shared_text"]).read_text(encoding="utf-8")
        else:
            text = (HERE / "texts" / f"{art['id']}.txt").read_text(encoding="utf-8")
        out: dict[str, Any] = {k: v for k, v in art.items() if k != "attributions"}
        if "shared_text" not in art:
            out["text"] = text
        rows = []
        for row in art["attributions"]:
            source, cue, content, kind, stance, act = row[:6]
            # an optional 7th item anchors the search: spans are looked for after it
            base = text.index(row[6]) if len(row) > 6 else 0
            rows.append(
                {
                    "source": span(text, source, base),
                    "cue": span(text, cue, base),
                    "content": span(text, content, base),
                    "kind": kind,
                    "stance": stance,
                    "act": act,
                }
            )
        out["attributions"] = rows
        path = HERE / f"{art['id']}.json"
        path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path.name, len(rows))


if __name__ == "__main__":
    build()
