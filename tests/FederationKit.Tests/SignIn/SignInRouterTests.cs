using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;

namespace FederationKit.Tests.SignIn;

public sealed class SignInRouterTests
{
    private static readonly OwnerRef Owner = OwnerRef.Organization(OrganizationId.New());
    private readonly InMemorySignInRouteSource _source = new();
    private readonly SignInOptions _options = new();

    private static SignInRoute Federated(string domain, IdentityProtocol protocol = IdentityProtocol.Oidc, bool enforced = false) =>
        new(domain, Owner, DirectoryId.New())
        {
            ActiveProfileId = IdpProfileId.New(), Protocol = protocol, IdpDisplayName = "Acme Okta", SsoEnforced = enforced,
        };

    private async Task<SignInRouter> Router(params SignInRoute[] routes)
    {
        foreach (var route in routes)
        {
            _source.Set(route);
        }

        var router = new SignInRouter(_source, _options);
        await router.RefreshAsync();
        return router;
    }

    [Test]
    public async Task Route_OidcDomain_IsFederatedWithLoginHint()
    {
        var acme = Federated("acme.com");
        var router = await Router(acme);

        var decision = router.Route("John.Smith@ACME.com");

        Assert.That(decision, Is.EqualTo(new FederatedRoute(IdentityProtocol.Oidc, acme.DirectoryId, acme.ActiveProfileId!.Value, "John.Smith@acme.com", "acme.com", "Acme Okta")));
    }

    [Test]
    public async Task Route_SamlDomain_IsFederatedWithTheActiveProfile()
    {
        var acme = Federated("acme.com", IdentityProtocol.Saml);
        var router = await Router(acme);

        var decision = (FederatedRoute)router.Route("a@acme.com");

        Assert.That(decision.Protocol, Is.EqualTo(IdentityProtocol.Saml));
        Assert.That(decision.ProfileId, Is.EqualTo(acme.ActiveProfileId));
    }

    [Test]
    public async Task Route_LongestVerifiedSuffix_PicksTheSubdomainDirectory()
    {
        var acme = Federated("acme.com");
        var eu = Federated("eu.acme.com");
        var router = await Router(acme, eu);

        Assert.That(((FederatedRoute)router.Route("a@eu.acme.com")).DirectoryId, Is.EqualTo(eu.DirectoryId));
        Assert.That(((FederatedRoute)router.Route("a@us.acme.com")).DirectoryId, Is.EqualTo(acme.DirectoryId));
    }

    [Test]
    public async Task Route_UncapturedDomain_IsLocal()
    {
        var router = await Router(Federated("acme.com"));

        Assert.That(router.Route("a@evilacme.com"), Is.InstanceOf<LocalRoute>());
    }

    [TestCase("")]
    [TestCase("no-at-sign")]
    [TestCase("@acme.com")]
    [TestCase("a@")]
    [TestCase("a@localhost")]
    [TestCase("a@bad..acme.com")]
    [TestCase("ceo@partner.example@acme.com")]
    [TestCase("\"ceo\"@acme.com")]
    [TestCase("\"CEO\" ceo@acme.com")]
    public async Task Route_InvalidEmail_IsRefused(string email)
    {
        var router = await Router(Federated("acme.com"));

        Assert.That(((RefusedRoute)router.Route(email)).Error.Code, Is.EqualTo(SignInErrorCodes.EmailInvalid));
    }

    [Test]
    public async Task Route_IdnEmail_MatchesPunycodeDomain()
    {
        var route = Federated("xn--bcher-kva.example");
        var router = await Router(route);

        Assert.That(((FederatedRoute)router.Route("a@bücher.example")).Domain, Is.EqualTo("xn--bcher-kva.example"));
    }

    [Test]
    public async Task Route_EnforcedWithoutActiveProfile_IsRefusedNoActiveIdp()
    {
        var router = await Router(new SignInRoute("acme.com", Owner, DirectoryId.New()) { SsoEnforced = true });

        Assert.That(((RefusedRoute)router.Route("a@acme.com")).Error.Code, Is.EqualTo(SignInErrorCodes.NoActiveIdp));
    }

    [Test]
    public async Task Route_NotEnforcedWithoutActiveProfile_IsLocal()
    {
        var router = await Router(new SignInRoute("acme.com", Owner, DirectoryId.New()));

        Assert.That(router.Route("a@acme.com"), Is.InstanceOf<LocalRoute>());
    }

    [TestCase(LocalSignInMethod.Password, "password")]
    [TestCase(LocalSignInMethod.Social, "social")]
    public async Task CheckLocalSignIn_SsoEnforced_IsRefusedNamingTheIdp(LocalSignInMethod method, string methodName)
    {
        var router = await Router(Federated("acme.com", enforced: true));

        var result = router.CheckLocalSignIn("a@sub.acme.com", method);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
        Assert.That(result.Error.Details["idp"], Is.EqualTo("Acme Okta"));
        Assert.That(result.Error.Details["method"], Is.EqualTo(methodName));
        Assert.That(result.Error.Message, Does.Contain("Acme Okta"));
    }

    [Test]
    public async Task CheckLocalSignIn_CapturedButNotEnforced_IsAllowed()
    {
        var router = await Router(Federated("acme.com", enforced: false));

        Assert.That(router.CheckLocalSignIn("a@acme.com", LocalSignInMethod.Password).IsSuccess, Is.True);
    }

    [Test]
    public async Task CheckLocalSignIn_UncapturedDomain_IsAllowed()
    {
        var router = await Router(Federated("acme.com", enforced: true));

        Assert.That(router.CheckLocalSignIn("a@other.example", LocalSignInMethod.Password).IsSuccess, Is.True);
    }

    [Test]
    public async Task CheckLocalSignIn_BreakGlassAccount_IsAllowedWhileOthersAreRefused()
    {
        _options.BreakGlassEmails.Add("owner@acme.com");
        var router = await Router(Federated("acme.com", enforced: true));

        Assert.That(router.CheckLocalSignIn("Owner@Acme.com", LocalSignInMethod.Password).IsSuccess, Is.True);
        Assert.That(router.CheckLocalSignIn("other@acme.com", LocalSignInMethod.Password).Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
    }

    [Test]
    public async Task CheckLocalSignIn_InvalidEmail_IsRefused()
    {
        var router = await Router();

        Assert.That(router.CheckLocalSignIn("nope", LocalSignInMethod.Password).Error.Code, Is.EqualTo(SignInErrorCodes.EmailInvalid));
    }

    [Test]
    public async Task CheckLocalSignIn_SecondAtSignBeforeAnUncapturedDomain_IsRefusedNotAllowed()
    {
        var router = await Router(Federated("acme.com", enforced: true));

        Assert.That(router.CheckLocalSignIn("ceo@acme.com@gmail.example", LocalSignInMethod.Password).Error.Code, Is.EqualTo(SignInErrorCodes.EmailInvalid));
    }

    [Test]
    public async Task Apply_RemovedDomain_RoutesLocallyAfterwards()
    {
        var router = await Router(Federated("acme.com"));

        router.Apply([], ["acme.com"]);

        Assert.That(router.Route("a@acme.com"), Is.InstanceOf<LocalRoute>());
    }

    [Test]
    public void Validate_BreakGlassEntryNotAnEmail_Throws()
    {
        _options.BreakGlassEmails.Add("not-an-email");

        Assert.That(() => _options.Validate(), Throws.ArgumentException);
    }
}
