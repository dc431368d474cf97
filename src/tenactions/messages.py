"""The message catalogue: every user-facing label and sentence, by id, in English and Chinese.

Code never builds a sentence for the user itself: it names a catalogue id and its parameters
(a :class:`Msg`), and the text is formatted once, where it is shown, in the chosen language.
Parameters are the user's own values (file names, targets, amounts) and pass through
untouched; a parameter that is itself a :class:`Msg` is formatted in the same language.
``tests/test_messages.py`` fails when an id lacks a language, is used nowhere, or when a
sentence for the user is built outside the catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

#: The languages every text is written in: English and Chinese.
LANGS = ("en", "zh")

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
    # The program's name stays ASCII (what a mail filter or grep looks for); the word after
    # it is in the chosen language, with that language's colon.
    "error_prefix": ("tenactions: error: ", "tenactions: 错误："),
    "warning_prefix": ("tenactions: warning: ", "tenactions: 注意："),
    "action": ("Action", "行动"),
    "target": ("Target", "目标"),
    "id": ("Target id", "目标代码"),
    "entry_no": ("No.", "条目号"),
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
    "ref": ("Form no.", "表单编号"),
    "void": ("Void", "作废"),
    "void_marked": ("[Void: {reason}]", "[作废：{reason}]"),
    # A report table's heading: an action's counts in brackets, full-width in Chinese.
    "counts_open": ("(", "（"),
    "counts_close": (")", "）"),
    "action_title": ("Action {number}: {name}", "行动 {number}：{name}"),
    "per_period": ("per {every}", "每{every}"),
    "week": ("week", "周"),
    "month": ("month", "月"),
    "quarter": ("quarter", "季度"),
    "logged": (
        "Logged entry {id}: {target} {amount} {unit} on {date}. Total {total} of {goal} {goal_unit} ({percent}%).",
        "已记录第 {id} 条：{target} {amount}{unit}（{date}）。累计 {total} / {goal}{goal_unit}（{percent}%）。",
    ),
    "logged_recurring": (
        "Logged entry {id}: {target} {amount} {unit} on {date}.",
        "已记录第 {id} 条：{target} {amount}{unit}（{date}）。",
    ),
    "logged_own_district": (
        "For {district}: no --district was given, and the role {role} may write only that district.",
        "未指定 --district，记入{district}：角色 {role} 只能写入该区。",
    ),
    "log_district_choose": (
        "the role {role} may write entries of several districts ({districts}): add --district and the one this entry is for; nothing was written",
        "角色 {role} 可写入多个区（{districts}）的记录：请加上 --district 指明本条所属的区；未写入任何内容",
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
        "{file}: {rows:row|rows}: {added:,} added, {present:,} already present.",
        "{file}：共 {rows:,} 行，新增 {added:,} 行，{present:,} 行已存在。",
    ),
    "dry_run": (
        "{file}: {rows:row is|rows are} valid: {added:,} would be added, {present:,} already present. Nothing was written (--dry-run).",
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
    "exported": ("Exported {n:entry|entries} to {file}.", "已导出 {n:,} 条记录到 {file}。"),
    "template_written_one": (
        "Template written to {file} (1 row to fill in); send it to the districts, then import it.",
        "已生成模板 {file}（可填 1 行）；发给各区填写后再导入。",
    ),
    "template_written": (
        "Template written to {file} ({rows:row|rows} to fill in); send it to the districts, then import it.",
        "已生成模板 {file}（可填 {rows} 行）；发给各区填写后再导入。",
    ),
    "backup_done": (
        "Backup written to {file} ({n:entry|entries}, integrity ok).",
        "已备份到 {file}（{n} 条记录，完整性检查通过）。",
    ),
    "no_entries": ("No entries.", "没有记录。"),
    "summary_week": ("This week: {n:entry|entries}", "本周记录 {n} 条"),
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
        "Programme OK: {file} ({actions:action|actions}, {targets:target|targets}).",
        "计划文件正常：{file}（{actions} 项行动，{targets} 个目标）。",
    ),
    "check_db_ok": (
        "Database OK: {file} (schema {version}, {entries:entry|entries}, {voids} void, integrity ok).",
        "数据库正常：{file}（结构版本 {version}，{entries} 条记录，{voids} 条作废，完整性检查通过）。",
    ),
    "check_db_missing": (
        "Database: {file} does not exist yet (it is created by the first log or import).",
        "数据库：{file} 尚未创建（首次记录或导入时创建）。",
    ),
    "copied": (
        "Copied {n:entry|entries} ({voids:,} void) from {source} to {dest}; {present:,} already there.",
        "已从 {source} 复制 {n:,} 条记录（{voids:,} 条作废）到 {dest}；{present:,} 条原已存在。",
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
    "access_unbound": (
        "{what} (NOT ENFORCED: a superuser or BYPASSRLS role writes anything)",
        "{what}（未生效：超级用户或 BYPASSRLS 角色可写入任何记录）",
    ),
    "grant_no_such_role": (
        "{file}: there is no role {role!r} on the server{similar}; to make a new login role of that name, add --create",
        "{file}：服务器上没有角色 {role!r}{similar}；如要新建该登录角色，请加上 --create",
    ),
    "grant_similar_roles": (" (did you mean {roles}?)", "（是否指 {roles}？）"),
    "grant_to_unbound": (
        "{file}: {role} is a superuser or BYPASSRLS role, to which the server does not apply row-level security, so a grant cannot bind it; grant to an ordinary login role",
        "{file}：{role} 是超级用户或 BYPASSRLS 角色，服务器对它不执行行级安全策略，授权对它无约束；请授权给普通登录角色",
    ),
    "access_no_members": ("-", "-"),
    "grant_to_owner": (
        "{file}: {role} owns this ledger or is the role signed in now, and a grant cannot bind it; grant to another role",
        "{file}：{role} 是此台账的所有者或当前登录的角色，授权对它无约束；请授权给其他角色",
    ),
    "row_role_reads_only": (
        "the role {role} may only read this ledger",
        "角色 {role} 只能读取此台账",
    ),
    "row_role_districts": (
        "the role {role} may write only entries of {districts}, not {district}",
        "角色 {role} 只能写入 {districts} 的记录，不能写入{district}",
    ),
    "row_role_no_district": (
        "the role {role} may write only entries of {districts}, and this row names no district: fill in the district column (or add one)",
        "角色 {role} 只能写入 {districts} 的记录，而此行未填区：请填写（或添加）区列",
    ),
    "server_amount_limit": (
        "{file}: the server refused an amount over the largest one entry can hold (1000万亿); nothing was written",
        "{file}：服务器拒绝了超过单条上限（1000万亿）的数量；未写入任何内容",
    ),
    "server_total_limit": (
        "{file}: the server refused a target's total over the largest a target can reach (1亿亿); nothing was written",
        "{file}：服务器拒绝了超过目标累计上限（1亿亿）的写入；未写入任何内容",
    ),
    "ledger_created": ("created a new ledger at {file}", "已新建数据库 {file}"),
    "check_repaired": (
        "Rebuilt daily totals from the entries ({n:row|rows}).",
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
    "status_heading": ("Status of the {n:target|targets}", "{n} 个目标的状态"),
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
    # Errors and warnings.
    "interrupted": ("interrupted; nothing more was written", "已中断；之后未再写入"),
    "stdout_closed": (
        "standard output is closed; nothing was shown",
        "标准输出已关闭；未显示任何内容",
    ),
    "unknown_action": (
        "there is no action {number} (actions are {numbers})",
        "没有第 {number} 项行动（行动编号为 {numbers}）",
    ),
    "target_empty": (
        "the target is empty: give a target id such as 'trees'",
        "目标为空：请输入目标代码，例如 'trees'",
    ),
    "unknown_target": (
        "unknown target {key!r}; 'tenactions targets' lists them all",
        "未知目标 {key!r}；用 'tenactions targets' 查看全部目标",
    ),
    "unknown_target_hint": (
        "unknown target {key!r} (did you mean {ids}?); 'tenactions targets' lists them all",
        "未知目标 {key!r}（是否要输入 {ids}？）；用 'tenactions targets' 查看全部目标",
    ),
    "unknown_district": (
        "unknown district {key!r}; districts are: {names}",
        "未知的区 {key!r}；可选的区：{names}",
    ),
    "unknown_district_hint": (
        "unknown district {key!r} (did you mean {hint}?); districts are: {names}",
        "未知的区 {key!r}（是否要输入 {hint}？）；可选的区：{names}",
    ),
    # amounts
    "not_amount": ("{text!r} is not an amount", "{text!r} 不是有效的数量"),
    "not_amount_how": (
        "{text!r} is not an amount (write 1200, 1,200, 1.2万 or 3亿)",
        "{text!r} 不是有效的数量（可写作 1200、1,200、1.2万 或 3亿）",
    ),
    "amount_not_positive": (
        "the amount {amount} must be greater than zero",
        "数量 {amount} 必须大于零",
    ),
    "amount_too_large": (
        "{amount} is larger than the largest amount allowed (1000万亿)",
        "{amount} 超过允许的最大数量（1000万亿）",
    ),
    "amount_empty": ("the amount is empty", "数量为空"),
    "amount_odd_digit": (
        "{text!r} is not an amount: {ch!r} ({code}) is not a digit used here (write 0-9)",
        "{text!r} 不是有效的数量：{ch!r}（{code}）不是可用的数字（请用 0-9）",
    ),
    "amount_grouping": (
        "{text!r} is not an amount: digits are grouped in threes (1,200 or 12,345)",
        "{text!r} 不是有效的数量：数字须每三位一组（1,200 或 12,345）",
    ),
    "amount_whole": ("amount {amount!r} must be a whole number", "数量 {amount!r} 必须是整数"),
    "amount_decimals": (
        "amount {amount!r} has more than {decimals} decimal places",
        "数量 {amount!r} 的小数超过 {decimals} 位",
    ),
    "target_amount_whole": (
        "the amount {amount!r} for {target} must be a whole number",
        "{target}的数量 {amount!r} 必须是整数",
    ),
    "target_amount_decimals": (
        "the amount {amount!r} for {target} has more than {decimals} decimal places",
        "{target}的数量 {amount!r} 的小数超过 {decimals} 位",
    ),
    # free text and dates of an entry
    "text_empty": ("{what} is empty", "{what} 为空"),
    "text_too_long": (
        "{what} is {length:,} characters long; at most {limit:,} are kept",
        "{what} 长 {length:,} 个字符，最多 {limit:,} 个",
    ),
    "text_control": (
        "{what} contains a control character ({code})",
        "{what} 含有控制字符（{code}）",
    ),
    "date_outside": (
        "date {date} is outside the programme period {start} to {end}",
        "日期 {date} 不在计划期内（{start} 至 {end}）",
    ),
    "date_future": (
        "date {date} is in the future (today is {today})",
        "日期 {date} 是将来的日期（今天是 {today}）",
    ),
    # entries that would mislead a report, unless --force
    "refuse_window": (
        "{target} is a milestone for {opens} to {due}; {date} is outside that window;"
        " use --force if this is right",
        "{target}是时间窗口为 {opens} 至 {due} 的节点目标；{date} 不在该窗口内；"
        "如确认无误，请加 --force",
    ),
    "refuse_done": (
        "{target} is already done ({done} of {goal}); another entry would count it twice;"
        " use --force if this is right",
        "{target}已完成（{done} / {goal}）；再记一条会重复计算；如确认无误，请加 --force",
    ),
    # dates, times and zones
    "bad_now": (
        "TENACTIONS_NOW={value!r} is not a time with an offset (write e.g. 2024-09-29T23:30:00+00:00)",
        "TENACTIONS_NOW={value!r} 不是带时区偏移的时间（例如 2024-09-29T23:30:00+00:00）",
    ),
    "bad_today": (
        "TENACTIONS_TODAY={value!r} is not a date (write YYYY-MM-DD)",
        "TENACTIONS_TODAY={value!r} 不是日期（请写成 YYYY-MM-DD）",
    ),
    "bad_zone": (
        "{name!r} is not an IANA time zone name (e.g. Asia/Shanghai)",
        "{name!r} 不是 IANA 时区名（例如 Asia/Shanghai）",
    ),
    "bad_month": ("month must be in 1..12", "月份必须在 1 到 12 之间"),
    "bad_day": ("day is out of range for month", "该月没有这一天"),
    "not_real_date_why": (
        "{what} {text!r} is not a real date ({why})",
        "{what} {text!r} 不是有效的日期（{why}）",
    ),
    "not_real_date": ("{text!r} is not a real date", "{text!r} 不是有效的日期"),
    "not_date_iso": (
        "{what} {text!r} is not a date (write YYYY-MM-DD, e.g. 2024-08-01)",
        "{what} {text!r} 不是日期（请写成 YYYY-MM-DD，例如 2024-08-01）",
    ),
    "option_value": ("{what} {problem}", "{what} {problem}"),
    "date_no_year": (
        "{text!r} has no year; write it as 2024-08-01",
        "{text!r} 没有年份；请写成 2024-08-01 这样的日期",
    ),
    "date_no_year_outside": (
        "{text!r} has no year, and that day is not in the programme period {start} to {end}",
        "{text!r} 没有年份，且这一天不在计划期（{start} 至 {end}）内",
    ),
    "date_no_year_many": (
        "{text!r} has no year, and the programme period {start} to {end} holds that day"
        " in {years} years; write the year",
        "{text!r} 没有年份，而计划期（{start} 至 {end}）中有 {years} 个年份都有这一天；请写明年份",
    ),
    "no_ledger": (
        "there is no ledger at {path} ({how}); check the path, or log or import an entry to create one",
        "{path} 处没有数据库（{how}）；请检查路径，或先记录或导入一条记录以新建数据库",
    ),
    "db_from_option": ("given by --db", "由 --db 指定"),
    "db_from_env": ("from TENACTIONS_DB", "来自 TENACTIONS_DB"),
    "db_from_default": ("the default location", "默认位置"),
    "bad_lang": ("{value!r}: use zh or en", "{value!r}：请用 zh 或 en"),
    "version": ("tenactions {version}", "tenactions {version}"),
    # files written
    "output_is_ledger": (
        "{path}: is the ledger's own file ({ledger}); choose another output file",
        "{path}: 是数据库本身的文件（{ledger}）；请换一个输出文件",
    ),
    "cannot_write_here": ("{path}: cannot write here: {why}", "{path}: 无法在此写入：{why}"),
    "cannot_write": ("{path}: cannot write: {why}", "{path}: 无法写入：{why}"),
    "output_is_folder": ("{path}: is a folder; give a file name", "{path}: 是文件夹；请给出文件名"),
    "xlsx_too_many": (
        "more than {n:,} entries do not fit in one xlsx sheet; export as csv or json",
        "超过 {n:,} 条记录无法放入一个 xlsx 工作表；请导出为 csv 或 json",
    ),
    "xlsx_export_needs_output": (
        "an xlsx export needs --output FILE.xlsx",
        "导出 xlsx 需要用 --output 指定 .xlsx 文件",
    ),
    "xlsx_entries_needs_output": (
        "an xlsx list of entries needs --output FILE.xlsx (or redirect it to a file)",
        "xlsx 格式的记录列表需要用 --output 指定 .xlsx 文件（或重定向到文件）",
    ),
    "xlsx_report_needs_output": (
        "an xlsx report needs --output FILE.xlsx (or redirect it to a file)",
        "xlsx 报告需要用 --output 指定 .xlsx 文件（或重定向到文件）",
    ),
    "template_needs_xlsx": (
        "{path}: the template is an .xlsx workbook; name it .xlsx",
        "{path}: 模板是 .xlsx 工作簿；请以 .xlsx 命名",
    ),
    "bad_month_option": (
        "--month {text!r} is not a month (write 2024-08)",
        "--month {text!r} 不是月份（请写成 2024-08）",
    ),
    "month_outside": (
        "--month {text!r} is outside the programme period {start} to {end}",
        "--month {text!r} 不在计划期（{start} 至 {end}）内",
    ),
    "as_of_range": (
        "--as-of {day} is out of range: use a date between {first} and {last}",
        "--as-of {day} 超出范围：请用 {first} 至 {last} 之间的日期",
    ),
    "entry_void_amend": (
        "entry {id} is void already; log a new entry instead",
        "第 {id} 条已作废；请另记一条",
    ),
    # cells of a spreadsheet
    "cell_not_amount": ("{text!r} is not an amount", "{text!r} 不是有效的数量"),
    "cell_not_amount_scaled": (
        "{text!r} is not an amount; the column is in {unit}, so write the number alone (35 for 35 {unit})",
        "{text!r} 不是有效的数量；该列的单位是{unit}，请只填数字（如 35 表示 35{unit}）",
    ),
    "cell_own_unit": (
        "{text!r} has its own unit, but the column is in {unit}; write the number alone",
        "{text!r} 自带单位，而该列的单位已是{unit}；请只填数字",
    ),
    "cell_too_large": (
        "{amount} {unit} is larger than the largest amount allowed (1000万亿)",
        "{amount} {unit} 超过允许的最大数量（1000万亿）",
    ),
    "cell_not_date": ("{text!r} is not a date", "{text!r} 不是日期"),
    "cell_number_not_date": (
        "{text} is a number, not a date (format the cells as dates, or write 2024-08-01)",
        "{text} 是数字而不是日期（请把单元格设为日期格式，或写成 2024-08-01）",
    ),
    "cell_not_date_how": (
        "{text!r} is not a date (write 2024-08-01, 2024/8/1 or 2024年8月1日)",
        "{text!r} 不是日期（请写成 2024-08-01、2024/8/1 或 2024年8月1日）",
    ),
    # reading a spreadsheet
    "file_unsupported": (
        "{file}: unsupported file type, use .csv, .xlsx, .xlsm, .xls or .ods",
        "{file}: 不支持的文件类型，请使用 .csv、.xlsx、.xlsm、.xls 或 .ods",
    ),
    "sheet_for_csv": (
        "{file}: --sheet is for workbooks; a CSV file has one table",
        "{file}: --sheet 只用于工作簿；CSV 文件只有一张表",
    ),
    "no_visible_sheet": (
        "{file}: the workbook has no visible sheet to read",
        "{file}: 工作簿中没有可读取的可见工作表",
    ),
    "header_unit_unknown": (
        "{where}:{row}: the header {header!r} has a unit that is not known ({why}); write one of {units}",
        "{where}:{row}: 表头 {header!r} 的单位无法识别（{why}）；请写成以下之一：{units}",
    ),
    "row_problems": ("{where}:{row}: {problems}", "{where}:{row}: {problems}"),
    "cell_problem": ("{column}: {problem}", "{column}：{problem}"),
    "cell_error": ("the cell shows the error {value}", "单元格显示错误 {value}"),
    "row_too_wide": (
        "the row has {values} values but the header has {columns} columns",
        "该行有 {values} 个值，但表头只有 {columns} 列",
    ),
    "not_yes_no": ("{value!r} is not true or false", "{value!r} 不是“是”或“否”"),
    "is_empty": ("is empty", "为空"),
    "the_text": ("the text", "文本"),
    "twice_in_file": (
        "{value!r} appears more than once in this file",
        "{value!r} 在本文件中出现了不止一次",
    ),
    "twice_in_file_for": (
        "{value!r} appears more than once in this file for {district}",
        "{value!r} 在本文件中出现了不止一次（{district}）",
    ),
    "date_before_start": (
        "{date} is before the programme starts ({start})",
        "{date} 早于计划开始日期（{start}）",
    ),
    "date_after_end": (
        "{date} is after the programme ends ({end})",
        "{date} 晚于计划结束日期（{end}）",
    ),
    "day_future": (
        "{date} is in the future (today is {today})",
        "{date} 是将来的日期（今天是 {today}）",
    ),
    "no_such_file": ("'{file}': no such file", "'{file}': 文件不存在"),
    "is_folder_not_file": ("{file}: is a folder, not a file", "{file}: 是文件夹，不是文件"),
    "cannot_read": ("{file}: cannot read the file: {why}", "{file}: 无法读取文件：{why}"),
    "unit_contradicts": (
        "the column counts in {unit} but {target} is counted in {its}",
        "该列的单位是{unit}，但{target}的单位是{its}",
    ),
    "columns_clash": (
        "{first!r} and {second!r} both mean {field}",
        "{first!r} 和 {second!r} 都表示{field}",
    ),
    "columns_rename": (
        "{where}:{row}: columns {clash}; rename one",
        "{where}:{row}: 列 {clash}；请重命名其中一列",
    ),
    "column_missing": (
        "{where}:{row}: missing column {need}; the header row has: {found}",
        "{where}:{row}: 缺少列 {need}；表头行为：{found}",
    ),
    "file_empty": (
        "{where}: the file is empty; its first row must name the columns (target, amount, date; or 目标, 数量, 日期)",
        "{where}: 文件为空；第一行应为列名（目标、数量、日期；或 target, amount, date）",
    ),
    "no_header": (
        "{where}: no header row in rows {first}-{last}: no row names the columns target, amount and date (accepted names: {accepted})",
        "{where}: 第 {first}-{last} 行中没有表头行：没有一行写明目标、数量和日期列（可用的列名：{accepted}）",
    ),
    "field_target": ("target", "目标"),
    "field_amount": ("amount", "数量"),
    "field_date": ("date", "日期"),
    "field_district": ("district", "区"),
    "field_by": ("by", "填报人"),
    "field_note": ("note", "备注"),
    "field_ref": ("form no.", "表单编号"),
    "field_uid": ("uid", "记录标识"),
    "field_void": ("void", "作废"),
    "csv_open_quote": (
        '{file}:{row}: a quoted cell is never closed (a " is missing), so every line after it would be read into it',
        '{file}:{row}: 有一个引号单元格没有闭合（缺少一个 "），其后的所有行都会被读进这个单元格',
    ),
    "csv_encoding": (
        "{file}:{line}: the text is neither UTF-8 nor GBK (line {line} is the first that is not UTF-8); save the file as 'CSV UTF-8'",
        "{file}:{line}: 文本既不是 UTF-8 也不是 GBK（第 {line} 行起不是 UTF-8）；请另存为“CSV UTF-8”",
    ),
    "csv_row_unreadable": (
        "{file}:{row}: cannot read this CSV row: {why}",
        "{file}:{row}: 无法读取这一 CSV 行：{why}",
    ),
    "csv_utf16": (
        "{file}: is saved as UTF-16 ('Unicode text'); save it as 'CSV UTF-8'",
        "{file}: 保存成了 UTF-16（“Unicode 文本”）；请另存为“CSV UTF-8”",
    ),
    "csv_is_zip": (
        "{file}: is a zip file (an .xlsx workbook?), not CSV text; name it .xlsx or save it as CSV",
        "{file}: 是 zip 文件（可能是 .xlsx 工作簿），不是 CSV 文本；请改名为 .xlsx 或另存为 CSV",
    ),
    "not_workbook": (
        "{file}: is not a workbook (.xlsx, .xls or .ods) but another kind of file; if it is CSV text, name it .csv",
        "{file}: 不是工作簿（.xlsx、.xls 或 .ods），而是其他类型的文件；如果是 CSV 文本，请改名为 .csv",
    ),
    "no_such_sheet": (
        "{file}: has no sheet {sheet!r}; its sheets are {sheets}",
        "{file}: 没有工作表 {sheet!r}；现有工作表为 {sheets}",
    ),
    "sheet_damaged": (
        "{file}: sheet {sheet!r} is damaged ({why}); open it in Excel/WPS and save it again",
        "{file}: 工作表 {sheet!r} 已损坏（{why}）；请用 Excel/WPS 打开后重新保存",
    ),
    "workbook_password": (
        "{file}: is protected by a password; open it in Excel/WPS, remove the password and save it again",
        "{file}: 设有密码；请用 Excel/WPS 打开，取消密码后重新保存",
    ),
    "workbook_damaged": (
        "{file}: is not a readable workbook (damaged, truncated, or another kind of file); open it in Excel/WPS and save it again",
        "{file}: 不是可读取的工作簿（已损坏、不完整或是其他类型的文件）；请用 Excel/WPS 打开后重新保存",
    ),
    "formula_unsaved": (
        "formula has no saved value; open and save the file in Excel/WPS",
        "公式没有保存的计算结果；请用 Excel/WPS 打开并保存文件",
    ),
    "line_too_long": (
        "{file}:{row}: the line is longer than {limit:,} characters, over the limit for a row",
        "{file}:{row}: 该行超过 {limit:,} 个字符，超出单行的限制",
    ),
    "workbook_too_big": (
        "{file}: is {size}, over the limit of {limit} for a workbook; split it, or save it as CSV",
        "{file}: 大小为 {size}，超过工作簿 {limit} 的限制；请拆分文件，或另存为 CSV",
    ),
    "workbook_unpacks_big": (
        "{file}: unpacks to {size}, over the limit of {limit} for a workbook; split it, or save it as CSV",
        "{file}: 解压后为 {size}，超过工作簿 {limit} 的限制；请拆分文件，或另存为 CSV",
    ),
    "workbook_strings": (
        "{file}: holds more than {limit:,} different texts (shared strings), over the limit for a workbook; split it, or save it as CSV",
        "{file}: 含有超过 {limit:,} 个不同的文本（共享字符串），超出工作簿的限制；请拆分文件，或另存为 CSV",
    ),
    "sheet_rows": (
        "{file}: {sheet} has {n:,} rows, over the limit of {limit:,}; split it, or save it as CSV",
        "{file}: 工作表 {sheet} 有 {n:,} 行，超过 {limit:,} 行的限制；请拆分文件，或另存为 CSV",
    ),
    "sheet_columns": (
        "{file}: {sheet} has {n:,} columns, over the limit of {limit:,}; split it, or save it as CSV",
        "{file}: 工作表 {sheet} 有 {n:,} 列，超过 {limit:,} 列的限制；请拆分文件，或另存为 CSV",
    ),
    "sheet_cells": (
        "{file}: {sheet} has cells spread over {rows:,} rows x {columns:,} columns, over the limit of {limit:,} cells; split it, or save it as CSV",
        "{file}: 工作表 {sheet} 的单元格分布在 {rows:,} 行 × {columns:,} 列，超过 {limit:,} 个单元格的限制；请拆分文件，或另存为 CSV",
    ),
    "row_columns": (
        "{file}:{row}: the row has {n:,} columns, over the limit of {limit:,}",
        "{file}:{row}: 该行有 {n:,} 列，超过 {limit:,} 列的限制",
    ),
    # the export's columns (English: the codes scripts use; see sheets.writing.export_header)
    "col_id": ("id", "条目号"),
    "col_uid": ("uid", "记录标识"),
    "col_target": ("target", "目标代码"),
    # 名称 beside 目标代码, as in the report's CSV; not 目标名称, which an import reads as the
    # target column (sheets/tables.py HEADER_NAMES).
    "col_target_name": ("target_name", "名称"),
    "col_date": ("date", "日期"),
    "col_amount": ("amount", "数量"),
    "col_district": ("district", "区"),
    "col_by": ("by", "填报人"),
    "col_note": ("note", "备注"),
    "col_ref": ("ref", "表单编号"),
    "col_source": ("source", "来源"),
    "col_amends": ("amends", "更正自条目号"),
    "col_void": ("void", "作废"),
    "col_void_reason": ("void_reason", "作废原因"),
    "col_created_at": ("created_at", "录入时间"),
    "col_login": ("login", "数据库登录名"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "sheet_entries": ("entries", "条目"),
    "output_is_programme": (
        "{path}: is the programme file in use; choose another output file",
        "{path}: 是正在使用的计划文件；请换一个输出文件",
    ),
    "fail_on": (
        "--fail-on {status}: {n:target|targets}: {names}",
        "--fail-on {status}：{n} 个目标：{names}",
    ),
    "fail_on_target": ("{name} ({id}, {status})", "{name}（{id}，{status}）"),
    # the report's CSV columns in Chinese (English: the codes)
    "col_as_of": ("as_of", "统计截止日"),
    "col_action": ("action", "行动"),
    "col_name": ("name", "名称"),
    "col_kind": ("kind", "类型"),
    "col_unit": ("unit", "单位"),
    "col_goal": ("goal", "目标值"),
    "col_actual": ("actual", "完成"),
    "col_percent": ("percent", "完成率"),
    "col_remaining": ("remaining", "剩余"),
    "col_expected": ("expected", "应完成"),
    "col_status": ("status", "状态"),
    "col_timing": ("timing", "提前或逾期"),
    "col_forecast": ("forecast", "预计"),
    "col_needed_per_week": ("needed_per_week", "每周需完成"),
    "col_due": ("due", "截止"),
    "col_last_entry": ("last_entry", "最近填报"),
    "not_entry_id": ("{value!r} is not an entry id", "{value!r} 不是条目号"),
    "not_entry_id_or_blank": (
        "{value!r} is not an entry id (leave it blank for a new entry)",
        "{value!r} 不是条目号（新增的行请留空）",
    ),
    "export_without_ids": (
        "{place}: this file is a ledger export without its id and uid columns (条目号, 记录标识), and this row has no form number either: it cannot be told from an entry already recorded, so importing it would count the entry twice; import the export with both columns, or, if these rows are really new, use --force",
        "{place}: 该文件是账本导出文件，但删去了条目号和记录标识两列，而该行也没有表单编号：无法判断它是否已经记录，导入会重复计数；请导入保留这两列的导出文件；如这些行确是新记录，请加 --force",
    ),
    "export_cut_columns": (
        "{place}: this file is a ledger export without its {columns} column(s): they say which entries are void and which amend others, so without them voided entries would count again or vanish, and amendments lose their links; import the export with all its columns (export the ledger again), or, to read the rows as a district's sheet, use --force",
        "{place}: 该文件是账本导出文件，但删去了 {columns} 列：这些列记录哪些条目已作废、哪些更正了其他条目，缺了它们，已作废的条目会被重新计入或丢失，更正也失去关联；请导入保留全部列的导出文件（可重新导出），如要按区报表读取这些行，请加 --force",
    ),
    "export_without_uid": (
        "{place}: this file is a ledger export without its uid column (记录标识), and this row has no form number either: the uid is what identifies an entry, so the row cannot be told from an entry already recorded and importing it would count the entry twice; import the export with its uid column, or, if these rows are really new, use --force",
        "{place}: 该文件是账本导出文件，但删去了记录标识一列，而该行也没有表单编号：条目靠记录标识识别，无法判断该行是否已经记录，导入会重复计数；请导入保留记录标识列的导出文件；如这些行确是新记录，请加 --force",
    ),
    "uid_cleared": (
        "blank, but the row has entry number {id} ({id_column}): the record id identifies the entry, so without it the row would count the entry twice; restore it from the export, or clear the entry number to add the row as a new entry",
        "为空，但该行有条目号 {id}（{id_column}）：记录标识用于识别条目，缺了它该行会被重复计数；请从导出文件中恢复记录标识，或清空条目号，把该行作为新条目导入",
    ),
    "month_twice": (
        "--month {text!r} is in the programme period more than once; give the year ({example})",
        "--month {text!r} 在计划期内出现不止一次；请写明年份（{example}）",
    ),
    "orphan": ("{target} ({n:entry|entries})", "{target}（{n} 条）"),
    "orphans": (
        "entries under target ids that are not in the programme: {listed}; if a target was renamed, list its old id under was: in the programme file",
        "以下目标代码不在计划中，其记录未被计入：{listed}；如目标改过代码，请在计划文件中该目标的 was: 下列出旧代码",
    ),
    "at_file": ("{file}: {problem}", "{file}: {problem}"),
    "cell_too_long": (
        "{file}:{row}: a cell has more than {limit:,} characters, over the limit for a cell",
        "{file}:{row}: 有一个单元格超过 {limit:,} 个字符，超出单元格的限制",
    ),
    "csv_too_many_lines": (
        "{file}: has more than {limit:,} lines (blank ones included), over the limit for a CSV file; split it",
        "{file}: 超过 {limit:,} 行（含空行），超出 CSV 文件的限制；请拆分文件",
    ),
    "csv_too_big": (
        "{file}: is larger than {mb:,} MB, over the limit for a CSV file; split it",
        "{file}: 大于 {mb:,} MB，超出 CSV 文件的限制；请拆分文件",
    ),
    "nothing_to_change": (
        "nothing to change: give entry {id} a new amount, --target, --date, --district, --note or --ref",
        "没有要更正的内容：请为第 {id} 条给出新的数量、--target、--date、--district、--note 或 --ref",
    ),
    "template_exists": (
        "{path}: exists already (perhaps a district's filled-in sheet); choose another name, or add --force to replace it",
        "{path}: 已存在（可能是某区已填好的表）；请换一个文件名，或加 --force 覆盖",
    ),
    "refuse_before_start": (
        "{target} counts from {start}; an entry dated {date} would never count; use --force if this is right",
        "{target}从 {start} 起计；日期为 {date} 的记录不会被计入；如确认无误，请加 --force",
    ),
    "refuse_before_cumulative": (
        "{target} starts on {start}; {date} is before it; use --force if this is right",
        "{target}从 {start} 开始；{date} 早于开始日期；如确认无误，请加 --force",
    ),
    "refuse_over_goal": (
        "{amount} {unit} is more than the whole goal of {goal} {unit}; use --force if this is right",
        "{amount}{unit} 超过了全部目标 {goal}{unit}；如确认无误，请加 --force",
    ),
    "refuse_times_goal": (
        "{amount} {unit} is {times}× the whole goal of {goal} {unit}; use --force if this is right",
        "{amount}{unit} 是全部目标 {goal}{unit} 的 {times} 倍；如确认无误，请加 --force",
    ),
    "done_meanwhile": (
        "{target} is already done ({done} of {goal}), recorded while the file was read; another entry would count it twice; use --force if this is right",
        "{target}已完成（{done} / {goal}），是在读取文件期间记录的；再记一条会重复计算；如确认无误，请加 --force",
    ),
    "changed_meanwhile": (
        "{target} changed while the file was read; nothing was written: import the file again",
        "{target}在读取文件期间有变动；未写入任何内容：请重新导入该文件",
    ),
    "amount_in_yuan": (
        "the amount {text!r} is in yuan but {target} is counted in {unit}",
        "数量 {text!r} 以元计，但{target}的单位是{unit}",
    ),
    "more_bad_rows": ("{file}: … and {n} more bad rows", "{file}: ……另有 {n} 行有误"),
    # the ledger (store/): what SQLite and a PostgreSQL server refuse, in the same words
    "busy_timeout_not_number": (
        "TENACTIONS_BUSY_TIMEOUT={value!r} is not a number of seconds",
        "TENACTIONS_BUSY_TIMEOUT={value!r} 不是秒数",
    ),
    "busy_timeout_range": (
        "TENACTIONS_BUSY_TIMEOUT={value!r} must be between 0 and 3600 seconds",
        "TENACTIONS_BUSY_TIMEOUT={value!r} 必须在 0 到 3600 秒之间",
    ),
    "entry_described": (
        "{target} {amount}{unit} on {date}",
        "{target} {amount}{unit}（{date}）",
    ),
    "entry_described_in": (
        "{target} {amount}{unit} on {date} in {district}",
        "{target} {amount}{unit}（{date}，{district}）",
    ),
    "ref_taken": (
        "reference {ref!r} is already recorded as entry {id} (use 'tenactions amend' to correct it)",
        "表单编号 {ref!r} 已记录为第 {id} 条（如需更正请用 'tenactions amend'）",
    ),
    "ref_taken_void": (
        "reference {ref!r} is already recorded as entry {id}, now void",
        "表单编号 {ref!r} 已记录为第 {id} 条（现已作废）",
    ),
    "already_void": (
        "entry {id} is already void (by {by} at {at}: {reason})",
        "第 {id} 条已作废（{by} 于 {at}：{reason}）",
    ),
    "no_entry": ("there is no entry {id}", "没有第 {id} 条记录"),
    "total_too_large": (
        "{target}: the total would reach {total}, over the largest total a target can reach ({limit}); nothing was written",
        "{target}：累计将达到 {total}，超过单个目标允许的最大累计（{limit}）；未写入任何内容",
    ),
    "totals_over_limit": (
        "the totals of {target} are damaged (over the largest total a target can reach); run 'tenactions check'",
        "{target} 的累计数据已损坏（超过单个目标允许的最大累计）；请运行 'tenactions check'",
    ),
    "totals_overflow": (
        "{file}: the totals of {target} are damaged (not a whole number: an overflow); run 'tenactions check --repair'",
        "{file}: {target} 的累计数据已损坏（不是整数：溢出）；请运行 'tenactions check --repair'",
    ),
    "row_n": ("row {row}", "第 {row} 行"),
    "no_form_number": ("no form number", "无表单编号"),
    "row_matches_amended": (
        "{place}: this row is entry {id} as first recorded, amended since (entry {live}: {entry}): not counted again; if the file is right and the amendment wrong, run 'tenactions amend {live} ...'",
        "{place}: 该行即第 {id} 条记录的原始内容，该记录已更正（第 {live} 条：{entry}）：不重复计入；如文件正确而更正有误，请运行 'tenactions amend {live} ...'",
    ),
    "row_matches_void": (
        "{place}: this row matches entry {id}, which was voided: not counted",
        "{place}: 该行即第 {id} 条记录，该记录已作废：不计入",
    ),
    "row_note_differs": (
        "{place}: this row ({ref}) is entry {id}, except its note ({note!r}; the entry has {has!r}); kept as recorded: to change it, run 'tenactions amend {id} --note ...'",
        "{place}: 该行（{ref}）即第 {id} 条记录，仅备注不同（文件：{note!r}；记录：{has!r}）；保留原记录：如需修改请用 'tenactions amend {id} --note ...'",
    ),
    "row_is_void_entry": (
        "{place}: this row ({ref}) is entry {id}, which is void ({reason}), but the file says {says}; if it is real, log it anew (tenactions log), or remove it from the file",
        "{place}: 该行（{ref}）是第 {id} 条记录，已作废（{reason}），但文件中为 {says}；如确有其事请另记一条（tenactions log），否则从文件中删去该行",
    ),
    "row_voids_entry": (
        "{place}: this row ({ref}) is entry {id}, {entry}, which counts in the ledger, but the file marks it void; to void it, run 'tenactions void {id} --reason ...'; otherwise fix the file",
        "{place}: 该行（{ref}）是第 {id} 条记录：{entry}，账本中仍计入，但文件中标为作废；如要作废，请运行 'tenactions void {id} --reason ...'；否则请修改文件",
    ),
    "row_is_entry": (
        "{place}: this row ({ref}) is already entry {id} as {entry}, but the file says {says}; if this row corrects entry {live}, run 'tenactions amend {live} ...'; {tail}",
        "{place}: 该行（{ref}）已是第 {id} 条记录：{entry}，但文件中为 {says}；如该行是对第 {live} 条的更正，请运行 'tenactions amend {live} ...'；{tail}",
    ),
    "row_is_amended_entry": (
        "{place}: this row ({ref}) is already entry {id} (amended since: now entry {live}) as {entry}, but the file says {says}; if this row corrects entry {live}, run 'tenactions amend {live} ...'; {tail}",
        "{place}: 该行（{ref}）已是第 {id} 条记录（之后已更正，现为第 {live} 条：{entry}），但文件中为 {says}；如该行是对第 {live} 条的更正，请运行 'tenactions amend {live} ...'；{tail}",
    ),
    "row_own_ref": (
        "if it is a different record, give it its own form number",
        "如是另一条记录，请给它自己的表单编号",
    ),
    "row_fix_file": ("otherwise fix the file", "否则请修改文件"),
    "check_integrity": ("integrity: {said}", "完整性检查：{said}"),
    "check_dangling": (
        "{n} rows point at entries that do not exist",
        "{n} 行指向不存在的记录",
    ),
    "check_totals_disagree": (
        "daily_totals disagree with the entries in {n:row|rows} (by target, day and district), e.g. {target} {date} {district}; run 'tenactions check --repair' to rebuild them",
        "每日合计与记录不一致（{n} 行，例如 {target} {date} {district}）；请运行 'tenactions check --repair' 重建",
    ),
    "check_totals_float": (
        "daily_totals hold {n} totals that are not whole numbers (an overflow); run 'tenactions check --repair' to rebuild them",
        "daily_totals 中有 {n} 个合计不是整数（溢出）；请运行 'tenactions check --repair' 重建",
    ),
    "misfit_period": (
        "{n:entry|entries} ({ids}) dated outside this programme's period ({start} to {end}): another year's, not counted in this programme's reports; if one was written around tenactions by mistake, void it: 'tenactions void {first} --reason …'",
        "{n} 条记录（{ids}）的日期不在本计划期间（{start} 至 {end}）内：属于其他年度，不计入本计划的报告；若其中有绕过 tenactions 误写入的记录，请将其作废：'tenactions void {first} --reason …'",
    ),
    "misfit_future": (
        "{n:entry|entries} ({ids}) dated after today ({today}), which 'tenactions log' refuses; check each and void it: 'tenactions void {first} --reason …'",
        "{n} 条记录（{ids}）的日期晚于今天（{today}），'tenactions log' 不会接受；请逐条核对后作废：'tenactions void {first} --reason …'",
    ),
    "misfit_whole": (
        "{n:entry|entries} ({ids}) of {target} with an amount that is not a whole number, which 'tenactions log' refuses; check each and void it: 'tenactions void {first} --reason …'",
        "{target}有 {n} 条记录（{ids}）的数量不是整数，'tenactions log' 不会接受；请逐条核对后作废：'tenactions void {first} --reason …'",
    ),
    "misfit_decimals": (
        "{n:entry|entries} ({ids}) of {target} with an amount finer than {decimals} decimal places, which 'tenactions log' refuses; check each and void it: 'tenactions void {first} --reason …'",
        "{target}有 {n} 条记录（{ids}）的数量超过 {decimals} 位小数，'tenactions log' 不会接受；请逐条核对后作废：'tenactions void {first} --reason …'",
    ),
    "misfit_window": (
        "{n:entry|entries} ({ids}) of {target} dated outside its window ({opens} to {due}): recorded with --force, or written around tenactions; reports count them; if one was not meant, void it: 'tenactions void {first} --reason …'",
        "{target}有 {n} 条记录（{ids}）的日期不在其时间窗口（{opens} 至 {due}）内：系加 --force 记录，或绕过 tenactions 写入；报告会计入这些记录；如非有意，请作废：'tenactions void {first} --reason …'",
    ),
    "misfit_not_repaired": (
        "--repair never changes an entry: the entries above are left as they are; void each one that should not count",
        "--repair 从不修改记录：以上记录保持原样；不应计入的请逐条作废",
    ),
    "check_shared_ref": (
        "entries {ids} are live and share the form number {ref!r} in {district}; void or amend all but one",
        "第 {ids} 条记录均有效且表单编号相同（{ref!r}，{district}）；请只保留一条，其余作废或更正",
    ),
    "check_over_limit": (
        "{target}: its entries add up to about {about}, over the largest total a target can reach ({limit}); void the wrong entries (the latest is {latest}: tenactions entries --target {target}), then run 'tenactions check --repair'",
        "{target}：有效记录合计约 {about}，超过单个目标允许的最大累计（{limit}）；请作废错误的记录（最新一条为第 {latest} 条：tenactions entries --target {target}），再运行 'tenactions check --repair'",
    ),
    "check_no_table": ("schema: table {name} is missing", "结构：缺少表 {name}"),
    "check_no_trigger": (
        "schema: trigger {name} is missing (entries could be changed)",
        "结构：缺少触发器 {name}（记录可能被修改）",
    ),
    "check_no_view": ("schema: view {name} is missing", "结构：缺少视图 {name}"),
    "backup_exists": (
        "{file}: already exists; choose a new file name",
        "{file}: 已存在；请换一个文件名",
    ),
    "backup_damaged": (
        "{file}: the ledger is damaged; no backup was written; restore it from an earlier backup",
        "{file}: 数据库已损坏；未写入备份；请从更早的备份恢复",
    ),
    "backup_unwritable": ("{file}: cannot write the backup: {why}", "{file}: 无法写入备份：{why}"),
    "db_busy": (
        "{file}: the database is busy (another tenactions is writing); try again, or raise TENACTIONS_BUSY_TIMEOUT",
        "{file}: 数据库正忙（另一个 tenactions 正在写入）；请稍后重试，或调大 TENACTIONS_BUSY_TIMEOUT",
    ),
    "db_read_only": (
        "{file}: the database is read-only; nothing was written",
        "{file}: 数据库是只读的；未写入任何内容",
    ),
    "db_cannot_open": (
        "{file}: cannot open the database file (check the folder exists and is writable)",
        "{file}: 无法打开数据库文件（请检查文件夹是否存在且可写）",
    ),
    "db_io_error": (
        "{file}: cannot read or write the database file: input/output error (the disk or device failed); is it a regular file?",
        "{file}: 无法读写数据库文件：输入/输出错误（磁盘或设备故障）；它是普通文件吗？",
    ),
    "db_disk_full": (
        "{file}: the disk is full; nothing was written",
        "{file}: 磁盘已满；未写入任何内容",
    ),
    "db_damaged": (
        "{file}: the ledger is damaged; restore it from a backup",
        "{file}: 数据库已损坏；请从备份恢复",
    ),
    "db_error": ("{file}: database error: {said}", "{file}: 数据库错误：{said}"),
    "db_is_folder": (
        "{file}: is a folder, not a database file",
        "{file}: 是文件夹，不是数据库文件",
    ),
    "db_no_folder": (
        "{file}: cannot create its folder: {why}",
        "{file}: 无法创建所在文件夹：{why}",
    ),
    "db_network_share": (
        "{file}: is on a network file system ({share}), where SQLite's locking cannot be trusted; share the ledger through a PostgreSQL server instead (see docs/server.md)",
        "{file}: 位于网络文件系统（{share}）上，SQLite 的文件锁在此不可靠；请改用 PostgreSQL 服务器共享数据库（见 docs/server.md）",
    ),
    "db_not_ledger": (
        "{file}: is an SQLite database, but not a tenactions ledger",
        "{file}: 是 SQLite 数据库，但不是 tenactions 数据库",
    ),
    "db_newer": (
        "{file}: was written by a newer tenactions (schema {version}; this one reads up to {reads}); upgrade tenactions",
        "{file}: 由更新版本的 tenactions 写入（结构版本 {version}，本版本最高支持 {reads}）；请升级 tenactions",
    ),
    "db_unknown_kind": (
        "{file}: unknown kind of database {scheme!r}; give a file path for an SQLite ledger, or postgresql://user@host/database for a server",
        "{file}: 未知的数据库类型 {scheme!r}；SQLite 数据库请给文件路径，服务器请给 postgresql://用户@主机/数据库",
    ),
    "copy_same_ledger": (
        "{file}: --from and --to are the same ledger",
        "{file}: --from 与 --to 是同一个数据库",
    ),
    "copy_ids_clash": (
        "{file}: holds other entries under the same ids (e.g. entry {id}); copy into an empty ledger, or into one copied from the same source",
        "{file}: 同一条目号下已有其他记录（例如第 {id} 条）；请复制到空数据库，或复制到由同一来源复制的数据库",
    ),
    "db_from_from_option": ("given by --from", "由 --from 指定"),
    "db_bad_server_address": (
        "{file}: looks like a server's address, but {what}; write it as {form}",
        "{file}：看似服务器地址，但{what}；请写成 {form}",
    ),
    "url_spaced": (
        "it starts or ends with a space ({value})",
        "开头或结尾有空格（{value}）",
    ),
    "url_full_width": (
        "it has full-width characters ({chars}); type : and / with the input method in English mode",
        "其中有全角字符（{chars}）；请在输入法的英文状态下输入 : 和 /",
    ),
    "url_no_slashes": (
        "{scheme} is followed by {found!r}, not '://'",
        "{scheme} 之后是 {found!r}，而不是 '://'",
    ),
    "pg_no_driver": (
        "a PostgreSQL ledger needs the psycopg driver: pip install 'tenactions[postgres]'",
        "PostgreSQL 数据库需要 psycopg 驱动：pip install 'tenactions[postgres]'",
    ),
    "pg_identity_race": (
        "{file}: an identity kept being taken by other writers",
        "{file}: 记录标识一再被其他写入者占用",
    ),
    "pg_role_reads": (
        "{file}: the role {role} may only read this ledger; nothing was written",
        "{file}: 角色 {role} 只能读取此数据库；未写入任何内容",
    ),
    "pg_role_district": (
        "{file}: the role {role} may write only entries of {district}; nothing was written",
        "{file}: 角色 {role} 只能写入 {district} 的记录；未写入任何内容",
    ),
    "pg_busy": (
        "{file}: the database is busy (other writers hold what this command needs); try again, or raise TENACTIONS_BUSY_TIMEOUT",
        "{file}: 数据库正忙（其他写入者占用了本命令所需的数据）；请稍后重试，或调大 TENACTIONS_BUSY_TIMEOUT",
    ),
    "pg_disk_full": (
        "{file}: the server's disk is full; nothing was written",
        "{file}: 服务器磁盘已满；未写入任何内容",
    ),
    "pg_permission": (
        "{file}: permission denied; nothing was written; the server says: {said}",
        "{file}: 权限不足；未写入任何内容；服务器的原话：{said}",
    ),
    "pg_no_answer": (
        "{file}: the server stopped answering (no reply in {seconds} s: it may be stopped or overloaded, or the network to it gone); if this command was writing, 'tenactions entries' shows whether it was recorded once the server answers again",
        "{file}: 服务器停止应答（{seconds} 秒内无回复：服务器可能已停止或负载过重，或网络已断开）；如本命令正在写入，请在服务器恢复应答后用 'tenactions entries' 查看是否已记录",
    ),
    "pg_connection_lost": (
        "{file}: the connection to the server was lost; the driver says: {said}",
        "{file}: 与服务器的连接中断；驱动程序的原话：{said}",
    ),
    "pg_bad_url": (
        "{file}: not a usable database URL ({said}); write it as postgresql://USER@HOST[:PORT]/DATABASE",
        "{file}: 不是可用的数据库地址（驱动程序的原话：{said}）；请写成 postgresql://USER@HOST[:PORT]/DATABASE",
    ),
    "pg_cannot_connect": (
        "{file}: cannot connect to the server; the driver says: {said}",
        "{file}: 无法连接服务器；驱动程序的原话：{said}",
    ),
    "pg_wrong_password": (
        '{file}: cannot connect to the server: password authentication failed for user "{user}"; check the password (in the URL, PGPASSWORD or ~/.pgpass)',
        '{file}: 无法连接服务器：用户 "{user}" 的密码不对；请检查密码（地址中、PGPASSWORD 或 ~/.pgpass）',
    ),
    "pg_no_password": (
        '{file}: cannot connect to the server at {where}: it asks user "{user}" for a password and none was found; libpq looks in PGPASSWORD, ~/.pgpass (HOST:PORT:DATABASE:USER:PASSWORD, mode 0600) and the service file (~/.pg_service.conf)',
        '{file}: 无法连接服务器 {where}：服务器要求用户 "{user}" 提供密码，但未找到密码；驱动程序会在 PGPASSWORD、~/.pgpass（主机:端口:数据库:用户:密码，权限 0600）和服务文件（~/.pg_service.conf）中查找',
    ),
    "pg_not_answering": (
        "{file}: cannot connect to the server: nothing answers at {where}; is the server running, and is that the right host and port?",
        "{file}: 无法连接服务器：{where} 无应答；服务器是否在运行，主机和端口是否正确？",
    ),
    "pg_unknown_host": (
        "{file}: cannot connect to the server: the host name {host!r} is not known; check the address",
        "{file}: 无法连接服务器：找不到主机名 {host!r}；请检查地址",
    ),
    "pg_no_database": (
        '{file}: the server at {where} has no database named "{database}"; check the name, or ask the administrator to create it (createdb)',
        '{file}: 服务器 {where} 上没有名为 "{database}" 的数据库；请检查名称，或请管理员创建（createdb）',
    ),
    "pg_no_role": (
        '{file}: the server at {where} has no user (role) named "{user}"; check the user name, or ask the administrator to create it',
        '{file}: 服务器 {where} 上没有名为 "{user}" 的用户（角色）；请检查用户名，或请管理员创建',
    ),
    "pg_permission_on": (
        "{file}: permission denied on {kind} {name}; nothing was written; ask the ledger's owner for access",
        "{file}: 权限不足，无权访问{kind} {name}；未写入任何内容；请向数据库所有者申请权限",
    ),
    "pg_kind_table": ("the table", "表"),
    "pg_kind_schema": ("the schema", "schema"),
    "pg_kind_database": ("the database", "数据库"),
    "pg_kind_sequence": ("the sequence", "序列"),
    "pg_kind_function": ("the function", "函数"),
    "pg_kind_view": ("the view", "视图"),
    "pg_too_old": (
        "{file}: the server runs PostgreSQL {found}; tenactions needs PostgreSQL 12 or newer",
        "{file}: 服务器运行的是 PostgreSQL {found}；tenactions 需要 PostgreSQL 12 或更新版本",
    ),
    "pg_no_ledger": (
        "there is no ledger in {file} ({how}); check the URL, or log or import an entry to create one",
        "{file} 中没有数据库（{how}）；请检查地址，或先记录或导入一条记录以新建数据库",
    ),
    "db_from_given": ("as given", "按所给地址"),
    "pg_schema_not_ledger": (
        "{file}: has a schema named {schema}, but it is not a tenactions ledger",
        "{file}: 有名为 {schema} 的 schema，但不是 tenactions 数据库",
    ),
    "pg_no_version": (
        "{file}: is not a tenactions ledger (its schema has no version)",
        "{file}: 不是 tenactions 数据库（其 schema 没有版本号）",
    ),
    "access_district_or_read_only": (
        "give either --district NAME or --read-only",
        "请给出 --district 区名 或 --read-only 之一",
    ),
    "access_needs_server": (
        "{file}: roles belong to a PostgreSQL ledger; give --db postgresql://...",
        "{file}: 角色只用于 PostgreSQL 数据库；请用 --db postgresql://... 指定",
    ),
    "the_role": ("the role name", "角色名"),
    "role_empty": (
        "the role name is empty; give the name of a login role, e.g. 'tianhe'",
        "角色名为空；请给出登录角色的名称，例如 'tianhe'",
    ),
    # reading an import file (sheets/reading.py)
    "no_file_given": ("no file was given (the file name is empty)", "没有给出文件（文件名为空）"),
    "not_regular_file": (
        "{file}: is not a regular file (a device, a pipe or a system file)",
        "{file}: 不是普通文件（是设备、管道或系统文件）",
    ),
    "page_unit_unknown": (
        "{where}:{row}: the unit 单位：{word} is not known; write one of {units}",
        "{where}:{row}: 单位：{word} 无法识别；请写成以下之一：{units}",
    ),
    "page_unit_disagrees": (
        "{where}:{row}: the sheet says 单位：{sheet_unit} but the header {header!r} (row {header_row}) says {unit}; make them agree",
        "{where}:{row}: 表上写明单位：{sheet_unit}，但第 {header_row} 行的表头 {header!r} 的单位是{unit}；请使两者一致",
    ),
    "amount_merged": (
        "{header}: the amount cell is merged over rows {first}–{last}; give each row its own amount",
        "{header}：数量单元格合并了第 {first}–{last} 行；请每行各填自己的数量",
    ),
    "row_copied_across": (
        "{where}:{row}: the same target, date, amount and district as {other}; is one sheet a copy of another? (use --force to import both)",
        "{where}:{row}: 与 {other} 的目标、日期、数量和区完全相同；是否一张工作表重复了另一张？（确需都导入请加 --force）",
    ),
    # info, and the demo ledger (demo.py, for `make demo`)
    "info_server": (
        "a server; the ledger exists; a password, if any, is not shown",
        "服务器；数据库已存在；如有密码，不予显示",
    ),
    "info_server_missing": (
        "a server; no ledger there yet; log or import creates it",
        "服务器；尚无数据库；首次记录或导入时创建",
    ),
    "info_server_unreachable": (
        "a server; not reached: {why}",
        "服务器；无法访问：{why}",
    ),
    "demo_seeded": (
        "demo ledger {file}: {added:entry|entries} added ({present} already there)",
        "演示数据库 {file}：新增 {added} 条记录（{present} 条原已存在）",
    ),
    # the programme file (programme.py, programme_schema.py)
    "programme_problem": ("{file}:{pos}: {where}: {what}", "{file}:{pos}: {where}：{what}"),
    "where_file": ("file", "文件"),
    "where_action": ("action {number}", "行动 {number}"),
    "where_target": ("target {id}", "目标 {id}"),
    "where_district": ("district {name}", "区 {name}"),
    "where_action_n": ("action #{n}", "第 {n} 项行动"),
    "where_target_n": ("target #{n}", "第 {n} 个目标"),
    "where_district_n": ("district #{n}", "第 {n} 个区"),
    "where_checkpoint_n": ("checkpoint #{n}", "第 {n} 个检查点"),
    "where_alias_n": ("alias #{n}", "第 {n} 个别名"),
    "where_former_id_n": ("former id #{n}", "第 {n} 个旧代码"),
    "programme_too_big": (
        "{file}: the file is {size:,} bytes; a programme file is at most 1 MB",
        "{file}: 文件有 {size:,} 字节；计划文件最大 1 MB",
    ),
    "no_programme_file": ("{file}: no such programme file", "{file}: 计划文件不存在"),
    "programme_is_folder": (
        "{file}: is a folder, not a programme file",
        "{file}: 是文件夹，不是计划文件",
    ),
    "programme_unreadable": ("{file}: {why}", "{file}: {why}"),
    "prog_date_time": (
        "must be a date (YYYY-MM-DD), not a date and time",
        "须为日期（YYYY-MM-DD），不能带时间",
    ),
    "prog_not_date": (
        "{value!r} is not a date (write YYYY-MM-DD)",
        "{value!r} 不是日期（请写成 YYYY-MM-DD）",
    ),
    "prog_not_percentage": ("{value!r} is not a percentage", "{value!r} 不是百分比"),
    "prog_control": ("contains a control character ({code})", "含有控制字符（{code}）"),
    "prog_not_utf8": (
        "not UTF-8 text (byte {byte}); save it as UTF-8",
        "不是 UTF-8 文本（第 {byte} 字节）；请另存为 UTF-8",
    ),
    "prog_empty": ("the programme file is empty", "计划文件为空"),
    "prog_alias": (
        "alias {anchor} is not allowed; write the value out",
        "不允许使用别名 {anchor}；请直接写出值",
    ),
    "prog_yaml": ("{said}", "语法错误：{said}"),
    "prog_yaml_unparsed": ("cannot be parsed", "无法解析"),
    "prog_tag": ("tag {tag} is not allowed", "不允许使用标签 {tag}"),
    "prog_merge_key": (
        "keys must be plain names (no merge keys)",
        "键必须是普通名称（不允许合并键）",
    ),
    "prog_duplicate_key": (
        "duplicate key {key!r} (first at line {line})",
        "重复的键 {key!r}（首次出现在第 {line} 行）",
    ),
    "not_real_date_yaml": (
        "{text!r} is not a real date ({why})",
        "{text!r} 不是有效的日期（{why}）",
    ),
    "prog_not_mapping": (
        "the programme must be a mapping of keys (name_zh, start, actions, ...)",
        "计划文件必须是键值映射（name_zh、start、actions 等）",
    ),
    "prog_unknown_key": ("unknown key (check its spelling)", "未知的键（请检查拼写）"),
    "prog_missing_key": ("required key is missing", "缺少必需的键"),
    "prog_bad_id": (
        "an id is lower-case letters, digits, - and _ (e.g. trees, gig-members), at most 40",
        "目标代码只能由小写字母、数字、- 和 _ 组成（例如 trees、gig-members），最多 40 个字符",
    ),
    "prog_empty_value": ("must not be empty", "不能为空"),
    "prog_too_long": (
        "is longer than {max_length:,} characters",
        "超过 {max_length:,} 个字符",
    ),
    "prog_too_few": ("needs at least {min_length:item|items}", "至少需要 {min_length} 项"),
    "prog_gt": ("must be greater than {gt}", "必须大于 {gt}"),
    "prog_ge": ("must be at least {ge}", "不能小于 {ge}"),
    "prog_lt": ("must be less than {lt}", "必须小于 {lt}"),
    "prog_le": ("must be at most {le}", "不能大于 {le}"),
    "prog_whole": ("must be a whole number", "必须是整数"),
    "prog_text": ("must be text", "必须是文本"),
    "prog_list": ("must be a list", "必须是列表"),
    "prog_mapping": ("must be a mapping of keys", "必须是键值映射"),
    "prog_number": ("must be a number", "必须是数字"),
    "prog_one_of": ("must be {choices}", "必须是 {choices}"),
    "prog_invalid": ("{said}", "取值无效（{said}）"),
    "prog_more_problems": ("… and {n} more problems like these", "……另有 {n} 个同类问题"),
    "prog_number_twice": ("action number {number} is used twice", "行动编号 {number} 重复"),
    "prog_name_taken": (
        "{key!r} already names target {target}; ids, aliases and names must be unique",
        "{key!r} 已是目标 {target} 的名称；目标代码、别名和名称不能重复",
    ),
    "prog_period_backwards": (
        "the period ends ({end}) on or before it starts ({start})",
        "计划期的结束日期（{end}）不晚于开始日期（{start}）",
    ),
    "prog_outside_period": (
        "{date} is outside the period {start} to {end}",
        "{date} 不在计划期 {start} 至 {end} 内",
    ),
    "prog_milestone_due": (
        "a milestone needs a due date (due: YYYY-MM-DD)",
        "节点类目标需要截止日期（due: YYYY-MM-DD）",
    ),
    "prog_window_milestone": ("only a milestone has a window", "只有节点类目标可以设窗口开始日期"),
    "prog_recurring_every": (
        "a recurring target needs every: week, month or quarter",
        "周期类目标需要 every: week、month 或 quarter",
    ),
    "prog_every_recurring": ("only a recurring target has every:", "只有周期类目标可以设 every"),
    "prog_starts_after_end": ("starts after it ends ({end})", "开始日期晚于结束日期（{end}）"),
    "prog_goal_numerals": (
        "{text!r} is not a number: write the goal in digits (60, 1.2万)",
        "'{text}' 不是数字：目标值请用阿拉伯数字书写（如 60、1.2万）",
    ),
    "prog_goal_unit": (
        "{text!r} is in {unit}, but the target is counted in {its}",
        "'{text}' 的单位是{unit}，但该目标的单位是{its}",
    ),
    "prog_goal_decimals": (
        "has more than {decimals} decimal places (decimals: {decimals})",
        "小数超过 {decimals} 位（decimals: {decimals}）",
    ),
    "prog_checkpoints_cumulative": (
        "only a cumulative target has checkpoints",
        "只有累计类目标可以设检查点",
    ),
    "prog_outside_target": (
        "{date} is outside the target's {start} to {end}",
        "{date} 不在目标期 {start} 至 {end} 内",
    ),
    "prog_shares_down": ("checkpoint shares must not go down", "检查点的比例不能下降"),
    "prog_two_districts": ("{key!r} names two districts", "{key!r} 对应了两个区"),
    # why a file operation failed, by its error number (errors.os_reason)
    "os_enoent": ("no such file or folder", "文件或文件夹不存在"),
    "os_eacces": ("permission denied", "没有权限"),
    "os_enospc": ("no space left on device", "设备空间已满"),
    "os_edquot": ("over the disk quota", "超出磁盘配额"),
    "os_eisdir": ("the path is a folder", "该路径是文件夹"),
    "os_enotdir": ("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    "os_erofs": ("the file system is read-only", "文件系统为只读"),
    "os_eio": ("input/output error (the disk or device failed)", "输入/输出错误（磁盘或设备故障）"),
    "os_enametoolong": ("the name is too long", "名称过长"),
    "os_eexist": ("the file already exists", "文件已存在"),
    "os_efbig": ("the file is too large", "文件过大"),
    "os_eloop": ("too many levels of links", "链接层数过多"),
    "os_enodev": ("no such device", "设备不存在"),
    "os_ebusy": ("the file or device is busy", "文件或设备正忙"),
    "os_etxtbsy": ("the file is in use", "文件正被使用"),
    "os_emfile": ("too many open files", "打开的文件过多"),
    "os_ebadf": ("the file is closed", "文件已关闭"),
    "os_epipe": ("the reader has gone", "读取方已退出"),
    "os_einval": ("the file does not accept this", "该文件不接受此操作"),
    "os_other": ("system error {name}", "系统错误 {name}"),
    # A ledger on a server: revoking access, upgrades, backups, and what check finds there.
    "access_revoked": (
        "{role} may no longer read or write the ledger. The login role itself remains: an administrator drops it, if no longer needed, with DROP ROLE {role}.",
        "{role} 已不能再读取或写入本数据库。登录角色本身仍保留：如不再需要，由管理员用 'DROP ROLE {role}' 删除。",
    ),
    "access_not_granted": (
        "{role} had no access to the ledger; nothing to revoke.",
        "{role} 本无本数据库的权限；无需撤销。",
    ),
    "access_unknown_role": (
        "{ledger}: there is no role {role!r} on the server; 'tenactions access list' shows the roles given access",
        "{ledger}：服务器上没有角色 {role!r}；用 'tenactions access list' 查看已授权的角色",
    ),
    "server_bad_port": (
        "{ledger}: not a usable database URL (the port {port!r} is not a number)",
        "{ledger}：数据库地址无法使用（端口 {port!r} 不是数字）",
    ),
    "server_owner_only": (
        "{ledger}: only the ledger's owner, the role {owner}, may do this (signed in as {role}); nothing was written",
        "{ledger}：只有数据库的所有者（角色 {owner}）可以执行此操作（当前登录为 {role}）；未写入任何内容",
    ),
    "server_no_access": (
        "{ledger}: the role {role} has no access to this ledger; its owner gives it with 'tenactions access grant {role} --district NAME' (or --read-only)",
        "{ledger}：角色 {role} 没有本数据库的权限；由所有者用 'tenactions access grant {role} --district 区名'（或 --read-only）授予",
    ),
    "server_needs_upgrade": (
        "{ledger}: the ledger needs upgrading (schema {found}; this tenactions uses {needed}), which only its owner, the role {owner}, may do; ask them to run 'tenactions check' on it once; nothing was written",
        "{ledger}：数据库需要升级（结构版本 {found}；本版 tenactions 使用 {needed}），只有其所有者（角色 {owner}）可以升级；请其对该数据库运行一次 'tenactions check'；未写入任何内容",
    ),
    "backup_no_pg_dump": (
        "{ledger}: a ledger on a server is backed up with PostgreSQL's own pg_dump, which is not installed here; install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; Windows, macOS: the PostgreSQL installer), of the server's version or newer, and run: {command}",
        "{ledger}：服务器上的数据库需用 PostgreSQL 自带的 pg_dump 备份，本机未安装；请安装 PostgreSQL 客户端工具（Debian/Ubuntu：'apt install postgresql-client'；其他系统：PostgreSQL 官方安装程序），版本不低于服务器，然后运行：{command}",
    ),
    "backup_pg_dump_failed": (
        "{ledger}: pg_dump could not back the ledger up ({said}); run: {command}",
        "{ledger}：pg_dump 未能备份数据库（{said}）；请运行：{command}",
    ),
    "backup_pg_dump_old": (
        "{ledger}: the pg_dump here is PostgreSQL {tool}'s and the server runs PostgreSQL {server}: pg_dump must be of the server's version or newer; install the PostgreSQL {server} client tools (Debian/Ubuntu: apt install postgresql-client-{server}, from apt.postgresql.org if the release lacks it; Windows, macOS: the PostgreSQL {server} installer), put its pg_dump first on PATH, and run: {command}; no backup was written",
        "{ledger}：本机的 pg_dump 属于 PostgreSQL {tool}，而服务器运行的是 PostgreSQL {server}：pg_dump 的版本不能低于服务器；请安装 PostgreSQL {server} 客户端工具（Debian/Ubuntu：'apt install postgresql-client-{server}'，系统源中没有时从 apt.postgresql.org 安装；其他系统：PostgreSQL {server} 官方安装程序），使其 pg_dump 在 'PATH' 中排在最前，然后运行：{command}；未写入备份",
    ),
    "backup_needs_owner": (
        "{ledger}: the role {role} may not read all of the ledger, which a backup needs (pg_dump says: {said}); back it up signed in as the ledger's owner, the role {owner} (or a role that may read every table and sequence of the schema tenactions, not bound by row-level security); no backup was written",
        "{ledger}：角色 {role} 不能读取数据库的全部内容，而备份需要读取全部（pg_dump 的原话：{said}）；请以数据库所有者（角色 {owner}）登录备份（或用一个能读取 tenactions 结构中所有表和序列、且不受行级安全限制的角色）；未写入备份",
    ),
    "check_server_ok": (
        "Database OK: {file} (schema {version}, {entries:entry|entries}, {voids} void; checked: totals, identities, amendments, append-only triggers, privileges, row-level security).",
        "数据库正常：{file}（结构版本 {version}，{entries} 条记录，{voids} 条作废；已检查：合计、记录标识、更正链、只增触发器、权限、行级安全）。",
    ),
    "check_object_missing": (
        "{name} is missing from the ledger's schema; restore the ledger from a backup (pg_restore)",
        "数据库结构中缺少 {name}；请从备份恢复（pg_restore）",
    ),
    "check_trigger_missing": (
        "the trigger {trigger} on {table} is missing: {risk}; run 'tenactions check --repair' as the ledger's owner",
        "{table} 上的触发器 {trigger} 缺失：{risk}；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_trigger_disabled": (
        "the trigger {trigger} on {table} is disabled: {risk}; run 'tenactions check --repair' as the ledger's owner",
        "{table} 上的触发器 {trigger} 已被停用：{risk}；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_risk_changed": (
        "{table} could be changed or deleted",
        "{table} 可能被修改或删除",
    ),
    "check_risk_totals": (
        "new {table} would not reach the totals",
        "新增的 {table} 不会计入合计",
    ),
    "check_function_missing": (
        "the function {function}() that the ledger's triggers and policies call is missing (dropped with the triggers or policies that called it); run 'tenactions check --repair' as the ledger's owner",
        "数据库的触发器和策略所调用的函数 {function}() 缺失（调用它的触发器或策略也随之被删除）；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_risk_stamps": (
        "new {table} could carry a time or login other than the server's",
        "新增的 {table} 可能带有并非服务器的时间或登录名",
    ),
    "check_default_missing": (
        "the column {table}.{column} has lost its default, the server's stamp: every write is refused; run 'tenactions check --repair' as the ledger's owner",
        "列 {table}.{column} 的默认值（服务器的戳记）缺失：所有写入都会被拒绝；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_rls_off": (
        "row-level security is off on {table}: a district's role could write for any district; run 'tenactions check --repair' as the ledger's owner",
        "{table} 的行级安全已关闭：各区角色可为任何区写入；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_policy_missing": (
        "the row-level security policy {policy} on {table} is missing; run 'tenactions check --repair' as the ledger's owner",
        "{table} 上的行级安全策略 {policy} 缺失；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_privilege_extra": (
        "{role} holds {privilege} on {table}, which only the ledger's owner may; run 'tenactions check --repair' as the owner to revoke it",
        "{role} 拥有 {table} 的 {privilege} 权限，此权限只应属于数据库所有者；请以所有者身份运行 'tenactions check --repair' 撤销",
    ),
    "check_privilege_missing": (
        "the role {role} is given access but lacks {privilege} on {table}; run 'tenactions check --repair' as the ledger's owner",
        "角色 {role} 已获授权，但缺少 {table} 的 {privilege} 权限；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_role_gone": (
        "the role {role} is given access but no longer exists on the server; run 'tenactions access revoke {role}'",
        "角色 {role} 已获授权，但服务器上已不存在；请运行 'tenactions access revoke {role}'",
    ),
    "check_role_unbound": (
        "the role {role} is given access but is a superuser or BYPASSRLS role, to which the server does not apply row-level security: it can write anything; run 'ALTER ROLE {role} NOSUPERUSER NOBYPASSRLS' as a superuser, or 'tenactions access revoke {role}'",
        "角色 {role} 已获授权，但它是超级用户或 BYPASSRLS 角色，服务器对它不执行行级安全策略：它可写入任何记录；请以超级用户身份运行 'ALTER ROLE {role} NOSUPERUSER NOBYPASSRLS'，或运行 'tenactions access revoke {role}'",
    ),
    "check_everyone": ("every role (PUBLIC)", "所有角色（'PUBLIC'）"),
    "check_sequence_behind": (
        "the entries' id sequence ({last}) is behind the largest entry id ({largest}): the next entry could not be written; run 'tenactions check --repair' as the ledger's owner",
        "条目号序列（{last}）落后于最大条目号（{largest}）：下一条记录将无法写入；请以数据库所有者身份运行 'tenactions check --repair'",
    ),
    "check_identity_shared": (
        "entries {first} and {second} hold the same identity {key!r}: a file sent again could be matched to either; void the wrong one",
        "第 {first} 条与第 {second} 条记录的标识相同（{key!r}）：再次导入文件时可能对应到任一条；请作废错误的一条",
    ),
    "check_amends_later": (
        "entry {id} amends entry {amends}, which is not an earlier entry; restore the ledger from a backup",
        "第 {id} 条更正的第 {amends} 条不是更早的记录；请从备份恢复",
    ),
    "check_amends_live": (
        "entry {id} amends entry {amends}, which is not void: both count; void entry {amends}",
        "第 {id} 条更正了第 {amends} 条，但第 {amends} 条未作废：两条都被计入；请作废第 {amends} 条",
    ),
    "check_amended_twice": (
        "entry {amends} is amended by entries {ids}: only one may replace it; void all but one",
        "第 {amends} 条被第 {ids} 条同时更正：只能由一条替代；请只保留一条，其余作废",
    ),
    "check_repair_trigger": (
        "Enabled the trigger {trigger} on {table}.",
        "已启用 {table} 上的触发器 {trigger}。",
    ),
    "check_repair_function": (
        "Recreated the function {function}().",
        "已重建函数 {function}()。",
    ),
    "check_repair_trigger_made": (
        "Recreated the trigger {trigger} on {table}.",
        "已重建 {table} 上的触发器 {trigger}。",
    ),
    "check_repair_rls": ("Enabled row-level security on {table}.", "已启用 {table} 的行级安全。"),
    "check_repair_default": (
        "Gave {table}.{column} its default again.",
        "已恢复 {table}.{column} 的默认值。",
    ),
    "check_repair_policy": (
        "Recreated the policy {policy} on {table}.",
        "已重建 {table} 上的策略 {policy}。",
    ),
    "check_repair_revoked": (
        "Revoked {privilege} on {table} from {role}.",
        "已撤销 {role} 对 {table} 的 {privilege} 权限。",
    ),
    "check_repair_granted": (
        "Granted {role} again what 'tenactions access grant' gives it.",
        "已重新授予 {role} 由 'tenactions access grant' 给予的权限。",
    ),
    "check_repair_role_gone": (
        "Removed {role}, which no longer exists, from the roles given access.",
        "已从授权角色中移除已不存在的 {role}。",
    ),
    "check_repair_sequence": (
        "Moved the entries' id sequence past the largest entry id ({largest}).",
        "已将条目号序列移到最大条目号（{largest}）之后。",
    ),
    # --- report and summary wording shared by every human format ----------------------------
    # A recurring target counts periods, named by its ``every`` (periods_week, ...): 2/5 个月.
    "periods_done": ("{done}/{goal} {periods}", "{done}/{goal} {periods}"),
    # Separators of the language: names in a list (番禺区、增城区), figures in a line.
    "list_sep": (", ", "、"),
    "figures_sep": (", ", "，"),
    "items_sep": ("; ", "；"),
    # --- files that are not ledgers, paths and values named as given ---
    "db_empty_file": (
        "{file}: the file is empty, not a tenactions ledger; check the path",
        "{file}: 该文件是空文件，不是 tenactions 数据库；请检查路径",
    ),
    "entry_replaced_amend": (
        "entry {id} was amended and is void; entry {live} replaces it: amend entry {live} instead",
        "第 {id} 条已更正并作废，由第 {live} 条替代；请更正第 {live} 条",
    ),
    "target_with_id": ("{name} ({id})", "{name}（{id}）"),
    "since_after_until": (
        "--since {since} is after --until {until}: no entry can match; swap them",
        "--since {since} 晚于 --until {until}：没有记录能符合；请对调两者",
    ),
    "bad_lang_env": (
        "TENACTIONS_LANG={value!r}: use zh or en, or unset it",
        "TENACTIONS_LANG={value!r}：请用 zh 或 en，或取消该变量",
    ),
    "path_empty": (
        "{what}: the path is empty; give a file name",
        "{what}：路径为空；请给出文件名",
    ),
    "db_not_database": (
        "{file}: is not a tenactions ledger (it is not a database file); check the path",
        "{file}: 不是 tenactions 数据库（它不是数据库文件）；请检查路径",
    ),
}


class Msg:
    """A catalogue message: an id and its parameters, formatted only when shown."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        values = {k: render(v, lang) if isinstance(v, Msg) else v for k, v in self.params.items()}
        return t(lang, self.key, **values)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.key, self.params) == (other.key, other.params)

    __hash__ = None  # type: ignore[assignment]


