using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FederationKit.Directories;

namespace FederationKit.Tests.Directories;

/// <summary>Key pairs FederationKit generates for an OIDC profile's private_key_jwt: secret port, JWKS, rollover.</summary>
public sealed class IdpProfileClientKeyTests
{
    private static readonly string[] PrivateParameters = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    [TestCase(OidcClientKeyAlgorithm.Rsa2048, "RSA", "RS256")]
    [TestCase(OidcClientKeyAlgorithm.Rsa3072, "RSA", "RS256")]
    [TestCase(OidcClientKeyAlgorithm.EcdsaP256, "EC", "ES256")]
    public async Task AddOidcProfile_GenerateClientKey_KeepsPrivateKeyInSecretStoreAndPublishesOnlyThePublicKey(OidcClientKeyAlgorithm algorithm, string kty, string alg)
    {
        var (context, profile) = await GeneratedAsync(algorithm);

        var jwks = (await context.ProfileService.GetClientJwksAsync(profile.Id)).Value;

        var key = Keys(jwks).Single();
        Assert.That((key.GetProperty("kty").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("use").GetString()), Is.EqualTo((kty, alg, "sig")));
        Assert.That(key.EnumerateObject().Select(p => p.Name), Has.None.AnyOf(PrivateParameters));
        Assert.That(key.GetProperty("kid").GetString(), Is.EqualTo(Rfc7638Thumbprint(key)));
        Assert.That(profile.HasPrivateKey && !profile.HasClientSecret, Is.True);
        Assert.That(profile.Oidc!.ClientPublicKey!.KeyId, Is.EqualTo(key.GetProperty("kid").GetString()));
        Assert.That(jwks, Does.Not.Contain("PRIVATE"));

        // The private half is only in the secret store, and it is the pair of the published key.
        var pem = await PrivateKeyAsync(context, profile.Id);
        var data = Encoding.UTF8.GetBytes("client assertion");
        Assert.That(VerifiesWithPublished(key, data, Sign(pem, kty, data)), Is.True);
    }

