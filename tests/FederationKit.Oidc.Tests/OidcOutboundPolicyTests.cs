using System.Net;
using System.Net.Sockets;
using FederationKit.Directories;
using FederationKit.Http;
using FederationKit.Organizations;
using FederationKit.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Oidc.Tests;

/// <summary>Discovery obeys the outbound URL policy by default, and its failures carry no network detail.</summary>
[NonParallelizable]
public sealed class OidcOutboundPolicyTests
{
    [TestCase("http://127.0.0.1:9", OutboundErrorCodes.SchemeRefused)]
    [TestCase("https://127.0.0.1:9", OutboundErrorCodes.AddressRefused)]
    [TestCase("https://localhost:9", OidcErrorCodes.DiscoveryFailed)]
    public async Task AddOidc_WithoutAClient_DiscoversThroughThePolicy(string issuer, string code)
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddOidc();
        await using var sp = services.BuildServiceProvider();
        var owner = OwnerRef.Organization((await sp.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        var directory = (await sp.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        var profile = await sp.GetRequiredService<IdpProfileService>().AddOidcProfileAsync(directory.Id, TestAdministrator.Id, "Loopback IdP", new NewOidcProfile
        {
            Settings = new OidcIdpSettings { Issuer = new Uri(issuer), ClientId = "client-1" },
            ClientSecret = "a-long-client-secret-0123456789-abcdef",
        });
        Assert.That(profile.IsSuccess, Is.True, () => profile.Error.ToString());
        var signIn = (await sp.GetRequiredService<OidcProfileSignIns>().GetAsync(profile.Value.Id, "https://app.example/callback")).Value;

        var start = await signIn.StartAsync("carol@acme-corp.com", null);

        Assert.That(start.Error.Code, Is.EqualTo(code));
    }

    [Test]
    public async Task Discovery_RefusedAddress_ReadsLikeAClosedPortOnAnAllowedHost()
    {
        var port = ClosedPort();
        using var refusing = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true });
        using var allowing = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true });
        var options = new OidcProviderOptions { Issuer = $"http://127.0.0.1:{port}", ClientId = "client-1", ClientSecret = "unused-secret-0123456789" };
        using var refusedSource = new OidcProviderConfigurationSource(options, refusing, TimeProvider.System);
        using var closedSource = new OidcProviderConfigurationSource(options, allowing, TimeProvider.System);

        var refused = await refusedSource.GetAsync();
        var closed = await closedSource.GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
            Assert.That(closed.Error.Code, Is.EqualTo(OidcErrorCodes.DiscoveryFailed));
            Assert.That(closed.Error.Message, Is.EqualTo(refused.Error.Message));
            Assert.That(closed.Error.Message, Does.Not.Contain("refused").IgnoreCase.And.Not.Contain(port.ToString()));
            Assert.That(closed.Error.Details, Is.EqualTo(refused.Error.Details));
        });
    }

    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
