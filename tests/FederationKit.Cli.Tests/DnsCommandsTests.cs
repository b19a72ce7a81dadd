using FederationKit.Dns.Tests;

namespace FederationKit.Cli.Tests;

[NonParallelizable]
public class DnsCommandsTests
{
    private const string Token = "dG9rZW4tZm9yLXRoZS1jbGktdGVzdHM";
    private DnsmasqServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await DnsmasqServer.StartAsync(
        "--txt-record=acme.example.test,v=spf1 -all",
        $"--txt-record=acme.example.test,federationkit-verification={Token}",
        $"--txt-record=_brand-challenge.brand.example.test,brand-verify={Token}",
        "--txt-record=other.example.test,federationkit-verification=someone-else");

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [Test]
    public async Task Instructions_Defaults_PrintTxtRecordAtTheDomain()
    {
        var outcome = await FedkitProcess.RunAsync("dns", "instructions", "Acme.COM", "--token", Token);

        Assert.That(outcome.ExitCode, Is.EqualTo(0));
        Assert.That(outcome.Json.ToJsonString(), Is.EqualTo($$"""{"type":"TXT","host":"acme.com","value":"federationkit-verification={{Token}}"}"""));
    }

    [Test]
    public async Task Instructions_PrefixAndHostLabel_AreUsed()
    {
        var outcome = await FedkitProcess.RunAsync("dns", "instructions", "brand.example", "--token", Token, "--prefix", "brand-verify", "--host-label=_brand-challenge");

        Assert.That(outcome.Json["host"]!.GetValue<string>(), Is.EqualTo("_brand-challenge.brand.example"));
        Assert.That(outcome.Json["value"]!.GetValue<string>(), Is.EqualTo("brand-verify=" + Token));
    }

    [Test]
    public async Task Check_PublishedRecord_IsFoundAndExits0()
    {
        var outcome = await FedkitProcess.RunAsync("dns", "check", "acme.example.test", "--token", Token, "--name-server", _server.Endpoint, "--timeout", "2");

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Stdout);
        Assert.That(outcome.Json["domain"]!.GetValue<string>(), Is.EqualTo("acme.example.test"));
        Assert.That(outcome.Json["outcome"]!.GetValue<string>(), Is.EqualTo("found"));
        Assert.That(outcome.Json.Select(p => p.Key), Is.EqualTo(new[] { "domain", "outcome", "detail" }));
    }

    [Test]
    public async Task Check_BrandedRecordUnderChallengeLabel_IsFound()
    {
        var outcome = await FedkitProcess.RunAsync("dns", "check", "brand.example.test", "--token", Token, "--prefix", "brand-verify", "--host-label", "_brand-challenge", "--name-server", _server.Endpoint);

        Assert.That(outcome.Json["outcome"]!.GetValue<string>(), Is.EqualTo("found"), outcome.Stdout);
    }

    [TestCase("missing.example.test", "NXDOMAIN")]
    [TestCase("other.example.test", "none matches")]
    public async Task Check_RecordAbsent_IsNotFoundAndExits1(string domain, string detail)
    {
        var outcome = await FedkitProcess.RunAsync("dns", "check", domain, "--token", Token, "--name-server", _server.Endpoint);

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Json["outcome"]!.GetValue<string>(), Is.EqualTo("not_found"));
        Assert.That(outcome.Json["detail"]!.GetValue<string>(), Does.Contain(detail));
    }

    [Test]
    public async Task Check_WrongToken_IsNotFound()
    {
        var outcome = await FedkitProcess.RunAsync("dns", "check", "acme.example.test", "--token", Token + "x", "--name-server", _server.Endpoint);

        Assert.That(outcome.Json["outcome"]!.GetValue<string>(), Is.EqualTo("not_found"));
    }

    [Test]
    public async Task Check_ServerThatDoesNotAnswer_FailsAndExits1()
    {
        using var silent = new SilentDnsServer();

        var outcome = await FedkitProcess.RunAsync("dns", "check", "acme.example.test", "--token", Token, "--name-server", silent.Endpoint, "--timeout", "0.3");

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Json["outcome"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(outcome.Json["detail"]!.GetValue<string>(), Is.EqualTo("timeout"));
    }

    [Test]
    public async Task Check_InvalidDomain_PrintsErrorAndExits1()
    {
        var outcome = await FedkitProcess.RunAsync("dns", "check", "*.acme.com", "--token", Token, "--name-server", _server.Endpoint);

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("domain.wildcard"));
    }

    [TestCase("dns")]
    [TestCase("dns", "check", "acme.com")]
    [TestCase("dns", "check", "acme.com", "--token")]
    [TestCase("dns", "check", "acme.com", "--token", "t", "--timeout", "0")]
    [TestCase("dns", "check", "acme.com", "--token", "t", "--timeout", "soon")]
    [TestCase("dns", "check", "acme.com", "--token", "t", "--name-server", "dns.example")]
    [TestCase("dns", "check", "acme.com", "--token", "t", "--prefix", "a=b")]
    [TestCase("dns", "check", "acme.com", "--token", "t", "--verbose", "1")]
    [TestCase("dns", "instructions", "acme.com", "--token", "t", "--name-server", "127.0.0.1")]
    [TestCase("dns", "instructions", "acme.com", "--token", "has space")]
    [TestCase("dns", "resolve", "acme.com")]
    public async Task Dns_WrongUsage_Exits2(params string[] args)
    {
        var outcome = await FedkitProcess.RunAsync(args);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Stdout);
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("cli.usage"));
    }
}
