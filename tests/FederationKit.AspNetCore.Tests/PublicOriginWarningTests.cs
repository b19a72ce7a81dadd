using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit.AspNetCore.Tests;

/// <summary>With <c>PublicOrigin</c> set, the callback URLs do not come from the Host header and nothing is said about it.</summary>
#pragma warning disable CA1001 // the capture is disposed in TearDown
public sealed class PublicOriginWarningTests : EdgeTests
#pragma warning restore CA1001
{
    private SignInTelemetryCapture _capture = null!;

    private protected override void Configure(FederationKitAuthenticationOptions options) =>
        options.PublicOrigin = new Uri("https://app.example");

    private protected override void ConfigureServices(IServiceCollection services)
    {
        _capture = new SignInTelemetryCapture();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_capture.LoggerProvider));
    }

    [TearDown]
    public void StopCapture() => _capture.Dispose();

    [Test]
    public async Task Challenge_PublicOriginSet_NoWarning()
    {
        var transaction = await StartAsync(Host.NewBrowser());

        Assert.That(transaction, Is.Not.Empty);
        Assert.That(_capture.Logs.Where(l => l.EventId.Id == 3006), Is.Empty);
        Assert.That(_capture.Logs.Where(l => l.EventId.Id == 3001), Is.Not.Empty, "the challenge was logged, so the logger was listening");
    }
}
