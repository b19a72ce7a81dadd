using System.Xml;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using FederationKit.Saml.Tests.Logout;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn.Protocol;

/// <summary>
/// A host with <c>AddFederationKit().AddSaml()</c> (no ACS base URL: the protocol takes the edge's URLs), in-memory stores,
/// one directory and one active SAML profile; drives <see cref="FederatedSignInService"/> and <see cref="SamlSignInProtocol"/>.
/// </summary>
internal sealed class SamlProtocolHost : IAsyncDisposable
{
    public const string IdpSloUrl = IdpLogoutMessages.IdpSloUrl;

    private readonly ServiceProvider _services;

    private SamlProtocolHost(ServiceProvider services, IdpProfileId profileId, UserId owner)
    {
        _services = services;
        ProfileId = profileId;
        Owner = owner;
    }

    /// <summary>The edge's URLs.</summary>
    public static SignInCallbackUrls Urls { get; } = new(new Uri("https://app.example/federation"));

    /// <summary>The profile's ACS URL.</summary>
    public string ProfileAcs => Urls.SamlProfileAssertionConsumerService(ProfileId).AbsoluteUri;

    /// <summary>The profile's SLO URL.</summary>
    public string ProfileSlo => Urls.SamlSingleLogout(ProfileId).AbsoluteUri;

    public IdpProfileId ProfileId { get; }

    public UserId Owner { get; }

    public SamlSignInProtocol Protocol => _services.GetRequiredService<SamlSignInProtocol>();

    public FederatedSignInService Service => _services.GetRequiredService<FederatedSignInService>();

    public IdpProfileService Profiles => _services.GetRequiredService<IdpProfileService>();

    public DirectoryService Directories => _services.GetRequiredService<DirectoryService>();

    public IServiceProvider Services => _services;

    public static SamlIdpSettings Settings() => new()
    {
        EntityId = SamlResponseBuilder.IdpEntityId,
        SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
        LogoutUrl = new Uri(IdpSloUrl),
        SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
        SignRequests = true,
    };

    public static async Task<SamlProtocolHost> CreateAsync(SamlIdpSettings? settings = null, string entityId = SamlResponseBuilder.SpEntityId, Action<SamlSignInOptions>? configure = null, FederationKit.OneTime.IOneTimeStore? oneTime = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(SamlResponseBuilder.Now));
        if (oneTime is not null)
        {
            services.AddSingleton(oneTime);
        }

        services.AddFederationKit().AddSaml(o =>
        {
            o.EntityId = entityId;
            o.SigningCertificate = SamlTestKeys.Sp;
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        var owner = UserId.New();
        var organization = (await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", owner, "owner@acme-corp.com")).Value;
        var directory = (await provider.GetRequiredService<DirectoryService>().CreateDirectoryAsync(OwnerRef.Organization(organization.Id), owner, "Staff", DirectoryIdentityType.Federated)).Value;
        var profiles = provider.GetRequiredService<IdpProfileService>();
        var added = await profiles.AddSamlProfileAsync(directory.Id, owner, "Acme", settings ?? Settings());
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        var activated = await profiles.ActivateProfileAsync(added.Value.Id, owner, force: true);
        Assert.That(activated.IsSuccess, Is.True, () => activated.Error.ToString());
        return new SamlProtocolHost(provider, added.Value.Id, owner);
    }

    /// <summary>The stored profile.</summary>
    public async Task<IdpProfile> ProfileAsync() => (await _services.GetRequiredService<IIdpProfileStore>().FindAsync(ProfileId))!;

    /// <summary>Starts a sign-in through the service; returns the challenge and the AuthnRequest ID read from the redirect.</summary>
    public async Task<(SignInChallenge Challenge, string RequestId)> BeginAsync()
    {
        var challenge = await Service.BeginAsync(new SignInBeginRequest { ProfileId = ProfileId, ReturnUrl = "/app", Urls = Urls });
        Assert.That(challenge.IsSuccess, Is.True, () => challenge.Error.ToString());
        return (challenge.Value, AuthnRequest(challenge.Value.Step).GetAttribute("ID"));
    }

    /// <summary>The AuthnRequest a redirect step carries.</summary>
    public static XmlElement AuthnRequest(BrowserStep step)
    {
        var document = new XmlDocument();
        document.LoadXml(step.IsFormPost
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(step.FormFields!["SAMLRequest"]))
            : IdpLogoutMessages.Inflate(IdpLogoutMessages.Parameters(step.Url)["SAMLRequest"]));
        return document.DocumentElement!;
    }

    /// <summary>The IdP's signed answer to <paramref name="requestId"/> (null: IdP-initiated), addressed to the profile's ACS unless changed.</summary>
    public string Response(string? requestId, Action<SamlResponseBuilder>? change = null)
    {
        var builder = new SamlResponseBuilder { InResponseTo = requestId, Destination = ProfileAcs, Recipient = ProfileAcs };
        change?.Invoke(builder);
        return SamlResponseBuilder.Base64(builder.Signed());
    }

    /// <summary>Completes through the service as the edge would: at the profile's ACS (or the shared ACS when <paramref name="sharedAcs"/>).</summary>
    public Task<Result<SignInCompletion>> CompleteAsync(string? transactionId, string? browserSecret, string samlResponse, bool sharedAcs = false) =>
        Service.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml,
            TransactionId = transactionId,
            ProfileId = sharedAcs ? null : ProfileId,
            Parameters = new Dictionary<string, string> { ["SAMLResponse"] = samlResponse },
            BrowserSecret = browserSecret,
            Urls = Urls,
        });

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
