import FellowshipCore

/// Plausible economy air fares for the sample data, from the great-circle distance between
/// a delegate's capital and the meeting venue.
///
/// The model is deliberately simple and published here so that nobody mistakes it for a
/// real fare: a return economy ticket costs about `2 * (180 + 0.11 * km)` in the meeting's
/// currency, more for African, least developed, small-island and landlocked States (fewer
/// direct flights), plus 150 of taxes and fees, with +/-15 % noise, quoted either in whole
/// units, to five hundredths or to the cent, as travel agencies do.
///
/// Only integer arithmetic and IEEE basic operations (+ - * / and comparisons) are used,
/// never the platform's `sin`, `cos` or `asin`: those may differ in the last bit between C
/// libraries, and the bundled sample must be identical on every machine.
enum TicketCostModel {
    /// Mean Earth radius (IUGG), kilometres.
    static let earthRadiusKilometres = 6371.0088

    /// Distance used when a country has no usable capital coordinates.
    static let fallbackKilometres = 6000

    /// The capital's coordinates from the `x_capital_lat` / `x_capital_lon` columns, if both
    /// are valid decimal degrees.
    static func capital(of country: Country) -> (latitude: Double, longitude: Double)? {
        guard let latText = country.extensions["x_capital_lat"], let lonText = country.extensions["x_capital_lon"],
            let latitude = Double(trimmed(latText)), let longitude = Double(trimmed(lonText)),
            latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 180
        else { return nil }
        return (latitude, longitude)
    }

    private static func trimmed(_ text: String) -> String {
        String(
            text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()
        )
    }

    /// Great-circle (haversine) distance in whole kilometres.
    static func kilometres(
        fromLatitude lat1: Double, longitude lon1: Double,
        toLatitude lat2: Double, longitude lon2: Double
    ) -> Int {
        let toRadians = DeterministicMath.pi / 180
        let phi1 = lat1 * toRadians
        let phi2 = lat2 * toRadians
        let deltaPhi = phi2 - phi1
        var deltaLambda = (lon2 - lon1) * toRadians
        if deltaLambda > DeterministicMath.pi { deltaLambda -= 2 * DeterministicMath.pi }
        if deltaLambda < -DeterministicMath.pi { deltaLambda += 2 * DeterministicMath.pi }
        let sinHalfPhi = DeterministicMath.sin(deltaPhi / 2)
        let sinHalfLambda = DeterministicMath.sin(deltaLambda / 2)
        var a =
            sinHalfPhi * sinHalfPhi
            + DeterministicMath.cos(phi1) * DeterministicMath.cos(phi2) * sinHalfLambda * sinHalfLambda
        a = min(1, max(0, a))
        let centralAngle = 2 * DeterministicMath.asin(a.squareRoot())
        return Int((earthRadiusKilometres * centralAngle).rounded())
    }

    /// Airport taxes and agency fees of a return ticket, in cents.
    static let taxesAndFeesCents: Int64 = 15_000

    /// The expected return economy fare in cents, before noise.
    static func typicalFareCents(kilometres: Int, country: Country) -> Int64 {
        let km = Int64(max(0, kilometres))
        // 2 * (180.00 + 0.11 * km), in cents.
        let base = 2 * (18_000 + 11 * km)
        var permille: Int64 = 1000
        if country.region == .AFR { permille += 150 }
        if country.ldc { permille += 100 }
        if country.sids { permille += 150 }
        if country.lldc { permille += 50 }
        return base * permille / 1000 + taxesAndFeesCents
    }

    /// One quoted fare: the typical fare with +/-15 % noise, rounded as an agency would.
    static func quote(typicalCents: Int64, random: inout SeededRandom) -> Money {
        let noise = Int64(random.int(in: 850...1150))
        var cents = typicalCents * noise / 1000
        switch random.int(below: 100) {
        case 0..<55: cents = (cents + 50) / 100 * 100  // whole units: 1480.00
        case 55..<85: cents = (cents + 2) / 5 * 5  // to five hundredths: 1523.45
        default: break  // to the cent: 1523.47
        }
        return Money(cents: max(cents, 100))
    }
}

/// `sin`, `cos` and `asin` from IEEE basic operations only, so that results are the same bit
/// for bit on every platform (the sample generator's only use of trigonometry).
enum DeterministicMath {
    static let pi = 3.141592653589793

    /// Sine for |x| <= 2*pi (Taylor series after reduction to [-pi/2, pi/2]).
    static func sin(_ x: Double) -> Double {
        var y = x
        if y > pi { y -= 2 * pi }
        if y < -pi { y += 2 * pi }
        if y > pi / 2 { y = pi - y } else if y < -pi / 2 { y = -pi - y }
        let square = y * y
        var term = y
        var sum = y
        for k in 1...12 {
            term = -term * square / Double((2 * k) * (2 * k + 1))
            sum += term
        }
        return sum
    }

    /// Cosine for |x| <= 3*pi/2.
    static func cos(_ x: Double) -> Double {
        sin(pi / 2 - abs(x))
    }

    /// Arcsine of x in [0, 1], by bisection on the monotone sine (60 halvings: full
    /// double precision).
    static func asin(_ x: Double) -> Double {
        let target = min(1, max(0, x))
        var low = 0.0
        var high = pi / 2
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if sin(middle) < target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
