#!/usr/bin/python3
"""Issue 16: one shipped ledger's files against what the station holds.

Usage: /usr/bin/python3 ledgers16_check.py SRC DB LEDGER YEAR XLSX CSV_GB CSV_UTF8
  SRC       the source root (tests/lib/xlsx_read.py reads the workbook)
  DB        the station's station.db (read with Python's sqlite3, read-only)
  LEDGER    the ledger's id (forms/ledgers/LEDGER.ledger)
  YEAR      the period exported (--year YEAR)
  XLSX      the .xlsx yizhan wrote
  CSV_GB    the GB18030 .csv, already decoded to UTF-8 by iconv
  CSV_UTF8  the UTF-8 .csv (with its BOM)

The rows a ledger should have are worked out here from the database on its
own (SQL and the rules the ledger file states: the period, the forms, the
condition, the money formulas), never by asking yizhan. Then: the workbook's
data rows are exactly those (keyed by case number or ID number), a sample of
cells per row equals the store (ID numbers and phones as text cells, dates as
date cells, money and counts as numbers), the total row's cached values equal
SQL counts and sums, and both CSV files hold the workbook's cells, row by row.
Prints one line per check; exit 1 at the first failure.
"""
import csv
import datetime
import importlib.util
import json
import sqlite3
import sys
from decimal import Decimal, ROUND_HALF_UP

SRC, DB, LEDGER, YEAR, XLSX, CSV_GB, CSV_UTF8 = sys.argv[1:8]
YEAR = int(YEAR)
FROM, TO = "%d-01-01" % YEAR, "%d-12-31" % YEAR
STANDARD = Decimal("1240.00")  # the demo's settings.dibao_standard (yizhan.conf default)

RESULT = {"approved": "批准", "refused": "不批准", "answered": "已答复",
          "resolved": "已解决", "withdrawn": "撤回", "rejected": "不予受理"}
RATING = {1: "非常满意", 2: "满意", 3: "基本满意", 4: "不满意", 5: "非常不满意"}


def fail(msg):
    print("FAIL %s: %s" % (LEDGER, msg))
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


# ---- the workbook, through the independent reader --------------------------------

spec = importlib.util.spec_from_file_location("xlsx_read", SRC + "/tests/lib/xlsx_read.py")
xr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(xr)
book = xr.read(XLSX)
cells = book["cells"]


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


n_rows = max(int("".join(ch for ch in ref if ch.isdigit())) for ref in cells)
header_row = next((r for r in range(1, n_rows + 1)
                   if cells.get("A%d" % r, {}).get("value") == "序号"), None)
check(header_row, "no header row starting with 序号")
labels = []
while col_letter(len(labels)) + str(header_row) in cells:
    labels.append(cells[col_letter(len(labels)) + str(header_row)]["value"])
LETTER = {lab: col_letter(i) for i, lab in enumerate(labels)}


def cell(row, label):
    return cells.get(LETTER[label] + str(row))


def rows_of_kind():
    """(data rows, subtotal rows, the total row) by the first column."""
    data, subs, total = [], [], None
    for r in range(header_row + 1, n_rows + 1):
        a = cells.get("A%d" % r)
        if not a:
            continue
        if a["type"] == "num":
            data.append(r)
        elif a["value"] == "小计":
            subs.append(r)
        elif a["value"] == "合计":
            total = r
    return data, subs, total


DATA, SUBS, TOTAL = rows_of_kind()
check(TOTAL, "no total row (合计)")
check([cells["A%d" % r]["value"] for r in DATA] == list(range(1, len(DATA) + 1)),
      "序号 is not 1..%d in order" % len(DATA))


def text(row, label):
    c = cell(row, label)
    return "" if c is None else c["value"]


def expect_text(row, label, want, code=False):
    c = cell(row, label)
    got = "" if c is None else c["value"]
    if want == "":
        check(c is None or got == "", "row %d %s: %r, want empty" % (row, label, got))
        return
    check(c is not None and c["type"] == "str" and got == want,
          "row %d %s: %r, want the text %r" % (row, label, c, want))
    if code:
        check(c["fmt"] == "@", "row %d %s: a code cell not formatted as text (%s)"
              % (row, label, c["fmt"]))


def expect_date(row, label, want):
    c = cell(row, label)
    if not want:
        check(c is None, "row %d %s: %r, want empty" % (row, label, c))
        return
    check(c is not None and c["type"] == "date" and c["value"] == want,
          "row %d %s: %r, want the date %s" % (row, label, c, want))


