using System.Net;
using System.Net.Sockets;

namespace FederationKit.Outbound;

/// <summary>
/// Classifies an IP address into an <see cref="OutboundAddressKind"/>. Pure. IPv6 forms that carry an IPv4 address
/// (IPv4-mapped <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::a.b.c.d</c>, 6to4 <c>2002:aabb:ccdd::</c>) are classified by the
/// IPv4 address they carry, so <c>::ffff:127.0.0.1</c> is loopback.
/// </summary>
public static class OutboundAddressClassifier
{
    /// <summary>The kind of <paramref name="address"/>.</summary>
    /// <param name="address">An IPv4 or IPv6 address.</param>
    public static OutboundAddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var length))
        {
            return OutboundAddressKind.Reserved;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork when length == 4 => ClassifyV4(bytes[..4]),
            AddressFamily.InterNetworkV6 when length == 16 => ClassifyV6(bytes[..16]),
            _ => OutboundAddressKind.Reserved,
        };
    }

    private static OutboundAddressKind ClassifyV4(ReadOnlySpan<byte> a) => (a[0], a[1], a[2]) switch
    {
        (0, _, _) => OutboundAddressKind.Unspecified,
        (127, _, _) => OutboundAddressKind.Loopback,
        (10, _, _) => OutboundAddressKind.Private,
        (172, >= 16 and <= 31, _) => OutboundAddressKind.Private,
        (192, 168, _) => OutboundAddressKind.Private,
        (169, 254, _) => OutboundAddressKind.LinkLocal,
        (100, >= 64 and <= 127, _) => OutboundAddressKind.SharedAddressSpace,
        (>= 224 and <= 239, _, _) => OutboundAddressKind.Multicast,
        (>= 240, _, _) => OutboundAddressKind.Reserved, // 240/4 and 255.255.255.255
        (192, 0, 0) => OutboundAddressKind.Reserved, // IETF protocol assignments
        (192, 0, 2) or (198, 51, 100) or (203, 0, 113) => OutboundAddressKind.Reserved, // documentation
        (192, 88, 99) => OutboundAddressKind.Reserved, // former 6to4 relay anycast
        (198, 18 or 19, _) => OutboundAddressKind.Reserved, // benchmarking
        _ => OutboundAddressKind.Public,
    };

    private static OutboundAddressKind ClassifyV6(ReadOnlySpan<byte> a)
    {
        if (IsZero(a[..10]))
        {
            if (a[10] == 0xff && a[11] == 0xff)
            {
                return ClassifyV4(a[12..]); // IPv4-mapped ::ffff:0:0/96
            }

            if (IsZero(a[10..12]) && IsZero(a[12..15]))
            {
                return a[15] switch
                {
                    0 => OutboundAddressKind.Unspecified,
                    1 => OutboundAddressKind.Loopback,
                    _ => OutboundAddressKind.Reserved,
                };
            }

            return OutboundAddressKind.Reserved; // IPv4-compatible and the rest of ::/80
        }

        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b)
        {
            // NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address; the local-use 64:ff9b:1::/48 is private.
            return IsZero(a[4..12]) ? ClassifyV4(a[12..]) : a[4] == 0 && a[5] == 1 ? OutboundAddressKind.Private : OutboundAddressKind.Reserved;
        }

        if (a[0] == 0x20 && a[1] == 0x02)
        {
            return ClassifyV4(a[2..6]); // 6to4 2002::/16
        }

        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && a[3] == 0x00)
        {
            return OutboundAddressKind.Reserved; // Teredo 2001::/32
        }

        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
        {
            return OutboundAddressKind.Reserved; // documentation 2001:db8::/32
        }

        if (a[0] == 0x01 && a[1] == 0x00 && IsZero(a[2..8]))
        {
            return OutboundAddressKind.Reserved; // discard-only 100::/64
        }

        return a[0] switch
        {
            0xff => OutboundAddressKind.Multicast,
            0xfc or 0xfd => OutboundAddressKind.Private, // unique local fc00::/7
            0xfe when (a[1] & 0xc0) == 0x80 => OutboundAddressKind.LinkLocal, // fe80::/10
            0xfe when (a[1] & 0xc0) == 0xc0 => OutboundAddressKind.Private, // site-local fec0::/10 (deprecated)
            >= 0x20 and <= 0x3f => OutboundAddressKind.Public, // global unicast 2000::/3
            _ => OutboundAddressKind.Reserved,
        };
    }

    private static bool IsZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
}
