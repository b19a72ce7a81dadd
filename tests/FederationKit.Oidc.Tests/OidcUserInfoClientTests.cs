using System.Net;
using System.Text;

namespace FederationKit.Oidc.Tests;

public sealed class OidcUserInfoClientTests
{
    private const string Issuer = "https://op.example";

    [Test]
    public async Task Get_UserInfoAboutAnotherSubject_IsRefused()
    {
        var (client, _) = Create("""{"sub":"someone-else","email":"x@acme-corp.com"}""");

        var result = await client.GetAsync("access-token", "carol");

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.UserInfoSubjectMismatch));
    }

    [Test]
    public async Task Get_SameSubject_ReturnsTheClaims_AndSendsTheTokenInTheHeaderOnly()
    {
        var (client, handler) = Create("""{"sub":"carol","email":"carol@acme-corp.com"}""");

        var result = await client.GetAsync("access-token", "carol");

        Assert.That(result.Value!["email"].GetString(), Is.EqualTo("carol@acme-corp.com"));
        Assert.That(handler.Last!.Headers.Authorization!.ToString(), Is.EqualTo("Bearer access-token"));
        Assert.That(handler.Last.RequestUri!.Query, Does.Not.Contain("access-token"));
    }

    [Test]
    public async Task Get_QueryOptIn_SendsTheTokenInTheQuery()
    {
        var (client, handler) = Create("""{"sub":"carol"}""", inQuery: true);

        await client.GetAsync("access-token", "carol");

        Assert.That(handler.Last!.Headers.Authorization, Is.Null);
        Assert.That(handler.Last.RequestUri!.Query, Is.EqualTo("?access_token=access-token"));
    }

    [Test]
    public async Task Get_SignedResponseNotVerifiable_IsRefused()
    {
        var (client, _) = Create("eyJhbGciOiJub25lIn0.eyJzdWIiOiJjYXJvbCJ9.", mediaType: "application/jwt");

        var result = await client.GetAsync("access-token", "carol");

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.UserInfoResponseInvalid));
    }

    [Test]
    public async Task Get_DuplicatedClaim_IsRefusedWithCode()
    {
        var (client, _) = Create("""{"sub":"carol","email":"carol@acme-corp.com","email":"cfo@acme-corp.com"}""");

        var result = await client.GetAsync("access-token", "carol");

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.ClaimDuplicated));
    }

    [TestCase("""{"alg":"RS256","crit":["urn:example:ext"],"urn:example:ext":1}""", """{"sub":"carol"}""", OidcErrorCodes.JwtCritUnsupported)]
    [TestCase("""{"alg":"RS256","crit":[]}""", """{"sub":"carol"}""", OidcErrorCodes.JwtCritInvalid)]
    [TestCase("""{"alg":"RS256"}""", """{"sub":"carol","sub":"cfo"}""", OidcErrorCodes.ClaimDuplicated)]
    [TestCase("""{"alg":"RS256"}""", """{"sub":"carol","exp":1e30}""", OidcErrorCodes.ClaimTimeInvalid)]
    public async Task Get_SignedResponseWithBrokenStructure_IsRefusedWithCode(string header, string payload, string code)
    {
        var jwt = B64(header) + "." + B64(payload) + "." + B64("not-a-signature");
        var (client, _) = Create(jwt, mediaType: "application/jwt");

        var result = await client.GetAsync("access-token", "carol");

        Assert.That(result.Error.Code, Is.EqualTo(code));
    }

    private static string B64(string text) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(text);

    [Test]
    public async Task Get_OversizedResponse_IsRefused()
    {
        var (client, _) = Create("{\"sub\":\"carol\",\"pad\":\"" + new string('x', 70_000) + "\"}");

        Assert.That((await client.GetAsync("access-token", "carol")).Error.Code, Is.EqualTo(OidcErrorCodes.UserInfoResponseInvalid));
    }

    private static (OidcUserInfoClient Client, StubHandler Handler) Create(string body, bool inQuery = false, string mediaType = "application/json")
    {
        var options = new OidcProviderOptions
        {
            Issuer = Issuer,
            ClientId = "client",
            UseDiscovery = false,
            UserInfoEndpoint = new Uri(Issuer + "/userinfo"),
            JwksJson = """{"keys":[]}""",
            SendUserInfoTokenInQuery = inQuery,
        };
        var handler = new StubHandler(body, mediaType);
        var http = new HttpClient(handler);
        return (new OidcUserInfoClient(options, new OidcProviderConfigurationSource(options, http, TimeProvider.System), http), handler);
    }

    private sealed class StubHandler(string body, string mediaType) : HttpMessageHandler
    {
        public HttpRequestMessage? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, mediaType) });
        }
    }
}
