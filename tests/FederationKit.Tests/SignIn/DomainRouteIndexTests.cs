using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;

namespace FederationKit.Tests.SignIn;

public sealed class DomainRouteIndexTests
{
    private static readonly OwnerRef Owner = OwnerRef.Organization(OrganizationId.New());

    private static SignInRoute Route(string domain) => new(domain, Owner, DirectoryId.New());

    [Test]
    public void FindCovering_SubdomainOfVerifiedDomain_ReturnsParentEntry()
    {
        var acme = Route("acme.com");
        var index = DomainRouteIndex.Build([acme]);

        Assert.That(index.FindCovering("mail.eu.acme.com"), Is.SameAs(acme));
        Assert.That(index.FindCovering("acme.com"), Is.SameAs(acme));
    }

    [Test]
    public void FindCovering_LongerVerifiedSuffix_Wins()
    {
        var acme = Route("acme.com");
        var eu = Route("eu.acme.com");
        var index = DomainRouteIndex.Build([acme, eu]);

        Assert.That(index.FindCovering("eu.acme.com"), Is.SameAs(eu));
        Assert.That(index.FindCovering("x.eu.acme.com"), Is.SameAs(eu));
        Assert.That(index.FindCovering("us.acme.com"), Is.SameAs(acme));
    }

    [TestCase("evilacme.com")]
    [TestCase("acme.com.evil.net")]
    [TestCase("com")]
    [TestCase("")]
    public void FindCovering_NotUnderAVerifiedDomainByWholeLabels_ReturnsNull(string host) =>
        Assert.That(DomainRouteIndex.Build([Route("acme.com")]).FindCovering(host), Is.Null);

    [Test]
    public void Build_DuplicateDomain_Throws() =>
        Assert.That(() => DomainRouteIndex.Build([Route("acme.com"), Route("acme.com")]), Throws.ArgumentException);

    [Test]
    public void With_AddsAndRemoves_WithoutChangingTheOriginalSnapshot()
    {
        var original = DomainRouteIndex.Build([Route("acme.com")]);
        var eu = Route("eu.acme.com");

        var changed = original.With([eu], ["acme.com"]);

        Assert.That(changed.FindCovering("x.eu.acme.com"), Is.SameAs(eu));
        Assert.That(changed.FindCovering("us.acme.com"), Is.Null);
        Assert.That(original.FindCovering("us.acme.com"), Is.Not.Null);
        Assert.That(original.Count, Is.EqualTo(1));
        Assert.That(changed.Count, Is.EqualTo(1));
    }
}
