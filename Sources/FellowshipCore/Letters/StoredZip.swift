/// A minimal ZIP archive writer (PKWARE APPNOTE 6.3.x): every entry stored uncompressed,
/// names in UTF-8 (general purpose flag bit 11), CRC-32 over the bytes, no ZIP64 (letters
/// of a meeting stay far below 4 GiB and 65,535 files; larger input is refused).
///
/// Written here rather than depending on a ZIP library: the secretariat's download of a
/// run's letters needs nothing more, and the archive is byte-for-byte deterministic (a fixed
/// timestamp, entries in the order given), like everything else a run produces.
public struct StoredZip: Sendable {
    private var entries: [(name: [UInt8], bytes: [UInt8], crc: UInt32, offset: UInt32)] = []
    private var body: [UInt8] = []

    public init() {}

    /// What cannot be written without ZIP64.
    public struct TooLarge: Error, Sendable {}

    /// Adds a file named `name` (a relative path with `/` separators).
    public mutating func add(_ name: String, _ bytes: [UInt8]) throws {
        let nameBytes = Array(name.utf8)
        guard entries.count < 0xFFFF, nameBytes.count < 0xFFFF, bytes.count < 0xFFFF_FFFF,
            body.count + 30 + nameBytes.count + bytes.count < 0xFFFF_FFFF
        else { throw TooLarge() }
        let crc = Self.crc32(bytes)
        let offset = UInt32(body.count)
        body += Self.localHeader(name: nameBytes, size: UInt32(bytes.count), crc: crc)
        body += bytes
        entries.append((nameBytes, bytes, crc, offset))
    }

    /// The whole archive: the entries, then the central directory and its end record.
    public var bytes: [UInt8] {
        var output = body
        let directoryStart = UInt32(output.count)
        for entry in entries {
            var header: [UInt8] = []
            header.le32(0x0201_4B50)
            header.le16(20)  // made by: version 2.0, MS-DOS attributes
            header.le16(20)  // version needed to extract
            header.le16(0x0800)  // names are UTF-8
            header.le16(0)  // stored
            header.le16(Self.dosTime)
            header.le16(Self.dosDate)
            header.le32(entry.crc)
            header.le32(UInt32(entry.bytes.count))
            header.le32(UInt32(entry.bytes.count))
            header.le16(UInt16(entry.name.count))
            header.le16(0)  // extra field length
            header.le16(0)  // comment length
            header.le16(0)  // disk number start
            header.le16(0)  // internal attributes
            header.le32(0)  // external attributes
            header.le32(entry.offset)
            output += header + entry.name
        }
        let directorySize = UInt32(output.count) - directoryStart
        var end: [UInt8] = []
        end.le32(0x0605_4B50)
        end.le16(0)
        end.le16(0)
        end.le16(UInt16(entries.count))
        end.le16(UInt16(entries.count))
        end.le32(directorySize)
        end.le32(directoryStart)
        end.le16(0)
        return output + end
    }

    /// 1980-01-01 00:00, the earliest DOS date: a fixed stamp keeps archives reproducible.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    private static func localHeader(name: [UInt8], size: UInt32, crc: UInt32) -> [UInt8] {
        var header: [UInt8] = []
        header.le32(0x0403_4B50)
        header.le16(20)
        header.le16(0x0800)
        header.le16(0)
        header.le16(dosTime)
        header.le16(dosDate)
        header.le32(crc)
        header.le32(size)
        header.le32(size)
        header.le16(UInt16(name.count))
        header.le16(0)
        return header + name
    }

    /// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as ZIP requires.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}

extension [UInt8] {
    fileprivate mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func le32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
