import BifrostSchema

/// PostgreSQL row triggers whose PL/pgSQL function has one of the common shapes, as SQLite
/// triggers with the same effect:
///
/// - RAISE EXCEPTION under a condition → a BEFORE trigger running `SELECT RAISE(ABORT, msg)
///   WHERE condition` (the first reached, as in PostgreSQL).
/// - `NEW.col := expr` in a BEFORE INSERT/UPDATE trigger → an AFTER trigger that updates the
///   row just written (`UPDATE t SET col = expr WHERE rowid = new.rowid`), since a SQLite
///   trigger cannot change NEW. Its WHEN skips rows that already hold the values, so it does not
///   fire on its own update even with `PRAGMA recursive_triggers = ON`.
struct TriggerTranslator {
    let context: TranslationContext
    let table: Table
    let sqliteName: String

    func translate(_ trigger: Trigger) throws -> [SQLiteCreateTrigger] {
        guard trigger.level == .row else {
            throw context.refusal("unsupported-trigger", "statement-level trigger (SQLite triggers are per row)", at: nil)
        }
        guard trigger.timing != .insteadOf else {
            throw context.refusal("unsupported-trigger", "INSTEAD OF trigger", at: nil)
        }
        guard trigger.isEnabled else {
            throw context.refusal("unsupported-trigger", "disabled trigger (SQLite triggers cannot be disabled)", at: nil)
        }
        if !trigger.arguments.isEmpty {
            throw context.refusal("unsupported-trigger", "trigger arguments (TG_ARGV)", at: nil)
        }
        let function = try self.function(trigger)
        var result: [SQLiteCreateTrigger] = []
        let multipleEvents = trigger.events.count > 1
        for event in trigger.events {
            guard event != .truncate else {
                throw context.refusal("unsupported-trigger", "TRUNCATE trigger", at: nil)
            }
            let program = try TriggerProgramTranslator(context: context, table: table, event: event).translate(function)
            let condition = try trigger.condition.map { try whenCondition($0, event: event) }
            let baseName = multipleEvents ? "\(trigger.name)_\(event.rawValue.lowercased())" : trigger.name
            let sqliteEvent: SQLiteCreateTrigger.Event
            switch event {
            case .insert: sqliteEvent = .insert
            case .delete: sqliteEvent = .delete
            default: sqliteEvent = .update(columns: trigger.updateColumns)
            }
            if !program.raises.isEmpty {
                let checks = program.raises.map { raise -> SQLiteCommand in
                    var probe = SQLiteSelectCore(columns: [.expression(.raise(raise.message), alias: nil)])
                    probe.whereClause = raise.condition
                    return .select(SQLiteSelect(probe))
                }
                let timing: SQLiteCreateTrigger.Timing = trigger.timing == .before ? .before : .after
                result.append(SQLiteCreateTrigger(name: program.assignments.isEmpty ? baseName : baseName + "_check",
                                                  table: sqliteName, timing: timing, event: sqliteEvent,
                                                  when: condition, body: checks))
            }
            if !program.assignments.isEmpty {
                guard trigger.timing == .before, event != .delete else {
                    // Assigning NEW in an AFTER trigger (or on DELETE) changes nothing in PostgreSQL.
                    continue
                }
                result.append(rowUpdate(program, name: baseName, event: sqliteEvent, condition: condition))
                context.rewrote("BEFORE \(event.rawValue) trigger \(trigger.name) assigning NEW",
                                as: "AFTER \(event.rawValue) trigger updating the row", at: nil)
            }
        }
        return result
    }

    private func rowUpdate(_ program: TriggerProgram, name: String, event: SQLiteCreateTrigger.Event,
                           condition: SQLiteExpression?) -> SQLiteCreateTrigger {
        let pending = SQLiteExpression.prefix("NOT", .and(program.assignments.map {
            .binary(.column(table: "new", name: $0.column), "IS", $0.value)
        }))
        let key = rowKey()
        let update = SQLiteUpdate(
            table: sqliteName, alias: nil,
            assignments: program.assignments.map { SQLiteAssignment(columns: [$0.column], value: $0.value) },
            whereClause: .and(key.map { .binary(.column(table: nil, name: $0), "=", .column(table: "new", name: $0)) }))
        return SQLiteCreateTrigger(name: name, table: sqliteName, timing: .after, event: event,
                                   when: .and([condition, pending].compactMap { $0 }), body: [.update(update)])
    }

    /// The columns that find the row again: the primary key, or SQLite's rowid.
    private func rowKey() -> [String] {
        if let key = table.primaryKey?.columns, !key.isEmpty { return key }
        return ["rowid"]
    }

    private func whenCondition(_ expression: SQLExpression, event: Trigger.Event) throws -> SQLiteExpression {
        let scope = Scope(parent: nil)
        let columns = table.columns.map { ScopeColumn(name: $0.name, type: SQLType(column: $0)) }
        scope.relations = [ScopeRelation(name: "new", columns: columns, table: table),
                           ScopeRelation(name: "old", columns: columns, table: table)]
        return try ExpressionTranslator(context: context, scope: scope).condition(try ColumnDefaults.expressionNode(expression))
    }

    private func function(_ trigger: Trigger) throws -> Function {
        guard let name = trigger.function,
              let function = context.catalog.schema?.functions.first(where: { $0.name == name })
                ?? context.catalog.schema?.functions.first(where: { $0.name.name == name.name }) else {
            throw context.refusal("unsupported-trigger", "trigger function \(trigger.function?.name ?? "?") is not in the schema", at: nil)
        }
        return function
    }
}

/// Which columns translated triggers set, so that RETURNING (which shows the row before
/// SQLite's AFTER triggers ran) can refuse them.
struct TriggerEffects {
    let catalog: SchemaCatalog

    func columnsRewrittenByTriggers(_ table: Table?, on event: Trigger.Event) -> Set<String> {
        guard let table else { return [] }
        var columns: Set<String> = []
        for trigger in table.triggers where trigger.timing == .before && trigger.events.contains(event) && trigger.level == .row {
            let context = TranslationContext(source: SourceText(""), catalog: catalog, options: TranslationOptions())
            guard let name = trigger.function,
                  let function = catalog.schema?.functions.first(where: { $0.name == name }),
                  let program = try? TriggerProgramTranslator(context: context, table: table, event: event).translate(function)
            else { continue }
            columns.formUnion(program.assignments.map(\.column))
        }
        return columns
    }
}
