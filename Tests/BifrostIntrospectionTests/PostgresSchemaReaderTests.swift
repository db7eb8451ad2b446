import BifrostIntrospection
import BifrostPostgres
import BifrostSchema
import BifrostTestSupport
import Foundation
import BifrostMapping
import BifrostSQLite
import BifrostTransfer
import Testing

/// A database whose schema exercises every part of the reader, read once per test.
private func readCatalogFixture() throws -> (Schema, ConnectionString) {
    let source = try SharedCluster.freshDatabase(prefix: "catalog")
    try PostgresConnection(source).execute(#"""
        CREATE SCHEMA billing;
        CREATE SCHEMA "Odd Schema";
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);
        CREATE DOMAIN short_text AS varchar(20);
        CREATE TYPE billing.money_pair AS (amount numeric(12,2), currency char(3));

        CREATE TABLE accounts (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            legacy_id serial,
            email text COLLATE "C" NOT NULL,
            name short_text,
            feeling mood DEFAULT 'ok',
            tags text[] DEFAULT ARRAY['new']::text[],
            grid integer[][],
            price numeric(12,2) CHECK (price >= 0),
            score positive_int,
            created_at timestamptz NOT NULL DEFAULT now(),
            email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
            "Mixed Case" int,
            "with space" text,
            "quo""te" text,
            "select" text,
            CONSTRAINT accounts_email_key UNIQUE NULLS NOT DISTINCT (email)
        );
        ALTER TABLE accounts ADD CONSTRAINT accounts_name_check CHECK (name <> '') NOT VALID;
        COMMENT ON TABLE accounts IS 'people who pay';
        COMMENT ON COLUMN accounts.email IS 'login, unique';
        CREATE INDEX accounts_lower_email ON accounts (lower(email) DESC NULLS LAST);
        CREATE INDEX accounts_partial ON accounts (created_at) WHERE feeling = 'happy';
        CREATE INDEX accounts_include ON accounts USING btree (score NULLS FIRST) INCLUDE (name);
        CREATE INDEX accounts_tags ON accounts USING gin (tags);
        CREATE INDEX accounts_hash ON accounts USING hash (email);
        CREATE INDEX accounts_brin ON accounts USING brin (created_at);
        CREATE INDEX accounts_name_pattern ON accounts (name varchar_pattern_ops);

        CREATE TABLE billing.invoices (
            account_id bigint NOT NULL,
            number int NOT NULL,
            parent_account bigint,
            parent_number int,
            total numeric,
            PRIMARY KEY (account_id, number),
            CONSTRAINT invoices_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
                ON DELETE CASCADE ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,
            CONSTRAINT invoices_parent_fk FOREIGN KEY (parent_account, parent_number)
                REFERENCES billing.invoices (account_id, number) MATCH FULL ON DELETE SET NULL
        );

        CREATE TABLE events (id bigint, at timestamptz NOT NULL, payload jsonb) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE UNLOGGED TABLE scratch (k text PRIMARY KEY);
        CREATE TABLE base_log (id int, msg text);
        CREATE TABLE child_log (extra text) INHERITS (base_log);
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        CREATE TABLE rooms (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));

        CREATE TABLE "Odd Schema"."Weird ""Table""" ("Order" int PRIMARY KEY, "from" text);

        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.created_at := now();
            RETURN NEW;
        END;
        $$;
        COMMENT ON FUNCTION touch() IS 'keeps created_at fresh';
        CREATE TRIGGER accounts_touch BEFORE UPDATE OF email, name ON accounts
            FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION touch('a b', 'it''s');
        CREATE TRIGGER accounts_audit AFTER INSERT OR DELETE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION touch();
        ALTER TABLE accounts DISABLE TRIGGER accounts_audit;

        CREATE VIEW happy_accounts AS SELECT id, email FROM accounts WHERE feeling = 'happy';
        CREATE MATERIALIZED VIEW account_counts AS SELECT feeling, count(*) AS n FROM accounts GROUP BY feeling;
        CREATE SEQUENCE billing.invoice_numbers AS integer START 100 INCREMENT 5 MAXVALUE 100000 CYCLE;
        SELECT nextval('billing.invoice_numbers'), nextval('billing.invoice_numbers');
        INSERT INTO accounts (email) VALUES ('a@example.com');
        """#)
    let connection = try PostgresConnection(source)
    return (try PostgresSchemaReader(connection: connection).read(), source)
}

@Suite struct PostgresSchemaReaderTests {
    let schema: Schema
    let source: ConnectionString

    init() throws {
        (schema, source) = try readCatalogFixture()
    }

    func table(_ schemaName: String, _ name: String) throws -> Table {
        try #require(schema.table(QualifiedName(schema: schemaName, name: name)))
    }

    @Test func readsEveryUserSchemaAndTable() throws {
        #expect(schema.source.dialect == .postgresql)
        #expect(schema.source.version?.hasPrefix("15.") == true)
        #expect(schema.namespaces == ["Odd Schema", "billing", "public"])
        #expect(schema.tables.map(\.name.description) == [
            "Odd Schema.Weird \"Table\"", "billing.invoices", "public.accounts", "public.base_log",
            "public.child_log", "public.events", "public.events_2024", "public.rooms", "public.scratch",
        ])
        #expect(schema.extensions.map(\.name).contains("btree_gist"))
    }

    @Test func columnsCarryFullTypes() throws {
        let accounts = try table("public", "accounts")
        #expect(accounts.comment == "people who pay")
        #expect(accounts.columns.map(\.name) == [
            "id", "legacy_id", "email", "name", "feeling", "tags", "grid", "price", "score", "created_at",
            "email_lower", "Mixed Case", "with space", "quo\"te", "select",
        ])
        let id = try #require(accounts.column("id"))
        #expect(id.identity == Column.Identity(generation: .always, sequence: QualifiedName(schema: "public", name: "accounts_id_seq")))
        #expect(id.defaultExpression == nil)
        let legacy = try #require(accounts.column("legacy_id"))
        #expect(legacy.serialSequence == QualifiedName(schema: "public", name: "accounts_legacy_id_seq"))
        #expect(legacy.defaultExpression?.sql == "nextval('accounts_legacy_id_seq'::regclass)")
        let email = try #require(accounts.column("email"))
        #expect(email.collation == "C")
        #expect(!email.isNullable)
        #expect(email.comment == "login, unique")
        let name = try #require(accounts.column("name"))
        #expect(name.type.type.kind == .domain)
        #expect(name.type.storage.name == "varchar")
        #expect(name.type.declaration == "short_text")
        let feeling = try #require(accounts.column("feeling"))
        #expect(feeling.type.type.enumLabels == ["sad", "ok", "happy"])
        #expect(feeling.defaultExpression?.sql == "'ok'::mood")
        let tags = try #require(accounts.column("tags"))
        #expect(tags.type.declaration == "text[]")
        #expect(tags.type.element?.type.name == "text")
        #expect(tags.defaultExpression?.sql == "ARRAY['new'::text]")
        #expect(tags.type.arrayDimensions == 1)
        #expect(try #require(accounts.column("grid")).type.arrayDimensions == 2)
        #expect(email.type.arrayDimensions == 0)
        let price = try #require(accounts.column("price"))
        #expect(price.type.declaration == "numeric(12,2)")
        #expect(price.type.numericScale == 2)
        let score = try #require(accounts.column("score"))
        #expect(score.type.domainBases.map(\.name) == ["int4"])
        let generated = try #require(accounts.column("email_lower"))
        #expect(generated.generated?.sql == "lower(email)")
        #expect(generated.defaultExpression == nil)
    }

    @Test func defaultsKeepAParseTree() throws {
        let created = try #require(try table("public", "accounts").column("created_at"))
        #expect(created.defaultExpression?.sql == "now()")
        let tree = try #require(created.defaultExpression?.tree)
        let function = tree["FuncCall"]?["funcname"]
        guard case let .array(parts)? = function, case let .string(name)? = parts.last?["String"]?["sval"] else {
            Issue.record("no FuncCall in \(tree)")
            return
        }
        #expect(name == "now")
    }

    @Test func keysAndChecks() throws {
        let accounts = try table("public", "accounts")
        #expect(accounts.primaryKey?.columns == ["id"])
        #expect(accounts.primaryKey?.name == "accounts_pkey")
        let unique = try #require(accounts.uniqueConstraints.first)
        #expect(unique.name == "accounts_email_key")
        #expect(unique.nullsNotDistinct)
        let checks = accounts.checks.map { "\($0.name)|\($0.expression.sql)|\($0.isValidated)" }
        #expect(checks == ["accounts_name_check|((name)::text <> ''::text)|false", "accounts_price_check|(price >= (0)::numeric)|true"])

        let invoices = try table("billing", "invoices")
        #expect(invoices.primaryKey?.columns == ["account_id", "number"])
        #expect(invoices.foreignKeys.count == 2)
        let account = try #require(invoices.foreignKeys.first { $0.name == "invoices_account_fk" })
        #expect(account.referencedTable == QualifiedName(schema: "public", name: "accounts"))
        #expect(account.onDelete == .cascade)
        #expect(account.onUpdate == .restrict)
        #expect(account.isDeferrable && account.isInitiallyDeferred)
        let parent = try #require(invoices.foreignKeys.first { $0.name == "invoices_parent_fk" })
        #expect(parent.columns == ["parent_account", "parent_number"])
        #expect(parent.referencedColumns == ["account_id", "number"])
        #expect(parent.match == .full)
        #expect(parent.onDelete == .setNull)

        let rooms = try table("public", "rooms")
        #expect(rooms.exclusions.first?.definition == "EXCLUDE USING gist (room WITH =, during WITH &&)")
        #expect(schema.notes.contains { $0.contains("exclusion constraint") && $0.contains("public.rooms") })
    }

    @Test func indexesWithMethodsOrderExpressionsPredicatesAndIncludes() throws {
        let indexes = Dictionary(uniqueKeysWithValues: try table("public", "accounts").indexes.map { ($0.name, $0) })
        #expect(indexes["accounts_pkey"]?.constraint == "accounts_pkey")
        let lower = try #require(indexes["accounts_lower_email"])
        #expect(lower.elements.count == 1)
        #expect(lower.elements[0].column == nil)
        #expect(lower.elements[0].expression?.sql == "lower(email)")
        #expect(lower.elements[0].expression?.tree != nil)
        #expect(lower.elements[0].isDescending)
        #expect(!lower.elements[0].nullsFirst)
        let partial = try #require(indexes["accounts_partial"])
        #expect(partial.predicate?.sql == "(feeling = 'happy'::mood)")
        let include = try #require(indexes["accounts_include"])
        #expect(include.elements.map(\.column) == ["score"])
        #expect(include.elements[0].nullsFirst)
        #expect(include.included == ["name"])
        #expect(indexes["accounts_tags"]?.method == "gin")
        #expect(indexes["accounts_hash"]?.method == "hash")
        #expect(indexes["accounts_brin"]?.method == "brin")
        #expect(indexes["accounts_name_pattern"]?.elements.first?.operatorClass == "varchar_pattern_ops")
        #expect(indexes["accounts_email_key"]?.isUnique == true)
        #expect(lower.definition == "CREATE INDEX accounts_lower_email ON public.accounts USING btree (lower(email) DESC NULLS LAST)")
    }

    @Test func triggersWithEventsColumnsConditionAndArguments() throws {
        let triggers = Dictionary(uniqueKeysWithValues: try table("public", "accounts").triggers.map { ($0.name, $0) })
        let touch = try #require(triggers["accounts_touch"])
        #expect(touch.timing == .before)
        #expect(touch.events == [.update])
        #expect(touch.updateColumns == ["email", "name"])
        #expect(touch.level == .row)
        #expect(touch.condition?.sql == "(old.email IS DISTINCT FROM new.email)")
        #expect(touch.condition?.tree != nil)
        #expect(touch.function == QualifiedName(schema: "public", name: "touch"))
        #expect(touch.arguments == ["a b", "it's"])
        #expect(touch.isEnabled)
        let audit = try #require(triggers["accounts_audit"])
        #expect(audit.timing == .after)
        #expect(audit.events == [.insert, .delete])
        #expect(audit.level == .statement)
        #expect(audit.condition == nil)
        #expect(!audit.isEnabled)
    }

    @Test func partitionsInheritanceAndPersistence() throws {
        let events = try table("public", "events")
        #expect(events.kind == .partitioned)
        #expect(events.partitionKey == "RANGE (at)")
        let partition = try table("public", "events_2024")
        #expect(partition.partitionOf == events.name)
        #expect(partition.partitionBound == "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')")
        #expect(partition.inherits.isEmpty)
        #expect(try table("public", "child_log").inherits == [QualifiedName(schema: "public", name: "base_log")])
        #expect(try table("public", "child_log").columns.map(\.name) == ["id", "msg", "extra"])
        #expect(try table("public", "scratch").persistence == .unlogged)
    }

    @Test func viewsSequencesFunctionsAndTypes() throws {
        let view = try #require(schema.views.first { $0.name.name == "happy_accounts" })
        #expect(!view.isMaterialized)
        #expect(view.columns == ["id", "email"])
        #expect(view.definition.contains("WHERE accounts.feeling = 'happy'::mood"))
        #expect(schema.views.first { $0.name.name == "account_counts" }?.isMaterialized == true)

        let numbers = try #require(schema.sequences.first { $0.name == QualifiedName(schema: "billing", name: "invoice_numbers") })
        #expect(numbers.dataType == "integer")
        #expect(numbers.start == 100 && numbers.increment == 5 && numbers.maxValue == 100000 && numbers.cycles)
        #expect(numbers.lastValue == 105)
        #expect(numbers.ownedBy == nil)
        let identity = try #require(schema.sequences.first { $0.name.name == "accounts_id_seq" })
        #expect(identity.lastValue == 1)
        #expect(identity.ownedBy == ColumnReference(table: QualifiedName(schema: "public", name: "accounts"), column: "id"))
        #expect(schema.sequences.first { $0.name.name == "accounts_legacy_id_seq" }?.ownedBy?.column == "legacy_id")

        let touch = try #require(schema.functions.first { $0.name.name == "touch" })
        #expect(touch.language == "plpgsql")
        #expect(touch.returns == "trigger")
        #expect(touch.body.contains("NEW.created_at := now();"))
        #expect(touch.definition.hasPrefix("CREATE OR REPLACE FUNCTION public.touch()"))
        #expect(touch.comment == "keeps created_at fresh")
        #expect(!schema.functions.contains { $0.name.schema == "public" && $0.name.name.hasPrefix("gbt_") },
                "extension members are not the user's functions")

        let types = Dictionary(uniqueKeysWithValues: schema.types.map { ($0.name.description, $0.definition) })
        #expect(types["public.mood"] == .enumeration(labels: ["sad", "ok", "happy"]))
        guard case let .domain(base, notNull, defaultValue, checks)? = types["public.positive_int"] else {
            Issue.record("positive_int is not a domain")
            return
        }
        #expect(base == "integer" && notNull && defaultValue?.sql == "1")
        #expect(checks.map(\.name) == ["positive"])
        #expect(checks.first?.expression.sql == "(VALUE > 0)")
        #expect(types["billing.money_pair"] == .composite(attributes: [
            UserType.Attribute(name: "amount", type: "numeric(12,2)"),
            UserType.Attribute(name: "currency", type: "character(3)"),
        ]))
    }

    @Test func identifiersNeedingQuotesComeBackVerbatim() throws {
        let odd = try table("Odd Schema", "Weird \"Table\"")
        #expect(odd.columns.map(\.name) == ["Order", "from"])
        #expect(odd.primaryKey?.columns == ["Order"])
    }

    @Test func snapshotReloadsIntoAnEqualModel() throws {
        let json = try SchemaSnapshot.encode(schema)
        #expect(json.contains("\"format\" : \"bifrost-schema\""))
        let reloaded = try SchemaSnapshot.decode(Data(json.utf8))
        #expect(reloaded == schema)
        #expect(try SchemaSnapshot.encode(reloaded) == json, "encoding is stable")
    }

    @Test func schemaFilterReadsOnlyThoseSchemas() throws {
        let billing = try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["billing"])
        #expect(billing.tables.map(\.name.description) == ["billing.invoices"])
        #expect(billing.sequences.map(\.name.name) == ["invoice_numbers"])
        #expect(billing.types.map(\.name.name) == ["money_pair"])
        let error = #expect(throws: PostgresError.self) {
            try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["nope"])
        }
        #expect(error?.message.contains("schema \"nope\" does not exist") == true)
    }
}

@Suite struct WideTableTests {
    @Test func aTableWithAHundredColumnsKeepsTheirOrder() throws {
        let source = try SharedCluster.freshDatabase(prefix: "wide")
        let columns = (1...100).map { "c\($0) \($0 % 3 == 0 ? "text" : $0 % 3 == 1 ? "integer" : "jsonb")" }
        try PostgresConnection(source).execute("CREATE TABLE wide (\(columns.joined(separator: ", ")))")
        let schema = try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["public"])
        let wide = try #require(schema.tables.first)
        #expect(wide.columns.count == 100)
        #expect(wide.columns.map(\.name) == (1...100).map { "c\($0)" })
        #expect(wide.columns[2].type.declaration == "text")
        #expect(wide.columns[99].type.declaration == "integer")
    }
}

@Suite struct SampleDataInspectionTests {
    @Test func authlySchemaIsReadCompletely() throws {
        let source = try SharedCluster.authlyDatabase()
        let schema = try PostgresSchemaReader(connection: PostgresConnection(source)).read()
        let tables = Set(schema.tables.map(\.name.name))
        #expect(tables.isSuperset(of: ["users", "oauth_clients", "oauth_scopes", "oauth_client_scopes", "tokens",
                                       "oauth_token_scopes", "oauth_authorization_codes", "oidc_jwks_keys"]))
        let users = try #require(schema.tables.first { $0.name.name == "users" })
        #expect(users.column("id")?.defaultExpression?.sql == "gen_random_uuid()")
        #expect(users.triggers.contains { $0.function?.name == "set_updated_at" && $0.timing == .before })
        #expect(users.indexes.contains { $0.elements.contains { $0.expression?.sql.contains("lower(") == true } })
        #expect(schema.tables.flatMap(\.indexes).contains { $0.method == "gin" })
        #expect(schema.tables.flatMap(\.indexes).contains { $0.predicate != nil })
        #expect(schema.tables.flatMap(\.foreignKeys).contains { $0.onDelete == .cascade })
        #expect(schema.tables.flatMap(\.foreignKeys).contains { $0.onDelete == .setNull })
        #expect(schema.functions.contains { $0.name.name == "set_updated_at" && $0.language == "plpgsql" })
        #expect(!schema.views.isEmpty)
        #expect(schema.types.contains { if case .enumeration = $0.definition { true } else { false } })
        #expect(schema.types.contains { if case .domain = $0.definition { true } else { false } })
    }
}

@Suite struct ConvertedSchemaTests {
    @Test func theConvertedFileHasTheSourceModelApartFromWhatTheMappingExplains() throws {
        let source = try SharedCluster.authlyDatabase()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bifrost-inspect-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("authly.sqlite").path
        _ = try PostgresToSQLite(source: source, destination: path).run()

        let postgres = try PostgresSchemaReader(connection: PostgresConnection(source)).read(schemas: ["public"])
        let sqlite = try SQLiteSchemaReader(connection: SQLiteConnection(path: path, mode: .readOnly)).read()
        let planner = MappingPlanner()
        let mappings = try postgres.tables.filter { $0.partitionOf == nil }.map { try planner.plan($0, sqliteName: $0.name.name) }
        let differences = ConvertedSchemaComparison(postgres: postgres, sqlite: sqlite, mappings: mappings).differences()

        let unexplained = differences.filter { $0.explanation == nil }
        #expect(unexplained.isEmpty, "\(unexplained.map(\.description).joined(separator: "\n"))")
        // The explained ones are the mapping's type changes and the parts the translator cannot carry over.
        #expect(differences.contains { $0.object == "public.users.id" && $0.message == "uuid stored as TEXT" })
        #expect(differences.contains { $0.message == "index is missing" && $0.explanation?.contains("GIN") == true })
        // Defaults, CHECKs, triggers and the view are translated.
        #expect(!differences.contains { $0.message.hasPrefix("default gen_random_uuid()") })
        #expect(!differences.contains { $0.message == "trigger is missing" || $0.message == "view is missing" })
        #expect(sqlite.tables.count == postgres.tables.count)
    }
}
