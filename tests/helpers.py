"""Tiny hand-made datasets for tests."""
from __future__ import annotations

from pathlib import Path

ENTITIES = """id,name,kind,aliases,iso3,wikidata,note
pak,Pakistan,state,Islamabad,PAK,Q843,
rus,Russia,state,Moscow,RUS,Q159,
tal,Taliban,political_movement,Afghan Taliban|Taleban,,,
ttp,Tehrik-e-Taliban Pakistan,armed_group,TTP,,,
"""
RELATION_TYPES = """id,label,description,directed,valence,temporal,cameo,plover
alliance,allied with,Mutual alliance.,false,1,state,,COOPERATE
attack,attacks,An attack.,true,-1,event,19,ASSAULT
proscription,proscribes,Lists as terrorist.,true,-1,state,,SANCTION
"""
SOURCES = """id,title,publisher,author,published,url,file
art,An article,Paper,A. Writer,2024-11-25,https://example.org/a,seeds/article.txt
web,A web page,Site,,2025-04-17,https://example.org/b,
"""
RELATIONS = """id,source,target,relation,start,end,status,claimed_by,project,source_id,evidence,note
r1,tal,ttp,alliance,2021,,reported,,,art,their ally Tehrik-e-Taliban Pakistan,
r2,ttp,pak,attack,2024-03-22,,alleged,pak,,art,“relentless attacks”,
r3,rus,tal,proscription,2003-02-14,2025-04-17,reported,,,web,,Supreme Court ban
"""
ARTICLE = "Taliban victory emboldened their ally\nTehrik-e-Taliban Pakistan. They are carrying out \"relentless attacks\" daily.\n"

FILES = {"entities.csv": ENTITIES, "relation_types.csv": RELATION_TYPES,
         "sources.csv": SOURCES, "relations.csv": RELATIONS}


def make_dataset(root: Path, **overrides: str | bytes) -> Path:
    """Write the tiny dataset under root/data (article under root/seeds); override files by name."""
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
