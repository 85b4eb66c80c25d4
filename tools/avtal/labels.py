"""The labels a reader sees for the kinds, levels and statuses of documents, and the reading order of a
period's documents by kind: values of the domain shared by the checks, the site and the diff."""

KIND_LABELS = {
    "avtal": "Avtal", "avtalsdel": "Avtalsdel", "overenskommelse": "Överenskommelse", "strategi": "Strategi",
    "riktlinje": "Riktlinje", "rutin": "Rutin", "handbok": "Handbok", "vagledning": "Vägledning",
    "plan": "Lokal plan", "webbsida": "Webbsida", "forteckning": "Förteckning", "direktiv": "Direktiv",
}
LEVEL_LABELS = {"lansgemensam": "Länsgemensam", "delregional": "Delregional", "lokal": "Lokal"}
GUIDELINE_STATUS_LABELS = {"gallande": "Gällande", "okand": "Status okänd", "ersatt": "Ersatt", "upphavd": "Upphävd"}
#: Reading order of a period's documents by kind: the agreement, its parts (A, B), the arrangements (C),
#: then the strategy adopted beside it.
DOCUMENT_ORDER = {"avtal": 0, "avtalsdel": 1, "overenskommelse": 2, "strategi": 3}
