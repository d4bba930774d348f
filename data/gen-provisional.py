#!/usr/bin/python3
"""Write data/holidays-provisional.txt: the statutory public holidays of the
years the official calendar (data/calendar.txt) does not list yet.

The State Council publishes each year's holiday arrangement (with its make-up
working days) in November. Until then yizhan counts a year's working days with
the holidays the law itself fixes, the National Holidays Regulation
(全国年节及纪念日放假办法, as revised in 2024, article 2):

  元旦 1 day (1 January); 春节 4 days (除夕 to 正月初三); 清明节 1 day (the day of
  the solar term); 劳动节 2 days (1-2 May); 端午节 1 day (五月初五);
  中秋节 1 day (八月十五); 国庆节 3 days (1-3 October).

and its article 6: a holiday falling on a Saturday or Sunday is given on a
working day instead. Here such a day (or one that falls on another holiday,
as when 中秋 is 1 October) is given on the next Monday-to-Friday day that is
not already a day off. No make-up working days are invented: the provisional
calendar only ever has fewer working days than Monday to Friday.

Sources, both Debian packages, used only when this script runs (the program
reads the text file it writes and needs no Python):
  - python3-lunardate (lunardate 0.2.0): the Gregorian dates of 正月初一,
    五月初五 and 八月十五 (除夕 is the day before 正月初一);
  - python3-ephem (PyEphem 4.1, the VSOP87 theory of libastro): the moment the
    Sun's apparent geocentric ecliptic longitude reaches 15 degrees (the solar
    term 清明), found by bisection to under a second and taken as a date in
    Beijing time (UTC+8). The script refuses to write a year whose moment falls
    within 10 minutes of midnight, where the method's precision would matter.

Checked against known years: the 清明 moments of 2020-2025 agree to the
minute with the published almanac times (2020-04-04 15:38, 2021-04-04 21:35,
2022-04-05 03:20, 2023-04-05 09:13, 2024-04-04 15:02, 2025-04-04 20:48 Beijing
time); 春节 2025-01-29 and 2026-02-17, 清明 2025-04-04 and 2026-04-05, 端午
2025-05-31 and 2026-06-19, 中秋 2025-10-06 and 2026-09-25 lie in the official
holidays of data/calendar.txt, and 2027's days are the ones worked out by hand
(tests/core/test_calendar13.c checks the file).

Run:  python3 data/gen-provisional.py > data/holidays-provisional.txt
"""

import datetime
import math
import sys

import ephem
import lunardate

FIRST, LAST = 2025, 2040
DAY = datetime.timedelta(days=1)
WEEKDAY = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]


def sun_longitude(d):
    """The Sun's apparent ecliptic longitude of date at ephem date d, degrees."""
    sun = ephem.Sun()
    sun.compute(d)
    ecl = ephem.Ecliptic(ephem.Equatorial(sun.ra, sun.dec, epoch=d), epoch=d)
    return math.degrees(float(ecl.lon))


def qingming(year):
    """The date (Beijing time) the Sun reaches longitude 15 degrees."""
    lo, hi = ephem.Date(f"{year}/3/30"), ephem.Date(f"{year}/4/10")
    for _ in range(60):
        mid = ephem.Date((lo + hi) / 2)
        if sun_longitude(mid) < 15:
            lo = mid
        else:
            hi = mid
    beijing = ephem.Date(hi).datetime() + datetime.timedelta(hours=8)
    minutes = beijing.hour * 60 + beijing.minute
    if minutes < 10 or minutes > 24 * 60 - 10:
        sys.exit(f"{year}: 清明 at {beijing}, too near midnight; check it by hand")
    return beijing.date(), beijing


def lunar(year, month, day):
    return lunardate.LunarDate(year, month, day).toSolarDate()


def statutory(year):
    """(date, name) of each statutory day off of year, in date order."""
    spring = lunar(year, 1, 1)
    qm, _ = qingming(year)
    days = [
        (datetime.date(year, 1, 1), "元旦"),
        (spring - DAY, "春节（除夕）"),
        (spring, "春节（初一）"),
        (spring + DAY, "春节（初二）"),
        (spring + 2 * DAY, "春节（初三）"),
        (qm, "清明节"),
        (datetime.date(year, 5, 1), "劳动节"),
        (datetime.date(year, 5, 2), "劳动节"),
        (lunar(year, 5, 5), "端午节"),
        (lunar(year, 8, 15), "中秋节"),
        (datetime.date(year, 10, 1), "国庆节"),
        (datetime.date(year, 10, 2), "国庆节"),
        (datetime.date(year, 10, 3), "国庆节"),
    ]
    return sorted(days)


def days_off(year):
    """{date: name} of year's days off: each statutory day on its date when
    that is a free weekday, else on the next free weekday."""
    days = statutory(year)
    off = {}
    owed = []
    for d, name in days:
        if d.weekday() < 5 and d not in off:
            off[d] = name
        else:
            why = "适逢" + WEEKDAY[d.weekday()] if d.weekday() >= 5 else "与其他节日同日"
            owed.append((d, name, why))
    for d, name, why in owed:
        c = d + DAY
        while c.weekday() >= 5 or c in off:
            c += DAY
        base, _, detail = name.partition("（")
        detail = detail.rstrip("）") + " " if detail else ""
        off[c] = f"{base}补休（{detail}{d.month}月{d.day}日{why}）"
    return off


def main():
    out = sys.stdout
    out.write(
        "# 暂定工作日历（provisional working-day calendar）\n"
        "#\n"
        "# 由 data/gen-provisional.py 生成，请勿手工修改；重新生成：\n"
        "#   python3 data/gen-provisional.py > data/holidays-provisional.txt\n"
        "# 农历日期取自 python3-lunardate，清明（太阳视黄经 15 度，北京时间）由\n"
        "# python3-ephem 计算。\n"
        "#\n"
        "# 国务院当年的放假安排尚未列入 calendar.txt 的年份，办件时限按本文件计算：\n"
        "# 只含《全国年节及纪念日放假办法》规定的全体公民放假日（元旦 1 天，春节\n"
        "# 除夕至初三 4 天，清明节 1 天，劳动节 2 天，端午节 1 天，中秋节 1 天，\n"
        "# 国庆节 3 天）；适逢周六、周日（或与其他节日同日）的，顺延到其后第一个\n"
        "# 工作日补休。没有调休上班日。据此算出的日期在回执和办件上注明“按法定\n"
        "# 节假日暂定”；calendar.txt 添加该年后，在办件的到期日自动重新计算。\n"
        "# calendar.txt 已有的年份（如 2025、2026）以 calendar.txt 为准，这里保留\n"
        "# 仅供核对。\n"
    )
    for year in range(FIRST, LAST + 1):
        out.write(f"\nyear {year}\n")
        for d, name in sorted(days_off(year).items()):
            out.write(f"holiday {d.isoformat()} {name}\n")


if __name__ == "__main__":
    main()
