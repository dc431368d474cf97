"""What ``tenactions check`` verifies in a ledger on a server, and what ``--repair`` mends.

The server keeps the ledger's promises only while its schema is intact: the append-only
triggers enabled, row-level security on, no role but the owner able to change entries, the
totals equal to the entries. An owner (or a restore) can undo any of that without a word, so
``check`` looks at each, as SQLite's ``PRAGMA integrity_check`` looks at a file. Each finding
says what is wrong and, where a repair is safe (it changes the schema or the derived totals,
never an entry), the statements that mend it; entries themselves are only ever voided or
amended by the commands, so a finding about them says which command to run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tenactions.messages import Msg
from tenactions.store.common import (
    MAX_TOTAL_C,
    differing_rows,
    entries_over_limit,
    shared_form_number,
)

if TYPE_CHECKING:
    import psycopg

#: The append-only and totals triggers: name -> (table, what their absence risks).
TRIGGERS = {
    "entries_never_change": ("entries", "check_risk_changed"),
    "entries_never_truncated": ("entries", "check_risk_changed"),
    "voids_never_change": ("voids", "check_risk_changed"),
    "voids_never_truncated": ("voids", "check_risk_changed"),
    "identity_keys_never_change": ("identity_keys", "check_risk_changed"),
    "entries_totals": ("entries", "check_risk_totals"),
    "voids_totals": ("voids", "check_risk_totals"),
    "entries_stamps_kept": ("entries", "check_risk_stamps"),
    "voids_stamps_kept": ("voids", "check_risk_stamps"),
}
#: The columns the server stamps by their defaults (the commands send no value for them).
STAMPS = (("entries", "created_at"), ("entries", "login"), ("voids", "at"), ("voids", "login"))
#: The row-level security policies: (name, table).
POLICIES = (
    ("everyone_reads", "entries"),
    ("own_district_writes", "entries"),
    ("everyone_reads", "voids"),
    ("own_district_voids", "voids"),
)
TABLES = ("meta", "entries", "voids", "identity_keys", "daily_totals", "target_days", "access")
#: The tables a district's role may add rows to (row-level security decides which rows).
WRITTEN = ("entries", "voids", "identity_keys")
#: Privileges no role but the owner holds on any table of the ledger.
OWNERS_ONLY = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")


@dataclass(frozen=True)
class Finding:
    """One problem: its line, and (if it can be mended safely) how and what to say then."""

    text: Msg
    repair: tuple[Any, ...] = ()
    done: Msg | None = None


def findings(cur: psycopg.Cursor[Any], migrations: list[str]) -> list[Finding]:
    """Everything wrong with the ledger's schema, privileges and data, most basic first."""
    found = _objects(cur)
    if found:
        return found  # without its tables nothing else can be looked at
    # Functions first: a trigger or policy recreated by --repair calls them.
    found += _functions(cur, migrations)
    found += _triggers(cur, migrations)
    found += _stamps(cur, migrations)
    found += _security(cur, migrations)
    found += _privileges(cur)
    found += _sequence(cur)
    found += _identities(cur)
    found += _amendments(cur)
    limits = _limits(cur)
    # Totals over the limit are rebuilt only after the wrong entries are voided.
    return found + (limits or _totals(cur))


def _objects(cur: psycopg.Cursor[Any]) -> list[Finding]:
    cur.execute(
        "SELECT name FROM unnest(%s::text[]) name WHERE to_regclass('tenactions.' || name) IS NULL",
        ([*TABLES, "ledger"],),
    )
    return [Finding(Msg("check_object_missing", name=name)) for (name,) in cur.fetchall()]


def _statement(migrations: list[str], head: str) -> str | None:
    """The latest statement of the released migrations that begins with ``head`` (to make
    it again as the newest migration left it)."""
    found = None
    for migration in migrations:
        for statement in migration.split("\n    ;;\n"):
            if statement.strip().startswith(head):
                found = statement
    return found


#: A function a migration creates (or replaces), and its name.
_FUNCTION = re.compile(r"CREATE (?:OR REPLACE )?FUNCTION (\w+)\(")
#: A function a migration drops.
_DROPPED = re.compile(r"DROP FUNCTION (?:IF EXISTS )?(\w+)\(")


