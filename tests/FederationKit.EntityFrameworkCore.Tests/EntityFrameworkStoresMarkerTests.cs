using FederationKit.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests;

public sealed class EntityFrameworkStoresMarkerTests
{
    [Test]
    public void PackageName_MatchesTheAssemblyName()
    {
        Assert.That(typeof(EntityFrameworkStoresMarker).Assembly.GetName().Name, Is.EqualTo(EntityFrameworkStoresMarker.PackageName));
    }
}