class Either(Msg):
    """A list of alternatives: ``a or b`` in English, ``a 或 b`` in Chinese (values as given)."""

    def __init__(self, items: list[str]) -> None:
        super().__init__("", items=items)

    def render(self, lang: str) -> str:
        items = [str(i) for i in self.params["items"]]  # type: ignore[attr-defined]
        if len(items) < 3:
            return (" 或 " if lang == "zh" else " or ").join(items)
        # a, b or c / a、b 或 c
        head = ("、" if lang == "zh" else ", ").join(items[:-1])
        return f"{head}{' 或 ' if lang == 'zh' else ' or '}{items[-1]}"


class Joined(Msg):
    """Several messages on one line: ``a; b`` in English, ``a；b`` in Chinese."""

    def __init__(self, items: Sequence[Msg], *, list_of: bool = False, path: bool = False) -> None:
        super().__init__("", items=list(items), list_of=list_of, path=path)

    def render(self, lang: str) -> str:
        items: list[Msg] = self.params["items"]  # type: ignore[assignment]
        shown = [i.render(lang) for i in items]
        if self.params["path"]:  # a place in a file: action 2 / target fairs / goal
            return " / ".join(shown)
        if self.params["list_of"]:  # a list of things: a, b / a、b
            return ("、" if lang == "zh" else ", ").join(shown)
        return ("；" if lang == "zh" else "; ").join(shown)


