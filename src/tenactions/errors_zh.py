"""Chinese for every error message, applied where errors are printed.

The English message is the key (as in gettext): the code raises English text that names files,
rows and values, and this table turns each phrase into Chinese when the interface speaks
Chinese. Paths, row numbers and the values quoted from the user pass through unchanged. A
phrase with no entry here is printed in English; ``tests/test_errors_zh.py`` runs the whole
catalogue of bad input in Chinese and fails on any line left untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from tenactions.amounts import format_amount

Replacement = str | Callable[[re.Match[str]], str]


def _appears_twice(m: re.Match[str]) -> str:
    where = f"（{m['district']}）" if m["district"] else ""
    return f"{m['value']} 在本文件中出现了不止一次{where}"


def _amount_decimals(m: re.Match[str]) -> str:
    owner = f"{m['target']} 的" if m["target"] else ""
    if m["decimals"]:
        return f"{owner}数量 {m['value']} 的小数超过 {m['decimals']} 位"
    return f"{owner}数量 {m['value']} 必须是整数"


def _did_you_mean(m: re.Match[str]) -> str:
    ids = m["ids"].replace(" or ", " 或 ")
    return f"未知目标 {m['key']}（是否要输入 {ids}？）；用 'tenactions targets' 查看全部目标"


def _correct_or_own_number(m: re.Match[str], live: str) -> str:
    tail = (
        "如是另一条记录，请给它自己的表单编号" if m[0].endswith("form number") else "否则请修改文件"
    )
    return f"如该行是对第 {live} 条的更正，请运行 'tenactions amend {live} ...'；{tail}"


def _already_amended(m: re.Match[str]) -> str:
    return (
        f"该行（{m[1]}）已是第 {m[2]} 条记录（之后已更正，现为第 {m[3]} 条：{m[4]}），"
        f"但文件中为 {m[5]}；{_correct_or_own_number(m, m[6])}"
    )


def _already_entry(m: re.Match[str]) -> str:
    return (
        f"该行（{m[1]}）已是第 {m[2]} 条记录：{m[3]}，但文件中为 {m[4]}；"
        f"{_correct_or_own_number(m, m[5])}"
    )


_FIELDS_ZH = {"target": "目标", "amount": "数量", "date": "日期", "district": "区"}


def _field_names(text: str) -> str:
    """``target: a, b; amount: c`` -> ``目标：a, b；数量：c`` (a list of columns by field)."""
    parts = []
    for part in text.split("; "):
        match = re.match(r"(\w+)(:? )(.*)", part)
        name = _FIELDS_ZH.get(match[1]) if match else None
        if match is None or name is None:
            parts.append(part)
        elif match[2] == ": ":
            parts.append(f"{name}：{match[3]}")
        else:
            parts.append(f"{name} {match[3]}")
    return "；".join(parts)


# Most specific first: a phrase is replaced once, and later patterns see the Chinese.
_TABLE: list[tuple[str, Replacement]] = [
    # why a file operation failed, by errno (tenactions.errors.os_reason): always at the end
    (r"no such file or folder$", "文件或文件夹不存在"),
    (r"permission denied$", "没有权限"),
    (r"no space left on device$", "设备空间已满"),
    (r"over the disk quota$", "超出磁盘配额"),
    (r"the path is a folder$", "该路径是文件夹"),
    (r"a part of the path is not a folder$", "路径中有一部分不是文件夹"),
    (r"the file system is read-only$", "文件系统为只读"),
    (r"input/output error \(the disk or device failed\)", "输入/输出错误（磁盘或设备故障）"),
    (r"the name is too long$", "名称过长"),
    (r"the file already exists$", "文件已存在"),
    (r"the file is too large$", "文件过大"),
    (r"too many levels of links$", "链接层数过多"),
    (r"no such device$", "设备不存在"),
    (r"the file or device is busy$", "文件或设备正忙"),
    (r"the file is in use$", "文件正被使用"),
    (r"too many open files$", "打开的文件过多"),
    (r"the file is closed$", "文件已关闭"),
    (r"the reader has gone$", "读取方已退出"),
    (r"the file does not accept this$", "该文件不接受此操作"),
    (r"system error (\w+)$", r"系统错误 \1"),
    (
        r"cannot read or write the database file: (.*?); is it a regular file\?",
        r"无法读写数据库文件：\1；它是普通文件吗？",
    ),
    (
        r"a cell has more than ([\d,]+) characters, over the limit for a cell",
        r"有单元格超过 \1 个字符，超出单元格的上限",
    ),
    # targets, districts, actions
    (
        r"unknown target (?P<key>'.*?') \(did you mean (?P<ids>[^)]*)\?\); 'tenactions targets' lists them all",
        _did_you_mean,
    ),
    (
        r"unknown target ('.*?'); 'tenactions targets' lists them all",
        r"未知目标 \1；用 'tenactions targets' 查看全部目标",
    ),
    (
        r"the target is empty: give a target id such as 'trees'",
        "目标为空：请输入目标编号，例如 'trees'",
    ),
    (r"there is no action (\d+) \(actions are ([^)]*)\)", r"没有第 \1 项行动（行动编号为 \2）"),
    (
        r"unknown district ('.*?') \(did you mean (.*?)\?\); districts are: (.*)",
        lambda m: (
            f"未知的区 {m[1]}（是否要输入 {m[2].replace(' or ', ' 或 ')}？）；可选的区：{m[3]}"
        ),
    ),
    (r"unknown district ('.*?'); districts are: (.*)", r"未知的区 \1；可选的区：\2"),
    # entries that would mislead a report (ledger.refusals)
    (
        r"(\S+) is a milestone for (\S+) to (\S+); (\S+) is outside that window;"
        r" use --force if this is right",
        r"\1 是时间窗口为 \2 至 \3 的节点目标；\4 不在该窗口内；如确认无误，请加 --force",
    ),
    (
        r"(\S+) is already done \((.+?) of (.+?)\); another entry would count it twice;"
        r" use --force if this is right",
        r"\1 已完成（\2 / \3）；再记一条会重复计算；如确认无误，请加 --force",
    ),
    (
        r"(\S+) counts from (\S+); an entry dated (\S+) would never count;"
        r" use --force if this is right",
        r"\1 从 \2 起计；日期为 \3 的记录不会被计入；如确认无误，请加 --force",
    ),
    (
        r"(\S+) starts on (\S+); (\S+) is before it; use --force if this is right",
        r"\1 从 \2 起计；\3 早于此日；如确认无误，请加 --force",
    ),
    (
        r"the amount ('.*?') is in yuan but (\S+) is counted in (\S+)",
        r"数量 \1 以元计，但 \2 以“\3”计",
    ),
    # time zones and the clock
    (
        r"('.*?') is not an IANA time zone name \(e\.g\. Asia/Shanghai\)",
        r"\1 不是 IANA 时区名（例如 Asia/Shanghai）",
    ),
    (
        r"TENACTIONS_NOW=('.*?') is not a time with an offset \(write e\.g\. (\S+)\)",
        r"TENACTIONS_NOW=\1 不是带时区偏移的时间（例如 \2）",
    ),
    # the ledger
    (
        r"there is no ledger at (.+) \((given by --db|from TENACTIONS_DB|the default location)\);"
        r" check the path, or log or import an entry to create one",
        lambda m: (
            f"{m[1]} 处没有数据库（"
            + {"given by --db": "由 --db 指定", "from TENACTIONS_DB": "来自 TENACTIONS_DB"}.get(
                m[2], "默认位置"
            )
            + "）；请检查路径，或先记录或导入一条记录以新建数据库"
        ),
    ),
    # amounts
    (
        r"('.*?') is not an amount: digits are grouped in threes \(1,200 or 12,345\)",
        r"\1 不是有效的数量：数字须每三位一组（1,200 或 12,345）",
    ),
    (
        r"('.*?') is not an amount: ('.*?') \((U\+[0-9A-F]{4})\) is not a digit used here \(write 0-9\)",
        r"\1 不是有效的数量：\2（\3）不是可用的数字（请用 0-9）",
    ),
    (r"the amount (.+?) must be greater than zero", r"数量 \1 必须大于零"),
    (
        r"(\S+) is larger than the largest amount allowed \(1000万亿\)",
        r"\1 超过允许的最大数量（1000万亿）",
    ),
    (r"the amount is empty", "数量为空"),
    (
        r"('.*?') is not an amount \(write 1200, 1,200, 1\.2万 or 3亿\)",
        r"\1 不是有效的数量（可写作 1200、1,200、1.2万 或 3亿）",
    ),
    (
        r"(?:(?P<target>[a-z][a-z0-9_-]*) )?amount (?P<value>\S+) (?:must be a whole number|has more than (?P<decimals>\d) decimal places)",
        _amount_decimals,
    ),
    (r"('.*?'|\S+) is not an amount", r"\1 不是有效的数量"),
    # dates
    (r"\bdate (\d{4}-\d\d-\d\d)", r"日期 \1"),
    (r"day is out of range for month", "该月没有这一天"),
    (r"month must be in 1\.\.12", "月份必须在 1 到 12 之间"),
    (r"((?:--[a-z-]+|date) )?('.*?') is not a real date \((.*?)\)", r"\1\2 不是有效的日期（\3）"),
    (
        r"((?:--[a-z-]+|date) )?('.*?') is not a date \(write YYYY-MM-DD, e\.g\. 2024-08-01\)",
        r"\1\2 不是日期（请写成 YYYY-MM-DD，例如 2024-08-01）",
    ),
    (
        r"(\S+ )?(\d{4}-\d\d-\d\d) is outside the programme period (\S+) to (\S+)",
        r"\1\2 不在计划期内（\3 至 \4）",
    ),
    (
        r"(\S+ )?(\d{4}-\d\d-\d\d) is in the future \(today is (\S+)\)",
        r"\1\2 是将来的日期（今天是 \3）",
    ),
    (r"(\d{4}-\d\d-\d\d) is before the programme starts \((\S+)\)", r"\1 早于计划开始日期（\2）"),
    (r"(\d{4}-\d\d-\d\d) is after the programme ends \((\S+)\)", r"\1 晚于计划结束日期（\2）"),
    (
        r"('.*?') is not a date \(write 2024-08-01, 2024/8/1 or 2024年8月1日\)",
        r"\1 不是日期（请写成 2024-08-01、2024/8/1 或 2024年8月1日）",
    ),
    (r"('.*?') is not a real date", r"\1 不是有效的日期"),
    (r"('.*?') has no year; write it as 2024-08-01", r"\1 没有年份；请写成 2024-08-01 这样的日期"),
    (
        r"('.*?') has no year, and that day is not in the programme period (\S+) to (\S+)",
        r"\1 没有年份，且这一天不在计划期（\2 至 \3）内",
    ),
    (
        r"('.*?') has no year, and the programme period (\S+) to (\S+) holds that day in (\d+) years; write the year",
        r"\1 没有年份，而计划期（\2 至 \3）中有 \4 个年份都有这一天；请写明年份",
    ),
    (
        r"(\S+) is a number, not a date \(format the cells as dates, or write 2024-08-01\)",
        r"\1 是数字而不是日期（请把单元格设为日期格式，或写成 2024-08-01）",
    ),
    (r"('.*?') is not a date \(write YYYY-MM-DD\)", r"\1 不是日期（请写成 YYYY-MM-DD）"),
    (r"('.*?') is not a date", r"\1 不是日期"),
    # free text
    (r"the text contains a control character \((U\+[0-9A-F]{4})\)", r"文本含有控制字符（\1）"),
    (
        r"the text is ([\d,]+) characters long; at most ([\d,]+) are kept",
        r"文本长 \1 个字符，最多 \2 个",
    ),
    (r"(\S+) contains a control character \((U\+[0-9A-F]{4})\)", r"\1 含有控制字符（\2）"),
    (
        r"(\S+) is ([\d,]+) characters long; at most ([\d,]+) are kept",
        r"\1 长 \2 个字符，最多 \3 个",
    ),
    # entries
    (
        r"reference ('.*?') is already recorded as entry (\d+) \(use 'tenactions amend' to correct it\)",
        r"编号 \1 已记录为第 \2 条（如需更正请用 'tenactions amend'）",
    ),
    (r"entry (\d+) is already void \(by (.*?) at (\S+): (.*)\)", r"第 \1 条已作废（\2 于 \3：\4）"),
    (r"entry (\d+) is void already; log a new entry instead", r"第 \1 条已作废；请另记一条"),
    (
        r"nothing to change: give entry (\d+) a new amount, --target, --date, --district, --note or --ref",
        r"没有要更正的内容：请为第 \1 条给出新的数量、--target、--date、--district、--note 或 --ref",
    ),
    (r"there is no entry (-?\d+)", r"没有第 \1 条记录"),
    # the database
    (
        r"the database is busy \(another tenactions is writing\); try again, or raise TENACTIONS_BUSY_TIMEOUT",
        "数据库正忙（另一个 tenactions 正在写入）；请稍后重试，或调大 TENACTIONS_BUSY_TIMEOUT",
    ),
    (r"the database is read-only; nothing was written", "数据库是只读的；未写入任何内容"),
    (
        r"cannot open the database file \(check the folder exists and is writable\)",
        "无法打开数据库文件（请检查文件夹是否存在且可写）",
    ),
    (r"the disk is full; nothing was written", "磁盘已满；未写入任何内容"),
    (
        r"the file is not a tenactions database or is damaged \((.*?)\); no backup was written; restore it from an earlier backup",
        r"该文件不是 tenactions 数据库或已损坏（\1）；未写入备份；请从更早的备份恢复",
    ),
    (
        r"the file is not a tenactions database or is damaged \((.*?)\); restore it from a backup",
        r"该文件不是 tenactions 数据库或已损坏（\1）；请从备份恢复",
    ),
    (
        r"is an SQLite database, but not a tenactions ledger",
        "是 SQLite 数据库，但不是 tenactions 台账",
    ),
    (
        r"was written by a newer tenactions \(schema (\d+); this one reads up to (\d+)\); upgrade tenactions",
        r"由更新版本的 tenactions 写入（结构版本 \1，本版本最高支持 \2）；请升级 tenactions",
    ),
    (r"is a folder, not a database file", "是文件夹，不是数据库文件"),
    (r"cannot create its folder: (.*)", r"无法创建所在文件夹：\1"),
    (
        r"daily_totals disagree with the entries for (\d+) \(target, day, district\) rows, e\.g\. (.*?); run 'tenactions check --repair' to rebuild them",
        r"每日合计与记录不一致（\1 行，例如 \2）；请运行 'tenactions check --repair' 重建",
    ),
    (r"integrity: (.*)", r"完整性检查：\1"),
    (r"schema: (\S+) (\S+) is missing(.*)", r"结构：缺少 \1 \2\3"),
    (r"(\d+) rows point at entries that do not exist", r"\1 行指向不存在的记录"),
    (r"database error: (.*)", r"数据库错误：\1"),
    # a ledger on a server
    (
        r"the database is busy \(other writers hold what this command needs\); try again, or raise TENACTIONS_BUSY_TIMEOUT",
        "数据库正忙（其他写入者占用了本命令所需的数据）；请稍后重试，或调大 TENACTIONS_BUSY_TIMEOUT",
    ),
    (r"cannot connect to the server: (.*)", r"无法连接服务器：\1"),
    (r"not a usable database URL \((.*)\)", r"不是可用的数据库地址（\1）"),
    (
        r"unknown kind of database ('.*?'); give a file path for an SQLite ledger, or postgresql://user@host/database for a server",
        r"未知的数据库类型 \1；SQLite 数据库请给文件路径，服务器请给 postgresql://用户@主机/数据库",
    ),
    (
        r"there is no ledger in (.*?); check the URL, or log or import an entry to create one",
        r"\1 中没有台账；请检查地址，或先记录或导入一条以创建",
    ),
    (
        r"has a schema named tenactions, but it is not a tenactions ledger",
        "有名为 tenactions 的 schema，但不是 tenactions 台账",
    ),
    (
        r"the server runs PostgreSQL (\d+); tenactions needs PostgreSQL 12 or newer",
        r"服务器运行的是 PostgreSQL \1；tenactions 需要 PostgreSQL 12 或更新版本",
    ),
    (r"the connection to the server was lost: (.*)", r"与服务器的连接中断：\1"),
    (r"permission denied: (.*); nothing was written", r"权限不足：\1；未写入任何内容"),
    (
        r"the role (\S+) may only read this ledger; nothing was written",
        r"角色 \1 只能读取此台账；未写入任何内容",
    ),
    (
        r"the role (\S+) may write only entries of (\S+); nothing was written",
        r"角色 \1 只能写入 \2 的记录；未写入任何内容",
    ),
    (r"the server's disk is full; nothing was written", "服务器磁盘已满；未写入任何内容"),
    (
        r"holds other entries under the same ids \(e\.g\. entry (\d+)\); copy into an empty ledger, or into one copied from the same source",
        r"同一编号下已有其他记录（例如第 \1 条）；请复制到空台账，或复制到由同一来源复制的台账",
    ),
    (r"--from and --to are the same ledger", "--from 与 --to 是同一个台账"),
    (
        r"roles belong to a PostgreSQL ledger; give --db postgresql://\.\.\.",
        "角色只适用于 PostgreSQL 台账；请用 --db postgresql://...",
    ),
    (r"give either --district NAME or --read-only", "请给出 --district 区名 或 --read-only 之一"),
    (
        r"a PostgreSQL ledger needs the psycopg driver: pip install 'tenactions\[postgres\]'",
        "PostgreSQL 台账需要 psycopg 驱动：pip install 'tenactions[postgres]'",
    ),
    (
        r"is on a network file system \((\S+)\), where SQLite's locking cannot be trusted; share the ledger through a PostgreSQL server instead \(see docs/server\.md\)",
        r"位于网络文件系统（\1）上，SQLite 的锁在此不可靠；请改用 PostgreSQL 服务器共享台账（见 docs/server.md）",
    ),
    (r"already exists; choose a new file name", "已存在；请换一个文件名"),
    (r"cannot write the backup: (.*)", r"无法写入备份：\1"),
    (
        r"TENACTIONS_BUSY_TIMEOUT=('.*?') is not a number of seconds",
        r"TENACTIONS_BUSY_TIMEOUT=\1 不是秒数",
    ),
    (
        r"TENACTIONS_BUSY_TIMEOUT=('.*?') must be between 0 and 3600 seconds",
        r"TENACTIONS_BUSY_TIMEOUT=\1 必须在 0 到 3600 秒之间",
    ),
    (
        r"TENACTIONS_TODAY=('.*?') is not a date \(write YYYY-MM-DD\)",
        r"TENACTIONS_TODAY=\1 不是日期（请写成 YYYY-MM-DD）",
    ),
    # files written
    # Where a file is written, a missing path is a missing folder.
    (r"cannot write here: No such file or directory", "无法在此写入：文件夹不存在"),
    (r"cannot write here: (.*)", r"无法在此写入：\1"),
    (
        r"is the ledger's own file \((.*)\); choose another output file",
        r"是数据库本身的文件（\1）；请换一个输出文件",
    ),
    (r"is a folder; give a file name", "是文件夹；请给出文件名"),
    (
        r"is the programme file in use; choose another output file",
        "是正在使用的计划文件；请换一个输出文件",
    ),
    (
        r"exists already \(perhaps a district's filled-in sheet\); choose another name, or add"
        r" --force to replace it",
        "已存在（可能是某区已填好的报表）；请换一个文件名，或加 --force 覆盖",
    ),
    (r"standard output is closed; nothing was shown", "标准输出已关闭；未显示任何内容"),
    (
        r"--as-of (\S+) is out of range: use a date between (\S+) and (\S+)",
        r"--as-of \1 超出范围：请用 \2 至 \3 之间的日期",
    ),
    (r"cannot write: (.*)", r"无法写入：\1"),
    (r"an xlsx export needs --output FILE\.xlsx", "导出 xlsx 需要用 --output 指定 .xlsx 文件"),
    (
        r"an xlsx report needs --output FILE\.xlsx \(or redirect it to a file\)",
        "xlsx 报告需要用 --output 指定 .xlsx 文件（或重定向到文件）",
    ),
    (
        r"more than ([\d,]+) entries do not fit in one xlsx sheet; export as csv or json",
        r"超过 \1 条记录无法放入一个 xlsx 工作表；请导出为 csv 或 json",
    ),
    (r"interrupted; nothing more was written", "已中断；之后未再写入"),
    (r"--fail-on (\S+): (\d+) targets: (.*)", r"--fail-on \1：\2 个目标：\3"),
    # import files
    (r"the template is an \.xlsx workbook; name it \.xlsx", "模板是 .xlsx 工作簿；请以 .xlsx 命名"),
    (r"--month ('.*?') is not a month \(write 2024-08\)", r"--month \1 不是月份（请写成 2024-08）"),
    (
        r"--month ('.*?') is in the programme period more than once; give the year \((\S+)\)",
        r"--month \1 在计划期内出现不止一次；请写明年份（\2）",
    ),
    (
        r"--month ('.*?') is outside the programme period (\S+) to (\S+)",
        r"--month \1 不在计划期（\2 至 \3）内",
    ),
    (
        r"unsupported file type, use \.csv, \.xlsx, \.xlsm, \.xls or \.ods",
        "不支持的文件类型，请使用 .csv、.xlsx、.xlsm、.xls 或 .ods",
    ),
    (
        r"--sheet is for workbooks; a CSV file has one table",
        "--sheet 只用于工作簿；CSV 文件只有一张表",
    ),
    (
        r"is not a workbook \(\.xlsx, \.xls or \.ods\) but another kind of file; if it is CSV text, name it \.csv",
        "不是工作簿（.xlsx、.xls 或 .ods），而是其他类型的文件；如果是 CSV 文本，请改名为 .csv",
    ),
    (
        r"is protected by a password; open it in Excel/WPS, remove the password and save it again",
        "设有密码；请用 Excel/WPS 打开，取消密码后重新保存",
    ),
    (
        r"is not a readable workbook \(damaged, truncated, or another kind of file\); open it in Excel/WPS and save it again",
        "不是可读取的工作簿（已损坏、不完整或是其他类型的文件）；请用 Excel/WPS 打开后重新保存",
    ),
    (
        r"sheet ('.*?') is damaged \((\w+)\); open it in Excel/WPS and save it again",
        r"工作表 \1 已损坏（\2）；请用 Excel/WPS 打开后重新保存",
    ),
    (r"has no sheet ('.*?'); its sheets are (.*)", r"没有工作表 \1；现有工作表为 \2"),
    (r"the workbook has no visible sheet to read", "工作簿中没有可读取的可见工作表"),
    (
        r"no header row in rows (\d+)-(\d+): no row names the columns target, amount and date \(accepted names: (.*)\)",
        lambda m: (
            f"第 {m[1]}-{m[2]} 行中没有表头行：没有一行写明目标、数量和日期列"
            f"（可用的列名：{_field_names(m[3])}）"
        ),
    ),
    (
        r"the header ('.*?') has a unit that is not known \((.*?)\); write one of (.*)",
        r"表头 \1 的单位无法识别（\2）；请写成以下之一：\3",
    ),
    (
        r"the unit 单位：(\S+) is not known; write one of (.*)",
        r"单位：\1 无法识别；请写成以下之一：\2",
    ),
    (
        r"the sheet says 单位：(\S+) but the header ('.*?') \(row (\d+)\) says (\S+); make them agree",
        r"表上写明单位：\1，但第 \3 行的表头 \2 的单位是\4；请使两者一致",
    ),
    (
        r"the column counts in (\S+) but (\S+) is counted in (\S+)",
        r"该列的单位是\1，但 \2 的单位是\3",
    ),
    (
        r"the same target, date, amount and district as (\S+); is one sheet a copy of another\? \(use --force to import both\)",
        r"与 \1 的目标、日期、数量和区完全相同；是否一张工作表重复了另一张？（确需都导入请加 --force）",
    ),
    (
        r"the amount cell is merged over rows (\S+); give each row its own amount",
        r"数量单元格合并了第 \1 行；请每行各填自己的数量",
    ),
    (
        r"('.*?') has its own unit, but the column is in (\S+); write the number alone",
        r"\1 自带单位，而该列的单位已是\2；请只填数字",
    ),
    (r"no such programme file", "计划文件不存在"),
    (r"is a folder, not a programme file", "是文件夹，不是计划文件"),
    (r"no file was given \(the file name is empty\)", "没有给出文件（文件名为空）"),
    (r"no such file", "文件不存在"),
    (r"is a folder, not a file", "是文件夹，不是文件"),
    (
        r"is not a regular file \(a device, a pipe or a system file\)",
        "不是普通文件（是设备、管道或系统文件）",
    ),
    (
        r"has more than ([\d,]+) lines \(blank ones included\), over the limit for a CSV file; split it",
        r"超过 \1 行（空行也计入），超出 CSV 文件的上限；请拆分文件",
    ),
    (
        r"is larger than ([\d,]+) MB, over the limit for a CSV file; split it",
        r"大于 \1 MB，超出 CSV 文件的上限；请拆分文件",
    ),
    (r"permission denied", "没有权限"),
    (r"cannot read the file: (.*)", r"无法读取文件：\1"),
    (
        r"columns ('.*?') and ('.*?') both mean (\S+); rename one",
        lambda m: f"列 {m[1]} 和 {m[2]} 都表示{_FIELDS_ZH.get(m[3], m[3])}；请重命名其中一列",
    ),
    (
        r"missing column (.*?); the header row has: (.*)",
        lambda m: f"缺少列 {_field_names(m[1])}；表头行为：{m[2]}",
    ),
    (
        r"the file is empty; its first row must name the columns \(target, amount, date; or 目标, 数量, 日期\)",
        "文件为空；第一行应为列名（target, amount, date；或 目标, 数量, 日期）",
    ),
    (
        r"formula has no saved value; open and save the file in Excel/WPS",
        "公式没有保存的计算结果；请用 Excel/WPS 打开并保存文件",
    ),
    (r"the cell shows the error (\S+)", r"单元格显示错误 \1"),
    (
        r"the row has (\d+) values but the header has (\d+) columns",
        r"该行有 \1 个值，但表头只有 \2 列",
    ),
    (r"('.*?') is not true or false", r"\1 不是“是”或“否”"),
    (r"('.*?') is not an entry id", r"\1 不是记录编号"),
    (
        r"entries ([\d, ]+) are live and share the form number ('.*?') in (.*?); void or amend all but one",
        r"第 \1 条记录均有效且编号相同（\2，\3）；请只保留一条，其余作废或更正",
    ),
    (
        r"(?P<value>'.*?') appears more than once in this file(?: for (?P<district>\S+))?",
        _appears_twice,
    ),
    (
        r"a quoted cell is never closed \(a \" is missing\), so every line after it would be read into it",
        '有一个引号单元格没有闭合（缺少一个 "），其后的所有行都会被读进这个单元格',
    ),
    (
        r"the text is neither UTF-8 nor GBK \(line (\d+) is the first that is not UTF-8\); save the file as 'CSV UTF-8'",
        r"文本既不是 UTF-8 也不是 GBK（第 \1 行起不是 UTF-8）；请另存为“CSV UTF-8”",
    ),
    (r"cannot read this CSV row: (.*)", r"无法读取这一 CSV 行：\1"),
    (
        r"is saved as UTF-16 \('Unicode text'\); save it as 'CSV UTF-8'",
        "保存成了 UTF-16（“Unicode 文本”）；请另存为“CSV UTF-8”",
    ),
    (
        r"is a zip file \(an \.xlsx workbook\?\), not CSV text; name it \.xlsx or save it as CSV",
        "是 zip 文件（可能是 .xlsx 工作簿），不是 CSV 文本；请改名为 .xlsx 或另存为 CSV",
    ),
    (r"… and (\d+) more bad rows", r"……另有 \1 行有误"),
    (
        r"entries under target ids that are not in the programme: (.*); if a target was renamed, list its old id under was: in the programme file",
        lambda m: (
            "以下目标编号不在计划中，其记录未被计入："
            + re.sub(r" \((\d+) entries\)", r"（\1 条）", m[1])
            + "；如目标改过编号，请在计划文件中该目标的 was: 下列出旧编号"
        ),
    ),
    (
        r"holds more than ([\d,]+) different texts \(shared strings\), over the limit for a workbook; split it, or save it as CSV",
        r"含有超过 \1 个不同的文本（共享字符串），超出工作簿的限制；请拆分文件，或另存为 CSV",
    ),
    (
        r"(\S+) has cells spread over ([\d,]+) rows x ([\d,]+) columns, over the limit of ([\d,]+) cells; split it, or save it as CSV",
        r"工作表 \1 的单元格分布在 \2 行 × \3 列，超过 \4 个单元格的限制；请拆分文件，或另存为 CSV",
    ),
    (
        r"(\S+) has ([\d,]+) (rows|columns), over the limit of ([\d,]+); split it, or save it as CSV",
        r"工作表 \1 有 \2 \3，超过 \4 的限制；请拆分文件，或另存为 CSV",
    ),
    (
        r"unpacks to (.*?), over the limit of (.*?) for a workbook; split it, or save it as CSV",
        r"解压后为 \1，超过工作簿 \2 的限制；请拆分文件，或另存为 CSV",
    ),
    (
        r"is (.*?), over the limit of (.*?) for a workbook; split it, or save it as CSV",
        r"大小为 \1，超过工作簿 \2 的限制；请拆分文件，或另存为 CSV",
    ),
    (
        r"the row has ([\d,]+) columns, over the limit of ([\d,]+)",
        r"该行有 \1 列，超过 \2 列的限制",
    ),
    (
        r"the line is longer than ([\d,]+) characters, over the limit for a row",
        r"该行超过 \1 个字符，超出单行的限制",
    ),
    (
        r"(\S+): its entries add up to about (\S+), over the largest total a target can reach \((\S+)\); void the wrong entries \(the latest is (\d+): tenactions entries --target (\S+)\), then run 'tenactions check --repair'",
        r"\1：有效记录合计约 \2，超过单个目标允许的最大累计（\3）；请作废错误的记录（最新一条为第 \4 条：tenactions entries --target \5），再运行 'tenactions check --repair'",
    ),
    (
        r"daily_totals hold (\d+) totals that are not whole numbers \(an overflow\); run 'tenactions check --repair' to rebuild them",
        r"daily_totals 中有 \1 个合计不是整数（溢出）；请运行 'tenactions check --repair' 重建",
    ),
    (
        r"the totals of (\S+) are damaged \(not a whole number: an overflow\); run 'tenactions check --repair'",
        r"\1 的累计数据已损坏（不是整数：溢出）；请运行 'tenactions check --repair'",
    ),
    (
        r"this row \((.*?)\) is already entry (\d+) \(amended since: now entry (\d+)\) as (.*?), but the file says (.*?); if this row corrects entry (\d+), run 'tenactions amend \d+ \.\.\.'; (?:if it is a different record, give it its own form number|otherwise fix the file)",
        _already_amended,
    ),
    (
        r"this row \((.*?)\) is entry (\d+), which is void \((.*?)\), but the file says (.*?); if it is real, log it anew \(tenactions log\), or remove it from the file",
        r"该行（\1）是第 \2 条记录，已作废（\3），但文件中为 \4；如确有其事请另记一条（tenactions log），否则从文件中删去该行",
    ),
    (
        r"this row \((.*?)\) is entry (\d+), except its note \((.*?); the entry has (.*?)\); kept as recorded: to change it, run 'tenactions amend (\d+) --note \.\.\.'",
        r"该行（\1）即第 \2 条记录，仅备注不同（文件：\3；记录：\4）；保留原记录：如需修改请用 'tenactions amend \5 --note ...'",
    ),
    (
        r"this row matches entry (\d+), which was voided: not counted",
        r"该行即第 \1 条记录，该记录已作废：不计入",
    ),
    (
        r"reference ('.*?') is already recorded as entry (\d+), now void",
        r"编号 \1 已记录为第 \2 条（现已作废）",
    ),
    (
        r"(\S+): the total would reach (\S+), over the largest total a target can reach \((\S+)\); nothing was written",
        r"\1：累计将达到 \2，超过单个目标允许的最大累计（\3）；未写入任何内容",
    ),
    (
        r"the totals of (\S+) are damaged \(over the largest total a target can reach\); run 'tenactions check'",
        r"\1 的累计数据已损坏（超过单个目标允许的最大累计）；请运行 'tenactions check'",
    ),
    (
        r"this row \((.*?)\) is already entry (\d+) as (.*?), but the file says (.*?); if this row corrects entry (\d+), run 'tenactions amend \d+ \.\.\.'; (?:if it is a different record, give it its own form number|otherwise fix the file)",
        _already_entry,
    ),
    # the programme file
    (
        r"the file is ([\d,]+) bytes; a programme file is at most 1 MB",
        r"文件有 \1 字节；计划文件最大 1 MB",
    ),
    (
        r"not UTF-8 text \(byte (\d+)\); save it as UTF-8",
        r"不是 UTF-8 文本（第 \1 字节）；请另存为 UTF-8",
    ),
    (r"the programme file is empty", "计划文件为空"),
    (
        r"the programme must be a mapping of keys \(name_zh, start, actions, \.\.\.\)",
        "计划文件必须是键值映射（name_zh、start、actions 等）",
    ),
    (r"alias (\*\S+) is not allowed; write the value out", r"不允许使用别名 \1；请直接写出值"),
    (r"tag (\S+) is not allowed", r"不允许使用标签 \1"),
    (r"keys must be plain names \(no merge keys\)", "键必须是普通名称（不允许合并键）"),
    (r"duplicate key ('.*?') \(first at line (\d+)\)", r"重复的键 \1（首次出现在第 \2 行）"),
    (r"unknown key \(check its spelling\)", "未知的键（请检查拼写）"),
    (r"required key is missing", "缺少必需的键"),
    (
        r"an id is lower-case letters, digits, - and _ \(e\.g\. trees, gig-members\), at most 40",
        "编号只能由小写字母、数字、- 和 _ 组成（例如 trees、gig-members），最多 40 个字符",
    ),
    (
        r"('.*?') already names target (\S+); ids, aliases and names must be unique",
        r"\1 已是目标 \2 的名称；编号、别名和名称不能重复",
    ),
    (r"action number (\d+) is used twice", r"行动编号 \1 重复"),
    (
        r"the period ends \((\S+)\) on or before it starts \((\S+)\)",
        r"计划期的结束日期（\1）不晚于开始日期（\2）",
    ),
    (r"(\S+) is outside the period (\S+) to (\S+)", r"\1 不在计划期 \2 至 \3 内"),
    (
        r"a milestone needs a due date \(due: YYYY-MM-DD\)",
        "节点类目标需要截止日期（due: YYYY-MM-DD）",
    ),
    (r"only a milestone has a window", "只有节点类目标可以设窗口开始日期"),
    (
        r"a recurring target needs every: week, month or quarter",
        "周期类目标需要 every: week、month 或 quarter",
    ),
    (r"only a recurring target has every:", "只有周期类目标可以设 every"),
    (r"starts after it ends \((\S+)\)", r"开始日期晚于结束日期（\1）"),
    (r"has more than (\d) decimal places \(decimals: (\d)\)", r"小数超过 \1 位（decimals: \2）"),
    (r"only a cumulative target has checkpoints", "只有累计类目标可以设检查点"),
    (r"(\S+) is outside the target's (\S+) to (\S+)", r"\1 不在目标期 \2 至 \3 内"),
    (r"checkpoint shares must not go down", "检查点的比例不能下降"),
    (r"('.*?') names two districts", r"\1 对应了两个区"),
    (r"… and (\d+) more problems like these", r"……另有 \1 个同类问题"),
    (r"contains a control character \((U\+[0-9A-F]{4})\)", r"含有控制字符（\1）"),
    (r"is empty", "为空"),
    # The operating system's own words (strerror) for the common failures.
    (r"No such file or directory$", "文件或文件夹不存在"),
    (r"Permission denied$", "没有权限"),
    (r"No space left on device$", "磁盘已满"),
    (r"Disk quota exceeded$", "超出磁盘配额"),
    (r"Read-only file system$", "文件系统为只读"),
    (r"Is a directory$", "是文件夹"),
    (r"Not a directory$", "路径中有一部分不是文件夹"),
    (r"File name too long$", "文件名太长"),
    (r"Input/output error$", "读写错误（磁盘或网络盘故障）"),
]

_COMPILED = [(re.compile(pattern), replacement) for pattern, replacement in _TABLE]


# An entry described in a message: "trees 40 on 2024-08-05 in 天河区" (store._describe).
_DESCRIBED = re.compile(
    r"(?P<target>[a-z][a-z0-9_-]*) (?P<amount>\d[\d.]*) on (?P<date>\d{4}-\d{2}-\d{2})"
    r"(?: in (?P<district>[^\s,;]+))?"
)
_DESCRIBED_IN = re.compile(r"is already entry|which is void")


def to_chinese(line: str, targets: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The line with every known English phrase in Chinese.

    ``targets`` maps a target's id to its Chinese name and unit, so that an entry described
    in a message reads ``义务植树 40棵（2024-08-05，天河区）``, not ``trees 40 on …``.
    """
    if _DESCRIBED_IN.search(line):
        line = _DESCRIBED.sub(lambda m: _described(m, targets or {}), line)
    for pattern, replacement in _COMPILED:
        line = pattern.sub(replacement, line)
    return line


def _described(m: re.Match[str], targets: Mapping[str, tuple[str, str]]) -> str:
    name, unit = targets.get(m["target"], (m["target"], ""))
    amount = format_amount(Decimal(m["amount"]), "zh", exact=True)
    where = f"，{m['district']}" if m["district"] else ""
    return f"{name} {amount}{unit}（{m['date']}{where}）"
