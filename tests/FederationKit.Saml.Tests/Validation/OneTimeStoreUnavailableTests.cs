using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;
using FederationKit.Tests.Shared;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>The shared one-time store down (e.g. Redis unreachable): the response is refused with a typed error, not accepted.</summary>
public sealed class OneTimeStoreUnavailableTests
{
    private static (SamlResponseValidator Validator, SwitchableOneTimeStore Store) Create(bool allowUnsolicited)
    {
        var harness = new SamlValidatorHarness(allowUnsolicited);
        var store = new SwitchableOneTimeStore(harness.Clock);
        store.TryAddAsync(SamlOneTimePurposes.RequestId, "_req1", System.Text.Encoding.UTF8.GetBytes(SamlResponseBuilder.IdpEntityId), SamlResponseBuilder.Now.AddMinutes(10)).GetAwaiter().GetResult();
        return (new SamlResponseValidator(harness.Sp, harness.Idp, store, harness.Clock), store);
    }

    [Test]
    public async Task Validate_StoreDown_SolicitedResponse_IsRefusedWithOneTimeUnavailable_ThenAcceptedOnceWhenBack()
    {
        var (validator, store) = Create(allowUnsolicited: false);
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed());
        store.Down = true;

        var refused = await validator.ValidateAsync(response);

        Assert.That(refused.IsSuccess, Is.False);
        Assert.That(refused.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
        store.Down = false;
        Assert.That((await validator.ValidateAsync(response)).IsSuccess, Is.True);
        Assert.That((await validator.ValidateAsync(response)).IsSuccess, Is.False, "accepted at most once");
    }

    [Test]
    public async Task Validate_StoreDown_UnsolicitedResponse_IsRefusedWithOneTimeUnavailable()
    {
        var (validator, store) = Create(allowUnsolicited: true);
        store.Down = true;

        var refused = await validator.ValidateAsync(SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = null }.Signed()));

        Assert.That(refused.IsSuccess, Is.False);
        Assert.That(refused.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
    }
}
