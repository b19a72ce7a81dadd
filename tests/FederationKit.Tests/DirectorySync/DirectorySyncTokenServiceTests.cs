using System.Security.Cryptography;
using System.Text;
using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Events;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Tests.DirectorySync;

public sealed class DirectorySyncTokenServiceTests
{
    [Test]
    public async Task Issue_ByOwnerAdministrator_ReturnsSecretOnceAndStoresOnlyItsHash()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var issued = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;

        Assert.That(issued.Secret, Does.Match("^fks_[A-Za-z0-9_-]{43}$"));
        Assert.That(issued.ToString(), Does.Not.Contain(issued.Secret));
        var stored = await h.TokenStore.FindAsync(issued.Token.Id);
        Assert.That(stored!.SecretHash, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Secret)))));
        Assert.That(stored.SecretHash, Does.Not.Contain(issued.Secret[4..]));
        var listed = (await h.Tokens.ListAsync(h.Directory, h.Admin)).Value;
        Assert.That(listed.Select(t => t.Id), Does.Contain(issued.Token.Id));
        var issuedEvent = h.Sign.Events.OfType<DirectorySyncTokenIssued>()[^1];
        Assert.That(issuedEvent.Actor, Is.EqualTo(EventActor.User(h.Admin)));
        Assert.That(issuedEvent.OwnedBy, Is.EqualTo(OwnerRef.Parent(h.Sign.Parent)));
    }

    [Test]
    public async Task Issue_ByNonAdministrator_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Tokens.IssueAsync(h.Directory, UserId.New());

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Issue_UnknownDirectory_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Tokens.IssueAsync(DirectoryId.New(), h.Admin);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.DirectoryNotFound));
    }

    [Test]
    public async Task Authenticate_IssuedToken_ReturnsCallerNamingTheToken()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var issued = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;

        var caller = await h.Tokens.AuthenticateAsync(h.Directory, issued.Secret);

        Assert.That(caller.Value, Is.EqualTo(new DirectorySyncCaller(h.Directory, issued.Token.Id)));
    }

    [Test]
    public async Task Authenticate_OneCharacterChanged_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var issued = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;
        var last = issued.Secret[^1];
        var changed = issued.Secret[..^1] + (last == 'A' ? 'B' : 'A');

        var refused = await h.Tokens.AuthenticateAsync(h.Directory, changed);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("fks_")]
    public async Task Authenticate_MissingOrEmpty_IsRefused(string? presented)
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Tokens.AuthenticateAsync(h.Directory, presented);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
    }

    [Test]
    public async Task Authenticate_OverlongToken_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Tokens.AuthenticateAsync(h.Directory, "fks_" + new string('a', 10_000));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
    }

    [Test]
    public async Task Authenticate_TokenOfAnotherDirectory_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var other = new IdentityDirectory
        {
            Id = DirectoryId.New(), Owner = OwnerRef.Parent(h.Sign.Parent), Name = "Other", IdentityType = DirectoryIdentityType.Federated, CreatedAt = h.Sign.Clock.GetUtcNow(),
        };
        await h.Directories.AddAsync(other);
        var otherToken = (await h.Tokens.IssueAsync(other.Id, h.Admin)).Value;

        var refused = await h.Tokens.AuthenticateAsync(h.Directory, otherToken.Secret);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
        Assert.That((await h.Tokens.AuthenticateAsync(other.Id, otherToken.Secret)).IsSuccess, Is.True);
    }

    [Test]
    public async Task Revoke_IssuedToken_IsRefusedAtOnceWithTheSameCode()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var issued = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;

        var revoked = await h.Tokens.RevokeAsync(h.Directory, issued.Token.Id, h.Admin);

        Assert.That(revoked.IsSuccess, Is.True);
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, issued.Secret)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
        var revokedEvent = h.Sign.Events.OfType<DirectorySyncTokenRevoked>().Single();
        Assert.That(revokedEvent.TokenId, Is.EqualTo(issued.Token.Id));
        Assert.That(revokedEvent.Actor, Is.EqualTo(EventActor.User(h.Admin)));
        Assert.That((await h.Tokens.RevokeAsync(h.Directory, issued.Token.Id, h.Admin)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenNotFound));
    }

    [Test]
    public async Task Revoke_ByNonAdministrator_IsRefusedAndTokenStaysValid()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var issued = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;

        var refused = await h.Tokens.RevokeAsync(h.Directory, issued.Token.Id, UserId.New());

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, issued.Secret)).IsSuccess, Is.True);
    }

    [Test]
    public async Task Rotate_BothTokensValidUntilTheOverlapEnds()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var first = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;

        var second = (await h.Tokens.RotateAsync(h.Directory, h.Admin)).Value;

        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, first.Secret)).IsSuccess, Is.True);
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, second.Secret)).IsSuccess, Is.True);
        h.Sign.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, first.Secret)).IsSuccess, Is.True);
        h.Sign.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, first.Secret)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, second.Secret)).IsSuccess, Is.True);
        var rotated = h.Sign.Events.OfType<DirectorySyncTokenRotated>().Single();
        Assert.That(rotated.PreviousTokenIds, Does.Contain(first.Token.Id));
        Assert.That(rotated.TokenId, Is.EqualTo(second.Token.Id));
    }

    [Test]
    public async Task ConfirmRotation_RevokesThePreviousTokensAtOnce()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var first = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;
        var second = (await h.Tokens.RotateAsync(h.Directory, h.Admin)).Value;

        var confirmed = await h.Tokens.ConfirmRotationAsync(h.Directory, second.Token.Id, h.Admin);

        Assert.That(confirmed.IsSuccess, Is.True);
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, first.Secret)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenInvalid));
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, second.Secret)).IsSuccess, Is.True);
    }

    [Test]
    public async Task ConfirmRotation_UnknownToken_IsRefusedAndRevokesNothing()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var first = (await h.Tokens.IssueAsync(h.Directory, h.Admin)).Value;

        var refused = await h.Tokens.ConfirmRotationAsync(h.Directory, "dst_unknown", h.Admin);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.TokenNotFound));
        Assert.That((await h.Tokens.AuthenticateAsync(h.Directory, first.Secret)).IsSuccess, Is.True);
    }
}