def expect_num(row, label, want):
    c = cell(row, label)
    if want is None:
        check(c is None, "row %d %s: %r, want empty" % (row, label, c))
        return
    check(c is not None and c["type"] == "num" and Decimal(str(c["value"])) == Decimal(want),
          "row %d %s: %r, want the number %s" % (row, label, c, want))


def expect_total(label, want, rows=None):
    """The total row's (or subtotal's) formula and its cached value."""
    r = TOTAL if rows is None else rows
    c = cells.get(LETTER[label] + str(r))
    check(c is not None and c["type"] == "formula",
          "total row %d %s: %r is no formula" % (r, label, c))
    check(Decimal(str(c["cached"])) == Decimal(want),
          "total row %d %s: cached %s, want %s" % (r, label, c["cached"], want))


# ---- the store ------------------------------------------------------------------

db = sqlite3.connect("file:%s?mode=ro" % DB, uri=True)


def q(sql, *args):
    return db.execute(sql, args).fetchall()


def local_date(utc):
    """closed_at (UTC, ...Z) as the local date the ledger's case.closed is."""
    if not utc:
        return ""
    t = datetime.datetime.strptime(utc[:19], "%Y-%m-%dT%H:%M:%S")
    t = t.replace(tzinfo=datetime.timezone.utc).astimezone()
    return t.date().isoformat()


def fields(case_id):
    return dict(q("SELECT key, value FROM case_fields WHERE case_id = ?", case_id))


def money(d):
    return Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def add_months(date, n):
    y, m, d = (int(x) for x in date.split("-"))
    m += n
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30,
            31, 31, 30, 31, 30, 31][m - 1]
    return "%04d-%02d-%02d" % (y, m, min(d, last))


def age_on(birth, on):
    b, o = datetime.date.fromisoformat(birth), datetime.date.fromisoformat(on)
    return o.year - b.year - ((o.month, o.day) < (b.month, b.day))


CASES = """SELECT c.id, c.number, c.form_id, c.item, c.line, c.accepted_date, c.due_date,
  c.closed_at, c.result, c.status, coalesce(r.name, c.resident_name),
  coalesce(r.idno, c.resident_idno), coalesce(r.phone, ''), coalesce(u.name, c.clerk_login),
  c.promise_days, c.paused_since, c.extension_days
  FROM cases c LEFT JOIN residents r ON r.id = c.resident_id
  LEFT JOIN users u ON u.login = c.clerk_login"""
KEYS = ("id number form item line accepted due closed result status name idno phone "
        "clerk promise paused extension").split()


def cases(where="1", *args):
    out = []
    for row in q(CASES + " WHERE " + where + " ORDER BY c.id", *args):
        c = dict(zip(KEYS, row))
        c["closed"] = local_date(c["closed"])
        c["shown"] = RESULT.get(c["result"], "") or ("在办" if c["status"] == "accepted"
                                                     else "已办结")
        out.append(c)
    return out


def in_year(date):
    return FROM <= date <= TO


def rating(case_id):
    r = q("SELECT score FROM ratings WHERE case_id = ?", case_id)
    return RATING[r[0][0]] if r else ""


def by_key(label, rows_wanted, key):
    """Match the workbook's data rows to the wanted store rows by a column."""
    got = {}
    for r in DATA:
        k = text(r, label)
        check(k not in got, "%s %s twice" % (label, k))
        got[k] = r
    want = {key(w): w for w in rows_wanted}
    check(len(want) == len(rows_wanted), "the store's rows have duplicate keys")
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    check(not missing and not extra, "rows missing %s, rows not wanted %s" % (missing, extra))
    return [(got[k], want[k]) for k in sorted(want)]


def dibao_figures(case_id):
    f = fields(case_id)
    size = int(f.get("members.rows", "0"))
    total = sum((Decimal(f.get("members.%d.income" % i) or "0") for i in range(1, size + 1)),
                Decimal(0)) + Decimal(f.get("other_income") or "0")
    per = money(total / size) if size else None
    amount = money((STANDARD - per) * size) if size else None
    return size, money(total), per, amount


# ---- the ledgers -------------------------------------------------------------------

