using FederationKit.SignIn;

namespace FederationKit.Tests.SignIn;

public sealed class SignInDomainDependencyQueryTests
{
    [Test]
    public async Task DescribeDependents_UsersOnDomain_AreReported()
    {
        var h = await SignInHarness.CreateAsync();
        await h.SignInAsync(SignInHarness.Identity("s1", "a@acme.com"));
        await h.SignInAsync(SignInHarness.Identity("s2", "b@eu.acme.com"));
        var query = new SignInDomainDependencyQuery(h.Users);

        Assert.That(await query.DescribeDependentsAsync(h.Policy.Owner, "acme.com"), Is.EqualTo(new[] { "2 users" }));
        Assert.That(await query.DescribeDependentsAsync(h.Policy.Owner, "eu.acme.com"), Is.EqualTo(new[] { "1 user" }));
        Assert.That(await query.DescribeDependentsAsync(h.Policy.Owner, "other.example"), Is.Empty);
    }
}
