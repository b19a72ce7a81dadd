using FederationKit.SignIn;
using FederationKit.SignIn.Usernames;

namespace FederationKit.Tests.SignIn;

public sealed class UsernameRulesTests
{
    private static FederatedIdentity Identity(string? username = null, string? email = null, string subject = "00u1abcd") =>
        new(IdentityProtocol.Oidc, "https://idp.example", subject, "sub", DateTimeOffset.UnixEpoch) { Username = username, Email = email };

    [Test]
    public void SelectSource_UsernameClaimPresent_UsesIt() =>
        Assert.That(UsernameRules.SelectSource(Identity("jsmith", "john@acme.example")), Is.EqualTo("jsmith"));

    [Test]
    public void SelectSource_NoUsernameClaim_UsesEmailLocalPart() =>
        Assert.That(UsernameRules.SelectSource(Identity(null, "john.smith@acme.example")), Is.EqualTo("john.smith"));

    [Test]
    public void SelectSource_NoUsernameNoEmail_UsesUserId() =>
        Assert.That(UsernameRules.SelectSource(Identity(null, null, "00u1abcd")), Is.EqualTo("00u1abcd"));

    [TestCase("john.smith", "john.smith")]
    [TestCase("john smith", "john_smith")]
    [TestCase("john+tag@acme.example", "john_tag@acme.example")]
    [TestCase("o'brien-x", "o_brien_x")]
    [TestCase("josé.garcía", "josé.garcía")]
    [TestCase("a\U0001F600b", "a_b")]
    public void Normalize_ReplacesDisallowedCharacters(string raw, string expected) =>
        Assert.That(UsernameRules.Normalize(raw), Is.EqualTo(expected));

    [Test]
    public void Normalize_LongerThanMax_IsCutAt128() =>
        Assert.That(UsernameRules.Normalize(new string('a', 300)), Has.Length.EqualTo(UsernameRules.MaxLength));

    [Test]
    public void Candidate_LongEnoughBase_FirstIsTheBaseThenDigits()
    {
        Assert.That(UsernameRules.Candidate("john.smith", "", 0), Is.EqualTo("john.smith"));
        Assert.That(UsernameRules.Candidate("john.smith", "", 1), Is.EqualTo("john.smith1"));
        Assert.That(UsernameRules.Candidate("john.smith", "", 12), Is.EqualTo("john.smith12"));
    }

    [Test]
    public void Candidate_ShortBase_DigitsAppendedToReachSixCharacters()
    {
        Assert.That(UsernameRules.Candidate("bob", "", 0), Is.Null);
        Assert.That(UsernameRules.Candidate("bob", "", 1), Is.EqualTo("bob001"));
        Assert.That(UsernameRules.Candidate("bob", "", 2), Is.EqualTo("bob002"));
        Assert.That(UsernameRules.Candidate("bob", "", 1234), Is.EqualTo("bob1234"));
    }

    [Test]
    public void Candidate_WithSuffix_SuffixIsLast()
    {
        Assert.That(UsernameRules.Candidate("john.smith", "_acme", 0), Is.EqualTo("john.smith_acme"));
        Assert.That(UsernameRules.Candidate("john.smith", "_acme", 3), Is.EqualTo("john.smith3_acme"));
    }

    [Test]
    public void Candidate_MaxLengthBase_StaysWithin128WithDigitsAndSuffix()
    {
        var candidate = UsernameRules.Candidate(new string('a', 128), "_acme", 42);
        Assert.That(candidate, Has.Length.EqualTo(UsernameRules.MaxLength));
        Assert.That(candidate, Does.EndWith("42_acme"));
    }

    [Test]
    public void NormalizeSuffix_AppliesCharacterRulesAndLimit()
    {
        Assert.That(UsernameRules.NormalizeSuffix("-acme corp"), Is.EqualTo("_acme_corp"));
        Assert.That(UsernameRules.NormalizeSuffix(null), Is.Empty);
        Assert.That(UsernameRules.NormalizeSuffix(new string('x', 50)), Has.Length.EqualTo(UsernameRules.MaxSuffixLength));
    }
}