def case_register():
    want = [c for c in cases() if in_year(c["accepted"])]
    pairs = by_key("受理编号", want, lambda c: c["number"])
    for r, c in pairs:
        expect_date(r, "受理日期", c["accepted"])
        expect_text(r, "事项", c["item"])
        expect_text(r, "业务线", c["line"])
        expect_text(r, "申请人", c["name"])
        expect_text(r, "身份证号", c["idno"], code=True)
        expect_text(r, "联系电话", c["phone"], code=True)
        expect_text(r, "受理人", c["clerk"])
        # the promised date: the day itself for an on-the-spot item; an open case
        # neither paused nor extended, the date the store keeps (on working days)
        if c["promise"] == 0:
            expect_date(r, "承诺办结日期", c["accepted"])
        elif c["status"] == "accepted" and not c["paused"] and not c["extension"]:
            expect_date(r, "承诺办结日期", c["due"])
        expect_date(r, "办结日期", c["closed"])
        expect_text(r, "办理结果", c["shown"])
        expect_text(r, "评价", rating(c["id"]))
    expect_total("受理编号", len(want))
    return len(want)


def dibao():
    # the current recipients at the period's end: an approved application that is
    # the resident's latest one accepted by then (a family that applied again: once)
    want = [c for c in cases("c.form_id = 'subsistence_allowance' AND c.result = 'approved' "
                             "AND c.accepted_date <= ? AND c.id = (SELECT l.id FROM cases l "
                             "WHERE l.resident_id = c.resident_id AND l.form_id = c.form_id "
                             "AND l.accepted_date <= ? ORDER BY l.accepted_date DESC, l.id DESC "
                             "LIMIT 1)", TO, TO)]
    sums = [0, Decimal(0), Decimal(0)]
    for r, c in by_key("办件编号", want, lambda c: c["number"]):
        size, total, per, amount = dibao_figures(c["id"])
        expect_text(r, "户主姓名", c["name"])
        expect_text(r, "身份证号", c["idno"], code=True)
        expect_num(r, "家庭人口", size)
        expect_num(r, "家庭月收入", total)
        expect_num(r, "人均月收入", per)
        expect_num(r, "月保障金额", amount)
        expect_date(r, "批准日期", c["closed"])
        expect_date(r, "复核日期", add_months(c["closed"], 12))
        sums[0] += size
        sums[1] += total
        sums[2] += amount
    expect_total("户主姓名", len(want))
    expect_total("家庭人口", sums[0])
    expect_total("家庭月收入", sums[1])
    expect_total("月保障金额", sums[2])
    return len(want)


def dibao_notice():
    # the applications at the publicity step (the sub-district has reviewed them)
    # whenever the application came: the notice has `period none`
    want = cases("c.form_id = 'subsistence_allowance' AND c.state = 'publicity'")
    check(len(want) >= 1, "no application at the publicity step: the notice is empty")
    masked = lambda c: c["idno"][:6] + "********" + c["idno"][-4:]
    pairs = by_key("身份证号", want, masked)
    total_size, total_amount = 0, Decimal(0)
    for r, c in pairs:
        size, _, _, amount = dibao_figures(c["id"])
        expect_text(r, "申请人姓名", c["name"])
        expect_num(r, "家庭人口", size)
        expect_num(r, "拟保障金额（元/月）", amount)
        expect_date(r, "申请日期", c["accepted"])
        total_size += size
        total_amount += amount
    # a public notice: no full ID number anywhere in it
    for ref, c in cells.items():
        v = str(c.get("value", ""))
        check(not any(w["idno"] in v for w in want), "%s shows a full ID number" % ref)
    expect_total("家庭人口", total_size)
    expect_total("拟保障金额（元/月）", total_amount)
    text_all = " ".join(str(c["value"]) for c in cells.values() if c["type"] == "str")
    check("公示期为7天" in text_all, "the intro does not give the 7-day objection period")
    check("0571-88886666" in text_all, "the outro does not give the station's phone")
    return len(want)


def tekun_temporary():
    want = [c for c in cases("c.form_id IN ('extreme_poverty_support', "
                             "'temporary_assistance')") if in_year(c["accepted"])]
    total = Decimal(0)
    for r, c in by_key("办件编号", want, lambda c: c["number"]):
        f = fields(c["id"])
        expect_text(r, "救助类别", c["item"])
        expect_text(r, "姓名", c["name"])
        expect_text(r, "身份证号", c["idno"], code=True)
        amount = f.get("amount", "")
        expect_num(r, "申请金额", Decimal(amount) if amount else None)
        total += Decimal(amount or "0")
        expect_text(r, "类别/事由", f.get("event" if c["form"] == "temporary_assistance"
                                          else "category", ""))
        expect_date(r, "受理日期", c["accepted"])
        expect_date(r, "办结日期", c["closed"])
        expect_text(r, "办理结果", c["shown"])
    expect_total("姓名", len(want))
    expect_total("申请金额", total)
    return len(want)


