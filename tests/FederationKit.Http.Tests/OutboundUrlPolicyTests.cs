using System.Net;
using FederationKit.Outbound;

namespace FederationKit.Http.Tests;

public sealed class OutboundUrlPolicyTests
{
    [TestCase("https://idp.acme.example/.well-known/openid-configuration")]
    [TestCase("https://93.184.216.34/metadata")]
    [TestCase("https://[2606:4700::1111]/metadata")]
    public void CheckUrl_HttpsToAPublicHost_IsAllowed(string url) =>
        Assert.That(new OutboundUrlPolicy().CheckUrl(new Uri(url)).IsSuccess, Is.True);

    [TestCase("http://idp.acme.example/metadata")]
    [TestCase("http://127.0.0.1:8080/metadata")]
    [TestCase("ftp://idp.acme.example/metadata")]
    [TestCase("file:///etc/passwd")]
    public void CheckUrl_NotHttps_IsSchemeRefused(string url) =>
        Assert.That(new OutboundUrlPolicy().CheckUrl(new Uri(url)).Error.Code, Is.EqualTo(OutboundErrorCodes.SchemeRefused));

    [Test]
    public void CheckUrl_RelativeUrl_IsSchemeRefused() =>
        Assert.That(new OutboundUrlPolicy().CheckUrl(new Uri("/metadata", UriKind.Relative)).Error.Code, Is.EqualTo(OutboundErrorCodes.SchemeRefused));

    [Test]
    public void CheckUrl_HttpWhenAllowed_IsAllowed() =>
        Assert.That(new OutboundUrlPolicy { AllowHttp = true }.CheckUrl(new Uri("http://idp.acme.example/metadata")).IsSuccess, Is.True);

    [Test]
    public void CheckUrl_FtpEvenWithHttpAllowed_IsSchemeRefused() =>
        Assert.That(new OutboundUrlPolicy { AllowHttp = true }.CheckUrl(new Uri("ftp://idp.acme.example/metadata")).Error.Code, Is.EqualTo(OutboundErrorCodes.SchemeRefused));

    [TestCase("https://127.0.0.1/metadata")]
    [TestCase("https://[::1]/metadata")]
    [TestCase("https://[::ffff:127.0.0.1]/metadata")]
    [TestCase("https://10.0.0.5/metadata")]
    [TestCase("https://169.254.169.254/latest/meta-data/")]
    [TestCase("https://0.0.0.0/metadata")]
    [TestCase("https://2130706433/metadata")] // 127.0.0.1 written as one number
    [TestCase("https://0x7f.1/metadata")]
    public void CheckUrl_IpLiteralOfANonPublicAddress_IsAddressRefused(string url)
    {
        var result = new OutboundUrlPolicy().CheckUrl(new Uri(url));

        Assert.That(result.Error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
        Assert.That(result.Error.Message, Is.EqualTo(OutboundUrlPolicy.UnreachableMessage));
    }

    [Test]
    public void IsAllowed_LoopbackWithOptIn_IsAllowed() =>
        Assert.That(new OutboundUrlPolicy { AllowLoopback = true }.IsAllowed("localhost", IPAddress.Loopback), Is.True);

    [Test]
    public void IsAllowed_PrivateWithLoopbackOptInOnly_IsRefused() =>
        Assert.That(new OutboundUrlPolicy { AllowLoopback = true }.IsAllowed("idp.corp", IPAddress.Parse("10.0.0.5")), Is.False);

    [TestCase("10.0.0.5")]
    [TestCase("172.20.1.1")]
    [TestCase("fd00::5")]
    [TestCase("100.64.1.1")]
    public void IsAllowed_PrivateWithPrivateOptIn_IsAllowed(string address) =>
        Assert.That(new OutboundUrlPolicy { AllowPrivateNetworks = true }.IsAllowed("idp.corp", IPAddress.Parse(address)), Is.True);

    [Test]
    public void IsAllowed_LinkLocalWithPrivateOptIn_IsStillRefused() =>
        Assert.That(new OutboundUrlPolicy { AllowPrivateNetworks = true, AllowLoopback = true }.IsAllowed("metadata.cloud", IPAddress.Parse("169.254.169.254")), Is.False);

    [Test]
    public void IsAllowed_PrivateAddressOfAnAllowedHost_IsAllowed()
    {
        var policy = new OutboundUrlPolicy();
        policy.AllowedHosts.Add("adfs.corp.example");

        Assert.Multiple(() =>
        {
            Assert.That(policy.IsAllowed("ADFS.corp.example", IPAddress.Parse("10.1.2.3")), Is.True);
            Assert.That(policy.IsAllowed("other.corp.example", IPAddress.Parse("10.1.2.3")), Is.False);
            Assert.That(policy.IsAllowed("corp.example", IPAddress.Parse("10.1.2.3")), Is.False);
        });
    }

    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    public void IsAllowed_UnspecifiedMulticastOrReserved_IsRefusedWhateverTheOptIns(string address)
    {
        var policy = new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true, AllowPrivateNetworks = true };
        policy.AllowedHosts.Add(address);

        Assert.That(policy.IsAllowed(address, IPAddress.Parse(address)), Is.False);
    }
}
