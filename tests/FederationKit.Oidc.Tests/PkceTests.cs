using FederationKit.Oidc;

namespace FederationKit.Oidc.Tests;

public class PkceTests
{
    [Test]
    public void ComputeChallenge_Rfc7636AppendixBVector_MatchesTheRfc()
    {
        var challenge = Pkce.ComputeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        Assert.That(challenge.Value, Is.EqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    [Test]
    public void CreateVerifier_IsValidAndUnique()
    {
        var verifiers = Enumerable.Range(0, 100).Select(_ => Pkce.CreateVerifier()).ToList();

        Assert.That(verifiers, Is.Unique);
        Assert.That(verifiers.Select(v => Pkce.IsValidVerifier(v)), Is.All.True);
        Assert.That(verifiers.Select(v => v.Length), Is.All.EqualTo(43));
    }

    private static IEnumerable<TestCaseData> InvalidVerifiers()
    {
        yield return new TestCaseData(new string('a', 42)).SetName("ComputeChallenge_42Chars_Refused");
        yield return new TestCaseData(new string('a', 129)).SetName("ComputeChallenge_129Chars_Refused");
        yield return new TestCaseData(new string('a', 42) + "+").SetName("ComputeChallenge_PlusSign_Refused");
        yield return new TestCaseData(new string('a', 42) + "=").SetName("ComputeChallenge_Padding_Refused");
        yield return new TestCaseData(new string('a', 42) + " ").SetName("ComputeChallenge_Space_Refused");
        yield return new TestCaseData(new string('a', 42) + "é").SetName("ComputeChallenge_NonAscii_Refused");
        yield return new TestCaseData(string.Empty).SetName("ComputeChallenge_Empty_Refused");
    }

    [TestCaseSource(nameof(InvalidVerifiers))]
    public void ComputeChallenge_InvalidVerifier_IsRefused(string verifier)
    {
        Assert.That(Pkce.ComputeChallenge(verifier).Error.Code, Is.EqualTo(OidcErrorCodes.PkceInvalidVerifier));
    }

    [TestCase(43)]
    [TestCase(128)]
    public void ComputeChallenge_BoundaryLengths_Accepted(int length)
    {
        Assert.That(Pkce.ComputeChallenge(new string('~', length)).IsSuccess, Is.True);
    }
}
