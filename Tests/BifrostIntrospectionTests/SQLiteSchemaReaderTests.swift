@testable import BifrostIntrospection
import BifrostSQLite
import BifrostSchema
import Foundation
import Testing

/// Runs the DDL on a fresh in-memory database and reads its schema.
private func read(_ ddl: String) throws -> Schema {
    let database = try SQLiteConnection(path: ":memory:")
    try database.execute(ddl)
    return try SQLiteSchemaReader(connection: database).read()
}

private func inMain(_ name: String) -> QualifiedName {
    QualifiedName(schema: "main", name: name)
}

/// A column as the reader describes a SQLite column.
private func column(_ name: String, _ declared: String, nullable: Bool = true, defaultValue: String? = nil,
                    generated: String? = nil, collation: String? = nil) -> Column {
    Column(name: name,
           type: ColumnType(declaration: declared, typmod: -1,
                            type: TypeReference(oid: 0, schema: "sqlite", name: declared.lowercased(), kind: .base)),
           isNullable: nullable, defaultExpression: defaultValue.map { SQLExpression(sql: $0) },
           generated: generated.map { SQLExpression(sql: $0) }, collation: collation)
}

private func table(_ schema: Schema, _ name: String) throws -> Table {
    try #require(schema.table(inMain(name)), "table \(name) not read")
}

/// Every note but the one every SQLite model carries.
private func notes(_ schema: Schema) -> [String] {
    schema.notes.filter { $0 != SQLiteSchemaReader.unrecordedNote }
}

@Suite struct SQLiteSchemaReaderTests {
    @Test func emptyDatabaseGivesSourceNamespaceAndTheOneGeneralNote() throws {
        let schema = try read("")
        #expect(schema.source == SchemaSource(dialect: .sqlite, version: SQLiteConnection.libraryVersion))
        #expect(schema.namespaces == ["main"])
        #expect(schema.tables.isEmpty && schema.views.isEmpty && schema.sequences.isEmpty)
        #expect(schema.functions.isEmpty && schema.types.isEmpty && schema.extensions.isEmpty)
        #expect(schema.notes == [SQLiteSchemaReader.unrecordedNote])
        #expect(schema.notes[0].contains("SQLite keeps no comments, functions, user-defined types"))
    }

