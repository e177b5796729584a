#!/usr/bin/python3
"""Writes the small GDELT-format fixtures in tests/data/gdelt-*.

Run it after changing a row here; the outputs are committed so that the CLI
cases need nothing but the binary.  Every run writes the same bytes (gzip
and zip timestamps are fixed).

Rows are GDELT 2.0 rows (61 columns) built from a few named fields; v1()
turns one into a GDELT 1.0 daily row (58 columns: no *_ADM2Code, DATEADDED
as YYYYMMDD) and v1_backfile() into a back-file row (57: no SOURCEURL).
"""
import gzip
import io
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")

# 0-based columns of a 61-column row
ID, SQLDATE, MONTHYEAR, YEAR, FRACDATE = 0, 1, 2, 3, 4
A1CODE, A1NAME, A1COUNTRY, A1GROUP, A1TYPE1 = 5, 6, 7, 8, 12
A2CODE, A2NAME, A2COUNTRY, A2GROUP, A2TYPE1 = 15, 16, 17, 18, 22
ISROOT, EVENTCODE, BASECODE, ROOTCODE, QUAD, GOLDSTEIN = 25, 26, 27, 28, 29, 30
MENTIONS, SOURCES, ARTICLES, TONE = 31, 32, 33, 34
DATEADDED, URL = 59, 60
ADM2 = (39, 47, 55)


def row(eid, date, a1, a2, code, quad, goldstein, mentions, url="", names=("", "")):
    """a1, a2: (actor code, country code, known-group code)."""
    r = [""] * 61
    r[ID] = str(eid)
    r[SQLDATE] = date
    r[MONTHYEAR] = date[:6]
    r[YEAR] = date[:4]
    r[FRACDATE] = date[:4] + ".5507"
    r[A1CODE], r[A1COUNTRY], r[A1GROUP] = a1
    r[A2CODE], r[A2COUNTRY], r[A2GROUP] = a2
    r[A1NAME], r[A2NAME] = names
    r[ISROOT] = "1"
    r[EVENTCODE] = code
    r[BASECODE] = code[:3]
    r[ROOTCODE] = code[:2]
    r[QUAD] = str(quad)
    r[GOLDSTEIN] = goldstein
    r[MENTIONS] = str(mentions)
    r[SOURCES] = "1"
    r[ARTICLES] = str(mentions)
    r[TONE] = "-2.5"
    for base in (35, 43, 51):  # the three geo blocks
        r[base:base + 8] = ["1", "United States", "US", "US", "", "39.828175", "-98.5795", "US"]
    r[DATEADDED] = "20250722143000"
    r[URL] = url
    return r


def v1(r):
    r = [v for i, v in enumerate(r) if i not in ADM2]
    r[-2] = r[-2][:8]  # DATEADDED as YYYYMMDD
    return r


def v1_backfile(r):
    return v1(r)[:-1]


def line(r):
    return "\t".join(r) + "\n"


USA = ("USA", "USA", "")
CHN = ("CHN", "CHN", "")
RUS = ("RUSGOV", "RUS", "")
UKR = ("UKR", "UKR", "")
SYR = ("SYRGOV", "SYR", "")
SDN = ("SDN", "SDN", "")
FRA = ("FRA", "FRA", "")
EU = ("IGOEUREEC", "EUR", "EEC")
UN = ("IGOUNO", "", "UNO")
WB = ("IGOUNODEVWBK", "", "UNO")
AU = ("IGOAFRAFU", "AFR", "")
AFRICA = ("AFR", "AFR", "")
ROMANIA = ("ROM", "ROM", "")
ZAIRE = ("ZARMIL", "ZAR", "")
TALIBAN = ("TAL", "", "TAL")
GOV = ("GOV", "", "")
NONE = ("", "", "")

