using FederationKit.Domains;
using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.DependencyInjection;

public sealed class FederationKitRegistrationTests
{
    [Test]
    public void AddFederationKit_HostEventSinkRegisteredBefore_Wins()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IFederationEventSink, HostSink>();
        services.AddFederationKit();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IFederationEventSink>(), Is.TypeOf<HostSink>());
    }

    [Test]
    public void AddFederationKit_HostEventSinkRegisteredAfter_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit();
        services.AddSingleton<IFederationEventSink, HostSink>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IFederationEventSink>(), Is.TypeOf<HostSink>());
    }

    [Test]
    public void ReplaceEventSink_RemovesTheDefault()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().ReplaceEventSink<HostSink>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IFederationEventSink>().Single(), Is.TypeOf<HostSink>());
    }

    [Test]
    public void ReplaceOneTimeStore_UsesTheHostsStore()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().ReplaceOneTimeStore<HostOneTimeStore>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IOneTimeStore>().Single(), Is.TypeOf<HostOneTimeStore>());
    }

    [Test]
    public void ReplaceDnsResolver_UsesTheHostsResolver()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().ReplaceDnsResolver<HostResolver>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void SetDefault_ReplacesFederationKitsDefaultOnly()
    {
        var services = new ServiceCollection();
        var builder = services.AddFederationKit();

        builder.SetDefault(ServiceDescriptor.Singleton<IDnsTxtResolver, AdapterResolver>());
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<AdapterResolver>());
    }

    [Test]
    public void SetDefault_HostRegisteredBeforeAddFederationKit_KeepsTheHosts()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDnsTxtResolver, HostResolver>();
        services.AddFederationKit().SetDefault(ServiceDescriptor.Singleton<IDnsTxtResolver, AdapterResolver>());
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void SetDefault_AfterAReplace_KeepsTheHosts()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().ReplaceDnsResolver<HostResolver>().SetDefault(ServiceDescriptor.Singleton<IDnsTxtResolver, AdapterResolver>());
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDnsTxtResolver>().Single(), Is.TypeOf<HostResolver>());
    }

    [Test]
    public void AddFederationKit_CalledTwice_RegistersEachDefaultOnce()
    {
        var services = new ServiceCollection();
        services.AddFederationKit();
        services.AddFederationKit(o => o.SignIn.MaxUsernameAttempts = 5);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IOneTimeStore>().Count(), Is.EqualTo(1));
        Assert.That(provider.GetRequiredService<SignInOptions>().MaxUsernameAttempts, Is.EqualTo(5));
    }

    [Test]
    public void SignInRegistration_IsNotAPublicEntryPoint() =>
        Assert.That(typeof(FederationKitOptions).Assembly.GetExportedTypes().Where(t => t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal)).Select(t => t.FullName),
            Is.EqualTo(new[] { "FederationKit.FederationKitServiceCollectionExtensions" }));

    private sealed class HostSink : IFederationEventSink
    {
        public ValueTask PublishAsync(FederationEvent federationEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class HostOneTimeStore : IOneTimeStore
    {
        public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }

    private sealed class HostResolver : IDnsTxtResolver
    {
        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class AdapterResolver : IDnsTxtResolver
    {
        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
