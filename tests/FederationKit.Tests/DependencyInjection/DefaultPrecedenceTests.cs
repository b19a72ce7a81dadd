using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.DependencyInjection;

/// <summary>
/// Package defaults by precedence: an adapter's default replaces an in-memory one and a dedicated package's replaces an
/// adapter's, in either order; a host's own registration beats them all.
/// </summary>
public sealed class DefaultPrecedenceTests
{
    private interface IPart;

    private sealed class InMemoryPart : IPart;

    private sealed class AdapterPart : IPart;

    private sealed class DedicatedPart : IPart;

    private sealed class HostPart : IPart;

    private static readonly (Type Type, DefaultPrecedence Precedence)[] Packages =
    [
        (typeof(InMemoryPart), DefaultPrecedence.InMemory),
        (typeof(AdapterPart), DefaultPrecedence.Adapter),
        (typeof(DedicatedPart), DefaultPrecedence.Dedicated),
    ];

    private static IEnumerable<int[]> Orders() =>
    [
        [0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0],
    ];

    [TestCaseSource(nameof(Orders))]
    public void SetDefault_AnyOrder_TheStrongestPackageDefaultWins(int[] order)
    {
        var builder = new ServiceCollection().AddFederationKit();
        foreach (var i in order)
        {
            builder.SetDefault(ServiceDescriptor.Singleton(typeof(IPart), Packages[i].Type), Packages[i].Precedence);
        }

        using var provider = builder.Services.BuildServiceProvider();
        Assert.That(provider.GetServices<IPart>().Single(), Is.TypeOf<DedicatedPart>());
    }

    [Test]
    public void SetDefault_AdapterThenInMemory_AdapterKept()
    {
        var builder = new ServiceCollection().AddFederationKit();
        builder.SetDefault(ServiceDescriptor.Singleton<IPart, AdapterPart>());
        builder.SetDefault(ServiceDescriptor.Singleton<IPart, InMemoryPart>(), DefaultPrecedence.InMemory);

        using var provider = builder.Services.BuildServiceProvider();
        Assert.That(provider.GetServices<IPart>().Single(), Is.TypeOf<AdapterPart>());
    }

    [Test]
    public void SetDefault_HostRegisteredFirst_HostKeptAgainstEveryPackage()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPart, HostPart>();
        var builder = services.AddFederationKit();
        foreach (var (type, precedence) in Packages)
        {
            builder.SetDefault(ServiceDescriptor.Singleton(typeof(IPart), type), precedence);
        }

        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetServices<IPart>().Single(), Is.TypeOf<HostPart>());
    }
}
