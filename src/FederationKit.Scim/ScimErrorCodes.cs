namespace FederationKit.Scim;

/// <summary>Stable codes of every refusal of the SCIM package; each maps to one HTTP status and RFC 7644 §3.12 <c>scimType</c>.</summary>
public static class ScimErrorCodes
{
    /// <summary>The filter is not valid RFC 7644 §3.4.2.2 syntax, too long or too deeply nested (400, <c>invalidFilter</c>).</summary>
    public const string InvalidFilter = "scim.invalid_filter";

    /// <summary>A PATCH path or attribute path is malformed or names no attribute of the resource type (400, <c>invalidPath</c>).</summary>
    public const string InvalidPath = "scim.invalid_path";

    /// <summary>A PATCH path with a value filter matched nothing (400, <c>noTarget</c>).</summary>
    public const string NoTarget = "scim.no_target";

    /// <summary>A value is missing, of the wrong type, or incompatible with the operation (400, <c>invalidValue</c>).</summary>
    public const string InvalidValue = "scim.invalid_value";

    /// <summary>The request tried to change a readOnly or immutable attribute (400, <c>mutability</c>).</summary>
    public const string Mutability = "scim.mutability";

    /// <summary>The body is not JSON, not an object, or lacks the schema the operation requires (400, <c>invalidSyntax</c>).</summary>
    public const string InvalidSyntax = "scim.invalid_syntax";

    /// <summary>A unique attribute (such as <c>userName</c> or <c>externalId</c>) is already used by another resource (409, <c>uniqueness</c>).</summary>
    public const string Uniqueness = "scim.uniqueness";

    /// <summary>The resource does not exist in this directory (404).</summary>
    public const string NotFound = "scim.not_found";

    /// <summary>The <c>If-Match</c> version is not the resource's current version (412).</summary>
    public const string PreconditionFailed = "scim.precondition_failed";

    /// <summary>The resource changed while it was being patched, more often than the processor retries (409).</summary>
    public const string Conflict = "scim.conflict";

    /// <summary>The bearer token is missing, malformed, unknown, revoked, or not a token of this directory (401); the refusal never says which.</summary>
    public const string Unauthorized = "scim.unauthorized";

    /// <summary>The request body is larger than the configured maximum (413).</summary>
    public const string PayloadTooLarge = "scim.payload_too_large";

    /// <summary>The token sent more requests than its rate limit allows (429, with <c>Retry-After</c>).</summary>
    public const string RateLimited = "scim.rate_limited";

    /// <summary>The endpoint or method is not supported by this service provider, such as bulk, sorting or <c>/Me</c> (501 or 405).</summary>
    public const string NotImplemented = "scim.not_implemented";

    /// <summary>A query parameter (<c>startIndex</c>, <c>count</c>, <c>attributes</c>) is malformed (400, <c>invalidValue</c>).</summary>
    public const string InvalidQuery = "scim.invalid_query";

    /// <summary>The filter would have the service provider evaluate more resources than it allows (<c>MaxFilterScan</c>), or a group with more members than it returns (400, <c>tooMany</c>); narrow the filter.</summary>
    public const string TooMany = "scim.too_many";
}
