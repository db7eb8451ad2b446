/// What the way back (SQLite → PostgreSQL) needs to know about a codec's stored form.
extension ValueCodec {
    /// For an array codec: the name of the codec that wrote its elements (`text` for arrays
    /// stored from PostgreSQL's array text); `nil` for codecs that do not store arrays.
    public var arrayElementCodecName: String? {
        if let array = self as? JSONArrayCodec { return array.element.name }
        if self is TextArrayCodec { return "text" }
        return nil
    }
}