class Code(Msg):
    """A code shown as it is in every language: an option's or a file key's name (``--ref``,
    ``goal``). Never a sentence: the catalogue test allows only a single token here."""

    def __init__(self, code: str) -> None:
        super().__init__("", code=code)

    def render(self, lang: str) -> str:
        return str(self.params["code"])


class ByLang(Msg):
    """A value that has a form in each language (a district's names)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__("", en=en, zh=zh)

    def render(self, lang: str) -> str:
        return str(self.params["zh" if lang == "zh" else "en"])


class Status(Msg):
    """A target's status (``behind``), said in the chosen language (``滞后``)."""

    def __init__(self, status: str) -> None:
        super().__init__("", status=status)

    def render(self, lang: str) -> str:
        return status_label(lang, str(self.params["status"]))


def district_list(names: Sequence[str]) -> Joined:
    """Districts as a list in the reader's language (天河区、越秀区 / 天河区, 越秀区)."""
    return Joined([ByLang(en=n, zh=n) for n in sorted(names)], list_of=True)


Text = Msg
"""What may reach a user: a catalogue message, never a sentence built elsewhere."""


def render(text: Text, lang: str) -> str:
    """``text`` in ``lang``."""
    return text.render(lang)


def detect_lang() -> str:
    """Chinese when the locale says so (LC_ALL, LC_MESSAGES, LANG), else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class _Count(int):
    """A whole number in a message: ``{n:entry|entries}`` gives ``1 entry`` or ``2 entries``
    (English counts its nouns; the Chinese text writes its measure word after the number)."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return f"{int(self):,} {one if self == 1 else many}"
        return int.__format__(self, spec)