def latest(resident_id, form):
    r = q("SELECT result, status, accepted_date FROM cases WHERE resident_id = ? AND "
          "form_id = ? ORDER BY accepted_date DESC, id DESC LIMIT 1", resident_id, form)
    if not r:
        return "", ""
    return RESULT.get(r[0][0], "") or ("在办" if r[0][1] == "accepted" else "已办结"), r[0][2]


def elderly():
    want = [dict(zip(("id", "name", "idno", "birth", "phone"), row)) for row in
            q("SELECT id, name, idno, birth, phone FROM residents")]
    want = [w for w in want if age_on(w["birth"], TO) >= 80]
    for r, w in by_key("身份证号", want, lambda w: w["idno"]):
        age = age_on(w["birth"], TO)
        expect_text(r, "姓名", w["name"])
        expect_text(r, "身份证号", w["idno"], code=True)
        expect_date(r, "出生日期", w["birth"])
        expect_num(r, "年龄", age)
        expect_text(r, "年龄段", "100周岁及以上" if age >= 100 else "90-99周岁" if age >= 90
                    else "80-89周岁")
        expect_text(r, "联系电话", w["phone"], code=True)
        status, date = latest(w["id"], "longevity_allowance")
        expect_text(r, "高龄津贴", status or "未申领")
        expect_date(r, "申请日期", date)
    expect_total("姓名", len(want))
    return len(want)


GRADE = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def disabled():
    want = [dict(zip(("id", "name", "idno", "detail", "grade", "start"), row)) for row in
            q("SELECT r.id, r.name, r.idno, t.detail, t.grade, t.start_date FROM "
              "resident_tags t JOIN residents r ON r.id = t.resident_id WHERE t.kind = "
              "'disabled' AND t.start_date <= ? AND (t.end_date = '' OR t.end_date >= ?)",
              TO, FROM)]
    for r, w in by_key("身份证号", want, lambda w: w["idno"]):
        expect_text(r, "姓名", w["name"])
        expect_text(r, "身份证号", w["idno"], code=True)
        expect_text(r, "残疾类别", w["detail"])
        expect_text(r, "残疾等级", GRADE.get(w["grade"], ""))
        expect_date(r, "登记日期", w["start"])
        status, date = latest(w["id"], "disability_subsidies")
        expect_text(r, "两项补贴", status or "未申请")
        expect_date(r, "申请日期", date)
    expect_total("姓名", len(want))
    return len(want)


def floating():
    want = [c for c in cases("c.form_id = 'migrant_registration'") if in_year(c["accepted"])]
    key = lambda c: c["idno"]
    if len({key(c) for c in want}) < len(want):  # the same person twice in a year
        key = None
    pairs = by_key("身份证号", want, key) if key else []
    for r, c in pairs:
        f = fields(c["id"])
        expect_text(r, "姓名", c["name"])
        expect_text(r, "联系电话", f.get("phone", ""), code=True)
        expect_text(r, "户籍地址", f.get("hukou_address", ""))
        expect_text(r, "现居住地址", f.get("living_address", ""))
        expect_date(r, "来本地日期", f.get("arrived", ""))
        expect_text(r, "居住事由", f.get("reason", ""))
        expect_text(r, "房东", f.get("landlord_name", ""))
        expect_text(r, "申领居住证", "是" if f.get("residence_permit") == "yes" else "否")
        expect_date(r, "登记日期", c["accepted"])
    check(len(DATA) == len(want), "%d rows, want %d" % (len(DATA), len(want)))
    expect_total("姓名", len(want))
    return len(want)


