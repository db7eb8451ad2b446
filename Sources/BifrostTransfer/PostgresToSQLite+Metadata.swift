import BifrostPostgres
import BifrostSchema
import Foundation

extension PostgresToSQLite {
    /// The metadata the file records about this conversion (see `ConversionMetadata`).
    func metadata(recording schema: Schema, sqliteViews: Set<String>, reports: [TableReport],
                  verification: VerificationReport?, postgres: PostgresConnection, started: Date) throws -> ConversionMetadata {
        let checksums = Dictionary((verification?.tables ?? []).map { ($0.sqliteName, $0.sqliteChecksum) },
                                   uniquingKeysWith: { first, _ in first })
        let tables = reports.map { report in
            ConversionMetadata.TableRecord(source: report.source, sqliteName: report.sqliteName,
                                           rows: options.schemaOnly ? nil : report.rows, checksum: checksums[report.sqliteName],
                                           rowFilter: options.selection.rowFilter(for: report.source))
        }
        return ConversionMetadata(
            sourceServerVersion: try postgres.execute("SHOW server_version").value(row: 0, column: 0) ?? "",
            sourceNamespace: options.schema,
            sourceSchema: recordedModel(schema, sqliteViews: sqliteViews),
            mappingRules: ConversionMetadata.text(of: options.rules),
            convertedAt: started,
            content: options.schemaOnly ? .schemaOnly : .schemaAndData,
            tables: tables)
    }

    /// The model of what the file holds: the whole source schema when every table was
    /// taken; otherwise the selected tables without the foreign keys to tables left out, and
    /// only the views that made it into the file.
    func recordedModel(_ schema: Schema, sqliteViews: Set<String>) -> Schema {
        guard !options.selection.isEverything else { return schema }
        let taken = Set(schema.tables.map(\.name))
        var model = schema
        for index in model.tables.indices {
            model.tables[index].foreignKeys.removeAll { !taken.contains($0.referencedTable) }
        }
        model.views = schema.views.filter { sqliteViews.contains($0.name.name) }
        return model
    }
}