def t(lang: str, key: str, /, **values: object) -> str:
    """The catalogue text ``key`` in ``lang``, with ``values`` filled in."""
    en, zh = TEXT[key]
    text = zh if lang == "zh" else en
    if not values:
        return text
    counted = {k: _Count(v) if type(v) is int else v for k, v in values.items()}
    return text.format(**counted)


def status_label(lang: str, status: str) -> str:
    en, zh = STATUS[status]
    return zh if lang == "zh" else en


def kind_label(lang: str, kind: str) -> str:
    en, zh = KIND[kind]
    return zh if lang == "zh" else en


# --- The command line's own texts: --help, and the usage errors of exit code 2 -----------------
#
# HELP holds every command's description and every option's and argument's help, keyed by the
# command's path and the option's long name or the argument's name ("log --date", "log target",
# "access grant role"); the global options are keyed by their name alone. The first line of a
# command's text is its line in the command list. EXAMPLES are command lines, the same in both
# languages. tests/test_help.py fails when a command or option has no text here, or a text has
# no command or option.

HELP: dict[str, tuple[str, str]] = {
    "": (
        "Track the commitments of the ten actions: log progress, import district spreadsheets,"
        " and report pace before meetings.",
        "记录十项行动各项目标的进展，导入各区报表，会前查看进度。",
    ),
    "--programme": (
        "Programme file (YAML). Env TENACTIONS_PROGRAMME; default: the shipped ten actions.",
        "计划文件（YAML）。环境变量 TENACTIONS_PROGRAMME；默认：随软件提供的十项行动。",
    ),
    "--db": (
        "Ledger: an SQLite file, or a server's postgresql://user@host/database URL."
        " Env TENACTIONS_DB; default: tenactions.db in your user data folder.",
        "数据库：SQLite 文件，或服务器的 postgresql://用户@主机/数据库 地址。"
        "环境变量 TENACTIONS_DB；默认：用户数据文件夹中的 tenactions.db。",
    ),
    "--lang": (
        "Output language, zh or en. Env TENACTIONS_LANG; default: from the locale.",
        "输出语言，zh 或 en。环境变量 TENACTIONS_LANG；默认：按系统的区域设置。",
    ),
    "--debug": ("Show tracebacks for errors.", "出错时显示完整的调用栈。"),
    "--version": ("Print the version and exit.", "显示版本号后退出。"),
    "--help": ("Show this message and exit.", "显示本帮助后退出。"),
    "log": ("Record progress on a target.", "记录一条目标进展。"),
    "log target": (
        "Target id, alias or Chinese name, e.g. trees or 植树.",
        "目标代码、别名或中文名称，如 trees 或 植树。",
    ),
    "log amount": (
        "How much: 120, 1,200, 1.2万, 3亿. Default 1 (one event, one union).",
        "数量：120、1,200、1.2万、3亿。默认为 1（一次活动、一个工会）。",
    ),
    "log --date": (
        "When it happened: YYYY-MM-DD, today, yesterday. Default today.",
        "发生日期：YYYY-MM-DD、today（今天）、yesterday（昨天）。默认为今天。",
    ),
    "log --district": (
        "District: 越秀, 天河, 市本级 ... Default: no district; on a server, a role that"
        " may write one district only logs for that district.",
        "区：越秀、天河、市本级……默认不分区；在服务器上，只能写入一个区的角色默认记入该区。",
    ),
    "log --by": (
        "Who records it. Default TENACTIONS_USER, else your login.",
        "填报人。默认取 TENACTIONS_USER，否则为当前登录名。",
    ),
    "log --note": ("Free text.", "备注，自由填写。"),
    "log --ref": (
        "The form number, or another external reference.",
        "表单编号，或其他外部编号。",
    ),
    "log --force": (
        "Record it even if it looks wrong: a milestone outside its window or done already,"
        " a recurring target before it starts, more than the whole goal at once.",
        "即使看起来有误也照样记录：节点不在时间窗口内或已完成、周期目标尚未开始、"
        "一次超过全部目标。",
    ),
    "entries": ("List the ledger, newest first.", "按时间倒序列出记录。"),
    "entries --target": ("Only this target.", "只看这个目标。"),
    "entries --action": ("Only this action's targets.", "只看这项行动的目标。"),
    "entries --district": ("Only this district.", "只看这个区。"),
    "entries --since": ("From this date (inclusive).", "从此日期起（含当天）。"),
    "entries --until": ("Up to this date (inclusive).", "到此日期止（含当天）。"),
    "entries --include-void": (
        "Show void entries too, marked.",
        "同时列出已作废的记录，并加标记。",
    ),
    "entries --format": (
        "table, csv, xlsx (with --output) or json.",
        "输出格式：table、csv、xlsx（配合 --output）或 json。",
    ),
    "entries --output": (
        "Write to this file instead of the screen ('-': standard output). Never the ledger.",
        "写入此文件而不是屏幕（'-'：标准输出）。不能是数据库本身。",
    ),
    "entries --limit": (
        "At most this many (the table shows 200 unless told).",
        "最多列出这么多条（表格默认列出 200 条）。",
    ),
    "void": (
        "Mark an entry void: it leaves every total but stays in the ledger.",
        "作废一条记录：不再计入任何合计，但仍保留在数据库中。",
    ),
    "void entry_id": (
        "The entry's number (see 'tenactions entries').",
        "条目号（见 tenactions entries）。",
    ),
    "void --reason": ("Why it is void (kept with the entry).", "作废原因（随记录保存）。"),
    "void --by": (
        "Who voids it. Default TENACTIONS_USER, else your login.",
        "由谁作废。默认取 TENACTIONS_USER，否则为当前登录名。",
    ),
    "amend": (
        "Correct an entry: void it and record the corrected one, linked.",
        "更正一条记录：作废原记录，另记一条更正后的记录，两者相互关联。",
    ),
    "amend entry_id": ("The number of the entry to correct.", "要更正的条目号。"),
    "amend amount": ("The right amount (default: unchanged).", "正确的数量（默认不变）。"),
    "amend --target": ("The right target.", "正确的目标。"),
    "amend --date": ("The right date.", "正确的日期。"),
    "amend --district": ("The right district.", "正确的区。"),
    "amend --note": ("The right note.", "正确的备注。"),
    "amend --ref": ("The right form number.", "正确的表单编号。"),
    "amend --reason": ("Why it is corrected.", "更正原因。"),
    "amend --by": ("Who corrects it.", "由谁更正。"),
    "amend --force": (
        "Record it even if it looks wrong: a milestone outside its window or done already,"
        " a recurring target before it starts, more than the whole goal at once.",
        "即使看起来有误也照样记录：节点不在时间窗口内或已完成、周期目标尚未开始、"
        "一次超过全部目标。",
    ),
    "import": (
        "Import a district's spreadsheet, all rows or none.\n\n"
        "Columns by header, English (target, amount, date, district, by, note, ref) or Chinese\n"
        "(目标, 数量/金额, 日期, 区, 填报人, 备注, 表单编号), found below any title rows; a unit in\n"
        "the header (金额（万元）) scales the amounts. Total and sign-off rows are skipped and\n"
        "listed. Importing the same file twice adds nothing.",
        "导入各区报表：全部行写入，或一行也不写入。\n\n"
        "按表头识别各列，中文或英文表头均可（目标、数量/金额、日期、区、填报人、备注、表单编号），"
        "表头上方可以有标题行；表头中的单位（如 金额（万元））会用来换算数量。"
        "合计行和签字行会跳过并列出。同一文件导入两次不会重复记录。",
    ),
    "import file": (
        "A .csv (UTF-8 or GBK), .xlsx, .xlsm, .xls or .ods file, one entry per row.",
        "一个 .csv（UTF-8 或 GBK）、.xlsx、.xlsm、.xls 或 .ods 文件，每行一条记录。",
    ),
    "import --dry-run": (
        "Check every row and count, but write nothing.",
        "检查每一行并计数，但不写入任何内容。",
    ),
    "import --by": (
        "Who recorded rows with no 填报人/by column.",
        "没有“填报人”列时，这些行的填报人。",
    ),
    "import --force": (
        "Import rows that look wrong (listed without it): a milestone outside its window or"
        " done already, a recurring target before it starts, more than the whole goal in one"
        " row, a row repeated from another sheet. Applies to the whole file.",
        "导入看起来有误的行（不加此项时逐行列出）：节点不在时间窗口内或已完成、周期目标尚未开始、"
        "一行超过全部目标、与另一工作表重复的行。对整个文件生效。",
    ),
    "import --sheet": (
        "Read only this sheet of a workbook (default: every visible one).",
        "只读取工作簿中的这个工作表（默认：所有可见的工作表）。",
    ),
    "template": (
        "Write the sheet districts fill in, ready to import.\n\n"
        "A title row, the header the import expects, drop-down lists of the targets' Chinese\n"
        "names and of the districts, date checks, a 合计 row and a notes sheet with each\n"
        "target's unit.",
        "生成各区填写的报表模板，填好即可导入。\n\n"
        "包括标题行、导入所需的表头、目标中文名称和各区的下拉列表、日期检查、合计行，"
        "以及列出各目标单位的填表说明工作表。",
    ),
    "template --output": (
        "The .xlsx file to write (an existing one only with --force).",
        "要写入的 .xlsx 文件（已存在的文件须加 --force 才会覆盖）。",
    ),
    "template --district": (
        "The district it is for: in the title, and filled in.",
        "报表所属的区：写入标题，并在表中预先填好。",
    ),
    "template --month": (
        "The month it reports, e.g. 2024-08: in the title, and dates.",
        "报表所属的月份，如 2024-08：写入标题，并用于检查日期。",
    ),
    "template --rows": ("Rows to fill in.", "可填写的行数。"),
    "template --force": (
        "Replace an existing file (it may be a district's filled-in sheet: check first).",
        "覆盖已存在的文件（它可能是某区已填好的报表：请先确认）。",
    ),
    "export": (
        "Export the whole ledger, void entries included and marked.",
        "导出全部记录，含已作废的记录并加标记。",
    ),
    "export --format": (
        "csv, xlsx or json (default: from --output, else csv).",
        "输出格式：csv、xlsx 或 json（默认按 --output 的扩展名，否则为 csv）。",
    ),
    "export --output": (
        "File to write; '-' or none: standard output. Never the ledger.",
        "要写入的文件；'-' 或不指定：标准输出。不能是数据库本身。",
    ),
    "backup": (
        "Copy the database safely while others may be using it, and check the copy.",
        "在他人可能正在使用时安全地复制数据库，并检查副本。",
    ),
    "backup dest": ("New file to write the copy to.", "写入副本的新文件。"),
    "targets": ("List the actions and their targets.", "列出各项行动及其目标。"),
    "targets --action": (
        "Only these actions (repeat: -a 2 -a 5).",
        "只看这些行动（可重复：-a 2 -a 5）。",
    ),
    "targets --format": ("table or json.", "输出格式：table 或 json。"),
    "check": (
        "Validate the programme file and the database.\n\n"
        "Exit code 0 when all is well, 1 with one line per problem otherwise.",
        "检查计划文件和数据库。\n\n一切正常时退出码为 0；否则为 1，每个问题一行。",
    ),
    "check --repair": (
        "Rebuild the daily totals from the entries if they disagree.",
        "如每日合计与记录不符，按记录重建每日合计。",
    ),
    "info": (
        "Show the version and which programme file and database are in use.",
        "显示版本，以及正在使用的计划文件和数据库。",
    ),
    "report": (
        "How far each commitment has come, whether it is on pace, what is left.",
        "会前进度报告：各项目标完成了多少、进度是否正常、还剩多少。",
    ),
    "report --as-of": ("Report as of this date (default today).", "报告截至此日期（默认今天）。"),
    "report --action": (
        "Only these actions (repeat: -a 2 -a 5).",
        "只看这些行动（可重复：-a 2 -a 5）。",
    ),
    "report --by": ("district: split each target by district.", "district：按区拆分每个目标。"),
    "report --format": (
        "table, markdown, csv, json, html or xlsx.",
        "输出格式：table、markdown、csv、json、html 或 xlsx。",
    ),
    "report --output": (
        "Write to this file instead of the screen ('-': standard output). Never the ledger.",
        "写入此文件而不是屏幕（'-'：标准输出）。不能是数据库本身。",
    ),
    "summary": (
        "The week's progress for mail or chat; safe under cron.",
        "每周进展摘要，用于邮件或群聊；可在定时任务中运行。",
    ),
    "summary --as-of": (
        "The week ends on this date (default today).",
        "这一周截至此日期（默认今天）。",
    ),
    "summary --days": ("Length of the window in days.", "统计的天数。"),
    "summary --format": ("text, markdown or json.", "输出格式：text、markdown 或 json。"),
    "summary --output": (
        "Write to this file instead of the screen ('-': standard output). Never the ledger.",
        "写入此文件而不是屏幕（'-'：标准输出）。不能是数据库本身。",
    ),
    "summary --fail-on": (
        "Exit 3 (after printing) if any target is at this status or worse.",
        "如有目标处于此状态或更差，输出后以退出码 3 结束。",
    ),
    "copy": (
        "Copy a whole ledger between a file and a server, either way.\n\n"
        "Entries keep their ids, identities, voids and amendments, so every report reads the\n"
        "same from the copy. Running it again adds only what is new: it never counts an entry\n"
        "twice. The copy is one transaction: all of it or nothing.",
        "在文件与服务器之间（任一方向）复制整个数据库。\n\n"
        "记录保留其条目号、记录标识、作废和更正，因此副本上的每份报告都与原库相同。"
        "再次运行只添加新的内容，不会重复计算任何记录。"
        "复制在一个事务中完成：要么全部复制，要么什么都不复制。",
    ),
    "copy --from": (
        "The ledger to copy: an SQLite file or a postgresql:// URL.",
        "要复制的数据库：SQLite 文件或 postgresql:// 地址。",
    ),
    "copy --to": (
        "Where to copy it: a new or empty ledger, or an earlier copy of the same one.",
        "复制到哪里：一个新的或空的数据库，或同一数据库之前的副本。",
    ),
    "access": (
        "District roles on a PostgreSQL ledger.",
        "设置各区在服务器数据库（PostgreSQL）上的权限。",
    ),
    "access grant": (
        "Let a role read the whole ledger and write for one district (or nothing).\n\n"
        "Run it as the ledger's owner (a role with CREATEROLE); on a database with no ledger\n"
        "yet it creates one first. Every role reads the whole programme's figures; a district's\n"
        "role, and every role that is a member of it, may add, void and amend only its\n"
        "district's entries, and no role but the owner may change the schema. The role must\n"
        "exist, unless --create is given: a new role can log in but has no password: set one\n"
        "with ALTER ROLE, or let pg_hba.conf decide how it signs in. A superuser or BYPASSRLS\n"
        "role is refused: the server does not apply row-level security to it.",
        "允许一个角色读取整个数据库，并只为一个区写入（或不写入）。\n\n"
        "请以数据库所有者（具有 CREATEROLE 权限的角色）的身份运行；数据库中尚无台账时先创建台账。"
        "每个角色都能读取整个计划的数据；某区的角色及其所有成员角色只能添加、"
        "作废和更正本区的记录；除所有者外，任何角色都不能修改数据库结构。"
        "角色须已存在，除非加上 --create：新角色可以登录但没有密码：用 ALTER ROLE 设置密码，"
        "或由 pg_hba.conf 决定其登录方式。超级用户或 BYPASSRLS 角色会被拒绝：服务器对它不执行行级安全策略。",
    ),
    "access grant role": (
        "The PostgreSQL role; it must exist, unless --create is given.",
        "PostgreSQL 角色；须已存在，除非加上 --create。",
    ),
    "access grant --create": (
        "Make the role, a login role with no password, if it does not exist.",
        "角色不存在时新建它（可登录的角色，无密码）。",
    ),
    "access grant --district": (
        "The district whose entries the role may log, import, void and amend.",
        "该角色可以记录、导入、作废和更正其记录的区。",
    ),
    "access grant --read-only": (
        "The role may run every report, and write nothing.",
        "该角色可以运行所有报告，但不能写入。",
    ),
    "access list": (
        "List the roles given access, what each may write and its members.\n\n"
        "One line per role: the role, its district (or read only), and the login roles that are\n"
        "members of it, which are bound by it too (- if none).",
        "列出已授权的角色、各自可以写入的范围及其成员。\n\n"
        "每个角色一行：角色、其区（或只读）、以及属于该角色、同样受其约束的登录角色（没有则为 -）。",
    ),
    "access revoke": (
        "Take back what 'access grant' gave a role: it may then read and write nothing.\n\n"
        "Run it as the ledger's owner. The role's privileges on the ledger and its place in\n"
        "'access list' are removed; running it again changes nothing. The login role itself is\n"
        "left on the server (it may be used elsewhere): an administrator drops it with DROP ROLE.",
        "收回 'access grant' 授予某角色的权限：此后该角色不能读取或写入。\n\n"
        "请以数据库所有者的身份运行。该角色对数据库的权限及其在 'access list' 中的条目都会被移除；"
        "再次运行不会有任何变化。登录角色本身仍保留在服务器上（可能另有用途）："
        "由管理员用 DROP ROLE 删除。",
    ),
    "access revoke role": (
        "The PostgreSQL role to take access from.",
        "要收回权限的 PostgreSQL 角色。",
    ),
}

EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("tenactions report --as-of 2024-10-01",),
    "log": ('tenactions log trees 300 --date 2024-03-12 --district 从化 --note "植树节"',),
    "entries": ("tenactions entries --target trees --since 2024-03-01 --format csv > trees.csv",),
    "void": ('tenactions void 42 --reason "重复录入"',),
    "amend": ('tenactions amend 42 250 --reason "数量录错"',),
    "import": ("tenactions import 天河区-2024-09.xlsx --dry-run",),
    "template": (
        "tenactions template --district 天河 --month 2024-08 --output 天河区-2024-08.xlsx",
    ),
    "export": ("tenactions export --output ledger.xlsx",),
    "backup": ("tenactions backup ~/backups/tenactions-$(date +%F).db",),
    "targets": ("tenactions targets --action 5 --format json",),
    "check": ("tenactions check --programme data/actions.yaml",),
    "info": ("tenactions info",),
    "report": (
        "tenactions report --as-of 2024-10-01 --by district --format html --output report.html",
    ),
    "summary": ("tenactions summary --as-of 2024-09-30 --format markdown --fail-on behind",),
    "copy": ("tenactions copy --from ledger.db --to postgresql://clerk@db.example/tenactions",),
    "access": ("tenactions access grant tianhe --district 天河",),
    "access grant": (
        "tenactions access grant tianhe --district 天河 --create --db postgresql://admin@db/tenactions",
        "tenactions access grant city_reader --read-only",
    ),
    "access list": ("tenactions access list",),
    "access revoke": ("tenactions access revoke tianhe --db postgresql://admin@db/tenactions",),
}

