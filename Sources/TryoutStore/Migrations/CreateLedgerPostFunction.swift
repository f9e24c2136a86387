import FluentKit
import SQLKit

/// On PostgreSQL, a journal entry is written by one function call: the entry (or nothing, when
/// its unique key is taken), each account created on first use and its cached balance changed,
/// and the postings. One round trip instead of five lets the ledger keep up with many writers;
/// the guards of `CreateLedger` check what it writes like anything else. SQLite runs in the
/// server's own process, where round trips cost nothing, and keeps the statements in `Ledger`.
struct CreateLedgerPostFunction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("""
            CREATE FUNCTION ledger_post(p_id uuid, p_kind text, p_memo text, p_key text, p_organization uuid, p_project uuid,
                                        p_engagement uuid, p_milestone uuid, p_reverses uuid, p_actor uuid, p_at timestamptz,
                                        p_kinds text[], p_owners uuid[], p_currencies text[], p_amounts bigint[])
            RETURNS TABLE (entry_id uuid, posted boolean) LANGUAGE plpgsql AS $$
            DECLARE
              v_account uuid;
            BEGIN
              INSERT INTO journal_entries (id, kind, memo, unique_key, organization_id, project_id, engagement_id, milestone_id,
                                           reverses_id, actor_id, created_at)
              VALUES (p_id, p_kind, p_memo, p_key, p_organization, p_project, p_engagement, p_milestone, p_reverses, p_actor, p_at)
              ON CONFLICT (unique_key) DO NOTHING;
              IF NOT FOUND THEN
                RETURN QUERY SELECT j.id, false FROM journal_entries j WHERE j.unique_key = p_key;
                RETURN;
              END IF;
              FOR i IN 1 .. array_length(p_kinds, 1) LOOP
                UPDATE ledger_accounts SET balance_minor = balance_minor + p_amounts[i]
                  WHERE kind = p_kinds[i] AND owner_id = p_owners[i] AND currency = p_currencies[i] RETURNING id INTO v_account;
                IF v_account IS NULL THEN
                  INSERT INTO ledger_accounts (id, kind, owner_id, currency, balance_minor, credit_limit_minor, created_at)
                  VALUES (gen_random_uuid(), p_kinds[i], p_owners[i], p_currencies[i], 0, 0, p_at)
                  ON CONFLICT (kind, owner_id, currency) DO NOTHING;
                  UPDATE ledger_accounts SET balance_minor = balance_minor + p_amounts[i]
                    WHERE kind = p_kinds[i] AND owner_id = p_owners[i] AND currency = p_currencies[i] RETURNING id INTO v_account;
                END IF;
                INSERT INTO postings (id, entry_id, account_id, currency, amount_minor, created_at)
                VALUES (gen_random_uuid(), p_id, v_account, p_currencies[i], p_amounts[i], p_at);
              END LOOP;
              RETURN QUERY SELECT p_id, true;
            END $$
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP FUNCTION ledger_post").run()
    }
}