    [Test]
    public async Task GenerateClientKeyPair_RsaKey_Has2048BitsAtLeast()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);

        using var rsa = RSA.Create();
        rsa.ImportFromPem(await PrivateKeyAsync(context, profile.Id));

        Assert.That(rsa.KeySize, Is.EqualTo(2048));
    }

    [Test]
    public async Task GenerateClientKeyPair_WithoutOverlap_RemovesTheOldKidAndDeletesTheOldPrivateKey()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);
        var oldKid = profile.Oidc!.ClientPublicKey!.KeyId;
        var oldReference = (await context.Profiles.FindAsync(profile.Id))!.Oidc!.PrivateKeyReference!.Value;

        var regenerated = await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, OidcClientKeyAlgorithm.EcdsaP256);

        var kids = Keys((await context.ProfileService.GetClientJwksAsync(profile.Id)).Value).Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.That(kids, Is.EqualTo(new[] { regenerated.Value.Oidc!.ClientPublicKey!.KeyId }));
        Assert.That(kids, Does.Not.Contain(oldKid));
        Assert.That(await context.Secrets.ReadAsync(oldReference), Is.Null);
        Assert.That(regenerated.Value.Oidc.PreviousClientPublicKey, Is.Null);
        Assert.That(context.Events.OfType<IdpProfileChanged>()[^1].Type, Is.EqualTo(DirectoryEventTypes.ProfileClientKeyGenerated));
    }

    [Test]
    public async Task GenerateClientKeyPair_WithOverlap_PublishesBothUntilConfirmed()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);
        var oldKid = profile.Oidc!.ClientPublicKey!.KeyId;
        var oldReference = (await context.Profiles.FindAsync(profile.Id))!.Oidc!.PrivateKeyReference!.Value;

        var newKid = (await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, OidcClientKeyAlgorithm.Rsa2048, keepPreviousUntilConfirmed: true)).Value.Oidc!.ClientPublicKey!.KeyId;
        var during = await KidsAsync(context, profile.Id);
        var confirmed = await context.ProfileService.ConfirmClientKeyRolloverAsync(profile.Id, context.Admin);
        var after = await KidsAsync(context, profile.Id);

        Assert.That(during, Is.EqualTo(new[] { newKid, oldKid }), "the new key first, the old one still published");
        Assert.That(await context.Secrets.ReadAsync(oldReference), Is.Null, "the old private key never signs again, so it is not kept");
        Assert.That(confirmed.IsSuccess, Is.True);
        Assert.That(after, Is.EqualTo(new[] { newKid }));
        Assert.That(context.Events.OfType<IdpProfileChanged>()[^1].Type, Is.EqualTo(DirectoryEventTypes.ProfileClientKeyRolloverConfirmed));
    }

    [Test]
    public async Task GenerateClientKeyPair_TwiceBeforeConfirming_KeepsPublishingTheKeyConfirmedBefore()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);
        var confirmedKid = profile.Oidc!.ClientPublicKey!.KeyId;
        await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, OidcClientKeyAlgorithm.EcdsaP256, keepPreviousUntilConfirmed: true);

        var newest = (await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, OidcClientKeyAlgorithm.EcdsaP256, keepPreviousUntilConfirmed: true)).Value.Oidc!.ClientPublicKey!.KeyId;

        Assert.That(await KidsAsync(context, profile.Id), Is.EqualTo(new[] { newest, confirmedKid }));
    }

    [Test]
    public async Task ConfirmClientKeyRollover_NothingPending_IsRefused()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);

        var confirmed = await context.ProfileService.ConfirmClientKeyRolloverAsync(profile.Id, context.Admin);

        Assert.That(confirmed.Error.Code, Is.EqualTo(DirectoryErrorCodes.ClientKeyNoRollover));
    }

    [Test]
    public async Task GenerateClientKeyPair_ProfileWithClientSecret_SwitchesToTheKeyAndDeletesTheSecret()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        var secretReference = (await context.Profiles.FindAsync(profile.Id))!.Oidc!.ClientSecretReference!.Value;

        var switched = (await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, OidcClientKeyAlgorithm.EcdsaP256, keepPreviousUntilConfirmed: true)).Value;

        Assert.That((switched.HasClientSecret, switched.HasPrivateKey), Is.EqualTo((false, true)));
        Assert.That(await context.Secrets.ReadAsync(secretReference), Is.Null);
        Assert.That(await KidsAsync(context, profile.Id), Has.Count.EqualTo(1), "a client secret has no public key to keep publishing");
    }

    [Test]
    public async Task GetClientJwks_ProfileWithoutGeneratedKey_IsRefusedWithCode()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;

        Assert.That((await context.ProfileService.GetClientJwksAsync(profile.Id)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ClientKeyMissing));
        Assert.That((await context.ProfileService.GetClientJwksAsync(IdpProfileId.New())).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotFound));
    }

    [Test]
    public async Task AddOidcProfile_PemAndGeneratedKey_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var input = DirectoryTestContext.ValidOidc() with { ClientSecret = null, PrivateKeyPem = "-----BEGIN PRIVATE KEY-----x", GenerateClientKey = OidcClientKeyAlgorithm.Rsa2048 };

        var added = await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", input);

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "clientCredentials")));
    }

    [Test]
    public async Task GenerateClientKeyPair_UndefinedAlgorithm_IsRefused()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);

        var result = await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, (OidcClientKeyAlgorithm)99);

        Assert.That(result.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSettingsInvalid));
    }

    [Test]
    public async Task AddOidcProfile_PublicKeyGivenByTheCaller_IsIgnored()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var foreign = new OidcClientPublicKey { KeyId = "attacker", Algorithm = "RS256", KeyType = "RSA", Modulus = "AQAB", Exponent = "AQAB", CreatedAt = context.Clock.GetUtcNow() };
        var input = DirectoryTestContext.ValidOidc();
        input = input with { Settings = input.Settings with { ClientPublicKey = foreign, PreviousClientPublicKey = foreign } };

        var added = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", input)).Value;

        Assert.That((added.Oidc!.ClientPublicKey, added.Oidc.PreviousClientPublicKey), Is.EqualTo(((OidcClientPublicKey?)null, (OidcClientPublicKey?)null)));
    }

    [Test]
    public async Task UpdateOidcSettings_WithoutNewCredential_KeepsTheGeneratedKey_AndANewSecretDropsIt()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.Rsa2048);
        var kid = profile.Oidc!.ClientPublicKey!.KeyId;
        var settings = DirectoryTestContext.ValidOidc().Settings with { ClientId = "renamed-client", ClientPublicKey = null };

        var kept = (await context.ProfileService.UpdateOidcSettingsAsync(profile.Id, context.Admin, new NewOidcProfile { Settings = settings })).Value;
        var keptKids = await KidsAsync(context, profile.Id);
        var replaced = (await context.ProfileService.UpdateOidcSettingsAsync(profile.Id, context.Admin, new NewOidcProfile { Settings = settings, ClientSecret = "new-secret" })).Value;

        Assert.That((kept.Oidc!.ClientId, kept.HasPrivateKey, keptKids.Single()), Is.EqualTo(("renamed-client", true, kid)));
        Assert.That((replaced.HasClientSecret, replaced.HasPrivateKey, replaced.Oidc!.ClientPublicKey), Is.EqualTo((true, false, (OidcClientPublicKey?)null)));
        Assert.That((await context.ProfileService.GetClientJwksAsync(profile.Id)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ClientKeyMissing));
    }

    [Test]
    public async Task OidcIdpSettings_WithGeneratedKeys_RoundTripsThroughJsonAsStoresKeepIt()
    {
        var (context, profile) = await GeneratedAsync(OidcClientKeyAlgorithm.EcdsaP256);
        await context.ProfileService.GenerateClientKeyPairAsync(profile.Id, context.Admin, OidcClientKeyAlgorithm.Rsa2048, keepPreviousUntilConfirmed: true);
        var stored = (await context.Profiles.FindAsync(profile.Id))!.Oidc! with { SendUserInfoTokenInQuery = true };

        var copy = JsonSerializer.Deserialize<OidcIdpSettings>(JsonSerializer.Serialize(stored))!;

        Assert.That((copy.ClientPublicKey, copy.PreviousClientPublicKey, copy.PrivateKeyReference, copy.SendUserInfoTokenInQuery),
            Is.EqualTo((stored.ClientPublicKey, stored.PreviousClientPublicKey, stored.PrivateKeyReference, true)));
    }

    [Test]
    public void OidcIdpSettings_SendUserInfoTokenInQuery_IsOffByDefault() =>
        Assert.That(DirectoryTestContext.ValidOidc().Settings.SendUserInfoTokenInQuery, Is.False);

    private static async Task<(DirectoryTestContext Context, IdpProfileView Profile)> GeneratedAsync(OidcClientKeyAlgorithm algorithm)
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var input = DirectoryTestContext.ValidOidc() with { ClientSecret = null, GenerateClientKey = algorithm };
        var added = await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", input);
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        return (context, added.Value);
    }

    private static async Task<string> PrivateKeyAsync(DirectoryTestContext context, IdpProfileId id) =>
        (await context.Secrets.ReadAsync((await context.Profiles.FindAsync(id))!.Oidc!.PrivateKeyReference!.Value))!;

    private static async Task<List<string?>> KidsAsync(DirectoryTestContext context, IdpProfileId id) =>
        [.. Keys((await context.ProfileService.GetClientJwksAsync(id)).Value).Select(k => k.GetProperty("kid").GetString())];

    private static List<JsonElement> Keys(string jwks) => [.. JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray()];

    /// <summary>RFC 7638 §3: the required members in lexicographic order, no whitespace, SHA-256, base64url.</summary>
    private static string Rfc7638Thumbprint(JsonElement jwk)
    {
        var members = jwk.GetProperty("kty").GetString() == "RSA" ? new[] { "e", "kty", "n" } : ["crv", "kty", "x", "y"];
        var json = "{" + string.Join(',', members.Select(m => $"\"{m}\":\"{jwk.GetProperty(m).GetString()}\"")) + "}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private static byte[] Sign(string pem, string kty, byte[] data)
    {
        if (kty == "RSA")
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return ec.SignData(data, HashAlgorithmName.SHA256);
    }

    private static bool VerifiesWithPublished(JsonElement jwk, byte[] data, byte[] signature)
    {
        if (jwk.GetProperty("kty").GetString() == "RSA")
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = B64(jwk, "n"), Exponent = B64(jwk, "e") });
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        using var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = B64(jwk, "x"), Y = B64(jwk, "y") } });
        return ec.VerifyData(data, signature, HashAlgorithmName.SHA256);
    }

    private static byte[] B64(JsonElement jwk, string name) => Base64Url.DecodeFromChars(jwk.GetProperty(name).GetString());
}
