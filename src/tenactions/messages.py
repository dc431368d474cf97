"""Every user-facing label and sentence of the CLI, in English and Chinese.

Errors raised by the library are in English (they name files, lines and values); what the
commands print as results speaks the user's language.
"""

from __future__ import annotations

import os

STATUS = {
    "done": ("done", "已完成"),
    "on_track": ("on track", "进度正常"),
    "at_risk": ("at risk", "有风险"),
    "behind": ("behind", "滞后"),
    "upcoming": ("upcoming", "未开始"),
    "overdue": ("overdue", "逾期"),
}

KIND = {
    "cumulative": ("cumulative", "累计"),
    "recurring": ("recurring", "周期"),
    "milestone": ("milestone", "节点"),
}

TEXT: dict[str, tuple[str, str]] = {
    "error": ("error", "错误"),
    "action": ("Action", "行动"),
    "target": ("Target", "目标"),
    "id": ("ID", "编号"),
    "kind": ("Kind", "类型"),
    "goal": ("Goal", "目标值"),
    "unit": ("Unit", "单位"),
    "start": ("Start", "开始"),
    "due": ("Due", "截止"),
    "actual": ("Actual", "完成"),
    "percent": ("%", "完成率"),
    "expected": ("Expected", "应完成"),
    "remaining": ("Remaining", "剩余"),
    "status": ("Status", "状态"),
    "forecast": ("Forecast", "预计"),
    "needed_week": ("Needed/week", "每周需完成"),
    "date": ("Date", "日期"),
    "amount": ("Amount", "数量"),
    "district": ("District", "区"),
    "by": ("By", "填报人"),
    "note": ("Note", "备注"),
    "ref": ("Ref", "编号"),
    "void": ("Void", "作废"),
    "per_period": ("per {every}", "每{every}"),
    "week": ("week", "周"),
    "month": ("month", "月"),
    "quarter": ("quarter", "季度"),
    "logged": (
        "Logged entry {id}: {target} {amount} {unit} on {date}. Total {total} of {goal} {unit} ({percent}%).",
        "已记录第 {id} 条：{target} {amount}{unit}（{date}）。累计 {total} / {goal}{unit}（{percent}%）。",
    ),
    "logged_recurring": (
        "Logged entry {id}: {target} {amount} {unit} on {date}.",
        "已记录第 {id} 条：{target} {amount}{unit}（{date}）。",
    ),
    "voided": ("Entry {id} is now void: {reason}", "第 {id} 条已作废：{reason}"),
    "amended": (
        "Entry {old} is void; entry {new} replaces it.",
        "第 {old} 条已作废，由第 {new} 条替代。",
    ),
    "imported": (
        "{file}: {rows} rows: {added} added, {present} already present.",
        "{file}：共 {rows} 行，新增 {added} 行，{present} 行已存在。",
    ),
    "dry_run": (
        "{file}: {rows} rows are valid: {added} would be added, {present} already present. Nothing was written (--dry-run).",
        "{file}：{rows} 行均有效，将新增 {added} 行，{present} 行已存在。未写入（--dry-run）。",
    ),
    "exported": ("Exported {n} entries to {file}.", "已导出 {n} 条记录到 {file}。"),
    "backup_done": (
        "Backup written to {file} ({n} entries, integrity ok).",
        "已备份到 {file}（{n} 条记录，完整性检查通过）。",
    ),
    "no_entries": ("No entries.", "没有记录。"),
    "check_programme_ok": (
        "Programme OK: {file} ({actions} actions, {targets} targets).",
        "计划文件正常：{file}（{actions} 项行动，{targets} 个目标）。",
    ),
    "check_db_ok": (
        "Database OK: {file} (schema {version}, {entries} entries, {voids} void, integrity ok).",
        "数据库正常：{file}（结构版本 {version}，{entries} 条记录，{voids} 条作废，完整性检查通过）。",
    ),
    "check_db_missing": (
        "Database: {file} does not exist yet (it is created by the first log or import).",
        "数据库：{file} 尚未创建（首次记录或导入时创建）。",
    ),
    "check_repaired": (
        "Rebuilt daily totals from the entries ({n} rows).",
        "已根据记录重建每日合计（{n} 行）。",
    ),
}


def detect_lang() -> str:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(lang: str, key: str, **values: object) -> str:
    en, zh = TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def status_label(lang: str, status: str) -> str:
    en, zh = STATUS[status]
    return zh if lang == "zh" else en


def kind_label(lang: str, kind: str) -> str:
    en, zh = KIND[kind]
    return zh if lang == "zh" else en
