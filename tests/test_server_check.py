"""`tenactions check` on a server's ledger checks what it says it checks: each row tampers with
the ledger as its owner could (outside tenactions), and check must fail with one clear line;
`check --repair` mends what can be mended without touching an entry, and check passes again."""

from __future__ import annotations

import itertools
import os

import pytest

from tenactions.store import masked

from .conftest import ledger_state

_names = itertools.count(1)

# (case, statements run as the owner ({role}: a district's role), a line check must print,
#  what --repair says it did, or None when only the commands may mend it)
TAMPERED = [
    (
        "trigger disabled",
        ["ALTER TABLE tenactions.entries DISABLE TRIGGER entries_never_change"],
        "the trigger entries_never_change on entries is disabled: entries could be changed or"
        " deleted; run 'tenactions check --repair' as the ledger's owner",
        "Enabled the trigger entries_never_change on entries.",
    ),
    (
        "trigger dropped",
        ["DROP TRIGGER voids_totals ON tenactions.voids"],
        "the trigger voids_totals on voids is missing: new voids would not reach the totals",
        "Recreated the trigger voids_totals on voids.",
    ),
    (
        "a cached total corrupted",
        ["UPDATE tenactions.daily_totals SET amount_c = amount_c + 100 WHERE district = '天河区'"],
        "daily_totals disagree with the entries in 1 row (by target, day and district), e.g."
        " trees 2024-09-01 天河区; run 'tenactions check --repair' to rebuild them",
        "Rebuilt daily totals from the entries (2 rows).",
    ),
    (
        "a day's total corrupted",
        ["UPDATE tenactions.target_days SET entries = entries + 1"],
        "daily_totals disagree with the entries",
        "Rebuilt daily totals from the entries (2 rows).",
    ),
    (
        "the stamping trigger dropped",
        ["DROP TRIGGER entries_stamps_kept ON tenactions.entries"],
        "the trigger entries_stamps_kept on entries is missing: new entries could carry a time"
        " or login other than the server's",
        "Recreated the trigger entries_stamps_kept on entries.",
    ),
    (
        "a stamp's default dropped",
        ["ALTER TABLE tenactions.voids ALTER COLUMN at DROP DEFAULT"],
        "the column voids.at has lost its default, the server's stamp: every write is refused",
        "Gave voids.at its default again.",
    ),
    (
        "a district's policy dropped",
        ["DROP POLICY own_district_writes ON tenactions.entries"],
        "the row-level security policy own_district_writes on entries is missing",
        "Recreated the policy own_district_writes on entries.",
    ),
    (
        "row-level security off",
        ["ALTER TABLE tenactions.entries DISABLE ROW LEVEL SECURITY"],
        "row-level security is off on entries: a district's role could write for any district",
        "Enabled row-level security on entries.",
    ),
    (
        "a policy dropped",
        ["DROP POLICY own_district_voids ON tenactions.voids"],
        "the row-level security policy own_district_voids on voids is missing",
        "Recreated the policy own_district_voids on voids.",
    ),
    (
        "a district may update entries",
        ["GRANT UPDATE ON tenactions.entries TO {role}"],
        "{role} holds UPDATE on entries, which only the ledger's owner may; run 'tenactions"
        " check --repair' as the owner to revoke it",
        "Revoked UPDATE on entries from {role}.",
    ),
    (
        "everyone may insert",
        ["GRANT INSERT ON tenactions.entries TO PUBLIC"],
        "every role (PUBLIC) holds INSERT on entries, which only the ledger's owner may",
        "Revoked INSERT on entries from every role (PUBLIC).",
    ),
    (
        "a district may change the schema",
        ["GRANT CREATE ON SCHEMA tenactions TO {role}"],
        "{role} holds CREATE on schema tenactions, which only the ledger's owner may",
        "Revoked CREATE on schema tenactions from {role}.",
    ),
    (
        "a district lost a privilege",
        ["REVOKE INSERT ON tenactions.voids FROM {role}"],
        "the role {role} is given access but lacks INSERT on voids",
        "Granted {role} again what 'tenactions access grant' gives it.",
    ),
    (
        "the id sequence behind",
        ["SELECT setval(pg_get_serial_sequence('tenactions.entries', 'id'), 1)"],
        "the entries' id sequence (1) is behind the largest entry id (3): the next entry could"
        " not be written",
        "Moved the entries' id sequence past the largest entry id (3).",
    ),
    (
        "one identity, two entries",
        ["INSERT INTO tenactions.identity_keys SELECT uid, 2 FROM tenactions.entries WHERE id = 1"],
        "entries 1 and 2 hold the same identity",
        None,
    ),
    (
        "an amendment of a live entry",
        [
            "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by, source,"
            " amends) VALUES ('x', 'trees', '2024-09-03', 100, '天河区', 'x', 'log', 1)"
        ],
        "entry 4 amends entry 1, which is not void: both count; void entry 1",
        None,
    ),
    *(
        (
            f"a district's role made {power}",
            [f"ALTER ROLE {{role}} {power}"],
            "the role {role} is given access but is a superuser or BYPASSRLS role, to which the"
            " server does not apply row-level security: it can write anything; run 'ALTER ROLE"
            " {role} NOSUPERUSER NOBYPASSRLS' as a superuser, or 'tenactions access revoke"
            " {role}'",
            None,
        )
        for power in ("SUPERUSER", "BYPASSRLS")
    ),
]


