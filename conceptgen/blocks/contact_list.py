"""contact_list: who took part, as a table of organisations — the working group's members with their
role, the networks' coordinations and members, the groups interviewed — each organisation once, with every
body it took part in (participation.yaml).

Personal data stay out: telephone numbers and e-mail addresses written into these entries are removed
(„[Telefonnummer entfernt]“) unless the outline names the organisation under ``public:`` — a switchboard or
a counselling line that is published anyway; ``check`` says where it removes one (CG142), so that nobody is
surprised by the printed table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

from conceptgen.model import Concept
from conceptgen.model.base import StrictModel, Text
from conceptgen.outline.block import Block, Picture, SnippetKit, tab

CONTACTS = "tab:kontakte"
# the block's own words, per language
WORDS = {
    "de": {
        "caption": "Beteiligte Institutionen",
        "organisation": "Institution",
        "role": "Rolle",
        "involved": "Beteiligt in",
        "lead": "Koordination",
        "member": "Mitglied",
        "interviews": "Interviews",
    },
    "en": {
        "caption": "Organisations involved",
        "organisation": "Organisation",
        "role": "Role",
        "involved": "Involved in",
        "lead": "Coordination",
        "member": "Member",
        "interviews": "Interviews",
    },
}


class ContactChoice(StrictModel):
    networks: bool = Field(True, description="auch die Netzwerke: Koordination und Mitglieder")
    interviews: bool = Field(True, description="auch die in Interviews befragten Gruppen")
    public: list[Text] = Field(
        default_factory=list,
        description="Institutionen, deren Telefonnummern und E-Mail-Adressen öffentliche Geschäftskontakte "
        "sind (Zentrale, Beratungstelefon) und gedruckt werden; bei allen anderen werden sie entfernt",
    )


@dataclass
class Contact:
    organisation: str
    role: str
    bodies: list[str]
    sample: bool
    paths: list[tuple]  # where its texts stand in participation.yaml


def contacts(concept: Concept, params: Any, words: dict[str, str]) -> list[Contact]:
    """Every organisation once, in the order it first appears: the working group's members, the networks'
    coordinations and members, the interviewed groups."""
    found: dict[str, Contact] = {}

    def add(organisation: str, role: str, body: str, sample: bool, path: tuple) -> None:
        key = organisation.strip().casefold()
        if not key:
            return
        contact = found.setdefault(key, Contact(organisation.strip(), role, [], sample, []))
        contact.role = contact.role or role
        contact.sample = contact.sample and sample
        if body and body not in contact.bodies:
            contact.bodies.append(body)
        contact.paths.append(path)

    group = concept.working_group
    if group is not None:
        for i, member in enumerate(group.members):
            add(member.organisation, member.role or "", group.name, False, ("working_group", "members", i))
    if params.networks:
        for i, network in enumerate(concept.networks):
            if network.lead:
                add(network.lead, words["lead"], network.name, network.sample, ("networks", i, "lead"))
            for j, member in enumerate(network.members):
                add(member, words["member"], network.name, network.sample, ("networks", i, "members", j))
    if params.interviews and concept.interviews is not None:
        for i, interviewed in enumerate(concept.interviews.groups):
            add(interviewed, "", words["interviews"], False, ("interviews", "groups", i))
    return list(found.values())


def _public(contact: Contact, params: Any) -> bool:
    return contact.organisation.casefold() in {p.strip().casefold() for p in params.public}


def _personal(text: str) -> bool:
    from conceptgen.data.redact import EMAIL, PHONE

    return bool(EMAIL.search(text)) or any(
        sum(c.isdigit() for c in m.group(0)) >= 7 for m in PHONE.finditer(text)
    )


class ContactList(Block):
    name = "contact_list"
    group = "participation"
    position = 6
    description = (
        "Beteiligte Institutionen: Mitglieder der Arbeitsgruppe mit Rolle, Netzwerke, befragte Gruppen — je "
        "Institution eine Zeile; Telefonnummern und E-Mail-Adressen nur bei öffentlichen Geschäftskontakten"
    )
    params = ContactChoice
    needs = ("participation.yaml",)
    section = "working_group"
    picture = Picture(project="neuss")
    labels = (CONTACTS,)
    docs = """\
Who took part, as a table: each organisation once — the working group's members with their role, the
networks' coordinations and members, the groups interviewed — with every body it took part in.
Telephone numbers and e-mail addresses written into these entries are removed („[Telefonnummer
entfernt]“) unless `public` names the organisation (a switchboard or counselling line published anyway);
`check` warns where one is removed (CG142). Parameters: `networks`, `interviews` (both default true),
`public` (organisations). Data: `contacts[]` (`organisation`, `mark`, `role`, `involved`), `words`
(`caption`, `organisation`, `role`, `involved`: the headers in the document's language), `sample_note`.
Label: `tab:kontakte`."""

    def entries(self, concept: Concept, params: Any) -> list:
        return tab(CONTACTS)

    def empty(self, concept: Concept, params: Any) -> bool:
        return not contacts(concept, params, WORDS["de"])

    def problems(self, concept: Concept, params: Any) -> list[tuple[str, str, tuple, str]]:
        found = []
        for contact in contacts(concept, params, WORDS["de"]):
            if _public(contact, params):
                continue
            for path in contact.paths:
                text = _text_at(concept, path)
                if text and _personal(text):
                    found.append(
                        (
                            "CG142",
                            f"„{contact.organisation}“ enthält eine Telefonnummer oder E-Mail-Adresse; "
                            "contact_list druckt sie nicht",
                            path,
                            f"ist es ein öffentlicher Geschäftskontakt (Zentrale, Beratungstelefon), "
                            f"im Baustein public: [{contact.organisation}] angeben",
                        )
                    )
        return found

    def context(self, inputs: Any, params: Any) -> dict[str, Any]:
        from conceptgen.data.redact import Redactor

        language = inputs.language
        words = WORDS.get(language.code, WORDS["de"])
        redact = Redactor([], language.terms)
        mark = language.terms["sample_mark"]
        rows = []
        for contact in contacts(inputs.concept, params, words):
            keep = _public(contact, params)
            rows.append(
                {
                    "organisation": contact.organisation if keep else redact(contact.organisation),
                    "mark": mark if contact.sample else "",
                    "role": contact.role if keep else redact(contact.role),
                    "involved": "; ".join(contact.bodies),
                }
            )
        marked = any(r["mark"] for r in rows)
        return {
            "contacts": rows,
            "words": words,
            "sample_note": language.terms["sample_legend"] if marked else "",
        }

    def look(self, kit: SnippetKit) -> None:
        kit.caption(f"{{{{ block.words.caption }}}} [[{CONTACTS}]]")
        kit.table(
            ["{{ block.words.organisation }}", "{{ block.words.role }}", "{{ block.words.involved }}"],
            ["{{ c.organisation }}{{ c.mark }}", "{{ c.role }}", "{{ c.involved }}"],
            "c in block.contacts",
            [6.4, 4.6, 5.0],
            source="{{ block.sample_note }}",
        )


def _text_at(concept: Concept, path: tuple) -> str:
    """The text a contact's entry has at ``path`` (organisation and role of a member, a network's lead or
    member, an interviewed group)."""
    if path[0] == "working_group":
        member = concept.working_group.members[path[2]]  # type: ignore[union-attr]
        return f"{member.organisation} {member.role or ''}"
    if path[0] == "networks":
        network = concept.networks[path[1]]
        return network.lead or "" if path[2] == "lead" else network.members[path[3]]
    return concept.interviews.groups[path[2]]  # type: ignore[union-attr]