def rentals():
    want = [c for c in cases("c.form_id = 'rental_house_filing'") if in_year(c["accepted"])]
    check(len(DATA) == len(want), "%d rows, want %d" % (len(DATA), len(want)))
    area_sum, tenants_sum = 0, 0
    rows = {(text(r, "房东身份证号"), text(r, "出租房屋地址"), cell(r, "备案日期")["value"]): r
            for r in DATA}
    for c in want:
        f = fields(c["id"])
        r = rows.get((c["idno"], f.get("address", ""), c["accepted"]))
        check(r, "no row for the filing %s" % c["number"])
        expect_text(r, "房东", c["name"])
        expect_text(r, "房东身份证号", c["idno"], code=True)
        expect_text(r, "产权证号", f.get("cert_no", ""), code=True)
        expect_num(r, "面积（㎡）", int(f["area"]))
        expect_num(r, "月租金", Decimal(f["rent"]))
        expect_date(r, "租期开始", f.get("lease_from", ""))
        expect_date(r, "租期结束", f.get("lease_to", ""))
        tenants = int(f.get("tenants.rows", "0"))
        expect_num(r, "承租人数", tenants)
        area_sum += int(f["area"])
        tenants_sum += tenants
    expect_total("房东", len(want))
    expect_total("面积（㎡）", area_sum)
    expect_total("承租人数", tenants_sum)
    return len(want)


def employment():
    want = [c for c in cases("c.form_id IN ('unemployment_registration', "
                             "'employment_difficulty')") if in_year(c["accepted"])]
    check(len(DATA) == len(want), "%d rows, want %d" % (len(DATA), len(want)))
    rows = {}
    for r in DATA:
        rows.setdefault((text(r, "身份证号"), cell(r, "登记日期")["value"],
                         text(r, "登记类别")), []).append(r)
    for c in want:
        f = fields(c["id"])
        got = rows.get((c["idno"], c["accepted"], c["item"]))
        check(got, "no row for %s" % c["number"])
        r = got.pop()
        expect_text(r, "姓名", c["name"])
        unemp = c["form"] == "unemployment_registration"
        expect_date(r, "失业日期", f.get("left_on" if unemp else "unemployed_since", ""))
        expect_text(r, "原因/困难类别", f.get("reason" if unemp else "category", ""))
        expect_text(r, "求职意向", f.get("job_wanted", ""))
        expect_text(r, "办理结果", c["shown"])
        expect_num(r, "参保年限", int(f["insured_years"]) if f.get("insured_years")
                   else None)
    expect_total("姓名", len(want))
    return len(want)


def last_forward(case_id):
    r = q("SELECT department, result, result_date FROM case_forwards WHERE case_id = ? "
          "ORDER BY id DESC LIMIT 1", case_id)
    return r[0] if r else ("", "", "")


def requests():
    want = [c for c in cases("c.form_id IN ('resident_request', 'dispute_mediation')")
            if in_year(c["accepted"])]
    answered = 0
    for r, c in by_key("受理编号", want, lambda c: c["number"]):
        f = fields(c["id"])
        dept, result, date = last_forward(c["id"])
        answered += bool(result)
        expect_date(r, "受理日期", c["accepted"])
        expect_text(r, "反映人", c["name"])
        expect_text(r, "联系电话", c["phone"], code=True)
        req = c["form"] == "resident_request"
        expect_text(r, "类别", f.get("category" if req else "dispute_type", ""))
        expect_text(r, "移交部门", dept)
        expect_text(r, "部门答复", result)
        expect_date(r, "答复日期", date)
        expect_date(r, "办结日期", c["closed"])
        expect_text(r, "办理结果", c["shown"])
        expect_text(r, "评价", rating(c["id"]))
    check(answered > 0, "no request forwarded and answered")
    expect_total("受理编号", len(want))
    return len(want)


def volunteers():
    every = [c for c in cases("c.form_id = 'volunteer_hours'")]
    want = [c for c in every if in_year(c["accepted"])]
    balance, running = {}, {}
    for c in sorted(every, key=lambda c: (c["accepted"], c["number"])):
        hours = int(fields(c["id"]).get("hours") or 0)
        balance[c["idno"]] = balance.get(c["idno"], 0) + hours
        running[c["number"]] = (hours, balance[c["idno"]])
    total = 0
    for r, c in by_key("办件编号", want, lambda c: c["number"]):
        hours, bal = running[c["number"]]
        f = fields(c["id"])
        expect_text(r, "志愿者", c["name"])
        expect_text(r, "身份证号", c["idno"], code=True)
        expect_date(r, "活动日期", f.get("activity_on", ""))
        expect_text(r, "活动名称", f.get("activity", ""))
        expect_num(r, "服务时长（小时）", hours)
        expect_num(r, "累计时长（小时）", bal)
        total += hours
    check(len({c["idno"] for c in want}) >= 2, "fewer than two volunteers")
    # grouped by ID number: namesakes are two volunteers
    check(len(SUBS) == len({c["idno"] for c in want}), "%d subtotals for %d volunteers"
          % (len(SUBS), len({c["idno"] for c in want})))
    expect_total("服务时长（小时）", total)
    return len(want)


