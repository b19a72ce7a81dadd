using System.Diagnostics;
using FederationKit.Domains;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace FederationKit.Dns.Tests;

/// <summary>
/// The DNS adapter's span (<c>dns.txt_lookup</c>), histogram (<c>federationkit.dns.lookup.duration</c>) and log events
/// (2000–2002), observed with ActivityListener, MeterListener and a capturing logger against a real dnsmasq on 127.0.0.1.
/// </summary>
[NonParallelizable]
#pragma warning disable CA1001 // The capture is disposed in [TearDown].
public class DnsTelemetryTests
#pragma warning restore CA1001
{
    private const string Token = "federationkit-verification=dG9rZW4tZm9yLXRlbGVtZXRyeQ";
    private DnsmasqServer _server = null!;
    private SignInTelemetryCapture _capture = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await DnsmasqServer.StartAsync(
            $"--txt-record=found.example.test,{Token}",
            "--txt-record=target.example.test," + Token,
            "--cname=alias.example.test,target.example.test");
    }

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [SetUp]
    public void StartCapture() => _capture = new SignInTelemetryCapture();

    [TearDown]
    public void StopCapture() => _capture.Dispose();

    private DnsClientTxtResolver Resolver(string? server = null, TimeSpan? timeout = null)
    {
        var options = new DnsClientResolverOptions { Timeout = timeout ?? TimeSpan.FromSeconds(2), Retries = 0 };
        options.NameServers.Add(server ?? _server.Endpoint);
        return new DnsClientTxtResolver(options, _capture.CreateLogger<DnsClientTxtResolver>());
    }

    [Test]
    public async Task ResolveTxt_Found_SpanTaggedAndDurationRecorded()
    {
        var lookup = await Resolver().ResolveTxtAsync("found.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Found), _server.Log);
        var span = _capture.SpansNamed("dns.txt_lookup").Single();
        var duration = _capture.Of("federationkit.dns.lookup.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(span.GetTagItem("dns.question.name"), Is.EqualTo("found.example.test"));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo("found"));
            Assert.That(duration.Tags["federationkit.outcome"], Is.EqualTo("found"));
            Assert.That(duration.Value, Is.GreaterThan(0).And.LessThan(2000));
            var line = _capture.Logs.Single(l => l.EventId.Id == 2000);
            Assert.That(line.Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(_capture.AllText(), Has.None.Contains("dG9rZW4tZm9yLXRlbGVtZXRyeQ"), "the record's value is the owner's token");
        });
    }

    [Test]
    public async Task ResolveTxt_Nxdomain_NotFoundWithoutError()
    {
        var lookup = await Resolver().ResolveTxtAsync("missing.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.NotFound), _server.Log);
        var span = _capture.SpansNamed("dns.txt_lookup").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo("not_found"));
            Assert.That(span.GetTagItem("federationkit.dns.detail"), Is.EqualTo("NXDOMAIN"));
            Assert.That(_capture.Of("federationkit.dns.lookup.duration").Single().Tags["federationkit.outcome"], Is.EqualTo("not_found"));
        });
    }

    [Test]
    public async Task ResolveTxt_ServerSilent_SpanErrorWarningAndFailedDuration()
    {
        using var silent = new SilentDnsServer();

        var lookup = await Resolver(silent.Endpoint, TimeSpan.FromMilliseconds(300)).ResolveTxtAsync("found.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.Failed));
        var span = _capture.SpansNamed("dns.txt_lookup").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(span.StatusDescription, Is.EqualTo("timeout"));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo("failed"));
            Assert.That(_capture.Of("federationkit.dns.lookup.duration").Single().Tags["federationkit.outcome"], Is.EqualTo("failed"));
            var line = _capture.Logs.Single(l => l.EventId.Id == 2001);
            Assert.That(line.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(line.Values, Does.Contain(new KeyValuePair<string, object?>("HostName", "found.example.test")));
        });
    }

    [Test]
    public async Task ResolveTxt_RecordBehindCname_LogsThatTheCnameWasNotFollowed()
    {
        var lookup = await Resolver().ResolveTxtAsync("alias.example.test");

        Assert.That(lookup.Outcome, Is.EqualTo(DnsTxtLookupOutcome.NotFound), _server.Log);
        var line = _capture.Logs.Single(l => l.EventId.Id == 2002);
        Assert.That(line.Values, Does.Contain(new KeyValuePair<string, object?>("Count", "1")));
    }
}
