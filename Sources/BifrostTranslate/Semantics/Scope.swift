import BifrostSchema

/// A column visible to expressions: its name and type.
struct ScopeColumn: Sendable {
    var name: String
    var type: SQLType
    /// What a reference to the column translates to, when it is not `relation.name` in SQLite
    /// (the `value` of a `json_each` behind `unnest`, a correlated subquery behind LATERAL).
    var expression: SQLiteExpression? = nil
}

/// A FROM item as expressions see it: the name it is referenced by, and its columns.
struct ScopeRelation: Sendable {
    /// The alias or table name used to qualify columns (in both dialects).
    var name: String
    var columns: [ScopeColumn]
    /// The schema table behind it, when it is one.
    var table: Table?
    /// False when the columns are not known (a table outside the schema): any name resolves, untyped.
    var columnsKnown: Bool = true
    /// A function in FROM returning a plain value: its alias alone names that value, not a row.
    var isScalarFunction: Bool = false
    /// Whether references are printed qualified (`"t"."c"`), which keeps them bound to this
    /// relation inside subqueries the translator introduces. Off for table-level DDL
    /// expressions (CHECK, index), where SQLite forbids qualified names.
    var qualifiesReferences: Bool = true

    func column(_ name: String) -> ScopeColumn? {
        if let found = columns.first(where: { $0.name == name }) { return found }
        return columnsKnown ? nil : ScopeColumn(name: name, type: .any)
    }
}

/// Name resolution for one query level, chained to the enclosing levels for correlated references.
final class Scope {
    let parent: Scope?
    var relations: [ScopeRelation] = []
    /// CTEs defined at this level, by name.
    var commonTables: [String: [ScopeColumn]] = [:]
    /// The merged columns of `JOIN … USING (c)`: unqualified `c` means the merged value.
    var mergedColumns: [String: ScopeColumn] = [:] {
        didSet { mergedColumnOrder += mergedColumns.keys.filter { !mergedColumnOrder.contains($0) }.sorted() }
    }
    /// The merged columns in the order the joins named them (for `*`).
    private(set) var mergedColumnOrder: [String] = []

    init(parent: Scope?) {
        self.parent = parent
    }

    func commonTable(_ name: String) -> [ScopeColumn]? {
        commonTables[name] ?? parent?.commonTable(name)
    }

    enum Resolution {
        case found(relation: String, column: ScopeColumn)
        case ambiguous
        case missing
    }

    /// Resolves `column` or `qualifier.column`, innermost level first.
    func resolve(_ column: String, qualifier: String?) -> Resolution {
        var level: Scope? = self
        while let current = level {
            if qualifier == nil, let merged = current.mergedColumns[column] {
                return .found(relation: "", column: merged)
            }
            let candidates = current.relations.filter { qualifier == nil || $0.name == qualifier }
            if qualifier != nil, let relation = candidates.first {
                if let found = relation.column(column) { return .found(relation: relation.name, column: found) }
                return .missing
            }
            let matches = candidates.compactMap { relation -> (String, ScopeColumn)? in
                guard relation.columnsKnown, let found = relation.column(column) else { return nil }
                return (relation.name, found)
            }
            if matches.count > 1 { return .ambiguous }
            if let (relation, found) = matches.first { return .found(relation: relation, column: found) }
            if qualifier == nil, let open = candidates.first(where: { !$0.columnsKnown }) {
                return .found(relation: open.name, column: ScopeColumn(name: column, type: .any))
            }
            level = current.parent
        }
        return .missing
    }

    /// The relation named `name` at the nearest level (for `alias.*` and whole-row references).
    func relation(named name: String) -> ScopeRelation? {
        relations.first { $0.name == name } ?? parent?.relation(named: name)
    }
}
