using System.Net;
using FederationKit.Outbound;

namespace FederationKit.Http.Tests;

public sealed class OutboundAddressClassifierTests
{
    private static IEnumerable<TestCaseData> Addresses()
    {
        (string Address, OutboundAddressKind Kind)[] cases =
        [
            ("93.184.216.34", OutboundAddressKind.Public),
            ("8.8.8.8", OutboundAddressKind.Public),
            ("172.15.255.255", OutboundAddressKind.Public),
            ("172.32.0.1", OutboundAddressKind.Public),
            ("100.63.255.255", OutboundAddressKind.Public),
            ("100.128.0.1", OutboundAddressKind.Public),
            ("2606:4700::1111", OutboundAddressKind.Public),
            ("127.0.0.1", OutboundAddressKind.Loopback),
            ("127.255.255.254", OutboundAddressKind.Loopback),
            ("::1", OutboundAddressKind.Loopback),
            ("::ffff:127.0.0.1", OutboundAddressKind.Loopback),
            ("64:ff9b::127.0.0.1", OutboundAddressKind.Loopback),
            ("2002:7f00:1::", OutboundAddressKind.Loopback),
            ("10.0.0.1", OutboundAddressKind.Private),
            ("10.255.255.255", OutboundAddressKind.Private),
            ("172.16.0.1", OutboundAddressKind.Private),
            ("172.31.255.255", OutboundAddressKind.Private),
            ("192.168.1.1", OutboundAddressKind.Private),
            ("::ffff:10.1.2.3", OutboundAddressKind.Private),
            ("::ffff:192.168.0.1", OutboundAddressKind.Private),
            ("fc00::1", OutboundAddressKind.Private),
            ("fd12:3456:789a::1", OutboundAddressKind.Private),
            ("fec0::1", OutboundAddressKind.Private),
            ("64:ff9b:1::1", OutboundAddressKind.Private),
            ("169.254.169.254", OutboundAddressKind.LinkLocal),
            ("::ffff:169.254.169.254", OutboundAddressKind.LinkLocal),
            ("fe80::1", OutboundAddressKind.LinkLocal),
            ("febf::1", OutboundAddressKind.LinkLocal),
            ("100.64.0.1", OutboundAddressKind.SharedAddressSpace),
            ("100.127.255.255", OutboundAddressKind.SharedAddressSpace),
            ("0.0.0.0", OutboundAddressKind.Unspecified),
            ("0.1.2.3", OutboundAddressKind.Unspecified),
            ("::", OutboundAddressKind.Unspecified),
            ("::ffff:0.0.0.0", OutboundAddressKind.Unspecified),
            ("224.0.0.1", OutboundAddressKind.Multicast),
            ("239.255.255.250", OutboundAddressKind.Multicast),
            ("ff02::1", OutboundAddressKind.Multicast),
            ("255.255.255.255", OutboundAddressKind.Reserved),
            ("240.0.0.1", OutboundAddressKind.Reserved),
            ("192.0.0.1", OutboundAddressKind.Reserved),
            ("192.0.2.1", OutboundAddressKind.Reserved),
            ("198.51.100.1", OutboundAddressKind.Reserved),
            ("203.0.113.1", OutboundAddressKind.Reserved),
            ("198.18.0.1", OutboundAddressKind.Reserved),
            ("::127.0.0.1", OutboundAddressKind.Reserved),
            ("2001::1", OutboundAddressKind.Reserved),
            ("2001:db8::1", OutboundAddressKind.Reserved),
            ("100::1", OutboundAddressKind.Reserved),
            ("4000::1", OutboundAddressKind.Reserved),
        ];
        return cases.Select(c => new TestCaseData(c.Address).Returns(c.Kind).SetName($"Classify_{c.Address.Replace(':', '_').Replace('.', '_')}_Is{c.Kind}"));
    }

    [TestCaseSource(nameof(Addresses))]
    public OutboundAddressKind Classify_Address_ReturnsItsKind(string address) =>
        OutboundAddressClassifier.Classify(IPAddress.Parse(address));
}