#: What an option's value is, shown after its name in ``--help`` (``--date <日期>``), as the
#: catalogue's ``metavar_<kind>``: by the option's name, else by the kind of value
#: (:data:`METAVAR_OF_TYPE`). An option whose values
#: are listed (``--format <table|json>``) shows them instead.
METAVAR_OF_OPTION: dict[str, str] = {
    "--date": "date",
    "--since": "date",
    "--until": "date",
    "--as-of": "date",
    "--month": "month",
    "--programme": "file",
    "--output": "file",
    "--db": "ledger",
    "--from": "ledger",
    "--to": "ledger",
    "--district": "district",
    "--target": "target",
    "--by": "person",
    "--ref": "ref",
    "--sheet": "sheet",
    "--lang": "lang",
    "--action": "action",
}
#: What a positional argument is called under ``--lang zh`` (``{目标}``, ``[数量]``), as the
#: catalogue's ``argument_<name>``; English shows the parameter's own name (``{target}``).
ARGUMENT_NAMES = ("target", "amount", "entry_id", "file", "dest", "role")
#: The same by the name of the value's type (Typer's ``<str>``, ``<int range>``, ``<path>``).
METAVAR_OF_TYPE: dict[str, str] = {
    "str": "text",
    "text": "text",
    "int": "int",
    "integer": "int",
    "integer range": "int",
    "int range": "int",
    "float": "number",
    "path": "path",
    "file": "file",
}

