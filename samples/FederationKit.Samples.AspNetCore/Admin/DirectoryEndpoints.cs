using FederationKit.Directories;
using FederationKit.Saml.Metadata;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>Directories, domain links, IdP profiles (OIDC and SAML settings), activation and sign-in settings.</summary>
internal static class DirectoryEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/admin/directories", (HttpContext context, DirectoryService directories, [FromForm] string directoryName) =>
            AdminContext.RunAsync(context, admin => directories.CreateDirectoryAsync(admin.Owner, admin.Actor, directoryName, DirectoryIdentityType.Federated, cancellationToken: context.RequestAborted)));

        app.MapPost("/admin/directories/{id:guid}/link", (HttpContext context, DirectoryService directories, Guid id, [FromForm] string domain) =>
            AdminContext.RunAsync(context, async admin => await OwnedAsync(directories, admin, id) is { } error ? error : await directories.LinkDomainAsync(new DirectoryId(id), admin.Actor, domain, context.RequestAborted)));

        app.MapPost("/admin/directories/{id:guid}/oidc", (HttpContext context, DirectoryService directories, IdpProfileService profiles, Guid id,
            [FromForm] string profileName, [FromForm] string issuer, [FromForm] string clientId, [FromForm] string clientSecret, [FromForm] string? groupsClaim, [FromForm] string? usernameClaim,
            [FromForm] string? authorizationEndpoint, [FromForm] string? tokenEndpoint, [FromForm] string? jwksUri, [FromForm] string? userInfoEndpoint, [FromForm] string? endSessionEndpoint, [FromForm] bool? trustEmailWithoutVerifiedClaim) =>
            AdminContext.RunAsync(context, async admin =>
            {
                if (await OwnedAsync(directories, admin, id) is { } error)
                {
                    return error;
                }

                if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
                {
                    return new FederationError("sample.issuer_invalid", "The issuer must be an absolute URL such as https://login.example.com/.");
                }

                // Explicit endpoints replace discovery when the three required ones are given.
                var manual = OptionalUri(authorizationEndpoint) is { } authorize && OptionalUri(tokenEndpoint) is { } token && OptionalUri(jwksUri) is { } keys
                    ? (Authorize: authorize, Token: token, Keys: keys)
                    : default;
                if (manual == default && !string.IsNullOrWhiteSpace(authorizationEndpoint + tokenEndpoint + jwksUri))
                {
                    return new FederationError("sample.endpoints_incomplete", "Explicit endpoints need the authorization, token and JWKS URLs, each absolute.");
                }

                return await profiles.AddOidcProfileAsync(new DirectoryId(id), admin.Actor, profileName, new NewOidcProfile
                {
                    Settings = new OidcIdpSettings
                    {
                        Issuer = issuerUri,
                        ClientId = clientId,
                        GroupsClaim = string.IsNullOrWhiteSpace(groupsClaim) ? null : groupsClaim.Trim(),
                        UsernameClaim = string.IsNullOrWhiteSpace(usernameClaim) ? null : usernameClaim.Trim(),
                        UseDiscovery = manual == default,
                        AuthorizationEndpoint = manual.Authorize,
                        TokenEndpoint = manual.Token,
                        JwksUri = manual.Keys,
                        UserInfoEndpoint = OptionalUri(userInfoEndpoint),
                        EndSessionEndpoint = OptionalUri(endSessionEndpoint),
                        TrustEmailWithoutVerifiedClaim = trustEmailWithoutVerifiedClaim ?? false,
                    },
                    ClientSecret = clientSecret,
                }, context.RequestAborted);
            }));

        app.MapPost("/admin/directories/{id:guid}/saml", (HttpContext context, DirectoryService directories, IdpProfileService profiles, SamlIdpMetadataClient metadata, TimeProvider time, Guid id,
            [FromForm] string profileName, [FromForm] string? metadataUrl, IFormFile? metadataFile, [FromForm] string? entityId, [FromForm] string? ssoUrl, [FromForm] string? certificate, [FromForm] bool? requireEncryption, [FromForm] bool? allowIdpInitiated) =>
            AdminContext.RunAsync(context, async admin =>
            {
                if (await OwnedAsync(directories, admin, id) is { } error)
                {
                    return error;
                }

                var settings = await SamlSettingsAsync(metadata, time, metadataUrl, metadataFile, entityId, ssoUrl, certificate, context.RequestAborted);
                return settings.IsFailure
                    ? settings.Error
                    : await profiles.AddSamlProfileAsync(new DirectoryId(id), admin.Actor, profileName, settings.Value with { WantEncryptedAssertions = requireEncryption == true, AllowIdpInitiatedSignIn = allowIdpInitiated == true }, context.RequestAborted);
            }));

        app.MapPost("/admin/profiles/{id:guid}/activate", (HttpContext context, IdpProfileService profiles, SignInRouter router, Guid id, [FromForm] bool? force) =>
            AdminContext.RunAsync(context, async admin =>
            {
                if (!await admin.OwnsProfileAsync(context, new IdpProfileId(id)))
                {
                    return AdminContext.ProfileNotOwned();
                }

                var activated = await profiles.ActivateProfileAsync(new IdpProfileId(id), admin.Actor, force == true, context.RequestAborted);
                await router.RefreshAsync(context.RequestAborted);
                return activated;
            }));

        app.MapPost("/admin/directories/{id:guid}/settings", (HttpContext context, DirectoryService directories, DirectorySignInSettingsService settings, SignInRouter router, Guid id,
            [FromForm] bool? ssoEnforced, [FromForm] string? joinMode, [FromForm] string? groupMappings, [FromForm] string? defaultGroups) =>
            AdminContext.RunAsync(context, async admin =>
            {
                if (await OwnedAsync(directories, admin, id) is { } error)
                {
                    return error;
                }

                var mappings = (groupMappings ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
                    .Where(parts => parts.Length == 2)
                    .Select(parts => new GroupMapping(parts[0], parts[1]))
                    .ToArray();
                var groups = (defaultGroups ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var updated = await settings.UpdateAsync(new DirectoryId(id), admin.Actor, s => s with
                {
                    SsoEnforced = ssoEnforced == true,
                    JoinMode = joinMode == nameof(JoinMode.InvitationOnly) ? JoinMode.InvitationOnly : JoinMode.Automatic,
                    GroupMappings = [.. mappings],
                    Defaults = s.Defaults with { Groups = [.. groups] },
                }, context.RequestAborted);
                await router.RefreshAsync(context.RequestAborted);
                return updated;
            }));
    }

    private static Uri? OptionalUri(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>A SAML profile's settings from the IdP metadata URL, an uploaded metadata file, or the three parameters.</summary>
    private static async Task<Result<SamlIdpSettings>> SamlSettingsAsync(SamlIdpMetadataClient metadata, TimeProvider time, string? metadataUrl, IFormFile? metadataFile,
        string? entityId, string? ssoUrl, string? certificate, CancellationToken cancellationToken)
    {
        var read = new SamlIdpMetadataReadOptions { EntityId = string.IsNullOrWhiteSpace(entityId) ? null : entityId.Trim() };
        if (!string.IsNullOrWhiteSpace(metadataUrl))
        {
            if (!Uri.TryCreate(metadataUrl.Trim(), UriKind.Absolute, out var url))
            {
                return new FederationError("sample.metadata_url_invalid", "The metadata URL must be an absolute URL.");
            }

            // The profile keeps the URL: the background workers follow the IdP's key rollovers from it.
            return await metadata.ImportAsync(url, read, cancellationToken: cancellationToken);
        }

        if (metadataFile is { Length: > 0 })
        {
            if (metadataFile.Length > read.MaxLength)
            {
                return new FederationError(SamlMetadataErrorCodes.Malformed, "The metadata file is larger than 1 MiB.");
            }

            using var reader = new StreamReader(metadataFile.OpenReadStream());
            var parsed = SamlIdpMetadataReader.Read(await reader.ReadToEndAsync(cancellationToken), read, time.GetUtcNow());
            return parsed.IsFailure ? parsed.Error : parsed.Value.ToProfileSettings();
        }

        if (string.IsNullOrWhiteSpace(entityId) || !Uri.TryCreate(ssoUrl, UriKind.Absolute, out var sso) || string.IsNullOrWhiteSpace(certificate))
        {
            return new FederationError("sample.saml_settings_missing", "Give the IdP metadata URL or file, or the entity ID, an absolute SSO URL and the signing certificate.");
        }

        var base64 = string.Concat(certificate.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).Select(l => l.Trim()));
        return new SamlIdpSettings { EntityId = entityId.Trim(), SsoUrlRedirect = sso, SigningCertificates = [base64] };
    }

    private static async Task<FederationError?> OwnedAsync(DirectoryService directories, AdminContext admin, Guid id)
    {
        var directory = await directories.GetDirectoryAsync(new DirectoryId(id), admin.Actor);
        return directory.IsSuccess && directory.Value.Owner == admin.Owner
            ? null
            : new FederationError(DirectoryErrorCodes.NotFound, "No such directory among yours.");
    }
}
