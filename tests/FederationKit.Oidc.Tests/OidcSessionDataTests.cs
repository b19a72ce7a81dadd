using System.Collections.Immutable;

namespace FederationKit.Oidc.Tests;

public sealed class OidcSessionDataTests
{
    private const string Issuer = "https://idp.test";

    private static readonly ImmutableDictionary<string, string> Session = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
    {
        [OidcSessionData.IdToken] = "h.p.s",
        [OidcSessionData.Issuer] = Issuer,
        [OidcSessionData.Subject] = "carol",
        [OidcSessionData.SessionId] = "sid-1",
    });

    [TestCase("carol", "sid-1")]
    [TestCase("carol", null)]
    [TestCase(null, "sid-1")]
    public void Matches_SameIssuerAndTheNamedSubjectOrSession_True(string? subject, string? sessionId) =>
        Assert.That(OidcSessionData.Matches(Session, new OidcBackChannelLogout(Issuer, subject, sessionId)), Is.True);

    [TestCase("https://other.test", "carol", "sid-1")]
    [TestCase(Issuer, "dave", "sid-1")]
    [TestCase(Issuer, "carol", "sid-2")]
    [TestCase(Issuer, null, "sid-2")]
    [TestCase(Issuer, "dave", null)]
    [TestCase(Issuer, null, null)]
    public void Matches_AnotherIssuerSubjectOrSession_False(string issuer, string? subject, string? sessionId) =>
        Assert.That(OidcSessionData.Matches(Session, new OidcBackChannelLogout(issuer, subject, sessionId)), Is.False);

    [Test]
    public void Matches_SessionWithoutSid_OnlyBySubject()
    {
        var withoutSid = Session.Remove(OidcSessionData.SessionId);

        Assert.That(OidcSessionData.Matches(withoutSid, new OidcBackChannelLogout(Issuer, "carol", null)), Is.True);
        Assert.That(OidcSessionData.Matches(withoutSid, new OidcBackChannelLogout(Issuer, null, "sid-1")), Is.False);
    }

    [Test]
    public void Matches_SessionOfAnotherProtocol_False() =>
        Assert.That(OidcSessionData.Matches(ImmutableDictionary<string, string>.Empty, new OidcBackChannelLogout(Issuer, "carol", "sid-1")), Is.False);
}