def _functions(cur: psycopg.Cursor[Any], migrations: list[str]) -> list[Finding]:
    """The functions the triggers and policies call are there. ``DROP FUNCTION ... CASCADE``
    takes the triggers (or policies) that call it along, so they are then missing too; a
    repair makes each function again from the last migration that defines it, then them."""
    latest: dict[str, str] = {}
    for migration in migrations:
        for statement in migration.split("\n    ;;\n"):
            made = _FUNCTION.match(statement.strip())
            if made:
                latest[made.group(1)] = statement
            dropped = _DROPPED.match(statement.strip())
            if dropped:  # a later migration retired it (stamped() gave way to stamps_kept())
                latest.pop(dropped.group(1), None)
    cur.execute(
        "SELECT proname FROM pg_proc WHERE pronamespace = 'tenactions'::regnamespace"
        " AND proname = ANY(%s)",
        (list(latest),),
    )
    present = {name for (name,) in cur.fetchall()}
    return [
        Finding(
            Msg("check_function_missing", function=name),
            (statement,),
            Msg("check_repair_function", function=name),
        )
        for name, statement in latest.items()
        if name not in present
    ]


def _triggers(cur: psycopg.Cursor[Any], migrations: list[str]) -> list[Finding]:
    cur.execute(
        "SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE c.relnamespace = 'tenactions'::regnamespace AND NOT t.tgisinternal"
    )
    state = dict(cur.fetchall())
    found = []
    for trigger, (table, risk) in TRIGGERS.items():
        said = {"trigger": trigger, "table": table, "risk": Msg(risk, table=table)}
        if trigger not in state:
            made = _statement(migrations, f"CREATE TRIGGER {trigger} ")
            found.append(
                Finding(
                    Msg("check_trigger_missing", **said),
                    (made,) if made else (),
                    Msg("check_repair_trigger_made", trigger=trigger, table=table),
                )
            )
        elif state[trigger] not in ("O", "A"):  # D: disabled; R: fires only on replicas
            found.append(
                Finding(
                    Msg("check_trigger_disabled", **said),
                    (f"ALTER TABLE {table} ENABLE TRIGGER {trigger}",),
                    Msg("check_repair_trigger", trigger=trigger, table=table),
                )
            )
    return found


def _stamps(cur: psycopg.Cursor[Any], migrations: list[str]) -> list[Finding]:
    """Each stamped column has its default: the commands send no time or login, so without
    it every write is refused."""
    cur.execute(
        "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        " WHERE c.relnamespace = 'tenactions'::regnamespace AND a.atthasdef"
    )
    present = set(cur.fetchall())
    found = []
    for table, column in STAMPS:
        if (table, column) not in present:
            made = _statement(migrations, f"ALTER TABLE {table} ALTER COLUMN {column}")
            found.append(
                Finding(
                    Msg("check_default_missing", table=table, column=column),
                    (made,) if made else (),
                    Msg("check_repair_default", table=table, column=column),
                )
            )
    return found


