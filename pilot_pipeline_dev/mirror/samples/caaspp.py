"""Synthetic CAASPP Smarter Balanced research zips (2020-21 v2, 2021-22 v1) + entities zips.

Each zip holds one caret-delimited `.txt` (CRLF) named like the archive, in the real 33-column
layout of 2020-21 on (`fixtures/real/caaspp`): empty Filler, the results, 12 claim-area columns
(`Area N Percentage Above/Near/Below Standard`) and a last `Type ID` written unpadded like the
real bytes (7 school, 9 charter, 6 district, 4 state). Rows: schools, each district (school code
0000000) and the state, per Student Group ID x grade (03-08, 11 as served, 13 = all) x test (1
ELA, 2 math). Per row the four achievement levels add up to the students tested, and so do the
above/near/below counts of each claim area; percentages have two decimals; mean scale score,
percentages and claim areas are `*` when 10 or fewer students tested. Math area 4 is `0.00`, as
in every real file (math reports three claim areas). District rows are exact sums of their
schools (grade 13 = sum of the grade rows). One ignored group (111, not economically
disadvantaged) is included so the parser's ignore set is exercised. Values are synthetic.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections import defaultdict
from pathlib import Path

from pilot_pipeline.partitions import spring_year
from pilot_pipeline_dev.mirror.samples.common import all_sample_schools, rng_for, write_mirror_file

HOST_PATH = "caaspp-elpac.ets.org/caaspp/researchfiles/"
FILES = {"2020-21": "sb_ca2021_all_csv_v2", "2021-22": "sb_ca2022_all_csv_v1"}
GROUP_SHARES = {"001": 1.0, "003": 0.51, "004": 0.49, "031": 0.8, "111": 0.2, "160": 0.2,
                "078": 0.72, "074": 0.08, "128": 0.12}  # fmt: skip
TESTED_GRADES = (3, 4, 5, 6, 7, 8, 11)
AREA_LEVELS = ("Above", "Near", "Below")
HEADER = (
    "County Code", "District Code", "School Code", "Filler", "Test Year", "Student Group ID",
    "Test Type",
    "Total Tested at Reporting Level", "Total Tested with Scores at Reporting Level", "Grade",
    "Test ID", "Students Enrolled", "Students Tested", "Mean Scale Score",
    "Percentage Standard Exceeded", "Percentage Standard Met",
    "Percentage Standard Met and Above", "Percentage Standard Nearly Met",
    "Percentage Standard Not Met", "Students with Scores",
    *(f"Area {n} Percentage {level} Standard" for n in range(1, 5) for level in AREA_LEVELS),
    "Type ID",
)  # fmt: skip
ENTITY_HEADER = ("County Code", "District Code", "School Code", "Filler", "Test Year",
                 "Type ID", "County Name", "District Name", "School Name",
                 "Zip Code")  # fmt: skip
_ZIP_TIME = (2022, 1, 1, 0, 0, 0)
Cell = dict[str, float]


def _split(rng: random.Random, total: int, means: tuple[float, ...], ability: float) -> list[int]:
    shares = [max(0.02, rng.gauss(m + ability, 0.05)) for m in means]
    parts = [int(total * s / sum(shares)) for s in shares]
    parts[-1] += total - sum(parts)
    return parts


def _cell(
    rng: random.Random, enrolled: int, grade: int, ability: float, area_rng: random.Random
) -> Cell:
    tested = enrolled - round(enrolled * rng.uniform(0.0, 0.06))
    levels = _split(rng, tested, (0.2, 0.25, 0.25, 0.3), ability)
    score = 2300 + 40 * min(grade, 9) + 120 * ability + rng.uniform(-15, 15)
    cell = {
        "enrolled": enrolled, "tested": tested, "score_sum": score * tested,
        "exceeded": levels[0], "met": levels[1], "nearly": levels[2], "not_met": levels[3],
    }  # fmt: skip
    # Its own generator, so the claim areas leave the other values as they were.
    for area in range(1, 5):
        counts = _split(area_rng, tested, (0.2, 0.55, 0.25), ability)
        cell |= {f"a{area}_{lvl}": n for lvl, n in zip(AREA_LEVELS, counts, strict=True)}
    return cell


def _areas(cell: Cell, test: str, tested: int) -> list[str]:
    if tested <= 10:
        return ["*"] * 12
    cells = [_pct(cell[f"a{n}_{lvl}"], tested) for n in range(1, 5) for lvl in AREA_LEVELS]
    return cells[:9] + ["0.00"] * 3 if test == "2" else cells


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.2f}"


def _row(codes: tuple[str, str, str], year: int, group: str, grade: str, test: str,
         cell: Cell, reporting_total: int, type_id: str) -> str:  # fmt: skip
    tested = int(cell["tested"])
    if tested <= 10:
        results = ["*"] * 6
    else:
        met_above = cell["exceeded"] + cell["met"]
        results = [
            f"{cell['score_sum'] / tested:.1f}", _pct(cell["exceeded"], tested),
            _pct(cell["met"], tested), _pct(met_above, tested), _pct(cell["nearly"], tested),
            _pct(cell["not_met"], tested),
        ]  # fmt: skip
    return "^".join([
        # Group IDs and grades unpadded, as the real bytes write them (`^1^B^`, grade `3`).
        *codes, "", str(year), str(int(group)), "B", str(reporting_total), str(reporting_total),
        str(int(grade)), test, str(int(cell["enrolled"])), str(tested), *results, str(tested),
        *_areas(cell, test, tested), type_id,
    ])  # fmt: skip


def _add(target: Cell, cell: Cell) -> None:
    for key, value in cell.items():
        target[key] = target.get(key, 0) + value


def _entity_lines(
    codes: tuple[str, str, str], year: int, cells: dict[tuple, Cell], type_id: str
) -> list[str]:
    """Rows for one entity: its grade cells plus a grade 13 row per group and test."""
    totals: dict[tuple, Cell] = defaultdict(dict)
    for (group, _grade, test), cell in cells.items():
        _add(totals[(group, test)], cell)
    lines = []
    for (group, test), total in sorted(totals.items()):
        reporting = int(total["tested"])
        for (g, grade, t), cell in sorted(cells.items()):
            if (g, t) == (group, test):
                lines.append(_row(codes, year, group, grade, t, cell, reporting, type_id))
        lines.append(_row(codes, year, group, "13", test, total, reporting, type_id))
    return lines


def _zip(member: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entry = zipfile.ZipInfo(member, date_time=_ZIP_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(entry, text.encode("utf-8"))
    return buffer.getvalue()


def build(year_label: str) -> tuple[str, str]:
    """(test data text, entities text) for one year."""
    year = spring_year(year_label)
    schools = [s for s in all_sample_schools() if any(s.serves(g) for g in TESTED_GRADES)]
    lines = ["^".join(HEADER)]
    entities = ["^".join(ENTITY_HEADER), f"00^00000^0000000^^{year}^4^State of California^^^"]
    districts: dict[tuple, dict[tuple, Cell]] = defaultdict(lambda: defaultdict(dict))
    state: dict[tuple, Cell] = defaultdict(dict)
    for school in schools:
        rng = rng_for("caaspp", year_label, school.cds_code)
        area_rng = rng_for("caaspp_claim_areas", year_label, school.cds_code)
        ability = rng.uniform(-0.12, 0.12)
        cells: dict[tuple, Cell] = {}
        for grade in (g for g in TESTED_GRADES if school.serves(g)):
            enrolled = rng.randint(40, 260)
            for group, share in GROUP_SHARES.items():
                size = round(enrolled * share * (rng.uniform(0.7, 1.3) if share < 1 else 1))
                if size == 0:
                    continue
                for test in ("1", "2"):
                    cells[(group, f"{grade:02d}", test)] = _cell(
                        rng, size, grade, ability, area_rng
                    )
        codes = (school.county_code, school.district_code, school.school_code)
        type_id = "9" if school.is_charter else "7"
        lines += _entity_lines(codes, year, cells, type_id)
        entities.append("^".join([*codes, "", str(year), type_id, school.county_name,
                                  school.district_name, school.school_name, ""]))  # fmt: skip
        for key, cell in cells.items():
            _add(districts[(school.county_code, school.district_code, school.county_name,
                            school.district_name)][key], cell)  # fmt: skip
            _add(state[key], {k: v * 30 for k, v in cell.items()})
    for (county, district, county_name, district_name), cells in sorted(districts.items()):
        lines += _entity_lines((county, district, "0000000"), year, cells, "6")
        entities.append(f"{county}^{district}^0000000^^{year}^6^{county_name}^{district_name}^^")
    lines += _entity_lines(("00", "00000", "0000000"), year, state, "4")
    return "\r\n".join(lines) + "\r\n", "\r\n".join(entities) + "\r\n"


def generate() -> list[Path]:
    """Write the CAASPP research and entities sample zips; returns their paths."""
    paths = []
    for year_label, name in FILES.items():
        data, entities = build(year_label)
        year = spring_year(year_label)
        paths.append(write_mirror_file(HOST_PATH + name + ".zip", _zip(name + ".txt", data)))
        entities_name = f"sb_ca{year}entities_csv"
        paths.append(
            write_mirror_file(
                HOST_PATH + entities_name + ".zip", _zip(entities_name + ".txt", entities)
            )
        )
    return paths


if __name__ == "__main__":
    for path in generate():
        print(path)