#: Typer's own words, looked up through gettext by their English text (as a .po file would).
CLICK_ZH: dict[str, str] = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有 {name!r} 这个命令。",
    "Aborted!": "已中止！",
    "(dynamic)": "（动态）",
}

TEXT.update(
    {
        "help_example": ("Example: {example}", "示例：{example}"),
        "usage": ("Usage: ", "用法："),
        "help_heading": ("{heading}:", "{heading}："),
        "usage_options": ("[OPTIONS]", "[选项]"),
        "metavar_text": ("<text>", "<文本>"),
        "metavar_int": ("<n>", "<整数>"),
        "metavar_number": ("<number>", "<数字>"),
        "metavar_path": ("<path>", "<路径>"),
        "metavar_file": ("<file>", "<文件>"),
        "metavar_ledger": ("<file|url>", "<文件或地址>"),
        "metavar_date": ("<date>", "<日期>"),
        "metavar_month": ("<month>", "<月份>"),
        "metavar_district": ("<district>", "<区>"),
        "metavar_target": ("<target>", "<目标>"),
        "metavar_person": ("<name>", "<姓名>"),
        "metavar_ref": ("<form no.>", "<表单编号>"),
        "metavar_sheet": ("<sheet>", "<工作表>"),
        "metavar_lang": ("<zh|en>", "<zh|en>"),
        "metavar_action": ("<action>", "<行动序号>"),
        "argument_target": ("target", "目标"),
        "argument_amount": ("amount", "数量"),
        "argument_entry_id": ("entry_id", "条目号"),
        "argument_file": ("file", "文件"),
        "argument_dest": ("dest", "备份文件"),
        "argument_role": ("role", "角色"),
        "usage_command": ("COMMAND [ARGS]...", "命令 [参数]..."),
        "usage_try_help": (
            "Try '{command} {option}' for help.",
            "运行 '{command} {option}' 查看帮助。",
        ),
        "usage_error": ("Error: {message}", "错误：{message}"),
        "usage_no_such_option": ("No such option: {name}", "没有这个选项：{name}"),
        "usage_no_such_option_near": (
            "No such option: {name} (Possible options: {names})",
            "没有这个选项：{name}（可用的选项：{names}）",
        ),
        "usage_no_such_command": ("No such command {name!r}.", "没有 {name!r} 这个命令。"),
        "usage_no_such_command_near": (
            "No such command {name!r}. Did you mean {names}?",
            "没有 {name!r} 这个命令。是否要输入 {names}？",
        ),
        "usage_missing_argument": ("Missing argument {hint}.", "缺少参数 {hint}。"),
        "usage_missing_option": ("Missing option {hint}.", "缺少选项 {hint}。"),
        "usage_invalid_value": (
            "Invalid value for {hint}: {message}",
            "{hint} 的值无效：{message}",
        ),
        "usage_not_a_choice": (
            "{value!r} is not one of {choices}.",
            "{value!r} 不是可选值（{choices}）之一。",
        ),
        "usage_not_an_integer": ("{value!r} is not a valid integer.", "{value!r} 不是有效的整数。"),
        "usage_out_of_range": (
            "{value} is not in the range {range}.",
            "{value} 不在 {range} 的范围内。",
        ),
        "usage_needs_value": (
            "Option {name!r} requires an argument.",
            "选项 {name!r} 需要一个值。",
        ),
        "usage_takes_no_value": (
            "Option {name!r} does not take a value.",
            "选项 {name!r} 不接受值。",
        ),
        "usage_extra_arguments": (
            "Got unexpected extra argument(s) ({args})",
            "多余的参数（{args}）",
        ),
    }
)
