using FederationKit.OneTime;
using FederationKit.Saml.Settings;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests;

/// <summary>A validator for the test SP and IdP, with a fake clock and the request <c>_req1</c> issued.</summary>
public sealed class SamlValidatorHarness
{
    public SamlValidatorHarness(bool allowUnsolicited = false, bool allowSha1 = false, params System.Security.Cryptography.X509Certificates.X509Certificate2[] decryption)
    {
        Clock = new FakeTimeProvider(SamlResponseBuilder.Now);
        Store = new InMemoryOneTimeStore(Clock);
        Sp = new SamlServiceProviderOptions { EntityId = SamlResponseBuilder.SpEntityId, AllowUnsolicitedResponses = allowUnsolicited, AllowSha1 = allowSha1 };
        Sp.AssertionConsumerServiceUrls.Add(SamlResponseBuilder.AcsUrl);
        foreach (var certificate in decryption)
        {
            Sp.DecryptionCertificates.Add(certificate);
        }

        Idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId };
        Idp.SigningCertificates.Add(SamlTestKeys.Idp);
        Validator = new SamlResponseValidator(Sp, Idp, Store, Clock);
        IssueRequest("_req1");
    }

    public FakeTimeProvider Clock { get; }

    public InMemoryOneTimeStore Store { get; }

    public SamlServiceProviderOptions Sp { get; }

    public SamlIdentityProviderOptions Idp { get; }

    public SamlResponseValidator Validator { get; set; }

    public void IssueRequest(string id) =>
        Store.TryAddAsync(SamlOneTimePurposes.RequestId, id, System.Text.Encoding.UTF8.GetBytes(SamlResponseBuilder.IdpEntityId), SamlResponseBuilder.Now.AddMinutes(10)).GetAwaiter().GetResult();

    public async Task<string?> ErrorOf(string response)
    {
        var result = await Validator.ValidateAsync(response);
        return result.IsSuccess ? null : result.Error.Code;
    }
}