    @Test func columnsKeepDeclaredTypesDefaultsCollationsAndNullability() throws {
        let schema = try read(#"""
            CREATE TABLE accounts (
              "id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36),
              email TEXT COLLATE NOCASE NOT NULL,
              balance numeric(12, 2) DEFAULT 0,
              note,
              flags INTEGER DEFAULT -1,
              created_at TEXT DEFAULT CURRENT_TIMESTAMP,
              greeting TEXT DEFAULT 'it''s',
              expiry TEXT DEFAULT (datetime('now', '+1 day')),
              code VARCHAR ( 10 ) COLLATE "BINARY",
              payload BLOB DEFAULT x'00ff',
              PRIMARY KEY ("id")
            );
            """#)
        let accounts = try table(schema, "accounts")
        #expect(accounts.name == inMain("accounts"))
        #expect(accounts.columns == [
            column("id", "TEXT", nullable: false),
            column("email", "TEXT", nullable: false, collation: "NOCASE"),
            column("balance", "numeric(12, 2)", defaultValue: "0"),
            column("note", ""),
            column("flags", "INTEGER", defaultValue: "-1"),
            column("created_at", "TEXT", defaultValue: "CURRENT_TIMESTAMP"),
            column("greeting", "TEXT", defaultValue: "'it''s'"),
            column("expiry", "TEXT", defaultValue: "datetime('now', '+1 day')"),
            column("code", "VARCHAR ( 10 )"),
            column("payload", "BLOB", defaultValue: "x'00ff'"),
        ])
        #expect(accounts.columns[2].type.type == TypeReference(oid: 0, schema: "sqlite", name: "numeric(12, 2)", kind: .base))
        #expect(accounts.primaryKey == KeyConstraint(name: "", columns: ["id"]))
        #expect(accounts.checks == [CheckConstraint(name: "", expression: SQLExpression(sql: #"length("id") = 36"#))])
        #expect(accounts.uniqueConstraints.isEmpty && accounts.foreignKeys.isEmpty && accounts.exclusions.isEmpty)
        #expect(accounts.indexes.isEmpty && accounts.triggers.isEmpty)
        #expect(accounts.columns.allSatisfy { $0.comment == nil && $0.identity == nil && $0.serialSequence == nil })
        #expect(accounts.kind == .ordinary && accounts.persistence == .permanent && accounts.comment == nil)
        #expect(notes(schema).isEmpty)
    }

    @Test func nullabilityIsWhatSQLiteEnforcesOnPrimaryKeys() throws {
        let schema = try read("""
            CREATE TABLE alias (id INTEGER PRIMARY KEY, v);
            CREATE TABLE alias_desc_at_table_level (id INTEGER, v, PRIMARY KEY (id DESC));
            CREATE TABLE text_key (k TEXT PRIMARY KEY, v);
            CREATE TABLE integer_desc (id INTEGER PRIMARY KEY DESC, v);
            CREATE TABLE pair (x INTEGER, y INTEGER, PRIMARY KEY (x, y));
            CREATE TABLE no_rowid (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
            CREATE TABLE strict_one (a INTEGER PRIMARY KEY, b TEXT, c ANY) STRICT;
            CREATE TABLE both_options (a INTEGER PRIMARY KEY, b TEXT NOT NULL) STRICT, WITHOUT ROWID;
            """)
        func nullability(_ name: String) throws -> [Bool] { try table(schema, name).columns.map(\.isNullable) }
        #expect(try nullability("alias") == [false, true], "INTEGER PRIMARY KEY is the rowid: never NULL")
        #expect(try nullability("alias_desc_at_table_level") == [false, true])
        #expect(try nullability("text_key") == [true, true], "SQLite lets a rowid table's other keys be NULL")
        #expect(try nullability("integer_desc") == [true, true], "INTEGER PRIMARY KEY DESC is not a rowid alias")
        #expect(try nullability("pair") == [true, true])
        #expect(try nullability("no_rowid") == [false, true])
        #expect(try nullability("strict_one") == [false, true, true])
        #expect(try nullability("both_options") == [false, false])
        #expect(try table(schema, "pair").primaryKey == KeyConstraint(name: "", columns: ["x", "y"]))
        #expect(try table(schema, "strict_one").columns.map(\.type.declaration) == ["INTEGER", "TEXT", "ANY"])
        #expect(notes(schema) == [
            "main.both_options is a WITHOUT ROWID table (the model has no field for it)",
            "main.both_options is a STRICT table: SQLite refuses values that do not fit the declared column types (the model has no field for it)",
            "main.no_rowid is a WITHOUT ROWID table (the model has no field for it)",
            "main.strict_one is a STRICT table: SQLite refuses values that do not fit the declared column types (the model has no field for it)",
        ])
    }

    @Test func identifiersThatNeedQuotingAreReadUnquoted() throws {
        let schema = try read(#"""
            CREATE TABLE "Order Items ""2024""" (
              "select" INTEGER PRIMARY KEY,
              [order] TEXT NOT NULL,
              `Group By` TEXT,
              "MixedCase" TEXT CONSTRAINT "chk ""quoted""" CHECK ("MixedCase" <> 'a)b'),
              'string name' INTEGER,
              "Élan" TEXT COLLATE [NOCASE],
              CONSTRAINT "uq order" UNIQUE ("ORDER", "group by")
            );
            CREATE INDEX "idx ""odd"" name" ON "Order Items ""2024""" ("MixedCase" DESC, [order]);
            CREATE TRIGGER "on ""update""" AFTER UPDATE OF "ORDER", [mixedcase] ON "order items ""2024"""
              BEGIN SELECT 1; END;
            """#)
        let name = #"Order Items "2024""#
        let items = try table(schema, name)
        #expect(items.columns.map(\.name) == ["select", "order", "Group By", "MixedCase", "string name", "Élan"])
        #expect(items.columns[5].collation == "NOCASE")
        #expect(items.primaryKey == KeyConstraint(name: "", columns: ["select"]))
        #expect(items.uniqueConstraints == [KeyConstraint(name: "uq order", columns: ["order", "Group By"])])
        #expect(items.checks == [CheckConstraint(name: #"chk "quoted""#, expression: SQLExpression(sql: #""MixedCase" <> 'a)b'"#))])
        #expect(items.indexes == [Index(
            name: #"idx "odd" name"#, elements: [
                Index.Element(column: "MixedCase", isDescending: true, nullsFirst: false),
                Index.Element(column: "order", nullsFirst: true),
            ],
            definition: #"CREATE INDEX "idx ""odd"" name" ON "Order Items ""2024""" ("MixedCase" DESC, [order])"#)])
        let trigger = try #require(items.triggers.first)
        #expect(trigger.name == #"on "update""#)
        #expect(trigger.updateColumns == ["order", "MixedCase"], "UPDATE OF columns take their declared spelling")
        #expect(notes(schema).isEmpty)
    }

    @Test func alteredTablesCopiesAndKeywordsAsColumnNames() throws {
        let schema = try read(#"""
            CREATE TABLE other (id INTEGER PRIMARY KEY);
            CREATE TABLE t (a INT, CONSTRAINT pk PRIMARY KEY (a), CHECK (a > 0));
            ALTER TABLE t ADD COLUMN b TEXT COLLATE NOCASE CONSTRAINT b_ref REFERENCES other DEFERRABLE INITIALLY DEFERRED;
            ALTER TABLE t RENAME COLUMN a TO "A b";
            ALTER TABLE t ADD COLUMN "c" AS (b || 'x');
            CREATE TABLE kw (key TEXT CONSTRAINT kw_pk PRIMARY KEY ON CONFLICT IGNORE, action INT, replace INT,
                             temp INT, generated INT, "check" INT);
            CREATE TABLE copy AS SELECT * FROM t;
            """#)
        // ALTER TABLE writes added columns before the table constraints and renames in place.
        let t = try table(schema, "t")
        #expect(t.columns == [
            column("A b", "INT"),  // INT PRIMARY KEY is not the rowid: NULL is allowed
            column("b", "TEXT", collation: "NOCASE"),
            column("c", "", generated: "b || 'x'"),
        ])
        #expect(t.primaryKey == KeyConstraint(name: "pk", columns: ["A b"]))
        #expect(t.checks == [CheckConstraint(name: "", expression: SQLExpression(sql: #""A b" > 0"#))])
        #expect(t.foreignKeys == [ForeignKey(name: "b_ref", columns: ["b"], referencedTable: inMain("other"),
                                             referencedColumns: ["id"], isDeferrable: true, isInitiallyDeferred: true)])
        let kw = try table(schema, "kw")
        #expect(kw.columns.map(\.name) == ["key", "action", "replace", "temp", "generated", "check"])
        #expect(kw.columns.map(\.type.declaration) == ["TEXT", "INT", "INT", "INT", "INT", "INT"])
        #expect(kw.primaryKey == KeyConstraint(name: "kw_pk", columns: ["key"]))
        // CREATE TABLE … AS SELECT keeps names and declared types only.
        #expect(try table(schema, "copy").columns == [column("A b", "INT"), column("b", "TEXT"), column("c", "")])
        #expect(notes(schema) == [
            "PRIMARY KEY (key) of main.kw has ON CONFLICT IGNORE (the model has no field for it)",
            "column main.t.c is a VIRTUAL generated column: SQLite computes it when read and does not store it (the model records generated columns without saying which)",
        ])
    }

    @Test func tableWithAHundredColumns() throws {
        let types = ["INTEGER", "TEXT", "REAL", "BLOB", ""]
        let definitions = (0..<100).map { index in
            let type = types[index % types.count]
            return "\"Col \(index)\"\(type.isEmpty ? "" : " " + type)\(index % 3 == 0 ? " NOT NULL" : "")\(index % 7 == 0 ? " DEFAULT \(index)" : "")"
        }
        let schema = try read("CREATE TABLE wide (\(definitions.joined(separator: ",\n  ")));")
        let wide = try table(schema, "wide")
        #expect(wide.columns.count == 100)
        #expect(wide.columns == (0..<100).map { index in
            column("Col \(index)", types[index % types.count], nullable: index % 3 != 0,
                   defaultValue: index % 7 == 0 ? "\(index)" : nil)
        })
        #expect(wide.primaryKey == nil)
    }

    @Test func compositeKeysAndUniqueConstraintsWithTheirNames() throws {
        let database = try SQLiteConnection(path: ":memory:")
        try database.execute("""
            CREATE TABLE memberships (
              org_id INTEGER NOT NULL,
              user_id INTEGER NOT NULL,
              role TEXT NOT NULL UNIQUE,
              email TEXT CONSTRAINT uq_email UNIQUE,
              a INT, b INT,
              CONSTRAINT pk_memberships PRIMARY KEY (user_id, org_id),
              UNIQUE (a, b),
              CONSTRAINT uq_ab_again UNIQUE (A, B),
              CONSTRAINT uq_ba UNIQUE (b, a) ON CONFLICT REPLACE,
              CONSTRAINT uq_org_email UNIQUE (org_id, email COLLATE NOCASE)
            );
            """)
        let schema = try SQLiteSchemaReader(connection: database).read()
        let memberships = try table(schema, "memberships")
        #expect(memberships.primaryKey == KeyConstraint(name: "pk_memberships", columns: ["user_id", "org_id"]))
        #expect(memberships.uniqueConstraints == [
            KeyConstraint(name: "", columns: ["role"]),
            KeyConstraint(name: "uq_email", columns: ["email"]),
            // SQLite builds one index for UNIQUE (a, b) and uq_ab_again: the first one written.
            // (It also moves ON CONFLICT REPLACE indexes last; the model keeps the written order.)
            KeyConstraint(name: "", columns: ["a", "b"]),
            KeyConstraint(name: "uq_ba", columns: ["b", "a"]),
            KeyConstraint(name: "uq_org_email", columns: ["org_id", "email"]),
        ])
        #expect(memberships.indexes.isEmpty, "indexes behind constraints are not listed as indexes")
        #expect(memberships.columns.map(\.isNullable) == [false, false, false, true, true, true])
        #expect(notes(schema) == [
            "UNIQUE (org_id, email) of main.memberships compares email with COLLATE NOCASE (the model has no field for it)",
            "UNIQUE (b, a) of main.memberships has ON CONFLICT REPLACE (the model has no field for it)",
        ])
        let autoindexes = try database.query("SELECT count(*) FROM sqlite_schema WHERE type = 'index'")
        #expect(autoindexes == [[.integer(6)]], "the model holds exactly the indexes SQLite built")
    }

    @Test func foreignKeysWithActionsDeferralNamesAndImplicitReferencedColumns() throws {
        let schema = try read("""
            CREATE TABLE orgs (id INTEGER PRIMARY KEY, slug TEXT UNIQUE);
            CREATE TABLE "Users" (org_id INTEGER, user_id INTEGER, name TEXT, PRIMARY KEY (org_id, user_id));
            CREATE TABLE posts (
              id INTEGER PRIMARY KEY,
              org_id INTEGER CONSTRAINT fk_org REFERENCES orgs ON DELETE CASCADE,
              org_slug TEXT REFERENCES orgs (SLUG) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
              author_org INTEGER,
              author INTEGER,
              reviewer INTEGER,
              CONSTRAINT fk_author FOREIGN KEY (author_org, author) REFERENCES users
                ON DELETE RESTRICT ON UPDATE SET DEFAULT MATCH FULL DEFERRABLE,
              FOREIGN KEY (author_org, reviewer) REFERENCES "USERS" (org_id, user_id) NOT DEFERRABLE INITIALLY DEFERRED,
              CONSTRAINT fk_self FOREIGN KEY (id) REFERENCES posts (id) ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE
            );
            CREATE TABLE orphans (x INTEGER REFERENCES missing);
            """)
        let posts = try table(schema, "posts")
        #expect(posts.foreignKeys == [
            ForeignKey(name: "fk_org", columns: ["org_id"], referencedTable: inMain("orgs"), referencedColumns: ["id"],
                       onDelete: .cascade),
            ForeignKey(name: "", columns: ["org_slug"], referencedTable: inMain("orgs"), referencedColumns: ["slug"],
                       onUpdate: .setNull, isDeferrable: true, isInitiallyDeferred: true),
            ForeignKey(name: "fk_author", columns: ["author_org", "author"], referencedTable: inMain("Users"),
                       referencedColumns: ["org_id", "user_id"], onUpdate: .setDefault, onDelete: .restrict,
                       match: .simple, isDeferrable: true),
            ForeignKey(name: "", columns: ["author_org", "reviewer"], referencedTable: inMain("Users"),
                       referencedColumns: ["org_id", "user_id"]),
            ForeignKey(name: "fk_self", columns: ["id"], referencedTable: inMain("posts"), referencedColumns: ["id"],
                       isDeferrable: true),
        ])
        #expect(try table(schema, "orphans").foreignKeys == [
            ForeignKey(name: "", columns: ["x"], referencedTable: inMain("missing"), referencedColumns: []),
        ])
        #expect(notes(schema) == ["foreign key (x) of main.orphans references main.missing, which is not a table in the database"])
    }

    @Test func checksKeepTheirTextAndTheNamesSQLiteGivesThem() throws {
        let database = try SQLiteConnection(path: ":memory:")
        try database.execute("""
            CREATE TABLE readings (
              a INT CONSTRAINT a_positive CHECK (a > 0) CHECK (a < 100),
              b TEXT CHECK (b IN ('x', 'y)', '(z', "b")),
              c INT NOT NULL, -- a comment with CHECK (c > 0) in it
              /* CHECK (nothing) */
              CONSTRAINT c_range CHECK ((c BETWEEN 1 AND 10) AND c <> 5)
              CHECK (c % 2 = 1 OR c = 2),
              CHECK ( /* inside */ c IS NOT 7 )
            );
            """)
        let schema = try SQLiteSchemaReader(connection: database).read()
        #expect(try table(schema, "readings").checks == [
            CheckConstraint(name: "a_positive", expression: SQLExpression(sql: "a > 0")),
            CheckConstraint(name: "a_positive", expression: SQLExpression(sql: "a < 100")),
            CheckConstraint(name: "", expression: SQLExpression(sql: #"b IN ('x', 'y)', '(z', "b")"#)),
            CheckConstraint(name: "c_range", expression: SQLExpression(sql: "(c BETWEEN 1 AND 10) AND c <> 5")),
            CheckConstraint(name: "c_range", expression: SQLExpression(sql: "c % 2 = 1 OR c = 2")),
            CheckConstraint(name: "", expression: SQLExpression(sql: "c IS NOT 7")),
        ])
        // The names are the ones SQLite reports: a name covers the constraints after it up to the comma.
        let error = try #require(throws: SQLiteError.self) {
            try database.execute("INSERT INTO readings VALUES (200, 'x', 1)")
        }
        #expect(error.message.contains("CHECK constraint failed: a_positive"))
        let tableLevel = try #require(throws: SQLiteError.self) {
            try database.execute("INSERT INTO readings VALUES (1, 'x', 4)")
        }
        #expect(tableLevel.message.contains("CHECK constraint failed: c_range"))
    }

    @Test func generatedColumnsStoredAndVirtual() throws {
        let schema = try read("""
            CREATE TABLE items (
              price REAL NOT NULL,
              qty INTEGER NOT NULL DEFAULT 1,
              total REAL GENERATED ALWAYS AS (price * qty) STORED,
              label TEXT AS (printf('%d × %.2f', qty, price)) VIRTUAL,
              twice AS ((qty + 1) * 2),
              tag TEXT COLLATE NOCASE GENERATED ALWAYS AS (lower(label)) NOT NULL
            );
            """)
        #expect(try table(schema, "items").columns == [
            column("price", "REAL", nullable: false),
            column("qty", "INTEGER", nullable: false, defaultValue: "1"),
            column("total", "REAL", generated: "price * qty"),
            column("label", "TEXT", generated: "printf('%d × %.2f', qty, price)"),
            column("twice", "", generated: "(qty + 1) * 2"),
            column("tag", "TEXT", nullable: false, generated: "lower(label)", collation: "NOCASE"),
        ])
        #expect(notes(schema) == [
            "column main.items.label is a VIRTUAL generated column: SQLite computes it when read and does not store it (the model records generated columns without saying which)",
            "column main.items.twice is a VIRTUAL generated column: SQLite computes it when read and does not store it (the model records generated columns without saying which)",
            "column main.items.tag is a VIRTUAL generated column: SQLite computes it when read and does not store it (the model records generated columns without saying which)",
        ])
    }

    @Test func indexesPartialExpressionDescendingAndCollated() throws {
        let schema = try read("""
            CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT COLLATE NOCASE,
                                 born TEXT, deleted_at TEXT, score REAL);
            CREATE UNIQUE INDEX people_email_live ON people (email) WHERE deleted_at IS NULL AND email <> '';
            CREATE INDEX people_lower_name ON people (lower(name) COLLATE NOCASE DESC, born);
            CREATE INDEX "people by score" ON people (score DESC, name COLLATE BINARY, (born || ' x ') ASC);
            CREATE INDEX people_name ON people (name);
            CREATE INDEX IF NOT EXISTS main.people_nested ON people (coalesce(nullif(name, ''), (email)), id)
              WHERE (score > 0);
            """)
        let people = try table(schema, "people")
        #expect(people.indexes == [
            Index(name: "people by score", elements: [
                Index.Element(column: "score", isDescending: true, nullsFirst: false),
                Index.Element(column: "name", nullsFirst: true),
                Index.Element(expression: SQLExpression(sql: "(born || ' x ')"), nullsFirst: true),
            ], definition: #"CREATE INDEX "people by score" ON people (score DESC, name COLLATE BINARY, (born || ' x ') ASC)"#),
            Index(name: "people_email_live", isUnique: true, elements: [
                Index.Element(column: "email", nullsFirst: true),
            ], predicate: SQLExpression(sql: "deleted_at IS NULL AND email <> ''"),
               definition: "CREATE UNIQUE INDEX people_email_live ON people (email) WHERE deleted_at IS NULL AND email <> ''"),
            Index(name: "people_lower_name", elements: [
                Index.Element(expression: SQLExpression(sql: "lower(name)"), isDescending: true, nullsFirst: false,
                              collation: "NOCASE"),
                Index.Element(column: "born", nullsFirst: true),
            ], definition: "CREATE INDEX people_lower_name ON people (lower(name) COLLATE NOCASE DESC, born)"),
            Index(name: "people_name", elements: [
                Index.Element(column: "name", nullsFirst: true, collation: "NOCASE"),
            ], definition: "CREATE INDEX people_name ON people (name)"),
            Index(name: "people_nested", elements: [
                // A function's result has no collation: BINARY, whatever its arguments have.
                Index.Element(expression: SQLExpression(sql: "coalesce(nullif(name, ''), (email))"), nullsFirst: true),
                Index.Element(column: "id", nullsFirst: true),
            ], predicate: SQLExpression(sql: "(score > 0)"),
               definition: "CREATE INDEX people_nested ON people (coalesce(nullif(name, ''), (email)), id)\n  WHERE (score > 0)"),
        ])
        #expect(people.indexes.allSatisfy { $0.method == "btree" && $0.constraint == nil && $0.included.isEmpty })
        #expect(people.uniqueConstraints == [KeyConstraint(name: "", columns: ["email"])])
        #expect(notes(schema).isEmpty)
    }

    @Test func autoincrementTablesBecomeSequences() throws {
        let schema = try read("""
            CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT);
            CREATE TABLE audit (id INTEGER, at TEXT, PRIMARY KEY (id AUTOINCREMENT));
            CREATE TABLE plain (id INTEGER PRIMARY KEY);
            INSERT INTO events (kind) VALUES ('a'), ('b'), ('c');
            DELETE FROM events;
            INSERT INTO plain VALUES (5);
            """)
        #expect(schema.sequences == [
            Sequence(name: inMain("audit"), dataType: "bigint", lastValue: nil,
                     ownedBy: ColumnReference(table: inMain("audit"), column: "id")),
            Sequence(name: inMain("events"), dataType: "bigint", lastValue: 3,
                     ownedBy: ColumnReference(table: inMain("events"), column: "id")),
        ])
        #expect(schema.tables.map(\.name.name) == ["audit", "events", "plain"], "sqlite_sequence is not a table of the model")
        #expect(try table(schema, "events").columns[0] == column("id", "INTEGER", nullable: false))
    }

    @Test func triggersWithTimingEventsUpdateColumnsAndConditions() throws {
        let schema = try read(#"""
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, "Body" TEXT, version INTEGER NOT NULL DEFAULT 1);
            CREATE TABLE log (msg TEXT);
            CREATE VIEW doc_titles AS SELECT id, title FROM docs;
            CREATE TRIGGER docs_touch AFTER UPDATE OF title, "BODY" ON docs FOR EACH ROW
              WHEN NEW.version IS OLD.version AND (NEW.title <> OLD.title OR NEW."Body" <> 'begin')
            BEGIN
              UPDATE docs SET version = version + 1 WHERE id = NEW.id;
            END;
            CREATE TRIGGER docs_insert BEFORE INSERT ON docs BEGIN SELECT RAISE(ABORT, 'no title') WHERE NEW.title IS NULL; END;
            CREATE TRIGGER IF NOT EXISTS docs_delete DELETE ON main.docs BEGIN INSERT INTO log VALUES ('deleted ' || OLD.id); END;
            CREATE TRIGGER doc_titles_insert INSTEAD OF INSERT ON doc_titles
            BEGIN INSERT INTO docs (id, title) VALUES (NEW.id, NEW.title); END;
            """#)
        let docs = try table(schema, "docs")
        #expect(docs.triggers == [
            Trigger(name: "docs_delete", timing: .before, events: [.delete], level: .row,
                    definition: "CREATE TRIGGER docs_delete DELETE ON main.docs BEGIN INSERT INTO log VALUES ('deleted ' || OLD.id); END"),
            Trigger(name: "docs_insert", timing: .before, events: [.insert],
                    definition: "CREATE TRIGGER docs_insert BEFORE INSERT ON docs BEGIN SELECT RAISE(ABORT, 'no title') WHERE NEW.title IS NULL; END"),
            Trigger(name: "docs_touch", timing: .after, events: [.update], updateColumns: ["title", "Body"],
                    condition: SQLExpression(sql: #"NEW.version IS OLD.version AND (NEW.title <> OLD.title OR NEW."Body" <> 'begin')"#),
                    definition: #"""
                        CREATE TRIGGER docs_touch AFTER UPDATE OF title, "BODY" ON docs FOR EACH ROW
                          WHEN NEW.version IS OLD.version AND (NEW.title <> OLD.title OR NEW."Body" <> 'begin')
                        BEGIN
                          UPDATE docs SET version = version + 1 WHERE id = NEW.id;
                        END
                        """#),
        ])
        #expect(docs.triggers.allSatisfy { $0.function == nil && $0.arguments.isEmpty && $0.isEnabled })
        #expect(try table(schema, "log").triggers.isEmpty)
        #expect(notes(schema) == ["trigger main.doc_titles_insert on view main.doc_titles is not read: the model has triggers on tables only"])
    }

    @Test func viewsWithQueryAndColumnsAndBrokenOnesNoted() throws {
        let schema = try read("""
            CREATE TABLE t (a INT, b TEXT);
            CREATE VIEW "v one" (x, "Y") AS SELECT a, b FROM t WHERE b <> 'AS';
            CREATE VIEW v2 AS /* leading */ SELECT count(*) AS n, max(a) FROM t;
            CREATE TABLE gone (z);
            CREATE VIEW broken AS SELECT z FROM gone;
            DROP TABLE gone;
            """)
        #expect(schema.views == [
            View(name: inMain("broken"), definition: "SELECT z FROM gone", columns: []),
            View(name: inMain("v one"), definition: "SELECT a, b FROM t WHERE b <> 'AS'", columns: ["x", "Y"]),
            View(name: inMain("v2"), definition: "SELECT count(*) AS n, max(a) FROM t", columns: ["n", "max(a)"]),
        ])
        #expect(schema.views.allSatisfy { !$0.isMaterialized && $0.comment == nil })
        #expect(notes(schema) == ["view main.broken does not compile (no such table: main.gone): its columns are not read"])
    }

    @Test func virtualTablesAndTheirShadowTablesAreLeftOutWithANote() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("virtual-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A virtual table whose module this SQLite lacks must not stop the reading either.
        try SQLiteConnection(path: path).execute("""
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
            CREATE VIRTUAL TABLE search USING fts5(title, body);
            PRAGMA writable_schema = ON;
            INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
              VALUES ('table', 'places', 'places', 0, 'CREATE VIRTUAL TABLE places USING no_such_module(x, y)');
            """)
        let schema = try SQLiteSchemaReader(connection: SQLiteConnection(path: path, mode: .readOnly)).read()
        #expect(schema.tables.map(\.name) == [inMain("notes")])
        #expect(notes(schema) == [
            "virtual table main.places (USING no_such_module) is not read: the model has no virtual tables; its shadow tables are left out too",
            "virtual table main.search (USING fts5) is not read: the model has no virtual tables; its shadow tables are left out too",
        ])
    }

    @Test func onlyTheMainDatabaseIsRead() throws {
        let database = try SQLiteConnection(path: ":memory:")
        try database.execute("""
            CREATE TABLE shared (a INTEGER NOT NULL);
            CREATE TEMP TABLE shared (b TEXT, c TEXT);
            CREATE TEMP TABLE scratch (x);
            CREATE INDEX temp.scratch_x ON scratch (x);
            CREATE TEMP VIEW temporary_view AS SELECT 1;
            """)
        let schema = try SQLiteSchemaReader(connection: database).read()
        #expect(schema.tables.map(\.name) == [inMain("shared")])
        #expect(try table(schema, "shared").columns == [column("a", "INTEGER", nullable: false)])
        #expect(schema.views.isEmpty)
    }

    @Test func readsAFileOpenedReadOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let ddl = """
            CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
            CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a ON DELETE CASCADE);
            CREATE INDEX b_a ON b (a_id) WHERE a_id IS NOT NULL;
            INSERT INTO a (name) VALUES ('x');
            """
        try SQLiteConnection(path: path).execute(ddl)
        let fromFile = try SQLiteSchemaReader(connection: SQLiteConnection(path: path, mode: .readOnly)).read()
        let inMemory = try read(ddl)
        #expect(fromFile == inMemory)
        #expect(fromFile.sequences.first?.lastValue == 1)
    }

    @Test func modelRoundTripsThroughJSON() throws {
        let schema = try read(#"""
            CREATE TABLE "Users" ("id" TEXT /* uuid */ NOT NULL CHECK (length("id") = 36), email TEXT COLLATE NOCASE,
                                  CONSTRAINT users_pkey PRIMARY KEY ("id"), CONSTRAINT users_email UNIQUE (email));
            CREATE TABLE posts (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT REFERENCES "Users" ON DELETE CASCADE
                                DEFERRABLE INITIALLY DEFERRED, body TEXT, words INTEGER AS (length(body)) VIRTUAL) STRICT;
            CREATE INDEX posts_body ON posts (lower(body) DESC) WHERE body IS NOT NULL;
            CREATE VIEW recent AS SELECT id, body FROM posts ORDER BY id DESC LIMIT 10;
            CREATE TRIGGER posts_guard BEFORE UPDATE OF body ON posts WHEN NEW.body = '' BEGIN SELECT RAISE(IGNORE); END;
            CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;
            INSERT INTO posts (body) VALUES ('hello');
            """#)
        let data = try JSONEncoder().encode(schema)
        #expect(try JSONDecoder().decode(Schema.self, from: data) == schema)
        let snapshot = try SchemaSnapshot.encode(schema)
        #expect(try SchemaSnapshot.decode(Data(snapshot.utf8)) == schema)
        #expect(schema.tables.count == 3 && schema.views.count == 1 && schema.sequences.count == 1)
        #expect(notes(schema).count == 3)
    }

    @Test func tokenizerUnderstandsSQLiteQuotingCommentsAndOperators() {
        let tokens = SQLiteTokenizer.tokens(#"""
            "a""b" [c d] `e``f` 'it''s' -- comment ( 'x
            /* block ) */ x'00ff' 1.5e3 0x1F .5 ->> <> Ünï $v :w ?3 "unterminated
            """#)
        #expect(tokens.map(\.kind) == [
            .quotedIdentifier, .quotedIdentifier, .quotedIdentifier, .string, .blob, .number, .number, .number,
            .symbol, .symbol, .word, .variable, .variable, .variable, .quotedIdentifier,
        ])
        #expect(tokens.map(\.value) == [
            #"a"b"#, "c d", "e`f", "it's", "x'00ff'", "1.5e3", "0x1F", ".5", "->>", "<>", "Ünï", "$v", ":w", "?3",
            "unterminated",
        ])
        #expect(tokens[0].text == #""a""b""#)
        #expect(tokens[10].isKeyword("ünï") == false, "keywords compare ASCII case only")
        #expect(SQLiteTokenizer.tokens("PRIMARY")[0].isKeyword("primary"))
    }
}