@pytest.fixture
def ledger_with_role(cli, pg_url: str) -> str:  # type: ignore[no-untyped-def]
    """Entry 1 (天河), entry 2 (越秀) amended by entry 3, and a 天河 role."""
    role = f"c{os.getpid()}_{next(_names)}"
    for args in (
        ("log", "trees", "5", "--district", "天河", "--date", "2024-09-01"),
        ("log", "trees", "4", "--district", "越秀", "--date", "2024-09-02"),
        ("amend", "2", "6", "--reason", "typo"),
        ("access", "grant", role, "--district", "天河", "--create"),
    ):
        done = cli("--db", pg_url, *args)
        assert done.exit_code == 0, (args, done)
    return role


@pytest.mark.parametrize(
    ("case", "statements", "line", "repaired"), TAMPERED, ids=[row[0] for row in TAMPERED]
)
def test_check_finds_tampering_and_repairs_what_it_can(  # type: ignore[no-untyped-def]
    cli,
    pg_url: str,
    ledger_with_role: str,
    case: str,
    statements: list[str],
    line: str,
    repaired: str | None,
) -> None:
    import psycopg

    role = ledger_with_role
    healthy = cli("--db", pg_url, "check")
    assert healthy.exit_code == 0, healthy
    assert "checked: totals, identities, amendments, append-only triggers, privileges" in (
        healthy.stdout
    )
    with psycopg.connect(pg_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement.format(role=role))  # type: ignore[arg-type]
    entries = ledger_state(pg_url)[:-1]
    found = cli("--db", pg_url, "check")
    assert found.exit_code == 1, found
    assert "Traceback" not in found.stderr
    assert "Database OK" not in found.stdout
    expected = f"tenactions: error: {masked(pg_url)}: {line.format(role=role)}"
    assert any(got.startswith(expected) for got in found.stderr.splitlines()), found.stderr
    mended = cli("--db", pg_url, "check", "--repair")
    if repaired is None:
        assert mended.exit_code == 1, mended
        assert expected in mended.stderr
    else:
        assert mended.exit_code == 0, mended
        assert repaired.format(role=role) in mended.stdout.splitlines()
        assert cli("--db", pg_url, "check").exit_code == 0
    assert ledger_state(pg_url)[:-1] == entries  # no entry was touched


def test_a_district_role_checks_but_may_not_repair(  # type: ignore[no-untyped-def]
    cli, pg_url: str, ledger_with_role: str
) -> None:
    import psycopg

    role = ledger_with_role
    url = pg_url.replace("postgres:@", f"{role}@", 1)
    assert cli("--db", url, "check").exit_code == 0
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE tenactions.daily_totals SET amount_c = 1")
    before = ledger_state(pg_url)
    refused = cli("--db", url, "check", "--repair")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"tenactions: error: {url}: only the ledger's owner, the role postgres, may do this"
        f" (signed in as {role}); nothing was written"
    ]
    assert ledger_state(pg_url) == before


# (the function, the triggers that call it, which DROP FUNCTION ... CASCADE takes along)
TRIGGER_FUNCTIONS = [
    (
        "never_changed",
        [
            ("entries_never_change", "entries"),
            ("entries_never_truncated", "entries"),
            ("voids_never_change", "voids"),
            ("voids_never_truncated", "voids"),
            ("identity_keys_never_change", "identity_keys"),
        ],
    ),
    ("add_to_totals", [("entries_totals", "entries"), ("voids_totals", "voids")]),
    ("stamps_kept", [("entries_stamps_kept", "entries"), ("voids_stamps_kept", "voids")]),
]


