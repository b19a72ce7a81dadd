using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Tests.Directories;
using FederationKit.Tests.Domains;
using FederationKit.Tests.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.DirectoryTrust;

/// <summary>
/// Through <c>AddFederationKit()</c>: when a trust ends (revoked by the owner or withdrawn by the trustee), every member the
/// trustee organization reached through the directory leaves it with its Business-ID profile, whether JIT added it at sign-in
/// or an admin added it by hand, and the next sign-in does not add it back.
/// </summary>
public sealed class TrustEndRemovesReachedMembersTests : WiredFederationKitTests
{
    private RacingTrusteeQuery? _racing;

    protected override void ConfigureServices(IServiceCollection services)
    {
        // The store-backed trustee query, with a hook that runs while a sign-in has read the trustees and not yet written.
        services.AddSingleton<IDirectoryTrusteeQuery>(sp => _racing = new RacingTrusteeQuery(ActivatorUtilities.CreateInstance<FederationKit.SignIn.Wiring.StoreDirectoryTrusteeQuery>(sp)));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task SignIn_TrustEndsWhileItRuns_TheMembershipItWroteIsRemovedBeforeItReturns(bool revoke)
    {
        var (owner, directory, profile) = await FederateAsync();
        var beta = new OrganizationId((await NewOrganizationOwnerAsync("Beta", "bea@beta-corp.com")).Id);
        var trust = Services.GetRequiredService<DirectoryTrustService>();
        var request = (await trust.RequestAsync(beta, await AdminOfAsync(OwnerRef.Organization(beta)), "acme.com", new TrustRequester(UserId.New(), "Bea", "bea@beta-corp.com", "Beta"))).Value;
        Assert.That((await trust.AcceptAsync(owner, await AdminOfAsync(owner), [request.Id])).IsSuccess, Is.True);
        var jit = Services.GetRequiredService<JitProvisioner>();
        _ = Services.GetRequiredService<IDirectoryTrusteeQuery>();
        _racing!.OnceAfterRead = async () =>
        {
            var ended = revoke ? await trust.RevokeAsync(owner, await AdminOfAsync(owner), request.Id) : await trust.WithdrawAsync(beta, await AdminOfAsync(OwnerRef.Organization(beta)), request.Id);
            Assert.That(ended.IsSuccess, Is.True, () => ended.Error.ToString());
        };

        var signedIn = await jit.SignInAsync(new SignInProfileContext(directory.Id, profile.Id), DirectoryTestContext.SamlIdentity("carol@acme.com"));

        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.Memberships.Select(m => m.OrganizationId), Does.Not.Contain(beta));
        Assert.That(await Services.GetRequiredService<IMembershipStore>().FindAsync(beta, signedIn.Value.UserId), Is.Null, "the trust ended: no membership in Beta stays");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task RevokeOrWithdraw_MembersJitAddedThroughTheTrust_LeaveWithTheirProfiles_AndAreNotAddedBackAtSignIn(bool revoke)
    {
        var (owner, directory, profile) = await FederateAsync();
        var beta = new OrganizationId((await NewOrganizationOwnerAsync("Beta", "bea@beta-corp.com")).Id);
        var trust = Services.GetRequiredService<DirectoryTrustService>();
        var request = (await trust.RequestAsync(beta, await AdminOfAsync(OwnerRef.Organization(beta)), "acme.com", new TrustRequester(UserId.New(), "Bea", "bea@beta-corp.com", "Beta"))).Value;
        Assert.That((await trust.AcceptAsync(owner, await AdminOfAsync(owner), [request.Id])).IsSuccess, Is.True);
        var jit = Services.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directory.Id, profile.Id);
        var first = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));
        Assert.That(first.IsSuccess, Is.True, () => first.Error.ToString());
        var carol = first.Value.UserId;
        Assert.That(first.Value.Memberships.Single(m => m.OrganizationId == beta).UserType, Is.EqualTo(MemberUserType.Business), "JIT added Carol to Beta through the trust");
        var dave = UserId.New();
        Assert.That((await trust.AddTrusteeUserAsync(beta, await AdminOfAsync(OwnerRef.Organization(beta)), request.Id, dave, "dave.smith@acme.com")).IsSuccess, Is.True);
        var profiles = Services.GetRequiredService<IMembershipStore>();
        Assert.That(await profiles.FindAsync(beta, carol), Is.Not.Null);
        Assert.That(await profiles.FindAsync(beta, dave), Is.Not.Null);

        var ended = revoke ? await trust.RevokeAsync(owner, await AdminOfAsync(owner), request.Id) : await trust.WithdrawAsync(beta, await AdminOfAsync(OwnerRef.Organization(beta)), request.Id);

        Assert.That(ended.IsSuccess, Is.True, () => ended.Error.ToString());
        Assert.That(await profiles.FindAsync(beta, carol), Is.Null, "the JIT-added member left the trustee organization");
        Assert.That(await profiles.FindAsync(beta, dave), Is.Null, "the member added by hand left too");
        Assert.That(await profiles.ListByOrganizationAsync(beta, null, 100), Has.Count.EqualTo(1), "Beta's own owner stays");
        Assert.That(await profiles.FindAsync(new OrganizationId(owner.Id), carol), Is.Not.Null, "Carol stays in her own organization");
        var events = (FederationKit.Events.InMemoryFederationEventSink)Services.GetRequiredService<FederationKit.Events.IFederationEventSink>();
        Assert.That(events.OfType<TrusteeUserChanged>().Where(e => e.Type == DirectoryEventTypes.TrusteeUserRemoved).Select(e => e.UserId), Is.EquivalentTo(new[] { carol, dave }));

        var again = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That(again.Value.Memberships.Select(m => m.OrganizationId), Does.Not.Contain(beta), "the ended trust adds nobody back");
        Assert.That(await profiles.FindAsync(beta, carol), Is.Null);
    }

    /// <summary>Reads the trustees, then runs <see cref="OnceAfterRead"/> once before answering: the trust changes after the read.</summary>
    private sealed class RacingTrusteeQuery(IDirectoryTrusteeQuery inner) : IDirectoryTrusteeQuery
    {
        public Func<Task>? OnceAfterRead { get; set; }

        public async Task<IReadOnlyList<OrganizationId>> ListTrusteesAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
        {
            var trustees = await inner.ListTrusteesAsync(directoryId, cancellationToken);
            if (OnceAfterRead is { } hook)
            {
                OnceAfterRead = null;
                await hook();
            }

            return trustees;
        }
    }
}