V2 = [
    row(1001, "20250721", USA, CHN, "163", 4, "-8.0", 12, "https://example.com/news/tariffs"),
    row(1002, "20250721", EU, RUS, "1312", 3, "-5.8", 30, "https://example.com/news/eu-russia"),
    row(1003, "20250722", UN, SYR, "036", 1, "4.0", 3, "https://example.com/news/un-syria"),
    row(1004, "20250722", WB, UKR, "071", 2, "7.4", 1, "https://example.com/news/wb-loan"),
    row(1005, "20250722", AU, SDN, "040", 1, "1.0", 5, "https://example.com/news/au-sudan"),
    row(1006, "20250722", USA, NONE, "010", 1, "0.0", 2, "https://example.com/news/one-actor"),
    row(1007, "20250722", GOV, FRA, "043", 1, "2.8", 2, "https://example.com/news/gov"),
    row(1008, "20250722", USA, USA, "112", 3, "-2.0", 4, "https://example.com/news/domestic"),
    row(1009, "20250723", ROMANIA, ZAIRE, "0874", 2, "9.0", 2, "https://example.com/news/ro-cd"),
    row(1010, "20250723", AFRICA, CHN, "042", 1, "1.9", 6, ""),
    row(1011, "20250723", TALIBAN, USA, "190", 4, "-10.0", 9, "https://example.com/news/t"),
]

V1 = [
    v1(row(2001, "20130402", USA, RUS, "046", 1, "7.0", 8, "http://example.org/2013/talks")),
    v1_backfile(row(2002, "19790105", CHN, USA, "057", 1, "8.0", 3)),
    v1(row(2003, "20130403", FRA, GOV, "120", 3, "-4.0", 2, "http://example.org/2013/one")),
    v1_backfile(row(2004, "19790106", EU, UKR, "0311", 1, "5.2", 1)),
]

good = row(3001, "20250721", USA, CHN, "163", 4, "-8.0", 12, "https://example.com/news/tariffs")


def bad(**changes):
    r = list(good)
    for k, v in changes.items():
        r[globals()[k]] = v
    return r


BAD_LINES = [
    line(good),
    "3002\t20250721\tUSA\n",                                     # 3 columns
    line(good[:60]),                                             # 60 columns
    line(good + ["extra"]),                                      # 62 columns
    line(bad(ID="30x3")),
    line(bad(SQLDATE="20250231")),
    line(bad(GOLDSTEIN="strong")),
    line(bad(GOLDSTEIN="11.0")),
    line(bad(QUAD="5")),
    line(bad(MENTIONS="-3")),
    line(bad(EVENTCODE="A12")),
    line(bad(EVENTCODE="99")),
    line(bad(A2COUNTRY="C$N")),
    line(bad(URL="https://example.com/caf\xe9")).encode("utf-8").replace(b"\xc3\xa9", b"\xe9").decode("latin-1"),
    "\n",                                                        # a blank line: no row
    line(bad(ID="3015", A1COUNTRY="GBR", A1CODE="GBR")),
]


def write(name, data):
    with open(os.path.join(DATA, name), "wb") as f:
        f.write(data)


def gz(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def zipped(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2025, 7, 22, 14, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def main():
    v2 = "".join(line(r) for r in V2).encode()
    write("gdelt-v2.CSV", v2)
    write("gdelt-v1.CSV", "".join(line(r) for r in V1).encode())
    write("gdelt-bad.CSV", "".join(BAD_LINES).encode("latin-1"))
    write("gdelt-v2.CSV.gz", gz(v2))
    write("gdelt-v2.CSV.zip", zipped([("gdelt-v2.CSV", v2)]))
    # Two gzip members, as `cat a.gz b.gz` makes: one stream of both.
    write("gdelt-concat.CSV.gz", gz(v2[: len(v2) // 2 + 7]) + gz(v2[len(v2) // 2 + 7:]))
    full = gz(v2)
    write("gdelt-truncated.CSV.gz", full[: len(full) - 40])
    corrupt = bytearray(full)
    corrupt[len(corrupt) // 2] ^= 0xFF
    write("gdelt-corrupt.CSV.gz", bytes(corrupt))
    write("gdelt-two.zip", zipped([("a.export.CSV", v2), ("b.export.CSV", v2)]))


if __name__ == "__main__":
    main()
