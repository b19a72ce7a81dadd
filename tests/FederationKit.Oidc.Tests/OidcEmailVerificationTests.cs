using System.Text.Json;

namespace FederationKit.Oidc.Tests;

public sealed class OidcEmailVerificationTests
{
    [TestCase("""{"email_verified":true}""", false, true)]
    [TestCase("""{"email_verified":"true"}""", false, true)]
    [TestCase("""{"email_verified":false}""", false, false)]
    [TestCase("""{"email_verified":false}""", true, false)]
    [TestCase("""{"email_verified":"false"}""", true, false)]
    [TestCase("""{"email_verified":null}""", true, false)]
    [TestCase("""{"email_verified":1}""", true, false)]
    [TestCase("""{"email_verified":"yes"}""", true, false)]
    [TestCase("""{}""", false, false)]
    [TestCase("""{}""", true, true)]
    public void IsVerified_ClaimValueAndProfileSetting_Decide(string json, bool trustWhenAbsent, bool expected)
    {
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

        Assert.That(OidcEmailVerification.IsVerified(claims, trustWhenAbsent), Is.EqualTo(expected));
    }
}
