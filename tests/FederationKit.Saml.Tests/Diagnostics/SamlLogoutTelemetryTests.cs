using System.Diagnostics;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Tests.Logout;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace FederationKit.Saml.Tests.Diagnostics;

/// <summary>The saml.logout.validate span and the logout refusal log event.</summary>
public sealed class SamlLogoutTelemetryTests
{
    [Test]
    public async Task ValidateLogoutResponse_AcceptedThenReplayed_RecordsAnOkAndAnErrorSpanAndLogsTheRefusal()
    {
        using var capture = new TelemetryCapture();
        var harness = new SamlValidatorHarness();
        harness.Sp.SingleLogoutUrl = IdpLogoutMessages.SpSloUrl;
        harness.Idp.SingleLogoutUrl = new Uri(IdpLogoutMessages.IdpSloUrl);
        var logout = new SamlLogoutService(harness.Sp, harness.Idp, harness.Store, harness.Clock, capture.CreateLogger<SamlLogoutService>());
        var nameId = new SamlNameId("dana.logout@acme-corp.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", null, null);
        var request = await logout.CreateLogoutRequestAsync(new SamlLogoutRequestOptions { NameId = nameId, SessionIndex = "_s1" }, SamlTestKeys.Sp);
        var answer = "?" + IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response(request.Value.RequestId, IdpLogoutMessages.SuccessStatus), null, SamlTestKeys.Idp);

        var accepted = await logout.ValidateLogoutResponseAsync(answer);
        var again = await logout.ValidateLogoutResponseAsync(answer);

        Assert.That((accepted.IsSuccess, again.Error.Code), Is.EqualTo((true, SamlErrorCodes.InResponseToUnknown)));
        var spans = capture.SpansNamed("saml.logout.validate");
        Assert.Multiple(() =>
        {
            Assert.That(spans.Select(s => s.Status), Is.EqualTo(new[] { ActivityStatusCode.Unset, ActivityStatusCode.Error }));
            Assert.That(spans[1].StatusDescription, Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
            Assert.That(spans.Select(s => s.GetTagItem("federationkit.saml.message")), Is.All.EqualTo("LogoutResponse"));
            var line = capture.Logs.Single();
            Assert.That((line.EventId.Id, line.EventId.Name, line.Level), Is.EqualTo((5010, "SamlLogoutRefused", LogLevel.Information)));
            var text = capture.AllText();
            Assert.That(text, Does.Not.Contain("dana.logout"));
            Assert.That(text, Does.Not.Contain(answer[1..40]));
        });
    }
}
