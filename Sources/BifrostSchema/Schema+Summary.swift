/// A readable, stable text summary of a schema, for `bifrost inspect`.
extension Schema {
    public var summary: String {
        var lines: [String] = []
        let product = source.dialect == .postgresql ? "PostgreSQL" : "SQLite"
        lines.append("\(product) \(source.version ?? "") — \(namespaces.count == 1 ? "schema" : "schemas") \(namespaces.joined(separator: ", "))")
        lines.append("\(tables.count) tables, \(views.count) views, \(sequences.count) sequences, \(functions.count) functions, \(types.count) types")
        if !extensions.isEmpty {
            lines.append("extensions: " + extensions.map { "\($0.name) \($0.version)" }.joined(separator: ", "))
        }
        for type in types {
            lines.append("")
            lines.append(contentsOf: Self.describe(type))
        }
        for table in tables {
            lines.append("")
            lines.append(contentsOf: Self.describe(table))
        }
        for view in views {
            lines.append("")
            lines.append("\(view.isMaterialized ? "materialized view" : "view") \(view.name) (\(view.columns.joined(separator: ", ")))\(Self.comment(view.comment))")
            lines.append(contentsOf: view.definition.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
        }
        if !sequences.isEmpty { lines.append("") }
        for sequence in sequences {
            var line = "sequence \(sequence.name) \(sequence.dataType) start \(sequence.start) increment \(sequence.increment)"
            line += sequence.lastValue.map { ", last value \($0)" } ?? ", not used yet"
            if let owner = sequence.ownedBy { line += ", owned by \(owner)" }
            lines.append(line)
        }
        for function in functions {
            lines.append("")
            lines.append("\(function.isProcedure ? "procedure" : "function") \(function.name)(\(function.arguments)) returns \(function.returns) language \(function.language)\(Self.comment(function.comment))")
            lines.append(contentsOf: function.body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "note: \($0)" })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func comment(_ text: String?) -> String {
        text.map { "  -- \($0)" } ?? ""
    }

    private static func describe(_ type: UserType) -> [String] {
        switch type.definition {
        case let .enumeration(labels):
            return ["type \(type.name) enum (\(labels.map { "'\($0)'" }.joined(separator: ", ")))\(comment(type.comment))"]
        case let .domain(baseType, isNotNull, defaultExpression, checks):
            var line = "type \(type.name) domain over \(baseType)"
            if isNotNull { line += " not null" }
            if let defaultExpression { line += " default \(defaultExpression)" }
            return [line + comment(type.comment)] + checks.map { "  check \($0.name): \($0.expression)" }
        case let .composite(attributes):
            return ["type \(type.name) (\(attributes.map { "\($0.name) \($0.type)" }.joined(separator: ", ")))\(comment(type.comment))"]
        }
    }

    private static func describe(_ table: Table) -> [String] {
        var header = table.kind == .partitioned ? "partitioned table \(table.name) by \(table.partitionKey ?? "?")" : "table \(table.name)"
        if table.persistence != .permanent { header = "\(table.persistence.rawValue) " + header }
        if let parent = table.partitionOf { header += ", partition of \(parent) \(table.partitionBound ?? "")" }
        if !table.inherits.isEmpty { header += ", inherits \(table.inherits.map(\.description).joined(separator: ", "))" }
        var lines = [header + comment(table.comment)]
        let width = min(32, table.columns.map(\.name.count).max() ?? 0)
        for column in table.columns {
            var line = "  " + column.name.padding(toLength: max(width, column.name.count), withPad: " ", startingAt: 0)
            line += "  " + column.type.declaration
            if let collation = column.collation { line += " collate \(collation)" }
            if !column.isNullable { line += " not null" }
            if let identity = column.identity {
                line += " generated \(identity.generation == .always ? "always" : "by default") as identity"
                if let sequence = identity.sequence { line += " (\(sequence))" }
            }
            if let generated = column.generated { line += " generated always as (\(generated)) stored" }
            if let value = column.defaultExpression { line += " default \(value)" }
            if let sequence = column.serialSequence { line += " (serial, \(sequence))" }
            lines.append(line + comment(column.comment))
        }
        if let key = table.primaryKey {
            lines.append("  primary key \(key.name) (\(key.columns.joined(separator: ", ")))")
        }
        for key in table.uniqueConstraints {
            lines.append("  unique \(key.name) (\(key.columns.joined(separator: ", ")))\(key.nullsNotDistinct ? " nulls not distinct" : "")")
        }
        for key in table.foreignKeys {
            var line = "  foreign key \(key.name) (\(key.columns.joined(separator: ", "))) references \(key.referencedTable) (\(key.referencedColumns.joined(separator: ", ")))"
            if key.onDelete != .noAction { line += " on delete \(key.onDelete.rawValue.lowercased())" }
            if key.onUpdate != .noAction { line += " on update \(key.onUpdate.rawValue.lowercased())" }
            if key.match != .simple { line += " match \(key.match.rawValue.lowercased())" }
            if key.isDeferrable { line += key.isInitiallyDeferred ? " deferrable initially deferred" : " deferrable" }
            lines.append(line)
        }
        for check in table.checks {
            lines.append("  check \(check.name): \(check.expression)\(check.isValidated ? "" : " (not valid)")")
        }
        for exclusion in table.exclusions {
            lines.append("  exclusion \(exclusion.name): \(exclusion.definition)")
        }
        for index in table.indexes where index.constraint == nil {
            lines.append("  index \(index.name): \(index.definition)")
        }
        for trigger in table.triggers {
            lines.append("  trigger \(trigger.name): \(trigger.definition)\(trigger.isEnabled ? "" : " (disabled)")")
        }
        return lines
    }
}
