import type { Migration } from './types'

/** The register: frameworks and their requirements, controls and mappings, the audit log. */
export const registerMigration: Migration = {
  version: 1,
  name: 'register',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE frameworks (
        id TEXT PRIMARY KEY CHECK (id IN ('hipaa', 'gdpr', 'pci')),
        name TEXT NOT NULL,
        version TEXT NOT NULL,
        publisher TEXT NOT NULL,
        notice TEXT,
        catalog_hash TEXT NOT NULL
      ) STRICT;

      CREATE TABLE requirements (
        id INTEGER PRIMARY KEY,
        framework_id TEXT NOT NULL REFERENCES frameworks(id),
        ref TEXT NOT NULL,
        parent_ref TEXT,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        assessable INTEGER NOT NULL CHECK (assessable IN (0, 1)),
        position INTEGER NOT NULL,
        depth INTEGER NOT NULL,
        attributes TEXT NOT NULL DEFAULT '{}',
        withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
        UNIQUE (framework_id, ref)
      ) STRICT;

      -- A statement that a requirement does not apply, and why (shown wherever the gap would be).
      CREATE TABLE requirement_scoping (
        requirement_id INTEGER PRIMARY KEY REFERENCES requirements(id),
        applicable INTEGER NOT NULL CHECK (applicable IN (0, 1)),
        reason TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE controls (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        statement TEXT NOT NULL,
        domain TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL
          CHECK (status IN ('not-started', 'planned', 'in-progress', 'implemented', 'not-applicable')),
        responsibility TEXT NOT NULL CHECK (responsibility IN ('aws', 'shared', 'customer')),
        rationale TEXT NOT NULL DEFAULT '',
        aws_services TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT 'custom' CHECK (origin IN ('library', 'custom')),
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX controls_by_status ON controls(status);
      CREATE INDEX controls_by_responsibility ON controls(responsibility);
      CREATE INDEX controls_by_owner ON controls(owner);

      CREATE TABLE control_requirements (
        control_id TEXT NOT NULL REFERENCES controls(id) ON DELETE CASCADE,
        requirement_id INTEGER NOT NULL REFERENCES requirements(id),
        PRIMARY KEY (control_id, requirement_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX control_requirements_by_requirement ON control_requirements(requirement_id, control_id);

      CREATE VIRTUAL TABLE controls_fts USING fts5(
        id, title, statement, domain, owner, notes,
        content = 'controls', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER controls_fts_insert AFTER INSERT ON controls BEGIN
        INSERT INTO controls_fts(rowid, id, title, statement, domain, owner, notes)
        VALUES (new.rowid, new.id, new.title, new.statement, new.domain, new.owner, new.notes);
      END;
      CREATE TRIGGER controls_fts_delete AFTER DELETE ON controls BEGIN
        INSERT INTO controls_fts(controls_fts, rowid, id, title, statement, domain, owner, notes)
        VALUES ('delete', old.rowid, old.id, old.title, old.statement, old.domain, old.owner, old.notes);
      END;
      CREATE TRIGGER controls_fts_update AFTER UPDATE ON controls BEGIN
        INSERT INTO controls_fts(controls_fts, rowid, id, title, statement, domain, owner, notes)
        VALUES ('delete', old.rowid, old.id, old.title, old.statement, old.domain, old.owner, old.notes);
        INSERT INTO controls_fts(rowid, id, title, statement, domain, owner, notes)
        VALUES (new.rowid, new.id, new.title, new.statement, new.domain, new.owner, new.notes);
      END;

      CREATE TABLE aws_accounts (
        account_id TEXT PRIMARY KEY CHECK (length(account_id) = 12),
        name TEXT NOT NULL UNIQUE,
        organizational_unit TEXT NOT NULL,
        purpose TEXT NOT NULL DEFAULT ''
      ) STRICT;

      -- Append-only and hash-chained: each entry's hash covers its content and the previous hash.
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        summary TEXT NOT NULL,
        before TEXT,
        after TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_by_entity ON audit_log(entity_type, entity_id, seq);
      CREATE INDEX audit_log_by_actor ON audit_log(actor, seq);
    `)
  }
}
