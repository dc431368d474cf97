"""Every user-facing label and sentence of the CLI, in English and Chinese.

Errors are raised in English (they name files, lines and values) and put into Chinese where
they are printed, by :mod:`tenactions.errors_zh`; what the commands print as results speaks the
user's language through the tables here.
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
    "warning": ("warning", "注意"),
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
    "target_total": (
        "{target}: total {total} of {goal} {unit} ({percent}%).",
        "{target}：累计 {total} / {goal}{unit}（{percent}%）。",
    ),
    "amended": (
        "Entry {old} is void; entry {new} replaces it.",
        "第 {old} 条已作废，由第 {new} 条替代。",
    ),
    "imported": (
        "{file}: {rows:,} rows: {added:,} added, {present:,} already present.",
        "{file}：共 {rows:,} 行，新增 {added:,} 行，{present:,} 行已存在。",
    ),
    "dry_run": (
        "{file}: {rows:,} rows are valid: {added:,} would be added, {present:,} already present. Nothing was written (--dry-run).",
        "{file}：{rows:,} 行均有效，将新增 {added:,} 行，{present:,} 行已存在。未写入（--dry-run）。",
    ),
    "sheets_read": ("Sheets read: {sheets}.", "已读取工作表：{sheets}。"),
    "sheets_hidden": ("Hidden sheets skipped: {sheets}.", "已跳过隐藏工作表：{sheets}。"),
    "sheets_no_table": (
        "Sheets with no table, skipped: {sheets}.",
        "没有数据表的工作表（已跳过）：{sheets}。",
    ),
    "ref_row_counter": (
        "{where}: the column {header} numbers the rows 1 to {n}: read as a row counter, not as form numbers.",
        "{where}：{header} 列是从 1 到 {n} 的行序号，不作为表单编号。",
    ),
    "district_from_title": (
        "{where}: no district column; the rows are {district}'s, as the title says (row {row}).",
        "{where}：没有区列；按标题（第 {row} 行）记为{district}。",
    ),
    "district_from_file": (
        "{where}: no district column; the rows are {district}'s, as the file name says.",
        "{where}：没有区列；按文件名记为{district}。",
    ),
    "district_none": (
        "{where}: no district column, and no district in the title or file name; the rows are city level (no district).",
        "{where}：没有区列，标题和文件名中也没有区名；各行记为市级（不分区）。",
    ),
    "skipped_rows": ("{where}:{rows}: skipped {why}", "{where}:{rows}：已跳过{why}"),
    "skipped_more": (
        "{file}: … and {n} more notes of skipped rows",
        "{file}：……另有 {n} 处跳过的行",
    ),
    "skipped_summary_sheet": (
        "{file}[{sheet}]: skipped a summary sheet (it repeats the other sheets; --sheet reads it)",
        "{file}[{sheet}]：已跳过汇总表（与其他工作表重复；可用 --sheet 单独读取）",
    ),
    "skip_total": ("a total row", "合计行"),
    "skip_subtotal": ("a subtotal row", "小计行"),
    "skip_sign-off": ("a sign-off row (填报人/审核人…)", "签名行（填报人/审核人等）"),
    "skip_note": ("a note row", "说明行"),
    "skip_header": ("the header repeated", "重复的表头行"),
    "skip_blank": ("a blank row between data rows", "数据行之间的空行"),
    "skip_nothing": ("a row with no target, amount or date", "没有目标、数量和日期的行"),
    "total_mismatch": (
        "{where}:{row}: warning: the total row says {stated} but the rows above add up to {summed}; is a row missing?",
        "{where}:{row}：警告：合计行为 {stated}，但上面各行相加为 {summed}；是否漏了一行？",
    ),
    "total_mismatch_below": (
        "{where}:{row}: warning: the total row says {stated} but the rows below it add up to {summed}; is a row missing?",
        "{where}:{row}：警告：合计行为 {stated}，但其下各行相加为 {summed}；是否漏了一行？",
    ),
    "progress_start": ("{file}: reading…", "{file}：正在读取……"),
    "progress_rows": ("{file}: {n:,} of {total:,} rows", "{file}：已读 {n:,} / {total:,} 行"),
    "progress_rows_open": ("{file}: {n:,} rows", "{file}：已读 {n:,} 行"),
    "exported": ("Exported {n} entries to {file}.", "已导出 {n} 条记录到 {file}。"),
    "template_written_one": (
        "Template written to {file} (1 row to fill in); send it to the districts, then import it.",
        "已生成模板 {file}（可填 1 行）；发给各区填写后再导入。",
    ),
    "template_written": (
        "Template written to {file} ({rows} rows to fill in); send it to the districts, then import it.",
        "已生成模板 {file}（可填 {rows} 行）；发给各区填写后再导入。",
    ),
    "backup_done": (
        "Backup written to {file} ({n} entries, integrity ok).",
        "已备份到 {file}（{n} 条记录，完整性检查通过）。",
    ),
    "no_entries": ("No entries.", "没有记录。"),
    "summary_changes": ("Status changes", "状态变化"),
    "summary_due_soon": ("Due in the next 30 days", "未来30天到期"),
    "summary_due": ("due", "截止"),
    "summary_stale": ("No entry for 4 weeks or more", "四周以上无记录"),
    "summary_last_entry": ("last entry", "最近记录"),
    "summary_never": ("never", "从未记录"),
    "summary_silent": ("Districts silent this week", "本周无记录的区"),
    "entries_cut": (
        "(the newest {n} entries; --limit N or --format csv for more)",
        "（仅显示最新 {n} 条；更多请用 --limit N 或 --format csv）",
    ),
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
    "copied": (
        "Copied {n} entries ({voids} void) from {source} to {dest}; {present} already there.",
        "已从 {source} 复制 {n} 条记录（{voids} 条作废）到 {dest}；{present} 条原已存在。",
    ),
    "access_district": (
        "{role} may read the whole ledger and write entries of {district}.{created}",
        "{role} 可读取全部数据，并可录入、作废、更正 {district} 的记录。{created}",
    ),
    "access_read_only": (
        "{role} may read the whole ledger and write nothing.{created}",
        "{role} 可读取全部数据，不可写入。{created}",
    ),
    "access_created": (
        " The role was created without a password: set one with ALTER ROLE.",
        "该角色为新建，尚无密码：请用 ALTER ROLE 设置。",
    ),
    "access_reads": ("read only", "只读"),
    "ledger_created": ("created a new ledger at {file}", "已新建数据库 {file}"),
    "check_repaired": (
        "Rebuilt daily totals from the entries ({n} rows).",
        "已根据记录重建每日合计（{n} 行）。",
    ),
    # The HTML and XLSX reports.
    "report_title": ("Progress report", "进展报告"),
    "as_of": ("as of {date}", "截至 {date}"),
    "pace_heading": ("Time elapsed and work done", "时间进度与任务进度"),
    "time_elapsed": ("Time elapsed", "时间进度"),
    "work_done": ("Work done", "任务进度"),
    "pace_ahead": (
        "Work done is {points} points ahead of time elapsed.",
        "任务进度领先时间进度 {points} 个百分点。",
    ),
    "pace_behind": (
        "Work done is {points} points behind time elapsed.",
        "任务进度落后时间进度 {points} 个百分点。",
    ),
    "pace_even": ("Work done keeps pace with time elapsed.", "任务进度与时间进度持平。"),
    "status_heading": ("Status of the {n} targets", "{n} 个目标的状态"),
    "overview_heading": ("Every target at a glance", "目标总览"),
    "actual_of_goal": ("Done / goal", "完成 / 目标值"),
    "targets_count": ("Targets: {n}", "{n} 个目标"),
    "legend_actual": ("actual, cumulative", "累计完成"),
    "legend_expected": ("expected to date", "应完成进度"),
    "chart_goal": ("goal", "目标"),
    "legend_forecast": ("forecast at the recent pace", "按近期速度预计"),
    "legend_as_of": ("as-of date", "统计截止日"),
    "last_entry": ("Last entry", "最近填报"),
    "window": ("Window", "时间窗口"),
    "period_goal": ("Goal per {every}: {goal} {unit}", "每{every}目标：{goal}{unit}"),
    "periods_week": ("weeks", "周"),
    "periods_month": ("months", "个月"),
    "periods_quarter": ("quarters", "个季度"),
    "period_met": ("met", "达标"),
    "period_missed": ("missed", "未达标"),
    "period_open": ("in progress", "进行中"),
    "period_future": ("not started", "未开始"),
    "by_district": ("By district", "各区完成情况"),
    "no_district": ("(no district)", "（未填区）"),
    "info_programme": ("programme: {path} ({source})", "计划文件：{path}（{source}）"),
    "info_database": (
        "database:  {path} ({source}; {state})",
        "数据库：  {path}（{source}；{state}）",
    ),
    "info_language": ("language:  {language}", "语言：    {language}"),
    "info_shipped": ("shipped", "随附"),
    "info_default": ("default", "默认位置"),
    "info_exists": ("exists", "已存在"),
    "info_missing": (
        "does not exist yet; log or import creates it",
        "尚不存在；首次记录或导入时创建",
    ),
    "silent_districts": (
        "Districts with no entry in the last {days} days",
        "近 {days} 天未填报的区",
    ),
    "none": ("none", "无"),
    "source": ("Source", "来源"),
    "name": ("Name", "名称"),
    "done_on": ("done on {date}", "{date} 完成"),
    "not_done": ("not done yet", "尚未完成"),
    "chart_burn_up": (
        "{name}: {actual} of {goal} {unit} as of {date}; {expected} expected by then.",
        "{name}：截至 {date} 累计完成 {actual} / {goal}{unit}，应完成 {expected}。",
    ),
    "chart_periods": (
        "{name}: {met} of {total} periods met as of {date}.",
        "{name}：截至 {date}，{total} 期中已达标 {met} 期。",
    ),
    "chart_milestone": (
        "{name}: window {opens} to {due}; {state} as of {date}.",
        "{name}：时间窗口 {opens} 至 {due}；截至 {date} {state}。",
    ),
    "period_ended": (
        "The programme ended on {end}; figures as at its end.",
        "本期行动已于 {end} 结束；以下为期末数据。",
    ),
    "period_not_started": (
        "The programme starts on {start}; it has not started yet.",
        "本期行动 {start} 开始，尚未开始。",
    ),
    "summary_outside": (
        "No week of this programme to report: {date} is outside its period {start} to {end}.",
        "{date} 不在本期行动期间（{start} 至 {end}），无本周进展。",
    ),
    "timing_early": ("early", "提前完成"),
    "timing_late": ("late", "逾期完成"),
    "sheet_targets": ("Targets", "目标"),
    "sheet_actions": ("Actions", "行动"),
    "sheet_districts": ("Districts", "各区"),
    "target_count": ("Targets", "目标数"),
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