@pytest.mark.parametrize(
    ("function", "triggers"), TRIGGER_FUNCTIONS, ids=[row[0] for row in TRIGGER_FUNCTIONS]
)
def test_a_dropped_trigger_function_is_made_again_with_its_triggers(  # type: ignore[no-untyped-def]
    cli, pg_url: str, ledger_with_role: str, function: str, triggers: list[tuple[str, str]]
) -> None:
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP FUNCTION tenactions.{function}() CASCADE")  # type: ignore[arg-type]
        # Without never_changed() the owner could now rewrite an entry; do not, but prove it.
        if function == "never_changed":
            with conn.transaction(force_rollback=True):
                conn.execute("UPDATE tenactions.entries SET amount_c = 1 WHERE id = 1")
    entries = ledger_state(pg_url)[:-1]
    found = cli("--db", pg_url, "check")
    assert found.exit_code == 1, found
    assert "Traceback" not in found.stderr
    lines = found.stderr.splitlines()
    prefix = f"tenactions: error: {masked(pg_url)}: "
    assert lines[0].startswith(
        f"{prefix}the function {function}() that the ledger's triggers and policies call is missing"
    ), lines
    for trigger, table in triggers:
        assert any(
            line.startswith(f"{prefix}the trigger {trigger} on {table} is missing")
            for line in lines
        ), (trigger, lines)
    mended = cli("--db", pg_url, "check", "--repair")
    assert mended.exit_code == 0, mended
    said = mended.stdout.splitlines()
    assert f"Recreated the function {function}()." in said
    for trigger, table in triggers:
        assert f"Recreated the trigger {trigger} on {table}." in said
    assert cli("--db", pg_url, "check").exit_code == 0
    assert ledger_state(pg_url)[:-1] == entries  # no entry was touched
    # The promises hold again, for the owner itself.
    with psycopg.connect(pg_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="never changed or deleted"):
            conn.execute("UPDATE tenactions.entries SET amount_c = 1 WHERE id = 1")
        # A client that sends its own time and login is refused; the server's stamp is kept.
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by,"
                " source, created_at, login) VALUES ('forged', 'trees', '2024-09-05', 100,"
                " '天河区', 'x', 'log', '1999-01-01T00:00:00+00:00', 'someone_else')"
            )
        conn.execute(
            "INSERT INTO tenactions.entries (uid, target, date, amount_c, district, by, source)"
            " VALUES ('plain', 'trees', '2024-09-05', 100, '天河区', 'x', 'log')"
        )
        stamped = conn.execute(
            "SELECT created_at, login FROM tenactions.entries WHERE uid = 'plain'"
        ).fetchone()
        assert stamped is not None and stamped[0] > "2020" and stamped[1] == "postgres"
    assert cli("--db", pg_url, "check").exit_code == 0  # the new entry reached the totals


def test_repair_makes_objects_as_the_newest_migration_left_them(  # type: ignore[no-untyped-def]
    cli, pg_url: str, ledger_with_role: str
) -> None:
    import psycopg

    from tenactions.store.postgres import MIGRATIONS

    # The policy was made by an older migration and made again by a later one.
    assert "CREATE POLICY own_district_writes ON entries " in "\n".join(MIGRATIONS[:3])
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP POLICY own_district_writes ON tenactions.entries")
        conn.execute("DROP TRIGGER entries_stamps_kept ON tenactions.entries")
    mended = cli("--db", pg_url, "check", "--repair")
    assert mended.exit_code == 0, mended
    with psycopg.connect(pg_url) as conn:
        policy = conn.execute(
            "SELECT with_check FROM pg_policies WHERE policyname = 'own_district_writes'"
        ).fetchone()
        trigger = conn.execute(
            "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'entries_stamps_kept'"
        ).fetchone()
    assert policy is not None and "writes_for()" in policy[0], policy
    assert trigger is not None and "FOR EACH STATEMENT" in trigger[0], trigger
    # The district's role still writes for its own district only.
    from .test_access import as_role

    url = as_role(pg_url, ledger_with_role)
    assert cli("--db", url, "log", "trees", "1", "--district", "天河").exit_code == 0
    assert cli("--db", url, "log", "trees", "1", "--district", "越秀").exit_code == 1
