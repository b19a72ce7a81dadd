using FederationKit.Domains;

namespace FederationKit.Dns.Tests;

/// <summary>The DnsClient adapter against a real dnsmasq on 127.0.0.1.</summary>
[NonParallelizable]
public class DnsClientTxtResolverTests
{
    private const string Token = "federationkit-verification=Q2hhbmdlIHRoaXMgdG9rZW4gcGxlYXNl";
    private static readonly string LongValue = "federationkit-verification=" + new string('x', 273);
    private DnsmasqServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await DnsmasqServer.StartAsync(
            $"--txt-record=found.example.test,{Token}",
            "--txt-record=multi.example.test,v=spf1 -all",
            $"--txt-record=multi.example.test,{Token}",
            "--txt-record=multi.example.test,google-site-verification=abc",
            "--txt-record=split.example.test,federationkit-,verification=Q2hhbmdlIHRoaXMgdG9rZW4gcGxlYXNl",
            $"--txt-record=long.example.test,{LongValue}",
            "--txt-record=upper.example.test,FEDERATIONKIT-VERIFICATION=Q2hhbmdlIHRoaXMgdG9rZW4gcGxlYXNl",
            "--host-record=nodata.example.test,127.0.0.9",
            "--txt-record=target.example.test," + Token,
            "--cname=alias.example.test,target.example.test");
    }

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    private DnsClientTxtResolver Resolver(TimeSpan? timeout = null, int retries = 1, bool followCnames = false, string? server = null)
    {
        var options = new DnsClientResolverOptions { Timeout = timeout ?? TimeSpan.FromSeconds(2), Retries = retries, FollowCnames = followCnames };
        options.NameServers.Add(server ?? _server.Endpoint);
        return new DnsClientTxtResolver(options);
    }

    [Test]
    public async Task ResolveTxt_PublishedRecord_IsFound()
    {
        var lookup = await Resolver().ResolveTxtAsync("found.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Found), _server.Log);
        Assert.That(lookup.Records.Single().Text, Is.EqualTo(Token));
        Assert.That(lookup.ContainsValue(Token), Is.True);
    }

    [Test]
    public async Task ResolveTxt_SeveralRecordsOnOneName_AreAllReturned()
    {
        var lookup = await Resolver().ResolveTxtAsync("multi.example.test");

        Assert.That(lookup.Records.Select(r => r.Text), Is.EquivalentTo(new[] { "v=spf1 -all", Token, "google-site-verification=abc" }));
        Assert.That(lookup.ContainsValue(Token), Is.True);
    }

    [Test]
    public async Task ResolveTxt_RecordOfSeveralStrings_IsJoinedWithoutSeparator()
    {
        var lookup = await Resolver().ResolveTxtAsync("split.example.test");

        var record = lookup.Records.Single();
        Assert.That(record.Strings, Is.EqualTo(new[] { "federationkit-", "verification=Q2hhbmdlIHRoaXMgdG9rZW4gcGxlYXNl" }));
        Assert.That(lookup.ContainsValue(Token), Is.True);
    }

    [Test]
    public async Task ResolveTxt_ValueLongerThan255Bytes_ArrivesSplitAndIsJoined()
    {
        var lookup = await Resolver().ResolveTxtAsync("long.example.test");

        var record = lookup.Records.Single();
        Assert.That(record.Strings, Has.Count.EqualTo(2), "dnsmasq splits a long text into 255-byte character-strings");
        Assert.That(record.Strings[0], Has.Length.EqualTo(255));
        Assert.That(record.Text, Is.EqualTo(LongValue));
        Assert.That(lookup.ContainsValue(LongValue), Is.True);
    }

    [Test]
    public async Task ResolveTxt_ValueInOtherCase_DoesNotMatch()
    {
        var lookup = await Resolver().ResolveTxtAsync("upper.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Found));
        Assert.That(lookup.ContainsValue(Token), Is.False, "TXT data is compared exactly");
    }

    [Test]
    public async Task ResolveTxt_NameInDifferentCase_IsFound()
    {
        var lookup = await Resolver().ResolveTxtAsync("FOUND.Example.TEST");

        Assert.That(lookup.ContainsValue(Token), Is.True, "DNS names are case-insensitive");
    }

    [Test]
    public async Task ResolveTxt_MissingName_IsNotFoundNxdomain()
    {
        var lookup = await Resolver().ResolveTxtAsync("missing.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.NotFound), _server.Log);
        Assert.That(lookup.Detail, Is.EqualTo("NXDOMAIN"));
    }

    [Test]
    public async Task ResolveTxt_NameWithoutTxtRecords_IsNotFoundNodata()
    {
        var lookup = await Resolver().ResolveTxtAsync("nodata.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.NotFound), _server.Log);
        Assert.That(lookup.Detail, Is.EqualTo("NODATA"));
    }

    [Test]
    public async Task ResolveTxt_ServerThatDoesNotAnswer_FailsWithTimeout()
    {
        using var silent = new SilentDnsServer();

        var lookup = await Resolver(TimeSpan.FromMilliseconds(300), retries: 1, server: silent.Endpoint).ResolveTxtAsync("found.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Failed));
        Assert.That(lookup.Detail, Is.EqualTo("timeout"));
    }

    [Test]
    public async Task ResolveTxt_ServerRefusesTheZone_Fails()
    {
        // dnsmasq has no upstream for names outside example.test.
        var lookup = await Resolver().ResolveTxtAsync("outside.invalid");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Failed), lookup.Detail + "\n" + _server.Log);
        Assert.That(lookup.Detail, Is.EqualTo("REFUSED").Or.EqualTo("SERVFAIL"));
    }

    [Test]
    public async Task ResolveTxt_NothingListeningOnThePort_Fails()
    {
        var lookup = await Resolver(TimeSpan.FromMilliseconds(300), retries: 0, server: "127.0.0.1:" + DnsmasqServer.FreePort()).ResolveTxtAsync("found.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Failed));
    }

    [Test]
    public async Task ResolveTxt_CnameToARecordElsewhere_IsNotFollowedByDefault()
    {
        var strict = await Resolver().ResolveTxtAsync("alias.example.test");
        var following = await Resolver(followCnames: true).ResolveTxtAsync("alias.example.test");

        Assert.That(following.ContainsValue(Token), Is.True, "the server answers the alias with the target's record: " + _server.Log);
        Assert.That(strict.ContainsValue(Token), Is.False);
        Assert.That(strict.Outcome, Is.EqualTo(DnsTxtLookupOutcome.NotFound));
    }

    [TestCase("not-an-ip")]
    [TestCase("127.0.0.1:0")]
    [TestCase("127.0.0.1:99999")]
    [TestCase("dns.example:53")]
    public void Constructor_BadNameServer_Throws(string server)
    {
        var options = new DnsClientResolverOptions();
        options.NameServers.Add(server);

        Assert.Throws<ArgumentException>(() => _ = new DnsClientTxtResolver(options));
    }

    [TestCase("127.0.0.1", 53)]
    [TestCase("127.0.0.1:5353", 5353)]
    [TestCase("[::1]:5353", 5353)]
    [TestCase("::1", 53)]
    public void ParseNameServer_AcceptedForms_GiveThePort(string server, int port)
    {
        Assert.That(DnsClientResolverOptions.ParseNameServer(server).Port, Is.EqualTo(port));
    }
}
