using FederationKit.Events.Outbox;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

public sealed class LocalLoginPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly UserId _owner = UserId.New();
    private readonly UserId _contractor = UserId.New();
    private InMemoryOrganizationStore _organizations = null!;
    private FederationKit.Organizations.InMemoryMembershipStore _memberships = null!;
    private InMemoryFederationEventSink _events = null!;
    private InMemorySignInRouteSource _routes = null!;
    private SignInOptions _options = null!;
    private OrganizationService _service = null!;
    private OrganizationId _acme;

    [SetUp]
    public async Task SetUp()
    {
        _organizations = new InMemoryOrganizationStore();
        _events = new InMemoryFederationEventSink();
        _routes = new InMemorySignInRouteSource();
        _options = new SignInOptions();
        _memberships = new FederationKit.Organizations.InMemoryMembershipStore();
        var parents = new InMemoryParentOrganizationStore();
        var committer = new FederationKit.Stores.ChangeSetCommitter(new FederationKit.Stores.InMemoryChangeSetStore(new FederationKit.SignIn.Stores.InMemoryFederatedUserStore(), _memberships, _organizations, parents), _events);
        _service = new OrganizationService(_organizations, parents, _memberships, committer, new FakeTimeProvider(Now));
        _acme = (await _service.CreateOrganizationAsync("Acme", _owner, "owner@acme.com")).Value.Id;
        Assert.That((await _service.AddMemberAsync(_acme, _owner, _contractor, "pat@gmail.example", OrganizationRole.Member)).IsSuccess, Is.True);
    }

    private async Task<LocalLoginPolicy> PolicyAsync()
    {
        var router = new SignInRouter(_routes, _options, new FakeTimeProvider(Now));
        await router.RefreshAsync();
        return new LocalLoginPolicy(router, _organizations, _memberships, _events, new FakeTimeProvider(Now));
    }

    private async Task TurnOnlySsoAsync(OrganizationId organization, bool on, params UserId[] breakGlass) =>
        Assert.That((await _service.SetOnlySsoAsync(organization, _owner, on, breakGlass)).IsSuccess, Is.True);

    private void CaptureAcmeDomain(OwnerRef owner) =>
        _routes.Set(new SignInRoute("acme.com", owner, DirectoryId.New())
        {
            ActiveProfileId = IdpProfileId.New(), Protocol = IdentityProtocol.Oidc, IdpDisplayName = "Acme Okta", SsoEnforced = true,
        });

    [Test]
    public async Task Check_MemberWithUncapturedEmail_OnlySsoOff_IsAllowedWithoutEvent()
    {
        var policy = await PolicyAsync();
        var before = _events.Events.Count;

        var result = await policy.CheckAsync(_contractor, "pat@gmail.example", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Value, Is.EqualTo(LocalLoginVerdict.Allowed));
        Assert.That(_events.Events, Has.Count.EqualTo(before));
    }

    [TestCase(LocalSignInMethod.Password, "password")]
    [TestCase(LocalSignInMethod.Social, "social")]
    public async Task Check_MemberWithUncapturedEmail_OnlySsoOn_IsRefused(LocalSignInMethod method, string methodName)
    {
        await TurnOnlySsoAsync(_acme, true, _owner);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_contractor, "pat@gmail.example", [_acme], method);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.LocalLoginDisabled));
        Assert.That(result.Error.Details["organization"], Is.EqualTo(_acme.ToString()));
        Assert.That(result.Error.Details["method"], Is.EqualTo(methodName));
        Assert.That(_events.OfType<BreakGlassLoginUsed>(), Is.Empty);
    }

    [Test]
    public async Task Check_OnlySsoTurnedOffAgain_IsAllowed()
    {
        await TurnOnlySsoAsync(_acme, true);
        await TurnOnlySsoAsync(_acme, false);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_contractor, "pat@gmail.example", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Value, Is.EqualTo(LocalLoginVerdict.Allowed));
    }

    [Test]
    public async Task Check_NonMemberOfTheOnlySsoOrganization_IsNotRestrictedByIt()
    {
        await TurnOnlySsoAsync(_acme, true);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(UserId.New(), "someone@gmail.example", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Value, Is.EqualTo(LocalLoginVerdict.Allowed));
    }

    [Test]
    public async Task Check_BreakGlassAccountOfThatOrganization_IsAllowedAndRaisesAnEventEachTime()
    {
        await TurnOnlySsoAsync(_acme, true, _contractor);
        var policy = await PolicyAsync();

        var first = await policy.CheckAsync(_contractor, "Pat@Gmail.example", [_acme], LocalSignInMethod.Password);
        var second = await policy.CheckAsync(_contractor, "pat@gmail.example", [_acme], LocalSignInMethod.Password);

        Assert.That(first.Value, Is.EqualTo(LocalLoginVerdict.BreakGlass));
        Assert.That(second.Value, Is.EqualTo(LocalLoginVerdict.BreakGlass));
        var used = _events.OfType<BreakGlassLoginUsed>();
        Assert.That(used, Has.Count.EqualTo(2));
        Assert.That(used[0].Type, Is.EqualTo("signin.break_glass_login_used"));
        Assert.That(used[0].UserId, Is.EqualTo(_contractor));
        Assert.That(used[0].Email, Is.EqualTo("Pat@gmail.example"));
        Assert.That(used[0].OrganizationIds, Is.EqualTo(new[] { _acme }));
        Assert.That(used[0].HostWide, Is.False);
        Assert.That(used[0].OccurredAt, Is.EqualTo(Now));
    }

    [Test]
    public async Task Check_BreakGlassAccountOfAnotherOrganization_IsRefused()
    {
        var other = (await _service.CreateOrganizationAsync("Other", _owner, "owner@acme.com")).Value.Id;
        Assert.That((await _service.AddMemberAsync(other, _owner, _contractor, "pat@gmail.example", OrganizationRole.Member)).IsSuccess, Is.True);
        await TurnOnlySsoAsync(other, false, _contractor);
        await TurnOnlySsoAsync(_acme, true, _owner);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_contractor, "pat@gmail.example", [other, _acme], LocalSignInMethod.Password);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.LocalLoginDisabled));
        Assert.That(result.Error.Details["organization"], Is.EqualTo(_acme.ToString()));
        Assert.That(_events.OfType<BreakGlassLoginUsed>(), Is.Empty);
    }

    [Test]
    public async Task Check_HostWideBreakGlassEmail_OnlySsoOn_IsAllowedAndRaisesAHostWideEvent()
    {
        _options.BreakGlassEmails.Add("pat@gmail.example");
        await TurnOnlySsoAsync(_acme, true);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_contractor, "pat@gmail.example", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Value, Is.EqualTo(LocalLoginVerdict.BreakGlass));
        var used = _events.OfType<BreakGlassLoginUsed>().Single();
        Assert.That(used.HostWide, Is.True);
        Assert.That(used.OrganizationIds, Is.Empty);
    }

    [Test]
    public async Task Check_HostWideBreakGlassEmailOnCapturedDomain_IsAllowedWhileOthersAreRefused()
    {
        _options.BreakGlassEmails.Add("owner@acme.com");
        CaptureAcmeDomain(OwnerRef.Organization(OrganizationId.New()));
        var policy = await PolicyAsync();

        var allowed = await policy.CheckAsync(_owner, "owner@acme.com", [_acme], LocalSignInMethod.Password);
        var refused = await policy.CheckAsync(UserId.New(), "other@acme.com", [], LocalSignInMethod.Password);

        Assert.That(allowed.Value, Is.EqualTo(LocalLoginVerdict.BreakGlass));
        Assert.That(_events.OfType<BreakGlassLoginUsed>().Single().HostWide, Is.True);
        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
    }

    [Test]
    public async Task Check_CapturedDomain_BreakGlassOfTheCapturingOrganization_IsAllowed()
    {
        CaptureAcmeDomain(OwnerRef.Organization(_acme));
        await TurnOnlySsoAsync(_acme, false, _owner);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_owner, "owner@acme.com", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Value, Is.EqualTo(LocalLoginVerdict.BreakGlass));
        Assert.That(_events.OfType<BreakGlassLoginUsed>().Single().OrganizationIds, Is.EqualTo(new[] { _acme }));
    }

    [Test]
    public async Task Check_CapturedDomain_BreakGlassOfAnOrganizationNotOwningTheDomain_IsRefused()
    {
        CaptureAcmeDomain(OwnerRef.Organization(OrganizationId.New()));
        await TurnOnlySsoAsync(_acme, false, _owner);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_owner, "owner@acme.com", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
    }

    [Test]
    public async Task Check_CapturedDomainOfTheParent_BreakGlassOfALinkedOrganization_IsRefused()
    {
        var parent = (await _service.CreateParentOrganizationAsync("Acme Group", _owner, "owner@acme.com")).Value.Id;
        Assert.That((await _service.LinkToParentAsync(_acme, parent)).IsSuccess, Is.True);
        CaptureAcmeDomain(OwnerRef.Parent(parent));
        await TurnOnlySsoAsync(_acme, false, _owner);
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_owner, "owner@acme.com", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
        Assert.That(_events.OfType<BreakGlassLoginUsed>(), Is.Empty);
    }

    [Test]
    public async Task Check_InvalidEmail_IsRefused()
    {
        var policy = await PolicyAsync();

        var result = await policy.CheckAsync(_contractor, "pat@acme.com@gmail.example", [_acme], LocalSignInMethod.Password);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.EmailInvalid));
    }

    [Test]
    public async Task Check_BreakGlassAccountOfTwoOrganizations_OneEventInEachOrganizationsAuditTrail()
    {
        var globex = (await _service.CreateOrganizationAsync("Globex", _owner, "owner@acme.com")).Value.Id;
        Assert.That((await _service.AddMemberAsync(globex, _owner, _contractor, "pat@gmail.example", OrganizationRole.Member)).IsSuccess, Is.True);
        await TurnOnlySsoAsync(_acme, true, _contractor);
        await TurnOnlySsoAsync(globex, true, _contractor);
        var outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions(), new FakeTimeProvider(Now));
        var router = new SignInRouter(_routes, _options, new FakeTimeProvider(Now));
        await router.RefreshAsync();
        var policy = new LocalLoginPolicy(router, _organizations, _memberships, new FederationEventOutboxSink(outbox), new FakeTimeProvider(Now));

        Assert.That((await policy.CheckAsync(_contractor, "pat@gmail.example", [_acme, globex], LocalSignInMethod.Password)).Value, Is.EqualTo(LocalLoginVerdict.BreakGlass));

        foreach (var organization in new[] { _acme, globex })
        {
            var trail = (await outbox.ListByOwnerAsync(OwnerRef.Organization(organization), new FederationAuditQuery())).Value.Events.OfType<BreakGlassLoginUsed>().ToList();
            Assert.That(trail.Select(e => (e.UserId, e.OrganizationIds.Single())), Is.EqualTo(new[] { (_contractor, organization) }), organization.ToString());
        }
    }
}
