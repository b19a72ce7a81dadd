using DnsClient;

namespace FederationKit.Dns;

/// <summary>The mnemonic of a DNS response code (RFC 1035, RFC 6895), such as <c>SERVFAIL</c>.</summary>
internal static class DnsResponseCodeNames
{
    /// <summary>The mnemonic, or <c>RCODE n</c> for one without a name here.</summary>
    public static string Of(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.NoError => "NOERROR",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        DnsHeaderResponseCode.Refused => "REFUSED",
        _ => "RCODE " + ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
