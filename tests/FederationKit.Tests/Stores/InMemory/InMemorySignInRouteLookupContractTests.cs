using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.SignIn.Settings;
using FederationKit.SignIn.Wiring;
using FederationKit.StoreContracts;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemorySignInRouteLookupContractTests : SignInRouteLookupContract
{
    protected override Task<RouteLookupFixture> CreateAsync()
    {
        var links = new InMemoryDomainLinkStore();
        var claims = new InMemoryDomainClaimStore();
        var directories = new InMemoryDirectoryStore();
        var profiles = new InMemoryIdpProfileStore();
        var settings = new InMemoryDirectorySignInSettingsStore();
        var lookup = new StoreSignInRouteLookup(links, new VerifiedDomainOwnerQuery(claims), directories, profiles, settings);
        return Task.FromResult(new RouteLookupFixture(lookup, links, claims, directories, profiles, settings, null));
    }
}
