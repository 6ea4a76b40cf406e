"""Every yearly URL as CDE publishes it, written out: the generated tables must stay equal."""

from __future__ import annotations

import pytest

from pilot_pipeline.sources import (
    acgr,
    caaspp,
    census_day,
    chronic_absenteeism,
    dashboard_enrollment,
    frpm,
    historical_enrollment,
    ltel,
    suspension,
)
from pilot_pipeline.sources.urls import yearly_urls

_CDE = "https://www3.cde.ca.gov/"
_ETS = "https://caaspp-elpac.ets.org/caaspp/researchfiles/"
_ENR = _CDE + "demo-downloads/enrsch/"

PUBLISHED: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "acgr": (acgr.URLS, {
        "2016-17": _CDE + "demo-downloads/acgr/acgr17.txt",
        "2017-18": _CDE + "demo-downloads/acgr/acgr18.txt",
        "2018-19": _CDE + "demo-downloads/acgr/acgr19.txt",
        "2019-20": _CDE + "demo-downloads/acgr/acgr20.txt",
        "2020-21": _CDE + "demo-downloads/acgr/acgr21.txt",
        "2021-22": _CDE + "demo-downloads/acgr/acgr22-v3.txt",
        "2022-23": _CDE + "demo-downloads/acgr/acgr23-v2.txt",
        "2023-24": _CDE + "demo-downloads/acgr/acgr24.txt",
        "2024-25": _CDE + "demo-downloads/acgr/acgr25.txt",
    }),
    "caaspp": (caaspp.URLS, {
        "2018-19": _ETS + "sb_ca2019_all_csv_v4.zip",
        "2020-21": _ETS + "sb_ca2021_all_csv_v2.zip",
        "2021-22": _ETS + "sb_ca2022_all_csv_v1.zip",
        "2022-23": _ETS + "sb_ca2023_all_csv_v1.zip",
        "2023-24": _ETS + "sb_ca2024_all_csv_v1.zip",
        "2024-25": _ETS + "sb_ca2025_all_csv_v1.zip",
    }),
    "caaspp_entities": (caaspp.ENTITIES_URLS, {
        "2018-19": _ETS + "sb_ca2019entities_csv.zip",
        "2020-21": _ETS + "sb_ca2021entities_csv.zip",
        "2021-22": _ETS + "sb_ca2022entities_csv.zip",
        "2022-23": _ETS + "sb_ca2023entities_csv.zip",
        "2023-24": _ETS + "sb_ca2024entities_csv.zip",
        "2024-25": _ETS + "sb_ca2025entities_csv.zip",
    }),
    "census_day": (census_day.URLS, {
        "2023-24": _CDE + "demo-downloads/census/cdenroll2324-v2.txt",
        "2024-25": _CDE + "demo-downloads/census/cdenroll2425.txt",
        "2025-26": _CDE + "demo-downloads/census/cdenroll2526.txt",
    }),
    "chronic_absenteeism": (chronic_absenteeism.URLS, {
        "2020-21": _CDE + "demo-downloads/attendance/chronicabsenteeism21.txt",
        "2021-22": _CDE + "demo-downloads/attendance/chronicabsenteeism22-v3.txt",
        "2022-23": _CDE + "demo-downloads/attendance/chronicabsenteeism23.txt",
        "2023-24": _CDE + "demo-downloads/attendance/chronicabsenteeism24.txt",
        "2024-25": _CDE + "demo-downloads/attendance/chronicabsenteeism25-v2.txt",
    }),
    "dashboard_enrollment": (dashboard_enrollment.URLS, {
        "2017-18": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2018.txt",
        "2018-19": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2019.txt",
        "2019-20": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2020.txt",
        "2020-21": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2021.txt",
        "2021-22": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2022.txt",
        "2022-23": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2023.txt",
        "2023-24": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2024.txt",
        "2024-25": _CDE + "researchfiles/cadashboard/censusenrollratesdownload2025.txt",
    }),
    "frpm": (frpm.URLS, {
        "2018-19": "https://www.cde.ca.gov/ds/ad/documents/frpm1819.xlsx",
        "2019-20": "https://www.cde.ca.gov/ds/ad/documents/frpm1920.xlsx",
        "2020-21": "https://www.cde.ca.gov/ds/ad/documents/frpm2021.xlsx",
        "2021-22": "https://www.cde.ca.gov/ds/ad/documents/frpm2122_v2.xlsx",
        "2022-23": "https://www.cde.ca.gov/ds/ad/documents/frpm2223.xlsx",
        "2023-24": "https://www.cde.ca.gov/ds/ad/documents/frpm2324.xlsx",
        "2024-25": "https://www.cde.ca.gov/ds/ad/documents/frpm2425.xlsx",
    }),
    "historical_enrollment": (historical_enrollment.URLS, {
        "2016-17": _ENR + "enr201416-v2.txt",
        "2017-18": _ENR + "enr201719-v2.txt",
        "2018-19": _ENR + "enr201719-v2.txt",
        "2019-20": _ENR + "enr201719-v2.txt",
        "2020-21": _ENR + "enr202022-v2.txt",
        "2021-22": _ENR + "enr202022-v2.txt",
        "2022-23": _ENR + "enr202022-v2.txt",
    }),
    "ltel": (ltel.URLS, {
        year: "https://dq.cde.ca.gov/dataquest/longtermel/lteldnld.aspx?year=" + year
        for year in ("2020-21", "2021-22", "2022-23", "2023-24", "2024-25")
    }),
    "suspension": (suspension.URLS, {
        "2018-19": _CDE + "demo-downloads/discipline/suspension19.txt",
        "2019-20": _CDE + "demo-downloads/discipline/suspension20.txt",
        "2020-21": _CDE + "demo-downloads/discipline/suspension21.txt",
        "2021-22": _CDE + "demo-downloads/discipline/suspension22-v2.txt",
        "2022-23": _CDE + "demo-downloads/discipline/suspension23.txt",
        "2023-24": _CDE + "demo-downloads/discipline/suspension24.txt",
        "2024-25": _CDE + "demo-downloads/discipline/suspension25-v2.txt",
    }),
}  # fmt: skip


@pytest.mark.parametrize("table", sorted(PUBLISHED))
def test_url_table_is_exactly_the_published_files(table: str) -> None:
    generated, published = PUBLISHED[table]
    assert list(generated.items()) == list(published.items())


def test_an_exception_for_a_year_outside_the_table_is_refused() -> None:
    # A misspelt label would otherwise leave the pattern's guess in place of CDE's real file.
    with pytest.raises(ValueError, match="2016-17"):
        yearly_urls("https://example.org/", "f{yy}.txt", range(2018, 2020), {"2016-17": "x.txt"})
