"""The one tiny dataset of the unit tests, as CSV texts (the fixtures in conftest.py write and load it).

Six actors, seven relation types, two sources (one with a stored text that
the quotes come from) and seven relations covering each kind of date: a
lasting relation with an end (r1), events (r2, r4, r7), an open lasting one
(r3, r6), and one with no date at all (r5).
"""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np

ENTITIES = """id,name,kind,aliases,iso3,wikidata,note
iea,Islamic Emirate of Afghanistan,government,IEA|Emirate,,,
pak,Pakistan,state,Islamabad,PAK,Q843,
rus,Russia,state,Moscow,RUS,Q159,
tal,Taliban,political_movement,Tālibān|Afghan Taliban,,Q42475,
ttp,Tehrik-i-Taliban Pakistan,armed_group,TTP,,,
usa,United States,state,,USA,,
"""
RELATION_TYPES = """id,label,description,directed,valence,temporal,cameo,plover
accusation,accuses,Source publicly accuses target.,true,-1,event,112,ACCUSE
alliance,allied with,Mutual alliance.,false,1,state,062,COOPERATE
attack,attacks,An attack.,true,-1,event,18,ASSAULT
delisting,delists,Removes from a terror list.,true,1,event,0812,CONCEDE
proscription,proscribes,Lists as terrorist.,true,-1,state,1722,COERCE
recognition,recognises,Recognises as the government.,true,1,state,054,SUPPORT
sanctuary,gives sanctuary to,Harbours target.,true,1,state,075,AID
"""
SOURCES = """id,title,publisher,author,published,url,file
art,An article,Paper,A. Writer,2024-11-25,https://example.org/article,seeds/article.txt
web,Court ruling report,The Times,,2025-04-17,https://example.org/ruling,
"""
RELATIONS = """id,source,target,relation,start,end,status,claimed_by,project,source_id,evidence,note
r1,rus,tal,proscription,2003-02-14,2025-04-17,reported,,,web,,Supreme Court ban
r2,rus,tal,delisting,2025-04-17,,reported,,,web,,Court lifts the ban
r3,rus,iea,recognition,2025-07-03,,reported,,,web,,Moscow recognises Kabul
r4,ttp,pak,attack,2024-03,,alleged,pak,,art,“relentless attacks”,
r5,iea,ttp,sanctuary,,,alleged,pak,,art,hideouts and sanctuaries,
r6,tal,ttp,alliance,2021,,reported,,,art,their ally Tehrik-i-Taliban Pakistan,
r7,pak,iea,accusation,2024-11,,reported,,,art,Islamabad accuses Kabul,
"""
ARTICLE = ("Taliban victory emboldened their ally\nTehrik-i-Taliban Pakistan. They are carrying out "
           "\"relentless attacks\" daily.\nIslamabad accuses Kabul of giving the TTP hideouts and sanctuaries.\n")

FILES = {"entities.csv": ENTITIES, "relation_types.csv": RELATION_TYPES,
         "sources.csv": SOURCES, "relations.csv": RELATIONS}


def make_dataset(root: Path, **overrides: str | bytes) -> Path:
    """Write the tiny dataset under root/data (article under root/seeds); override files by name
    (``relations__csv="..."`` for relations.csv)."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    files = dict(FILES)
    files.update({k.replace("__", "."): v for k, v in overrides.items()})
    for name, content in files.items():
        path = data / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return data


def page_blob(html: str) -> dict:
    """A page's JSON script element as written: repeating columns dictionary-encoded (relgraph.page.compact)."""
    return json.loads(re.search(r'<script id="relgraph-data" type="application/json">(.*?)</script>', html,
                                re.S).group(1))


def page_json(html: str) -> dict:
    """A page's data, read back from its JSON script element, every column expanded as the page does."""
    data = page_blob(html)
    for table in data.pop("compact"):
        for name, column in data[table].items():
            if isinstance(column, dict):
                codes = np.frombuffer(base64.b64decode(column["codes"]), dtype=f"<u{column['bytes']}")
                data[table][name] = [column["values"][code] for code in codes.tolist()]
    return data
