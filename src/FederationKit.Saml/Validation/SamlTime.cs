using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The one reader of SAML time values (SAML 2.0 Core 1.3.3): <c>xs:dateTime</c> in UTC, written
/// <c>YYYY-MM-DDThh:mm:ss</c>, optional fractional seconds, and the <c>Z</c> designator; no offset, no sign, no
/// <c>24:00:00</c>, no year 0000. Anything else is refused with <see cref="SamlErrorCodes.TimeInvalid"/>, never skipped.
/// </summary>
internal static class SamlTime
{
    /// <summary>The time attributes of SAML protocol, assertion and metadata elements.</summary>
    private static readonly string[] AttributeNames = ["IssueInstant", "NotBefore", "NotOnOrAfter", "AuthnInstant", "SessionNotOnOrAfter", "validUntil"];

    private const string Metadata = "urn:oasis:names:tc:SAML:2.0:metadata";

    // Values are saturated a year inside DateTimeOffset's range, so adding or subtracting a clock skew, a message
    // lifetime or a retention window never overflows (years 0001 and 9999 are legal in xs:dateTime).
    private static readonly DateTimeOffset Earliest = DateTimeOffset.MinValue.AddYears(1);
    private static readonly DateTimeOffset Latest = DateTimeOffset.MaxValue.AddYears(-1);

    /// <summary>
    /// The first SAML time attribute under <paramref name="root"/> (the root included) that is not a strict UTC
    /// <c>xs:dateTime</c>, as a refusal naming the element and the attribute; null when every one is readable.
    /// </summary>
    public static FederationError? FindInvalid(XmlNode root)
    {
        var elements = root is XmlElement self ? SamlXml.Elements(root).Prepend(self) : SamlXml.Elements(root);
        foreach (var element in elements)
        {
            if (FindInvalidOn(element) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Like <see cref="FindInvalid"/>, for the attributes of <paramref name="element"/> alone (not its children).</summary>
    public static FederationError? FindInvalidOn(XmlElement element)
    {
        if (element.NamespaceURI is not (SamlNames.Protocol or SamlNames.Assertion or Metadata))
        {
            return null;
        }

        foreach (var name in AttributeNames)
        {
            if (element.HasAttribute(name) && !TryParse(element.GetAttribute(name), out _))
            {
                return new FederationError(SamlErrorCodes.TimeInvalid, $"{element.LocalName}/@{name} is not a SAML time (xs:dateTime in UTC, such as 2026-03-01T09:00:00Z).")
                    .WithDetail("element", element.LocalName)
                    .WithDetail("attribute", name);
            }
        }

        return null;
    }

    /// <summary>Parses <paramref name="text"/> strictly; fractional digits past the seventh (100 ns) are dropped.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan().Trim(" \t\r\n"); // xs:dateTime collapses XML white space around the value
        if (s.Length < 20 || s[^1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        long ticks = 0;
        var fraction = s[19..^1];
        if (!fraction.IsEmpty)
        {
            if (fraction.Length < 2 || fraction[0] != '.' || !Digits(fraction[1..], out _, allowLong: true))
            {
                return false;
            }

            var digits = fraction[1..];
            for (var i = 0; i < 7; i++)
            {
                ticks = (ticks * 10) + (i < digits.Length ? digits[i] - '0' : 0);
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var parsed = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        value = parsed < Earliest ? Earliest : parsed > Latest ? Latest : parsed;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> span, out int value, bool allowLong = false)
    {
        value = 0;
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false; // ASCII digits only: no sign, no space, no other script's digits
            }

            value = allowLong ? 0 : (value * 10) + (c - '0');
        }

        return true;
    }
}