def followups():
    want = [dict(zip(("number", "due", "attempts", "case_id", "name"), row)) for row in
            q("SELECT c.number, f.due_date, f.attempts, c.id, coalesce(r.name, "
              "c.resident_name) FROM followups f JOIN cases c ON c.id = f.case_id LEFT JOIN "
              "residents r ON r.id = c.resident_id WHERE f.due_date BETWEEN ? AND ?", FROM, TO)]
    for r, w in by_key("受理编号", want, lambda w: w["number"]):
        expect_date(r, "应回访日期", w["due"])
        expect_num(r, "回访次数", w["attempts"])
        expect_text(r, "居民", w["name"])
        expect_text(r, "评价", rating(w["case_id"]))
    expect_total("受理编号", len(want))
    expect_total("回访次数", sum(w["attempts"] for w in want))
    return len(want)


def talk():
    want = [dict(zip(("number", "date", "place", "attendees", "form"), row)) for row in
            q("SELECT c.number, s.date, s.place, s.attendees, c.form_id FROM talk_items i "
              "JOIN talk_sessions s ON s.id = i.session_id JOIN cases c ON c.id = i.case_id "
              "WHERE s.date BETWEEN ? AND ? AND c.form_id IN ('resident_request', "
              "'dispute_mediation', 'policy_consultation')", FROM, TO)]
    for r, w in by_key("受理编号", want, lambda w: w["number"]):
        expect_date(r, "说事日期", w["date"])
        expect_text(r, "地点", w["place"])
        expect_num(r, "参加人数", w["attendees"])
    expect_total("受理编号", len(want))
    return len(want)


CHECKS = {f.__name__: f for f in (case_register, dibao, dibao_notice, tekun_temporary, elderly,
                                  disabled, floating, rentals, employment, requests,
                                  volunteers, followups, talk)}


# ---- the CSV files hold the workbook's cells ---------------------------------------

def shown(c):
    """A workbook cell as the CSV writes it (canonical text)."""
    if c is None:
        return ""
    v, fmt = (c["cached"], c["fmt"]) if c["type"] == "formula" else (c["value"], c["fmt"])
    if c["type"] == "date":
        return v
    if isinstance(v, (int, float)):
        if fmt == "0.00":
            return "%.2f" % v
        if fmt == "0":
            return "%d" % v
        return ("%.2f" % v).rstrip("0").rstrip(".")
    return "" if v is None else str(v)


def unguard(v):
    if v[:1] == "\t" or (v[:1] == "'" and v[1:2] and v[1] in "=+-@\t\r'"):
        return v[1:]
    return v


def check_csv(path, encoding, what):
    with open(path, encoding=encoding, newline="") as f:
        rows = list(csv.reader(f))
    check(rows and rows[0] == labels, "%s: header %r, want %r" % (what, rows[0], labels))
    sheet = [r for r in range(header_row + 1, n_rows + 1) if r in DATA or r in SUBS
             or r == TOTAL]
    check(len(rows) - 1 == len(sheet), "%s: %d rows, the workbook %d" % (what, len(rows) - 1,
                                                                          len(sheet)))
    for got, r in zip(rows[1:], sheet):
        want = [shown(cells.get(col_letter(i) + str(r))) for i in range(len(labels))]
        got = [unguard(v) for v in got]
        first = 0 if r in DATA else 1  # a subtotal's first cell names its group
        check(got[first:] == want[first:], "%s: row %r, the workbook's %r" % (what, got,
                                                                              want))
        if first:
            check(got[0].startswith(want[0]), "%s: %r does not start with %r"
                  % (what, got[0], want[0]))


n = CHECKS[LEDGER]()
check_csv(CSV_GB, "utf-8", "GB18030 csv")
check_csv(CSV_UTF8, "utf-8-sig", "UTF-8 csv")
raw = open(CSV_UTF8, "rb").read(3)
check(raw == b"\xef\xbb\xbf", "the UTF-8 csv has no BOM")
print("ok %s: %d rows equal the store; totals, both CSV files" % (LEDGER, n))
print(json.dumps({"ledger": LEDGER, "rows": n}))
