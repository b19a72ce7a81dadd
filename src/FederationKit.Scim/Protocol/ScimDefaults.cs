namespace FederationKit.Scim;

/// <summary>Defaults and protocol constants of the SCIM package, spelled as RFC 7643 and RFC 7644 spell them.</summary>
public static class ScimDefaults
{
    /// <summary>The default of <see cref="ScimProcessorOptions.MaxResults"/>.</summary>
    public const int MaxResults = 100;

    /// <summary>The default of <see cref="ScimProcessorOptions.MaxPatchOperations"/>.</summary>
    public const int MaxPatchOperations = 100;

    /// <summary>The default of <see cref="ScimProcessorOptions.PatchAttempts"/>.</summary>
    public const int PatchAttempts = 8;

    /// <summary>The media type of SCIM messages.</summary>
    public const string MediaType = "application/scim+json";

    /// <summary>The schema URN of error messages.</summary>
    public const string ErrorUrn = "urn:ietf:params:scim:api:messages:2.0:Error";

    /// <summary>The schema URN of list responses.</summary>
    public const string ListResponseUrn = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    /// <summary>The schema URN of PATCH requests.</summary>
    public const string PatchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    /// <summary>The core User schema URN.</summary>
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

    /// <summary>The core Group schema URN.</summary>
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>The enterprise User extension URN.</summary>
    public const string EnterpriseUserSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
}
