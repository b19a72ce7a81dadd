using FederationKit.Domains;
using FederationKit.Organizations;

namespace FederationKit.Tests.Domains;

public class DomainRemovalTests
{
    private sealed class FixedDependents(params string[] dependents) : IDomainDependencyQuery
    {
        public Task<IReadOnlyList<string>> DescribeDependentsAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>(domain == "acme.com" ? dependents : []);
    }

    [Test]
    public async Task Remove_DomainWithDependents_IsRefusedNamingThem()
    {
        var h = new DomainClaimHarness(null, new FixedDependents("linked to directory 'Staff'"), new FixedDependents("3 users"));
        await h.VerifiedAsync(h.Acme, "acme.com");

        var result = await h.Service.RemoveAsync(h.Acme, h.Admin(h.Acme), "acme.com");

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.InUse));
        Assert.That(result.Error.Details["dependents"], Is.EqualTo("linked to directory 'Staff'; 3 users"));
        Assert.That(await h.CurrentAsync(h.Acme, "acme.com"), Is.Not.Null);
    }

    [Test]
    public async Task Remove_DomainNothingDependsOn_IsRemovedWithAnEvent()
    {
        var h = new DomainClaimHarness(null, new FixedDependents("3 users"));
        await h.VerifiedAsync(h.Acme, "other.example");

        var result = await h.Service.RemoveAsync(h.Acme, h.Admin(h.Acme), "Other.Example.");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(await h.Claims.FindAsync(h.Acme, "other.example"), Is.Null);
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.Removed));
        Assert.That(await h.Claims.IsCoveredAsync(h.Acme, "other.example"), Is.False);
    }

    [Test]
    public async Task Remove_NoClaim_IsRefused()
    {
        var h = new DomainClaimHarness();

        Assert.That((await h.Service.RemoveAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Error.Code, Is.EqualTo(DomainErrorCodes.ClaimNotFound));
    }
}
