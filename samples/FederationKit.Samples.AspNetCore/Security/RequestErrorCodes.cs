namespace FederationKit.Samples.AspNetCore.Security;

/// <summary>
/// The sample's own refusal codes for requests it turns away before any FederationKit call. They are the sample's, not
/// FederationKit's (like the other <c>sample.*</c> codes of the admin pages), so docs/errors.md does not list them; they are
/// stable all the same: the sample's tests assert them.
/// </summary>
internal static class RequestErrorCodes
{
    /// <summary>A state-changing request (POST and other unsafe methods) without a valid antiforgery token: a forged or expired form.</summary>
    public const string AntiforgeryFailed = "request.antiforgery_failed";

    /// <summary>A required form field is missing or empty.</summary>
    public const string FieldMissing = "request.field_missing";

    /// <summary>The request could not be read (a malformed form or a value of the wrong type).</summary>
    public const string Invalid = "request.invalid";
}