def _security(cur: psycopg.Cursor[Any], migrations: list[str]) -> list[Finding]:
    found = []
    for table in ("entries", "voids"):
        cur.execute(
            "SELECT relrowsecurity FROM pg_class WHERE oid = %s::regclass",
            (f"tenactions.{table}",),
        )
        row = cur.fetchone()
        if row is not None and not row[0]:
            found.append(
                Finding(
                    Msg("check_rls_off", table=table),
                    (f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",),
                    Msg("check_repair_rls", table=table),
                )
            )
    cur.execute("SELECT policyname, tablename FROM pg_policies WHERE schemaname = 'tenactions'")
    present = set(cur.fetchall())
    for policy, table in POLICIES:
        if (policy, table) not in present:
            made = _statement(migrations, f"CREATE POLICY {policy} ON {table} ")
            found.append(
                Finding(
                    Msg("check_policy_missing", policy=policy, table=table),
                    (made,) if made else (),
                    Msg("check_repair_policy", policy=policy, table=table),
                )
            )
    return found


def _privileges(cur: psycopg.Cursor[Any]) -> list[Finding]:
    """Roles given access hold what ``access grant`` gives, and no role but the owner can
    change the ledger (a role outside ``access`` that may insert is bound by no policy)."""
    from tenactions.store.postgres import grant_statements

    sql = _sql()
    found: list[Finding] = []
    cur.execute(
        "SELECT a.role, a.district, a.read_only, r.rolname IS NOT NULL,"
        " COALESCE(r.rolsuper OR r.rolbypassrls, false) FROM access a"
        " LEFT JOIN pg_roles r ON r.rolname = a.role ORDER BY a.role"
    )
    listed = cur.fetchall()
    districts = {role for role, district, read_only, _, _ in listed if not read_only}
    for role, _, read_only, exists, unbound in listed:
        if unbound:
            # Row-level security and privileges do not hold it: only a superuser (or a revoke)
            # can mend that, not the owner's repair.
            found.append(Finding(Msg("check_role_unbound", role=role)))
        if not exists:
            found.append(
                Finding(
                    Msg("check_role_gone", role=role),
                    (sql.SQL("DELETE FROM access WHERE role = {}").format(sql.Literal(role)),),
                    Msg("check_repair_role_gone", role=role),
                )
            )
            continue
        wanted = [("USAGE", "tenactions", "schema")]
        wanted += [("SELECT", table, "table") for table in TABLES]
        if not read_only:
            wanted += [("INSERT", table, "table") for table in WRITTEN]
        missing = []
        for privilege, name, kind in wanted:
            if kind == "schema":
                cur.execute("SELECT has_schema_privilege(%s, %s, %s)", (role, name, privilege))
            else:
                cur.execute(
                    "SELECT has_table_privilege(%s, %s, %s)",
                    (role, f"tenactions.{name}", privilege),
                )
            row = cur.fetchone()
            if row is not None and not row[0]:
                missing.append((privilege, name))
        if missing:
            privilege, name = missing[0]
            found.append(
                Finding(
                    Msg("check_privilege_missing", role=role, privilege=privilege, table=name),
                    tuple(grant_statements(role, read_only=read_only)),
                    Msg("check_repair_granted", role=role),
                )
            )
    # What was granted beyond that, on the tables and on the schema itself.
    cur.execute(
        "SELECT c.relname, a.grantee, COALESCE(r.rolname, ''), a.privilege_type"
        " FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a"
        " LEFT JOIN pg_roles r ON r.oid = a.grantee"
        " WHERE c.relnamespace = 'tenactions'::regnamespace AND c.relkind IN ('r', 'p', 'v')"
        " AND a.grantee != c.relowner"
        " AND CASE WHEN a.grantee = 0 THEN true ELSE NOT pg_has_role(a.grantee, c.relowner, 'USAGE') END"
        " UNION ALL"
        " SELECT 'schema tenactions', a.grantee, COALESCE(r.rolname, ''), a.privilege_type"
        " FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a"
        " LEFT JOIN pg_roles r ON r.oid = a.grantee"
        " WHERE n.nspname = 'tenactions' AND a.grantee != n.nspowner AND a.privilege_type = 'CREATE'"
        " ORDER BY 1, 3, 4"
    )
    for table, grantee, role, privilege in cur.fetchall():
        if privilege in ("SELECT", "USAGE"):
            continue
        if privilege == "INSERT" and table in WRITTEN and role in districts:
            continue
        shown: str | Msg = role if grantee != 0 else Msg("check_everyone")
        who = sql.SQL("PUBLIC") if grantee == 0 else sql.Identifier(role)
        on = sql.SQL("SCHEMA tenactions") if table == "schema tenactions" else sql.Identifier(table)
        found.append(
            Finding(
                Msg("check_privilege_extra", role=shown, privilege=privilege, table=table),
                (sql.SQL("REVOKE {} ON {} FROM {}").format(sql.SQL(privilege), on, who),),
                Msg("check_repair_revoked", role=shown, privilege=privilege, table=table),
            )
        )
    return found


def _sequence(cur: psycopg.Cursor[Any]) -> list[Finding]:
    """The entries' id sequence is past every id (a restore or copy can leave it behind)."""
    cur.execute("SELECT pg_get_serial_sequence('tenactions.entries', 'id')")
    row = cur.fetchone()
    if row is None or row[0] is None:
        return []
    sequence = str(row[0])
    cur.execute("SELECT has_sequence_privilege(%s, 'SELECT')", (sequence,))
    allowed = cur.fetchone()
    if allowed is None or not allowed[0]:
        return []  # a district's role cannot read it; its owner's check does
    cur.execute(f"SELECT last_value, is_called FROM {sequence}")
    last, called = cur.fetchone() or (0, False)
    cur.execute("SELECT MAX(id) FROM entries")
    largest = (cur.fetchone() or (None,))[0]
    following = int(last) + 1 if called else int(last)
    if largest is None or following > int(largest):
        return []
    return [
        Finding(
            Msg("check_sequence_behind", last=int(last), largest=int(largest)),
            (f"SELECT setval('{sequence}', (SELECT MAX(id) FROM entries))",),
            Msg("check_repair_sequence", largest=int(largest)),
        )
    ]


def _identities(cur: psycopg.Cursor[Any]) -> list[Finding]:
    """One identity, one entry: a key of ``identity_keys`` that is another entry's own uid,
    and live entries of one district sharing a form number (as normalised)."""
    from tenactions.identity import normal_ref

    cur.execute(
        "SELECT LEAST(e.id, k.entry_id), GREATEST(e.id, k.entry_id), k.key FROM identity_keys k"
        " JOIN entries e ON e.uid = k.key WHERE e.id != k.entry_id ORDER BY 1, 2 LIMIT 20"
    )
    found = [
        Finding(Msg("check_identity_shared", first=a, second=b, key=key))
        for a, b, key in cur.fetchall()
    ]
    holders: dict[tuple[str, str], list[int]] = {}
    cur.execute(
        "SELECT id, district, ref FROM entries WHERE ref != ''"
        " AND id NOT IN (SELECT entry_id FROM voids) ORDER BY id"
    )
    for entry_id, district, ref in cur.fetchall():
        holders.setdefault((district, normal_ref(ref)), []).append(entry_id)
    for (district, ref), ids in [(k, v) for k, v in holders.items() if len(v) > 1][:20]:
        found.append(Finding(shared_form_number(ids, ref, district)))  # as the file's check
    return found


def _amendments(cur: psycopg.Cursor[Any]) -> list[Finding]:
    """Each amendment replaces one earlier, void entry, and no entry is replaced twice."""
    found = []
    cur.execute(
        "SELECT e.id, e.amends, e.amends >= e.id FROM entries e"
        " WHERE e.amends IS NOT NULL AND (e.amends >= e.id"
        " OR NOT EXISTS (SELECT 1 FROM voids v WHERE v.entry_id = e.amends))"
        " ORDER BY e.id LIMIT 20"
    )
    for entry_id, amends, later in cur.fetchall():
        key = "check_amends_later" if later else "check_amends_live"
        found.append(Finding(Msg(key, id=entry_id, amends=amends)))
    cur.execute(
        "SELECT amends, string_agg(id::text, ', ' ORDER BY id) FROM entries"
        " WHERE amends IS NOT NULL GROUP BY amends HAVING COUNT(*) > 1 ORDER BY amends LIMIT 20"
    )
    for amends, ids in cur.fetchall():
        found.append(Finding(Msg("check_amended_twice", amends=amends, ids=ids)))
    return found


def _limits(cur: psycopg.Cursor[Any]) -> list[Finding]:
    cur.execute(
        "SELECT target, SUM(amount_c), MAX(id) FROM entries"
        " WHERE id NOT IN (SELECT entry_id FROM voids) GROUP BY target"
        " HAVING SUM(amount_c) > %s",
        (MAX_TOTAL_C,),
    )
    return [
        Finding(entries_over_limit(target, float(total), largest))
        for target, total, largest in cur.fetchall()
    ]


#: Rebuild both totals tables from the entries, serialised with every writer.
REBUILD_TOTALS = (
    "LOCK TABLE entries, voids IN SHARE MODE",
    "DELETE FROM daily_totals",
    "DELETE FROM target_days",
    "INSERT INTO daily_totals (target, date, district, amount_c, entries)"
    " SELECT e.target, e.date, e.district, SUM(e.amount_c), COUNT(*) FROM entries e"
    " WHERE e.id NOT IN (SELECT entry_id FROM voids)"
    " GROUP BY e.target, e.date, e.district",
    "INSERT INTO target_days (target, date, amount_c, entries)"
    " SELECT target, date, SUM(amount_c), SUM(entries) FROM daily_totals"
    " GROUP BY target, date",
)


def _totals(cur: psycopg.Cursor[Any]) -> list[Finding]:
    cur.execute(TOTALS_DIFF)
    daily = cur.fetchall()
    cur.execute(TARGET_DAYS_DIFF)
    per_target = cur.fetchall()
    wrong = daily + per_target
    if not wrong:
        return []
    t, d, dist = wrong[0][:3]
    cur.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM entries WHERE id NOT IN (SELECT entry_id FROM voids)"
        " GROUP BY target, date, district) fresh"
    )
    rows = cur.fetchone()
    return [
        Finding(
            Msg(
                "check_totals_disagree",
                n=differing_rows(daily, per_target),
                target=t,
                date=d,
                district=dist or "-",
            ),
            REBUILD_TOTALS,
            Msg("check_repaired", n=int(rows[0]) if rows else 0),
        )
    ]


TOTALS_DIFF = """
    WITH fresh AS (
        SELECT e.target, e.date, e.district, SUM(e.amount_c) AS amount_c, COUNT(*) AS entries
        FROM entries e WHERE e.id NOT IN (SELECT entry_id FROM voids)
        GROUP BY e.target, e.date, e.district
    ),
    kept AS (SELECT target, date, district, amount_c, entries FROM daily_totals
             WHERE entries != 0 OR amount_c != 0)
    (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
    UNION ALL
    (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
"""

TARGET_DAYS_DIFF = """
    WITH fresh AS (
        SELECT target, date, '' AS district, SUM(amount_c) AS amount_c, SUM(entries) AS entries
        FROM daily_totals GROUP BY target, date
    ),
    kept AS (SELECT target, date, '' AS district, amount_c, entries::numeric FROM target_days)
    (SELECT * FROM fresh EXCEPT SELECT * FROM kept)
    UNION ALL
    (SELECT * FROM kept EXCEPT SELECT * FROM fresh)
"""


def _sql() -> Any:
    from psycopg import sql

    return sql
