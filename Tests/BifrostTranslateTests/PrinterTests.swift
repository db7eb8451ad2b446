@testable import BifrostTranslate
import Testing

/// The printer quotes every identifier and literal and parenthesises compound operands.
@Suite struct PrinterTests {
    let printer = SQLitePrinter()

    @Test func identifiersAndLiteralsAreQuoted() {
        let expression = SQLiteExpression.binary(.column(table: "we\"ird", name: "select"), "=", .text("it's"))
        #expect(printer.expression(expression) == #""we""ird"."select" = 'it''s'"#)
    }

    @Test func compoundOperandsAreParenthesised() {
        let sum = SQLiteExpression.binary(.integer(1), "+", .integer(2))
        let product = SQLiteExpression.binary(sum, "*", .literal(.integer(-3)))
        #expect(printer.expression(product) == "(1 + 2) * (-3)")
    }

    @Test func specialRealsAndBlobs() {
        #expect(printer.expression(.literal(.real(.infinity))) == "9e999")
        #expect(printer.expression(.literal(.real(2))) == "2.0")
        #expect(printer.expression(.literal(.blob([0, 0xAB]))) == "X'00AB'")
    }
}
